package scene

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"handleviz/kernel"
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
			got := Apply(before, tr.Steps[s].Events, tr.Steps[s].After)
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
			tx, ty := trim(x.Proc.Table), trim(y.Proc.Table)
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

func trim(t []kernel.Entry) []kernel.Entry {
	for len(t) > 0 && t[len(t)-1].Object == 0 {
		t = t[:len(t)-1]
	}
	if len(t) == 0 {
		return nil
	}
	return t
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
	kl := NewKernelLayout(500, ColumnX(2)+Margin)
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
		if o.Type == "Pipe" && strings.Contains(strings.Join(o.State, "|"), `"hello"`) {
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

// TestNameAsGiven: an object created as "Local\Go" is shown under that name,
// in its card and in the namespace list, also when another process reaches
// it as "Go" (the session namespace: kernel TestNamedObjectNamespaces).
func TestNameAsGiven(t *testing.T) {
	r := NewRecorder()
	k := r.K
	pa, ta := r.Start("A")
	pb, tb := r.Start("B")
	r.Step(pa, `CreateEvent(NULL, TRUE, FALSE, L"Local\\Go");`, Text{}, func() string { k.CreateEvent(ta, nil, true, false, `Local\Go`); return "" })
	r.Step(pb, `CreateEvent(NULL, TRUE, FALSE, L"Go");`, Text{}, func() string { k.CreateEvent(tb, nil, true, false, "Go"); return "" })
	tl := NewTimeline(r.T)
	for s := range r.T.Steps {
		got := Apply(tl.Before(tl.First[s]), r.T.Steps[s].Events, r.T.Steps[s].After)
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

// TestShortLivedObjectAddress: an object created and destroyed within one
// statement is drawn from its creation event alone; its address is the one
// the kernel gave it (carried by the event), not one recomputed here.
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

// An arrow to a card below the first card row runs through the gaps
// between cards: no segment of it passes through another card.
func TestArrowToLowerCardAvoidsCards(t *testing.T) {
	kl := NewKernelLayout(500, ColumnX(2)+Margin)
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

// segmentCrosses reports whether the segment a→b passes through the
// interior of r (sampled; the segments are short and axis-parallel).
func segmentCrosses(a, b Point, r Rect) bool {
	for k := 0; k <= 20; k++ {
		x, y := a.X+(b.X-a.X)*float64(k)/20, a.Y+(b.Y-a.Y)*float64(k)/20
		if x > r.X+1 && x < r.X+r.W-1 && y > r.Y+1 && y < r.Y+r.H-1 {
			return true
		}
	}
	return false
}
