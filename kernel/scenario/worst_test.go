package scenario

import (
	"fmt"
	"strings"
	"testing"

	"handleviz/kernel/syntax"
)

// worstCases are scenarios written to make the interpreter slow or big:
// each must end (with an error or not) within the budgets. Their running
// times at the default budget are in docs/performance.md ("Worst cases").
func worstCases() []struct{ name, src string } {
	big := strings.Repeat("a", syntax.MaxString)
	head := "process P;\n@P\n"
	repeat := func(s, sep string, n int) string { return strings.TrimSuffix(strings.Repeat(s+sep, n), sep) }
	var many strings.Builder
	for i := 0; i < 20000; i++ {
		fmt.Fprintf(&many, "int v%d;\n", i)
	}
	return []struct{ name, src string }{
		{"empty loop", head + "while (1) ;\n"},
		{"empty for", head + "for (;;) { }\n"},
		{"continue", head + "do { continue; } while (1);\n"},
		{"break out of inner loops", head + "for (;;) { while (1) { break; } }\n"},
		{"strlen in condition", head + "TCHAR big[4097];\n_tcscpy(big, TEXT(\"" + big + "\"));\nwhile (_tcslen(big) > 0) ;\n"},
		{"50 strlen per condition", head + "TCHAR big[4097];\n_tcscpy(big, TEXT(\"" + big + "\"));\nwhile (" + repeat("_tcslen(big)", " + ", 50) + " > 0) ;\n"},
		{"string copy steps", head + "TCHAR big[4097];\nwhile (1) _tcscpy(big, TEXT(\"" + big + "\"));\n"},
		{"string index in condition", head + "TCHAR big[4097];\n_tcscpy(big, TEXT(\"" + big + "\"));\nwhile (big[4000] == 'a') ;\n"},
		{"string compare in condition", head + "TCHAR a[4097], b[4097];\n_tcscpy(a, TEXT(\"" + big + "\"));\n_tcscpy(b, a);\nwhile (a == b) ;\n"},
		{"4,000 conversions per format", head + "TCHAR buf[4097];\nwhile (1) _stprintf(buf, TEXT(\"" + strings.Repeat("%%", 2000) + "\"));\n"},
		{"sprintf in a loop", head + "TCHAR buf[4097];\nint i = 0;\nwhile (1) i += _stprintf(buf, TEXT(\"%s\"), TEXT(\"" + big[:4000] + "\"));\n"},
		{"big array steps", head + "HANDLE hs[65536];\nint i = 0;\nwhile (1) i++;\n"},
		{"big array copies", head + "HANDLE a[65536], b[65536];\nwhile (1) a = b;\n"},
		{"big array declared in a loop", head + "while (1) { HANDLE hs[65536]; }\n"},
		{"20,000 variables", head + many.String() + "int i = 0;\nwhile (1) i++;\n"},
		// A chain of 1,000 calls is a nesting error now; arguments are flat.
		{"1,000 failing calls per statement", head + "while (1) _tprintf(TEXT(\"\"), " + repeat("CloseHandle(0)", ", ", 1000) + ");\n"},
		{"500 creations per statement", head + "while (1) _tprintf(TEXT(\"\"), " + repeat("CreateEvent(NULL, FALSE, FALSE, NULL)", ", ", 500) + ");\n"},
		{"environment growth", head + "TCHAR n[32];\nint i = 0;\nwhile (1) { _stprintf(n, TEXT(\"V%d\"), i++); SetEnvironmentVariable(n, TEXT(\"x\")); }\n"},
		{"pipe writes never read", head + "HANDLE r, w;\nCreatePipe(&r, &w, NULL, 0);\nDWORD n;\nwhile (1) WriteFile(w, TEXT(\"" + big + "\"), 4096, &n, NULL);\n"},
		{"named objects", head + "TCHAR n[32];\nint i = 0;\nwhile (1) { _stprintf(n, TEXT(\"M%d\"), i++); CreateMutex(NULL, FALSE, n); }\n"},
		{"lowest free index scan", head + "int i;\nfor (i = 0; i < 30000; i++) CreateEvent(NULL, FALSE, FALSE, NULL);\nCloseHandle((HANDLE)4);\nwhile (1) CreateEvent(NULL, FALSE, FALSE, NULL);\n"},
		{"lowest free index scan, alternating", head + "int i;\nfor (i = 0; i < 30000; i++) CreateEvent(NULL, FALSE, FALSE, NULL);\nwhile (1) { CloseHandle((HANDLE)4); CreateEvent(NULL, FALSE, FALSE, NULL); CreateEvent(NULL, FALSE, FALSE, NULL); }\n"},
		{"64 processes", "process " + procList(64) + ";\n@P0\nint i = 0;\nwhile (1) i++;\n"},
		{"growing table (t24)", head + "HANDLE h = CreateEvent(NULL, FALSE, FALSE, NULL);\nHANDLE d;\nfor (int i = 0; i < 99990; i++) DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &d, 0, FALSE, DUPLICATE_SAME_ACCESS);\n"},
		{"membomb (t26b)", membomb},
		// The limits issue 15 measured at 1.4-3.1 s under wasm.
		{"100,000 mutexes", head + "for (int i = 0; i < 100000; i++) CreateMutex(NULL, FALSE, NULL);\n"},
		{"ping-pong waits", pingPong},
		{"2,000 environment variables, then children", head + "TCHAR n[32];\nfor (int i = 0; i < 2000; i++) { _stprintf(n, TEXT(\"V%d\"), i); SetEnvironmentVariable(n, TEXT(\"x\")); }\nTCHAR cmd[] = TEXT(\"C.exe\");\nSTARTUPINFO si = { sizeof(si) };\nPROCESS_INFORMATION pi;\nwhile (1) { CreateProcess(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi); CloseHandle(pi.hProcess); CloseHandle(pi.hThread); }\n"},
		{"2,000 variables", head + many2000()},
		{"unknown names", head + strings.Repeat("x;\n", 60000)},
		{"unknown functions", head + strings.Repeat("f();\n", 40000)},
	}
}

