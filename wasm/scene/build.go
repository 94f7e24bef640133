package scene

import (
	"fmt"

	"handleviz/kernel"
)

type rowKey struct {
	pid kernel.PID
	idx int
}

// builder lays out one scene. classify sorts the micro-steps' events by
// what they touch; the layout phases then read those marks, each filling in
// one part of the scene.
type builder struct {
	st, prev *kernel.State
	step     Step
	ext      *Extent
	win      *Window
	stdIO    bool // draw standard handles and consoles
	sc       *Scene

	procs []*kernel.Object
	col   map[kernel.PID]int // a process's column
	names map[kernel.PID]string

	// What the micro-steps did (classify, markSenders).
	rowCh     map[rowKey]Change
	ghosts    map[rowKey]kernel.Event // rows removed: drawn fading
	objCh     map[kernel.ObjectID]Change
	deltas    map[kernel.ObjectID][]Delta
	procCh    map[kernel.PID]Change
	destroyed map[kernel.ObjectID]bool
	nameCh    map[string]Change
	flows     map[kernel.ObjectID][]Flow
	written   map[kernel.ObjectID][]string
	gone      map[kernel.ObjectID][]Chunk
	dataEvs   []kernel.Event
	sender    map[int]rowKey // index in dataEvs → the writer's row

	// Layout (layoutColumns, layoutCards, namespaceCard).
	colBottom float64
	width     float64
	objs      []*kernel.Object // cards in grid order
	maxID     kernel.ObjectID
	cards     []Rect // by object ID; W == 0: no card
	nCards    int    // grid places taken, the namespace card included
}

func buildState(st, prev *kernel.State, evs []kernel.Event, step Step, ext *Extent, win *Window, stdIO bool) *Scene {
	b := newBuilder(st, prev, step, ext, win)
	b.stdIO = stdIO
	b.classify(evs)
	b.markSenders()
	b.layoutColumns()
	b.layoutCards()
	b.namespaceCard()
	b.consoleCards()
	b.arrows()
	b.joints()
	b.dataChips()
	b.sc.W = b.width + Margin
	b.sc.H = b.sc.Kernel.Bottom(b.nCards) + Margin
	return b.sc
}

func newBuilder(st, prev *kernel.State, step Step, ext *Extent, win *Window) *builder {
	b := &builder{
		st: st, prev: prev, step: step, ext: ext, win: win, sc: &Scene{},
		procs:     st.Processes(),
		col:       map[kernel.PID]int{},
		names:     map[kernel.PID]string{},
		rowCh:     map[rowKey]Change{},
		ghosts:    map[rowKey]kernel.Event{},
		objCh:     map[kernel.ObjectID]Change{},
		deltas:    map[kernel.ObjectID][]Delta{},
		procCh:    map[kernel.PID]Change{},
		destroyed: map[kernel.ObjectID]bool{},
		nameCh:    map[string]Change{},
		flows:     map[kernel.ObjectID][]Flow{},
		written:   map[kernel.ObjectID][]string{},
		gone:      map[kernel.ObjectID][]Chunk{},
		sender:    map[int]rowKey{},
	}
	for i, p := range b.procs {
		b.col[p.Proc.PID] = i
		b.names[p.Proc.PID] = ProcName(p.Proc)
	}
	return b
}

// classify marks what each event changed: rows, cards, processes, names,
// the data that moved.
func (b *builder) classify(evs []kernel.Event) {
	for _, e := range evs {
		switch e.Kind {
		case kernel.EvHandleAdded:
			b.rowAdded(e)
		case kernel.EvHandleRemoved, kernel.EvInheritScan, kernel.EvCloseRefused, kernel.EvFlagsChanged:
			b.rowChanged(e)
		case kernel.EvDataWritten, kernel.EvDataRead:
			b.dataMoved(e)
		case kernel.EvNamespaceLookup:
			b.sc.Lookups = append(b.sc.Lookups, LookupView{PID: e.PID, Name: e.Name, Result: e.Lookup, Type: e.ObjType.String(), Obj: e.Object})
			switch e.Lookup {
			case kernel.LookupNew:
				b.nameCh[e.Name] = ChCreated
			case kernel.LookupExisting:
				b.nameCh[e.Name] = ChOpened
			}
		default:
			b.objectChanged(e)
		}
	}
}

// rowAdded marks a new row, and sends a copy of it travelling from the row
// it was copied from (inherit, duplicate).
func (b *builder) rowAdded(e kernel.Event) {
	k := rowKey{e.PID, e.Index}
	switch e.Cause {
	case kernel.CauseInherit:
		b.rowCh[k] = ChInherited
	case kernel.CauseDuplicate:
		b.rowCh[k] = ChDuplicated
	case kernel.CauseOpen:
		b.rowCh[k] = ChOpened
	default:
		b.rowCh[k] = ChCreated
	}
	delete(b.ghosts, k)
	if e.SrcPID == 0 || e.SrcIndex == 0 || (e.SrcPID == e.PID && int(e.SrcIndex) == e.Index) {
		return
	}
	sCol, ok1 := b.col[e.SrcPID]
	dCol, ok2 := b.col[e.PID]
	if ok1 && ok2 && b.win.Has(RowRect(dCol, e.Index)) {
		b.sc.Travel = append(b.sc.Travel, Traveller{From: RowRect(sCol, int(e.SrcIndex)), To: RowRect(dCol, e.Index), Handle: e.Handle,
			Label: fmt.Sprintf("0x%X %s", uint64(e.Handle), e.ObjType), Kind: b.rowCh[k]})
	}
}

