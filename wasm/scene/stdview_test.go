package scene

import (
	"testing"

	"handleviz/kernel"
)

// A redirected child's column lists its standard handles, stdout naming
// the pipe's write end it inherited (Microsoft, "Creating a Child Process
// with Redirected Input and Output"); its parent, on its console with the
// console's handles, lists none, as every lesson without redirection.
func TestStdHandlesShownOnlyWhenRedirected(t *testing.T) {
	tr := fromScenario(t, goldenDir+"60_redirected_printf.scn")
	tl := NewTimeline(tr)
	w := stepWith(t, tr, `printf("Hello from child\n")`, 0)
	sc := Build(tl, tl.LastOf(w), tl.LastOf(w), nil)
	var parent, child *ProcView
	for i := range sc.Procs {
		switch sc.Procs[i].Name {
		case "Parent":
			parent = &sc.Procs[i]
		case "Child":
			child = &sc.Procs[i]
		}
	}
	if parent == nil || child == nil {
		t.Fatalf("columns %+v", sc.Procs)
	}
	if parent.Std != nil {
		t.Errorf("the parent on its console shows standard handles: %+v", parent.Std)
	}
	if len(child.Std) != 3 {
		t.Fatalf("child's standard handles %+v", child.Std)
	}
	in, out := child.Std[0], child.Std[1]
	if !in.Console || in.Handle != kernel.ConsoleInput {
		t.Errorf("child's stdin %+v, want the shared console", in)
	}
	if out.Console || out.Handle != 8 || out.Type != "Pipe" || out.Role != "write" {
		t.Errorf("child's stdout %+v, want the pipe's write end at 0x8", out)
	}
}
