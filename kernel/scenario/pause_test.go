package scenario

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"handleviz/kernel/syntax"
)

// The browser passes Options.Pause to let its page answer keys during a
// run and to offer a Stop button (issue 15). A hook that lets the run go on
// must not change the run; one that says stop ends it with E_STOPPED at
// the statement running, keeping the steps made so far.
func TestPauseKeepsRunAndStops(t *testing.T) {
	src := "process P;\n@P\nint i = 0;\nHANDLE h = CreateEvent(NULL, FALSE, FALSE, NULL);\nwhile (1) {\n  i++;\n  SetEvent(h);\n}\n"
	plain, err := Run(src, Interactive)
	if err != nil {
		t.Fatal(err)
	}
	var calls int
	var last Progress
	opt := Interactive
	opt.Pause = func(p Progress) bool {
		if p.Work < last.Work || p.Steps < last.Steps {
			t.Fatalf("progress went back: %+v after %+v", p, last)
		}
		calls, last = calls+1, p
		return true
	}
	paused, err := Run(src, opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(paused.Steps) != len(plain.Steps) || paused.Err.Code != plain.Err.Code || plain.Err.Code != "E_WORK_LIMIT" {
		t.Fatalf("with a pause hook: %d steps, %v; without: %d steps, %v", len(paused.Steps), paused.Err, len(plain.Steps), plain.Err)
	}
	// About every pauseEvery units over the 1,000,000-unit budget (a charge
	// can pass the mark by a few units).
	if want := int(Interactive.MaxWork / pauseEvery); calls < want*9/10 || calls > want+1 {
		t.Errorf("Pause called %d times, want about %d", calls, want)
	}
	if last.MaxWork != Interactive.MaxWork || last.Line < 5 || last.Line > 7 {
		t.Errorf("last progress %+v: want the budget and a line of the loop (5-7)", last)
	}

	calls = 0
	opt.Pause = func(p Progress) bool { calls++; return calls < 10 }
	stopped, err := Run(src, opt)
	if err != nil {
		t.Fatal(err)
	}
	if stopped.Err == nil || stopped.Err.Code != "E_STOPPED" {
		t.Fatalf("stopped run ended with %v, want E_STOPPED", stopped.Err)
	}
	if n := len(stopped.Steps); n == 0 || n >= len(plain.Steps) {
		t.Errorf("stopped run kept %d steps (the whole run has %d)", n, len(plain.Steps))
	}
	if l := stopped.Err.Pos.Line; l < 5 || l > 7 {
		t.Errorf("E_STOPPED at line %d, want the loop's (5-7)", l)
	}
	if msg := stopped.Err.Text("en"); msg == "" || msg == "E_STOPPED" {
		t.Errorf("no message for E_STOPPED: %q", msg)
	}
}

// The resolver pauses as the parse does (syntax.ParseWith): a hook that
// goes on changes nothing, one that says stop ends it with E_STOPPED at a
// statement of the source.
func TestResolveWithPausesAndStops(t *testing.T) {
	var b strings.Builder
	b.WriteString("process P;\n@P\n")
	for i := 0; i < 3000; i++ {
		fmt.Fprintf(&b, "int v%d = %d;\nif (v%d) undeclared%d = 1;\n", i, i, i, i)
	}
	f, err := syntax.Parse(b.String())
	if err != nil {
		t.Fatal(err)
	}
	want := Resolve(f)
	calls := 0
	got := ResolveWith(f, func() bool { calls++; return true })
	if !reflect.DeepEqual(got, want) || len(want) != maxResolveErrors {
		t.Errorf("ResolveWith with a hook that goes on: %d errors; Resolve: %d", len(got), len(want))
	}
	if calls < 10 {
		t.Errorf("the hook was called %d times over 15,000 nodes", calls)
	}
	n := 0
	errs := ResolveWith(f, func() bool { n++; return n < 3 })
	if len(errs) != 1 || errs[0].Code != "E_STOPPED" || errs[0].Pos.Line < 3 || n != 3 {
		t.Errorf("stopped at the 3rd call: %v (%d calls)", errs, n)
	}
}
