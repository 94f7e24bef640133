package scene

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"handleviz/kernel"
)

// The handle-leak lesson (seed 000 §핸들: a handle not closed in time leaves
// its object behind) ends with the loop's events still open: the report
// names each one and the statement in the loop that created it, as
// `!htrace -diff` points at the allocating stack.
func TestLeakReportNamesWhereLeakedHandlesWereCreated(t *testing.T) {
	tr := fromScenario(t, "../../assets/lessons/1-19-handle-leak.scn")
	tl := NewTimeline(tr)
	create := stepWith(t, tr, "hRequest = CreateEvent", 0)
	// Before the server gives up: the loop has leaked 4 events.
	r := Leaks(tl, tl.LastOf(stepWith(t, tr, "return 1", 0)-1))
	if r.Clean() || len(r.Procs) != 1 || r.Procs[0].Name != "Server" {
		t.Fatalf("leak report at the end: %+v", r)
	}
	events := 0
	for _, h := range r.Procs[0].Handles {
		if h.Type != "Event" {
			continue
		}
		events++
		if h.Origin == nil || h.Origin.Line != tr.Steps[create].Line || h.Origin.Cause != "create" || h.Origin.Process != "Server" {
			t.Errorf("event handle %#x: origin %+v, want line %d (create)", h.Handle, h.Origin, tr.Steps[create].Line)
		}
	}
	if events != 4 {
		t.Errorf("%d event handles still open, want the 4 the loop leaked", events)
	}
	kept := 0
	for _, o := range r.Objects {
		if o.Type == "Event" {
			kept++
			if o.OnlyKernel || len(o.Keepers) != 1 || o.Keepers[0].Process != "Server" || o.Usage != 1 {
				t.Errorf("event %#x: keepers %+v usage %d, want Server's one handle", o.Addr, o.Keepers, o.Usage)
			}
		}
	}
	if kept != 4 || r.Leaked < 4 {
		t.Errorf("%d events alive, %d objects leaked; want 4 and at least 4", kept, r.Leaked)
	}
	// At the end the fixed server has closed everything, and the report
	// still shows the 4 events the kernel closed only at the first
	// server's exit, with the line that created them.
	end := Leaks(tl, tl.Len()-1)
	if !end.Clean() {
		t.Errorf("handles open at the end: %+v", end.Procs)
	}
	n := 0
	for _, x := range end.AtExit {
		if x.Type == "Event" {
			n++
			if x.Process != "Server" || x.Origin == nil || x.Origin.Line != tr.Steps[create].Line {
				t.Errorf("closed at exit: %+v origin %+v", x, x.Origin)
			}
		}
	}
	if n != 4 {
		t.Errorf("%d event handles closed at exit, want 4: %+v", n, end.AtExit)
	}
}

// A lesson that closes everything ends clean: no handle open, and what is
// still alive (the processes that never returned, their threads) is kept
// by the kernel only because they run.
func TestLeakReportCleanLesson(t *testing.T) {
	tr := fromScenario(t, "../../assets/lessons/5-16-mailslot.scn")
	tl := NewTimeline(tr)
	r := Leaks(tl, tl.Len()-1)
	if !r.Clean() || r.Leaked != 0 {
		t.Fatalf("mailslot lesson at the end: %d handles, %d leaked: %+v", r.Handles, r.Leaked, r.Procs)
	}
	for _, o := range r.Objects {
		if !o.OnlyKernel || len(o.Keepers) != 1 || o.Keepers[0].Kernel != "running" {
			t.Errorf("%s %#x kept by %+v, want the kernel while it runs", o.Type, o.Addr, o.Keepers)
		}
	}
}

// An inherited entry's origin is the CreateProcess that copied it, from
// the parent (the child never called anything to get it).
func TestLeakOriginOfInheritedHandle(t *testing.T) {
	tr := fromScenario(t, "../../assets/lessons/04-pipe.scn")
	tl := NewTimeline(tr)
	cp := stepWith(t, tr, "CreateProcess(", 0)
	r := Leaks(tl, tl.LastOf(cp))
	var child *LeakProc
	for i := range r.Procs {
		if r.Procs[i].Name == "Child" {
			child = &r.Procs[i]
		}
	}
	if child == nil || len(child.Handles) != 1 {
		t.Fatalf("the child's open handles after CreateProcess: %+v", r.Procs)
	}
	o := child.Handles[0].Origin
	if o == nil || o.Cause != "inherit" || o.From != "Parent" || o.Step != cp || child.Handles[0].Role != "write" {
		t.Errorf("the child's write handle: origin %+v role %q", o, child.Handles[0].Role)
	}
}

// inspectPipeLesson inspects entry index of the statement's process in
// lesson 04-pipe, after the first statement starting with prefix.
func inspectPipeLesson(t *testing.T, prefix string, index int) (*Trace, *Timeline, int, *Inspection) {
	t.Helper()
	tr := fromScenario(t, "../../assets/lessons/04-pipe.scn")
	tl := NewTimeline(tr)
	s := stepWith(t, tr, prefix, 0)
	in, ok := InspectHandle(tl, tl.LastOf(s), tr.Steps[s].PID, index)
	if !ok {
		t.Fatalf("no entry %d after %s", index, prefix)
	}
	return tr, tl, s, in
}

