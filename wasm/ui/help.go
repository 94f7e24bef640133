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

// liveText is what a screen reader says at each step: where the player is
// (the control bar's position), then what the caption shows: the
// statement, its caption, what the kernel did and the result.
func liveText(position string, c *captionC) string {
	if c.NoSteps {
		return ""
	}
	parts := []string{position + ".", c.Who + ": " + c.Stmt}
	for _, p := range []string{c.Caption, c.Narration, c.Result} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " ")
}

// renderLive is the ARIA live region: visually hidden, read politely after
// each step.
func renderLive(text string) app.UI {
	return app.Div().ID("live").Class("sr-only").Aria("live", "polite").Aria("atomic", "true").Role("status").Text(text)
}
