package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// codeLineC is one line of the code pane: a component, so that a step
// redraws only the lines whose highlight or mark changed.
type codeLineC struct {
	app.Compo
	N            int
	Class, Mark  string // Class: plain, comment or proc (not Kind: app.UI has a Kind method)
	Src          string
	Current, Err bool
}

func (c *codeLineC) Render() app.UI {
	// Two elements, not four: the number and the expect mark are drawn by
	// CSS from data-line and data-mark (the code pane is most of the
	// page's elements, which every start mounts).
	row := app.Div().Class("code-line").DataSet("kind", c.Class).DataSet("line", c.N).Body(
		app.Span().Class("src").Text(c.Src),
	)
	if c.Mark != "" {
		row = row.DataSet("mark", c.Mark)
	}
	if c.Current {
		row = row.DataSet("current", "1")
	}
	if c.Err {
		row = row.DataSet("error", "1")
	}
	return row
}

// ---- caption and result ----
