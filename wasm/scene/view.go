package scene

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"handleviz/kernel"
)

// Change marks what the current micro-step did to a row, a card or a
// process. The UI shows each with a text badge as well as a style, so
// nothing relies on colour alone.
type Change string

const (
	ChNone       Change = ""
	ChCreated    Change = "created"    // Create* made a new object / row
	ChOpened     Change = "opened"     // Open* or Create* of an existing name
	ChInherited  Change = "inherited"  // copied by CreateProcess
	ChDuplicated Change = "duplicated" // DuplicateHandle's new entry
	ChClosed     Change = "closed"     // removed (CloseHandle, exit, close-source)
	ChMoved      Change = "moved"      // removed by DUPLICATE_CLOSE_SOURCE together with its duplicate
	ChScanCopy   Change = "scan-copy"  // CreateProcess scan: this parent row is copied
	ChScanSkip   Change = "scan-skip"  // CreateProcess scan: this parent row is skipped
	ChRefused    Change = "refused"    // CloseHandle refused (protected)
	ChFlags      Change = "flags"      // SetHandleInformation changed the flags
	ChCount      Change = "count"      // usage count changed
	ChDestroyed  Change = "destroyed"  // object destroyed at 0
	ChState      Change = "state"      // type state changed (signaled, owner, count)
	ChExited     Change = "exited"     // process exited
	ChNew        Change = "new"        // process created
	ChWait       Change = "wait"       // started or finished waiting
)

// Scene is everything drawn for one position of the player.
type Scene struct {
	W, H    float64
	Procs   []ProcView
	Kernel  KernelLayout
	Objects []ObjView
	Arrows  []Arrow
	Travel  []Traveller
	Lookups []LookupView
	Names   []NameView
	// NObjects is the number of object cards (Objects holds those inside
	// the window only).
	NObjects int
	// Focus is the first row the current step changed (nil: none), for the
	// UI to bring into view.
	Focus *Rect
	// NamesRect is the box of the namespace card (zero when no names).
	NamesRect Rect
}

// ProcView is one process column.
type ProcView struct {
	PID, ParentPID kernel.PID
	Name, Parent   string
	Exited         bool
	ExitCode       uint32
	WaitingIn      string
	Change         Change
	Rect           Rect // the whole column
	NRows          int  // table rows (Rows holds those inside the window)
	Rows           []RowView
	Vars           []Var
	Console        []string
}

// RowView is one handle-table row (a live entry, a free slot, or a ghost
// of an entry the current micro-step removed).
type RowView struct {
	Index  int
	Handle kernel.Handle
	Free   bool
	Ghost  bool // removed in this micro-step: drawn fading
	Obj    kernel.ObjectID
	Type   string
	Name   string
	Addr   uint64
	Access uint32
	Flags  uint8
	Change Change
	Rect   Rect
}

// ObjView is one kernel object card.
type ObjView struct {
	ID          kernel.ObjectID
	Type        string
	Name        string
	Addr        uint64
	Usage       int
	HandleCount int
	KernelRefs  int
	Breakdown   []string // "Parent: 1", "Child: 1", "running: 1"
	State       []string // type state lines
	Change      Change
	Deltas      []Delta // usage changes in this micro-step
	Ghost       bool    // destroyed in this micro-step
	Rect        Rect
}

// Delta is one usage-count change and its cause.
type Delta struct {
	From, To int
	Cause    kernel.Cause
	PID      kernel.PID
}

// Arrow links a row to its object card.
type Arrow struct {
	PID        kernel.PID
	Index      int
	Obj        kernel.ObjectID
	D          string
	Start, End Point
	Changed    bool
	Ghost      bool
}

// Traveller is a copy of a row that moves from From to To (inherit,
// duplicate) while the micro-step plays.
type Traveller struct {
	From, To Rect
	Handle   kernel.Handle
	Label    string
	Kind     Change
}

// LookupView is a named-object lookup of this micro-step.
type LookupView struct {
	PID    kernel.PID
	Name   string
	Result kernel.Lookup
	Type   string
	Obj    kernel.ObjectID
}

// NameView is one entry of the object namespace.
type NameView struct {
	Name   string
	Type   string
	Addr   uint64
	Change Change
}

type rowKey struct {
	pid kernel.PID
	idx int
}

