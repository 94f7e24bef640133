package ui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"handleviz/kernel"
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
	client := "0"
	if a.client {
		client = "1"
	}
	return app.Div().ID("app").DataSet("lang", a.lang).DataSet("reduced", reduced).DataSet("client", client).DataSet("renders", a.renders).Body(
		a.renderTop(),
		app.Div().Class("main").Body(
			a.renderCodePane(),
			app.Div().Class("stage").Body(
				a.renderCaption(),
				a.renderControls(),
				app.Div().ID("scene-scroll").Class("scene-scroll").Body(a.renderScene()), // scrolling: listenScroll
			),
		),
	)
}

func (a *App) renderTop() app.UI {
	opts := make([]app.UI, 0, len(a.lessons))
	for _, l := range a.lessons {
		title := lessonTitle(l.Source, a.lang)
		if title == "" {
			title = l.ID
		}
		opts = append(opts, app.Option().Value(l.ID).Selected(l.ID == a.lessonID).Text(title))
	}
	edited := app.UI(nil)
	if a.edited {
		edited = app.Span().Class("edited").Text(T(a.lang, "edited"))
	}
	editLabel := T(a.lang, "edit")
	if a.editing {
		editLabel = T(a.lang, "view")
	}
	codeLabel := T(a.lang, "code.hide")
	if a.codeHidden {
		codeLabel = T(a.lang, "code.show")
	}
	motion := "☐ "
	if a.reduced {
		motion = "☑ "
	}
	return app.Header().Class("top").Body(
		app.Div().Class("brand").Body(
			app.Span().Class("logo").Text(T(a.lang, "app.title")),
			app.Span().Class("sub").Text(T(a.lang, "app.subtitle")),
		),
		app.Label().Class("picker").Body(
			app.Span().Text(T(a.lang, "lesson")+" "),
			app.Select().ID("lesson").OnChange(a.pickLesson).Body(opts...),
			edited,
		),
		app.Div().Class("top-buttons").Body(
			app.Button().ID("edit").Class("btn").Text(editLabel).OnClick(func(ctx app.Context, e app.Event) { a.editing = !a.editing }),
			app.Button().ID("code-toggle").Class("btn").Aria("pressed", a.codeHidden).Text(codeLabel).OnClick(a.toggleCode),
			app.Button().ID("motion").Class("btn").Aria("pressed", a.reduced).Text(motion+T(a.lang, "motion")).OnClick(func(ctx app.Context, e app.Event) { a.reduced = !a.reduced }),
			app.Button().ID("lang").Class("btn").Text(T(a.lang, "lang")).OnClick(a.toggleLang),
		),
	)
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
				app.Button().ID("run").Class("btn primary").Text(T(a.lang, "run")).OnClick(a.runDraft),
				app.Button().ID("revert").Class("btn").Text(T(a.lang, "revert")).OnClick(a.revert),
			),
			app.P().Class("hint").Text(T(a.lang, "saved")),
		)
	}
	body = append(body, a.renderError(), a.renderCode())
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
	lines := strings.Split(a.src, "\n")
	var before, at, after string
	if d.Line >= 1 && d.Line <= len(lines) {
		line := []rune(strings.TrimRight(lines[d.Line-1], "\r"))
		c := min(max(d.Col-1, 0), len(line))
		before, after = string(line[:c]), ""
		if c < len(line) {
			at, after = string(line[c:c+1]), string(line[c+1:])
		} else {
			at = " " // the error is at the end of the line
		}
	}
	msg := d.Msg.In(a.lang)
	where := fmt.Sprintf("%s %d:%d", T(a.lang, "line"), d.Line, d.Col)
	lead := T(a.lang, "error")
	if len(a.trace.Steps) > 0 {
		lead = T(a.lang, "stopped")
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

func (a *App) renderCode() app.UI {
	c := &codeC{Src: a.src, Lo: -1, Hi: -1, ErrLine: -1, Lang: a.lang}
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

// codeC is the scenario's text with the current statement highlighted (a
// component: re-rendered only when the statement changes).
type codeC struct {
	app.Compo
	Src     string
	Lo, Hi  int // current statement's lines
	ErrLine int
	Expects map[int]bool // line → expect held
	Lang    string       // captions in the other language are hidden
}

// otherLang reports whether a line is a caption or title for the language
// the UI is not showing.
func otherLang(trim, lang string) bool {
	other := "ko"
	if lang == "ko" {
		other = "en"
	}
	for _, p := range []string{"//" + other + ":", "// " + other + ":", "// title." + other + ":", "// summary." + other + ":"} {
		if strings.HasPrefix(trim, p) {
			return true
		}
	}
	return false
}

func (c *codeC) Render() app.UI {
	lines := strings.Split(strings.TrimRight(c.Src, "\n"), "\n")
	rows := make([]app.UI, 0, len(lines))
	for i, l := range lines {
		n := i + 1
		kind := "plain"
		trim := strings.TrimSpace(l)
		if otherLang(trim, c.Lang) && n != c.ErrLine {
			continue
		}
		switch {
		case strings.HasPrefix(trim, "//"):
			kind = "comment"
		case strings.HasPrefix(trim, "@"), strings.HasPrefix(trim, "process "):
			kind = "proc"
		}
		mark := ""
		if ok, has := c.Expects[n]; has {
			if ok {
				mark = "✓"
			} else {
				mark = "✗"
			}
		}
		rows = append(rows, &codeLineC{N: n, Class: kind, Mark: mark, Src: l, Current: n >= c.Lo && n <= c.Hi, Err: n == c.ErrLine})
	}
	return app.Div().ID("code").Class("code").Body(rows...)
}

// codeLineC is one line of the code pane: a component, so that a step
// redraws only the lines whose highlight or mark changed.
type codeLineC struct {
	app.Compo
	N            int
	Class, Mark  string // Class: plain, comment or proc (not Kind: app.UI has a Kind method)
	Src          string
	Current, Err bool
}

func (c *codeLineC) Render() app.UI {
	row := app.Div().Class("code-line").DataSet("kind", c.Class).DataSet("line", c.N).Body(
		app.Span().Class("ln").Text(c.N),
		app.Span().Class("mark").Text(c.Mark),
		app.Span().Class("src").Text(c.Src),
	)
	if c.Current {
		row = row.DataSet("current", "1")
	}
	if c.Err {
		row = row.DataSet("error", "1")
	}
	return row
}

// ---- caption and result ----

func (a *App) renderCaption() app.UI {
	st := a.curStep()
	if st == nil {
		return app.Div().ID("caption").Class("caption").Body(app.P().Class("caption-text").Text(T(a.lang, "nosteps")))
	}
	who := st.Process
	cap := st.Caption.In(a.lang)
	// What the kernel did: every action of a statement step, but at most a
	// few sentences (a scan over a large table would fill the screen).
	const maxNarr = 3
	var narr []string
	for m := a.from; m <= a.pos; m++ {
		if len(narr) == maxNarr {
			narr = append(narr, fmt.Sprintf("(+%d)", a.pos-m+1))
			break
		}
		if s := Narrate(a.tl.Micros[m].Events, a.tl.Before(m), a.tl.State(m), a.lang); s != "" {
			narr = append(narr, s)
		}
	}
	result := []app.UI{}
	if st.Result != "" {
		result = append(result, app.Span().Class("ret").Text("→ "+st.Result))
	}
	if st.HasLastError {
		result = append(result, app.Span().Class("lasterr").Text(fmt.Sprintf("GetLastError() = %s (%d)", st.LastError.Name(), uint32(st.LastError))))
	}
	if st.Expect != nil {
		if *st.Expect {
			result = append(result, app.Span().Class("expect ok").Text(T(a.lang, "expect.ok")))
		} else {
			result = append(result, app.Span().Class("expect fail").Text(T(a.lang, "expect.fail")))
		}
	}
	return app.Div().ID("caption").Class("caption").Body(
		app.Div().Class("stmt").Body(
			app.Span().Class("who").Text(who),
			app.Code().Class("stmt-src").Text(st.Text),
		),
		app.If(cap != "", app.P().ID("caption-text").Class("caption-text").Text(cap)),
		app.If(len(narr) > 0, app.P().ID("narration").Class("narration").Text(strings.Join(narr, " "))),
		app.Div().ID("result").Class("result").Body(result...),
	)
}

// ---- controls ----

func (a *App) renderControls() app.UI {
	n := a.tl.Len()
	stepLabel := ""
	if n > 0 {
		s := a.tl.StepOf(a.pos)
		stepLabel = fmt.Sprintf("%s %d %s %d · %s %d %s %d", T(a.lang, "statement"), s+1, T(a.lang, "of"), len(a.trace.Steps),
			T(a.lang, "action"), a.pos-a.tl.First[s]+1, T(a.lang, "of"), a.tl.First[s+1]-a.tl.First[s])
	}
	ticks := a.tl.First[:len(a.trace.Steps)]
	play, playTitle := T(a.lang, "play.s"), T(a.lang, "play")
	if a.playing {
		play, playTitle = T(a.lang, "pause.s"), T(a.lang, "pause")
	}
	speedOpts := make([]app.UI, len(Speeds))
	for i, d := range Speeds {
		speedOpts[i] = app.Option().Value(i).Selected(i == a.speed).Text(fmt.Sprintf("%.1f s", d.Seconds()))
	}
	return app.Div().ID("controls").Class("controls").Body(
		app.Button().ID("btn-first").Class("btn icon").Title(T(a.lang, "first")).Aria("label", T(a.lang, "first")).Text("⇤").OnClick(func(ctx app.Context, e app.Event) { a.First(ctx) }),
		app.Button().ID("btn-prev").Class("btn icon").Title(T(a.lang, "prev")).Aria("label", T(a.lang, "prev")).Text("◀").OnClick(func(ctx app.Context, e app.Event) { a.step(ctx, -1, a.stmt) }),
		app.Button().ID("btn-play").Class("btn play").DataSet("playing", a.playing).Title(playTitle).Aria("label", playTitle).Text(play).OnClick(func(ctx app.Context, e app.Event) { a.togglePlay(ctx) }),
		app.Button().ID("btn-next").Class("btn icon").Title(T(a.lang, "next")).Aria("label", T(a.lang, "next")).Text("▶").OnClick(func(ctx app.Context, e app.Event) { a.step(ctx, 1, a.stmt) }),
		app.Button().ID("btn-last").Class("btn icon").Title(T(a.lang, "last")).Aria("label", T(a.lang, "last")).Text("⇥").OnClick(func(ctx app.Context, e app.Event) { a.Last(ctx) }),
		app.Input().ID("slider").Class("slider").Type("range").Min(0).Max(max(n-1, 0)).Value(a.pos).List("stmt-ticks").Aria("label", "step").
			OnInput(func(ctx app.Context, e app.Event) {
				v, _ := strconv.Atoi(ctx.JSSrc().Get("value").String())
				a.goTo(ctx, v, false)
			}),
		&ticksC{Ticks: ticks},
		app.Span().ID("pos").Class("pos").Text(stepLabel),
		app.Label().Class("mode").Body(
			app.Span().Text(T(a.lang, "step.by")+" "),
			app.Select().ID("mode").OnChange(func(ctx app.Context, e app.Event) { a.stmt = ctx.JSSrc().Get("value").String() == "stmt" }).Body(
				app.Option().Value("micro").Selected(!a.stmt).Text(T(a.lang, "by.micro")),
				app.Option().Value("stmt").Selected(a.stmt).Text(T(a.lang, "by.stmt")),
			),
		),
		app.Label().Class("speed").Body(
			app.Span().Text(T(a.lang, "speed")+" "),
			app.Select().ID("speed").OnChange(func(ctx app.Context, e app.Event) {
				a.speed, _ = strconv.Atoi(ctx.JSSrc().Get("value").String())
			}).Body(speedOpts...),
		),
	)
}

// ticksC is the slider's tick list, one per statement (a component: it
// only changes with the scenario).
type ticksC struct {
	app.Compo
	Ticks []int
}

func (c *ticksC) Render() app.UI {
	opts := make([]app.UI, len(c.Ticks))
	for i, v := range c.Ticks {
		opts[i] = app.Option().Value(v)
	}
	return app.DataList().ID("stmt-ticks").Body(opts...)
}

// ---- the scene ----

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
		Body(app.Span().Text(T(a.lang, "kernel"))))
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
	return app.Div().ID("scene").Class("scene").DataSet("phase", phase).DataSet("pos", a.pos).
		Style("width", px(sc.W)).Style("height", px(sc.H)).Style("zoom", strconv.FormatFloat(zoom, 'f', 3, 64)).Body(body...)
}

