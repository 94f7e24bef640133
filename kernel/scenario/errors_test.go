package scenario

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"handleviz/kernel/syntax"
)

// firstError runs src and returns its syntax or runtime error.
func firstError(src string, opt Options) *syntax.Error {
	tr, err := Run(src, opt)
	if err != nil {
		return err.(syntax.ErrorList)[0]
	}
	return tr.Err
}

// TestMalformed runs the malformed corpus: each scenario must stop with its
// exact error code at its exact line and column (testdata/errors/want.txt),
// and the message must be complete in English and Korean. Every .scn has
// an entry, every entry a .scn, and every error code a scenario (but the
// few in unreachable below).
func TestMalformed(t *testing.T) {
	f, err := os.Open("testdata/errors/want.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	entries := map[string]bool{}
	codes := map[string]bool{}
	sc := bufio.NewScanner(f)
	for ln := 1; sc.Scan(); ln++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		var l, c int
		if len(fields) != 3 || !strings.HasPrefix(fields[1], "E_") || func() bool { _, err := fmt.Sscanf(fields[2], "%d:%d", &l, &c); return err != nil }() {
			t.Errorf("want.txt:%d: %q is not \"name E_CODE line:col\"", ln, line)
			continue
		}
		name, code, at := fields[0], fields[1], fields[2]
		if _, ok := syntax.Messages[code]; !ok {
			t.Errorf("want.txt:%d: unknown code %s", ln, code)
		}
		if entries[name] {
			t.Errorf("want.txt:%d: %s listed twice", ln, name)
		}
		entries[name], codes[code] = true, true
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("testdata/errors", name+".scn"))
			if err != nil {
				t.Fatal(err)
			}
			e := firstError(string(src), Options{MaxSteps: 1000, MaxEvents: 2000})
			if e == nil {
				t.Fatalf("no error; want %s at %s", code, at)
			}
			if got := fmt.Sprintf("%d:%d", e.Pos.Line, e.Pos.Col); e.Code != code || got != at {
				t.Errorf("got %s at %s (%s); want %s at %s", e.Code, got, e.Message("en"), code, at)
			}
			checkMessage(t, e)
		})
	}
	files, _ := filepath.Glob("testdata/errors/*.scn")
	for _, file := range files {
		if name := strings.TrimSuffix(filepath.Base(file), ".scn"); !entries[name] {
			t.Errorf("%s has no line in want.txt", file)
		}
	}
	for code := range syntax.Messages {
		if !codes[code] && !unreachable[code] {
			t.Errorf("no scenario in testdata/errors stops with %s", code)
		}
	}
}

// unreachable are the codes the corpus cannot show: a bug's report, the
// runner's line for a failed expect (not a stopping error), a source over
// 256 KiB (TestLimits makes one), and a guard for a waiting call in a
// process with no statement running, which the interpreter never makes;
// the browser's Stop button (TestPauseKeepsRunAndStops makes one).
var unreachable = map[string]bool{"E_INTERNAL": true, "E_EXPECT_FAILED": true, "E_SOURCE_TOO_LARGE": true, "E_SELF_WAIT": true, "E_STOPPED": true}

func checkMessage(t *testing.T, e *syntax.Error) {
	t.Helper()
	if _, ok := syntax.Messages[e.Code]; !ok {
		t.Errorf("code %s has no message", e.Code)
	}
	for _, lang := range []string{"en", "ko"} {
		m := e.Message(lang)
		if strings.Contains(m, "{") && !strings.Contains(e.Code, "FORMAT") || !strings.Contains(m, fmt.Sprint(e.Pos.Line)) {
			t.Errorf("%s message incomplete: %q", lang, m)
		}
	}
}

