package scenario

import (
	"os"
	"path/filepath"
	"testing"

	"handleviz/kernel/syntax"
)

// FuzzRun: any text either fails to parse or runs to a trace (perhaps with
// a runtime error) within the step limit: no panic, no hang, bounded memory.
// The state at the last step must pass the kernel's invariant check.
func FuzzRun(f *testing.F) {
	for _, dir := range []string{"testdata/golden", "testdata/errors"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.scn"))
		for _, file := range files {
			if b, err := os.ReadFile(file); err == nil {
				f.Add(string(b))
			}
		}
	}
	// Byte-level operations (issue 9): odd counts, &x and sizeof(x) of
	// every kind of variable, char and TCHAR arrays past a NUL.
	for _, s := range byteSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		// Small budgets keep each input quick, so the fuzzer tries many;
		// one input in four runs at the browser's budgets (Interactive),
		// where what a student types actually runs.
		opt := Options{MaxSteps: 2000, MaxWork: 100_000, MaxEvents: 20_000}
		if len(src)%4 == 0 {
			opt = Interactive
		}
		tr, err := Run(src, opt)
		if err != nil {
			if _, ok := err.(syntax.ErrorList); !ok {
				t.Fatalf("error of type %T", err)
			}
			return
		}
		if tr.Err != nil {
			if tr.Err.Code == "E_INTERNAL" {
				t.Fatal(tr.Err)
			}
			if _, ok := syntax.Messages[tr.Err.Code]; !ok {
				t.Fatalf("unknown code %s", tr.Err.Code)
			}
		}
		if n := len(tr.Steps); n > 0 {
			if err := tr.StateAt(n - 1).Check(); err != nil {
				t.Fatalf("state at the last step: %v", err)
			}
			tr.Caption(n - 1)
		}
		if _, err := MarshalJSON(tr); err != nil {
			t.Fatal(err)
		}
	})
}

var byteSeeds = []string{
	"process P;\n@P\nHANDLE r, w; CreatePipe(&r, &w, NULL, 0); DWORD n; WriteFile(w, TEXT(\"안녕\"), 3, &n, NULL); TCHAR b[4]; ReadFile(r, b, 3, &n, NULL); b[1] = 0; PeekNamedPipe(r, b, 1, &n, &n, &n);",
	"process P;\n@P\nHANDLE r, w; CreatePipe(&r, &w, NULL, 0); DWORD n; PROCESS_INFORMATION pi; WriteFile(w, &pi, sizeof(pi), &n, NULL); HANDLE h; ReadFile(r, &h, sizeof(h), &n, NULL); DWORD a[3]; ReadFile(r, a, sizeof(a), &n, NULL);",
	"process P;\n@P\nchar a[6] = \"ab\\0cd\"; TCHAR t[] = TEXT(\"x\\0y😀\"); t[1] = 'z'; a[2] = -1; expect(strlen(a) == 5 && lstrlen(t) == 4 && sizeof(t) == 12); _tcscpy(t, TEXT(\"q\")); memcmp(a, \"ab\", 2);",
	"process P;\n@P\nHANDLE s = CreateMailslot(TEXT(\"\\\\\\\\.\\\\mailslot\\\\m\"), 4, 0, NULL); HANDLE c = CreateFile(TEXT(\"\\\\\\\\.\\\\mailslot\\\\m\"), GENERIC_WRITE, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL); DWORD n, x; char k[] = \"한\"; WriteFile(c, k, 2, &n, NULL); GetMailslotInfo(s, NULL, &x, &n, NULL); BYTE b[1]; ReadFile(s, b, 1, &n, NULL);",
}