func (a *App) onVarEnter(ctx app.Context, e app.Event) {
	ds := ctx.JSSrc().Get("dataset")
	pid, _ := strconv.Atoi(ds.Get("hpid").String())
	idx, _ := strconv.Atoi(ds.Get("hidx").String())
	a.hoverP, a.hoverI = uint32(pid), idx
}

func (a *App) onVarLeave(ctx app.Context, e app.Event) { a.hoverP, a.hoverI = 0, 0 }

func (a *App) renderProc(p *scene.ProcView) app.UI {
	status := T(a.lang, "running")
	statusKind := "running"
	if p.Exited {
		status = fmt.Sprintf("%s %d", T(a.lang, "exited"), p.ExitCode)
		statusKind = "exited"
	} else if p.Wait != nil {
		status = WaitText(a.lang, p.Wait)
		statusKind = "waiting"
	}
	parent := T(a.lang, "noparent")
	if p.ParentPID != 0 {
		parent = fmt.Sprintf("%s: %s (PID %d)", T(a.lang, "parent"), p.Parent, p.ParentPID)
	}
	head := app.Div().Class("proc-head").Body(
		app.Div().Class("proc-name").Body(
			app.Span().Class("name").Text(p.Name),
			app.Span().Class("pid").Text(fmt.Sprintf("PID %d", p.PID)),
			badge(a.lang, p.Change),
		),
		app.Div().Class("proc-parent").Text(parent),
		app.Div().Class("proc-status").DataSet("status", statusKind).Text(status),
	)
	thead := app.Div().Class("thead").Body(
		app.Span().Class("c-idx").Text(T(a.lang, "col.index")),
		app.Span().Class("c-val").Text(T(a.lang, "col.value")),
		app.Span().Class("c-obj").Text(T(a.lang, "col.object")),
		app.Span().Class("c-acc").Text(T(a.lang, "col.access")),
		app.Span().Class("c-flg").Text(T(a.lang, "col.flags")),
	)
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
		rows = append(rows, app.Div().Class("row empty").Text(T(a.lang, "empty")))
	}
	vars := make([]app.UI, 0, len(p.Vars)+1)
	// Handle variables first: they are what the picture is about.
	ordered := make([]scene.Var, 0, len(p.Vars))
	for _, v := range p.Vars {
		if v.IsHandle {
			ordered = append(ordered, v)
		}
	}
	for _, v := range p.Vars {
		if !v.IsHandle {
			ordered = append(ordered, v)
		}
	}
	for _, v := range ordered {
		v := v
		el := app.Div().Class("var").Body(
			app.Span().Class("vtype").Text(v.Type),
			app.Span().Class("vname").Text(v.Name),
			app.Span().Class("vval").Text("= "+v.Value),
		)
		if v.IsHandle {
			// The handlers read the row from the element: go-app keeps the
			// first closure of a given literal, so closures must not capture
			// per-row values.
			el = el.DataSet("handle", "1").DataSet("hpid", uint32(p.PID)).DataSet("hidx", int(v.Handle>>2)).
				OnMouseEnter(a.onVarEnter).OnMouseLeave(a.onVarLeave)
		}
		vars = append(vars, el)
	}
	if len(p.Vars) == 0 {
		vars = append(vars, app.Div().Class("var none").Text(T(a.lang, "novars")))
	}
	var console app.UI
	if len(p.Console) > 0 {
		lines := make([]app.UI, len(p.Console))
		for i, l := range p.Console {
			lines[i] = app.Div().Class("con-line").Text(l)
		}
		console = app.Div().Class("console").Body(
			app.Div().Class("section-title").Text(T(a.lang, "console")),
			app.Div().Class("con-body").Body(lines...),
		)
	}
	return app.Div().Class("proc").ID(fmt.Sprintf("proc-%d", p.PID)).DataSet("pid", uint32(p.PID)).DataSet("rows", p.NRows).DataSet("change", string(p.Change)).
		Style("left", px(p.Rect.X)).Style("top", px(p.Rect.Y)).Style("width", px(p.Rect.W)).Body(
		head,
		thead,
		app.Div().Class("rows").Style("grid-template-rows", "repeat("+strconv.Itoa(max(p.NRows, 1))+", "+px(scene.RowH)+")").Body(rows...),
		app.Div().Class("vars").Body(
			app.Div().Class("section-title").Text(T(a.lang, "variables")),
			app.Div().Class("var-list").Body(vars...),
		),
		console,
	)
}

