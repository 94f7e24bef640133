package ui

import (
	"fmt"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"handleviz/wasm/scene"
)

// A process column's head, table header and variables are components, as
// its rows are: most steps change none of them, and go-app then skips
// their render and diff (issue 14's step latency). Each Render reads only
// the component's value fields.

// procHeadC is a column's name, PID, badge, parent and status.
type procHeadC struct {
	app.Compo
	Lang               string
	Name               string
	PID                uint32
	Change             scene.Change
	Parent             string
	Status, StatusKind string
}

func (c *procHeadC) Render() app.UI {
	return app.Div().Class("proc-head").Body(
		app.Div().Class("proc-name").Body(
			app.Span().Class("name").Text(c.Name),
			app.Span().Class("pid").Text(fmt.Sprintf("PID %d", c.PID)),
			badge(c.Lang, c.Change),
		),
		app.Div().Class("proc-parent").Text(c.Parent),
		app.Div().Class("proc-status").DataSet("status", c.StatusKind).Text(c.Status),
	)
}

// theadC is a handle table's header row.
type theadC struct {
	app.Compo
	Lang  string
	Short bool // embed mode's compact column names
}

func (c *theadC) Render() app.UI {
	col := func(key string) string {
		if c.Short {
			key += ".short"
		}
		return scene.T(c.Lang, key)
	}
	return app.Div().Class("thead").Body(
		app.Span().Class("c-idx").Text(col("col.index")),
		app.Span().Class("c-val").Text(col("col.value")),
		app.Span().Class("c-obj").Text(col("col.object")),
		app.Span().Class("c-acc").Title(scene.T(c.Lang, "col.access.title")).Text(col("col.access")), // "액세스 마스크" is clipped in the column
		app.Span().Class("c-flg").Text(col("col.flags")),
	)
}

// varsC is a column's variables, handles first. App is for the hover
// handlers only (the same pointer every time: it compares equal).
type varsC struct {
	app.Compo
	App  *App
	Lang string
	PID  uint32
	Vars []scene.Var
}

func (c *varsC) Render() app.UI {
	vars := make([]app.UI, 0, len(c.Vars)+1)
	// Handle variables first: they are what the picture is about.
	for _, v := range scene.HandlesFirst(c.Vars) {
		el := app.Div().Class("var").Body(
			app.Span().Class("vtype").Text(v.Type),
			app.Span().Class("vname").Text(v.Name),
			app.Span().Class("vval").Text("= "+v.Value),
		)
		if v.IsHandle {
			// The handlers read the row from the element: go-app keeps the
			// first closure of a given literal, so closures must not capture
			// per-row values.
			el = el.DataSet("handle", "1").DataSet("hpid", c.PID).DataSet("hidx", int(v.Handle>>2)).
				OnMouseEnter(c.App.onVarEnter).OnMouseLeave(c.App.onVarLeave)
		}
		vars = append(vars, el)
	}
	if len(c.Vars) == 0 {
		vars = append(vars, app.Div().Class("var none").Text(scene.T(c.Lang, "novars")))
	}
	return app.Div().Class("vars").Body(
		app.Div().Class("section-title").Text(scene.T(c.Lang, "variables")),
		app.Div().Class("var-list").Body(vars...),
	)
}
