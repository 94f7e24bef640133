package scene

import (
	"path/filepath"
	"strings"
	"testing"

	"handleviz/kernel"
)

func procNamed(sc *Scene, name string) *ProcView {
	for i := range sc.Procs {
		if sc.Procs[i].Name == name {
			return &sc.Procs[i]
		}
	}
	return nil
}

// loadTimeline runs a scenario file through the player's own conversion.
func loadTimeline(t *testing.T, path string) *Timeline {
	t.Helper()
	return NewTimeline(FromScenario(runFile(t, path)))
}

// lastScene is the scene after the last micro-step of the first statement
// starting with prefix.
func lastScene(t *testing.T, tl *Timeline, prefix string) *Scene {
	t.Helper()
	for i, s := range tl.Trace.Steps {
		if strings.HasPrefix(s.Text, prefix) {
			m := tl.LastOf(i)
			return Build(tl, m, m, nil)
		}
	}
	t.Fatalf("no statement %q", prefix)
	return nil
}

// A redirected child's stdout names the pipe's write end it inherited at
// 0x8 (Microsoft, "Creating a Child Process with Redirected Input and
// Output"); its stdin, given as the parent's 0x3, and the parent's three
// handles name the console they share (a console child of a console
// parent shares its console: "Creation of a Console"). One console card
// lists both processes.
func TestRedirectedChildStdHandles(t *testing.T) {
	tl := loadTimeline(t, goldenDir+"60_redirected_printf.scn")
	sc := lastScene(t, tl, `printf("Hello from child\n")`)
	parent, child := procNamed(sc, "Parent"), procNamed(sc, "Child")
	if parent == nil || child == nil {
		t.Fatalf("columns %+v", sc.Procs)
	}
	if len(parent.Std) != 3 || len(child.Std) != 3 {
		t.Fatalf("standard handles: parent %+v, child %+v", parent.Std, child.Std)
	}
	for i, want := range []kernel.Handle{0x3, 0x7, 0xB} {
		if v := parent.Std[i]; v.Handle != want || v.Console != 1 {
			t.Errorf("parent's %s = %+v, want 0x%X on console 1", v.Which, v, want)
		}
	}
	in, out, errOut := child.Std[0], child.Std[1], child.Std[2]
	if in.Handle != kernel.ConsoleInput || in.Console != 1 {
		t.Errorf("child's stdin %+v, want 0x3 on console 1", in)
	}
	for _, v := range []StdView{out, errOut} {
		if v.Console != 0 || v.Handle != 8 || v.Type != "Pipe" || v.Role != "write" {
			t.Errorf("child's %s %+v, want the pipe's write end at 0x8", v.Which, v)
		}
	}
	// The child's printf went into the pipe, not onto the screen.
	if len(sc.Consoles) != 1 || strings.Join(sc.Consoles[0].Procs, ",") != "Parent,Child" || len(sc.Consoles[0].Screen) != 0 {
		t.Fatalf("consoles %+v, want one, shared by Parent and Child, its screen empty", sc.Consoles)
	}
	r := sc.Consoles[0].Rect
	for _, o := range sc.Objects {
		if o.Rect == r {
			t.Errorf("the console card sits on the %s card", o.Type)
		}
	}
	if r.W == 0 || r.Y < sc.Kernel.CardTop || r.Y+r.H > sc.H {
		t.Errorf("console card %+v outside the kernel area (top %v, scene height %v)", r, sc.Kernel.CardTop, sc.H)
	}
	// Dashed arrows from the console values only: the parent's three, the
	// child's stdin (its stdout and stderr go through its table row 0x8).
	links := map[string]int{}
	for _, l := range sc.StdLinks {
		links[procName(sc, l.PID)]++
		if l.Console != 1 || !strings.HasPrefix(l.D, "M ") {
			t.Errorf("link %+v", l)
		}
	}
	if links["Parent"] != 3 || links["Child"] != 1 || len(links) != 2 {
		t.Errorf("arrows to the console per process %v, want Parent 3, Child 1", links)
	}
}

func procName(sc *Scene, pid kernel.PID) string {
	for _, p := range sc.Procs {
		if p.PID == pid {
			return p.Name
		}
	}
	return ""
}

