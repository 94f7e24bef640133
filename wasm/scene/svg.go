package scene

import (
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"handleviz/assets"
	"handleviz/kernel"
)

// Palette is a theme's colours (the style sheet's custom properties of the
// same names; assets/style/themes.css) and its arrow widths, for an
// exported picture.
type Palette struct {
	Ink, Muted, Line, Grid, Paper, Panel, Accent, Hot, HotBg, Add, AddBg, Del, DelBg, Skip, Arrow, Joint string
	ArrowW, HotW                                                                                         float64
}

// Themes are the themes a lecturer can pick (?theme=…): the page's and the
// exported pictures' colours.
var Themes = map[string]Palette{
	"light": {Ink: "#15202b", Muted: "#5b6673", Line: "#2b3a4a", Grid: "#c9d1da", Paper: "#ffffff", Panel: "#f5f7fa", Accent: "#1f3a5f",
		Hot: "#c2410c", HotBg: "#fff1e0", Add: "#166534", AddBg: "#e7f6ec", Del: "#9f1239", DelBg: "#fde8ec", Skip: "#6b7280", Arrow: "#55708f", Joint: "#8596ab",
		ArrowW: 1.6, HotW: 3.2},
	"dark": {Ink: "#e6edf3", Muted: "#9aa7b4", Line: "#8b9bb0", Grid: "#3a4654", Paper: "#0f1720", Panel: "#18222e", Accent: "#8cb4e8",
		Hot: "#fb923c", HotBg: "#3a2414", Add: "#4ade80", AddBg: "#12301f", Del: "#fb7185", DelBg: "#3b1420", Skip: "#9ca3af", Arrow: "#7f9cc0", Joint: "#5d6f86",
		ArrowW: 1.6, HotW: 3.2},
	"projector": {Ink: "#000000", Muted: "#1f2933", Line: "#000000", Grid: "#6b7280", Paper: "#ffffff", Panel: "#ffffff", Accent: "#002a6e",
		Hot: "#b33000", HotBg: "#ffe4cc", Add: "#005c24", AddBg: "#d9f2e1", Del: "#a3001e", DelBg: "#ffdbe2", Skip: "#4b5563", Arrow: "#1e3a5f", Joint: "#3b4a5e",
		ArrowW: 3, HotW: 5.5},
}

// ThemeNames are the themes in the order the UI offers them.
var ThemeNames = []string{"light", "dark", "projector"}

// SVGOptions says how to export a scene.
type SVGOptions struct {
	Lang  string
	Theme string // a key of Themes ("" or unknown: light)
	// Step is the statement the scene shows (its caption goes above the
	// scene); nil: none.
	Step *Step
	// Narration is what the kernel did, as the page says it.
	Narration string
	Title     string // the lesson's title, for the file's <title>
}

// svgFonts are the page's own font stacks, --sans and --mono in
// handleviz.css (system fonts, no web fonts, so the file needs nothing
// beside it): read from the style sheet, so that an exported drawing's
// Hangul finds the fonts the page found (a copy here had drifted from the
// style sheet's NanumGothic names).
var svgFonts = sync.OnceValues(func() (sans, mono string) {
	css, _ := fs.ReadFile(assets.FS, "style/handleviz.css")
	return cssVar(string(css), "--sans", "sans-serif"), cssVar(string(css), "--mono", "monospace")
})

// cssVar is a custom property's value in css, its double quotes made single
// (it goes into a double-quoted attribute), or def without one.
func cssVar(css, name, def string) string {
	_, v, ok := strings.Cut(css, name+":")
	if !ok {
		return def
	}
	v, _, _ = strings.Cut(v, ";")
	return strings.ReplaceAll(strings.TrimSpace(v), `"`, `'`)
}

