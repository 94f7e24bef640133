package ui

import (
	"fmt"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"handleviz/wasm/scene"
)

// renderStd is a column's standard-handle section (nil when the scenario
// does not draw standard handles): each handle's value and what it names,
// the process's console or an object through its table.
func renderStd(lang string, p *scene.ProcView) app.UI {
	if len(p.Std) == 0 {
		return nil
	}
	lines := make([]app.UI, 0, len(p.Std))
	for i, v := range p.Std {
		val, target := scene.StdTarget(lang, v)
		kind := "object"
		switch {
		case v.Console != 0:
			kind = "console"
		case v.Handle == 0:
			kind = "none"
		case v.Obj == 0:
			kind = "invalid"
		}
		lines = append(lines, app.Div().Class("std-line").ID(fmt.Sprintf("std-%d-%d", p.PID, i)).DataSet("kind", kind).Body(
			app.Span().Class("std-which").Text(v.Which),
			app.Span().Class("std-val").Text(val),
			app.Span().Class("std-target").Text("→ "+target),
		))
	}
	return app.Div().Class("std").Body(
		app.Div().Class("section-title").Text(scene.T(lang, "std.title")),
		app.Div().Class("std-body").Body(lines...),
	)
}
