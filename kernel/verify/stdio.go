package verify

// The standard handles and the C runtime's output (docs/scenario-language.md,
// "Standard handles and the console") in the translation. Kept in a file of
// its own so that it merges with other work on translate.go: it only adds
// entries to its tables.
//
// printf and its relatives become the real C functions, so that a child
// whose standard output is a pipe (STARTF_USESTDHANDLES, lesson
// 5-14-redirect-output, goldens 60 and 67) writes into the pipe under Wine
// as on Windows, and its parent's ReadFile reads the same bytes as in the
// model. Output to the console lands in wine.out, which nothing compares.
func init() {
	win32["GetStdHandle"] = retHandle
	win32["SetStdHandle"] = retBool
	for _, n := range []string{"printf", "wprintf", "puts", "fflush", "fprintf", "fwprintf", "fputs", "fputws", "_putws"} {
		helpers[n] = ""
	}
	// A Unicode build, as the harness is: the TCHAR forms are the wide ones.
	helpers["_tprintf"] = "wprintf"
	helpers["_putts"] = "_putws"
	helpers["_ftprintf"] = "fwprintf"
	helpers["_fputts"] = "fputws"
}
