// Package ui is the visualizer's go-app interface: the player (lesson
// picker, code pane, controls, keyboard) and the scene (process columns,
// handle tables, object cards, arrows) drawn from package scene.
package ui

import (
	"math"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"handleviz/assets"
	"handleviz/wasm/scene"
)

// Speeds are the auto-play intervals, slowest first.
var Speeds = []time.Duration{2400 * time.Millisecond, 1600 * time.Millisecond, 1000 * time.Millisecond, 600 * time.Millisecond, 300 * time.Millisecond}

const defaultSpeed = 2

// App is the whole page. Its state is unexported (go-app overwrites
// exported fields with zero values when a route is mounted again).
type App struct {
	app.Compo

	lessons  []assets.Lesson
	lessonID string
	src      string // the source being played
	draft    string // the editor's text
	// recovered is a saved draft whose last run never finished (the page
	// died): offered back, not run (draft.go). notice is an i18n key of a
	// storage problem to show.
	recovered string
	notice    string
	edited    bool // src differs from the bundled lesson
	editing   bool
	running   *runState // a run of the draft in progress (progress.go)

	trace *scene.Trace
	tl    *scene.Timeline
	sc    *scene.Scene
	pos   int  // current micro-step
	from  int  // first highlighted micro-step
	stmt  bool // step by statement

	playing bool
	playGen int
	speed   int

	lang       string
	reduced    bool
	codeHidden bool   // the code pane folded away, for wide scenes on a projector
	hoverP     uint32 // highlighted row: PID and index (0 = none)
	hoverI     int

	unlisten func()
	scrollFn app.Func
	onScroll app.Func // the stage's scroll listener (listenScroll)
	client   bool     // mounted in a browser (tests wait for it)
	zoom     float64  // the scene's scale to fit the stage's width (0 = 1)
	fittedW  float64  // the scene width zoom was computed for
	fittedK  float64  // and the top of its object cards
	// A big scene (hundreds of rows or objects) draws only what is near the
	// visible part of the stage: viewTop and viewH, in scene coordinates.
	big            bool
	viewTop, viewH float64
	renders        int                         // renders so far (tests wait for the next one)
	runsDone       int                         // runs of a draft finished (tests wait for a run's end)
	saved          struct{ key, draft string } // the draft last written to localStorage (saveDraft)
	saveFailed     bool                        // the last write of the draft failed (storage full): notice shown
	marked         map[string]bool             // start-up phases marked (marks.go)
	// busy counts the App's ctx.Async and ctx.After goroutines in flight
	// (renderNow must not wait for one).
	busy         atomic.Int32
	titles       map[string][]string // lesson titles by language (lessonTitles)
	compoRenders compoRenders        // renders of the top bar's, controls' and caption's components (tests)

	emb     embedState     // embed mode and the postMessage API (embed.go, messages.go)
	picking bool           // the lesson picker is open (picker.go)
	insp    *inspectTarget // what the inspector shows (inspector.go; nil: closed)
	sl      slidesState    // themes, export, questions, links, shortcuts (slides.go)
}

// OnInit loads the default lesson (so that the server's pre-render shows it
// too).
func (a *App) OnInit() {
	defer Mark("hv-init-done")
	a.lessons = assets.Lessons()
	a.lang = "en"
	a.speed = defaultSpeed
	if len(a.lessons) == 0 {
		return
	}
	l := a.lessons[0]
	// In the browser the first render is drawn in the lesson and language
	// the address asks for: OnNav then finds them compiled and drawn, rather
	// than compiling a second lesson and redrawing every text (a permalink,
	// an embed, a Korean reader).
	if app.IsClient {
		q := app.Window().URL().Query()
		a.lang = startLang(q.Get("lang"))
		if u, ok := findLesson(q.Get("lesson")); ok {
			l = u
		}
	}
	a.lessonID = l.ID
	a.setSource(l.Source, false)
}