// Build lays out the scene after micro-step `to`, with the changes of
// micro-steps from..to highlighted (from == to for one micro-step; the
// statement's first micro-step when stepping by statement).
func Build(tl *Timeline, from, to int, win *Window) *Scene {
	if tl.Len() == 0 {
		return buildState(tl.Before(0), nil, nil, Step{}, nil, win)
	}
	if from > to {
		from = to
	}
	var evs []kernel.Event
	for m := from; m <= to; m++ {
		evs = append(evs, tl.Micros[m].Events...)
	}
	st := tl.State(to)
	return buildState(st, tl.Before(from), evs, tl.Trace.Steps[tl.Micros[to].Step], tl.Extent(), win)
}

// Window is the vertical band of the scene (in scene coordinates) whose
// rows, cards and arrows Build fills in; nil is the whole scene. Positions
// and sizes are computed for everything either way: a big scene costs only
// what is on screen.
type Window struct{ Top, Bottom float64 }

// Has reports whether a box is (partly) inside the window.
func (w *Window) Has(r Rect) bool { return w == nil || (r.Y+r.H >= w.Top && r.Y <= w.Bottom) }

func buildState(st, prev *kernel.State, evs []kernel.Event, step Step, ext *Extent, win *Window) *Scene {
	sc := &Scene{}
	procs := st.Processes()
	col := map[kernel.PID]int{}
	for i, p := range procs {
		col[p.Proc.PID] = i
	}
	names := map[kernel.PID]string{}
	for _, p := range procs {
		names[p.Proc.PID] = ProcName(p.Proc)
	}

	rowCh := map[rowKey]Change{}
	ghosts := map[rowKey]kernel.Event{}
	objCh := map[kernel.ObjectID]Change{}
	deltas := map[kernel.ObjectID][]Delta{}
	procCh := map[kernel.PID]Change{}
	destroyed := map[kernel.ObjectID]bool{}
	nameCh := map[string]Change{}
	for _, e := range evs {
		k := rowKey{e.PID, e.Index}
		switch e.Kind {
		case kernel.EvHandleAdded:
			switch e.Cause {
			case kernel.CauseInherit:
				rowCh[k] = ChInherited
			case kernel.CauseDuplicate:
				rowCh[k] = ChDuplicated
			case kernel.CauseOpen:
				rowCh[k] = ChOpened
			default:
				rowCh[k] = ChCreated
			}
			delete(ghosts, k)
			if e.SrcPID != 0 && e.SrcIndex != 0 && (e.SrcPID != e.PID || e.SrcIndex != e.Index) {
				sCol, ok1 := col[e.SrcPID]
				dCol, ok2 := col[e.PID]
				if ok1 && ok2 && win.Has(RowRect(dCol, e.Index)) {
					sc.Travel = append(sc.Travel, Traveller{From: RowRect(sCol, e.SrcIndex), To: RowRect(dCol, e.Index), Handle: e.Handle,
						Label: fmt.Sprintf("0x%X %s", uint64(e.Handle), e.ObjType), Kind: rowCh[k]})
				}
			}
		case kernel.EvHandleRemoved:
			if _, ok := rowCh[k]; ok && e.Cause == kernel.CauseCloseSource {
				// replaced in place (a move inside one process)
				continue
			}
			ghosts[k] = e
			if e.Cause == kernel.CauseCloseSource {
				rowCh[k] = ChMoved
			} else {
				rowCh[k] = ChClosed
			}
		case kernel.EvInheritScan:
			if e.Copied {
				rowCh[k] = ChScanCopy
			} else {
				rowCh[k] = ChScanSkip
			}
		case kernel.EvCloseRefused:
			rowCh[k] = ChRefused
		case kernel.EvFlagsChanged:
			rowCh[k] = ChFlags
		case kernel.EvUsageChanged:
			deltas[e.Object] = append(deltas[e.Object], Delta{From: e.From, To: e.To, Cause: e.Cause, PID: e.PID})
			if objCh[e.Object] == ChNone {
				objCh[e.Object] = ChCount
			}
		case kernel.EvObjectCreated:
			objCh[e.Object] = ChCreated
			if e.ObjType == kernel.TypeProcess {
				procCh[e.TargetPID] = ChNew
			}
		case kernel.EvProcessCreated:
			procCh[e.TargetPID] = ChNew
		case kernel.EvObjectDestroyed:
			objCh[e.Object] = ChDestroyed
			destroyed[e.Object] = true
			if e.Name != "" {
				nameCh[e.Name] = ChClosed
			}
		case kernel.EvStateChanged:
			if objCh[e.Object] == ChNone || objCh[e.Object] == ChCount {
				objCh[e.Object] = ChState
			}
		case kernel.EvProcessExited:
			procCh[e.TargetPID] = ChExited
			objCh[e.Object] = ChState
		case kernel.EvWaitStarted, kernel.EvWaitSatisfied:
			if procCh[e.PID] == ChNone {
				procCh[e.PID] = ChWait
			}
		case kernel.EvNamespaceLookup:
			lv := LookupView{PID: e.PID, Name: e.Name, Result: e.Lookup, Type: e.ObjType.String(), Obj: e.Object}
			sc.Lookups = append(sc.Lookups, lv)
			switch e.Lookup {
			case kernel.LookupNew:
				nameCh[e.Name] = ChCreated
			case kernel.LookupExisting:
				nameCh[e.Name] = ChOpened
			}
		}
	}

	// Process columns.
	colBottom := Margin
	for i, p := range procs {
		pi := p.Proc
		pv := ProcView{PID: pi.PID, ParentPID: pi.ParentPID, Name: names[pi.PID], Parent: names[pi.ParentPID], Exited: pi.Exited, ExitCode: pi.ExitCode, Change: procCh[pi.PID]}
		if pi.ParentPID != 0 && pv.Parent == "" {
			pv.Parent = fmt.Sprintf("PID %d", pi.ParentPID)
		}
		for _, tid := range pi.Threads {
			if t := st.Object(tid); t != nil && t.Thread != nil && t.Thread.WaitingIn != "" {
				pv.WaitingIn = t.Thread.WaitingIn
			}
		}
		n := max(len(pi.Table)-1, 0) // an exited process has no table at all
		for k := range ghosts {
			if k.pid == pi.PID && k.idx > n {
				n = k.idx
			}
		}
		for k, c := range rowCh {
			if k.pid == pi.PID && k.idx > n && (c == ChScanSkip || c == ChScanCopy) {
				n = k.idx
			}
		}
		pv.NRows = n
		for idx := 1; idx <= n; idx++ {
			rect := RowRect(i, idx)
			ch := rowCh[rowKey{pi.PID, idx}]
			if ch != ChNone && (sc.Focus == nil || rect.Y < sc.Focus.Y) {
				sc.Focus = &rect
			}
			if !win.Has(rect) {
				continue
			}
			r := RowView{Index: idx, Handle: kernel.Handle(idx * 4), Rect: rect, Change: ch}
			var e kernel.Entry
			if idx < len(pi.Table) {
				e = pi.Table[idx]
			}
			if g, ok := ghosts[rowKey{pi.PID, idx}]; ok && e.Object == 0 {
				r.Ghost = true
				e = kernel.Entry{Object: g.Object, Access: g.Access, Flags: g.Flags}
			}
			if e.Object == 0 {
				r.Free = true
			} else {
				r.Obj, r.Access, r.Flags = e.Object, e.Access, e.Flags
				o := st.Object(e.Object)
				if o == nil && prev != nil {
					o = prev.Object(e.Object)
				}
				if o != nil {
					r.Type, r.Name, r.Addr = o.Type.String(), ObjName(o, names), o.Addr
				}
			}
			pv.Rows = append(pv.Rows, r)
		}
		pv.Vars = step.Vars[pi.PID]
		pv.Console = step.Console[pi.PID]
		x := ColumnX(i)
		h := ColumnHeight(pv.NRows, len(pv.Vars), len(pv.Console))
		pv.Rect = Rect{X: x, Y: Margin, W: TableW, H: h}
		colBottom = max(colBottom, Margin+h)
		sc.Procs = append(sc.Procs, pv)
	}
	// The kernel area sits below the tallest column of the whole trace (of
	// processes shown now or later), so cards do not move as tables change.
	if ext != nil {
		for pid, rows := range ext.Rows {
			colBottom = max(colBottom, Margin+ColumnHeight(rows, ext.Vars[pid], ext.Console[pid]))
		}
	}
	nCols := len(procs)
	if ext != nil {
		nCols = max(nCols, len(ext.Rows))
	}

	// Kernel area.
	width := max(ColumnX(nCols), 2*Margin+4*(CardW+CardGap)-CardGap)
	sc.Kernel = NewKernelLayout(colBottom, width)
	var objs []*kernel.Object
	for _, o := range st.Live() {
		objs = append(objs, o)
	}
	// Objects destroyed in this micro-step stay, dissolving, at their place.
	if prev != nil {
		for id := range destroyed {
			if o := prev.Object(id); o != nil && (st.Object(id) == nil || st.Object(id).Destroyed) {
				cp := *o
				cp.Destroyed = true
				cp.HandleCount, cp.KernelRefs = 0, 0
				objs = append(objs, &cp)
			}
		}
	}
	sort.Slice(objs, func(i, j int) bool { return objs[i].ID < objs[j].ID })
	cardOf := make(map[kernel.ObjectID]Rect, len(objs))
	bds := breakdownCounts(procs)
	sc.NObjects = len(objs)
	for i, o := range objs {
		rect := sc.Kernel.Card(i)
		cardOf[o.ID] = rect
		if !win.Has(rect) {
			continue
		}
		ov := ObjView{ID: o.ID, Type: o.Type.String(), Name: ObjName(o, names), Addr: o.Addr, Usage: o.UsageCount(), HandleCount: o.HandleCount, KernelRefs: o.KernelRefs,
			Change: objCh[o.ID], Deltas: deltas[o.ID], Ghost: o.Destroyed, Rect: rect}
		for _, x := range bds[o.ID] {
			ov.Breakdown = append(ov.Breakdown, names[x.pid]+" "+strconv.Itoa(x.n))
		}
		if o.KernelRefs > 0 {
			ov.Breakdown = append(ov.Breakdown[:len(ov.Breakdown):len(ov.Breakdown)], "kernel "+strconv.Itoa(o.KernelRefs))
		}
		ov.State = StateLines(o, st)
		sc.Objects = append(sc.Objects, ov)
	}
	nCards := len(objs)
	// The namespace card.
	for n, id := range st.Names {
		nv := NameView{Name: n, Change: nameCh[n]}
		if o := st.Object(id); o != nil {
			nv.Type, nv.Addr = o.Type.String(), o.Addr
		}
		sc.Names = append(sc.Names, nv)
	}
	for n, c := range nameCh {
		if _, ok := st.Names[n]; !ok && c == ChClosed {
			sc.Names = append(sc.Names, NameView{Name: n, Change: ChClosed})
		}
	}
	sort.Slice(sc.Names, func(i, j int) bool { return sc.Names[i].Name < sc.Names[j].Name })
	if len(sc.Names) > 0 || len(sc.Lookups) > 0 {
		sc.NamesRect = sc.Kernel.Card(nCards)
		nCards++
	}

	// Arrows.
	for _, pv := range sc.Procs {
		for _, r := range pv.Rows {
			if r.Free {
				continue
			}
			to, ok := cardOf[r.Obj]
			if !ok {
				continue
			}
			d, s, e := ArrowPath(r.Rect, to, r.Index, sc.Kernel.Top)
			sc.Arrows = append(sc.Arrows, Arrow{PID: pv.PID, Index: r.Index, Obj: r.Obj, D: d, Start: s, End: e, Changed: r.Change != ChNone && r.Change != ChScanSkip && r.Change != ChScanCopy, Ghost: r.Ghost})
		}
	}
	sc.W = width + Margin
	sc.H = sc.Kernel.Bottom(nCards) + Margin
	return sc
}

