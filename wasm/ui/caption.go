package ui

import (
	"fmt"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"handleviz/wasm/scene"
)

// captionC is the statement being played, what it means and what the
// kernel did. A component whose Render reads only its value fields: a
// step that leaves them as they were (a language switch's redraw of
// something else, an auto-play tick that stops) skips it.
type captionC struct {
	app.Compo
	App *App // only to count renders (tests); nothing shown comes from it

	Lang      string
	NoSteps   bool // nothing to play (an empty scenario or a parse error)
	Who, Stmt string
	Caption   string
	Narration string
	Result    string // "→ …", or ""
	LastError string // "GetLastError() = …", or ""
	Expect    int    // 0: no expect, 1: held, 2: failed
}

// renderCaption is the caption of the step being played.
func (a *App) renderCaption() *captionC {
	c := &captionC{App: a, Lang: a.lang}
	st := a.curStep()
	if st == nil {
		c.NoSteps = true
		return c
	}
	c.Who, c.Stmt, c.Caption = st.Process, st.Text, st.Caption.In(a.lang)
	// What the kernel did: every action of a statement step, but at most a
	// few sentences (a scan over a large table would fill the screen).
	const maxNarr = 3
	var narr []string
	for m := a.from; m <= a.pos; m++ {
		if len(narr) == maxNarr {
			narr = append(narr, fmt.Sprintf("(+%d)", a.pos-m+1))
			break
		}
		if s := scene.Narrate(a.tl.Micros[m].Events, a.tl.Before(m), a.tl.State(m), a.lang); s != "" {
			narr = append(narr, s)
		}
	}
	c.Narration = strings.Join(narr, " ")
	if r := st.ResultText(a.lang); r != "" {
		c.Result = "→ " + r
	}
	if st.HasLastError {
		c.LastError = fmt.Sprintf("GetLastError() = %s (%d)", st.LastError.Name(), uint32(st.LastError))
	}
	if st.Expect != nil {
		c.Expect = 2
		if *st.Expect {
			c.Expect = 1
		}
	}
	return c
}

func (c *captionC) Render() app.UI {
	if c.App != nil {
		c.App.compoRenders.caption++
	}
	if c.NoSteps {
		return app.Div().ID("caption").Class("caption").Body(app.P().Class("caption-text").Text(scene.T(c.Lang, "nosteps")))
	}
	result := []app.UI{}
	if c.Result != "" {
		result = append(result, app.Span().Class("ret").Text(c.Result))
	}
	if c.LastError != "" {
		result = append(result, app.Span().Class("lasterr").Text(c.LastError))
	}
	switch c.Expect {
	case 1:
		result = append(result, app.Span().Class("expect ok").Text(scene.T(c.Lang, "expect.ok")))
	case 2:
		result = append(result, app.Span().Class("expect fail").Text(scene.T(c.Lang, "expect.fail")))
	}
	return app.Div().ID("caption").Class("caption").Body(
		app.Div().Class("stmt").Body(
			app.Span().Class("who").Text(c.Who),
			app.Code().Class("stmt-src").Text(c.Stmt),
		),
		app.If(c.Caption != "", app.P().ID("caption-text").Class("caption-text").Text(c.Caption)),
		app.If(c.Narration != "", app.P().ID("narration").Class("narration").Text(c.Narration)),
		app.Div().ID("result").Class("result").Body(result...),
	)
}