// rowC is one handle-table row. As a component it is only re-rendered when
// its fields change, which keeps a step cheap with thousands of rows.
type rowC struct {
	app.Compo
	R    scene.RowView
	PID  uint32
	HL   bool
	Lang string
	Slot bool // an empty slot of a big scene's band
}

func (c *rowC) Render() app.UI {
	if c.Slot {
		return app.Div().Class("row-slot")
	}
	r, lang := &c.R, c.Lang
	id := fmt.Sprintf("row-%d-%d", c.PID, r.Index)
	row := app.Div().ID(id).Class("row").DataSet("index", r.Index).DataSet("change", string(r.Change)).Style("grid-row", strconv.Itoa(r.Index))
	if c.HL {
		row = row.DataSet("hl", "1")
	}
	if r.Free {
		return row.DataSet("free", "1").Body(
			app.Span().Class("c-idx").Text(r.Index),
			app.Span().Class("c-val").Text(hex(uint64(r.Handle))),
			app.Span().Class("c-obj na").Text(T(lang, "free")),
			app.Span().Class("c-acc na").Text("—"),
			app.Span().Class("c-flg").Text(""),
			badge(lang, r.Change),
		)
	}
	if r.Ghost {
		row = row.DataSet("ghost", "1")
	}
	flags := []app.UI{}
	if uint32(r.Flags)&kernel.HANDLE_FLAG_INHERIT != 0 {
		flags = append(flags, app.Span().Class("flag").DataSet("flag", "inherit").Text("Inherit"))
	}
	if uint32(r.Flags)&kernel.HANDLE_FLAG_PROTECT_FROM_CLOSE != 0 {
		flags = append(flags, app.Span().Class("flag").DataSet("flag", "protect").Text("Protect"))
	}
	if len(flags) == 0 {
		flags = append(flags, app.Span().Class("noflag").Text("—"))
	}
	decoded := strings.Join(scene.DecodeAccess(scene.TypeByName(r.Type), r.Access), " | ")
	return row.Body(
		app.Span().Class("c-idx").Text(r.Index),
		app.Span().Class("c-val").Text(hex(uint64(r.Handle))),
		app.Span().Class("c-obj").Body(
			app.Span().Class("otype").Text(r.Type),
			app.Span().Class("oname").Text(rowName(lang, r)),
			app.Span().Class("oaddr").Text(addr(r.Addr)),
		),
		app.Span().Class("c-acc").Title(decoded).Aria("label", decoded).Text(fmt.Sprintf("0x%06X", r.Access)),
		app.Span().Class("c-flg").Body(flags...),
		badge(lang, r.Change),
	)
}

