package ui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"handleviz/kernel/syntax"
	"handleviz/wasm/scene"
)

// Every piece of lesson, user or URL text below goes through app.Text, never
// app.Raw, and never into an attribute (go-app's server pre-render does not
// escape attribute values). Attributes carry only numbers, IDs and constant
// names.

const svgNS = "http://www.w3.org/2000/svg"

func svg(tag string) app.HTMLElem { return app.Elem(tag).XMLNS(svgNS) }

func px(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) + "px" }

func hex(v uint64) string { return fmt.Sprintf("0x%X", v) }

func addr(v uint64) string { return fmt.Sprintf("0x%08X", v) }

// Render draws the page.
func (a *App) Render() app.UI {
	reduced := "0"
	if a.reduced {
		reduced = "1"
	}
	a.renders++
	if a.emb.on {
		return a.renderEmbed()
	}
	client := "0"
	if a.client {
		client = "1"
	}
	// The caption and the position are worked out once: the live region
	// says what they show.
	caption, position := a.renderCaption(), a.position()
	return app.Div().ID("app").DataSet("lang", a.lang).DataSet("reduced", reduced).DataSet("client", client).DataSet("renders", a.renders).DataSet("runs", a.runsDone).Body(
		a.renderSlideLayers(liveText(position, caption)), // first: fixed overlays and the live region
		a.renderTop(),
		app.Div().Class("main").Body(
			a.renderCodePane(),
			app.Div().Class("stage").Body(
				caption,
				a.renderControls(position),
				app.Div().ID("scene-scroll").Class("scene-scroll").Body(a.renderScene()), // scrolling: listenScroll
				// last: go-app matches children by position, and an element
				// coming and going before the scene would replace the scene's
				// scroller (and lose its listener)
				a.renderLeak(),
			),
			a.renderInspector(),
		),
		a.renderPicker(),
	)
}

// lessonTitles are the bundled lessons' titles in the UI's language, read
// once per language: the top bar's Titles is then the same slice on every
// render, which go-app's comparison of its fields finds equal at once.
func (a *App) lessonTitles() []string {
	if t, ok := a.titles[a.lang]; ok && len(t) == len(a.lessons) {
		return t
	}
	t := make([]string, len(a.lessons))
	for i, l := range a.lessons {
		if t[i] = lessonTitle(l.Source, a.lang); t[i] == "" {
			t[i] = l.ID
		}
	}
	if a.titles == nil {
		a.titles = map[string][]string{}
	}
	a.titles[a.lang] = t
	return t
}

// lessonTitle reads "// title.en:" / "// title.ko:" from a scenario.
func lessonTitle(src, lang string) string {
	var en, ko string
	for _, line := range strings.SplitN(src, "\n", 20) {
		line = strings.TrimSpace(line)
		if v, ok := strings.CutPrefix(line, "// title.en:"); ok {
			en = strings.TrimSpace(v)
		}
		if v, ok := strings.CutPrefix(line, "// title.ko:"); ok {
			ko = strings.TrimSpace(v)
		}
	}
	return scene.Text{En: en, Ko: ko}.In(lang)
}

func (a *App) curStep() *scene.Step {
	if a.tl == nil || a.tl.Len() == 0 {
		return nil
	}
	return &a.trace.Steps[a.tl.StepOf(a.pos)]
}

// ---- code pane ----

func (a *App) renderCodePane() app.UI {
	if a.codeHidden && !a.editing {
		return nil
	}
	body := []app.UI{}
	if a.editing {
		body = append(body,
			app.Textarea().ID("editor").Class("editor").Spellcheck(false).Wrap("off").Text(a.draft).OnInput(a.onDraft),
			app.Div().Class("editor-buttons").Body(
				app.Button().ID("run").Class("btn primary").Disabled(a.running != nil).Text(scene.T(a.lang, "run")).OnClick(a.runDraft),
				app.Button().ID("revert").Class("btn").Text(scene.T(a.lang, "revert")).OnClick(a.revert),
			),
			a.renderProgress(),
			// "Your edits are saved in this browser", unless they are not
			// (storage blocked or full: the notice below says so).
			app.P().Class("hint").Hidden(a.notice == "storage.unavailable").Text(scene.T(a.lang, "saved")),
		)
	}
	body = append(body, a.renderLinkNotice(), a.renderNotice(), a.renderError(), a.renderCode())
	return app.Aside().Class("code-pane").Body(body...)
}

