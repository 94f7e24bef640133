package verify

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"handleviz/kernel/scenario"
)

const small = `process Parent;

@Parent
SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };
HANDLE hA = CreateEvent(&sa, TRUE, FALSE, NULL);
HANDLE hB = CreateMutex(NULL, FALSE, NULL);
CloseHandle(hA);
HANDLE hC = CreateSemaphore(NULL, 1, 1, NULL);
expect(hC == 4);
DWORD n;
`

func load(t *testing.T, src string) *Model {
	t.Helper()
	m, err := LoadModel(src, scenario.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// wineShift is Wine's logs for a model run, as if every handle sat 0x40
// higher (Wine's own handles come first): what an agreeing Wine writes.
func wineShift(m *Model) map[string]*WineLog {
	shift := func(h uint64) uint64 {
		if special(h) {
			return h
		}
		return h + 0x40
	}
	logs := map[string]*WineLog{}
	for _, r := range m.Plan.Roles {
		logs[r] = &WineLog{Snaps: map[int][]Entry{}}
	}
	for _, s := range m.Steps {
		ws := WineStep{Line: s.Line, Col: s.Col, Section: s.Section, Err: s.Err, Vars: map[string]uint64{}, Expects: s.Expects}
		if s.HasRet {
			ws.Called, ws.Ret = 1, s.Ret
			if win32[baseName(s.Call)] == retHandle {
				ws.Ret = shift(s.Ret)
			}
		}
		for _, e := range s.Table {
			ws.Table = append(ws.Table, Entry{Handle: shift(e.Handle), Access: e.Access, Flags: e.Flags, HandleCount: e.HandleCount, Type: wineType[e.Type]})
		}
		for n, v := range s.Vars {
			ws.Vars[n] = shift(v)
		}
		l := logs[s.Process]
		l.Steps = append(l.Steps, ws)
	}
	return logs
}

func TestCompareAgreesUnderRenaming(t *testing.T) {
	m := load(t, small)
	logs := wineShift(m)
	// expect(hC == 4): Wine compares 0x44 with 4, through the renaming.
	for i, s := range logs["Parent"].Steps {
		if len(s.Expects) > 0 {
			logs["Parent"].Steps[i].Abs = []AbsCheck{{Wine: 0x44, Literal: 4, Equal: true}}
		}
	}
	if d := Compare(m, logs); len(d) != 0 {
		t.Fatalf("an agreeing Wine log disagrees: %+v", d)
	}
}

// A Wine that put hC in a fresh slot instead of reusing hA's lowest free
// slot breaks the renaming: the oracle names the step and the line.
func TestCompareLowestFreeSlot(t *testing.T) {
	m := load(t, small)
	logs := wineShift(m)
	for i := range logs["Parent"].Steps {
		s := &logs["Parent"].Steps[i]
		if s.Line >= 8 {
			for j := range s.Table {
				if s.Table[j].Handle == 0x44 {
					s.Table[j].Handle = 0x4C
				}
			}
			if s.Line == 8 {
				s.Ret = 0x4C
			}
			if _, ok := s.Vars["hC"]; ok {
				s.Vars["hC"] = 0x4C
			}
		}
	}
	diffs := Compare(m, logs)
	if len(diffs) == 0 || diffs[0].Line != 8 || !strings.Contains(diffs[0].What, "handle value") {
		t.Fatalf("want a handle-value difference at line 8, got %+v", diffs)
	}
}

func TestCompareAccessAndError(t *testing.T) {
	m := load(t, small)
	logs := wineShift(m)
	st := &logs["Parent"].Steps[2] // CreateMutex, line 6
	st.Table[1].Access = 0x100000
	st.Err = 183
	diffs := Compare(m, logs)
	var what []string
	for _, d := range diffs {
		if d.Line != 6 {
			t.Errorf("difference at line %d, want 6: %+v", d.Line, d)
		}
		what = append(what, d.What)
	}
	got := strings.Join(what, "; ")
	if !strings.Contains(got, "access of handle 0x8") || !strings.Contains(got, "GetLastError") {
		t.Fatalf("want the access and the last error at line 6, got %q", got)
	}
}

func TestCompareWaiting(t *testing.T) {
	m := load(t, `process A, B;
@A
HANDLE h = CreateEvent(NULL, TRUE, FALSE, TEXT("E"));
WaitForSingleObject(h, INFINITE);
@B
HANDLE e = OpenEvent(EVENT_MODIFY_STATE, FALSE, TEXT("E"));
SetEvent(e);
`)
	logs := wineShift(m)
	// In Wine the wait returned at once, in A's own section.
	for i := range logs["A"].Steps {
		if logs["A"].Steps[i].Line == 4 {
			logs["A"].Steps[i].Section = 1
		}
	}
	diffs := Compare(m, logs)
	if len(diffs) != 1 || diffs[0].What != "returns in section" || diffs[0].Line != 4 {
		t.Fatalf("want the wait's section at line 4, got %+v", diffs)
	}
}

func TestTranslate(t *testing.T) {
	m := load(t, `process Parent;
@Parent
SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };
HANDLE h = CreateMutex(&sa, FALSE, NULL);
TCHAR cmd[64];
_stprintf(cmd, TEXT("Child.exe %d"), h);
STARTUPINFO si = { sizeof(si) };
PROCESS_INFORMATION pi;
CreateProcess(NULL, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi);
expect(UsageCount(h) == 2);
@Child
HANDLE hM = (HANDLE)_ttoi(argv[1]);
expect(hM == 4);
return 0;
`)
	c, err := Translate(m.File, m.Plan)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`const char *hv_roles[] = {"Parent", "Child", };`,
		"hv_CreateProcess(NULL, cmd",                    // the same program, told its role
		"TCHAR cmd[64] = {0};",                          // the model never invents garbage
		"PROCESS_INFORMATION pi = {0};",                 //
		"hv_abs((ULONG64)(ULONG_PTR)(hM), 4, 1)",        // checked through the renaming
		"hv_expect(10, 1, ((UsageCount(h) == 2)) != 0)", // the model-only built-in in C
		"hv_exit(14, 1, (UINT)(0));",
		`hv_var("pi.hProcess", pi.hProcess)`,
	} {
		if !strings.Contains(c, want) {
			t.Errorf("translation lacks %q", want)
		}
	}
}

func TestParseLog(t *testing.T) {
	l, err := ParseLog("S 0 0 0 0 0 0\nH 4 0 f003f a Key\nE\nX 9 1 1\nA 44 4 1\nS 9 1 1 0 0 0\nH 44 1 1f0003 1 Event\nV h 44\nE\nT 1\nH 44 1 1f0003 2 Event\nE\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Startup) != 1 || len(l.Steps) != 1 || len(l.Snaps[1]) != 1 {
		t.Fatalf("startup %d, steps %d, snapshot %d", len(l.Startup), len(l.Steps), len(l.Snaps[1]))
	}
	s := l.Steps[0]
	// An expect is logged while its statement runs, before the step.
	if len(s.Expects) != 1 || len(s.Abs) != 1 || s.Vars["h"] != 0x44 || s.Table[0].Flags != 1 {
		t.Fatalf("step %+v", s)
	}
	if _, err := ParseLog("Q what\n"); err == nil {
		t.Fatal("a malformed line is an error")
	}
}

// TestWineLessons runs the bundled lessons under Wine: each must agree with
// the model at every step but known differences. Without wine64 or
// mingw-w64 it skips locally and fails under CI=true.
func TestWineLessons(t *testing.T) {
	runUnderWine(t, "../../assets/lessons/*.scn")
}

// TestWineGoldens does the same for every golden scenario, as make verify
// does (docs/verification.md): a change to the model that Wine contradicts
// fails make test, not only a later make verify.
func TestWineGoldens(t *testing.T) {
	runUnderWine(t, "../scenario/testdata/golden/*.scn")
}

// runUnderWine builds the scenarios matching glob, runs each under Wine and
// fails on any difference that is not a known one.
func runUnderWine(t *testing.T, glob string) {
	t.Helper()
	tools, err := FindTools()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("the Wine oracle needs its tools under CI: %v", err)
		}
		t.Skipf("Wine oracle skipped: %v", err)
	}
	if testing.Short() {
		t.Skip("Wine oracle skipped in -short mode")
	}
	ctx := context.Background()
	if err := tools.Prepare(ctx); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(glob)
	if len(files) == 0 {
		t.Fatalf("no scenarios match %s", glob)
	}
	// Builds (mingw-w64, cached by content hash) run in parallel; the Wine
	// runs one at a time, since the harness tells a waiting call by time.
	prepared := make([]*Prepared, len(files))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.NumCPU())
	for i, f := range files {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			prepared[i] = PrepareOne(ctx, tools, f)
			<-sem
		}()
	}
	wg.Wait()
	for _, p := range prepared {
		RunOne(ctx, tools, p, filepath.Join(t.TempDir(), "logs"))
		r := p.Result
		if r.Retried != "" {
			t.Logf("%s: the first run failed in the harness and was run again: %s", r.Path, r.Retried)
		}
		if !r.Agrees() {
			var b strings.Builder
			WriteVerdicts(&b, []*Result{r})
			t.Errorf("%s", b.String())
		}
	}
}

