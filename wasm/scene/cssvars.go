package scene

import "strconv"

// CSSVar is one layout number handed to the style sheet as a custom
// property on the scene element: the sizes the layout computes with are
// defined here once (regular or compact geometry), and the style sheet
// reads them (var(--hv-row-h)) instead of keeping a copy.
type CSSVar struct{ Name, Value string }

// CSSVars are the geometry in use, as CSS custom properties.
func CSSVars() []CSSVar {
	px := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) + "px" }
	// The rows' grid: the table's side borders (2 + 2 px) come out of the
	// object column, so the columns fill TableW exactly.
	cols := ""
	for i, w := range ColWidths {
		if i == 2 {
			w -= 4
		}
		if i > 0 {
			cols += " "
		}
		cols += px(w)
	}
	return []CSSVar{
		{"--hv-head-h", px(HeaderH)},
		{"--hv-thead-h", px(TheadH)},
		{"--hv-row-h", px(RowH)},
		{"--hv-cols", cols},
		{"--hv-section-h", px(SectionH)},
		{"--hv-var-h", px(VarH)},
		{"--hv-vars-max-h", px(float64(VarsMax) * VarH)},
		{"--hv-console-h", px(ConsoleH)},
		{"--hv-console-max-h", px(float64(ConsoleMax) * ConsoleH)},
		{"--hv-kernel-title-h", px(KernelTitleH)},
	}
}
