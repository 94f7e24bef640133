package verify

import "path/filepath"

// Known is a documented difference: where Wine is known to differ from
// Windows (the model follows Windows), where a value is not comparable
// between the two runs, or a known model limitation being fixed elsewhere.
// The oracle reports such a step as an expected difference, never
// silently; docs/verification.md lists each with its source.
type Known struct {
	ID     string
	Source string // the Wine conformance test, Microsoft page, WRK, or issue
	Reason string
}

var (
	terminateExited = &Known{"wine-terminate-exited",
		"WRK base/ntos/ps/psdelete.c, NtTerminateProcess: STATUS_PROCESS_IS_TERMINATING for a process that has exited, which RtlNtStatusToDosError makes ERROR_ACCESS_DENIED",
		"Wine returns TRUE for TerminateProcess on a process that has exited; Windows fails with ERROR_ACCESS_DENIED, as the model does"}
	absoluteValue = &Known{"absolute-value",
		"this oracle: Wine's processes hold about 16 handles of their own, and Wine numbers PIDs its own way",
		"the scenario writes a model handle value or PID as a number (GrantedAccess(4), SetEvent((HANDLE)4), OpenProcess(…, 1032)) or turns one into text (its length); only `h == N` comparisons are checked through the renaming"}
	timeNotModelled = &Known{"time-not-modelled",
		"docs/scenario-language.md, Waiting calls: time is not modelled",
		"a finite timeout the model ends at once (WAIT_TIMEOUT) really waits under Wine, so a release made later by another process satisfies it"}
	systemProcesses = &Known{"system-processes",
		"Microsoft, \"Process32Next function\": the snapshot lists every process in the system",
		"Wine's own processes (services.exe, winedevice.exe, …) are in Toolhelp's list, so a loop over it runs more often"}
	handleLimit = &Known{"handle-limit-meta",
		"docs/scenario-language.md, `// handle-limit: N` (a model-only setting for the lesson about the limit)",
		"the scenario sets a small per-process handle limit in the model; Wine has the real one"}
	mailslotSharing = &Known{"wine-mailslot-sharing",
		"Wine dlls/kernel32/tests/mailslot.c, mailslot_test: a second writer that does not share write access with the first \"succeeds on vista, don't test\"",
		"Wine applies the share mode to mailslot clients (as Windows XP did) and fails the second writer with ERROR_SHARING_VIOLATION; since Windows Vista it opens, as in the model"}
	processAttributesInherit = &Known{"wine-process-attributes-inherit",
		"Microsoft, \"CreateProcessW function\", lpProcessAttributes: the SECURITY_ATTRIBUTES \"determines whether the returned handle to the new process object can be inherited by child processes\"",
		"Wine ignores bInheritHandle of lpProcessAttributes (pi.hProcess is not inheritable); the model follows the documented behaviour, and the later steps of the golden follow from it"}
	createProcessSlots = &Known{"wine-createprocess-slots",
		"Windows Internals, 7th ed., part 1, ch. 3, \"Flow of CreateProcess\": since Windows Vista NtCreateUserProcess opens the image file in kernel mode, so no handle of the caller's is used for it",
		"Wine's CreateProcess holds temporary handles in the caller's table while it starts the process, so pi.hProcess does not take the lowest free slot there; on Windows, as in the model, it does"}
	duplicateNullTarget = &Known{"wine-duplicate-null-target",
		"Microsoft, \"DuplicateHandle function\", hTargetProcessHandle: \"optional and can be specified as NULL if the DUPLICATE_CLOSE_SOURCE flag is set\" (ZwDuplicateObject says the same)",
		"DuplicateHandle(hProcess, h, NULL, NULL, 0, FALSE, DUPLICATE_CLOSE_SOURCE) closes a handle in another process; Wine 8 fails it with ERROR_INVALID_HANDLE and the handle stays open, the model closes it and returns TRUE as documented"}
	pipeQuota = &Known{"pipe-quota-not-modelled",
		"Wine dlls/kernel32/tests/pipe.c, test_blocking_rw (passes on Windows): a write that does not fit in the pipe's quota waits until the reader has read enough; the model's pipe buffers are unbounded (kernel/ipc.go, WriteData)",
		"a MODEL LIMITATION, not a Wine one: a named pipe made with buffer sizes 0 makes WriteFile wait until the other end reads, on Windows as in Wine; the model returns at once. Listed so that the rest of the scenario is compared; making writes wait is a model change left to the lead"}
	consoleHandles = &Known{"console-handles",
		"docs/scenario-language.md, \"Standard handles and the console\": the model gives a console's standard handles the values Windows gave up to Windows 7 (0x3, 0x7, 0xB), which are not entries of the handle table",
		"Wine, like Windows 8 and later, makes console handles real entries of the table (and a new console's child holds handles of its console's process), so GetStdHandle's values and a new-console child's table differ from the model's"}
	consoleInput = &Known{"console-input-meta",
		"docs/scenario-language.md, \"Standard handles and the console\" (`// stdin.NAME:` is the lesson typing into a console)",
		"the lesson's typed console input is model-only; under Wine nobody types, so what fgets reads differs"}
	waitAllDuplicate = &Known{"wine-wait-all-duplicate",
		"WRK base/ntos/ob/obwait.c and ReactOS ntoskrnl/ob/obwait.c, NtWaitForMultipleObjects: the same object twice with WaitAll fails with STATUS_INVALID_PARAMETER_MIX (ERROR_INVALID_PARAMETER)",
		"Wine's server does not check for the same object twice in a wait-all, so the wait returns (WAIT_TIMEOUT with a zero timeout) where Windows and the model fail it with ERROR_INVALID_PARAMETER"}
	cLanguage = &Known{"scenario-not-c",
		"docs/scenario-language.md (strings are text: == compares it; a wide literal is accepted by an A function)",
		"the scenario language is looser than C where the statement is about strings, so the C program does something else"}
)

