package ui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"handleviz/kernel"
	"handleviz/wasm/scene"
)

// The inspector: a click on (or Enter at) a handle row or an object card
// shows what Process Explorer's handle properties and WinDbg's
// `!handle h f` show, for the state at the current micro-step.

// inspectTarget is what the inspector shows: a handle (PID and index) or
// an object (Obj).
type inspectTarget struct {
	PID   kernel.PID
	Index int
	Obj   kernel.ObjectID
}

// it is the catalogue text "insp."+k with its {0}, {1}… filled from args.
func it(lang, k string, args ...any) string { return scene.Tf(lang, "insp."+k, strs(args)...) }

// onSceneClick opens the inspector on the row or card clicked; onSceneKey
// does the same for Enter on a focused one. One handler on the scene reads
// the element's ID ("row-PID-INDEX", "obj-ID"): nothing per row is
// captured.
func (a *App) onSceneClick(ctx app.Context, e app.Event) { a.inspectFrom(e.Get("target")) }

func (a *App) onSceneKey(ctx app.Context, e app.Event) {
	if e.Get("key").String() == "Enter" { // Space stays the player's play/pause
		if a.inspectFrom(e.Get("target")) {
			e.PreventDefault()
		}
	}
}

func (a *App) inspectFrom(target app.Value) bool {
	if !target.Truthy() {
		return false
	}
	el := target.Call("closest", `.row[id^="row-"], .card[id^="obj-"]`)
	if !el.Truthy() || el.Get("dataset").Get("free").Truthy() {
		return false
	}
	id := el.Get("id").String()
	if rest, ok := strings.CutPrefix(id, "row-"); ok {
		pid, idx, ok := strings.Cut(rest, "-")
		p, err1 := strconv.Atoi(pid)
		i, err2 := strconv.Atoi(idx)
		if !ok || err1 != nil || err2 != nil {
			return false
		}
		a.insp = &inspectTarget{PID: kernel.PID(p), Index: i}
		return true
	}
	if n, err := strconv.Atoi(strings.TrimPrefix(id, "obj-")); err == nil {
		a.insp = &inspectTarget{Obj: kernel.ObjectID(n)}
		return true
	}
	return false
}

func (a *App) closeInspector(ctx app.Context, e app.Event) { a.insp = nil }

func (a *App) renderInspector() app.UI {
	if a.insp == nil || a.tl == nil || a.tl.Len() == 0 {
		return nil
	}
	lang := a.lang
	var in *scene.Inspection
	var ok bool
	title := ""
	if a.insp.Obj != 0 {
		in, ok = scene.InspectObject(a.tl, a.pos, a.insp.Obj)
		if ok {
			title = it(lang, "title.o", scene.ObjectLabel(lang, in.Type, in.Name, in.Role))
		}
	} else {
		in, ok = scene.InspectHandle(a.tl, a.pos, a.insp.PID, a.insp.Index)
		if ok {
			title = it(lang, "title.h", hex(uint64(in.Handle)), in.Process, in.PID, in.Index)
		}
	}
	head := func(t string) app.UI {
		return app.Div().Class("panel-head").Body(
			app.H2().ID("inspector-title").Text(t),
			app.Button().ID("inspector-close").Class("btn").Text(it(lang, "close")).OnClick(a.closeInspector),
		)
	}
	if !ok {
		msg := it(lang, "gone")
		if a.insp.Obj != 0 {
			msg = it(lang, "gone.o")
		}
		return app.Aside().ID("inspector").Class("inspector").DataSet("gone", true).Body(head(""), app.P().Class("insp-gone").Text(msg))
	}
	row := func(k string, v ...app.UI) app.UI {
		return app.Div().Class("insp-row").DataSet("k", k).Body(
			app.Dt().Text(it(lang, k)),
			app.Dd().Body(v...),
		)
	}
	var rows []app.UI
	if in.HasHandle {
		attrs := []string{}
		if in.Inherit {
			attrs = append(attrs, it(lang, "inherit"))
		}
		if in.Protect {
			attrs = append(attrs, it(lang, "protect"))
		}
		if len(attrs) == 0 {
			attrs = append(attrs, it(lang, "none"))
		}
		rows = append(rows,
			row("access",
				app.Code().Class("insp-mask").Text(fmt.Sprintf("0x%X", in.Access)),
				app.Div().Class("insp-summary").Text(strings.Join(in.AccessSummary, " | ")),
			),
			row("rights", app.Div().Class("insp-rights").Text(strings.Join(in.AccessNames, " | "))),
			row("attrs", app.Div().Class("insp-attrs").Text(strings.Join(attrs, ", "))),
		)
	}
	name := in.Name
	if name == "" {
		name = it(lang, "noname")
		if in.Role != "" {
			name += " · " + scene.RoleText(lang, in.Role)
		}
	}
	keepers := make([]string, len(in.Keepers))
	for i, k := range in.Keepers {
		keepers[i] = keeperText(lang, k)
	}
	state := make([]string, len(in.State))
	for i, s := range in.State {
		state[i] = s.In(lang)
	}
	rows = append(rows,
		row("type", app.Text(scene.TypeWord(lang, in.Type))),
		row("name", app.Text(name)),
		row("addr", app.Code().Text(addr(in.Addr))),
		row("hcount", app.Span().Class("insp-hcount").Text(in.HandleCount)),
		row("usage", app.Span().Class("insp-usage").Text(it(lang, "usage.is", in.Usage, in.HandleCount, in.KernelRefs))),
		row("kept", app.Text(strings.Join(keepers, ", "))),
	)
	if len(state) > 0 {
		rows = append(rows, row("state", app.Text(strings.Join(state, " · "))))
	}
	if in.HasHandle {
		rows = append(rows, row("created", app.Text(originText(lang, in.Origin))))
	}
	kind := "object"
	if in.HasHandle {
		kind = "handle"
	}
	return app.Aside().ID("inspector").Class("inspector").DataSet("kind", kind).Aria("labelledby", "inspector-title").Body(
		head(title),
		app.Dl().Class("insp-list").Body(rows...),
	)
}
