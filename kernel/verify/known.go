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
	charsVsBytes = &Known{"chars-vs-bytes",
		"Microsoft, \"ReadFile function\" and \"WriteFile function\" (nNumberOfBytesToRead/Write count bytes); issue 9 makes the model byte-exact",
		"the model's pipes and mailslots count characters, Windows (and Wine) bytes: WriteFile(h, TEXT(\"hello\"), 5, …) writes 5 bytes, half the wide string"}
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
	cLanguage = &Known{"scenario-not-c",
		"docs/scenario-language.md (strings are text: == compares it; a wide literal is accepted by an A function)",
		"the scenario language is looser than C where the statement is about strings, so the C program does something else"}
)

// KnownDifferences are the documented differences, in the order
// docs/verification.md lists them.
var KnownDifferences = []*Known{terminateExited, charsVsBytes, absoluteValue, timeNotModelled, systemProcesses, handleLimit, cLanguage}

// knownAt names, per golden and line, the differences that are explained.
// A difference on a line not listed here is reported as a disagreement.
var knownAt = map[string]map[int]*Known{
	"02_seed_paste.scn":         {97: absoluteValue, 98: absoluteValue, 106: absoluteValue, 109: absoluteValue, 112: absoluteValue},
	"03_duplicate.scn":          {44: absoluteValue, 45: absoluteValue, 48: absoluteValue},
	"09_wait_process.scn":       {37: terminateExited},
	"10_exit.scn":               {19: absoluteValue},
	"12_pipe.scn":               {34: charsVsBytes, 44: charsVsBytes, 51: charsVsBytes},
	"14_mailslot_env.scn":       {28: absoluteValue, 29: absoluteValue},
	"15_toolhelp.scn":           {23: systemProcesses},
	"17_deadlock.scn":           {22: absoluteValue, 23: absoluteValue, 26: absoluteValue},
	"08_semaphore.scn":          {14: timeNotModelled},
	"19_handle_limit.scn":       {13: handleLimit, 15: handleLimit},
	"20_coverage.scn":           {17: cLanguage, 74: cLanguage, 79: cLanguage, 80: cLanguage, 99: cLanguage},
	"30_pipe_inherit_write.scn": {39: absoluteValue, 40: absoluteValue, 54: charsVsBytes},
	"35_toolhelp_kill.scn":      {31: systemProcesses},
	"38_pipe_korean.scn":        {17: charsVsBytes},
}

// MatchKnown returns the known difference a difference is, or nil.
func MatchKnown(m *Model, d *Difference) *Known {
	return knownAt[filepath.Base(m.Path)][d.Line]
}