// The inspector decodes the pipe ends' masks as Process Explorer's
// properties do (Microsoft, "File Security and Access Rights": pipes take
// the file rights): the read end is FILE_GENERIC_READ with
// FILE_WRITE_ATTRIBUTES, every bit named, none left in hex.
func TestInspectHandleDecodesAccess(t *testing.T) {
	tr, tl, cp, in := inspectPipeLesson(t, "CreatePipe(", 1)
	pid := tr.Steps[cp].PID
	if in.Handle != 4 || in.Access != 0x120189 || !in.Inherit || in.Protect || in.Role != "read" {
		t.Errorf("read handle: %+v", in)
	}
	if got := strings.Join(in.AccessSummary, " | "); got != "FILE_GENERIC_READ | FILE_WRITE_ATTRIBUTES" {
		t.Errorf("summary %q", got)
	}
	for _, want := range []string{"READ_CONTROL", "SYNCHRONIZE", "FILE_READ_DATA", "FILE_READ_EA", "FILE_READ_ATTRIBUTES", "FILE_WRITE_ATTRIBUTES"} {
		if !slices.Contains(in.AccessNames, want) {
			t.Errorf("access names %v lack %s", in.AccessNames, want)
		}
	}
	if in.HandleCount != 1 || in.Usage != 1 || in.Origin == nil || in.Origin.Step != cp {
		t.Errorf("counts %d/%d origin %+v", in.HandleCount, in.Usage, in.Origin)
	}
	if s := ShortAccess(kernel.TypePipe, in.Access); s != "READ+" {
		t.Errorf("short access %q, want READ+", s)
	}
	// After CreateProcess the write end has two handles (usage count 2),
	// one in each process.
	cpr := stepWith(t, tr, "CreateProcess(", 0)
	w, ok := InspectHandle(tl, tl.LastOf(cpr), pid, 2)
	if !ok || w.Usage != 2 || w.HandleCount != 2 || len(w.Keepers) != 2 || w.Keepers[0].Process != "Parent" || w.Keepers[1].Process != "Child" {
		t.Errorf("write end after CreateProcess: %+v", w)
	}
	if s := ShortAccess(kernel.TypePipe, w.Access); s != "WRITE+" {
		t.Errorf("write end's short access %q, want WRITE+", s)
	}
}

// The child's process object, after CreateProcess: PROCESS_ALL_ACCESS in
// the parent's table, usage count 2 (the parent's handle and the kernel's
// reference while it runs), as WvC ch. 3 counts it.
func TestInspectProcessObject(t *testing.T) {
	tr, tl, cp, in := inspectPipeLesson(t, "CreateProcess(", 3)
	pid := tr.Steps[cp].PID
	if in.Type != "Process" || strings.Join(in.AccessSummary, "|") != "PROCESS_ALL_ACCESS" || in.Usage != 2 || in.HandleCount != 1 || in.KernelRefs != 1 {
		t.Errorf("pi.hProcess: %+v", in)
	}
	if len(in.Keepers) != 2 || in.Keepers[0].Process != "Parent" || in.Keepers[1].Kernel != "running" {
		t.Errorf("keepers %+v", in.Keepers)
	}
	if len(in.State) == 0 || !strings.Contains(in.State[0].En, "running") {
		t.Errorf("state %+v", in.State)
	}
	if _, ok := InspectHandle(tl, tl.Len()-1, pid, 3); ok {
		t.Error("entry 3 is still inspectable after CloseHandle(pi.hProcess)")
	}
}

// No handle in any bundled lesson or golden is shown half-decoded: every
// bit of every granted mask, at every statement's end, has a name.
func TestAccessNeverHalfDecoded(t *testing.T) {
	files, _ := filepath.Glob("../../assets/lessons/*.scn")
	goldens, _ := filepath.Glob(goldenDir + "*.scn")
	files = append(files, goldens...)
	if testing.Short() {
		files = files[:len(files)/4]
	}
	for _, f := range files {
		tr := fromScenario(t, f)
		for s := range tr.Steps {
			st := tr.after(s)
			if st == nil {
				continue
			}
			for _, p := range st.Processes() {
				for _, e := range p.Proc.Entries() {
					o := st.Object(e.Object)
					if o == nil {
						continue
					}
					for _, n := range append(DecodeAccess(o.Type, e.Access), AccessSummary(o.Type, e.Access)...) {
						if strings.HasPrefix(n, "0x") {
							t.Errorf("%s step %d: %s handle %#x access %#x decodes to %v", filepath.Base(f), s, o.Type, e.Handle, e.Access, DecodeAccess(o.Type, e.Access))
						}
					}
				}
			}
		}
	}
}
