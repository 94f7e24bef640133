package ui

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// Mark records a phase of the start-up (or a step) in the page's
// performance timeline: the browser figures (wasm/e2e) split the time to
// the first scene with these marks. Nothing happens on the host.
func Mark(name string) {
	if !app.IsClient {
		return
	}
	if p := app.Window().Get("performance"); p.Truthy() {
		p.Call("mark", name)
	}
}

// markOnce marks name the first time only (a render or handler that runs
// again later).
func (a *App) markOnce(name string) {
	if a.marked == nil {
		a.marked = map[string]bool{}
	}
	if !a.marked[name] {
		a.marked[name] = true
		Mark(name)
	}
}