// ProcName is a process's display name: its image without ".exe".
func ProcName(p *kernel.ProcessInfo) string {
	n := p.Image
	if i := strings.LastIndexByte(n, '.'); i > 0 && strings.EqualFold(n[i:], ".exe") {
		n = n[:i]
	}
	if n == "" {
		n = fmt.Sprintf("PID %d", p.PID)
	}
	return n
}

// ObjName is what a card or row shows as an object's name: its namespace
// name, or for a process its image, for a thread "TID n (Process)".
func ObjName(o *kernel.Object, names map[kernel.PID]string) string {
	switch {
	case o.Name != "":
		return o.Name
	case o.Proc != nil:
		return names[o.Proc.PID]
	case o.Thread != nil:
		return fmt.Sprintf("TID %d", o.Thread.TID)
	}
	return ""
}

type procCount struct {
	pid kernel.PID
	n   int
}

// breakdownCounts counts, in one pass over the tables, every object's
// handles per process (in column order): the usage breakdown.
func breakdownCounts(procs []*kernel.Object) map[kernel.ObjectID][]procCount {
	per := map[kernel.ObjectID][]procCount{}
	for _, p := range procs {
		for _, e := range p.Proc.Table {
			if e.Object == 0 {
				continue
			}
			l := per[e.Object]
			if n := len(l); n > 0 && l[n-1].pid == p.Proc.PID {
				l[n-1].n++
			} else {
				l = append(l, procCount{p.Proc.PID, 1})
			}
			per[e.Object] = l
		}
	}
	return per
}