// WaitText says where a process waits: "waiting in ReadFile(0x4) on Pipe
// read end".
func WaitText(lang string, w *scene.WaitView) string {
	call := w.Call
	if w.Handle != 0 {
		call = fmt.Sprintf("%s(%s)", w.Call, hex(uint64(w.Handle)))
	}
	obj := w.Type
	if w.Role != "" && w.Name == "" {
		obj += " " + roleText(lang, w.Role) // an anonymous pipe's end
	}
	if w.Name != "" {
		obj += " " + w.Name
	}
	return syntax.FixJosa(scene.Line{Key: "wait.on", Args: []string{call, obj}}.Format(T(lang, "wait.on")))
}

// rowName is a row's object name; an anonymous pipe's end is named by its
// role ("read end").
func rowName(lang string, r *scene.RowView) string {
	if r.Name == "" && r.Role != "" {
		return roleText(lang, r.Role)
	}
	return r.Name
}

// badge is the text that says what changed (so that no change is shown by
// colour alone).
func badge(lang string, c scene.Change) app.UI {
	if c == scene.ChNone || c == scene.ChCount || c == scene.ChData {
		return nil // the count and the data badges say it
	}
	return app.Span().Class("badge").DataSet("change", string(c)).Text(T(lang, "ch."+string(c)))
}

