package ui

import (
	"fmt"
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"handleviz/wasm/scene"
)

// The control bar is the step buttons, the slider with its position, and
// the step mode and speed. The buttons and the two menus are components
// whose Render reads only their value fields, so a step (which moves only
// the slider and the position) skips their render and go-app's diff; each
// sits in a wrapper with display: contents, so that the bar lays out its
// buttons and menus as before. Their App field is for the handlers (the
// same pointer every time: it compares equal) and is never read for
// anything shown.

// position is where the player is ("Statement 3 of 12 · action 1 of 2"),
// or "" with nothing to play.
func (a *App) position() string {
	if a.tl.Len() == 0 {
		return ""
	}
	s := a.tl.StepOf(a.pos)
	return positionText(a.lang, s+1, len(a.trace.Steps), a.pos-a.tl.First[s]+1, a.tl.First[s+1]-a.tl.First[s])
}

// renderControls is the control bar of the App's current state; position
// is a.position().
func (a *App) renderControls(position string) app.UI {
	n := a.tl.Len()
	return app.Div().ID("controls").Class("controls").Body(
		&stepButtonsC{App: a, Lang: a.lang, Playing: a.playing},
		app.Input().ID("slider").Class("slider").Type("range").Min(0).Max(max(n-1, 0)).Value(a.pos).List("stmt-ticks").Aria("label", "step").
			OnInput(a.onSlider),
		&ticksC{Ticks: a.tl.First[:len(a.trace.Steps)]},
		app.Span().ID("pos").Class("pos").Text(position),
		&playOptionsC{App: a, Lang: a.lang, Stmt: a.stmt, Speed: a.speed},
	)
}

func (a *App) onSlider(ctx app.Context, e app.Event) {
	v, _ := strconv.Atoi(ctx.JSSrc().Get("value").String())
	a.goTo(ctx, v, false)
}

// stepButtonsC is first, back, play or pause, forward and last.
type stepButtonsC struct {
	app.Compo
	App     *App
	Lang    string
	Playing bool
}

func (c *stepButtonsC) Render() app.UI {
	c.App.compoRenders.stepButtons++
	lang := c.Lang
	play, playTitle := scene.T(lang, "play.s"), scene.T(lang, "play")
	if c.Playing {
		play, playTitle = scene.T(lang, "pause.s"), scene.T(lang, "pause")
	}
	btn := func(id, label, key string, h app.EventHandler) app.UI {
		return app.Button().ID(id).Class("btn icon").Title(scene.T(lang, key)).Aria("label", scene.T(lang, key)).Text(label).OnClick(h)
	}
	return app.Div().Class("ctl-group").Body(
		btn("btn-first", "⇤", "first", c.onFirst),
		btn("btn-prev", "◀", "prev", c.onPrev),
		app.Button().ID("btn-play").Class("btn play").DataSet("playing", c.Playing).Title(playTitle).Aria("label", playTitle).Text(play).OnClick(c.onPlay),
		btn("btn-next", "▶", "next", c.onNext),
		btn("btn-last", "⇥", "last", c.onLast),
	)
}

func (c *stepButtonsC) onFirst(ctx app.Context, e app.Event) { c.App.First(ctx) }
func (c *stepButtonsC) onPrev(ctx app.Context, e app.Event)  { c.App.step(ctx, -1, c.App.stmt) }
func (c *stepButtonsC) onPlay(ctx app.Context, e app.Event)  { c.App.togglePlay(ctx) }
func (c *stepButtonsC) onNext(ctx app.Context, e app.Event)  { c.App.step(ctx, 1, c.App.stmt) }
func (c *stepButtonsC) onLast(ctx app.Context, e app.Event)  { c.App.Last(ctx) }

// playOptionsC is the step mode (micro-step or statement) and the speed.
type playOptionsC struct {
	app.Compo
	App   *App
	Lang  string
	Stmt  bool
	Speed int
}

func (c *playOptionsC) Render() app.UI {
	c.App.compoRenders.playOptions++
	lang := c.Lang
	speedOpts := make([]app.UI, len(Speeds))
	for i, d := range Speeds {
		speedOpts[i] = app.Option().Value(i).Selected(i == c.Speed).Text(fmt.Sprintf("%.1f s", d.Seconds()))
	}
	return app.Div().Class("ctl-group").Body(
		app.Label().Class("mode").Body(
			app.Span().Text(scene.T(lang, "step.by")+" "),
			app.Select().ID("mode").OnChange(c.onMode).Body(
				app.Option().Value("micro").Selected(!c.Stmt).Text(scene.T(lang, "by.micro")),
				app.Option().Value("stmt").Selected(c.Stmt).Text(scene.T(lang, "by.stmt")),
			),
		),
		app.Label().Class("speed").Body(
			app.Span().Text(scene.T(lang, "speed")+" "),
			app.Select().ID("speed").OnChange(c.onSpeed).Body(speedOpts...),
		),
	)
}

func (c *playOptionsC) onMode(ctx app.Context, e app.Event) {
	c.App.stmt = ctx.JSSrc().Get("value").String() == "stmt"
}

func (c *playOptionsC) onSpeed(ctx app.Context, e app.Event) {
	c.App.speed, _ = strconv.Atoi(ctx.JSSrc().Get("value").String())
}
