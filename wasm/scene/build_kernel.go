package scene

import (
	"sort"
	"strconv"

	"handleviz/kernel"
)

// layoutCards lays out the kernel area below the columns: one card per live
// object, and the objects destroyed in this micro-step at their place.
func (b *builder) layoutCards() {
	nCols := len(b.procs)
	if b.ext != nil {
		nCols = max(nCols, len(b.ext.Rows))
	}
	b.width = max(ColumnX(nCols), 2*Margin+float64(MinCardsPerRow)*(CardW+CardGap)-CardGap)
	cardH := CardH
	if b.ext != nil && b.ext.Pipes {
		cardH = CardHPipe
	}
	for _, o := range b.st.Live() {
		b.objs = append(b.objs, o)
		if o.Pipe != nil {
			cardH = CardHPipe
		}
	}
	b.sc.Kernel = NewKernelLayout(b.colBottom, b.width, cardH)
	// Objects destroyed in this micro-step stay, dissolving, at their place.
	if b.prev != nil {
		for id := range b.destroyed {
			if o := b.prev.Object(id); o != nil && (b.st.Object(id) == nil || b.st.Object(id).Destroyed) {
				cp := *o
				cp.Destroyed = true
				cp.HandleCount, cp.KernelRefs = 0, 0
				b.objs = append(b.objs, &cp)
			}
		}
	}
	b.orderCards()
	b.cards = make([]Rect, b.maxID+1)
	// Breakdowns only for the cards drawn (a big scene draws a band).
	drawn := map[kernel.ObjectID]bool{}
	for i, o := range b.objs {
		if b.win.Has(b.sc.Kernel.Card(i)) {
			drawn[o.ID] = true
		}
	}
	bds := breakdownCounts(b.procs, drawn)
	b.sc.NObjects = len(b.objs)
	for i, o := range b.objs {
		rect := b.sc.Kernel.Card(i)
		b.cards[o.ID] = rect
		if b.win.Has(rect) {
			b.sc.Objects = append(b.sc.Objects, b.objView(i, o, rect, bds[o.ID]))
		}
	}
	b.nCards = len(b.objs)
}

// orderCards puts the cards in ID order, except that the ends of a pipe sit
// side by side (and a mailslot's clients after it).
func (b *builder) orderCards() {
	// Object IDs are small and dense: per-object data in slices, not maps
	// (a big scene has a thousand cards).
	for _, o := range b.objs {
		b.maxID = max(b.maxID, o.ID)
	}
	keys := make([]kernel.ObjectID, b.maxID+1) // 0: no card
	for _, o := range b.objs {
		keys[o.ID] = o.ID
	}
	for _, o := range b.objs {
		if ps := o.Pipe; ps != nil && ps.Peer != 0 && ps.Peer <= b.maxID && keys[ps.Peer] != 0 {
			keys[o.ID] = min(o.ID, ps.Peer)
		}
	}
	objs := b.objs
	sort.Slice(objs, func(i, j int) bool {
		ki, kj := keys[objs[i].ID], keys[objs[j].ID]
		if ki != kj {
			return ki < kj
		}
		return objs[i].ID < objs[j].ID
	})
}

// cardOf is the box of an object's card (false: it has none).
func (b *builder) cardOf(id kernel.ObjectID) (Rect, bool) {
	if id > b.maxID || b.cards[id].W == 0 {
		return Rect{}, false
	}
	return b.cards[id], true
}

func (b *builder) objView(i int, o *kernel.Object, rect Rect, bd []procCount) ObjView {
	ov := ObjView{ID: o.ID, Type: o.Type.String(), Name: ObjName(o, b.names), Addr: o.Addr, Usage: o.UsageCount(), HandleCount: o.HandleCount, KernelRefs: o.KernelRefs,
		Change: b.objCh[o.ID], Deltas: b.deltas[o.ID], Ghost: o.Destroyed, Rect: rect, Ord: i}
	for _, x := range bd {
		ov.Breakdown = append(ov.Breakdown, b.names[x.pid]+" "+strconv.Itoa(x.n))
	}
	ov.Role = Role(o)
	ov.Lines = StateLines(o, b.st)
	ov.Waiters = waiterLines(o, b.st, b.names)
	ov.Flows = b.flows[o.ID]
	if o.Pipe != nil {
		ov.Pipe = pipeView(o.Pipe, b.written[o.ID], b.gone[o.ID])
	}
	return ov
}

// namespaceCard lists the object namespace (and the names closed in this
// micro-step) on a card after the objects, when there is any name or lookup.
func (b *builder) namespaceCard() {
	sc := b.sc
	for n, id := range b.st.Names {
		nv := NameView{Name: n, Change: b.nameCh[n]}
		if o := b.st.Object(id); o != nil {
			nv.Type, nv.Addr = o.Type.String(), o.Addr
		}
		sc.Names = append(sc.Names, nv)
	}
	for n, c := range b.nameCh {
		if _, ok := b.st.Names[n]; !ok && c == ChClosed {
			sc.Names = append(sc.Names, NameView{Name: n, Change: ChClosed})
		}
	}
	sort.Slice(sc.Names, func(i, j int) bool { return sc.Names[i].Name < sc.Names[j].Name })
	if len(sc.Names) > 0 || len(sc.Lookups) > 0 {
		sc.NamesRect = sc.Kernel.Card(b.nCards)
		b.nCards++
	}
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
