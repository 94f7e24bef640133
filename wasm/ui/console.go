package ui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"handleviz/wasm/scene"
)

// consoleCardC is one console's card in the kernel area: the object the
// console handle values name (drawn only in a scenario about standard
// handles), with who uses it and what its screen shows.
type consoleCardC struct {
	app.Compo
	C    scene.ConsoleView
	Lang string
}

// consoleScreenLines is how many of the newest screen lines the card shows.
const consoleScreenLines = 3

func (c *consoleCardC) Render() app.UI {
	cv, lang := &c.C, c.Lang
	screen := cv.Screen
	if len(screen) > consoleScreenLines {
		screen = screen[len(screen)-consoleScreenLines:]
	}
	lines := make([]app.UI, 0, consoleScreenLines)
	for _, l := range screen {
		lines = append(lines, app.Div().Class("con-line").Text(l))
	}
	if len(lines) == 0 {
		lines = append(lines, app.Div().Class("con-line blank").Text(scene.T(lang, "console.blank")))
	}
	r := cv.Rect
	return app.Div().ID(fmt.Sprintf("console-%d", cv.N)).Class("card console-card").DataSet("console", cv.N).
		Style("left", px(r.X)).Style("top", px(r.Y)).Style("width", px(r.W)).Style("height", px(r.H)).Body(
		app.Div().Class("card-head").Body(
			app.Span().Class("ctype").Text(scene.T(lang, "console")),
			app.Span().Class("cname").Text(strconv.Itoa(cv.N)),
		),
		app.Div().Class("con-users").Text(scene.T(lang, "console.users")+": "+strings.Join(cv.Procs, ", ")),
		app.Div().Class("con-note").Text(scene.T(lang, "console.note")),
		app.Div().Class("con-body").Aria("label", scene.T(lang, "console.screen")).Body(lines...),
	)
}
