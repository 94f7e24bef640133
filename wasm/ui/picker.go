package ui

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"handleviz/assets"
	"handleviz/wasm/scene"
)

// The lesson picker: the curriculum by chapter, each lesson with its
// summary and source and a mark once the student has stepped to its end,
// then every golden scenario ("More examples"). The <select> in the top
// bar stays as the quick switch.

// examplePrefix marks a golden scenario's ID in the picker and in
// permalinks: ?lesson=example:12_pipe.
const examplePrefix = "example:"

// findLesson returns a bundled lesson, or a golden scenario by its
// example ID.
func findLesson(id string) (assets.Lesson, bool) {
	if l, ok := assets.LessonByID(id); ok {
		return l, true
	}
	if g, ok := strings.CutPrefix(id, examplePrefix); ok {
		if e, ok := scene.ExampleByID(g); ok {
			return assets.Lesson{ID: id, Source: e.Source}, true
		}
	}
	return assets.Lesson{}, false
}

// lessonMeta reads a metadata key ("summary", "source") in lang from a
// scenario's header; consecutive lines of one key join.
func lessonMeta(src, key, lang string) string {
	read := func(k string) string {
		var parts []string
		prefix := "// " + k + ":"
		for _, line := range strings.Split(src, "\n") {
			line = strings.TrimSpace(line)
			if v, ok := strings.CutPrefix(line, prefix); ok {
				parts = append(parts, strings.TrimSpace(v))
			} else if len(parts) > 0 {
				break
			}
		}
		return strings.Join(parts, " ")
	}
	return scene.Text{En: read(key + ".en"), Ko: read(key + ".ko")}.In(lang)
}

// doneKey is where the browser keeps that a lesson was stepped to its end.
func doneKey(id string) string { return "handleviz.done." + id }

// finished reports whether the student has reached the lesson's end
// (false when storage cannot be read).
func finished(id string) bool {
	if !app.IsClient {
		return false
	}
	v, _ := storageGet(doneKey(id))
	return v == "1"
}

// markFinished records that the current lesson was played to its end
// (its own text, not an edit of it).
func (a *App) markFinished() {
	if !app.IsClient || a.edited || a.tl == nil || a.tl.Len() == 0 || a.pos != a.tl.Len()-1 {
		return
	}
	if v, _ := storageGet(doneKey(a.lessonID)); v != "1" {
		storageSet(doneKey(a.lessonID), "1")
	}
}

// pt is the catalogue text "pick."+k with its {0}, {1}… filled from args.
func pt(lang, k string, args ...any) string { return scene.Tf(lang, "pick."+k, strs(args)...) }

func (a *App) openPicker(ctx app.Context, e app.Event) { a.picking = true }

func (a *App) closePicker(ctx app.Context, e app.Event) { a.picking = false }

// pickFromList opens the lesson or example the clicked item names (its
// data-id: handlers read the element, they capture nothing per item).
func (a *App) pickFromList(ctx app.Context, e app.Event) {
	id := ctx.JSSrc().Get("dataset").Get("id").String()
	if _, ok := findLesson(id); !ok {
		return
	}
	a.picking = false
	a.insp = nil
	a.loadLesson(ctx, id)
	a.editing = false
	a.saveURL(ctx)
}

func (a *App) renderPicker() app.UI {
	if !a.picking {
		return nil
	}
	// num is the lesson's number in the curriculum (0: an example)
	item := func(num int, id, title, summary, source string, done bool) app.UI {
		cur := "0"
		if id == a.lessonID {
			cur = "1"
		}
		li := app.Li().Class("pick-item")
		if num > 0 {
			li = li.Attr("value", num)
		}
		return li.Body(
			app.Button().Class("pick-open").DataSet("id", id).DataSet("current", cur).DataSet("done", done).OnClick(a.pickFromList).Body(
				app.Span().Class("pick-title").Text(title),
				app.If(done, app.Span().Class("pick-done").Text(pt(a.lang, "done"))),
			),
			app.If(summary != "", app.P().Class("pick-summary").Text(summary)),
			app.If(source != "", app.P().Class("pick-source").Body(
				app.Span().Class("pick-source-label").Text(pt(a.lang, "source")+" "),
				app.Text(source),
			)),
		)
	}
	var chapters []app.UI
	total, done := 0, 0
	for _, ch := range assets.Curriculum() {
		items := make([]app.UI, 0, len(ch.Lessons))
		for _, l := range ch.Lessons {
			title := lessonTitle(l.Source, a.lang)
			if title == "" {
				title = l.ID
			}
			d := finished(l.ID)
			total++
			if d {
				done++
			}
			num, _ := strconv.Atoi(l.Place[2:])
			items = append(items, item(num, l.ID, title, lessonMeta(l.Source, "summary", a.lang), lessonMeta(l.Source, "source", a.lang), d))
		}
		chapters = append(chapters, app.Section().Class("pick-chapter").DataSet("chapter", ch.Key).Body(
			app.H3().Text(scene.Text{En: ch.En, Ko: ch.Ko}.In(a.lang)),
			app.Ol().Class("pick-list").Body(items...),
		))
	}
	var examples []app.UI
	for _, e := range scene.Examples() {
		title := lessonTitle(e.Source, a.lang)
		if title == "" {
			title = e.ID
		}
		examples = append(examples, item(0, examplePrefix+e.ID, e.ID[:2]+" · "+title, "", "", false))
	}
	chapters = append(chapters, app.Section().Class("pick-chapter").DataSet("chapter", "examples").Body(
		app.H3().Text(pt(a.lang, "more")),
		app.Ul().Class("pick-list examples").Body(examples...),
	))
	return app.Div().ID("picker").Class("overlay").Body(
		app.Div().Class("picker-panel").Aria("modal", "true").Aria("labelledby", "picker-title").Attr("role", "dialog").Body(
			app.Div().Class("panel-head").Body(
				app.H2().ID("picker-title").Text(pt(a.lang, "title")),
				app.Span().ID("picker-progress").Class("pick-progress").Text(progressText(done, total, a.lang)),
				app.Button().ID("picker-close").Class("btn").Text(pt(a.lang, "close")).OnClick(a.closePicker),
			),
			app.Div().Class("picker-body").Body(chapters...),
		),
	)
}

func progressText(done, total int, lang string) string {
	return strings.Join([]string{itoa(done), "/", itoa(total), " ", pt(lang, "progress")}, "")
}

// openExampleTitle is the title of the golden scenario that is open
// (?lesson=example:…), for the quick switch's entry: without it the menu,
// which lists only the lessons, would show the first lesson's title over
// another scenario. "" when a lesson is open.
func (a *App) openExampleTitle() string {
	if !strings.HasPrefix(a.lessonID, examplePrefix) {
		return ""
	}
	l, ok := findLesson(a.lessonID)
	if !ok {
		return ""
	}
	title := lessonTitle(l.Source, a.lang)
	if title == "" {
		title = strings.TrimPrefix(a.lessonID, examplePrefix)
	}
	return title
}
