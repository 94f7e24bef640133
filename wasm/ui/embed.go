package ui

import (
	"fmt"
	"net/url"
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"handleviz/wasm/scene"
)

// Embed mode (?embed=1, docs/embedding.md): a lesson inside a slide or a
// web page. No top bar and no code pane; the statement and its caption
// above the scene; compact controls (none with ?controls=0); the scene in
// its compact geometry (scene.SetCompact), zoomed once per lesson so that
// its largest step fills the frame.
//
// Keys: a page in an <iframe> gets key presses only while it has the focus,
// which it takes when it is clicked. Until then → and ← go to the deck;
// after a click they step the lesson, and Escape hands them back to the
// deck (window.parent.focus(), allowed across origins).

// embedState is the page's embed options and the postMessage API's state.
type embedState struct {
	on       bool
	controls bool     // compact controls shown (?controls=0 hides them)
	origins  []string // allowed to command (nil: any)

	onMessage app.Func
	ready     bool // the ready event has been sent

	// The stage size and the lesson the zoom was computed for.
	fitW, fitH float64
	fitTL      *scene.Timeline
}

// read reads the embed options from the page's URL: ?embed=1,
// ?controls=0, ?origins=…, ?theme=….
func (e *embedState) read(u *url.URL) (bad []string) {
	q := u.Query()
	e.on = q.Get("embed") == "1" || q.Get("embed") == "true"
	e.controls = q.Get("controls") != "0"
	e.origins, bad = parseOrigins(q.Get("origins"))
	return bad
}

// initEmbed runs first in OnMount: in embed mode the first render on the
// client is already the compact one.
func (a *App) initEmbed(ctx app.Context) {
	bad := a.emb.read(app.Window().URL())
	for _, o := range bad {
		warn(fmt.Sprintf("handleviz: ?origins= entry %q is not an origin (https://host[:port]); left out", o))
	}
	if a.emb.on {
		scene.SetCompact(true)
		a.codeHidden = true
		if a.tl != nil {
			a.rebuild()
		}
	}
	a.listenMessages(ctx)
}

// renderEmbed is the page in embed mode.
func (a *App) renderEmbed() app.UI {
	reduced := "0"
	if a.reduced {
		reduced = "1"
	}
	client := "0"
	if a.client {
		client = "1"
	}
	var controls app.UI
	if a.emb.controls {
		controls = a.renderEmbedControls()
	}
	return app.Div().ID("app").DataSet("embed", "1").DataSet("lang", a.lang).DataSet("reduced", reduced).DataSet("client", client).DataSet("renders", a.renders).DataSet("runs", a.runsDone).Body(
		app.Div().Class("stage").Body(
			a.renderCaption(),
			app.Div().ID("scene-scroll").Class("scene-scroll").Body(a.renderScene()),
			controls,
		),
	)
}

// renderEmbedControls is the compact control bar: first, back, play,
// forward, last, the slider and where the lesson is.
func (a *App) renderEmbedControls() app.UI {
	n := a.tl.Len()
	pos := ""
	if n > 0 {
		pos = fmt.Sprintf("%d / %d", a.tl.StepOf(a.pos)+1, len(a.trace.Steps))
	}
	play, playTitle := "▶▶", scene.T(a.lang, "play")
	if a.playing {
		play, playTitle = "❚❚", scene.T(a.lang, "pause")
	}
	btn := func(id, label, title string, h app.EventHandler) app.UI {
		return app.Button().ID(id).Class("btn icon").Title(title).Aria("label", title).Text(label).OnClick(h)
	}
	return app.Div().ID("controls").Class("controls embed-controls").Body(
		btn("btn-first", "⇤", scene.T(a.lang, "first"), func(ctx app.Context, e app.Event) { a.First(ctx) }),
		btn("btn-prev", "◀", scene.T(a.lang, "prev"), func(ctx app.Context, e app.Event) { a.step(ctx, -1, a.stmt) }),
		app.Button().ID("btn-play").Class("btn icon play").DataSet("playing", a.playing).Title(playTitle).Aria("label", playTitle).Text(play).
			OnClick(func(ctx app.Context, e app.Event) { a.togglePlay(ctx) }),
		btn("btn-next", "▶", scene.T(a.lang, "next"), func(ctx app.Context, e app.Event) { a.step(ctx, 1, a.stmt) }),
		btn("btn-last", "⇥", scene.T(a.lang, "last"), func(ctx app.Context, e app.Event) { a.Last(ctx) }),
		app.Input().ID("slider").Class("slider").Type("range").Min(0).Max(max(n-1, 0)).Value(a.pos).Aria("label", "step").
			OnInput(func(ctx app.Context, e app.Event) {
				v, _ := strconv.Atoi(ctx.JSSrc().Get("value").String())
				a.goTo(ctx, v, false)
			}),
		app.Span().ID("pos").Class("pos").Title(scene.T(a.lang, "statement")).Text(pos),
	)
}

// fitEmbed zooms the scene so that the lesson's largest step fits the
// stage (up to 1.6×, for a big frame on a projector). The zoom stays the
// same through the lesson: a slide that jumped in size at every step would
// be hard to follow.
func (a *App) fitEmbed(ctx app.Context) {
	if a.tl == nil {
		return
	}
	el := app.Window().GetElementByID("scene-scroll")
	if !el.Truthy() {
		return
	}
	w, h := el.Get("clientWidth").Float(), el.Get("clientHeight").Float()
	if w <= 0 || h <= 0 {
		return
	}
	if w == a.emb.fitW && h == a.emb.fitH && a.emb.fitTL == a.tl {
		return
	}
	a.emb.fitW, a.emb.fitH, a.emb.fitTL = w, h, a.tl
	// 2 px to spare: a fractional zoom rounds box sizes, and a scroll bar
	// that appeared would take the room it was computed for.
	perRow := scene.MinCardsPerRow
	var z float64
	k := perRow
	if a.big || a.tl.Len() > maxFitSteps {
		// an edited scenario of a size no lesson has: fit the step on
		// screen (building every step seven times would stall the page)
		z = min((w-2)/a.sc.W, (h-2)/a.sc.H, 1.6)
	} else {
		z, k = scene.FitCompact(a.tl, w-2, h-2, 1.6)
	}
	// the zoom is written with 3 decimals: round down so it stays a fit
	z = float64(int(z*1000)) / 1000
	if k != perRow {
		a.rebuild()
	}
	a.fittedW, a.fittedK = a.sc.W, a.sc.Kernel.CardTop
	if z != a.zoom || k != perRow {
		a.zoom = z
		a.Update()
	}
}

// maxFitSteps bounds the lessons whose every step is measured to fit
// (the bundled ones have at most 40 micro-steps).
const maxFitSteps = 400

// embedKey handles the keys that only embed mode has: Escape gives the
// keyboard back to the page around the frame.
func (a *App) embedKey(key string) bool {
	if !a.emb.on || key != "Escape" {
		return false
	}
	if doc := app.Window().Get("document"); doc.Truthy() {
		if el := doc.Get("activeElement"); el.Truthy() && el.Get("blur").Truthy() {
			el.Call("blur")
		}
	}
	if p := app.Window().Get("parent"); p.Truthy() && !p.Equal(app.Window()) {
		p.Call("focus")
	}
	return true
}
