package ui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"handleviz/kernel"
	"handleviz/wasm/scene"
)

// rowC is one handle-table row. As a component it is only re-rendered when
// its fields change, which keeps a step cheap with thousands of rows.
type rowC struct {
	app.Compo
	R    scene.RowView
	PID  uint32
	HL   bool
	Lang string
	Slot bool // an empty slot of a big scene's band
}

func (c *rowC) Render() app.UI {
	if c.Slot {
		return app.Div().Class("row-slot")
	}
	r, lang := &c.R, c.Lang
	id := fmt.Sprintf("row-%d-%d", c.PID, r.Index)
	row := app.Div().ID(id).Class("row").DataSet("index", r.Index).DataSet("change", string(r.Change)).Style("grid-row", strconv.Itoa(r.Index))
	if c.HL {
		row = row.DataSet("hl", "1")
	}
	if r.Free {
		return row.DataSet("free", "1").Body(
			app.Span().Class("c-idx").Text(r.Index),
			app.Span().Class("c-val").Text(hex(uint64(r.Handle))),
			app.Span().Class("c-obj na").Text(scene.T(lang, "free")),
			app.Span().Class("c-acc na").Text("—"),
			app.Span().Class("c-flg").Text(""),
			badge(lang, r.Change),
		)
	}
	if r.Ghost {
		row = row.DataSet("ghost", "1")
	} else {
		row = row.TabIndex(0) // Enter opens the inspector (inspector.go)
	}
	flags := []app.UI{}
	if uint32(r.Flags)&kernel.HANDLE_FLAG_INHERIT != 0 {
		flags = append(flags, app.Span().Class("flag").DataSet("flag", "inherit").Text(scene.T(lang, "flag.inherit")))
	}
	if uint32(r.Flags)&kernel.HANDLE_FLAG_PROTECT_FROM_CLOSE != 0 {
		flags = append(flags, app.Span().Class("flag").DataSet("flag", "protect").Text(scene.T(lang, "flag.protect")))
	}
	if len(flags) == 0 {
		flags = append(flags, app.Span().Class("noflag").Text("—"))
	}
	t := scene.TypeByName(r.Type)
	typeWord, name := scene.Heading(lang, r.Type, r.Name, r.Role)
	decoded := strings.Join(scene.AccessSummary(t, r.Access), " | ")
	return row.Body(
		app.Span().Class("c-idx").Text(r.Index),
		app.Span().Class("c-val").Text(hex(uint64(r.Handle))),
		app.Span().Class("c-obj").Body(
			app.Span().Class("otype").Text(typeWord),
			app.Span().Class("oname").Text(name),
			app.Span().Class("oaddr").Text(addr(r.Addr)),
		),
		app.Span().Class("c-acc").Title(fmt.Sprintf("0x%X: ", r.Access)+decoded).Aria("label", decoded).Body(
			app.Span().Class("acc-hex").Text(fmt.Sprintf("0x%06X", r.Access)),
			app.Span().Class("acc-short").Text(scene.ShortAccess(t, r.Access)),
		),
		app.Span().Class("c-flg").Body(flags...),
		badge(lang, r.Change),
	)
}

// WaitText says where a process waits: "waiting in ReadFile(0x4) on Pipe
// read end".
func WaitText(lang string, w *scene.WaitView) string {
	call := w.Call
	if w.Handle != 0 {
		call = fmt.Sprintf("%s(%s)", w.Call, hex(uint64(w.Handle)))
	}
	obj := scene.ObjectLabel(lang, w.Type, w.Name, w.Role)
	return scene.FixJosa(scene.Line{Key: "wait.on", Args: []string{call, obj}}.Format(scene.T(lang, "wait.on")))
}

// badge is the text that says what changed (so that no change is shown by
// colour alone).
func badge(lang string, c scene.Change) app.UI {
	if c == scene.ChNone || c == scene.ChCount || c == scene.ChData {
		return nil // the count and the data badges say it
	}
	return app.Span().Class("badge").DataSet("change", string(c)).Text(scene.T(lang, "ch."+string(c)))
}
