package scene

import (
	"fmt"
	"math"
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
	ChData       Change = "data"       // data written into or read from its buffer (the card's flow badges say how much)
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
	// Joints link the two ends of each pipe (and a mailslot's clients to
	// it), drawn between their cards.
	Joints []Joint
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
	Wait           *WaitView // where it waits (nil: not waiting)
	Change         Change
	Rect           Rect // the whole column
	NRows          int  // table rows (Rows holds those inside the window)
	Rows           []RowView
	Vars           []Var
	Console        []string
	Std            []StdView // only when redirected (stdview.go)
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
	Role   string // a pipe or mailslot end: see Role
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
	Breakdown   []string // handles per process: "Parent 1", "Child 1" (the UI adds the kernel's references)
	Role        string   // a pipe or mailslot end: see Role
	Lines       []Line   // type state lines (translated by the UI)
	Pipe        *PipeView
	Waiters     []Line // who waits on the object: "❙❙ Parent waits in ReadFile"
	Flows       []Flow // data moved in this micro-step
	Change      Change
	Deltas      []Delta // usage changes in this micro-step
	Ghost       bool    // destroyed in this micro-step
	Rect        Rect
	Ord         int // the card's place in the kernel area's grid (0, 1, …)
}

// WaitView says where a process waits: the call, the handle it passed
// (0 when it waits on a name, as WaitNamedPipe does), and the object.
type WaitView struct {
	Call   string
	Handle kernel.Handle
	Type   string
	Role   string // pipe end, see Role
	Name   string
}

// PipeView is the data a pipe or mailslot end holds.
type PipeView struct {
	Holds    bool    // data waits at this end (false: a write end, a mailslot client)
	Messages bool    // kept as messages (message pipes, mailslots); else one byte stream
	Buffer   []Chunk // oldest first
	Gone     []Chunk // taken by a read in this micro-step (drawn leaving)
	Hidden   int     // chunks beyond what the card shows
}

// Chunk is one write's data (a message, or a piece of a byte stream).
type Chunk struct {
	Data string          // the bytes, exactly
	Unit kernel.DataUnit // how they are text (the writer's element type); see bytes.go
	New  bool            // written in this micro-step
}

// Flow is data that moved in this micro-step: written into this end's
// buffer (In), read out of it (Out), or sent by this end (Sent).
type Flow struct {
	Dir   string // "in", "out", "sent"
	Bytes int
	Who   string // the process that wrote or read
	More  bool   // a message read in part (ERROR_MORE_DATA)
}

