package ui

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"handleviz/wasm/scene"
)

// renderHelp is the "?" overlay: the keyboard shortcuts (onKey, slidesKey).
func (a *App) renderHelp() app.UI {
	if !a.sl.help {
		return nil
	}
	rows := []struct{ keys, what string }{
		{"→", "key.next"},
		{"←", "key.prev"},
		{"Home", "key.home"},
		{"End", "key.end"},
		{"Space", "key.space"},
		{"+ / −", "key.speed"},
		{"?", "key.help"},
		{"Esc", "key.esc"},
	}
	items := make([]app.UI, 0, 2*len(rows))
	for _, r := range rows {
		items = append(items, app.Dt().Body(app.Kbd().Text(r.keys)), app.Dd().Text(scene.T(a.lang, r.what)))
	}
	return app.Div().ID("help").Class("help").Role("dialog").Aria("modal", "false").Aria("labelledby", "help-title").Body(
		app.H2().ID("help-title").Class("help-title").Text(scene.T(a.lang, "help.title")),
		app.Dl().Class("keys").Body(items...),
		app.Button().ID("help-close").Class("btn").Text(scene.T(a.lang, "help.close")).OnClick(func(ctx app.Context, e app.Event) { a.sl.help = false }),
	)
}

// liveText is what a screen reader says at each step: where the player is,
// the statement, its caption and what the kernel did.
func (a *App) liveText() string {
	st := a.curStep()
	if st == nil {
		return ""
	}
	s := a.tl.StepOf(a.pos)
	parts := []string{positionText(a.lang, s+1, len(a.trace.Steps), a.pos-a.tl.First[s]+1, a.tl.First[s+1]-a.tl.First[s]) + ".",
		st.Process + ": " + st.Text}
	if c := st.Caption.In(a.lang); c != "" {
		parts = append(parts, c)
	}
	if n := scene.Narrate(a.tl.Micros[a.pos].Events, a.tl.Before(a.pos), a.tl.State(a.pos), a.lang); n != "" {
		parts = append(parts, n)
	}
	if r := st.ResultText(a.lang); r != "" {
		parts = append(parts, "→ "+r)
	}
	return strings.Join(parts, " ")
}

// renderLive is the ARIA live region: visually hidden, read politely after
// each step.
func (a *App) renderLive() app.UI {
	return app.Div().ID("live").Class("sr-only").Aria("live", "polite").Aria("atomic", "true").Role("status").Text(a.liveText())
}