// cardC is one kernel object's card (a component: re-rendered only when it
// changes).
type cardC struct {
	app.Compo
	O    scene.ObjView
	Lang string
	Slot bool // an empty slot of a big scene's band
}

func (c *cardC) Render() app.UI {
	if c.Slot {
		return app.Div().Class("card-slot")
	}
	o, lang := &c.O, c.Lang
	deltas := make([]app.UI, 0, len(o.Deltas)+len(o.Flows)+1)
	for _, d := range o.Deltas {
		sign := "+"
		if d.To < d.From {
			sign = "−"
		}
		n := d.To - d.From
		if n < 0 {
			n = -n
		}
		deltas = append(deltas, app.Span().Class("delta").DataSet("sign", map[bool]string{true: "plus", false: "minus"}[sign == "+"]).
			Text(fmt.Sprintf("%s%d %s", sign, n, T(lang, "cause."+d.Cause.String()))))
	}
	for _, f := range o.Flows {
		deltas = append(deltas, app.Span().Class("flow").DataSet("dir", f.Dir).Text(flowText(lang, f)))
	}
	state := make([]app.UI, 0, len(o.Lines)+4)
	name := o.Name
	if name == "" && o.Role != "" {
		// an anonymous pipe's end: its role is its name (a named pipe's
		// or mailslot's role is its first state line)
		name = roleText(lang, o.Role)
	}
	line := func(l scene.Line) app.UI {
		return app.Div().Class("state-line").DataSet("key", l.Key).Text(LineText(lang, l))
	}
	for _, l := range o.Lines {
		state = append(state, line(l))
	}
	if p := o.Pipe; p != nil && p.Holds && len(p.Buffer)+len(p.Gone) > 0 {
		state = append(state, renderBuffer(lang, p))
	}
	for _, l := range o.Waiters {
		state = append(state, line(l))
	}
	card := app.Div().ID(fmt.Sprintf("obj-%d", o.ID)).Class("card").DataSet("type", strings.ToLower(o.Type)).DataSet("change", string(o.Change)).
		Style("left", px(o.Rect.X)).Style("top", px(o.Rect.Y)).Style("width", px(o.Rect.W)).Style("height", px(o.Rect.H))
	if o.Role != "" {
		card = card.DataSet("role", o.Role)
	}
	if o.Ghost {
		card = card.DataSet("ghost", "1")
	}
	return card.Body(
		app.Div().Class("card-head").Body(
			app.Span().Class("ctype").Text(o.Type),
			app.Span().Class("cname").Text(name),
		),
		app.Div().Class("caddr").Text(addr(o.Addr)),
		app.Div().Class("count-row").Body(
			app.Span().Class("count").Aria("label", T(lang, "usage")).Text(o.Usage),
			app.Span().Class("count-label").Text(T(lang, "usage")),
		),
		app.Div().Class("breakdown").Text(breakdownText(lang, o)),
		app.Div().Class("deltas").Body(append(deltas, badge(lang, o.Change))...),
		app.Div().Class("state").Body(state...),
	)
}

