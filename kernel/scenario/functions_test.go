package scenario

import (
	"strings"
	"testing"

	"handleviz/kernel/syntax"
)

// Each process has its own copy of every global, as separate address
// spaces give each program its own data (윤성우 ch.7: a process is its own
// memory; Microsoft, "Processes and Threads": "Each process provides the
// resources needed to execute a program… a virtual address space"): a
// write in one process is not seen by another, nor by a child it starts.
func TestGlobalsCopiedPerProcess(t *testing.T) {
	tr := mustRun(t, `#define BUF_SIZE 32
int counter = 10;
TCHAR gName[BUF_SIZE] = TEXT("none");
void rename(LPTSTR out, LPCTSTR name) { _tcscpy(out, name); counter++; }
process A, B;
@A
counter = 11;
rename(gName, TEXT("A"));
STARTUPINFO si = { sizeof(si) };
PROCESS_INFORMATION pi;
TCHAR cmd[] = TEXT("Child.exe");
CreateProcess(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi);
expect(counter == 12 && _tcscmp(gName, TEXT("A")) == 0);
@B
expect(counter == 10 && _tcscmp(gName, TEXT("none")) == 0);
@Child
expect(counter == 10 && _tcscmp(gName, TEXT("none")) == 0);
`)
	last := tr.Steps[len(tr.Steps)-1]
	for proc, want := range map[string]string{"A": "12", "B": "10", "Child": "10"} {
		if got := varOf(last, proc, "counter"); got != want {
			t.Errorf("%s's counter shows %s, want %s", proc, got, want)
		}
	}
}

// Helper functions take parameters, return values, call each other and
// recurse; their statements are steps of the calling process.
func TestHelperFunctions(t *testing.T) {
	tr := mustRun(t, `int fact(int n) {
    if (n <= 1)
        return 1;
    return n * fact(n - 1);
}
int twiceFact(int n) { return 2 * fact(n); }
BOOL isOdd(DWORD n);
BOOL isEven(DWORD n) { if (n == 0) return TRUE; return isOdd(n - 1); }
BOOL isOdd(DWORD n) { if (n == 0) return FALSE; return isEven(n - 1); }
void fill(int a[], int n) { for (int i = 0; i < n; i++) a[i] = i * i; }
void noReturn(HANDLE h) { CloseHandle(h); }
process P;
@P
int f = twiceFact(5);
expect(f == 240);
expect(isEven(10) && isOdd(7) && !isOdd(4));
int sq[4];
fill(sq, 4);
expect(sq[3] == 9);
HANDLE h = CreateEvent(NULL, TRUE, FALSE, NULL);
noReturn(h);
expect(GetHandleInformation(h, NULL) == FALSE);
`)
	returns := 0
	for _, s := range tr.Steps {
		if s.Text == "return n * fact(n - 1);" {
			returns++
			if s.Process != "P" || s.Span.Start.Line != 4 {
				t.Errorf("return step in %s at line %d", s.Process, s.Span.Start.Line)
			}
		}
	}
	if returns != 4 {
		t.Errorf("fact(5) showed %d recursive returns, want 4", returns)
	}
}