// rowChanged marks a row removed, scanned, refused or given new flags.
func (b *builder) rowChanged(e kernel.Event) {
	k := rowKey{e.PID, e.Index}
	switch e.Kind {
	case kernel.EvHandleRemoved:
		if _, ok := b.rowCh[k]; ok && e.Cause == kernel.CauseCloseSource {
			// replaced in place (a move inside one process)
			return
		}
		b.ghosts[k] = e
		if e.Cause == kernel.CauseCloseSource {
			b.rowCh[k] = ChMoved
		} else {
			b.rowCh[k] = ChClosed
		}
	case kernel.EvInheritScan:
		if e.Copied {
			b.rowCh[k] = ChScanCopy
		} else {
			b.rowCh[k] = ChScanSkip
		}
	case kernel.EvCloseRefused:
		b.rowCh[k] = ChRefused
	case kernel.EvFlagsChanged:
		b.rowCh[k] = ChFlags
	}
}

// objectChanged marks cards and processes: counts, creation, destruction,
// state, exits and waits.
func (b *builder) objectChanged(e kernel.Event) {
	switch e.Kind {
	case kernel.EvUsageChanged:
		b.deltas[e.Object] = append(b.deltas[e.Object], Delta{From: int(e.From), To: int(e.To), Cause: e.Cause, PID: e.PID})
		if b.objCh[e.Object] == ChNone {
			b.objCh[e.Object] = ChCount
		}
	case kernel.EvObjectCreated:
		b.objCh[e.Object] = ChCreated
		if e.ObjType == kernel.TypeProcess {
			b.procCh[e.TargetPID] = ChNew
		}
	case kernel.EvProcessCreated:
		b.procCh[e.TargetPID] = ChNew
	case kernel.EvObjectDestroyed:
		b.objectDestroyed(e)
	case kernel.EvStateChanged, kernel.EvPipeConnected, kernel.EvPipeDisconnected:
		b.markState(e.Object)
	case kernel.EvProcessExited:
		b.procCh[e.TargetPID] = ChExited
		b.objCh[e.Object] = ChState
	case kernel.EvWaitStarted, kernel.EvWaitSatisfied:
		if b.procCh[e.PID] == ChNone {
			b.procCh[e.PID] = ChWait
		}
		if b.objCh[e.Object] == ChNone {
			b.objCh[e.Object] = ChWait
		}
	}
}

// markState marks a card's state changed unless something bigger (created,
// destroyed, data) already marks it.
func (b *builder) markState(id kernel.ObjectID) {
	if b.objCh[id] == ChNone || b.objCh[id] == ChCount {
		b.objCh[id] = ChState
	}
}

func (b *builder) objectDestroyed(e kernel.Event) {
	// The other end of a pipe sees it go (a read end: "write end:
	// closed").
	for _, s := range []*kernel.State{b.prev, b.st} {
		if s == nil {
			continue
		}
		if o := s.Object(e.Object); o != nil && o.Pipe != nil && o.Pipe.Peer != 0 {
			b.markState(o.Pipe.Peer)
			break
		}
	}
	b.objCh[e.Object] = ChDestroyed
	b.destroyed[e.Object] = true
	if e.Name != "" {
		b.nameCh[e.Name] = ChClosed
	}
}

// dataMoved records data written into or read out of a buffer (a plain
// file only moves its offset).
func (b *builder) dataMoved(e kernel.Event) {
	if e.ObjType == kernel.TypeFile {
		b.objCh[e.Object] = ChState // a plain file's offset
		return
	}
	if e.Kind == kernel.EvDataWritten {
		b.flows[e.Object] = append(b.flows[e.Object], Flow{Dir: "in", Bytes: int(e.Bytes), Who: b.names[e.PID]})
		b.written[e.Object] = append(b.written[e.Object], e.Data)
	} else {
		b.flows[e.Object] = append(b.flows[e.Object], Flow{Dir: "out", Bytes: int(e.Bytes), Who: b.names[e.PID], More: e.Err == kernel.ERROR_MORE_DATA})
		b.gone[e.Object] = append(b.gone[e.Object], Chunk{Data: e.Data, Unit: e.Unit})
	}
	b.objCh[e.Object] = ChData
	b.dataEvs = append(b.dataEvs, e)
}

// markSenders finds the end each write went through (the writer's handle to
// it): it gets a "sent" flow, and the data chip leaves from its row.
func (b *builder) markSenders() {
	for i, e := range b.dataEvs {
		if e.Kind != kernel.EvDataWritten {
			continue
		}
		if k, x, ok := senderRow(b.st, b.prev, e); ok {
			b.sender[i] = k
			b.flows[x] = append(b.flows[x], Flow{Dir: "sent", Bytes: int(e.Bytes), Who: b.names[e.PID]})
			if b.objCh[x] == ChNone || b.objCh[x] == ChCount {
				b.objCh[x] = ChData
			}
		}
	}
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
