package scene

import (
	"math"

	"handleviz/kernel"
)

// arrows links each drawn row to its object's card.
func (b *builder) arrows() {
	for _, pv := range b.sc.Procs {
		for _, r := range pv.Rows {
			if r.Free {
				continue
			}
			to, ok := b.cardOf(r.Obj)
			if !ok {
				continue
			}
			d, s, e := ArrowPath(r.Rect, to, r.Index, b.sc.Kernel.Top)
			b.sc.Arrows = append(b.sc.Arrows, Arrow{PID: pv.PID, Index: r.Index, Obj: r.Obj, D: d, Start: s, End: e, Changed: r.Change != ChNone && r.Change != ChScanSkip && r.Change != ChScanCopy, Ghost: r.Ghost})
		}
	}
}

// joints links the two ends of each pipe (a named pipe's client to its
// server, a mailslot's clients to it).
func (b *builder) joints() {
	for _, o := range b.objs {
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
		from, ok1 := b.cardOf(o.ID)
		to, ok2 := b.cardOf(ps.Peer)
		if !ok1 || !ok2 || (!b.win.Has(from) && !b.win.Has(to)) {
			continue
		}
		if p := b.st.Object(ps.Peer); p == nil || p.Destroyed {
			continue
		}
		// Data went through: this end sent it, or (a named pipe's
		// client) received it from the server.
		hot := false
		for _, f := range b.flows[o.ID] {
			hot = hot || f.Dir == "sent" || f.Dir == "in"
		}
		b.sc.Joints = append(b.sc.Joints, Joint{From: o.ID, To: ps.Peer, D: JointPath(from, to), Both: both, Hot: hot})
	}
}

// dataChips sends the data that moved as chips: from the writer's row to
// the buffer, from the buffer to the reader's row.
func (b *builder) dataChips() {
	for i, e := range b.dataEvs {
		card, ok := b.cardOf(e.Object)
		if !ok || !b.win.Has(card) {
			continue
		}
		label := chipLabel(e.Data, e.Unit)
		lines := 0
		for j := range b.sc.Objects {
			if b.sc.Objects[j].ID == e.Object {
				lines = len(b.sc.Objects[j].Lines)
			}
		}
		buf := BufferChip(card, label, lines)
		var row rowKey
		if e.Kind == kernel.EvDataWritten {
			k, ok := b.sender[i]
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
		c, ok := b.col[row.pid]
		if !ok {
			continue
		}
		at := RowChip(RowRect(c, row.idx), buf.W)
		if e.Kind == kernel.EvDataWritten {
			b.sc.Travel = append(b.sc.Travel, Traveller{From: at, To: buf, Label: label, Kind: ChData, Dir: "in"})
		} else {
			b.sc.Travel = append(b.sc.Travel, Traveller{From: buf, To: at, Label: label, Kind: ChData, Dir: "out"})
		}
	}
}

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