// renderError shows a parse or runtime error with its line and column, and
// the offending line with the character at the column marked (a mark, not a
// caret under it: tabs and wide Korean characters would misplace a caret).
func (a *App) renderError() app.UI {
	d := a.trace.Err
	if d == nil {
		return nil
	}
	before, at, after := excerptAround(a.src, d.Line, d.Col)
	msg := d.Msg.In(a.lang)
	where := scene.Line{Key: "at", Args: []string{strconv.Itoa(d.Line), strconv.Itoa(d.Col)}}.Format(scene.T(a.lang, "at")) // "12행 5열" in Korean
	lead := scene.T(a.lang, "error")
	if len(a.trace.Steps) > 0 {
		lead = scene.T(a.lang, "stopped")
	}
	return app.Div().ID("error").Class("error").Role("alert").Body(
		app.Div().Class("error-head").Body(
			app.Span().Class("error-badge").Text("✗ "+lead),
			app.Span().Class("error-where").Text(" "+where+": "),
			app.Span().Class("error-msg").Text(msg),
		),
		app.Pre().Class("error-excerpt").Body(
			app.Text(before),
			app.Mark().Class("error-at").Text(at),
			app.Text(after),
		),
	)
}

// excerptBefore and excerptAfter are how many characters of the error's
// line the excerpt shows before and after the column: enough to recognise
// the place, few enough before it that the marked character is in view in
// the code pane's width (about 40 characters at 1280×720), and a line of a
// megabyte costs no more to draw on every step than a short one.
const (
	excerptBefore = 20
	excerptAfter  = 60
)

// excerptAround splits line (1-based) of src around the character at col
// (1-based, counted in characters) into what comes before it, the character
// itself (a space when the column is past the line's end) and what follows,
// each side cut to excerptBefore or excerptAfter characters with "…" where
// cut.
func excerptAround(src string, line, col int) (before, at, after string) {
	if line < 1 {
		return "", "", ""
	}
	src = syntax.NormalizeNewlines(src) // line numbers as the lexer counts them
	for i := 1; i < line; i++ {
		nl := strings.IndexByte(src, '\n')
		if nl < 0 {
			return "", "", ""
		}
		src = src[nl+1:]
	}
	if nl := strings.IndexByte(src, '\n'); nl >= 0 {
		src = src[:nl]
	}
	text := src
	// Byte offsets of the characters at col-1-excerptBefore, col-1, col and
	// col+excerptAfter (each clamped to the line's end).
	c := max(col-1, 0)
	marks := []int{max(c-excerptBefore, 0), c, c + 1, c + 1 + excerptAfter}
	offs := make([]int, len(marks))
	for k := range offs {
		offs[k] = len(text)
	}
	n := 0
	for i := range text {
		for k, m := range marks {
			if n == m {
				offs[k] = i
			}
		}
		if n++; n > marks[3] {
			break
		}
	}
	before, after = text[offs[0]:offs[1]], text[offs[2]:offs[3]]
	if offs[0] > 0 {
		before = "…" + before
	}
	if offs[3] < len(text) {
		after += "…"
	}
	at = text[offs[1]:offs[2]]
	if at == "" {
		at = " " // the error is at the end of the line
	}
	return before, at, after
}

func (a *App) renderCode() app.UI {
	c := &codeC{Src: a.codeShown(), Lo: -1, Hi: -1, ErrLine: -1, Lang: a.lang}
	if st := a.curStep(); st != nil && st.Line > 0 {
		c.Lo, c.Hi = st.Line, max(st.EndLine, st.Line)
	}
	// expect results of the statements executed so far, by line
	if a.tl != nil && a.tl.Len() > 0 {
		for s := 0; s <= a.tl.StepOf(a.pos); s++ {
			if e := a.trace.Steps[s].Expect; e != nil {
				if c.Expects == nil {
					c.Expects = map[int]bool{}
				}
				c.Expects[a.trace.Steps[s].Line] = *e
			}
		}
	}
	if a.trace.Err != nil {
		c.ErrLine = a.trace.Err.Line
	}
	return c
}