// Shared (never modified) state lines of the commonest objects.
var (
	stateSigManual = []string{"signaled", "manual-reset"}
	stateSigAuto   = []string{"signaled", "auto-reset"}
	stateNonManual = []string{"nonsignaled", "manual-reset"}
	stateNonAuto   = []string{"nonsignaled", "auto-reset"}
)

// StateLines describes an object's type state in a few short English lines
// (the UI translates the fixed words). Types the visualizer does not know
// show whatever the model exposes through a StateLines method, and their
// signaled state.
func StateLines(o *kernel.Object, st *kernel.State) []string {
	if sl, ok := any(o).(interface{ StateLines() []string }); ok {
		return sl.StateLines()
	}
	var out []string
	sig := func() string {
		if o.Signaled {
			return "signaled"
		}
		return "nonsignaled"
	}
	switch o.Type {
	case kernel.TypeProcess:
		p := o.Proc
		out = append(out, fmt.Sprintf("PID %d", p.PID))
		if p.Exited {
			out = append(out, fmt.Sprintf("exit code %d", p.ExitCode))
		} else {
			out = append(out, "STILL_ACTIVE (259)")
		}
		if p.Exited {
			out = append(out, sig())
		}
	case kernel.TypeThread:
		t := o.Thread
		if t.Exited {
			out = append(out, fmt.Sprintf("exit code %d", t.ExitCode))
		} else if t.WaitingIn != "" {
			out = append(out, "waiting in "+t.WaitingIn)
		} else {
			out = append(out, "running")
		}
		if t.Exited {
			out = append(out, sig())
		}
	case kernel.TypeEvent, kernel.TypeWaitableTimer:
		switch {
		case o.Signaled && o.ManualReset:
			return stateSigManual
		case o.Signaled:
			return stateSigAuto
		case o.ManualReset:
			return stateNonManual
		default:
			return stateNonAuto
		}
	case kernel.TypeMutex:
		if o.OwnerTID != 0 {
			out = append(out, fmt.Sprintf("owner TID %d", o.OwnerTID))
			if o.Recursion > 1 {
				out = append(out, fmt.Sprintf("recursion %d", o.Recursion))
			}
		} else {
			out = append(out, "free (signaled)")
		}
		if o.Abandoned {
			out = append(out, "abandoned")
		}
	case kernel.TypeSemaphore:
		out = append(out, fmt.Sprintf("count %d / max %d", o.Count, o.Max))
		out = append(out, sig())
	case kernel.TypeFile:
		out = append(out, o.Path)
		if o.Offset > 0 {
			out = append(out, "offset "+strconv.FormatUint(o.Offset, 10))
		}
	case kernel.TypeFileMapping:
		if o.Path != "" {
			out = append(out, "file "+o.Path)
		} else {
			out = append(out, "paging file")
		}
		out = append(out, fmt.Sprintf("%d bytes", o.Size))
	default:
		if o.Toolhelp != nil {
			out = append(out, fmt.Sprintf("snapshot of %d processes", len(o.Toolhelp.Processes)))
			break
		}
		out = append(out, sig())
	}
	if ps := o.Pipe; ps != nil {
		out = pipeLines(ps)
	}
	return out
}

// pipeLines shows a pipe or mailslot end: which end, its connection, and
// the data waiting in its buffer (what a ReadFile at this end would get).
func pipeLines(ps *kernel.PipeState) []string {
	head := ps.End.String()
	if ps.End == kernel.EndServer || ps.End == kernel.EndClient {
		head += ", " + ps.Conn.String()
	}
	out := []string{head}
	switch {
	case len(ps.Buffer) == 0:
		out = append(out, "buffer empty")
	case ps.Messages:
		out = append(out, fmt.Sprintf("buffer: %d message(s), %d bytes", len(ps.Buffer), ps.Buffered()))
	default:
		out = append(out, fmt.Sprintf("buffer: %d bytes", ps.Buffered()))
	}
	if len(ps.Buffer) > 0 {
		var b strings.Builder
		for i, m := range ps.Buffer {
			if i > 0 {
				b.WriteString(" ")
			}
			b.WriteString(strconv.Quote(m))
			if b.Len() > 60 {
				break
			}
		}
		out = append(out, b.String())
	}
	return out
}
