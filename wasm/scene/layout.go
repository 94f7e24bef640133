package scene

import (
	"math"
	"strconv"
)

// Geometry, in CSS pixels. The style sheet gives every element below these
// exact sizes (fixed heights, no wrapping), so positions computed here are
// where the browser draws them; the browser test checks that.
const (
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
	Lanes     = 8
	// VarsMax and ConsoleMax cap the variables and console boxes (they
	// scroll beyond).
	VarsMax    = 4
	ConsoleMax = 3
)

// Table column widths: index, value, object, access, flags.
var ColWidths = [5]float64{48, 76, 252, 112, 116}

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
// then curves into the card. kernelTop is the top of the kernel area.
func ArrowPath(from Rect, to Rect, lane int, kernelTop float64) (d string, start, end Point) {
	start = Point{from.X + from.W, from.Y + from.H/2}
	end = Point{to.X + to.W/2, to.Y}
	gx := start.X + 14 + float64(lane%Lanes)*LaneStep
	turnY := kernelTop - 8 - float64(lane%Lanes)*3
	r := 6.0
	b := make([]byte, 0, 96)
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
	if to.Y > kernelTop+KernelTitleH+to.H {
		// A card below the first row: along the kernel title, down the
		// gap left of the card's column, along the gap above its row,
		// then into it (never across another card).
		off := float64(lane%Lanes) * 3
		gapX := to.X - CardGap/2 + off - 10
		if to.X <= Margin+1 {
			gapX = Margin/2 - 2 + float64(lane%3)*2
		}
		rowY := to.Y - CardGap/2 - 6 + off
		b = append(b, " H "...)
		b = num(b, gapX)
		b = append(b, " V "...)
		b = num(b, rowY)
		b = append(b, " H "...)
		b = num(b, end.X)
		b = append(b, " V "...)
		b = num(b, end.Y)
		return string(b), start, end
	}
	b = append(b, " C "...)
	b = pt(b, gx, turnY+(end.Y-turnY)*0.6)
	b = append(b, ' ')
	b = pt(b, end.X, end.Y-(end.Y-turnY)*0.6)
	b = append(b, ' ')
	b = pt(b, end.X, end.Y)
	return string(b), start, end
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
