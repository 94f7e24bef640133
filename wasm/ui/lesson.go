package ui

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"handleviz/wasm/scene"
)

// What the page opens: the lesson and the language the address asks for.

// startLang is the page's language at start: the address's ?lang=, else
// the browser's.
func startLang(param string) string {
	if param == "en" || param == "ko" {
		return param
	}
	if nav := app.Window().Get("navigator"); nav.Truthy() && strings.HasPrefix(nav.Get("language").String(), "ko") {
		return "ko"
	}
	return "en"
}

// showLang makes the document's language and title follow the UI's, so a
// screen reader reads Korean as Korean and the tab says what the page is.
func (a *App) showLang(ctx app.Context) {
	if !app.IsClient {
		return
	}
	if doc := app.Window().Get("document"); doc.Truthy() {
		doc.Get("documentElement").Set("lang", a.lang)
	}
	ctx.Page().SetTitle(scene.T(a.lang, "app.title") + " — " + scene.T(a.lang, "app.subtitle"))
}

// loadLesson plays a bundled lesson, or the user's saved edit of it.
func (a *App) loadLesson(ctx app.Context, id string) {
	l, ok := findLesson(id)
	if !ok {
		if len(a.lessons) == 0 {
			return
		}
		l = a.lessons[0]
	}
	a.cancelRun()
	a.lessonID = l.ID
	a.recovered = ""
	a.insp = nil
	var saved string
	ctx.GetState(editKey(l.ID), &saved)
	if _, ok := storageGet(editKey(l.ID)); !ok {
		a.notice = "storage.unavailable"
	}
	switch {
	case saved != "" && saved != l.Source && crashedDraft(l.ID):
		a.offerDraft(l, saved)
	case saved != "" && saved != l.Source:
		a.runSaved(saved)
	default:
		a.setSource(l.Source, false)
	}
}

func editKey(id string) string { return "handleviz.edit." + id }
