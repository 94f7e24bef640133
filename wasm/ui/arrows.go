package ui

import (
	"fmt"
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"handleviz/kernel"
	"handleviz/wasm/scene"
)

func (a *App) renderArrows(sc *scene.Scene) app.UI {
	body := make([]app.UI, 0, len(sc.Procs)+8)
	body = append(body, svg("defs").Body(
		svg("marker").ID("ah").Attr("viewBox", "0 0 10 10").Attr("refX", 9).Attr("refY", 5).
			Attr("markerWidth", 7).Attr("markerHeight", 7).Attr("orient", "auto-start-reverse").
			Body(svg("path").Attr("d", "M 0 0 L 10 5 L 0 10 z").DataSet("kind", "head")),
		svg("marker").ID("ah-hot").Attr("viewBox", "0 0 10 10").Attr("refX", 9).Attr("refY", 5).
			Attr("markerWidth", 6).Attr("markerHeight", 6).Attr("orient", "auto-start-reverse").
			Body(svg("path").Attr("d", "M 0 0 L 10 5 L 0 10 z").DataSet("kind", "head-hot")),
		svg("marker").ID("jh").Attr("viewBox", "0 0 10 10").Attr("refX", 8).Attr("refY", 5).
			Attr("markerWidth", 3.2).Attr("markerHeight", 3.2).Attr("orient", "auto-start-reverse").
			Body(svg("path").Attr("d", "M 0 0 L 10 5 L 0 10 z").DataSet("kind", "head-joint")),
	))
	// Every arrow, per column, in components that only re-render when that
	// column's arrows move; then the highlighted ones drawn again on top.
	cols := map[kernel.PID][]arrowLite{}
	slots := a.bandSlots()
	if slots > 0 {
		for _, p := range sc.Procs {
			cols[p.PID] = make([]arrowLite, slots) // in slots, as the rows
		}
	}
	var hot []app.UI
	for _, ar := range sc.Arrows {
		al := arrowLite{ID: fmt.Sprintf("arrow-%d-%d", ar.PID, ar.Index), Obj: uint32(ar.Obj), D: ar.D, Ghost: ar.Ghost}
		if col := cols[ar.PID]; slots > 0 && col != nil {
			col[(ar.Index-1)%slots] = al
		} else {
			cols[ar.PID] = append(cols[ar.PID], al)
		}
		if ar.Changed || (a.hoverP == uint32(ar.PID) && a.hoverI == ar.Index) {
			hot = append(hot, svg("path").DataSet("kind", "arrow").DataSet("hot", "1").Attr("d", ar.D).Attr("marker-end", "url(#ah-hot)"))
		}
	}
	for _, p := range sc.Procs {
		body = append(body, &arrowsC{Arrows: cols[p.PID]})
	}
	// The joints between the two ends of each pipe: a thick line, its
	// arrowhead where the data goes.
	for _, j := range sc.Joints {
		hot := "0"
		if j.Hot {
			hot = "1"
		}
		p := svg("path").ID(fmt.Sprintf("joint-%d-%d", j.From, j.To)).DataSet("kind", "joint").DataSet("hot", hot).Attr("d", j.D).Attr("marker-end", "url(#jh)")
		if j.Both {
			p = p.Attr("marker-start", "url(#jh)")
		}
		body = append(body, p)
	}
	// Console handle values to their console's card: dashed, as they are
	// not handle-table entries.
	for _, l := range sc.StdLinks {
		body = append(body, svg("path").ID(fmt.Sprintf("stdlink-%d-%d", l.PID, l.Which)).DataSet("kind", "std").Attr("d", l.D).Attr("marker-end", "url(#ah)"))
	}
	body = append(body, svg("g").DataSet("kind", "hot").Body(hot...))
	return svg("svg").ID("arrows").Attr("width", sc.W).Attr("height", sc.H).
		Attr("viewBox", fmt.Sprintf("0 0 %s %s", strconv.FormatFloat(sc.W, 'f', -1, 64), strconv.FormatFloat(sc.H, 'f', -1, 64))).
		Body(body...)
}

type arrowLite struct {
	ID    string
	Obj   uint32
	D     string
	Ghost bool
}

// arrowsC draws one column's arrows.
type arrowsC struct {
	app.Compo
	Arrows []arrowLite
}

func (c *arrowsC) Render() app.UI {
	paths := make([]app.UI, len(c.Arrows))
	for i, ar := range c.Arrows {
		paths[i] = &arrowC{A: ar}
	}
	return svg("g").Body(paths...)
}
