package scene

import (
	"math"
	"strconv"
)

// Geometry, in CSS pixels. The style sheet gives every element below these
// exact sizes (fixed heights, no wrapping), so positions computed here are
// where the browser draws them; the browser test checks that. They are
// variables only so that embed mode can switch to its compact geometry
// (compact.go); nothing else assigns them.
var (
	Margin       = 16.0
	ColGap       = 96.0 // between process columns: room for the arrows' lanes
	HeaderH      = 84.0
	TheadH       = 34.0
	RowH         = 34.0
	SectionH     = 26.0 // "Variables" / "Console" titles
	VarH         = 26.0
	ConsoleH     = 24.0
	KernelGap    = 36.0 // between the lowest column and the kernel area
	KernelTitleH = 34.0
	CardW        = 236.0
	CardH        = 186.0
	// CardHPipe is the cards' height in a scene with pipes or mailslots:
	// room for the other end's state, the buffer and who waits.
	CardHPipe = 232.0
	CardGap   = 28.0
	LaneStep  = 7.0
	// MinCardsPerRow: the kernel area is at least this many cards wide.
	MinCardsPerRow = 4
	// VarsMax and ConsoleMax cap the variables and console boxes (they
	// scroll beyond).
	VarsMax    = 4
	ConsoleMax = 3
)

// Lanes is the number of parallel tracks arrows run in.
const Lanes = 8

// Table column widths: index, value, object, access, flags.
var ColWidths = [5]float64{64, 76, 252, 96, 116}

// TableW is the width of a handle table (and of a process column).
var TableW = ColWidths[0] + ColWidths[1] + ColWidths[2] + ColWidths[3] + ColWidths[4]

// Rect is a box in scene coordinates.
type Rect struct{ X, Y, W, H float64 }

// Point is a point in scene coordinates.
type Point struct{ X, Y float64 }

// Mid is the centre of the rectangle.
func (r Rect) Mid() Point { return Point{r.X + r.W/2, r.Y + r.H/2} }

// ColumnX is the left edge of the i-th process column.
func ColumnX(i int) float64 { return Margin + float64(i)*(TableW+ColGap) }

// TableTop is the y of the first table row (below the header and the
// table's own heading row). It is the same in every column, so that equal
// indices sit at equal heights: an inherited row is level with its source.
func TableTop() float64 { return Margin + HeaderH + TheadH }

// RowRect is the box of the row holding handle-table index idx (>= 1) in
// column col. Free slots below the highest used index are drawn too (the
// textbook's "(N/A)" rows), so the row of index i is always the i-th.
func RowRect(col, idx int) Rect {
	return Rect{X: ColumnX(col), Y: TableTop() + float64(idx-1)*RowH, W: TableW, H: RowH}
}

// ColumnHeight is the height of a process column with nRows table rows,
// nVars variables and nConsole console lines.
func ColumnHeight(nRows, nVars, nConsole int) float64 {
	if nRows < 1 {
		nRows = 1 // the "(empty)" row
	}
	h := HeaderH + TheadH + float64(nRows)*RowH
	h += SectionH + float64(min(max(nVars, 1), VarsMax))*VarH
	if nConsole > 0 {
		h += SectionH + float64(min(nConsole, ConsoleMax))*ConsoleH
	}
	return h
}

// KernelLayout places the object cards in a grid below the process columns.
// width is the scene width available; top is the y of the kernel area.
type KernelLayout struct {
	Top     float64 // top of the kernel area (its title)
	PerRow  int
	CardTop float64
	CardH   float64 // CardH, or CardHPipe
}

// NewKernelLayout computes the grid for a scene whose columns end at
// columnsBottom and which is width wide, with cards cardH high.
func NewKernelLayout(columnsBottom, width, cardH float64) KernelLayout {
	per := int(math.Floor((width - 2*Margin + CardGap) / (CardW + CardGap)))
	if per < 1 {
		per = 1
	}
	top := columnsBottom + KernelGap
	return KernelLayout{Top: top, PerRow: per, CardTop: top + KernelTitleH, CardH: cardH}
}

// Card is the box of the i-th card.
func (k KernelLayout) Card(i int) Rect {
	r, c := i/k.PerRow, i%k.PerRow
	return Rect{X: Margin + float64(c)*(CardW+CardGap), Y: k.CardTop + float64(r)*(k.CardH+CardGap), W: CardW, H: k.CardH}
}