// SVG draws the scene as a standalone SVG document: presentation attributes
// only (no CSS, no scripts, no external references), so that it opens the
// same in a browser, Inkscape, LibreOffice and PowerPoint. It is drawn from
// the same geometry as the page.
func (sc *Scene) SVG(o SVGOptions) string {
	p, ok := Themes[o.Theme]
	if !ok {
		p = Themes["light"]
	}
	w := &svgW{p: p, lang: o.Lang}
	capH := 0.0
	var capLines []string
	if o.Step != nil {
		capLines = captionLines(o, sc.W)
		capH = 20 + 30 + float64(len(capLines))*26 + 12
	}
	W, H := sc.W, sc.H+capH
	sans, _ := svgFonts()
	fmt.Fprintf(&w.b, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+
		`<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="%s" height="%s" viewBox="0 0 %s %s" font-family="%s" data-theme="%s">`+"\n",
		n(W), n(H), n(W), n(H), sans, esc(themeName(o.Theme)))
	title := o.Title
	if o.Step != nil {
		title += " — " + o.Step.Text
	}
	fmt.Fprintf(&w.b, "<title>%s</title>\n", esc(title))
	w.defs()
	fmt.Fprintf(&w.b, `<rect x="0" y="0" width="%s" height="%s" fill="%s"/>`+"\n", n(W), n(H), p.Paper)
	if o.Step != nil {
		w.caption(o, capLines, W)
	}
	fmt.Fprintf(&w.b, `<g transform="translate(0 %s)">`+"\n", n(capH))
	w.scene(sc)
	w.b.WriteString("</g>\n</svg>\n")
	return w.b.String()
}

func themeName(t string) string {
	if _, ok := Themes[t]; ok {
		return t
	}
	return "light"
}

type svgW struct {
	b    strings.Builder
	p    Palette
	lang string
}

func n(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

var xmlEsc = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&apos;")

// esc escapes text for XML, dropping the control characters XML 1.0 does
// not allow (lesson data may hold any byte).
func esc(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF {
			return '\uFFFD'
		}
		return r
	}, s)
	return xmlEsc.Replace(s)
}

// clip shortens s to what fits in width at font size px (a mono font, or a
// proportional one estimated generously; East Asian characters are twice
// as wide), with an ellipsis: an exported picture has no overflow:hidden.
func clip(s string, width, px float64, mono bool) string {
	per := px * 0.6
	if !mono {
		per = px * 0.56
	}
	max := width / per
	used := 0.0
	for i, r := range s {
		cw := 1.0
		if r >= 0x1100 && (r <= 0x115F || r >= 0x2E80) {
			cw = 1.75
		}
		if used+cw > max {
			if i == 0 {
				return ""
			}
			return strings.TrimRight(s[:i], " ") + "…"
		}
		used += cw
	}
	return s
}

// textW estimates the width of s at font size px in the sans font (bold:
// a little wider), as clip counts it.
func textW(s string, px float64, bold bool) float64 {
	w := 0.0
	for _, r := range s {
		if r >= 0x1100 && (r <= 0x115F || r >= 0x2E80) {
			w += 1.0
		} else {
			w += 0.56
		}
	}
	if bold {
		w *= 1.08
	}
	return w * px
}

// text writes one line of text; anchor is "start", "middle" or "end".
func (w *svgW) text(x, y, size float64, fill, weight string, mono bool, anchor, s string, extra ...string) {
	if s == "" {
		return
	}
	fmt.Fprintf(&w.b, `<text x="%s" y="%s" font-size="%s" fill="%s"`, n(x), n(y), n(size), fill)
	if weight != "" {
		fmt.Fprintf(&w.b, ` font-weight="%s"`, weight)
	}
	if mono {
		_, mono := svgFonts()
		fmt.Fprintf(&w.b, ` font-family="%s"`, mono)
	}
	if anchor != "" && anchor != "start" {
		fmt.Fprintf(&w.b, ` text-anchor="%s"`, anchor)
	}
	for _, e := range extra {
		w.b.WriteString(" " + e)
	}
	fmt.Fprintf(&w.b, `>%s</text>`+"\n", esc(s))
}