// OnMount listens to the keyboard and the storage, and shows the language
// OnInit chose.
func (a *App) OnMount(ctx app.Context) {
	a.markOnce("hv-mounted")
	a.initEmbed(ctx)
	a.client = true
	a.unlisten = app.Window().AddEventListener("keydown", a.onKey)
	// Another tab wrote or removed a draft: what saveDraft remembers of
	// storage may be wrong now, so the next save writes.
	unlistenStorage := app.Window().AddEventListener("storage", func(ctx app.Context, e app.Event) { a.saved.key, a.saved.draft = "", "" })
	unlistenKeys := a.unlisten
	a.unlisten = func() { unlistenKeys(); unlistenStorage() }
	// The language was chosen in OnInit (the address's, else the browser's).
	if mq := app.Window().Call("matchMedia", "(prefers-reduced-motion: reduce)"); mq.Truthy() && mq.Get("matches").Bool() {
		a.reduced = true
	}
	a.showLang(ctx)
	a.mountSlides(ctx)
	ctx.Defer(a.fit)
	ctx.Defer(a.listenScroll)
}

// OnResize refits the scene to the window.
func (a *App) OnResize(ctx app.Context) {
	a.fittedW = 0
	ctx.Defer(a.fit)
}

// fit scales the scene so that every process column fits the stage's
// width and the first row of object cards its height (down to 55 %, then
// it scrolls): on a projector the kernel objects, whose counts and buffers
// the lesson is about, must not fall below the screen's edge. It measures
// the DOM, so it runs after render, and only when the scene's size changed.
func (a *App) fit(ctx app.Context) {
	if a.emb.on && a.sc != nil {
		a.fitEmbed(ctx)
		return
	}
	if a.sc == nil || a.sc.W == a.fittedW && a.sc.Kernel.CardTop == a.fittedK {
		return
	}
	el := app.Window().GetElementByID("scene-scroll")
	if !el.Truthy() {
		return
	}
	w := el.Get("clientWidth").Float() - 4
	if w <= 0 {
		return
	}
	a.fittedW, a.fittedK = a.sc.W, a.sc.Kernel.CardTop
	z := w / a.sc.W
	if h := el.Get("clientHeight").Float() - 4; h > 0 && a.sc.NObjects > 0 && !a.big {
		// for the height, no smaller than 75 %: legibility first
		z = min(z, max(0.75, h/(a.sc.Kernel.CardTop+a.sc.Kernel.CardH+scene.Margin)))
	}
	z = min(1, max(0.55, z))
	moved := false
	if z != a.zoom {
		a.zoom = z
		moved = true
	}
	if a.big && a.measureView() {
		a.rebuild()
		moved = true
	}
	if moved {
		a.Update()
	}
}

// OnDismount removes the keyboard listener.
func (a *App) OnDismount() {
	if a.unlisten != nil {
		a.unlisten()
	}
	if a.sl.unlisten != nil {
		a.sl.unlisten()
	}
	if a.onScroll != nil {
		if el := app.Window().GetElementByID("scene-scroll"); el.Truthy() {
			el.Call("removeEventListener", "scroll", a.onScroll)
		}
		a.onScroll.Release()
		a.onScroll = nil
	}
	a.unlistenMessages()
	a.playing = false
}

// OnNav reads the permalink: ?lesson=…&step=…&lang=…&motion=reduced.
func (a *App) OnNav(ctx app.Context) {
	q := ctx.Page().URL().Query()
	if l := q.Get("lang"); l == "en" || l == "ko" {
		a.lang = l
	}
	if q.Get("motion") == "reduced" {
		a.reduced = true
	}
	a.codeHidden = q.Get("code") == "hide" || a.emb.on
	id := q.Get("lesson")
	if id == "" && len(a.lessons) > 0 {
		id = a.lessons[0].ID
	}
	a.loadLesson(ctx, id)
	a.navSlides(ctx)
	if s, err := strconv.Atoi(q.Get("step")); err == nil {
		a.goTo(ctx, s, false)
	}
	a.showLang(ctx)
	a.emitReady()
	a.markOnce("hv-nav-done")
	restoreGC()
}

// setSource compiles src and rewinds the player.
func (a *App) setSource(src string, edited bool) {
	// At start-up the first OnNav asks again for the lesson OnInit compiled;
	// the same text gives the same trace, so it is compiled once.
	if a.tl == nil || src != a.src {
		a.trace = scene.Compile(src)
		a.tl = scene.NewTimeline(a.trace)
	}
	a.src, a.draft, a.edited = src, src, edited
	a.pos, a.from = 0, 0
	a.playing = false
	a.rebuild()
}

func (a *App) rebuild() {
	a.sc = scene.Build(a.tl, a.from, a.pos, a.band())
	n := a.sc.NObjects
	for _, p := range a.sc.Procs {
		n += p.NRows
	}
	if big := n > bigScene; big != a.big {
		a.big = big
		a.rebuild()
	}
}

