package scene

import (
	"fmt"
	"strconv"
	"strings"
)

// The exported picture's standard handles and consoles, drawn as the page
// draws them (ui/stdhandles.go, ui/console.go).

// StdTarget is a standard handle's value and what it names, as its line
// in a column says them.
func StdTarget(lang string, v StdView) (val, target string) {
	val = fmt.Sprintf("0x%X", uint64(v.Handle))
	switch {
	case v.Console != 0:
		return val, T(lang, "console") + " " + strconv.Itoa(v.Console)
	case v.Handle == 0:
		return "NULL", T(lang, "std.none")
	case v.Obj == 0:
		return val, T(lang, "std.noentry")
	case v.Role != "":
		return val, ObjectLabel(lang, v.Type, "", v.Role)
	}
	return val, ObjectLabel(lang, v.Type, v.Name, v.Role)
}

// stdSection draws a column's standard handles, its last section.
func (w *svgW) stdSection(pv *ProcView) {
	if len(pv.Std) == 0 {
		return
	}
	p := w.p
	first := StdLineRect(*pv, 0)
	w.text(first.X+2, first.Y-SectionH+18, 14, p.Muted, "700", false, "", strings.ToUpper(T(w.lang, "std.title")))
	for k, v := range pv.Std {
		r := StdLineRect(*pv, k)
		val, target := StdTarget(w.lang, v)
		w.text(r.X+4, r.Y+17, 14, p.Muted, "", true, "", v.Which)
		w.text(r.X+68, r.Y+17, 14, p.Ink, "700", true, "", val)
		w.text(r.X+124, r.Y+17, 14, p.Ink, "", true, "", clip("→ "+target, r.W-128, 14, true))
	}
}

// consoleColor marks the consoles and their arrows apart from objects.
const consoleColor = "#0f766e"

// consoleCard draws one console's card.
func (w *svgW) consoleCard(cv *ConsoleView) {
	p := w.p
	r := cv.Rect
	w.b.WriteString(`<g data-kind="console">` + "\n")
	w.rect(r, p.Panel, consoleColor, 2, 8)
	w.text(r.X+10, r.Y+25, 19, consoleColor, "700", false, "", T(w.lang, "console")+" "+strconv.Itoa(cv.N))
	w.text(r.X+10, r.Y+48, 14, p.Ink, "", false, "", clip(T(w.lang, "console.users")+": "+strings.Join(cv.Procs, ", "), r.W-20, 14, false))
	note := wrap(T(w.lang, "console.note"), r.W-20, 13)
	for i, l := range note[:min(len(note), 2)] {
		w.text(r.X+10, r.Y+66+float64(i)*17, 13, p.Muted, "", false, "", clip(l, r.W-20, 13, false))
	}
	lines := cv.Screen
	if len(lines) > ConsoleMax {
		lines = lines[len(lines)-ConsoleMax:]
	}
	y := r.Y + 96
	if len(lines) == 0 {
		lines = []string{T(w.lang, "console.blank")}
	}
	w.rect(Rect{r.X + 8, y, r.W - 16, float64(len(lines)) * ConsoleH}, "#111827", "", 0, 4)
	for i, l := range lines {
		w.text(r.X+14, y+17+float64(i)*ConsoleH, 14, "#e5e7eb", "", true, "", clip(l, r.W-28, 14, true), `xml:space="preserve"`)
	}
	w.b.WriteString("</g>\n")
}

// stdLinks draws the dashed arrows from console handle values to their
// consoles.
func (w *svgW) stdLinks(sc *Scene) {
	for _, l := range sc.StdLinks {
		fmt.Fprintf(&w.b, `<path d="%s" stroke="%s" stroke-width="1.6" stroke-dasharray="5 4" stroke-opacity="0.8" marker-end="url(#ah)" data-kind="std"/>`+"\n", l.D, consoleColor)
	}
}