// breakdownText is the usage count's breakdown: handles per process, then
// the kernel's own references ("Parent 1 · kernel 1").
func breakdownText(lang string, o *scene.ObjView) string {
	parts := o.Breakdown
	if o.KernelRefs > 0 {
		parts = append(parts[:len(parts):len(parts)], T(lang, "kernel.refs")+" "+strconv.Itoa(o.KernelRefs))
	}
	return strings.Join(parts, " · ")
}

// renderBuffer draws the data waiting at a pipe end: one continuous box for
// a byte pipe (a read crosses the writes), a chip per message for message
// pipes and mailslots; what this micro-step wrote is marked new, what it
// read is drawn leaving (struck through).
func renderBuffer(lang string, p *scene.PipeView) app.UI {
	kind := "bytes"
	if p.Messages {
		kind = "messages"
	}
	chips := make([]app.UI, 0, len(p.Buffer)+len(p.Gone)+1)
	for _, g := range p.Gone {
		chips = append(chips, app.Span().Class("chunk").DataSet("gone", "1").Title(T(lang, "data.gone")+" · "+hexTitle(g)).Body(quotedChunk(g)...))
	}
	if p.Messages {
		for i, c := range p.Buffer {
			el := app.Span().Class("chunk").Title(hexTitle(c)).Body(append([]app.UI{app.Span().Class("msg-no").Text(i + 1)}, quotedChunk(c)...)...)
			if c.New {
				el = el.DataSet("new", "1")
			}
			chips = append(chips, el)
		}
	} else if len(p.Buffer) > 0 {
		// One stream: the writes' boundaries are not kept.
		segs := make([]app.UI, 0, len(p.Buffer)+2)
		segs = append(segs, app.Text(`"`))
		for _, c := range p.Buffer {
			el := app.Span().Class("seg").Title(hexTitle(c)).Body(chunkBody(c)...)
			if c.New {
				el = el.DataSet("new", "1")
			}
			segs = append(segs, el)
		}
		segs = append(segs, app.Text(`"`))
		chips = append(chips, app.Span().Class("chunk stream").Body(segs...))
	}
	if p.Hidden > 0 {
		chips = append(chips, app.Span().Class("chunk-more").Text(fmt.Sprintf("+%d", p.Hidden)))
	}
	return app.Div().Class("buffer").DataSet("kind", kind).Body(chips...)
}

