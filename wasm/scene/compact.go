package scene

// Embed mode (a lesson in a slide, 1280×720 or smaller) draws the scene in a
// compact geometry: smaller gaps, shorter rows and cards, the kernel area
// at least six cards wide, so that every process column and card of a
// bundled lesson fits the frame at a zoom that keeps the text (at least
// 15 CSS px in the embed style sheet) legible. The style sheet's embed
// section (assets/style/handleviz.css, "embed mode") gives the elements
// these sizes; keep the two in step.

// geometry is every layout number that differs between the two modes.
type geometry struct {
	margin, colGap, headerH, theadH, rowH, sectionH, varH, consoleH float64
	kernelGap, kernelTitleH, cardW, cardH, cardHPipe, cardGap       float64
	laneStep, chipH, bufferTop, pipeLineH, jointY, jointX           float64
	varsMax, consoleMax, minCardsPerRow                             int
	colWidths                                                       [5]float64
}

var regular = current()

var compactGeometry = geometry{
	margin: 8, colGap: 36, headerH: 50, theadH: 26, rowH: 28, sectionH: 22, varH: 22, consoleH: 22,
	kernelGap: 14, kernelTitleH: 26, cardW: 196, cardH: 158, cardHPipe: 204, cardGap: 12,
	laneStep: 3, chipH: 24, bufferTop: 121, pipeLineH: 18, jointY: 62, jointX: 30,
	varsMax: 3, consoleMax: 2, minCardsPerRow: 6,
	colWidths: [5]float64{22, 54, 116, 84, 72},
}

func current() geometry {
	return geometry{
		margin: Margin, colGap: ColGap, headerH: HeaderH, theadH: TheadH, rowH: RowH, sectionH: SectionH, varH: VarH, consoleH: ConsoleH,
		kernelGap: KernelGap, kernelTitleH: KernelTitleH, cardW: CardW, cardH: CardH, cardHPipe: CardHPipe, cardGap: CardGap,
		laneStep: LaneStep, chipH: ChipH, bufferTop: bufferTop, pipeLineH: pipeLineH, jointY: JointY, jointX: JointX,
		varsMax: VarsMax, consoleMax: ConsoleMax, minCardsPerRow: MinCardsPerRow,
		colWidths: ColWidths,
	}
}

func (g geometry) use() {
	Margin, ColGap, HeaderH, TheadH, RowH, SectionH, VarH, ConsoleH = g.margin, g.colGap, g.headerH, g.theadH, g.rowH, g.sectionH, g.varH, g.consoleH
	KernelGap, KernelTitleH, CardW, CardH, CardHPipe, CardGap = g.kernelGap, g.kernelTitleH, g.cardW, g.cardH, g.cardHPipe, g.cardGap
	LaneStep, ChipH, bufferTop, pipeLineH, JointY, JointX = g.laneStep, g.chipH, g.bufferTop, g.pipeLineH, g.jointY, g.jointX
	VarsMax, ConsoleMax, MinCardsPerRow = g.varsMax, g.consoleMax, g.minCardsPerRow
	ColWidths = g.colWidths
	TableW = ColWidths[0] + ColWidths[1] + ColWidths[2] + ColWidths[3] + ColWidths[4]
}

// SetCompact switches the layout to the compact geometry of embed mode
// (on) or back to the regular one. The page is in one mode for its whole
// life; the UI calls this before it builds a scene.
func SetCompact(on bool) {
	if on {
		compactGeometry.use()
	} else {
		regular.use()
	}
}

// Compact reports whether the compact geometry is in use.
func Compact() bool { return Margin == compactGeometry.margin && RowH == compactGeometry.rowH }

// MaxExtent is the size of the largest scene of a timeline (over all its
// micro-steps): embed mode fits this once, so the zoom does not change as
// the lesson plays.
func MaxExtent(tl *Timeline) (w, h float64) {
	sc := Build(tl, 0, 0, nil)
	w, h = sc.W, sc.H
	for m := 1; m < tl.Len(); m++ {
		sc := Build(tl, m, m, nil)
		w, h = max(w, sc.W), max(h, sc.H)
	}
	return w, h
}

// FitCompact chooses, for a stage of w×h CSS px, how many cards wide the
// kernel area is (4 to 10: a wide frame takes one long row of cards, a
// tall one more rows) so that the lesson's largest scene is drawn as large
// as it can be, up to maxZoom. It leaves that choice in MinCardsPerRow and
// returns the zoom.
func FitCompact(tl *Timeline, w, h, maxZoom float64) (zoom float64, perRow int) {
	zoom, perRow = -1, MinCardsPerRow
	for k := 4; k <= 10; k++ {
		MinCardsPerRow = k
		ew, eh := MaxExtent(tl)
		if z := min(w/ew, h/eh, maxZoom); z > zoom+0.001 {
			zoom, perRow = z, k
		}
	}
	MinCardsPerRow = perRow
	return zoom, perRow
}
