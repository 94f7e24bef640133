package ui

import (
	"fmt"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"handleviz/wasm/scene"
)

// The leak report, shown at the last step of every lesson and scenario:
// what is still open, what is still alive and why, and where each handle
// left open (or left to the process's exit) was created.

var leakCache struct {
	tl *scene.Timeline
	m  int
	r  *scene.LeakReport
}

func leaksAt(tl *scene.Timeline, m int) *scene.LeakReport {
	if leakCache.tl != tl || leakCache.m != m || leakCache.r == nil {
		leakCache.tl, leakCache.m, leakCache.r = tl, m, scene.Leaks(tl, m)
	}
	return leakCache.r
}

// lt is the catalogue text "leak."+k with its {0}, {1}… filled from args.
func lt(lang, k string, args ...any) string { return scene.Tf(lang, "leak."+k, strs(args)...) }

// originText says where an entry was made, like `!htrace`'s stack: the
// line, how, and the statement.
func originText(lang string, o *scene.Origin) string {
	if o == nil {
		return lt(lang, "unknown")
	}
	how := o.Cause
	switch o.Cause {
	case "create":
		how = lt(lang, "c.create")
	case "open":
		how = lt(lang, "c.open")
	case "inherit":
		how = lt(lang, "c.inherit", o.From)
	case "duplicate":
		how = lt(lang, "c.dup", o.From)
	}
	return lt(lang, "created", o.Line, how, o.Text)
}

func keeperText(lang string, k scene.Keeper) string {
	if k.Kernel != "" {
		return lt(lang, k.Kernel)
	}
	return fmt.Sprintf("%s %s", k.Process, hex(uint64(k.Handle)))
}

// maxLeakItems caps each list of the report: a scenario that fills a
// table with thousands of handles gets the first ones and a count of the
// rest (the page stays quick; the pattern shows in the first few).
const maxLeakItems = 40

// capped cuts a list to maxLeakItems, adding a line that counts the rest.
func capped(lang string, items []app.UI, total int) []app.UI {
	if total <= maxLeakItems {
		return items
	}
	return append(items[:maxLeakItems:maxLeakItems], app.Li().Class("leak-more").Text(lt(lang, "more", total-maxLeakItems)))
}

func (a *App) renderLeak() app.UI {
	if a.tl == nil || a.tl.Len() == 0 || a.pos != a.tl.Len()-1 {
		return nil
	}
	r := leaksAt(a.tl, a.pos)
	lang := a.lang
	handleLine := func(who string, h scene.LeakHandle) app.UI {
		return app.Li().Class("leak-handle").DataSet("line", originLine(h.Origin)).Body(
			app.Span().Class("lh-who").Text(who),
			app.Code().Class("lh-val").Text(hex(uint64(h.Handle))),
			app.Span().Class("lh-obj").Text(scene.ObjectLabel(lang, h.Type, h.Name, h.Role)),
			app.Span().Class("lh-origin").Text(originText(lang, h.Origin)),
		)
	}
	var body []app.UI
	if r.Clean() {
		body = append(body, app.P().ID("leak-clean").Class("leak-clean").Text(lt(lang, "clean")))
	}
	if len(r.Procs) > 0 {
		var items []app.UI
		for _, p := range r.Procs {
			who := procWithPID(lang, p.Name, uint32(p.PID))
			for _, h := range p.Handles {
				if len(items) < maxLeakItems {
					items = append(items, handleLine(who, h))
				}
			}
		}
		body = append(body, app.H4().Text(lt(lang, "open")), app.Ul().ID("leak-open").Class("leak-list").Body(capped(lang, items, r.Handles)...))
	}
	if len(r.AtExit) > 0 {
		var items []app.UI
		for _, x := range r.AtExit[:min(len(r.AtExit), maxLeakItems)] {
			items = append(items, handleLine(procWithPID(lang, x.Process, uint32(x.PID)), x.LeakHandle))
		}
		body = append(body, app.H4().Text(lt(lang, "atexit")), app.Ul().ID("leak-atexit").Class("leak-list").Body(capped(lang, items, len(r.AtExit))...))
	}
	var objs []app.UI
	for _, o := range r.Objects[:min(len(r.Objects), maxLeakItems)] {
		keepers := make([]string, len(o.Keepers))
		for i, k := range o.Keepers {
			keepers[i] = keeperText(lang, k)
		}
		note := ""
		if o.OnlyKernel {
			note = " · " + lt(lang, "notleak")
		}
		objs = append(objs, app.Li().Class("leak-obj").DataSet("only-kernel", o.OnlyKernel).Body(
			app.Span().Class("lo-obj").Text(scene.ObjectLabel(lang, o.Type, o.Name, o.Role)),
			app.Code().Class("lo-addr").Text(addr(o.Addr)),
			app.Span().Class("lo-usage").Text(fmt.Sprintf("%s %d", lt(lang, "usage"), o.Usage)),
			app.Span().Class("lo-keepers").Text(lt(lang, "kept")+" "+strings.Join(keepers, ", ")+note),
		))
	}
	if len(objs) > 0 {
		body = append(body, app.H4().Text(lt(lang, "alive")), app.Ul().ID("leak-alive").Class("leak-list").Body(capped(lang, objs, len(r.Objects))...))
	}
	return app.Details().ID("leak-report").Class("leak").DataSet("clean", r.Clean()).Open(true).Body(
		app.Summary().Body(
			app.Strong().Text(lt(lang, "title")),
			app.Span().Class("leak-sum").Text(" · "+lt(lang, "summary", r.Handles, r.Leaked, len(r.AtExit))),
		),
		app.Div().Class("leak-body").Body(body...),
	)
}

func originLine(o *scene.Origin) int {
	if o == nil {
		return 0
	}
	return o.Line
}

func itoa(n int) string { return fmt.Sprint(n) }

// strs writes each argument as fmt's %v would, for the catalogue's {n}.
func strs(args []any) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = fmt.Sprint(a)
	}
	return out
}

// procWithPID is "Server (PID 1000)"; Korean puts no space before a gloss
// in parentheses (korean-style.md 2.5): "Server(PID 1000)".
func procWithPID(lang, name string, pid uint32) string {
	if lang == "ko" {
		return fmt.Sprintf("%s(PID %d)", name, pid)
	}
	return fmt.Sprintf("%s (PID %d)", name, pid)
}