// bigScene is the number of rows and cards above which only what is near
// the visible part of the stage is drawn.
const bigScene = 300

// band is the part of a big scene that is built and drawn: the visible part
// and a screen above and below it (before the first measure, the top 3,000
// pixels); nil, everything, in a small scene.
func (a *App) band() *scene.Window {
	switch {
	case !a.big:
		return nil
	case a.viewH <= 0:
		return &scene.Window{Top: 0, Bottom: 3000}
	}
	return &scene.Window{Top: a.viewTop - a.viewH, Bottom: a.viewTop + 2*a.viewH}
}

// bandSlots and cardSlots are the numbers of row and card slots of a big
// scene's band (0 in a small scene, which draws everything in order): at
// least the rows, and the rows of cards, that the band's height can hold
// with one more at either edge.
func (a *App) bandSlots() int {
	w := a.band()
	if w == nil {
		return 0
	}
	return int((w.Bottom-w.Top)/scene.RowH) + 2
}

func (a *App) cardSlots() int {
	w := a.band()
	if w == nil || a.sc == nil {
		return 0
	}
	k := a.sc.Kernel
	return (int((w.Bottom-w.Top)/(k.CardH+scene.CardGap)) + 2) * max(k.PerRow, 1)
}

// listenScroll follows the stage's scrolling in a big scene with a plain
// listener. go-app's own handler would redraw the page on every scroll
// event, and calling PreventUpdate there cancels an update a key press has
// already scheduled (the step then did not show until something else
// redrew the page).
func (a *App) listenScroll(ctx app.Context) {
	el := app.Window().GetElementByID("scene-scroll")
	if !el.Truthy() || a.onScroll != nil {
		return
	}
	a.onScroll = app.FuncOf(func(this app.Value, args []app.Value) any {
		if top, h, ok := a.visible(); ok && a.big && a.bandMoves(top, h) {
			// A callback must not block: dispatch from a goroutine.
			go ctx.Dispatch(func(ctx app.Context) {
				if a.measureView() {
					a.rebuild()
				}
			})
		}
		return nil
	})
	el.Call("addEventListener", "scroll", a.onScroll, map[string]any{"passive": true})
}

// visible is the visible part of the stage, in scene coordinates.
func (a *App) visible() (top, h float64, ok bool) {
	el := app.Window().GetElementByID("scene-scroll")
	if !el.Truthy() {
		return 0, 0, false
	}
	z := a.zoom
	if z == 0 {
		z = 1
	}
	return el.Get("scrollTop").Float() / z, el.Get("clientHeight").Float() / z, true
}

// bandMoves reports whether the visible part moved enough from the last
// measure to draw other rows.
func (a *App) bandMoves(top, h float64) bool {
	return math.Abs(top-a.viewTop) >= h/3 || math.Abs(h-a.viewH) >= 1
}

// measureView reads the visible part of the stage; it reports whether it
// moved enough to draw other rows.
func (a *App) measureView() bool {
	top, h, ok := a.visible()
	if !ok || !a.bandMoves(top, h) {
		return false
	}
	a.viewTop, a.viewH = top, h
	return true
}

// reveal scrolls a big scene so that the first changed row is on screen.
func (a *App) reveal(ctx app.Context) {
	if !a.big || a.sc == nil || a.sc.Focus == nil {
		return
	}
	r := *a.sc.Focus
	if a.viewH > 0 && r.Y >= a.viewTop && r.Y+r.H <= a.viewTop+a.viewH {
		return
	}
	el := app.Window().GetElementByID("scene-scroll")
	if !el.Truthy() {
		return
	}
	z := a.zoom
	if z == 0 {
		z = 1
	}
	el.Set("scrollTop", math.Max(0, (r.Y-a.viewH/3)*z))
	if a.measureView() {
		a.rebuild()
		a.Update()
	}
}

// goTo moves the player to micro-step m. With whole set, the highlight
// covers the statement's every micro-step.
func (a *App) goTo(ctx app.Context, m int, whole bool) {
	n := a.tl.Len()
	if n == 0 {
		return
	}
	m = min(max(m, 0), n-1)
	m = a.quizStop(m)
	Mark("hv-step") // the browser test splits its latency here
	if a.tl.StepOf(m) != a.tl.StepOf(a.pos) {
		a.scrollCodeLater()
	}
	a.pos, a.from = m, m
	if whole {
		a.from = a.tl.First[a.tl.StepOf(m)]
	}
	a.rebuild()
	a.saveURL(ctx)
	a.markFinished()
	if a.sc.W != a.fittedW || a.sc.Kernel.CardTop != a.fittedK {
		ctx.Defer(a.fit)
	}
	if a.big {
		ctx.Defer(a.reveal)
	}
	a.emitStep()
}