// LineText is a card's state line in lang.
func LineText(lang string, l scene.Line) string {
	if l.Key == "" {
		return l.Format("")
	}
	return syntax.FixJosa(l.Format(T(lang, "st."+l.Key)))
}

func roleText(lang, role string) string { return T(lang, "role."+role) }

// flowText is a data badge: "+5 bytes from Child", "−5 bytes read by
// Parent", "5 bytes sent".
func flowText(lang string, f scene.Flow) string {
	key := "flow." + f.Dir
	if f.More {
		key += ".more"
	}
	return syntax.FixJosa(scene.Line{Key: key, Args: []string{strconv.Itoa(f.Bytes), f.Who}}.Format(T(lang, key)))
}

func (a *App) renderNames(sc *scene.Scene) app.UI {
	r := sc.NamesRect
	items := []app.UI{}
	for _, l := range sc.Lookups {
		items = append(items, app.Div().Class("lookup").DataSet("result", l.Result.String()).Body(
			app.Span().Class("lname").Text(fmt.Sprintf("%q", l.Name)),
			app.Span().Class("lres").Text(" "+T(a.lang, "lookup."+l.Result.String())),
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
				app.Span().Class("ltype").Text(" "+T(a.lang, "ch.closed")),
			)
		}
		items = append(items, el)
	}
	return app.Div().ID("namespace").Class("card names").Style("left", px(r.X)).Style("top", px(r.Y)).Style("width", px(r.W)).Style("height", px(r.H)).Body(
		append([]app.UI{app.Div().Class("card-head").Body(app.Span().Class("ctype").Text(T(a.lang, "namespace")))}, items...)...,
	)
}