func (w *svgW) rect(r Rect, fill, stroke string, sw, rx float64, extra ...string) {
	fmt.Fprintf(&w.b, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s"`, n(r.X), n(r.Y), n(r.W), n(r.H), fill)
	if stroke != "" {
		fmt.Fprintf(&w.b, ` stroke="%s" stroke-width="%s"`, stroke, n(sw))
	}
	if rx > 0 {
		fmt.Fprintf(&w.b, ` rx="%s"`, n(rx))
	}
	for _, e := range extra {
		w.b.WriteString(" " + e)
	}
	w.b.WriteString("/>\n")
}

func (w *svgW) defs() {
	p := w.p
	w.b.WriteString("<defs>\n")
	for _, m := range []struct {
		id, fill string
		size     float64
	}{{"ah", p.Arrow, 7}, {"ah-hot", p.Hot, 6}, {"jh", p.Joint, 3.2}} {
		fmt.Fprintf(&w.b, `<marker id="%s" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="%s" markerHeight="%s" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="%s"/></marker>`+"\n",
			m.id, n(m.size), n(m.size), m.fill)
	}
	w.b.WriteString("</defs>\n")
}

// captionLines wraps the step's caption and narration to the picture's
// width.
func captionLines(o SVGOptions, width float64) []string {
	var out []string
	for _, para := range []string{o.Step.Caption.In(o.Lang), o.Narration} {
		if para == "" {
			continue
		}
		out = append(out, wrap(para, width-40, 19)...)
	}
	if r := o.Step.ResultText(o.Lang); r != "" {
		out = append(out, "→ "+r)
	}
	return out
}

// wrap breaks s into lines that fit width at font size px (at spaces; a
// word longer than a line is clipped).
func wrap(s string, width, px float64) []string {
	var lines []string
	cur := ""
	for _, word := range strings.Fields(s) {
		try := word
		if cur != "" {
			try = cur + " " + word
		}
		if clip(try, width, px, false) == try || cur == "" {
			cur = clip(try, width, px, false)
			continue
		}
		lines = append(lines, cur)
		cur = clip(word, width, px, false)
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

func (w *svgW) caption(o SVGOptions, lines []string, W float64) {
	p := w.p
	st := o.Step
	who := st.Process
	bw := textW(who, 15, true) + 18
	w.rect(Rect{16, 14, bw, 26}, p.Accent, "", 0, 4)
	w.text(16+bw/2, 33, 15, p.Paper, "700", false, "middle", who)
	w.text(16+bw+12, 33, 17, p.Ink, "", true, "", clip(st.Text, W-bw-48, 17, true))
	y := 50.0 + 22
	for i, l := range lines {
		weight := "600"
		if i > 0 {
			weight = ""
		}
		w.text(16, y, 19, p.Ink, weight, false, "", l)
		y += 26
	}
	fmt.Fprintf(&w.b, `<line x1="0" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="1"/>`+"\n", n(y-12), n(W), n(y-12), p.Grid)
}

func (w *svgW) scene(sc *Scene) {
	p := w.p
	// arrows and joints below the tables and cards, as on the page
	w.b.WriteString(`<g fill="none">` + "\n")
	for _, j := range sc.Joints {
		stroke := p.Joint
		if j.Hot {
			stroke = p.Hot
		}
		start := ""
		if j.Both {
			start = ` marker-start="url(#jh)"`
		}
		fmt.Fprintf(&w.b, `<path d="%s" stroke="%s" stroke-width="7" marker-end="url(#jh)"%s/>`+"\n", j.D, stroke, start)
	}
	for _, a := range sc.Arrows {
		if a.Changed {
			continue
		}
		dash := ""
		stroke := p.Arrow
		if a.Ghost {
			dash, stroke = ` stroke-dasharray="6 5"`, p.Del
		}
		fmt.Fprintf(&w.b, `<path d="%s" stroke="%s" stroke-width="%s" stroke-opacity="0.8" marker-end="url(#ah)"%s data-kind="arrow"/>`+"\n", a.D, stroke, n(p.ArrowW), dash)
	}
	w.stdLinks(sc)
	w.b.WriteString("</g>\n")
	for i := range sc.Procs {
		w.proc(&sc.Procs[i])
	}
	k := sc.Kernel
	fmt.Fprintf(&w.b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="3"/>`+"\n", n(Margin), n(k.Top), n(sc.W-Margin), n(k.Top), p.Line)
	w.text(Margin, k.Top+24, 18, p.Accent, "700", false, "", T(w.lang, "kernel"))
	for i := range sc.Objects {
		w.card(&sc.Objects[i])
	}
	if sc.NamesRect.W > 0 {
		w.names(sc)
	}
	for i := range sc.Consoles {
		w.consoleCard(&sc.Consoles[i])
	}
	// the arrows this step changed, on top
	w.b.WriteString(`<g fill="none">` + "\n")
	for _, a := range sc.Arrows {
		if a.Changed {
			fmt.Fprintf(&w.b, `<path d="%s" stroke="%s" stroke-width="%s" marker-end="url(#ah-hot)" data-kind="arrow" data-hot="1"/>`+"\n", a.D, p.Hot, n(p.HotW))
		}
	}
	w.b.WriteString("</g>\n")
}

// changeColors is the fill and outline of a changed row.
func (w *svgW) changeColors(c Change, ghost bool) (bg, outline string) {
	p := w.p
	switch {
	case ghost:
		return p.DelBg, p.Del
	case c == ChInherited || c == ChDuplicated || c == ChCreated || c == ChOpened || c == ChScanCopy:
		return p.AddBg, p.Add
	case c == ChScanSkip:
		return p.Panel, p.Skip
	case c != ChNone:
		return p.HotBg, p.Hot
	}
	return p.Paper, ""
}

func (w *svgW) badge(x, y float64, c Change) {
	if c == ChNone || c == ChCount || c == ChData {
		return
	}
	p := w.p
	bg := p.Hot
	switch c {
	case ChClosed, ChMoved, ChDestroyed, ChExited:
		bg = p.Del
	case ChScanSkip:
		bg = p.Skip
	case ChCreated, ChInherited, ChDuplicated, ChOpened, ChScanCopy:
		bg = p.Add
	}
	s := T(w.lang, "ch."+string(c))
	bw := min(textW(s, 13, true)+14, 110)
	w.rect(Rect{x, y, bw, 20}, bg, "", 0, 10, `data-kind="badge"`)
	w.text(x+bw/2, y+15, 13, p.Paper, "700", false, "middle", clip(s, bw-8, 13, false))
}

func (w *svgW) proc(pv *ProcView) {
	p := w.p
	x, y := pv.Rect.X, pv.Rect.Y
	fmt.Fprintf(&w.b, `<g data-kind="proc" data-pid="%d">`+"\n", pv.PID)
	w.text(x+2, y+30, 26, p.Accent, "700", false, "", pv.Name)
	nameW := textW(pv.Name, 26, true) * 1.1
	w.text(x+2+nameW+10, y+30, 18, p.Muted, "", true, "", fmt.Sprintf("PID %d", pv.PID))
	w.badge(x+nameW+14+textW(fmt.Sprintf("PID %d", pv.PID), 18*1.08, false), y+14, pv.Change)
	parent := T(w.lang, "noparent")
	if pv.ParentPID != 0 {
		parent = fmt.Sprintf("%s: %s (PID %d)", T(w.lang, "parent"), pv.Parent, pv.ParentPID)
	}
	w.text(x+2, y+54, 16, p.Ink, "", false, "", clip(parent, TableW, 16, false))
	status, color := "● "+T(w.lang, "running"), p.Ink
	switch {
	case pv.Exited:
		status, color = fmt.Sprintf("■ %s %d", T(w.lang, "exited"), pv.ExitCode), p.Del
	case pv.Wait != nil:
		status, color = "❙❙ "+svgWaitText(w.lang, pv.Wait), p.Hot
	}
	w.text(x+2, y+76, 16, color, "", false, "", clip(status, TableW, 16, false))
	// table heading
	ty := y + HeaderH
	w.rect(Rect{x, ty, TableW, TheadH}, p.Accent, p.Line, 2, 0)
	heads := []string{"col.index", "col.value", "col.object", "col.access", "col.flags"}
	cx := x
	for i, h := range heads {
		w.text(cx+6, ty+23, 14, p.Paper, "700", false, "", clip(T(w.lang, h), ColWidths[i]-10, 14, false))
		cx += ColWidths[i]
	}
	top := y + HeaderH + TheadH
	nRows := max(pv.NRows, 1)
	if pv.NRows == 0 {
		w.text(x+10, top+22, 16, p.Muted, "", false, "", T(w.lang, "empty"), `font-style="italic"`)
	}
	for i := range pv.Rows {
		w.row(&pv.Rows[i])
	}
	fmt.Fprintf(&w.b, `<rect x="%s" y="%s" width="%s" height="%s" fill="none" stroke="%s" stroke-width="2"/>`+"\n", n(x), n(top), n(TableW), n(float64(nRows)*RowH), p.Line)
	// changed rows' outlines over the table's border, and their badges
	for i := range pv.Rows {
		r := &pv.Rows[i]
		if _, outline := w.changeColors(r.Change, r.Ghost); outline != "" {
			w.rect(Rect{r.Rect.X + 1.5, r.Rect.Y + 1.5, r.Rect.W - 3, r.Rect.H - 3}, "none", outline, 3, 0)
		}
		w.badge(r.Rect.X+r.Rect.W+4, r.Rect.Y+7, r.Change)
	}
	// variables and console
	vy := top + float64(nRows)*RowH
	w.text(x+2, vy+18, 14, p.Muted, "700", false, "", strings.ToUpper(T(w.lang, "variables")))
	vy += SectionH
	vars := HandlesFirst(pv.Vars)
	if len(vars) == 0 {
		w.text(x+4, vy+18, 15, p.Muted, "", true, "", T(w.lang, "novars"), `font-style="italic"`)
	}
	for i, v := range vars {
		if i == VarsMax {
			break
		}
		w.text(x+4, vy+18+float64(i)*VarH, 15, p.Ink, "", true, "", clip(v.Type+" "+v.Name+" = "+v.Value, TableW-8, 15, true))
	}
	if len(pv.Console) > 0 {
		cy := vy + float64(min(max(len(pv.Vars), 1), VarsMax))*VarH
		w.text(x+2, cy+18, 14, p.Muted, "700", false, "", strings.ToUpper(T(w.lang, "console")))
		cy += SectionH
		lines := pv.Console
		if len(lines) > ConsoleMax {
			lines = lines[len(lines)-ConsoleMax:]
		}
		w.rect(Rect{x, cy, TableW, float64(len(lines)) * ConsoleH}, "#111827", "", 0, 4)
		for i, l := range lines {
			w.text(x+8, cy+17+float64(i)*ConsoleH, 14, "#e5e7eb", "", true, "", clip(l, TableW-16, 14, true), `xml:space="preserve"`)
		}
	}
	w.stdSection(pv)
	w.b.WriteString("</g>\n")
}

func (w *svgW) row(r *RowView) {
	p := w.p
	bg, _ := w.changeColors(r.Change, r.Ghost)
	if r.Free && r.Change == ChNone {
		bg = p.Panel
	}
	fmt.Fprintf(&w.b, `<g data-kind="row" data-index="%d">`+"\n", r.Index)
	w.rect(r.Rect, bg, p.Grid, 1, 0)
	y := r.Rect.Y + 23
	x := r.Rect.X
	strike := ""
	if r.Ghost || r.Change == ChScanSkip {
		strike = `text-decoration="line-through"`
	}
	w.text(x+ColWidths[0]-6, y, 16, p.Ink, "", true, "end", strconv.Itoa(r.Index))
	x += ColWidths[0]
	w.text(x+6, y, 16, p.Ink, "700", true, "", fmt.Sprintf("0x%X", uint64(r.Handle)), strike)
	x += ColWidths[1]
	if r.Free {
		w.text(x+6, y, 16, p.Muted, "", false, "", T(w.lang, "free"), `font-style="italic"`)
		w.text(x+ColWidths[2]+6, y, 16, p.Muted, "", false, "", "—")
	} else {
		obj := clip(ObjectLabel(w.lang, r.Type, r.Name, r.Role), ColWidths[2]-100, 16, false)
		w.text(x+6, y, 16, p.Ink, "600", false, "", obj, strike)
		w.text(x+ColWidths[2]-6, y-1, 14, p.Muted, "", true, "end", fmt.Sprintf("0x%08X", r.Addr))
		x += ColWidths[2]
		w.text(x+6, y, 15, p.Ink, "", true, "", fmt.Sprintf("0x%06X", r.Access), strike)
		x += ColWidths[3]
		var flags []string
		if uint32(r.Flags)&kernel.HANDLE_FLAG_INHERIT != 0 {
			flags = append(flags, T(w.lang, "flag.inherit"))
		}
		if uint32(r.Flags)&kernel.HANDLE_FLAG_PROTECT_FROM_CLOSE != 0 {
			flags = append(flags, T(w.lang, "flag.protect"))
		}
		if len(flags) == 0 {
			w.text(x+6, y, 16, p.Muted, "", false, "", "—")
		} else {
			w.text(x+6, y, 13, p.Accent, "700", false, "", strings.Join(flags, " "))
		}
	}
	w.b.WriteString("</g>\n")
}

func (w *svgW) card(o *ObjView) {
	p := w.p
	r := o.Rect
	stroke, fill, dash := p.Line, p.Panel, ""
	if o.Change != ChNone {
		stroke = p.Hot
	}
	if o.Ghost {
		stroke, fill, dash = p.Del, p.DelBg, `stroke-dasharray="8 5"`
	}
	fmt.Fprintf(&w.b, `<g data-kind="card" data-obj="%d">`+"\n", o.ID)
	w.rect(r, fill, stroke, 2, 8, dash)
	x, y := r.X+10, r.Y
	typeWord, name := Heading(w.lang, o.Type, o.Name, o.Role)
	w.text(x, y+25, 19, p.Ink, "700", false, "", typeWord)
	tw := textW(typeWord, 19, true) + 8
	w.text(x+tw, y+25, 17, p.Accent, "", false, "", clip(name, r.W-20-tw, 17, false))
	w.text(x, y+45, 14, p.Muted, "", true, "", fmt.Sprintf("0x%08X", o.Addr))
	countColor := p.Ink
	if o.Change == ChCount || o.Change == ChCreated {
		countColor = p.Hot
	}
	strike := ""
	if o.Ghost {
		strike = `text-decoration="line-through"`
	}
	cs := strconv.Itoa(o.Usage)
	w.text(x, y+84, 40, countColor, "800", true, "", cs, `data-kind="count"`, strike)
	w.text(x+float64(len(cs))*24+10, y+82, 13, p.Muted, "", false, "", strings.ToUpper(T(w.lang, "usage")))
	parts := o.Breakdown
	if o.KernelRefs > 0 {
		parts = append(parts[:len(parts):len(parts)], T(w.lang, "kernel.refs")+" "+strconv.Itoa(o.KernelRefs))
	}
	w.text(x, y+104, 14, p.Ink, "", false, "", clip(strings.Join(parts, " · "), r.W-20, 14, false))
	// deltas, flows and the change badge on one line
	bx, by := x, y+112.0
	for _, d := range o.Deltas {
		sign, c, bg := "+", p.Add, p.AddBg
		k := d.To - d.From
		if k < 0 {
			sign, c, bg, k = "−", p.Del, p.DelBg, -k
		}
		s := fmt.Sprintf("%s%d %s", sign, k, T(w.lang, "cause."+d.Cause.String()))
		bw := min(textW(s, 14, true)+18, r.X+r.W-10-bx)
		if bw < 30 {
			break
		}
		w.rect(Rect{bx, by, bw, 22}, bg, c, 2, 10)
		w.text(bx+8, by+16, 14, c, "700", false, "", clip(s, bw-12, 14, false))
		bx += bw + 4
	}
	for _, f := range o.Flows {
		key := "flow." + f.Dir
		if f.More {
			key += ".more"
		}
		s := FixJosa(Line{Key: key, Args: []string{strconv.Itoa(f.Bytes), f.Who}}.Format(T(w.lang, key)))
		bw := min(textW(s, 14, true)+18, r.X+r.W-10-bx)
		if bw < 30 {
			break
		}
		c := p.Accent
		switch f.Dir {
		case "in":
			c = p.Add
		case "out":
			c = p.Del
		}
		w.rect(Rect{bx, by, bw, 22}, p.Paper, c, 2, 10)
		w.text(bx+8, by+16, 14, c, "700", false, "", clip(s, bw-12, 14, false))
		bx += bw + 4
	}
	if o.Change != ChNone && o.Change != ChCount && o.Change != ChData && bx < r.X+r.W-60 {
		w.badge(bx, by+1, o.Change)
	}
	ly := y + 152
	lines := append(append([]Line{}, o.Lines...), o.Waiters...)
	if pp := o.Pipe; pp != nil && pp.Holds && len(pp.Buffer) > 0 {
		var sb strings.Builder
		for _, c := range pp.Buffer {
			sb.WriteString(c.Text())
		}
		lines = append(lines, Line{Args: []string{`"` + sb.String() + `"`}})
	}
	for _, l := range lines {
		if ly > r.Y+r.H-6 {
			break
		}
		s := l.Format("")
		if l.Key != "" {
			s = FixJosa(l.Format(T(w.lang, "st."+l.Key)))
		}
		color := p.Ink
		if l.Key == "waiter" {
			color = p.Hot
		}
		w.text(x, ly, 13, color, "", true, "", clip(s, r.W-20, 13, true), `xml:space="preserve"`)
		ly += 17
	}
	w.b.WriteString("</g>\n")
}

func (w *svgW) names(sc *Scene) {
	p := w.p
	r := sc.NamesRect
	w.b.WriteString(`<g data-kind="namespace">` + "\n")
	w.rect(r, p.Paper, p.Line, 2, 8)
	w.text(r.X+10, r.Y+25, 19, p.Ink, "700", false, "", T(w.lang, "namespace"))
	y := r.Y + 48
	for _, l := range sc.Lookups {
		ok := l.Result == kernel.LookupNew || l.Result == kernel.LookupExisting
		mark, c := "✓ ", p.Hot
		if !ok {
			mark, c = "✗ ", p.Del
		}
		w.text(r.X+10, y, 14, c, "700", false, "", clip(mark+strconv.Quote(l.Name)+" "+T(w.lang, "lookup."+l.Result.String()), r.W-20, 14, false))
		y += 22
	}
	for _, e := range sc.Names {
		s := strconv.Quote(e.Name) + " → " + e.Type + fmt.Sprintf(" 0x%08X", e.Addr)
		c, strike := p.Ink, ""
		if e.Change == ChClosed {
			s, c, strike = strconv.Quote(e.Name)+" "+T(w.lang, "ch.closed"), p.Del, `text-decoration="line-through"`
		}
		if y > r.Y+r.H-4 {
			break
		}
		w.text(r.X+10, y, 14, c, "", true, "", clip(s, r.W-20, 14, true), strike)
		y += 20
	}
	w.b.WriteString("</g>\n")
}

// svgWaitText says where a process waits (the page's WaitText).
func svgWaitText(lang string, wv *WaitView) string {
	call := wv.Call
	if wv.Handle != 0 {
		call = fmt.Sprintf("%s(0x%X)", wv.Call, uint64(wv.Handle))
	}
	obj := ObjectLabel(lang, wv.Type, wv.Name, wv.Role)
	return FixJosa(Line{Key: "wait.on", Args: []string{call, obj}}.Format(T(lang, "wait.on")))
}

// HandlesFirst orders variables as the page lists them: handle variables
// first (they are what the picture is about), then the others.
func HandlesFirst(vars []Var) []Var {
	out := make([]Var, 0, len(vars))
	for _, v := range vars {
		if v.IsHandle {
			out = append(out, v)
		}
	}
	for _, v := range vars {
		if !v.IsHandle {
			out = append(out, v)
		}
	}
	return out
}