// scrollCodeLater brings the current statement into view in the code pane,
// from a timer after the step has been drawn (scrolling forces a layout,
// which would otherwise delay the step).
func (a *App) scrollCodeLater() {
	if !app.IsClient {
		return
	}
	if a.scrollFn == nil {
		a.scrollFn = app.FuncOf(func(this app.Value, args []app.Value) any {
			doc := app.Window().Get("document")
			if el := doc.Call("querySelector", `.code-line[data-current="1"]`); el.Truthy() {
				el.Call("scrollIntoView", map[string]any{"block": "nearest"})
			}
			return nil
		})
	}
	app.Window().Call("setTimeout", a.scrollFn, 30)
}

// Next, Prev, NextStmt, PrevStmt, First and Last are the player's moves.
func (a *App) Next(ctx app.Context) { a.goTo(ctx, a.pos+1, false) }
func (a *App) Prev(ctx app.Context) { a.goTo(ctx, a.pos-1, false) }

func (a *App) NextStmt(ctx app.Context) {
	if a.tl.Len() == 0 {
		return
	}
	s := a.tl.StepOf(a.pos)
	if a.pos == a.tl.LastOf(s) {
		s++ // already at the statement's end: on to the next one
	}
	if s >= len(a.trace.Steps) {
		s = len(a.trace.Steps) - 1
	}
	a.goTo(ctx, a.tl.LastOf(s), true)
}

func (a *App) PrevStmt(ctx app.Context) {
	if a.tl.Len() == 0 {
		return
	}
	s := a.tl.StepOf(a.pos) - 1
	if s < 0 {
		a.goTo(ctx, 0, false)
		return
	}
	a.goTo(ctx, a.tl.LastOf(s), true)
}

func (a *App) First(ctx app.Context) { a.goTo(ctx, 0, false) }
func (a *App) Last(ctx app.Context)  { a.goTo(ctx, a.tl.Len()-1, false) }

func (a *App) saveURL(ctx app.Context) {
	if !app.IsClient {
		return
	}
	u := *ctx.Page().URL()
	q := u.Query()
	q.Set("lesson", a.lessonID)
	q.Set("step", strconv.Itoa(a.pos))
	q.Set("lang", a.lang)
	if a.codeHidden {
		q.Set("code", "hide")
	} else {
		q.Del("code")
	}
	u.RawQuery = q.Encode()
	ctx.Page().ReplaceURL(&u)
}

// step moves one micro-step or one statement, forward or back.
func (a *App) step(ctx app.Context, dir int, stmt bool) {
	switch {
	case stmt && dir > 0:
		a.NextStmt(ctx)
	case stmt:
		a.PrevStmt(ctx)
	case dir > 0:
		a.Next(ctx)
	default:
		a.Prev(ctx)
	}
}

func (a *App) onKey(ctx app.Context, e app.Event) {
	if t := e.Get("target"); t.Truthy() {
		switch strings.ToLower(t.Get("tagName").String()) {
		case "textarea", "input", "select":
			return
		}
	}
	if e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool() || e.Get("altKey").Bool() || a.embedKey(e.Get("key").String()) {
		return
	}
	shift := e.Get("shiftKey").Bool()
	if a.slidesKey(e.Get("key").String()) {
		e.PreventDefault()
		a.Update()
		return
	}
	switch e.Get("key").String() {
	case "ArrowRight":
		a.step(ctx, 1, shift || a.stmt)
	case "ArrowLeft":
		a.step(ctx, -1, shift || a.stmt)
	case "Home":
		a.First(ctx)
	case "End":
		a.Last(ctx)
	case " ", "Spacebar":
		a.togglePlay(ctx)
	case "Escape":
		if a.insp == nil && !a.picking {
			return
		}
		a.insp, a.picking = nil, false
	case "+", "=":
		a.speed = min(a.speed+1, len(Speeds)-1)
	case "-", "_":
		a.speed = max(a.speed-1, 0)
	default:
		return
	}
	e.PreventDefault()
	a.Update()
	a.renderNow(ctx)
}

