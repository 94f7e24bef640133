package scene

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"handleviz/assets"
	"handleviz/kernel/scenario"
)

// The browser compiles through CompileWith so that its page answers keys
// during a run (issue 15): a pause that lets the run go on must play the
// same lesson as Compile, and errors (a parse error, a runtime limit) must
// read the same.
func TestCompileWithMatchesCompile(t *testing.T) {
	srcs := []string{
		"process P;\n@P\nint x = ;\n",                  // parse error
		"process P;\n@P\nx = 1;\n",                     // resolution error
		"process P;\n@P\nint i = 0;\nwhile (1) i++;\n", // work limit
	}
	for _, l := range assets.Lessons() {
		srcs = append(srcs, l.Source)
	}
	for _, src := range srcs {
		calls := 0
		got := CompileWith(src, func(scenario.Progress) bool { calls++; return true })
		want := Compile(src)
		if calls == 0 {
			t.Errorf("%.30q: pause never called", src)
		}
		if len(got.Steps) != len(want.Steps) || !reflect.DeepEqual(got.Err, want.Err) {
			t.Errorf("%.30q: CompileWith gave %d steps, %+v; Compile %d steps, %+v", src, len(got.Steps), got.Err, len(want.Steps), want.Err)
		}
	}
}

// Stop works during the parse and the resolver too (issue 15: a long
// parse held the page, and Stop with it): the run ends with E_STOPPED at a
// line of the source, before any step.
func TestCompileWithStopsInParseAndResolve(t *testing.T) {
	var src strings.Builder
	src.WriteString("process P;\n@P\n")
	for i := 0; i < 5000; i++ {
		fmt.Fprintf(&src, "int v%d = %d;\n", i, i)
	}
	// Count the calls before the run starts (the first with figures).
	calls, before := 0, 0
	CompileWith(src.String(), func(p scenario.Progress) bool {
		calls++
		if p.Work == 0 && before == calls-1 {
			before = calls
		}
		return true
	})
	if before < 4 {
		t.Fatalf("pause called %d times before the run, want the parse's and the resolver's too", before)
	}
	for stopAt := 2; stopAt <= before; stopAt++ {
		n := 0
		tr := CompileWith(src.String(), func(scenario.Progress) bool { n++; return n < stopAt })
		if tr.Err == nil || !strings.Contains(tr.Err.Msg.En, "stopped") || tr.Err.Line < 1 || len(tr.Steps) != 0 {
			t.Errorf("stopped at call %d of %d: %d steps, %+v; want E_STOPPED at a line", stopAt, before, len(tr.Steps), tr.Err)
		}
	}
}