// A main function's parameters are the process's argc and argv: under their
// own names nothing is declared (int argc = argc; would read itself).
func TestTranslateMainParams(t *testing.T) {
	m := load(t, "process Main;\n@Main\nint _tmain(int argc, TCHAR* argv[])\n{\n    int n = argc;\n    return 0;\n}\n")
	c, err := Translate(m.File, m.Plan)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(c, "int argc = argc") {
		t.Fatal("argc initialised from itself")
	}
	m = load(t, "process Main;\n@Main\nint main(int n, char **v)\n{\n    return n;\n}\n")
	if c, _ = Translate(m.File, m.Plan); !strings.Contains(c, "int n = argc;") {
		t.Fatal("a renamed argc is not aliased")
	}
}

// Known differences are named per golden and line; another line of the
// same golden is not excused.
func TestMatchKnown(t *testing.T) {
	m := &Model{Path: "kernel/scenario/testdata/golden/09_wait_process.scn"}
	if k := MatchKnown(m, &Difference{Line: 37}); k != terminateExited {
		t.Fatalf("line 37: %v", k)
	}
	if k := MatchKnown(m, &Difference{Line: 34}); k != nil {
		t.Fatalf("line 34 is a finding, not a known difference: %v", k.ID)
	}
	for _, k := range KnownDifferences {
		if k.Source == "" || k.Reason == "" {
			t.Errorf("%s has no source or reason", k.ID)
		}
	}
}

// A file an earlier run left on drive C: is removed before the next run, so
// that CREATE_ALWAYS does not report ERROR_ALREADY_EXISTS (golden 11 line 15).
func TestRemoveScenarioFiles(t *testing.T) {
	tools := &Tools{Prefix: t.TempDir()}
	dir := filepath.Join(tools.Prefix, "drive_c", "sub")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	kept := filepath.Join(tools.Prefix, "drive_c", "keep.txt")
	for _, f := range []string{filepath.Join(tools.Prefix, "drive_c", "data.bin"), filepath.Join(dir, "x.txt"), kept} {
		os.WriteFile(f, []byte("old"), 0o644)
	}
	tools.removeScenarioFiles(`HANDLE h = CreateFile(TEXT("C:\\data.bin"), 0); CreateFile(TEXT("c:\\sub\\x.txt"));`)
	left, _ := filepath.Glob(filepath.Join(tools.Prefix, "drive_c", "*", "*"))
	left2, _ := filepath.Glob(filepath.Join(tools.Prefix, "drive_c", "*.*"))
	if len(left) != 0 || len(left2) != 1 || left2[0] != kept {
		t.Fatalf("left: %v %v", left, left2)
	}
}