// Limits stop with a clear error, never a hang.
func TestLimits(t *testing.T) {
	big := "process P;\n@P\n" + strings.Repeat("int x;\n", syntax.MaxSource/7+10)
	_, err := Run(big, Options{})
	// At the line where the limit is passed, not at 0:0.
	if e := err.(syntax.ErrorList)[0]; e.Code != "E_SOURCE_TOO_LARGE" || e.Pos.Line != 3+(syntax.MaxSource-14)/7 || e.Pos.Col == 0 {
		t.Errorf("big source: %v at %d:%d", e, e.Pos.Line, e.Pos.Col)
	}
	e := firstError("process P;\n@P\nint i = 0;\nwhile (1) i++;\n", Options{MaxSteps: 500})
	if e == nil || e.Code != "E_STEP_LIMIT" || e.Pos.Line != 4 {
		t.Errorf("step limit: %v", e)
	}
	e = firstError("process P;\n@P\nfor (int i = 0; i < 2000; i++) printf(\"%0100d\\n\", i);\n", Options{})
	if e == nil || e.Code != "E_CONSOLE_LIMIT" {
		t.Errorf("console limit: %v", e)
	}
	e = firstError("process P;\n@P\nTCHAR* s = TEXT(\"x\");\nwhile (1) _tcscat(s, s);\n", Options{})
	if e == nil || e.Code != "E_STRING_TOO_LONG" {
		t.Errorf("string limit: %v", e)
	}
}

// The step limit is settable, and a deep but legal program runs.
func TestStepLimitSettable(t *testing.T) {
	src := "process P;\n@P\nint i, x;\nfor (i = 0; i < 3000; i++) x++;\n"
	if e := firstError(src, Options{MaxSteps: 5000}); e != nil {
		t.Errorf("3000 iterations under 5000 steps: %v", e)
	}
	if e := firstError(src, Options{MaxSteps: 2000}); e == nil || e.Code != "E_STEP_LIMIT" {
		t.Errorf("3000 iterations under 2000 steps: %v", e)
	}
}

// A loop that records no step stops on the work budget, and the message
// counts the steps that were recorded (the step-limit message used to claim
// "more than 100000 steps" for none).
func TestWorkLimit(t *testing.T) {
	e := firstError("process P;\n@P\nint x = 1;\nwhile (1) ;\n", Options{MaxSteps: 10_000})
	if e == nil || e.Code != "E_WORK_LIMIT" || e.Pos.Line != 4 || e.Pos.Col != 1 {
		t.Fatalf("err = %v", e)
	}
	if m := e.Message("en"); !strings.Contains(m, "steps so far: 2") || strings.Contains(m, "100000 steps") {
		t.Errorf("message %q", m)
	}
	// One statement's work counts too: 50 calls on a 4,096-character string
	// per loop condition (the audit's t38c ran for minutes).
	big := strings.Repeat("a", 4096)
	src := "process P;\n@P\nTCHAR b[4097];\n_tcscpy(b, TEXT(\"" + big + "\"));\nwhile (" + strings.TrimSuffix(strings.Repeat("_tcslen(b) + ", 50), " + ") + " > 0) ;\n"
	if e := firstError(src, Options{MaxSteps: 10_000}); e == nil || e.Code != "E_WORK_LIMIT" || e.Pos.Line != 5 {
		t.Errorf("t38c: %v", e)
	}
	// A scenario of 100,000 steps of real work stays within the default
	// budget.
	tr, err := Run(bench100k, Options{})
	if err != nil || tr.Err != nil || len(tr.Steps) != DefaultMaxSteps {
		t.Errorf("bench100k: %v %v", err, tr.Err)
	}
}

// Kernel events are bounded: a few hundred bytes that ask for 90,000
// inheritable handles and 63 children stop with E_EVENT_LIMIT, and the
// final state is the one after the last step (the call that went too far
// is in no step).
func TestEventLimit(t *testing.T) {
	tr, err := Run(membomb, Options{MaxEvents: 300_000})
	if err != nil {
		t.Fatal(err)
	}
	if tr.Err == nil || tr.Err.Code != "E_EVENT_LIMIT" || tr.Err.Pos.Line != 10 {
		t.Fatalf("err = %v", tr.Err)
	}
	last := tr.StateAt(len(tr.Steps) - 1)
	if len(last.Processes()) != len(tr.Final.Processes()) || len(last.Objects) != len(tr.Final.Objects) {
		t.Errorf("final state has %d objects, the last step's %d", len(tr.Final.Objects), len(last.Objects))
	}
	if err := tr.Final.Check(); err != nil {
		t.Error(err)
	}
}
