package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// renderNow draws the page at once instead of at go-app's next frame. go-app
// (v9.8.0) renders on a 120 Hz ticker that goes idle between keys and is
// restarted by the key's dispatch, so every step waited 8.3 ms before its
// render began. Its Consume (the engine's; the component tests' dispatcher
// has it too) handles what is queued and renders the frame now.
//
// Consume first waits for every ctx.Async and ctx.After goroutine to end, so
// it is used only when none of the App's is in flight: each one the App
// starts counts in a.busy (auto-play ticks, runs of the draft). Otherwise
// the step shows at the next frame, as before.
func (a *App) renderNow(ctx app.Context) {
	if !app.IsClient || a.busy.Load() != 0 {
		return
	}
	d := ctx.Dispatcher()
	c, ok := d.(interface{ Consume() })
	if !ok {
		return
	}
	// A window listener's handler runs on the event's goroutine, and the
	// listener then queues an update of the App: consuming here would render
	// twice. Queued first, this runs on the UI goroutine, takes that update
	// with it and renders once.
	d.Dispatch(app.Dispatch{Mode: app.Next, Source: a, Function: func(app.Context) {
		if a.busy.Load() == 0 {
			c.Consume()
		}
	}})
}
