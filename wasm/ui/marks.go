package ui

import (
	"runtime/debug"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

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

// startupGC is the garbage collector's target percentage until the first
// scene: the heap grows from nothing to its working size during start-up,
// and at the default 100 the collector ran several times on the page's
// only thread before anything was drawn. restoreGC (after the first OnNav)
// puts the previous setting back.
const startupGC = 400

var gcBefore = 0 // 0: not raised

// RaiseGCForStartup raises the collector's target until restoreGC (the
// browser only: main calls it first).
func RaiseGCForStartup() {
	if app.IsClient {
		gcBefore = debug.SetGCPercent(startupGC)
	}
}

func restoreGC() {
	if gcBefore != 0 {
		debug.SetGCPercent(gcBefore)
		gcBefore = 0
	}
}
