package scenario

import "testing"

// printf writes to the handle the C runtime took at startup: SetStdHandle
// afterwards moves GetStdHandle and what a child inherits, not printf.
// Source: Microsoft UCRT lowio/ioinit.cpp, initialize_stdio_handles_nolock
// (the standard handles are read once, at startup, as in ReactOS
// sdk/lib/ucrt); probed under Wine 8 (msvcrt): puts after SetStdHandle to
// a pipe leaves the pipe empty; "SetStdHandle function" (GetStdHandle
// returns the redirected handle; a child inherits it).
func TestPrintfKeepsStartupHandle(t *testing.T) {
	tr := mustRun(t, `process P;
@P
SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };
HANDLE r, w;
CreatePipe(&r, &w, &sa, 0);
SetStdHandle(STD_OUTPUT_HANDLE, w);
printf("lost\n");
DWORD avail = 0;
PeekNamedPipe(r, NULL, 0, NULL, &avail, NULL);
expect(avail == 0);
STARTUPINFO si = { sizeof(si) };
PROCESS_INFORMATION pi;
TCHAR cmd[] = TEXT("Child.exe");
CreateProcess(NULL, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi);
@Child
printf("hi\n");
@P
PeekNamedPipe(r, NULL, 0, NULL, &avail, NULL);
expect(avail == 4);
`)
	if f := tr.Failed(); len(f) != 0 {
		t.Fatalf("expect failed at line %d: %s", f[0].Span.Start.Line, f[0].Text)
	}
}
