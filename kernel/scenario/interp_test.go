package scenario

import (
	"encoding/json"
	"runtime"
	"strings"
	"testing"
	"time"
)

func mustRun(t *testing.T, src string) *Trace {
	t.Helper()
	tr, err := Run(src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if tr.Err != nil {
		t.Fatal(tr.Err)
	}
	for _, e := range tr.Failed() {
		t.Fatalf("line %d: %s failed", e.Span.Start.Line, e.Text)
	}
	return tr
}

func varOf(s *Step, proc, name string) string {
	for _, pv := range s.Vars {
		if pv.Process != proc {
			continue
		}
		for _, v := range pv.Vars {
			if v.Name == name {
				return v.Value
			}
		}
	}
	return "<none>"
}

// A waiting call returns in the step that satisfies it: its variable gets
// its value there. Source: the language spec ("Steps"); docs
// "WaitForSingleObject function", "SetEvent function".
func TestWaitCompletesInSatisfyingStep(t *testing.T) {
	tr := mustRun(t, `process P, Q;
@P
HANDLE e = CreateEvent(NULL, TRUE, FALSE, TEXT("E"));
@Q
HANDLE h = OpenEvent(SYNCHRONIZE, FALSE, TEXT("E"));
DWORD r = WaitForSingleObject(h, INFINITE);
@P
int x = 1;
SetEvent(e);
`)
	var waitStep, setStep *Step
	for _, s := range tr.Steps {
		if s.Waiting != "" {
			waitStep = s
		}
		if s.Call == "SetEvent" {
			setStep = s
		}
	}
	if waitStep == nil || waitStep.Process != "Q" || waitStep.Waiting != "WaitForSingleObject" {
		t.Fatalf("no waiting step for Q: %+v", waitStep)
	}
	if got := varOf(waitStep, "Q", "r"); got != "0" {
		t.Errorf("r while waiting = %s, want the zero it was declared with", got)
	}
	if setStep == nil || len(setStep.Completed) != 1 {
		t.Fatalf("SetEvent step completes nothing: %+v", setStep)
	}
	c := setStep.Completed[0]
	if c.Process != "Q" || c.Call != "WaitForSingleObject" || c.Line != 6 || c.Return == nil || c.Return.Value != 0 {
		t.Errorf("completion %+v", c)
	}
	if got := varOf(setStep, "Q", "r"); got != "0" {
		t.Errorf("r after SetEvent = %s", got)
	}
	if got := varOf(setStep, "P", "x"); got != "1" {
		t.Errorf("P's x = %s", got)
	}
}

// The step for a waiting process names the call; a further statement for it
// is an error that names the call and its line.
func TestStatementForWaitingProcess(t *testing.T) {
	tr, _ := Run("process P;\n@P\nHANDLE e = CreateEvent(NULL, TRUE, FALSE, NULL);\nWaitForSingleObject(e, INFINITE);\nCloseHandle(e);\n", Options{})
	if tr.Err == nil || tr.Err.Code != "E_PROCESS_WAITING" || tr.Err.Pos.Line != 5 {
		t.Fatalf("err = %v", tr.Err)
	}
	if m := tr.Err.Message("en"); !strings.Contains(m, "WaitForSingleObject (line 4)") {
		t.Errorf("message %q does not name the call", m)
	}
	if m := tr.Err.Message("ko"); !strings.Contains(m, "5행") || !strings.Contains(m, "WaitForSingleObject") {
		t.Errorf("Korean message %q", m)
	}
}

// Terminating a waiting process ends its wait; the scenario goes on.
// Source: docs "TerminateProcess function".
func TestTerminateWaitingProcess(t *testing.T) {
	tr := mustRun(t, `process P, K;
@P
HANDLE e = CreateEvent(NULL, TRUE, FALSE, NULL);
while (1) { WaitForSingleObject(e, INFINITE); }
@K
HANDLE h = OpenProcess(PROCESS_TERMINATE, FALSE, 1000);
TerminateProcess(h, 4);
CloseHandle(h);
`)
	last := tr.Steps[len(tr.Steps)-1]
	if last.Call != "CloseHandle" || last.LastError != 0 {
		t.Errorf("last step %+v", last)
	}
	p := tr.Final.Process(1000)
	if p == nil || !p.Proc.Exited || p.Proc.ExitCode != 4 {
		t.Errorf("P after terminate: %+v", p)
	}
}

// A woken statement inside a loop goes on looping: each iteration's
// statements are steps of their own. Source: language spec ("Waiting calls").
func TestWokenLoopContinues(t *testing.T) {
	tr := mustRun(t, `process P, Q;
@P
HANDLE s = CreateSemaphore(NULL, 0, 10, TEXT("S"));
@Q
HANDLE h = OpenSemaphore(SYNCHRONIZE, FALSE, TEXT("S"));
int n = 0;
while (n < 3) { WaitForSingleObject(h, INFINITE); n++; }
@P
ReleaseSemaphore(s, 2, NULL);
ReleaseSemaphore(s, 1, NULL);
@Q
printf("done %d\n", n);
`)
	var lines []string
	for _, s := range tr.Steps {
		lines = append(lines, s.Process+":"+s.Text)
	}
	got := strings.Join(lines, "\n")
	// The first release wakes Q, which loops (n++), waits and is woken again
	// by the second permit at once; the third comes with the last release.
	want := "Q:n++;\nQ:WaitForSingleObject(h, INFINITE);\nP:ReleaseSemaphore(s, 1, NULL);\nQ:n++;\nQ:printf(\"done %d\\n\", n);"
	if !strings.HasSuffix(got, want) {
		t.Errorf("steps:\n%s\nwant them to end with:\n%s", got, want)
	}
	if last := tr.Steps[len(tr.Steps)-1]; last.Console != "done 3\n" {
		t.Errorf("console %q", last.Console)
	}
}

// CreateProcess names processes after their image, numbering repeats.
// Source: language spec ("Processes").
func TestProcessNames(t *testing.T) {
	tr := mustRun(t, `process Parent;
@Parent
STARTUPINFO si = { sizeof(si) };
PROCESS_INFORMATION pi;
TCHAR c1[] = TEXT("C:\\Tools\\Child.exe 1");
TCHAR c2[] = TEXT("\"Child.exe\" 2");
TCHAR c3[] = TEXT("NOTEPAD README.TXT");
CreateProcess(NULL, c1, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi);
CreateProcess(NULL, c2, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi);
CreateProcess(TEXT("C:\\WINDOWS\\SYSTEM32\\NOTEPAD.EXE"), c3, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi);
@Child2
expect(argc == 2 && _ttoi(argv[1]) == 2);
`)
	var names []string
	for _, p := range tr.Processes {
		names = append(names, p.Name+"<"+p.Parent)
	}
	if got := strings.Join(names, " "); got != "Parent< Child<Parent Child2<Parent NOTEPAD<Parent" {
		t.Errorf("processes %s", got)
	}
	if len(tr.Failed()) > 0 {
		t.Errorf("failed: %v", tr.Failed())
	}
}

// Steps that change no variable share the previous step's variable list.
func TestVarsShared(t *testing.T) {
	tr := mustRun(t, "process P;\n@P\nint x = 1;\nexpect(x == 1);\nexpect(x == 1);\n")
	a, b := tr.Steps[2].Vars, tr.Steps[3].Vars
	if len(a) == 0 || &a[0] != &b[0] {
		t.Error("unchanged steps do not share their variables")
	}
}

// The JSON trace has the documented top-level fields (docs/trace-format.md).
func TestJSONFormat(t *testing.T) {
	tr, _ := Run("// title.en: T\nprocess P;\n@P\nHANDLE h = CreateMutex(NULL, FALSE, TEXT(\"M\"));\nexpect(h == 8);\nint z = 1 / 0;\n", Options{})
	b, err := MarshalJSON(tr)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"format", "lesson", "processes", "steps", "error", "final", "failedExpects"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("no %q in the JSON trace", k)
		}
	}
	e := doc["error"].(map[string]any)
	if e["code"] != "E_DIV_ZERO" || !strings.Contains(e["ko"].(string), "6행") {
		t.Errorf("error %v", e)
	}
	step := doc["steps"].([]any)[1].(map[string]any)
	if step["call"] != "CreateMutex" || step["return"].(map[string]any)["text"] != "0x4" {
		t.Errorf("step %v", step)
	}
}