// Joint links two cards: a pipe's write end to its read end, a named pipe's
// client to its server, a mailslot client to its mailslot. The arrow points
// where the data goes (for a named pipe, both ways).
type Joint struct {
	From, To kernel.ObjectID
	D        string
	Both     bool // a named pipe: data goes both ways
	Hot      bool // data went through it in this micro-step
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
	Kind     Change // ChData for a data chip
	Dir      string // for data: "in" (writer → buffer) or "out" (buffer → reader)
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
	flows := map[kernel.ObjectID][]Flow{}
	written := map[kernel.ObjectID][]string{}
	gone := map[kernel.ObjectID][]Chunk{}
	var dataEvs []kernel.Event
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
			if e.SrcPID != 0 && e.SrcIndex != 0 && (e.SrcPID != e.PID || int(e.SrcIndex) != e.Index) {
				sCol, ok1 := col[e.SrcPID]
				dCol, ok2 := col[e.PID]
				if ok1 && ok2 && win.Has(RowRect(dCol, e.Index)) {
					sc.Travel = append(sc.Travel, Traveller{From: RowRect(sCol, int(e.SrcIndex)), To: RowRect(dCol, e.Index), Handle: e.Handle,
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
			deltas[e.Object] = append(deltas[e.Object], Delta{From: int(e.From), To: int(e.To), Cause: e.Cause, PID: e.PID})
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
			// The other end of a pipe sees it go (a read end: "write end:
			// closed").
			for _, s := range []*kernel.State{prev, st} {
				if s == nil {
					continue
				}
				if o := s.Object(e.Object); o != nil && o.Pipe != nil && o.Pipe.Peer != 0 {
					if objCh[o.Pipe.Peer] == ChNone || objCh[o.Pipe.Peer] == ChCount {
						objCh[o.Pipe.Peer] = ChState
					}
					break
				}
			}
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
			if objCh[e.Object] == ChNone {
				objCh[e.Object] = ChWait
			}
		case kernel.EvDataWritten, kernel.EvDataRead:
			if e.ObjType == kernel.TypeFile {
				objCh[e.Object] = ChState // a plain file's offset
				continue
			}
			if e.Kind == kernel.EvDataWritten {
				flows[e.Object] = append(flows[e.Object], Flow{Dir: "in", Bytes: int(e.Bytes), Who: names[e.PID]})
				written[e.Object] = append(written[e.Object], e.Data)
			} else {
				flows[e.Object] = append(flows[e.Object], Flow{Dir: "out", Bytes: int(e.Bytes), Who: names[e.PID], More: e.Err == kernel.ERROR_MORE_DATA})
				gone[e.Object] = append(gone[e.Object], Chunk{Data: e.Data, Unit: e.Unit})
			}
			objCh[e.Object] = ChData
			dataEvs = append(dataEvs, e)
		case kernel.EvPipeConnected, kernel.EvPipeDisconnected:
			if objCh[e.Object] == ChNone || objCh[e.Object] == ChCount {
				objCh[e.Object] = ChState
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

	// The end each write went through (the writer's handle to it): it
	// gets a "sent" flow, and the data chip leaves from its row.
	sender := map[int]rowKey{} // index in dataEvs → the writer's row
	for i, e := range dataEvs {
		if e.Kind != kernel.EvDataWritten {
			continue
		}
		if k, x, ok := senderRow(st, prev, e); ok {
			sender[i] = k
			flows[x] = append(flows[x], Flow{Dir: "sent", Bytes: int(e.Bytes), Who: names[e.PID]})
			if objCh[x] == ChNone || objCh[x] == ChCount {
				objCh[x] = ChData
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
				w := &WaitView{Call: t.Thread.WaitingIn, Handle: t.Thread.WaitHandle}
				if o := st.Object(t.Thread.WaitObject); o != nil {
					w.Type, w.Role, w.Name = o.Type.String(), Role(o), ObjName(o, names)
				}
				pv.Wait = w
			}
		}
		n := max(pi.Table().Slots()-1, 0) // an exited process has no table at all
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
				f := rect // a copy: rect itself stays off the heap
				sc.Focus = &f
			}
			if !win.Has(rect) {
				continue
			}
			r := RowView{Index: idx, Handle: kernel.Handle(idx * 4), Rect: rect, Change: ch}
			e := pi.Table().At(idx)
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
					r.Type, r.Name, r.Role, r.Addr = o.Type.String(), ObjName(o, names), Role(o), o.Addr
				}
			}
			pv.Rows = append(pv.Rows, r)
		}
		pv.Vars = step.Vars[pi.PID]
		pv.Console = step.Console[pi.PID]
		pv.Std = stdViews(st, pi, names)
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
	width := max(ColumnX(nCols), 2*Margin+float64(MinCardsPerRow)*(CardW+CardGap)-CardGap)
	var objs []*kernel.Object
	cardH := CardH
	if ext != nil && ext.Pipes {
		cardH = CardHPipe
	}
	for _, o := range st.Live() {
		objs = append(objs, o)
		if o.Pipe != nil {
			cardH = CardHPipe
		}
	}
	sc.Kernel = NewKernelLayout(colBottom, width, cardH)
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
	// Cards in ID order, except that the ends of a pipe sit side by side
	// (and a mailslot's clients after it).
	// Object IDs are small and dense: per-object data in slices, not maps
	// (a big scene has a thousand cards).
	maxID := kernel.ObjectID(0)
	for _, o := range objs {
		maxID = max(maxID, o.ID)
	}
	keys := make([]kernel.ObjectID, maxID+1) // 0: no card
	for _, o := range objs {
		keys[o.ID] = o.ID
	}
	for _, o := range objs {
		if ps := o.Pipe; ps != nil && ps.Peer != 0 && ps.Peer <= maxID && keys[ps.Peer] != 0 {
			keys[o.ID] = min(o.ID, ps.Peer)
		}
	}
	sort.Slice(objs, func(i, j int) bool {
		ki, kj := keys[objs[i].ID], keys[objs[j].ID]
		if ki != kj {
			return ki < kj
		}
		return objs[i].ID < objs[j].ID
	})
	cards := make([]Rect, maxID+1) // by object ID; W == 0: no card
	cardOf := func(id kernel.ObjectID) (Rect, bool) {
		if id > maxID || cards[id].W == 0 {
			return Rect{}, false
		}
		return cards[id], true
	}
	// Breakdowns only for the cards drawn (a big scene draws a band).
	drawn := map[kernel.ObjectID]bool{}
	for i, o := range objs {
		if win.Has(sc.Kernel.Card(i)) {
			drawn[o.ID] = true
		}
	}
	bds := breakdownCounts(procs, drawn)
	sc.NObjects = len(objs)
	for i, o := range objs {
		rect := sc.Kernel.Card(i)
		cards[o.ID] = rect
		if !win.Has(rect) {
			continue
		}
		ov := ObjView{ID: o.ID, Type: o.Type.String(), Name: ObjName(o, names), Addr: o.Addr, Usage: o.UsageCount(), HandleCount: o.HandleCount, KernelRefs: o.KernelRefs,
			Change: objCh[o.ID], Deltas: deltas[o.ID], Ghost: o.Destroyed, Rect: rect, Ord: i}
		for _, x := range bds[o.ID] {
			ov.Breakdown = append(ov.Breakdown, names[x.pid]+" "+strconv.Itoa(x.n))
		}
		ov.Role = Role(o)
		ov.Lines = StateLines(o, st)
		ov.Waiters = waiterLines(o, st, names)
		ov.Flows = flows[o.ID]
		if o.Pipe != nil {
			ov.Pipe = pipeView(o.Pipe, written[o.ID], gone[o.ID])
		}
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
			to, ok := cardOf(r.Obj)
			if !ok {
				continue
			}
			d, s, e := ArrowPath(r.Rect, to, r.Index, sc.Kernel.Top)
			sc.Arrows = append(sc.Arrows, Arrow{PID: pv.PID, Index: r.Index, Obj: r.Obj, D: d, Start: s, End: e, Changed: r.Change != ChNone && r.Change != ChScanSkip && r.Change != ChScanCopy, Ghost: r.Ghost})
		}
	}
	// Joints between the ends of a pipe.
	for _, o := range objs {
		ps := o.Pipe
		if ps == nil || o.Destroyed || ps.Peer == 0 {
			continue
		}
		var both bool
		switch ps.End {
		case kernel.EndWrite, kernel.EndMailslotClient:
		case kernel.EndClient:
			both = true
		default:
			continue
		}
		from, ok1 := cardOf(o.ID)
		to, ok2 := cardOf(ps.Peer)
		if !ok1 || !ok2 || (!win.Has(from) && !win.Has(to)) {
			continue
		}
		if p := st.Object(ps.Peer); p == nil || p.Destroyed {
			continue
		}
		// Data went through: this end sent it, or (a named pipe's
		// client) received it from the server.
		hot := false
		for _, f := range flows[o.ID] {
			hot = hot || f.Dir == "sent" || f.Dir == "in"
		}
		sc.Joints = append(sc.Joints, Joint{From: o.ID, To: ps.Peer, D: JointPath(from, to), Both: both, Hot: hot})
	}

	// Data chips: from the writer's row to the buffer, from the buffer to
	// the reader's row.
	for i, e := range dataEvs {
		card, ok := cardOf(e.Object)
		if !ok || !win.Has(card) {
			continue
		}
		label := chipLabel(e.Data, e.Unit)
		lines := 0
		for j := range sc.Objects {
			if sc.Objects[j].ID == e.Object {
				lines = len(sc.Objects[j].Lines)
			}
		}
		buf := BufferChip(card, label, lines)
		var row rowKey
		if e.Kind == kernel.EvDataWritten {
			k, ok := sender[i]
			if !ok {
				continue
			}
			row = k
		} else {
			if e.Handle == 0 {
				continue
			}
			row = rowKey{e.PID, int(e.Handle >> 2)} // the handle the read went through
		}
		c, ok := col[row.pid]
		if !ok {
			continue
		}
		at := RowChip(RowRect(c, row.idx), buf.W)
		if e.Kind == kernel.EvDataWritten {
			sc.Travel = append(sc.Travel, Traveller{From: at, To: buf, Label: label, Kind: ChData, Dir: "in"})
		} else {
			sc.Travel = append(sc.Travel, Traveller{From: buf, To: at, Label: label, Kind: ChData, Dir: "out"})
		}
	}
	sc.W = width + Margin
	sc.H = sc.Kernel.Bottom(nCards) + Margin
	return sc
}

// senderRow is the writer's row and its end: the handle the write went
// through (EvDataWritten carries it), looked up in the writer's table.
func senderRow(st, prev *kernel.State, e kernel.Event) (rowKey, kernel.ObjectID, bool) {
	idx := int(e.Handle >> 2)
	for _, s := range []*kernel.State{st, prev} {
		if s == nil {
			continue
		}
		if p := s.Process(e.PID); p != nil && p.Proc.Table().At(idx).Object != 0 {
			return rowKey{e.PID, idx}, p.Proc.Table().At(idx).Object, true
		}
	}
	return rowKey{}, 0, false
}

// pipeView lists the data waiting at an end, marking what this micro-step
// wrote (the newest chunks equal to the data written) and what it read.
func pipeView(ps *kernel.PipeState, written []string, gone []Chunk) *PipeView {
	pv := &PipeView{Holds: HoldsData(ps), Messages: ps.Messages}
	if !pv.Holds {
		return pv
	}
	for i, d := range ps.Buffer {
		pv.Buffer = append(pv.Buffer, Chunk{Data: d, Unit: unitOf(ps, i)})
	}
	for i, w := len(pv.Buffer)-1, len(written)-1; i >= 0 && w >= 0 && pv.Buffer[i].Data == written[w]; i, w = i-1, w-1 {
		pv.Buffer[i].New = true
	}
	pv.Gone = append(pv.Gone, gone...)
	// The card has room for about two lines of chips.
	room := 2 * chipLine
	for i, c := range pv.Buffer {
		room -= c.Width() + 4
		if room < 0 && i > 0 {
			pv.Hidden = len(pv.Buffer) - i
			pv.Buffer = pv.Buffer[:i]
			break
		}
	}
	return pv
}

// chipLine is about how many characters of data fit on one line of a
// card's buffer.
const chipLine = 26

// Data chip geometry: a chip is ChipH high, as wide as its text. A pipe
// card's buffer sits below its state lines (the style sheet's card layout:
// border 2 + padding 5, head 26, address 18, count 44, breakdown 18, deltas
// 24 with a data badge + margin 2, then pipeLineH a state line, then the
// buffer's margin 2).
var (
	ChipH     = 26.0
	bufferTop = 141.0
	pipeLineH = 18.0
)

// BufferChip is where a data chip lands in (or leaves) the buffer of a card
// with that many state lines.
func BufferChip(card Rect, label string, lines int) Rect {
	w := min(float64(len([]rune(label)))*9+20, card.W-20)
	return Rect{X: card.X + 10, Y: card.Y + bufferTop + float64(lines)*pipeLineH, W: w, H: ChipH}
}

// RowChip is where a data chip leaves (or reaches) a handle-table row: its
// right part, over the access and flags columns.
func RowChip(row Rect, w float64) Rect {
	return Rect{X: row.X + row.W - w - 6, Y: row.Y + (row.H-ChipH)/2, W: w, H: ChipH}
}

// JointPath is the SVG path between two cards of one pipe: straight across
// the gap when they sit side by side, else through the gaps below (or
// above) the cards.
func JointPath(from, to Rect) string {
	b := make([]byte, 0, 64)
	if from.Y == to.Y && math.Abs(from.X-to.X) <= from.W+CardGap+0.5 {
		y := from.Y + JointY
		x1, x2 := from.X+from.W, to.X
		if to.X < from.X {
			x1, x2 = from.X, to.X+to.W
		}
		b = append(b, "M "...)
		b = pt(b, x1, y)
		b = append(b, " H "...)
		b = num(b, x2)
		return string(b)
	}
	fx, tx := from.X+JointX, to.X+JointX
	var fy, gy, ty float64
	switch {
	case to.Y >= from.Y:
		fy, gy = from.Y+from.H, from.Y+from.H+CardGap/2
		ty = to.Y + to.H
		if to.Y > from.Y {
			ty = to.Y
		}
	default:
		fy, gy, ty = from.Y, from.Y-CardGap/2, to.Y+to.H
	}
	b = append(b, "M "...)
	b = pt(b, fx, fy)
	b = append(b, " V "...)
	b = num(b, gy)
	b = append(b, " H "...)
	b = num(b, tx)
	b = append(b, " V "...)
	b = num(b, ty)
	return string(b)
}

// Where joints attach to cards: JointY below a card's top for cards side by
// side, JointX right of its left edge otherwise.
var (
	JointY = 92.0
	JointX = 34.0
)

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

// breakdownCounts counts, in one pass over the tables, the handles per
// process (in column order) of each object in want: the usage breakdown.
func breakdownCounts(procs []*kernel.Object, want map[kernel.ObjectID]bool) map[kernel.ObjectID][]procCount {
	per := make(map[kernel.ObjectID][]procCount, len(want))
	for _, p := range procs {
		for _, e := range p.Proc.Table().All() {
			if !want[e.Object] {
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
