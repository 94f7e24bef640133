package scenario

import (
	"strings"
	"testing"
)

// A NULL pointer that the program itself reads or writes, or a NULL
// out-parameter that kernel32 writes in user mode, is an access violation:
// on Windows the unhandled exception ends the process with exit code
// STATUS_ACCESS_VIOLATION (0xC0000005) and the exit closes its handles
// ("Exception Handling", Microsoft Learn: an unhandled exception ends the
// process; ntstatus.h STATUS_ACCESS_VIOLATION). The parent sees the code
// through GetExitCodeProcess.
func TestAccessViolation(t *testing.T) {
	parent := `process P;
@P
TCHAR cmd[] = TEXT("C.exe");
STARTUPINFO si = { sizeof(si) };
PROCESS_INFORMATION pi;
CreateProcess(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi);
@C
HANDLE e = CreateEvent(NULL, FALSE, FALSE, NULL);
%s
@P
DWORD code;
GetExitCodeProcess(pi.hProcess, &code);
expect(code == 0xC0000005);
`
	for _, c := range []struct{ name, stmt, what string }{
		{"read through NULL", "int *p = NULL;\nint x = *p;", "*p"},
		{"write through NULL", "int *p = NULL;\n*p = 5;", "*p"},
		{"field through NULL", "PROCESS_INFORMATION *q = NULL;\nq->hProcess = e;", "q->hProcess"},
		{"CreatePipe(NULL, NULL, …)", "CreatePipe(NULL, NULL, NULL, 0);", "CreatePipe's hReadPipe"},
		{"CreatePipe(&r, NULL, …)", "HANDLE r;\nCreatePipe(&r, NULL, NULL, 0);", "CreatePipe's hWritePipe"},
	} {
		t.Run(c.name, func(t *testing.T) {
			tr := mustRun(t, strings.Replace(parent, "%s", c.stmt, 1))
			var fault *Step
			for _, s := range tr.Steps {
				if s.Fault != "" {
					fault = s
				}
			}
			if fault == nil || fault.Fault != c.what || !strings.Contains(fault.Caption.En, "0xC0000005") {
				t.Fatalf("fault step %+v", fault)
			}
			// Every handle of C is closed: only P's remain.
			if err := tr.Final.Check(); err != nil {
				t.Fatal(err)
			}
			var sb strings.Builder
			WriteText(&sb, tr, "en")
			if !strings.Contains(sb.String(), "access violation (0xC0000005) at "+c.what) {
				t.Errorf("transcript does not show the fault:\n%s", sb.String())
			}
		})
	}
}

// A NULL buffer with a non-zero size is probed by the kernel, which fails
// the call instead (Wine file.c test_read_write: ReadFile(hFile, NULL, 10,
// &bytes, NULL) fails with ERROR_NOACCESS and bytes = 0; WriteFile with
// ERROR_INVALID_USER_BUFFER). The pipe's data stays where it was.
func TestNullBufferIsAnError(t *testing.T) {
	src := `process P;
@P
HANDLE r, w;
CreatePipe(&r, &w, NULL, 0);
DWORD n = 7;
BOOL ok = WriteFile(w, NULL, 10, &n, NULL);
expect(!ok && GetLastError() == ERROR_INVALID_USER_BUFFER && n == 0);
WriteFile(w, TEXT("hi"), 2, &n, NULL);
n = 7;
ok = ReadFile(r, NULL, 10, &n, NULL);
expect(!ok && GetLastError() == ERROR_NOACCESS && n == 0);
TCHAR buf[8];
ReadFile(r, buf, 8, &n, NULL);
expect(n == 2);
`
	mustRun(t, src)
}
