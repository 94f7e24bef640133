package scene

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"handleviz/kernel"
	"handleviz/kernel/scenario"
)

func kinds(g []kernel.Event) string {
	var s []string
	for _, e := range g {
		s = append(s, e.Kind.String())
	}
	return strings.Join(s, ",")
}

func TestGroupCreateProcess(t *testing.T) {
	tr := InheritDemo()
	var cp Step
	for _, s := range tr.Steps {
		if strings.HasPrefix(s.Text, "CreateProcess") {
			cp = s
		}
	}
	groups := Group(cp.Events)
	var got []string
	for _, g := range groups {
		got = append(got, kinds(g))
	}
	want := []string{
		"ObjectCreated,UsageChanged,ObjectCreated,UsageChanged,ProcessCreated",
		"InheritScan,HandleAdded,UsageChanged",
		"InheritScan",
		"HandleAdded,UsageChanged",
		"HandleAdded,UsageChanged",
	}
	// A trailing last-error update joins the last group.
	if n := len(got); n > 0 && strings.HasSuffix(got[n-1], ",LastError") {
		got[n-1] = strings.TrimSuffix(got[n-1], ",LastError")
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("groups:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Applying a statement's events to the state before it must give the
// interpreter's own snapshot after it.
func TestApplyMatchesSnapshots(t *testing.T) {
	for name, tr := range map[string]*Trace{"inherit": InheritDemo(), "dup": dupDemo(), "named": namedDemo()} {
		tl := NewTimeline(tr)
		for s := range tr.Steps {
			before := tl.Before(tl.First[s])
			got := replay(before, tr.Steps[s].Events)
			if err := sameState(got, tr.Steps[s].After); err != "" {
				t.Errorf("%s step %d (%s): %s", name, s, tr.Steps[s].Text, err)
			}
		}
		// And every intermediate state is consistent.
		for m := 0; m < tl.Len(); m++ {
			if err := tl.State(m).Check(); err != nil && !strings.Contains(err.Error(), "count says") {
				t.Errorf("%s micro %d: %v", name, m, err)
			}
		}
	}
}

// replay is a copy of st with the events applied by the kernel's rules.
func replay(st *kernel.State, evs []kernel.Event) *kernel.State {
	ns := st.Clone()
	for _, e := range evs {
		ns.Apply(e)
	}
	return ns
}

func sameState(a, b *kernel.State) string {
	la, lb := a.Live(), b.Live()
	if len(la) != len(lb) {
		return "live objects differ in number"
	}
	for i := range la {
		x, y := la[i], lb[i]
		if x.ID != y.ID || x.HandleCount != y.HandleCount || x.KernelRefs != y.KernelRefs || x.Name != y.Name || x.Addr != y.Addr {
			return "object differs: " + x.Label()
		}
		if x.Proc != nil {
			tx, ty := x.Proc.Entries(), y.Proc.Entries()
			if !reflect.DeepEqual(tx, ty) {
				return fmt.Sprintf("table of PID %d differs: %v vs %v", x.Proc.PID, tx, ty)
			}
			if x.Proc.Exited != y.Proc.Exited || x.Proc.ExitCode != y.Proc.ExitCode {
				return "exit state differs"
			}
		}
	}
	if !reflect.DeepEqual(a.Names, b.Names) {
		return "namespace differs"
	}
	return ""
}

func dupDemo() *Trace {
	r := NewRecorder()
	k := r.K
	pa, ta := r.Start("A")
	pb, _ := r.Start("B")
	var hb, hev, hdup kernel.Handle
	r.Step(pa, "hB = OpenProcess(PROCESS_ALL_ACCESS, FALSE, pidB);", Text{}, func() string {
		hb = k.OpenProcess(ta, kernel.PROCESS_ALL_ACCESS, false, pb)
		return ""
	})
	r.Step(pa, "hEvent = CreateEvent(NULL, FALSE, FALSE, NULL);", Text{}, func() string {
		hev = k.CreateEvent(ta, nil, false, false, "")
		return ""
	})
	r.Step(pa, "DuplicateHandle(GetCurrentProcess(), hEvent, hB, &hDup, 0, FALSE, DUPLICATE_SAME_ACCESS);", Text{}, func() string {
		hdup, _ = k.DuplicateHandle(ta, kernel.CurrentProcess, hev, hb, true, 0, false, kernel.DUPLICATE_SAME_ACCESS)
		return ""
	})
	r.Step(pa, "DuplicateHandle(GetCurrentProcess(), hEvent, hB, &hDup, 0, FALSE, DUPLICATE_SAME_ACCESS|DUPLICATE_CLOSE_SOURCE);", Text{}, func() string {
		hdup, _ = k.DuplicateHandle(ta, kernel.CurrentProcess, hev, hb, true, 0, false, kernel.DUPLICATE_SAME_ACCESS|kernel.DUPLICATE_CLOSE_SOURCE)
		return ""
	})
	_ = hdup
	return r.T
}

func namedDemo() *Trace {
	r := NewRecorder()
	k := r.K
	pa, ta := r.Start("A")
	pb, tb := r.Start("B")
	var h kernel.Handle
	r.Step(pa, `CreateEvent(NULL, TRUE, FALSE, L"Go");`, Text{}, func() string { h = k.CreateEvent(ta, nil, true, false, "Go"); return "" })
	r.Step(pb, `CreateEvent(NULL, TRUE, FALSE, L"Go");`, Text{}, func() string { k.CreateEvent(tb, nil, true, false, "Go"); return "" })
	r.Step(pb, `OpenMutex(SYNCHRONIZE, FALSE, L"Go");`, Text{}, func() string { k.OpenMutex(tb, kernel.SYNCHRONIZE, false, "Go"); return "" })
	r.Step(pb, `OpenMutex(SYNCHRONIZE, FALSE, L"Nope");`, Text{}, func() string { k.OpenMutex(tb, kernel.SYNCHRONIZE, false, "Nope"); return "" })
	r.Step(pa, `CloseHandle(h);`, Text{}, func() string { k.CloseHandle(ta, h); return "" })
	r.Step(pb, `ExitProcess(0);`, Text{}, func() string { k.ExitProcess(tb, 0); return "" })
	return r.T
}

func TestBuildInheritScan(t *testing.T) {
	tr := InheritDemo()
	tl := NewTimeline(tr)
	cp := 0
	for s, st := range tr.Steps {
		if strings.HasPrefix(st.Text, "CreateProcess") {
			cp = s
		}
	}
	first := tl.First[cp]
	// Micro-step 1 of CreateProcess: index 1 (the mutex) copied to the child.
	sc := Build(tl, first+1, first+1, nil)
	if len(sc.Procs) != 2 {
		t.Fatalf("want 2 process columns, got %d", len(sc.Procs))
	}
	if sc.Kernel.CardH != CardH {
		t.Errorf("cards %v high without pipes, want %v", sc.Kernel.CardH, CardH)
	}
	parent, child := sc.Procs[0], sc.Procs[1]
	if parent.Rows[0].Change != ChScanCopy {
		t.Errorf("parent row 1: change %q, want scan-copy", parent.Rows[0].Change)
	}
	if len(child.Rows) != 1 || child.Rows[0].Index != 1 || child.Rows[0].Change != ChInherited || child.Rows[0].Type != "Mutex" {
		t.Fatalf("child rows: %+v", child.Rows)
	}
	if child.Rows[0].Rect.Y != parent.Rows[0].Rect.Y {
		t.Errorf("inherited row not level with its source: %v vs %v", child.Rows[0].Rect, parent.Rows[0].Rect)
	}
	if len(sc.Travel) != 1 || sc.Travel[0].From != parent.Rows[0].Rect || sc.Travel[0].To != child.Rows[0].Rect {
		t.Errorf("traveller: %+v", sc.Travel)
	}
	var mutex ObjView
	for _, o := range sc.Objects {
		if o.Type == "Mutex" {
			mutex = o
		}
	}
	if mutex.Usage != 2 || len(mutex.Deltas) != 1 || mutex.Deltas[0].From != 1 || mutex.Deltas[0].To != 2 || mutex.Deltas[0].Cause != kernel.CauseInherit {
		t.Errorf("mutex card: %+v", mutex)
	}
	// Micro-step 2: the event's row is skipped and the child gets nothing.
	sc = Build(tl, first+2, first+2, nil)
	if sc.Procs[0].Rows[1].Change != ChScanSkip {
		t.Errorf("parent row 2: %q, want scan-skip", sc.Procs[0].Rows[1].Change)
	}
	for _, r := range sc.Procs[1].Rows {
		if r.Index == 2 && !r.Free {
			t.Errorf("child has a row at the skipped index: %+v", r)
		}
	}
	// Every arrow starts at its row's right edge and ends on its card's top.
	cards := map[kernel.ObjectID]Rect{}
	for _, o := range sc.Objects {
		cards[o.ID] = o.Rect
	}
	rows := map[[2]int]Rect{}
	for _, p := range sc.Procs {
		for _, r := range p.Rows {
			rows[[2]int{int(p.PID), r.Index}] = r.Rect
		}
	}
	if len(sc.Arrows) != 3 {
		t.Errorf("want 3 arrows (2 parent rows + 1 child row), got %d", len(sc.Arrows))
	}
	for _, a := range sc.Arrows {
		r, c := rows[[2]int{int(a.PID), a.Index}], cards[a.Obj]
		if a.Start != (Point{r.X + r.W, r.Y + r.H/2}) || a.End != (Point{c.X + c.W/2, c.Y}) {
			t.Errorf("arrow %+v: row %v card %v", a, r, c)
		}
		if !strings.HasPrefix(a.D, "M ") {
			t.Errorf("bad path %q", a.D)
		}
	}
}

func TestLayoutGeometry(t *testing.T) {
	if got := RowRect(1, 3); got.X != ColumnX(1) || got.Y != TableTop()+2*RowH || got.W != TableW {
		t.Errorf("RowRect(1,3) = %v", got)
	}
	kl := NewKernelLayout(500, ColumnX(2)+Margin, CardH)
	if kl.Top != 500+KernelGap || kl.PerRow < 2 {
		t.Errorf("kernel layout %+v", kl)
	}
	c0, c1 := kl.Card(0), kl.Card(kl.PerRow)
	if c1.Y != c0.Y+CardH+CardGap || c1.X != c0.X {
		t.Errorf("second card row: %v after %v", c1, c0)
	}
	d, s, e := ArrowPath(Rect{10, 100, 200, 34}, Rect{300, 900, 236, 188}, 0, 900-KernelTitleH)
	if s != (Point{210, 117}) || e != (Point{418, 900}) {
		t.Errorf("arrow endpoints %v %v", s, e)
	}
	if !strings.HasPrefix(d, "M 210 117 H ") || !strings.HasSuffix(d, " 418 900") {
		t.Errorf("path %q", d)
	}
}

func TestDestroyedAndNamed(t *testing.T) {
	tr := namedDemo()
	tl := NewTimeline(tr)
	var lookups []kernel.Lookup
	sawDestroy := false
	for m := 0; m < tl.Len(); m++ {
		sc := Build(tl, m, m, nil)
		for _, l := range sc.Lookups {
			lookups = append(lookups, l.Result)
		}
		for _, o := range sc.Objects {
			if o.Ghost && o.Change == ChDestroyed {
				sawDestroy = true
			}
		}
	}
	want := []kernel.Lookup{kernel.LookupNew, kernel.LookupExisting, kernel.LookupMismatch, kernel.LookupNotFound}
	if !reflect.DeepEqual(lookups, want) {
		t.Errorf("lookups %v, want %v", lookups, want)
	}
	if !sawDestroy {
		t.Errorf("no micro-step shows the event dissolving")
	}
	last := Build(tl, tl.Len()-1, tl.Len()-1, nil)
	for _, o := range last.Objects {
		if o.Type == "Event" && !o.Ghost {
			t.Errorf("event still alive at the end: %+v", o)
		}
	}
}

func TestDecodeAccess(t *testing.T) {
	if got := DecodeAccess(kernel.TypeMutex, kernel.MUTEX_ALL_ACCESS); !reflect.DeepEqual(got, []string{"MUTEX_ALL_ACCESS"}) {
		t.Errorf("%v", got)
	}
	got := DecodeAccess(kernel.TypeEvent, kernel.SYNCHRONIZE|kernel.EVENT_MODIFY_STATE|0x8)
	if !reflect.DeepEqual(got, []string{"SYNCHRONIZE", "EVENT_MODIFY_STATE", "0x8"}) {
		t.Errorf("%v", got)
	}
}

// A type the visualizer was not written for (pipes, here) still gets a card
// with its state: pipe ends show their buffer.
func TestPipeCardShowsBuffer(t *testing.T) {
	r := NewRecorder()
	pid, tid := r.Start("P")
	var hr, hw kernel.Handle
	r.Step(pid, "CreatePipe(&hRead, &hWrite, NULL, 0);", Text{}, func() string {
		hr, hw, _ = r.K.CreatePipe(tid, nil, 0)
		return ""
	})
	r.Step(pid, `WriteFile(hWrite, "hello", 5, &n, NULL);`, Text{}, func() string {
		r.K.WriteFile(tid, hw, "hello")
		return ""
	})
	_ = hr
	tl := NewTimeline(r.T)
	sc := Build(tl, tl.Len()-1, tl.Len()-1, nil)
	found := false
	for _, o := range sc.Objects {
		if o.Type == "Pipe" && o.Pipe != nil && len(o.Pipe.Buffer) == 1 && o.Pipe.Buffer[0].Data == "hello" {
			found = true
		}
	}
	if !found {
		t.Errorf("no pipe card shows the buffered \"hello\": %+v", sc.Objects)
	}
}

func TestExitedProcessHasEmptyTable(t *testing.T) {
	tr := InheritDemo()
	tl := NewTimeline(tr)
	sc := Build(tl, tl.Len()-1, tl.Len()-1, nil)
	for _, p := range sc.Procs {
		if p.Exited && (p.NRows != 0 || len(p.Rows) != 0) {
			t.Errorf("exited process %s: %d rows (NRows %d), want an empty table", p.Name, len(p.Rows), p.NRows)
		}
	}
}

// Walking a long trace keeps only a few statement-end states when they can
// be asked for again.
func TestTimelineForgetsRefetchableStates(t *testing.T) {
	tr := InheritDemo()
	snaps := make([]*kernel.State, len(tr.Steps))
	for i := range tr.Steps {
		snaps[i] = tr.Steps[i].After
	}
	init := tr.Initial
	fetched := 0
	tr.StateAt = func(i int) *kernel.State {
		fetched++
		if i < 0 {
			return init
		}
		return snaps[i]
	}
	for i := range tr.Steps {
		tr.Steps[i].After = nil
	}
	tr.Initial = nil
	tl := NewTimeline(tr)
	for m := 0; m < tl.Len(); m++ {
		Build(tl, m, m, nil)
	}
	kept := 0
	for i := range tr.Steps {
		if tr.Steps[i].After != nil {
			kept++
		}
	}
	if kept > keepRecent {
		t.Errorf("%d statement states kept after a walk, want at most %d", kept, keepRecent)
	}
	// Walking back still gives the right states.
	for m := tl.Len() - 1; m >= 0; m-- {
		if err := tl.State(m).Check(); err != nil && !strings.Contains(err.Error(), "count says") {
			t.Errorf("micro %d: %v", m, err)
		}
	}
	if fetched == 0 {
		t.Errorf("StateAt never used")
	}
}

// ---- pipes and mailslots ----

// fromScenario runs a scenario file with the interpreter and keeps what the
// player needs (the adapter in package ui does the same, with variables and
// captions).
func fromScenario(t *testing.T, path string) *Trace {
	t.Helper()
	run, src := runFile(t, path)
	tr := &Trace{Source: src, Initial: run.StateAt(-1)}
	for i, s := range run.Steps {
		tr.Steps = append(tr.Steps, Step{Process: s.Process, PID: s.PID, Line: s.Span.Start.Line, Text: s.Text, Events: s.Events, After: run.StateAt(i)})
	}
	return tr
}

// runFile runs a scenario file with the interpreter.
func runFile(t *testing.T, path string) (*scenario.Trace, string) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	run, err := scenario.Run(string(src), scenario.Options{})
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return run, string(src)
}

const goldenDir = "../../kernel/scenario/testdata/golden/"

func stepWith(t *testing.T, tr *Trace, prefix string, nth int) int {
	t.Helper()
	for i, s := range tr.Steps {
		if strings.HasPrefix(s.Text, prefix) {
			if nth == 0 {
				return i
			}
			nth--
		}
	}
	t.Fatalf("no step %q", prefix)
	return -1
}

func objByRole(sc *Scene, role string) *ObjView {
	for i := range sc.Objects {
		if sc.Objects[i].Role == role && !sc.Objects[i].Ghost {
			return &sc.Objects[i]
		}
	}
	return nil
}

func hasLine(o *ObjView, key string, args ...string) bool {
	for _, l := range o.Lines {
		if l.Key == key && (len(args) == 0 || reflect.DeepEqual(l.Args, args)) {
			return true
		}
	}
	return false
}

// Every data event is a micro-step of its own whose state shows the buffer
// after it: the bytes a write puts in, then the read that takes them out.
func TestPipeLessonDataMicroSteps(t *testing.T) {
	tr := fromScenario(t, "../../assets/lessons/04-pipe.scn")
	tl := NewTimeline(tr)
	w := stepWith(t, tr, `WriteFile(hOut, sendString`, 0)
	first, last := tl.First[w], tl.LastOf(w)
	if last-first != 1 {
		t.Fatalf("the write that a waiting ReadFile takes: %d micro-steps, want 2 (the write, the read)", last-first+1)
	}
	parent := tr.Steps[stepWith(t, tr, "BOOL ok = ReadFile", 0)].PID

	// The write: the bytes are in the read end's buffer, the parent still waits.
	sc := Build(tl, first, first, nil)
	rd, wr := objByRole(sc, "read"), objByRole(sc, "write")
	if rd == nil || wr == nil {
		t.Fatalf("no read or write end card: %+v", sc.Objects)
	}
	if rd.Rect.H != CardHPipe || sc.Kernel.CardH != CardHPipe {
		t.Errorf("cards %v high in a scene with pipes, want %v", rd.Rect.H, CardHPipe)
	}
	// 13 TCHARs written as lstrlen(s) * sizeof(TCHAR): 26 bytes, shown as
	// the UTF-16 text they are.
	if rd.Pipe == nil || len(rd.Pipe.Buffer) != 1 || rd.Pipe.Buffer[0].Text() != "hello, parent" || !rd.Pipe.Buffer[0].New || rd.Pipe.Buffer[0].Unit != kernel.UnitWide {
		t.Errorf("read end buffer at the write: %+v", rd.Pipe)
	}
	if !hasLine(rd, "buf.bytes", "26") || !hasLine(rd, "write.open1") {
		t.Errorf("read end lines at the write: %+v", rd.Lines)
	}
	if len(rd.Flows) != 1 || rd.Flows[0] != (Flow{Dir: "in", Bytes: 26, Who: "Child"}) || rd.Change != ChData {
		t.Errorf("read end flows at the write: %+v (change %q)", rd.Flows, rd.Change)
	}
	if len(wr.Flows) != 1 || wr.Flows[0].Dir != "sent" || wr.Pipe.Holds || !hasLine(wr, "to-read-end") {
		t.Errorf("write end at the write: flows %+v, lines %+v", wr.Flows, wr.Lines)
	}
	if len(rd.Pipe.Buffer) != 1 || rd.Pipe.Buffer[0].Text() != "hello, parent" || !rd.Pipe.Buffer[0].New {
		t.Errorf("the buffer does not hold the new data: %+v", rd.Pipe.Buffer)
	}
	var pv ProcView
	for _, p := range sc.Procs {
		if p.PID == parent {
			pv = p
		}
	}
	if pv.Wait == nil || pv.Wait.Call != "ReadFile" || pv.Wait.Handle != 4 || pv.Wait.Type != "Pipe" || pv.Wait.Role != "read" {
		t.Errorf("the parent's header at the write: %+v", pv.Wait)
	}
	if len(rd.Waiters) != 1 || rd.Waiters[0].Args[0] != "Parent" {
		t.Errorf("the read end does not say who waits on it: %+v", rd.Waiters)
	}
	// The chip travels from the child's write-end row to the buffer.
	var chip *Traveller
	for i := range sc.Travel {
		if sc.Travel[i].Kind == ChData {
			chip = &sc.Travel[i]
		}
	}
	if chip == nil || chip.Dir != "in" || chip.Label != `"hello, parent"` {
		t.Fatalf("no data chip into the buffer: %+v", sc.Travel)
	}
	row := RowRect(1, 2) // the child's column, index 2 (the inherited write end)
	if chip.From.Y < row.Y || chip.From.Y+chip.From.H > row.Y+row.H || chip.From.X < row.X || chip.To != BufferChip(rd.Rect, chip.Label, len(rd.Lines)) {
		t.Errorf("chip from %v (row %v) to %v (card %v)", chip.From, row, chip.To, rd.Rect)
	}
	if len(sc.Joints) != 1 || sc.Joints[0].From != wr.ID || sc.Joints[0].To != rd.ID || !sc.Joints[0].Hot {
		t.Errorf("joint: %+v", sc.Joints)
	}

	// The read: the bytes have left, the parent's ReadFile returned.
	sc = Build(tl, last, last, nil)
	rd = objByRole(sc, "read")
	if len(rd.Pipe.Buffer) != 0 || !hasLine(rd, "buf.empty") || len(rd.Pipe.Gone) != 1 || rd.Pipe.Gone[0].Text() != "hello, parent" {
		t.Errorf("read end at the read: %+v %+v", rd.Pipe, rd.Lines)
	}
	if len(rd.Flows) != 1 || rd.Flows[0] != (Flow{Dir: "out", Bytes: 26, Who: "Parent"}) {
		t.Errorf("read end flows at the read: %+v", rd.Flows)
	}
	for _, p := range sc.Procs {
		if p.PID == parent && p.Wait != nil {
			t.Errorf("the parent still waits after its read: %+v", p.Wait)
		}
	}
	chip = nil
	for i := range sc.Travel {
		if sc.Travel[i].Kind == ChData {
			chip = &sc.Travel[i]
		}
	}
	if chip == nil || chip.Dir != "out" || chip.From != BufferChip(rd.Rect, chip.Label, len(rd.Lines)) || chip.To.Y < RowRect(0, 1).Y || chip.To.Y > RowRect(0, 1).Y+RowH {
		t.Errorf("no chip from the buffer to the parent's row 1: %+v", chip)
	}

	// The next write stays in the buffer.
	b := stepWith(t, tr, `WriteFile(hOut, TEXT("bye")`, 0)
	sc = Build(tl, tl.LastOf(b), tl.LastOf(b), nil)
	if rd = objByRole(sc, "read"); len(rd.Pipe.Buffer) != 1 || rd.Pipe.Buffer[0].Text() != "bye" {
		t.Errorf("after \"bye\": %+v", rd.Pipe)
	}
	// The child's exit destroys the write end: the read end says so.
	ex := stepWith(t, tr, "return 0;", 0)
	closed := false
	for m := tl.First[ex]; m <= tl.LastOf(ex); m++ {
		sc = Build(tl, m, m, nil)
		rd = objByRole(sc, "read")
		before := hasLine(rd, "write.open1")
		if hasLine(rd, "write.closed") {
			closed = true
			if rd.Change != ChState {
				t.Errorf("micro %d: the read end's write end closed, but the card is not marked (%q)", m, rd.Change)
			}
			break
		}
		if !before {
			t.Errorf("micro %d: read end lines %+v", m, rd.Lines)
		}
	}
	if !closed {
		t.Errorf("no micro-step of the child's exit shows the write end closed")
	}
}

// Applying a statement's events micro-step by micro-step ends in the
// interpreter's snapshot, for every golden scenario: tables, counts, names,
// pipe buffers, connections and waits.
func TestApplyMatchesSnapshotsGolden(t *testing.T) {
	files, _ := filepath.Glob(goldenDir + "*.scn")
	files = append(files, "../../assets/lessons/04-pipe.scn")
	n := 0
	for _, f := range files {
		n++
		tr := fromScenario(t, f)
		tl := NewTimeline(tr)
		for s := range tr.Steps {
			st := tl.Before(tl.First[s])
			for m := tl.First[s]; m <= tl.LastOf(s); m++ {
				st = replay(st, tl.Micros[m].Events)
			}
			if err := samePipes(st, tr.Steps[s].After); err != "" {
				t.Errorf("%s step %d (%s): %s", filepath.Base(f), s, tr.Steps[s].Text, err)
			}
		}
	}
	if n < 25 {
		t.Errorf("only %d scenarios found", n)
	}
}

func samePipes(a, b *kernel.State) string {
	if err := sameState(a, b); err != "" {
		return err
	}
	for _, x := range a.Live() {
		y := b.Object(x.ID)
		if (x.Pipe == nil) != (y.Pipe == nil) {
			return "pipe state missing: " + x.Label()
		}
		if x.Pipe != nil {
			p, q := *x.Pipe, *y.Pipe
			if len(p.Buffer) == 0 && len(q.Buffer) == 0 {
				p.Buffer, q.Buffer = nil, nil
			}
			if !reflect.DeepEqual(p, q) {
				return fmt.Sprintf("%s #%d: %+v, snapshot %+v", x.Label(), x.ID, p, q)
			}
		}
		if x.Thread != nil && (x.Thread.WaitingIn != y.Thread.WaitingIn || x.Thread.WaitObject != y.Thread.WaitObject) {
			return fmt.Sprintf("thread %d waits in %q on #%d, snapshot %q on #%d", x.Thread.TID, x.Thread.WaitingIn, x.Thread.WaitObject, y.Thread.WaitingIn, y.Thread.WaitObject)
		}
	}
	return ""
}

// A client's CreateFile on a listening named pipe is one micro-step: its end
// is made, connected, its handle added, and the server's ConnectNamedPipe
// returns. A busy pipe's second client waits in WaitNamedPipe, on the
// server end, without a handle.
func TestNamedPipeBusyScene(t *testing.T) {
	tr := fromScenario(t, goldenDir+"33_named_pipe_busy.scn")
	tl := NewTimeline(tr)
	c1 := stepWith(t, tr, "HANDLE h1 = CreateFile", 0)
	if tl.LastOf(c1) != tl.First[c1] {
		t.Errorf("the client's connection takes %d micro-steps, want 1", tl.LastOf(c1)-tl.First[c1]+1)
	}
	sc := Build(tl, tl.First[c1], tl.First[c1], nil)
	srv, cli := objByRole(sc, "server"), objByRole(sc, "client")
	if srv == nil || cli == nil || !hasLine(srv, "server.connected") || !hasLine(srv, "client.open1") || !hasLine(cli, "client.connected") {
		t.Fatalf("server %+v client %+v", srv, cli)
	}
	if len(sc.Joints) != 1 || !sc.Joints[0].Both || sc.Joints[0].From != cli.ID || sc.Joints[0].To != srv.ID {
		t.Errorf("joint %+v", sc.Joints)
	}
	// The server end's card sits next to its client's.
	if math.Abs(srv.Rect.X-cli.Rect.X) != CardW+CardGap || srv.Rect.Y != cli.Rect.Y {
		t.Errorf("server card %v, client card %v: not side by side", srv.Rect, cli.Rect)
	}
	// Messages wait as a list.
	w := stepWith(t, tr, `WriteFile(h1, TEXT("ping 1")`, 0)
	sc = Build(tl, tl.LastOf(w), tl.LastOf(w), nil)
	if srv = objByRole(sc, "server"); !srv.Pipe.Messages || len(srv.Pipe.Buffer) != 1 || !hasLine(srv, "buf.msgs1") {
		t.Errorf("server buffer after ping 1: %+v %+v", srv.Pipe, srv.Lines)
	}
	wt := stepWith(t, tr, "BOOL free = WaitNamedPipe", 0)
	sc = Build(tl, tl.LastOf(wt), tl.LastOf(wt), nil)
	for _, p := range sc.Procs {
		if p.Name == "Client2" && (p.Wait == nil || p.Wait.Call != "WaitNamedPipe" || p.Wait.Handle != 0 || p.Wait.Role != "server" || p.Wait.Name != `\\.\pipe\echo`) {
			t.Errorf("Client2's wait: %+v", p.Wait)
		}
	}
	// DisconnectNamedPipe, then listening again.
	d := stepWith(t, tr, "DisconnectNamedPipe", 0)
	sc = Build(tl, tl.LastOf(d), tl.LastOf(d), nil)
	if srv = objByRole(sc, "server"); !hasLine(srv, "server.disconnected") {
		t.Errorf("after DisconnectNamedPipe: %+v", srv.Lines)
	}
	cn := stepWith(t, tr, "connected = ConnectNamedPipe", 0)
	sc = Build(tl, tl.First[cn], tl.First[cn], nil)
	if srv = objByRole(sc, "server"); !hasLine(srv, "server.listening") {
		t.Errorf("after ConnectNamedPipe: %+v", srv.Lines)
	}
}

// A mailslot with two writers: its clients' cards follow it, both writers
// count, and the messages wait as a list in the order written.
func TestMailslotTwoWritersScene(t *testing.T) {
	tr := fromScenario(t, goldenDir+"34_mailslot_two_writers.scn")
	tl := NewTimeline(tr)
	a2 := stepWith(t, tr, `WriteFile(hA, TEXT("A: two")`, 0)
	sc := Build(tl, tl.LastOf(a2), tl.LastOf(a2), nil)
	slot := objByRole(sc, "slot-server")
	if slot == nil || !hasLine(slot, "slot.writers", "2") || !hasLine(slot, "buf.msgs", "2") {
		t.Fatalf("mailslot card: %+v", slot)
	}
	if b := slot.Pipe.Buffer; len(b) != 2 || b[0].Text() != "B: one" || b[0].New || b[1].Text() != "A: two" || !b[1].New {
		t.Errorf("mailslot buffer %+v, want \"B: one\", \"A: two\" (new)", b)
	}
	if len(slot.Flows) != 1 || slot.Flows[0].Who != "WriterA" {
		t.Errorf("flows %+v", slot.Flows)
	}
	// The two client cards come right after the mailslot's.
	var order []string
	for _, o := range sc.Objects {
		if o.Role != "" {
			order = append(order, o.Role)
		}
	}
	if want := []string{"slot-server", "slot-client", "slot-client"}; !reflect.DeepEqual(order, want) {
		t.Errorf("card order %v, want %v", order, want)
	}
	for i, o := range sc.Objects {
		if o.Role == "slot-server" && (i+2 >= len(sc.Objects) || sc.Objects[i+1].Role != "slot-client" || sc.Objects[i+2].Role != "slot-client") {
			t.Errorf("the clients' cards do not follow the mailslot's")
		}
	}
	if len(sc.Joints) != 2 {
		t.Errorf("%d joints, want 2", len(sc.Joints))
	}
}

func TestJointPath(t *testing.T) {
	a, b := Rect{16, 500, CardW, CardHPipe}, Rect{16 + CardW + CardGap, 500, CardW, CardHPipe}
	if d := JointPath(b, a); d != fmt.Sprintf("M %g %g H %g", b.X, b.Y+JointY, a.X+a.W) {
		t.Errorf("side by side: %q", d)
	}
	c := Rect{16, 500 + CardHPipe + CardGap, CardW, CardHPipe}
	if d := JointPath(b, c); !strings.HasPrefix(d, fmt.Sprintf("M %g %g V ", b.X+JointX, b.Y+b.H)) || !strings.HasSuffix(d, fmt.Sprintf(" V %g", c.Y)) {
		t.Errorf("next row: %q", d)
	}
}

// Golden 12_pipe: the parent's "hello" is in the read end's buffer at the
// write micro-step, though the waiting child has taken it by the statement's
// end.
func TestGolden12PipeWriteMicroStep(t *testing.T) {
	tr := fromScenario(t, goldenDir+"12_pipe.scn")
	tl := NewTimeline(tr)
	w := stepWith(t, tr, `WriteFile(hWrite, TEXT("hello")`, 0)
	sc := Build(tl, tl.First[w], tl.First[w], nil)
	if rd := objByRole(sc, "read"); rd == nil || len(rd.Pipe.Buffer) != 1 || rd.Pipe.Buffer[0].Text() != "hello" || hasLine(rd, "buf.empty") {
		t.Errorf("read end at the write: %+v", rd)
	}
	sc = Build(tl, tl.LastOf(w), tl.LastOf(w), nil)
	if rd := objByRole(sc, "read"); rd == nil || len(rd.Pipe.Buffer) != 0 || !hasLine(rd, "buf.empty") {
		t.Errorf("read end after the child's read: %+v", rd)
	}
}

func TestNameAsGiven(t *testing.T) {
	r := NewRecorder()
	k := r.K
	pa, ta := r.Start("A")
	pb, tb := r.Start("B")
	r.Step(pa, `CreateEvent(NULL, TRUE, FALSE, L"Local\\Go");`, Text{}, func() string { k.CreateEvent(ta, nil, true, false, `Local\Go`); return "" })
	r.Step(pb, `CreateEvent(NULL, TRUE, FALSE, L"Go");`, Text{}, func() string { k.CreateEvent(tb, nil, true, false, "Go"); return "" })
	tl := NewTimeline(r.T)
	for s := range r.T.Steps {
		got := replay(tl.Before(tl.First[s]), r.T.Steps[s].Events)
		if err := sameState(got, r.T.Steps[s].After); err != "" {
			t.Errorf("step %d: %s", s, err)
		}
	}
	sc := Build(tl, tl.Len()-1, tl.Len()-1, nil)
	var names []string
	for _, n := range sc.Names {
		names = append(names, n.Name)
	}
	if strings.Join(names, ",") != `Local\Go` {
		t.Errorf("namespace list %q", names)
	}
	for _, o := range sc.Objects {
		if o.Type == "Event" && (o.Name != `Local\Go` || o.HandleCount != 2) {
			t.Errorf("event card %+v", o)
		}
	}
}

func TestShortLivedObjectAddress(t *testing.T) {
	r := NewRecorder()
	k := r.K
	pa, ta := r.Start("A")
	r.Step(pa, `CloseHandle(CreateMutex(NULL, FALSE, NULL));`, Text{}, func() string {
		k.CloseHandle(ta, k.CreateMutex(ta, nil, false, ""))
		return ""
	})
	tl := NewTimeline(r.T)
	seen := false
	for m := 0; m < tl.Len(); m++ {
		for _, o := range tl.State(m).Objects {
			if o.Type == kernel.TypeMutex {
				seen = true
				if o.Addr != 0xF0000000 {
					t.Errorf("micro-step %d: mutex at %#x, want 0xF0000000", m, o.Addr)
				}
			}
		}
	}
	if !seen {
		t.Fatal("the mutex never appears")
	}
}

func TestArrowToLowerCardAvoidsCards(t *testing.T) {
	kl := NewKernelLayout(500, ColumnX(2)+Margin, CardH)
	n := 3 * kl.PerRow
	from := RowRect(0, 2)
	for target := kl.PerRow; target < n; target++ {
		for lane := 0; lane < Lanes; lane++ {
			d, _, end := ArrowPath(from, kl.Card(target), lane, kl.Top)
			var pts []Point
			nums := strings.FieldsFunc(d, func(r rune) bool { return r != '.' && r != '-' && (r < '0' || r > '9') })
			for i := 0; i+1 < len(nums); i += 2 {
				x, _ := strconv.ParseFloat(nums[i], 64)
				y, _ := strconv.ParseFloat(nums[i+1], 64)
				pts = append(pts, Point{x, y})
			}
			if pts[len(pts)-1] != end {
				t.Fatalf("card %d lane %d: path %q does not end at %v", target, lane, d, end)
			}
			for i := 1; i < len(pts); i++ {
				for c := 0; c < n; c++ {
					if segmentCrosses(pts[i-1], pts[i], kl.Card(c)) && !(c == target && i == len(pts)-1) {
						t.Errorf("card %d lane %d: segment %v→%v crosses card %d %v", target, lane, pts[i-1], pts[i], c, kl.Card(c))
					}
				}
			}
		}
	}
}

func segmentCrosses(a, b Point, r Rect) bool {
	for k := 0; k <= 20; k++ {
		x, y := a.X+(b.X-a.X)*float64(k)/20, a.Y+(b.Y-a.Y)*float64(k)/20
		if x > r.X+1 && x < r.X+r.W-1 && y > r.Y+1 && y < r.Y+r.H-1 {
			return true
		}
	}
	return false
}

// With two handles to a pipe's write end, the data chip leaves from the row
// of the handle the write went through (the kernel's event names it), not
// the first handle to that end.
func TestDataChipFromTheHandleUsed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dup.scn")
	src := "process P;\n@P\nHANDLE r, w, w2;\nCreatePipe(&r, &w, NULL, 0);\n" +
		"DuplicateHandle(GetCurrentProcess(), w, GetCurrentProcess(), &w2, 0, FALSE, DUPLICATE_SAME_ACCESS);\n" +
		"DWORD n;\nWriteFile(w2, TEXT(\"via w2\"), 6, &n, NULL);\nTCHAR buf[8];\nReadFile(r, buf, 7, &n, NULL);\n"
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	tr := fromScenario(t, path)
	tl := NewTimeline(tr)
	for _, c := range []struct {
		stmt string
		row  int // 0xC is index 3, 0x4 index 1
		dir  string
	}{{"WriteFile", 3, "in"}, {"ReadFile", 1, "out"}} {
		st := stepWith(t, tr, c.stmt, 0)
		sc := Build(tl, tl.LastOf(st), tl.LastOf(st), nil)
		var chip *Traveller
		for i := range sc.Travel {
			if sc.Travel[i].Kind == ChData {
				chip = &sc.Travel[i]
			}
		}
		if chip == nil || chip.Dir != c.dir {
			t.Fatalf("%s: no data chip: %+v", c.stmt, sc.Travel)
		}
		end := chip.From
		if c.dir == "out" {
			end = chip.To
		}
		if row := RowRect(0, c.row); end.Y < row.Y || end.Y+end.H > row.Y+row.H {
			t.Errorf("%s: chip at %v, want it on row %d %v", c.stmt, end, c.row, row)
		}
	}
}