func (a *App) renderScene() app.UI {
	sc := a.sc
	if sc == nil {
		return app.Div()
	}
	phase := strconv.Itoa(a.pos % 2)
	body := make([]app.UI, 0, len(sc.Procs)+len(sc.Objects)+8)
	for i := range sc.Procs {
		body = append(body, a.renderProc(&sc.Procs[i]))
	}
	body = append(body, app.Div().Class("kernel-title").Style("top", px(sc.Kernel.Top)).Style("left", px(scene.Margin)).Style("width", px(sc.W-2*scene.Margin)).
		Body(app.Span().Text(scene.T(a.lang, "kernel"))))
	// The cards have a layer of their own, so that how many are drawn does
	// not move the elements after them (go-app matches children by
	// position); in a big scene they sit in slots, as the rows do.
	var cards []app.UI
	if slots := a.cardSlots(); slots >= len(sc.Objects) && slots > 0 {
		cards = make([]app.UI, slots)
		for i := range cards {
			cards[i] = &cardC{Slot: true}
		}
		for i := range sc.Objects {
			cards[sc.Objects[i].Ord%slots] = &cardC{O: sc.Objects[i], Lang: a.lang}
		}
	} else {
		for i := range sc.Objects {
			cards = append(cards, &cardC{O: sc.Objects[i], Lang: a.lang})
		}
	}
	body = append(body, app.Div().Class("cards").Body(cards...))
	if sc.NamesRect.W > 0 {
		body = append(body, a.renderNames(sc))
	}
	for _, c := range sc.Consoles {
		body = append(body, &consoleCardC{C: c, Lang: a.lang})
	}
	body = append(body, a.renderArrows(sc))
	for _, t := range sc.Travel {
		body = append(body, app.Div().Class("traveller").DataSet("kind", string(t.Kind)).DataSet("dir", t.Dir).
			Style("left", px(t.To.X)).Style("top", px(t.To.Y)).Style("width", px(t.To.W)).Style("height", px(t.To.H)).
			Style("--dx", px(t.From.X-t.To.X)).Style("--dy", px(t.From.Y-t.To.Y)).
			Text(t.Label))
	}
	zoom := a.zoom
	if zoom == 0 {
		zoom = 1
	}
	div := app.Div().ID("scene").Class("scene").DataSet("phase", phase).DataSet("pos", a.pos).OnClick(a.onSceneClick).OnKeyDown(a.onSceneKey).
		Style("width", px(sc.W)).Style("height", px(sc.H)).Style("zoom", strconv.FormatFloat(zoom, 'f', 3, 64))
	for _, v := range scene.CSSVars() {
		div = div.Style(v.Name, v.Value)
	}
	return div.Body(body...)
}

func (a *App) onVarEnter(ctx app.Context, e app.Event) {
	ds := ctx.JSSrc().Get("dataset")
	pid, _ := strconv.Atoi(ds.Get("hpid").String())
	idx, _ := strconv.Atoi(ds.Get("hidx").String())
	a.hoverP, a.hoverI = uint32(pid), idx
}

func (a *App) onVarLeave(ctx app.Context, e app.Event) { a.hoverP, a.hoverI = 0, 0 }

