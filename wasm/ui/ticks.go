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

// maxTicks bounds the tick list: a slider cannot show more ticks than it
// has pixels to spare, and go-app removes a shrinking list's children one
// at a time, each removal copying the rest: going from a run with 20,000
// statements to a parse error (no ticks) took 26 s to 127 s in the browser
// (issue 15's 40,000-term sum, run after the 200-variable loop).
const maxTicks = 200

func (c *ticksC) Render() app.UI {
	ticks := thinTicks(c.Ticks, maxTicks)
	opts := make([]app.UI, len(ticks))
	for i, v := range ticks {
		opts[i] = app.Option().Value(v)
	}
	return app.DataList().ID("stmt-ticks").Body(opts...)
}

// thinTicks keeps at most n of the ticks, evenly spread, the first kept.
func thinTicks(ticks []int, n int) []int {
	if len(ticks) <= n {
		return ticks
	}
	out := make([]int, 0, n)
	for i := 0; i < n; i++ {
		out = append(out, ticks[i*len(ticks)/n])
	}
	return out
}

// ---- the scene ----
