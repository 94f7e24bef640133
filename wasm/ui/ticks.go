package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// ticksC is the slider's tick list, one per statement (a component: it
// only changes with the scenario).
type ticksC struct {
	app.Compo
	Ticks []int
}

func (c *ticksC) Render() app.UI {
	opts := make([]app.UI, len(c.Ticks))
	for i, v := range c.Ticks {
		opts[i] = app.Option().Value(v)
	}
	return app.DataList().ID("stmt-ticks").Body(opts...)
}

// ---- the scene ----