func (a *App) renderArrows(sc *scene.Scene) app.UI {
	body := make([]app.UI, 0, len(sc.Procs)+8)
	body = append(body, svg("defs").Body(
		svg("marker").ID("ah").Attr("viewBox", "0 0 10 10").Attr("refX", 9).Attr("refY", 5).
			Attr("markerWidth", 7).Attr("markerHeight", 7).Attr("orient", "auto-start-reverse").
			Body(svg("path").Attr("d", "M 0 0 L 10 5 L 0 10 z").DataSet("kind", "head")),
		svg("marker").ID("ah-hot").Attr("viewBox", "0 0 10 10").Attr("refX", 9).Attr("refY", 5).
			Attr("markerWidth", 6).Attr("markerHeight", 6).Attr("orient", "auto-start-reverse").
			Body(svg("path").Attr("d", "M 0 0 L 10 5 L 0 10 z").DataSet("kind", "head-hot")),
		svg("marker").ID("jh").Attr("viewBox", "0 0 10 10").Attr("refX", 8).Attr("refY", 5).
			Attr("markerWidth", 3.2).Attr("markerHeight", 3.2).Attr("orient", "auto-start-reverse").
			Body(svg("path").Attr("d", "M 0 0 L 10 5 L 0 10 z").DataSet("kind", "head-joint")),
	))
	// Every arrow, per column, in components that only re-render when that
	// column's arrows move; then the highlighted ones drawn again on top.
	cols := map[kernel.PID][]arrowLite{}
	slots := a.bandSlots()
	if slots > 0 {
		for _, p := range sc.Procs {
			cols[p.PID] = make([]arrowLite, slots) // in slots, as the rows
		}
	}
	var hot []app.UI
	for _, ar := range sc.Arrows {
		al := arrowLite{ID: fmt.Sprintf("arrow-%d-%d", ar.PID, ar.Index), Obj: uint32(ar.Obj), D: ar.D, Ghost: ar.Ghost}
		if col := cols[ar.PID]; slots > 0 && col != nil {
			col[(ar.Index-1)%slots] = al
		} else {
			cols[ar.PID] = append(cols[ar.PID], al)
		}
		if ar.Changed || (a.hoverP == uint32(ar.PID) && a.hoverI == ar.Index) {
			hot = append(hot, svg("path").DataSet("kind", "arrow").DataSet("hot", "1").Attr("d", ar.D).Attr("marker-end", "url(#ah-hot)"))
		}
	}
	for _, p := range sc.Procs {
		body = append(body, &arrowsC{Arrows: cols[p.PID]})
	}
	// The joints between the two ends of each pipe: a thick line, its
	// arrowhead where the data goes.
	for _, j := range sc.Joints {
		hot := "0"
		if j.Hot {
			hot = "1"
		}
		p := svg("path").ID(fmt.Sprintf("joint-%d-%d", j.From, j.To)).DataSet("kind", "joint").DataSet("hot", hot).Attr("d", j.D).Attr("marker-end", "url(#jh)")
		if j.Both {
			p = p.Attr("marker-start", "url(#jh)")
		}
		body = append(body, p)
	}
	body = append(body, svg("g").DataSet("kind", "hot").Body(hot...))
	return svg("svg").ID("arrows").Attr("width", sc.W).Attr("height", sc.H).
		Attr("viewBox", fmt.Sprintf("0 0 %s %s", strconv.FormatFloat(sc.W, 'f', -1, 64), strconv.FormatFloat(sc.H, 'f', -1, 64))).
		Body(body...)
}

type arrowLite struct {
	ID    string
	Obj   uint32
	D     string
	Ghost bool
}

// arrowsC draws one column's arrows.
type arrowsC struct {
	app.Compo
	Arrows []arrowLite
}

func (c *arrowsC) Render() app.UI {
	paths := make([]app.UI, len(c.Arrows))
	for i, ar := range c.Arrows {
		paths[i] = &arrowC{A: ar}
	}
	return svg("g").Body(paths...)
}

// arrowC is one arrow (or, with no ID, an empty slot): a component, so that
// only the arrows that changed are redrawn.
type arrowC struct {
	app.Compo
	A arrowLite
}

func (c *arrowC) Render() app.UI {
	ar := c.A
	if ar.ID == "" {
		return svg("path").DataSet("kind", "slot")
	}
	p := svg("path").ID(ar.ID).DataSet("kind", "arrow").DataSet("obj", ar.Obj).Attr("d", ar.D).Attr("marker-end", "url(#ah)")
	if ar.Ghost {
		p = p.DataSet("ghost", "1")
	}
	return p
}