// pingPong is two processes that wake each other forever through two
// auto-reset events.
const pingPong = `process A, B;
@A
HANDLE ping = CreateEvent(NULL, FALSE, FALSE, TEXT("ping"));
HANDLE pong = CreateEvent(NULL, FALSE, FALSE, TEXT("pong"));
@B
HANDLE ping = OpenEvent(EVENT_ALL_ACCESS, FALSE, TEXT("ping"));
HANDLE pong = OpenEvent(EVENT_ALL_ACCESS, FALSE, TEXT("pong"));
while (1) { WaitForSingleObject(ping, INFINITE); SetEvent(pong); }
@A
while (1) { SetEvent(ping); WaitForSingleObject(pong, INFINITE); }
`

func many2000() string {
	var b strings.Builder
	for i := 0; i < 2000; i++ {
		fmt.Fprintf(&b, "int v%d = %d;\n", i, i)
	}
	return b.String()
}

func procList(n int) string {
	var names []string
	for i := 0; i < n; i++ {
		names = append(names, fmt.Sprintf("P%d", i))
	}
	return strings.Join(names, ", ")
}

// membomb is the audit's t26b: about 500 bytes that ask for 90,000
// inheritable duplicates, then 63 children inheriting them all.
const membomb = `process P;
@P
SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };
HANDLE h = CreateEvent(&sa, FALSE, FALSE, NULL);
HANDLE d;
for (int i = 0; i < 90000; i++) DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &d, 0, TRUE, DUPLICATE_SAME_ACCESS);
TCHAR cmd[] = TEXT("C.exe");
STARTUPINFO si = { sizeof(si) };
PROCESS_INFORMATION pi;
for (int j = 0; j < 63; j++) CreateProcess(NULL, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi);
`

// Every worst case ends, with a limit's error or none, and the state at its
// last step is whole. Run at the browser's budgets (Interactive), which are
// also quick here; BenchmarkWorstCases runs them at the defaults. Under wasm
// (GOOS=js GOARCH=wasm go test -exec=$(go env GOROOT)/lib/wasm/go_js_wasm_exec
// -run TestWorstCases -v) the durations are what a browser tab waits.
func TestWorstCases(t *testing.T) {
	for _, c := range worstCases() {
		t.Run(c.name, func(t *testing.T) {
			tr, err := Run(c.src, Interactive)
			if err != nil {
				if l, ok := err.(syntax.ErrorList); !ok || len(l) == 0 {
					t.Fatalf("error %v", err)
				}
				return
			}
			if tr.Err != nil && tr.Err.Code == "E_INTERNAL" {
				t.Fatal(tr.Err)
			}
			if tr.Err != nil && tr.Err.Pos.Line == 0 {
				t.Errorf("%s without a position", tr.Err.Code)
			}
			if tr.Err != nil {
				t.Logf("%d steps, %s", len(tr.Steps), tr.Err.Code)
				// Every limit's message names the limit: its number.
				if strings.HasSuffix(tr.Err.Code, "_LIMIT") || strings.HasSuffix(tr.Err.Code, "_LIMIT_TOTAL") {
					if len(tr.Err.Args) == 0 || !strings.Contains(tr.Err.Text("en"), tr.Err.Args[0]) {
						t.Errorf("%s does not name its limit: %s", tr.Err.Code, tr.Err.Text("en"))
					}
				}
			}
			if n := len(tr.Steps); n > 0 {
				if err := tr.StateAt(n - 1).Check(); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkWorstCases(b *testing.B) {
	for _, c := range worstCases() {
		b.Run(strings.ReplaceAll(c.name, " ", "_"), func(b *testing.B) {
			b.ReportAllocs()
			var tr *Trace
			for i := 0; i < b.N; i++ {
				tr, _ = Run(c.src, Options{})
			}
			if tr != nil {
				b.ReportMetric(float64(tr.work), "units")
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(max(tr.work, 1)), "ns/unit")
			}
		})
	}
}