func (a *App) renderProc(p *scene.ProcView) app.UI {
	status := scene.T(a.lang, "running")
	statusKind := "running"
	if p.Exited {
		status = fmt.Sprintf("%s %d", scene.T(a.lang, "exited"), p.ExitCode)
		statusKind = "exited"
	} else if p.Wait != nil {
		status = WaitText(a.lang, p.Wait)
		statusKind = "waiting"
	}
	parent := scene.T(a.lang, "noparent")
	if p.ParentPID != 0 {
		parent = fmt.Sprintf("%s: %s (PID %d)", scene.T(a.lang, "parent"), p.Parent, p.ParentPID)
	}
	head := &procHeadC{Lang: a.lang, Name: p.Name, PID: uint32(p.PID), Change: p.Change, Parent: parent, Status: status, StatusKind: statusKind}
	thead := &theadC{Lang: a.lang, Short: a.emb.on}
	// Each row sits on its own grid line (grid-row = its index), so the
	// rows outside the built band need no spacers. In a big scene the
	// band's rows go to slots (index modulo the band's size): when the band
	// moves, a row keeps its slot and only the rows entering and leaving
	// are redrawn (go-app matches children by position).
	rows := make([]app.UI, 0, len(p.Rows)+1)
	if slots := a.bandSlots(); slots >= len(p.Rows) && slots > 0 {
		for i := 0; i < slots; i++ {
			rows = append(rows, &rowC{Slot: true})
		}
		for i := range p.Rows {
			r := &p.Rows[i]
			rows[(r.Index-1)%slots] = &rowC{R: *r, PID: uint32(p.PID), HL: a.hoverP == uint32(p.PID) && a.hoverI == r.Index, Lang: a.lang}
		}
	} else {
		for i := range p.Rows {
			r := &p.Rows[i]
			rows = append(rows, &rowC{R: *r, PID: uint32(p.PID), HL: a.hoverP == uint32(p.PID) && a.hoverI == r.Index, Lang: a.lang})
		}
	}
	if p.NRows == 0 {
		rows = append(rows, app.Div().Class("row empty").Text(scene.T(a.lang, "empty")))
	}
	var console app.UI
	if len(p.Console) > 0 {
		lines := make([]app.UI, len(p.Console))
		for i, l := range p.Console {
			lines[i] = app.Div().Class("con-line").Text(l)
		}
		console = app.Div().Class("console").Body(
			app.Div().Class("section-title").Text(scene.T(a.lang, "console")),
			app.Div().Class("con-body").Body(lines...),
		)
	}
	return app.Div().Class("proc").ID(fmt.Sprintf("proc-%d", p.PID)).DataSet("pid", uint32(p.PID)).DataSet("rows", p.NRows).DataSet("change", string(p.Change)).
		Style("left", px(p.Rect.X)).Style("top", px(p.Rect.Y)).Style("width", px(p.Rect.W)).Body(
		head,
		thead,
		app.Div().Class("rows").Style("grid-template-rows", "repeat("+strconv.Itoa(max(p.NRows, 1))+", "+px(scene.RowH)+")").Body(rows...),
		&varsC{App: a, Lang: a.lang, PID: uint32(p.PID), Vars: p.Vars},
		console,
		renderStd(a.lang, p),
	)
}

func (a *App) renderNames(sc *scene.Scene) app.UI {
	r := sc.NamesRect
	items := []app.UI{}
	for _, l := range sc.Lookups {
		items = append(items, app.Div().Class("lookup").DataSet("result", l.Result.String()).Body(
			app.Span().Class("lname").Text(fmt.Sprintf("%q", l.Name)),
			app.Span().Class("lres").Text(" "+scene.T(a.lang, "lookup."+l.Result.String())),
		))
	}
	for _, n := range sc.Names {
		el := app.Div().Class("name-entry").DataSet("change", string(n.Change)).Body(
			app.Span().Class("lname").Text(fmt.Sprintf("%q", n.Name)),
			app.Span().Class("ltype").Text(" → "+n.Type+" "+addr(n.Addr)),
		)
		if n.Change == scene.ChClosed {
			el = app.Div().Class("name-entry").DataSet("change", "closed").Body(
				app.Span().Class("lname").Text(fmt.Sprintf("%q", n.Name)),
				app.Span().Class("ltype").Text(" "+scene.T(a.lang, "ch.closed")),
			)
		}
		items = append(items, el)
	}
	return app.Div().ID("namespace").Class("card names").Style("left", px(r.X)).Style("top", px(r.Y)).Style("width", px(r.W)).Style("height", px(r.H)).Body(
		append([]app.UI{app.Div().Class("card-head").Body(app.Span().Class("ctype").Text(scene.T(a.lang, "namespace")))}, items...)...,
	)
}

// positionText is "Statement 3 of 20 · action 1 of 4" ("문장 3/20 · 커널 동작
// 1/4" in Korean, korean-style.md) for micro-step pos.
func positionText(lang string, s, steps, action, actions int) string {
	return scene.Line{Key: "position", Args: []string{strconv.Itoa(s), strconv.Itoa(steps), strconv.Itoa(action), strconv.Itoa(actions)}}.Format(scene.T(lang, "position"))
}