// A recursion that does not end stops at the call depth limit with an
// error that names the chain, at the call that went too deep.
func TestCallDepthLimit(t *testing.T) {
	tr, err := Run(`int down(int n) { return up(n + 1); }
int up(int n) { return down(n + 1); }
process P;
@P
int x = down(0);
`, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if tr.Err == nil || tr.Err.Code != "E_CALL_DEPTH" || tr.Err.Pos.Line != 1 && tr.Err.Pos.Line != 2 {
		t.Fatalf("got %v", tr.Err)
	}
	msg := tr.Err.Message("en")
	if !strings.Contains(msg, "P: down → up → down") || !strings.Contains(msg, "64") {
		t.Errorf("message %q", msg)
	}
	if ko := tr.Err.Message("ko"); !strings.Contains(ko, "함수 호출이 64단계보다 깊습니다") {
		t.Errorf("Korean message %q", ko)
	}
	// 60 levels are fine.
	mustRun(t, "int sum(int n) { if (n == 0) return 0; return n + sum(n - 1); }\nprocess P;\n@P\nexpect(sum(60) == 1830);\n")
}

// Returning from main, or falling off its end, exits the process with
// that value (0 at the end), through ExitProcess: the parent's
// WaitForSingleObject on the process handle returns, and
// GetExitCodeProcess gives the value (C: "return from main is exit";
// Microsoft, "Terminating a Process": returning from the main thread's
// function calls ExitProcess).
func TestMainReturnExitsProcess(t *testing.T) {
	for _, c := range []struct {
		child string
		code  string
	}{
		{"int _tmain(int argc, TCHAR* argv[])\n{\n    _tprintf(TEXT(\"child\\n\"));\n    return 7;\n}\n", "7"},
		{"int _tmain(int argc, TCHAR* argv[])\n{\n    _tprintf(TEXT(\"child\\n\"));\n}\n", "0"},
	} {
		src := `process Parent;
@Parent
int _tmain(int argc, TCHAR* argv[])
{
    STARTUPINFO si = { sizeof(si) };
    PROCESS_INFORMATION pi;
    TCHAR cmd[] = TEXT("Child.exe");
    CreateProcess(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi);
    WaitForSingleObject(pi.hProcess, INFINITE);
    DWORD code = 99;
    GetExitCodeProcess(pi.hProcess, &code);
    expect(code == ` + c.code + `);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
}
@Child
` + c.child
		tr := mustRun(t, src)
		if len(tr.Waiting) != 0 {
			t.Errorf("exit %s: still waiting: %+v", c.code, tr.Waiting)
		}
		var exit *Step
		for _, s := range tr.Steps {
			if s.Process == "Child" && s.Call == "ExitProcess" {
				exit = s
			}
		}
		if exit == nil || len(exit.Completed) != 1 || exit.Completed[0].Process != "Parent" {
			t.Fatalf("exit %s: no ExitProcess step of Child that wakes Parent: %+v", c.code, exit)
		}
		if c.code == "0" && exit.Text != "}" {
			t.Errorf("falling off main: step text %q, want the closing brace", exit.Text)
		}
		for _, o := range tr.Final.Processes() {
			if o.Proc.Image == "Parent.exe" && !o.Proc.Exited {
				t.Errorf("Parent did not exit at the end of its main")
			}
		}
	}
}

// A main function followed by more lines for the same process does not
// end it: those lines continue its code (lesson 3-11 checks App after
// App2 ran).
func TestMainFollowedByLinesKeepsRunning(t *testing.T) {
	tr := mustRun(t, "process A;\n@A\nint _tmain() {\n int x = 1;\n}\n@A\nint y = 2;\n")
	if last := tr.Steps[len(tr.Steps)-1]; last.Text != "int y = 2;" {
		t.Errorf("last step %q", last.Text)
	}
	// A caption before main's closing brace narrates the exit step; with
	// more lines for the process there is no such step: it dangles.
	tr = mustRun(t, "process A;\n@A\nint _tmain() {\n int x = 1;\n //en: A ends.\n}\n")
	if last := tr.Steps[len(tr.Steps)-1]; last.Text != "}" || last.Caption.En != "A ends." || last.Auto {
		t.Errorf("exit step %q with caption %+v", last.Text, last.Caption)
	}
	_, err := Run("process A;\n@A\nint _tmain() {\n //en: A ends.\n}\n@A\nint y;\n", Options{})
	if l, ok := err.(syntax.ErrorList); !ok || l[0].Code != "E_DANGLING_CAPTION" || l[0].Pos.Line != 4 {
		t.Errorf("got %v, want E_DANGLING_CAPTION at line 4", err)
	}
}

// File-scope errors: a prototype never defined, a global initialised by
// a call, a helper using a name no process declares, two definitions.
func TestFileScopeErrors(t *testing.T) {
	for src, want := range map[string]string{
		"BOOL CloseIt(HANDLE h);\nprocess P;\n":                                       "E_PROTOTYPE 1:6",
		"HANDLE g = CreateMutex(NULL, FALSE, NULL);\nprocess P;\n":                    "E_GLOBAL_INIT 1:12",
		"int f(int a) { return a + b; }\nprocess P;\n":                                "E_UNDECLARED_FN 1:27",
		"int f(int a) { return a; }\nint f(int b) { return b; }\nprocess P;\n":        "E_REDECLARED 2:5",
		"int f(int a) { return a; }\nprocess P;\n@P\nint x = f(1, 2);\n":              "E_ARG_COUNT 4:9",
		"int b = 1;\nint f(int a) { return a + b; }\nprocess P;\n@P\nint x = f(1);\n": "",
	} {
		_, err := Run(src, Options{})
		got := ""
		if l, ok := err.(syntax.ErrorList); ok {
			got = l[0].Code + " " + l[0].Pos.String()
		} else if err != nil {
			got = err.Error()
		}
		if got != want {
			t.Errorf("%q: got %q, want %q", src, got, want)
		}
	}
}

// typedef names a built-in type: the variable behaves as that type.
func TestTypedef(t *testing.T) {
	mustRun(t, `typedef TCHAR *PSTR2;
typedef DWORD COUNT;
typedef PROCESS_INFORMATION PI;
process P;
@P
PSTR2 s = TEXT("abc");
COUNT c = 0xFFFFFFFF;
PI pi;
expect(_tcslen(s) == 3 && c + 1 == 0 && sizeof(pi) == 24);
`)
}

// A loop that calls a helper forever is stopped by the work limit at the
// loop, the line to change.
func TestWorkLimitInHelperBlamesLoop(t *testing.T) {
	tr, err := Run("int work(int n) { int s = 0; s = s + n; return s; }\nprocess P;\n@P\nint x = 0;\nwhile (1)\n    x = work(x);\n", Options{MaxWork: 100_000})
	if err != nil {
		t.Fatal(err)
	}
	if tr.Err == nil || tr.Err.Code != "E_WORK_LIMIT" || tr.Err.Pos.Line != 5 {
		t.Fatalf("got %v, want E_WORK_LIMIT at the while on line 5", tr.Err)
	}
}
