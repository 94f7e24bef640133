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
// and the message must be complete in English and Korean.
func TestMalformed(t *testing.T) {
	f, err := os.Open("testdata/errors/want.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) != 3 {
			continue
		}
		name, code, at := fields[0], fields[1], fields[2]
		n++
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("testdata/errors", name+".scn"))
			if err != nil {
				t.Fatal(err)
			}
			e := firstError(string(src), Options{MaxSteps: 1000})
			if e == nil {
				t.Fatalf("no error; want %s at %s", code, at)
			}
			if got := fmt.Sprintf("%d:%d", e.Pos.Line, e.Pos.Col); e.Code != code || got != at {
				t.Errorf("got %s at %s (%s); want %s at %s", e.Code, got, e.Message("en"), code, at)
			}
			checkMessage(t, e)
		})
	}
	if n < 40 {
		t.Errorf("the corpus has %d scenarios; want at least 40", n)
	}
}

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
	if e := err.(syntax.ErrorList)[0]; e.Code != "E_SOURCE_TOO_LARGE" {
		t.Errorf("big source: %v", e)
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
