package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"handleviz/wasm/scene"
)

// Themes: light, dark and projector (assets/style/slides.css), picked with
// ?theme=, the top bar's menu or the embed API's setTheme. Without a choice
// the page follows the system's prefers-color-scheme. The theme in effect
// is <html data-theme="…">, which the style sheet reads.

// effectiveTheme is the theme on screen.
func (a *App) effectiveTheme() string {
	if a.sl.theme != "" {
		return a.sl.theme
	}
	if a.sl.sysDark {
		return "dark"
	}
	return "light"
}

// SetTheme picks a theme ("" or "auto": follow the system); an unknown
// name is ignored. It keeps the choice in the URL.
func (a *App) SetTheme(ctx app.Context, name string) {
	if name == "auto" {
		name = ""
	}
	if _, ok := scene.Themes[name]; !ok && name != "" {
		return
	}
	a.sl.theme = name
	a.applyTheme()
	a.setURLParam(ctx, "theme", name)
	a.fittedW = 0 // the projector's larger text may change the fit
	ctx.Defer(a.fit)
}

func (a *App) applyTheme() {
	if !app.IsClient {
		return
	}
	if doc := app.Window().Get("document"); doc.Truthy() {
		doc.Get("documentElement").Call("setAttribute", "data-theme", a.effectiveTheme())
	}
}

// setURLParam sets (or, with "", removes) one query parameter in place.
func (a *App) setURLParam(ctx app.Context, key, value string) {
	if !app.IsClient {
		return
	}
	u := *ctx.Page().URL()
	q := u.Query()
	if value == "" {
		q.Del(key)
	} else {
		q.Set(key, value)
	}
	u.RawQuery = q.Encode()
	ctx.Page().ReplaceURL(&u)
}