// KnownDifferences are the documented differences, in the order
// docs/verification.md lists them.
var KnownDifferences = []*Known{terminateExited, mailslotSharing, processAttributesInherit, createProcessSlots, duplicateNullTarget,
	waitAllDuplicate, absoluteValue, timeNotModelled, systemProcesses, handleLimit, consoleHandles, consoleInput, cLanguage, pipeQuota}

// knownAt names, per golden and line, the differences that are explained.
// A difference on a line not listed here is reported as a disagreement.
var knownAt = map[string]map[int]*Known{
	// lessons
	"02-duplicate.scn":         {40: absoluteValue, 45: absoluteValue, 48: absoluteValue, 51: absoluteValue},
	"1-01-handle-table.scn":    {23: absoluteValue},
	"1-02-usage-count.scn":     {53: createProcessSlots},
	"1-19-handle-leak.scn":     {22: handleLimit, 32: handleLimit},
	"2-04-choose-inherit.scn":  {64: absoluteValue, 67: absoluteValue, 87: absoluteValue, 90: absoluteValue},
	"2-05-tell-child.scn":      {55: absoluteValue},
	"3-07-move-handle.scn":     {43: absoluteValue, 54: duplicateNullTarget, 57: duplicateNullTarget, 60: duplicateNullTarget, 65: duplicateNullTarget},
	"3-08-broker.scn":          {36: absoluteValue, 39: absoluteValue, 45: absoluteValue, 48: absoluteValue, 59: absoluteValue, 62: absoluteValue, 67: absoluteValue, 70: absoluteValue},
	"3-09-pseudo-handle.scn":   {55: absoluteValue},
	"3-11-single-instance.scn": {52: absoluteValue, 55: absoluteValue},
	"4-18-kill-process.scn":    {41: systemProcesses},
	// goldens
	"02_seed_paste.scn":             {97: absoluteValue, 98: absoluteValue, 106: absoluteValue, 109: absoluteValue, 112: absoluteValue},
	"03_duplicate.scn":              {44: absoluteValue, 45: absoluteValue, 48: absoluteValue},
	"08_semaphore.scn":              {14: timeNotModelled, 22: timeNotModelled, 23: timeNotModelled},
	"09_wait_process.scn":           {25: absoluteValue, 37: terminateExited},
	"10_exit.scn":                   {19: absoluteValue},
	"12_pipe.scn":                   {48: absoluteValue, 59: absoluteValue},
	"13_named_pipe.scn":             {24: pipeQuota},
	"14_mailslot_env.scn":           {28: absoluteValue, 29: absoluteValue},
	"15_toolhelp.scn":               {23: systemProcesses},
	"17_deadlock.scn":               {16: absoluteValue, 20: absoluteValue, 22: absoluteValue, 23: absoluteValue, 26: absoluteValue},
	"18_grandchild.scn":             {15: processAttributesInherit, 19: processAttributesInherit, 22: processAttributesInherit, 26: processAttributesInherit, 29: processAttributesInherit, 36: processAttributesInherit},
	"19_handle_limit.scn":           {13: handleLimit, 15: handleLimit},
	"20_coverage.scn":               {17: cLanguage, 75: cLanguage, 80: cLanguage, 81: cLanguage, 100: cLanguage},
	"30_pipe_inherit_write.scn":     {39: absoluteValue, 40: absoluteValue},
	"33_named_pipe_busy.scn":        {32: pipeQuota, 50: pipeQuota, 81: pipeQuota},
	"34_mailslot_two_writers.scn":   {34: mailslotSharing, 38: mailslotSharing, 51: mailslotSharing, 54: mailslotSharing, 58: mailslotSharing},
	"35_toolhelp_kill.scn":          {31: systemProcesses},
	"36_pipe_client_closes.scn":     {15: pipeQuota},
	"37_named_pipe_retry_loop.scn":  {22: pipeQuota, 37: pipeQuota},
	"42_handle_through_pipe.scn":    {36: absoluteValue},
	"60_redirected_printf.scn":      {10: consoleHandles, 11: consoleHandles},
	"62_handle_on_command_line.scn": {15: absoluteValue, 27: absoluteValue},
	"63_wait_multiple.scn":          {26: waitAllDuplicate},
	"64_console_io.scn":             {14: consoleInput, 27: consoleHandles, 52: consoleHandles, 57: consoleHandles},
	"69_textbook_kill_by_name.scn":  {35: systemProcesses, 36: systemProcesses},
}

// MatchKnown returns the known difference a difference is, or nil.
func MatchKnown(m *Model, d *Difference) *Known {
	return knownAt[filepath.Base(m.Path)][d.Line]
}
