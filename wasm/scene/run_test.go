package scene

import (
	"reflect"
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