// CREATE_NEW_CONSOLE gives the child a console of its own ("Process
// Creation Flags"), with the same handle values naming it; what each
// process printed shows on its own console's card, and SetStdHandle's
// redirect shows in the column while it lasts. puts after SetStdHandle
// still reaches the console: the C runtime keeps the handle it took at
// startup (UCRT lowio/ioinit.cpp, golden 64's source).
func TestNewConsoleAndSetStdHandle(t *testing.T) {
	tl := loadTimeline(t, goldenDir+"64_console_io.scn")
	sc := lastScene(t, tl, `puts("else")`)
	shell := procNamed(sc, "Shell")
	if shell == nil || len(shell.Std) != 3 || shell.Std[1].Type != "Pipe" || shell.Std[1].Role != "write" || shell.Std[1].Console != 0 {
		t.Fatalf("Shell's stdout after SetStdHandle: %+v, want the pipe's write end", shell)
	}
	sc = lastScene(t, tl, `Sleep(INFINITE)`)
	shell, child := procNamed(sc, "Shell"), procNamed(sc, "Child")
	if shell.Std[1].Console != 1 || child.Std[1].Console != 2 || child.Std[1].Handle != 0x7 {
		t.Errorf("stdout: Shell %+v, Child %+v; want 0x7 on consoles 1 and 2", shell.Std[1], child.Std[1])
	}
	if len(sc.Consoles) != 2 {
		t.Fatalf("consoles %+v, want two", sc.Consoles)
	}
	c1, c2 := sc.Consoles[0], sc.Consoles[1]
	if c1.N != 1 || strings.Join(c1.Procs, ",") != "Shell" || strings.Join(c1.Screen, "|") != "prompt>> else" {
		t.Errorf("console 1 %+v, want Shell's with its prompt and puts' \"else\"", c1)
	}
	if c2.N != 2 || strings.Join(c2.Procs, ",") != "Child" || strings.Join(c2.Screen, "|") != "child runs" {
		t.Errorf("console 2 %+v, want Child's with \"child runs\"", c2)
	}
}

// The lessons other than 5-14 (whose subject is the redirected standard
// output) never ask for their standard handles: none draws them or a
// console card, and their columns keep their size (a lesson that prints
// keeps its console text in the column). 5-14 is drawn with them.
func TestLessonsDrawNoConsole(t *testing.T) {
	files, err := filepath.Glob("../../assets/lessons/*.scn")
	if err != nil || len(files) == 0 {
		t.Fatalf("no lessons: %v", err)
	}
	for _, f := range files {
		tl := loadTimeline(t, f)
		if filepath.Base(f) == "5-14-redirect-output.scn" {
			if !tl.Trace.StdIO {
				t.Errorf("5-14: the redirection lesson does not draw its standard handles")
			}
			continue
		}
		if tl.Trace.StdIO {
			t.Errorf("%s: drawn as a scenario about standard handles", filepath.Base(f))
			continue
		}
		sc := Build(tl, tl.Len()-1, tl.Len()-1, nil)
		for _, p := range sc.Procs {
			if p.Std != nil {
				t.Errorf("%s: %s shows standard handles", filepath.Base(f), p.Name)
			}
			if want := ColumnHeight(p.NRows, len(p.Vars), len(p.Console)); p.Rect.H != want {
				t.Errorf("%s: %s column %v high, want %v", filepath.Base(f), p.Name, p.Rect.H, want)
			}
		}
		if sc.Consoles != nil || sc.StdLinks != nil {
			t.Errorf("%s: console cards %+v", filepath.Base(f), sc.Consoles)
		}
	}
	tl := loadTimeline(t, "../../assets/lessons/01-inherit.scn")
	sc := Build(tl, tl.Len()-1, tl.Len()-1, nil)
	if c := procNamed(sc, "Child"); c == nil || len(c.Console) == 0 {
		t.Errorf("01-inherit: the child's printf no longer shows in its column")
	}
}

// The exported picture draws the standard handles and consoles as the page
// does, and a lesson's export has none of them.
func TestSVGConsole(t *testing.T) {
	tl := loadTimeline(t, goldenDir+"64_console_io.scn")
	svg := lastScene(t, tl, `Sleep(INFINITE)`).SVG(SVGOptions{Lang: "en"})
	for _, want := range []string{`data-kind="console"`, ">Console 2<", ">child runs<", `data-kind="std"`, ">STANDARD HANDLES<", "→ Console 1"} {
		if !strings.Contains(svg, want) {
			t.Errorf("the export lacks %s", want)
		}
	}
	tl = loadTimeline(t, "../../assets/lessons/01-inherit.scn")
	svg = Build(tl, tl.Len()-1, tl.Len()-1, nil).SVG(SVGOptions{Lang: "en"})
	for _, not := range []string{`data-kind="console"`, `data-kind="std"`, "STANDARD HANDLES"} {
		if strings.Contains(svg, not) {
			t.Errorf("01-inherit's export has %s", not)
		}
	}
}