// Bottom is the y below n cards.
func (k KernelLayout) Bottom(n int) float64 {
	rows := (n + k.PerRow - 1) / k.PerRow
	if rows < 1 {
		rows = 1
	}
	return k.CardTop + float64(rows)*(k.CardH+CardGap)
}

// ArrowPath is the SVG path of the arrow from a table row (leaving at its
// right edge) to an object card (entering at the middle of its top edge). It
// runs right into the gutter beside the table, down a lane of its own (lane
// picks one of a few parallel tracks so neighbouring arrows stay apart),
// then curves into a card of the first card row. A card further down is
// reached through the gaps between cards (along the kernel area's top, down
// the gap beside the card, across the gap above it), so that no arrow
// crosses another card. kernelTop is the top of the kernel area.
func ArrowPath(from Rect, to Rect, lane int, kernelTop float64) (d string, start, end Point) {
	start = Point{from.X + from.W, from.Y + from.H/2}
	end = Point{to.X + to.W/2, to.Y}
	l := float64(lane % Lanes)
	gx := start.X + 14 + l*LaneStep
	turnY := kernelTop - 8 - l*3
	b := make([]byte, 0, 128)
	if to.Y <= kernelTop+KernelTitleH+0.5 {
		r := 6.0
		b = append(b, "M "...)
		b = pt(b, start.X, start.Y)
		b = append(b, " H "...)
		b = num(b, gx-r)
		b = append(b, " Q "...)
		b = pt(b, gx, start.Y)
		b = append(b, ' ')
		b = pt(b, gx, start.Y+r)
		b = append(b, " V "...)
		b = num(b, turnY)
		b = append(b, " C "...)
		b = pt(b, gx, turnY+(end.Y-turnY)*0.6)
		b = append(b, ' ')
		b = pt(b, end.X, end.Y-(end.Y-turnY)*0.6)
		b = append(b, ' ')
		b = pt(b, end.X, end.Y)
		return string(b), start, end
	}
	// The vertical gap left of the card (right of it for the first card
	// column, whose left gap is the scene's margin), with a small offset per
	// lane; the horizontal gap above the card.
	off := (l - (Lanes-1)/2.0) * 2.5
	chX := to.X - CardGap/2 + off
	if to.X-CardGap/2-Lanes*2.5/2 < 0 {
		chX = to.X + to.W + CardGap/2 + off
	}
	gapY := to.Y - CardGap/2 + (float64(lane%4)-1.5)*3
	return string(roundedPolyline(b, []Point{start, {gx, start.Y}, {gx, turnY}, {chX, turnY}, {chX, gapY}, {end.X, gapY}, end}, 6)), start, end
}

// roundedPolyline appends the path through pts (axis-parallel segments)
// with each corner rounded by radius r (less where a segment is short).
func roundedPolyline(b []byte, all []Point, r float64) []byte {
	pts := all[:1]
	for _, p := range all[1:] {
		if p != pts[len(pts)-1] {
			pts = append(pts, p)
		}
	}
	b = append(b, "M "...)
	b = pt(b, pts[0].X, pts[0].Y)
	for i := 1; i < len(pts)-1; i++ {
		p, c, n := pts[i-1], pts[i], pts[i+1]
		in, out := math.Hypot(c.X-p.X, c.Y-p.Y), math.Hypot(n.X-c.X, n.Y-c.Y)
		k := min(r, in/2, out/2)
		b = append(b, " L "...)
		b = pt(b, c.X-(c.X-p.X)/in*k, c.Y-(c.Y-p.Y)/in*k)
		b = append(b, " Q "...)
		b = pt(b, c.X, c.Y)
		b = append(b, ' ')
		b = pt(b, c.X+(n.X-c.X)/out*k, c.Y+(n.Y-c.Y)/out*k)
	}
	last := pts[len(pts)-1]
	b = append(b, " L "...)
	return pt(b, last.X, last.Y)
}

func pt(b []byte, x, y float64) []byte { return num(append(num(b, x), ' '), y) }

// num appends a coordinate compactly (integers without decimals, else one
// decimal).
func num(b []byte, v float64) []byte {
	if v == math.Trunc(v) {
		return strconv.AppendInt(b, int64(v), 10)
	}
	return strconv.AppendFloat(b, v, 'f', 1, 64)
}