// A run leaves no goroutine behind, even when processes are still waiting
// at the end or the run stops with an error.
func TestNoGoroutineLeak(t *testing.T) {
	before := runtime.NumGoroutine()
	for i := 0; i < 20; i++ {
		Run("process A, B;\n@A\nHANDLE e = CreateEvent(NULL, TRUE, FALSE, TEXT(\"E\"));\nWaitForSingleObject(e, INFINITE);\n@B\nHANDLE h = OpenEvent(SYNCHRONIZE, FALSE, TEXT(\"E\"));\nwhile (1) WaitForSingleObject(h, INFINITE);\n", Options{})
		Run("process A, B;\n@A\nHANDLE e = CreateEvent(NULL, FALSE, FALSE, TEXT(\"E\"));\nWaitForSingleObject(e, INFINITE);\n@B\nHANDLE h = OpenEvent(EVENT_ALL_ACCESS, FALSE, TEXT(\"E\"));\nSetEvent(h);\n@A\nint x = 1 / 0;\n", Options{})
	}
	for i := 0; i < 100 && runtime.NumGoroutine() > before; i++ {
		time.Sleep(time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines before, %d after", before, n)
	}
}

// Out-parameters and structure pointers take an address, as in C: a
// variable's value is an error that says how to write it, not a silent
// NULL. NULL, 0 and NULL pointer variables still mean "no output".
// Source: "CreatePipe function" (phReadPipe, phWritePipe: "A pointer to a
// variable that receives …").
func TestOutParametersNeedAddresses(t *testing.T) {
	for src, want := range map[string]string{
		"HANDLE r, w;\nCreatePipe(r, w, NULL, 0);":                                                                                                               "E_NEEDS_POINTER 4:12 argument 1 of CreatePipe takes a pointer: write &r",
		"SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };\nHANDLE h = CreateMutex(sa, FALSE, NULL);":                                                         "E_NEEDS_POINTER 4:24 argument 1 of CreateMutex takes a pointer: write &sa",
		"DWORD code = 0;\nGetExitCodeProcess(GetCurrentProcess(), code);":                                                                                        "E_NEEDS_POINTER 4:41 argument 2 of GetExitCodeProcess takes a pointer: write &code",
		"PROCESS_INFORMATION pi;\nDuplicateHandle(GetCurrentProcess(), GetCurrentProcess(), GetCurrentProcess(), pi.hProcess, 0, FALSE, DUPLICATE_SAME_ACCESS);": "E_NEEDS_POINTER 4:80 argument 4 of DuplicateHandle takes a pointer: write &pi.hProcess",
	} {
		e := firstError("process P;\n@P\n"+src+"\n", Options{})
		if e == nil {
			t.Errorf("%s: no error", src)
			continue
		}
		if got := e.Code + " " + e.Pos.String() + " " + e.Text("en"); got != want {
			t.Errorf("%s:\n got %s\nwant %s", src, got, want)
		}
	}
	mustRun(t, `process P;
@P
HANDLE r, w;
CreatePipe(&r, &w, NULL, 0);
DWORD n;
WriteFile(w, TEXT("ab"), 2, NULL, NULL);
LPDWORD none = NULL;
TCHAR buf[8];
ReadFile(r, buf, 1, none, NULL);
ReadFile(r, buf, 1, (LPDWORD)0, NULL);
HANDLE h = CreateEvent(NULL, FALSE, FALSE, NULL);
DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), NULL, 0, FALSE, DUPLICATE_SAME_ACCESS);
ZeroMemory(buf, sizeof(buf));
STARTUPINFO si;
ZeroMemory(&si, sizeof(si));
expect(r == 4 && w == 8);
`)
}

// Toolhelp needs PROCESSENTRY32.dwSize set ("PROCESSENTRY32 structure":
// "If you do not initialize dwSize, Process32First fails"), and
// SetNamedPipeHandleState with no mode still checks its handle
// ("SetNamedPipeHandleState function": the handle must be a pipe's).
func TestIPCArgumentChecks(t *testing.T) {
	tr := mustRun(t, `process P;
@P
HANDLE snap = CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
PROCESSENTRY32 pe;
BOOL ok = Process32First(snap, &pe);
expect(!ok && GetLastError() == ERROR_BAD_LENGTH);
pe.dwSize = 10;
expect(!Process32Next(snap, &pe) && GetLastError() == 24);
pe.dwSize = sizeof(pe);
expect(Process32First(snap, &pe) && pe.th32ProcessID == 1000);
expect(!SetNamedPipeHandleState((HANDLE)0x400, NULL, NULL, NULL) && GetLastError() == ERROR_INVALID_HANDLE);
expect(!SetNamedPipeHandleState(snap, NULL, NULL, NULL) && GetLastError() == ERROR_INVALID_HANDLE);
HANDLE r, w;
CreatePipe(&r, &w, NULL, 0);
expect(SetNamedPipeHandleState(r, NULL, NULL, NULL));
`)
	if f := tr.Failed(); len(f) > 0 {
		t.Errorf("failed: %v", f)
	}
}

// A generated caption names the call that failed, not the statement's last
// call (the audit's "GetLastError failed: ERROR_ACCESS_DENIED").
func TestCaptionNamesFailedCall(t *testing.T) {
	tr := mustRun(t, "process P;\n@P\nexpect(!CloseHandle((HANDLE)0x40) && GetLastError() == ERROR_INVALID_HANDLE);\nCloseHandle((HANDLE)0x40); SetLastError(0);\n")
	for i, want := range map[int]string{1: "CloseHandle failed: ERROR_INVALID_HANDLE (6).", 2: "CloseHandle failed: ERROR_INVALID_HANDLE (6)."} {
		if c, _ := tr.Caption(i); c.En != want {
			t.Errorf("step %d: %q, want %q", i, c.En, want)
		}
	}
}

// A main function's parameters are the process's argc and argv whatever
// they are called (the body runs in place, so "n is not declared" was
// wrong); WinMain's get their documented values. Sources: "main function
// and command-line arguments" (C runtime), "WinMain function".
func TestMainParameters(t *testing.T) {
	tr := mustRun(t, `process Parent;
@Parent
STARTUPINFO si = { sizeof(si) };
PROCESS_INFORMATION pi;
TCHAR cmd[] = TEXT("Child.exe 4 \"two words\"");
CreateProcess(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi);
TCHAR cmd2[] = TEXT("Win.exe -x 7");
CreateProcess(NULL, cmd2, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi);
@Child
int __cdecl main(int n, char **args, char *envp[]) {
  expect(n == 3 && _ttoi(args[1]) == 4 && _tcscmp(args[2], TEXT("two words")) == 0);
  expect(argc == n);
  return n;
}
@Win
int WINAPI _tWinMain(HINSTANCE hInstance, HINSTANCE hPrevInstance, LPTSTR lpCmdLine, int nCmdShow) {
  expect(hPrevInstance == NULL && nCmdShow == 10 && _tcscmp(lpCmdLine, TEXT("-x 7")) == 0);
}
`)
	if f := tr.Failed(); len(f) > 0 {
		t.Errorf("failed: %v", f)
	}
	if c := tr.Final.Process(1008); c == nil || c.Proc.ExitCode != 3 {
		t.Errorf("Child's exit code: %+v", c)
	}
}

// Empty lists in the JSON trace are [], not null; a process's image comes
// from lpApplicationName when it is given (docs/trace-format.md).
func TestJSONListsAndImages(t *testing.T) {
	tr := mustRun(t, "// title.en: empty\n")
	b, _ := MarshalJSON(tr)
	var doc struct {
		Processes []any `json:"processes"`
		Steps     []any `json:"steps"`
		Final     struct {
			Processes []any `json:"processes"`
			Objects   []any `json:"objects"`
		} `json:"final"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Processes == nil || doc.Steps == nil || doc.Final.Processes == nil || doc.Final.Objects == nil {
		t.Errorf("null lists in %s", b)
	}
	tr = mustRun(t, `process P;
@P
STARTUPINFO si = { sizeof(si) };
PROCESS_INFORMATION pi;
TCHAR szPath[] = TEXT("WORDPAD README.TXT");
CreateProcess(TEXT("C:\\WINDOWS\\SYSTEM32\\NOTEPAD.EXE"), szPath, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi);
TCHAR c3[] = TEXT("123.exe");
CreateProcess(NULL, c3, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi);
@_123
expect(argc == 1);
`)
	if p := tr.Processes[1]; p.Name != "NOTEPAD" || p.Image != "NOTEPAD.EXE" {
		t.Errorf("seed 003's NOTEPAD: %+v", p)
	}
	if p := tr.Processes[2]; p.Name != "_123" {
		t.Errorf("123.exe: %+v", p)
	}
}

// printf reads each argument as wide as its length modifier says, as on x64
// Windows (long is 32 bits): "%lld" of (SIZE_T)0xFFFFFFFF is 4294967295,
// "%x" of a HANDLE its low 32 bits. Source: "Format specification syntax:
// printf and wprintf functions" (size prefixes).
func TestPrintfLengthModifiers(t *testing.T) {
	tr := mustRun(t, `process P;
@P
SIZE_T s = (SIZE_T)0xFFFFFFFF;
HANDLE h = (HANDLE)0x123456789;
LONGLONG big = -5000000000;
printf("%lld %I64d %zu %d %u|%x %llx %I64X %p|%lld %d %hd %hhu %ld", s, s, s, s, s, h, h, h, h, big, big, 70000, 300, -1);
`)
	want := "4294967295 4294967295 4294967295 -1 4294967295|23456789 123456789 123456789 0000000123456789|-5000000000 -705032704 4464 44 -1"
	if got := tr.Steps[len(tr.Steps)-1].Console; got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
