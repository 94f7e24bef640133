package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// arrowC is one arrow (or, with no ID, an empty slot): a component, so that
// only the arrows that changed are redrawn.
type arrowC struct {
	app.Compo
	A arrowLite
}

func (c *arrowC) Render() app.UI {
	ar := c.A
	if ar.ID == "" {
		return svg("path").DataSet("kind", "slot")
	}
	p := svg("path").ID(ar.ID).DataSet("kind", "arrow").DataSet("obj", ar.Obj).Attr("d", ar.D).Attr("marker-end", "url(#ah)")
	if ar.Ghost {
		p = p.DataSet("ghost", "1")
	}
	return p
}