// togglePlay starts or stops auto-play. Each tick is scheduled with go-app's
// ctx.After, so it runs on the UI goroutine; it re-renders the App itself,
// since a key's context belongs to the window's listener, not to the App
// (a tick dispatched through it moved the URL but left the scene as it
// was). Ticks of an earlier play (playGen) do nothing.
func (a *App) togglePlay(ctx app.Context) {
	a.playing = !a.playing
	if !a.playing {
		return
	}
	if a.pos >= a.tl.Len()-1 {
		a.goTo(ctx, 0, false)
	}
	a.playGen++
	if app.IsClient { // component tests drive steps themselves
		a.scheduleTick(ctx, a.playGen)
	}
}

func (a *App) scheduleTick(ctx app.Context, gen int) {
	a.busy.Add(1)
	ctx.After(Speeds[a.speed], func(ctx app.Context) {
		a.busy.Add(-1)
		if !a.playing || a.playGen != gen {
			return
		}
		a.step(ctx, 1, a.stmt)
		if a.pos >= a.tl.Len()-1 {
			a.playing = false
		} else {
			a.scheduleTick(ctx, gen)
		}
		a.Update()
	})
}

// ---- editor ----

func (a *App) onDraft(ctx app.Context, e app.Event) {
	a.draft = ctx.JSSrc().Get("value").String()
	a.saveDraft(ctx)
}

// saveDraft keeps the draft in localStorage (every edit, so none is lost
// when the page dies), unless that exact text is already there: go-app
// stores it as JSON, which for a pasted megabyte took a third of a second
// in the browser, and Run saved the same text again.
func (a *App) saveDraft(ctx app.Context) {
	key := editKey(a.lessonID)
	if a.saved.key == key && a.saved.draft == a.draft {
		return
	}
	ctx.SetState(key, a.draft, app.Persist)
	if storageFailed(key) {
		// Not remembered as saved: the next edit or Run writes it again.
		a.notice, a.saveFailed = "storage.unavailable", true
		return
	}
	if a.saveFailed {
		a.notice, a.saveFailed = "", false
	}
	a.saved.key, a.saved.draft = key, a.draft
}

// forgetDraft removes the lesson's saved draft.
func (a *App) forgetDraft(ctx app.Context) {
	ctx.DelState(editKey(a.lessonID))
	a.saved.key, a.saved.draft = "", ""
}

func (a *App) runDraft(ctx app.Context, e app.Event) {
	a.saveDraft(ctx)
	l, _ := findLesson(a.lessonID)
	a.recovered = ""
	a.markRunning()
	if app.IsClient {
		a.startRun(ctx, a.draft, a.draft != l.Source)
		return
	}
	a.runDraftNow(ctx)
}

func (a *App) revert(ctx app.Context, e app.Event) {
	a.cancelRun()
	l, _ := findLesson(a.lessonID)
	a.forgetDraft(ctx)
	a.setSource(l.Source, false)
	a.saveURL(ctx)
}

func (a *App) pickLesson(ctx app.Context, e app.Event) {
	a.loadLesson(ctx, ctx.JSSrc().Get("value").String())
	a.editing = false
	a.saveURL(ctx)
}

// toggleCode folds the code pane away (the statement and its caption stay
// above the scene) or brings it back, and refits the scene to the width.
func (a *App) toggleCode(ctx app.Context, e app.Event) {
	a.codeHidden = !a.codeHidden
	a.fittedW = 0
	ctx.Defer(a.fit)
	a.saveURL(ctx)
}

func (a *App) toggleLang(ctx app.Context, e app.Event) {
	if a.lang == "ko" {
		a.lang = "en"
	} else {
		a.lang = "ko"
	}
	a.saveURL(ctx)
	a.showLang(ctx)
}

// SetStepForTest moves the player as a key press would (component tests).
func (a *App) SetStepForTest(ctx app.Context, m int, whole bool) { a.goTo(ctx, m, whole) }

// Scene is the scene on screen (component tests).
func (a *App) Scene() *scene.Scene { return a.sc }

// Timeline is the timeline being played (component tests).
func (a *App) Timeline() *scene.Timeline { return a.tl }

// LoadTraceForTest plays a trace built without the scenario language.
func (a *App) LoadTraceForTest(t *scene.Trace) {
	a.src, a.draft, a.trace = t.Source, t.Source, t
	a.tl = scene.NewTimeline(t)
	a.pos, a.from = 0, 0
	a.rebuild()
}
