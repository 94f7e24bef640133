package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"handleviz/assets"
	"handleviz/wasm/scene"
)

// Crash-safe editing. A draft is saved before it runs, so a draft that
// kills the page (out of memory, a frozen tab the user closes) used to be
// re-run on every load: the lesson was bricked. Now a run of an edited
// draft is marked in localStorage first and unmarked when it finished; a
// load that finds the mark does not run the draft, opens the lesson, and
// offers the draft back (open anyway, download, discard).

func runningKey(id string) string { return "handleviz.running." + id }

// storageGet, storageSet and storageDel reach localStorage directly and
// never panic: site storage may be blocked (reading window.localStorage
// throws SecurityError), full (setItem throws QuotaExceededError) or hold
// anything. ok is false when the storage could not be used.
func storageGet(key string) (v string, ok bool) {
	defer func() {
		if recover() != nil {
			v, ok = "", false
		}
	}()
	if app.Window().Get("handlevizStorageBlocked").Truthy() {
		return "", false // the page's guard put an in-memory storage in place
	}
	item := app.Window().Get("localStorage").Call("getItem", key)
	if item.Truthy() {
		return item.String(), true
	}
	return "", true
}

func storageSet(key, value string) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	app.Window().Get("localStorage").Call("setItem", key, value)
	return true
}

// storageFailed reports whether the page's last failed write to
// localStorage (recorded by the guard in handler.go) was of key, and
// forgets it.
func storageFailed(key string) bool {
	w := app.Window()
	f := w.Get("handlevizStorageFailed")
	if !f.Truthy() {
		return false
	}
	w.Set("handlevizStorageFailed", nil)
	return f.String() == key
}

func storageDel(key string) {
	defer func() { recover() }()
	app.Window().Get("localStorage").Call("removeItem", key)
}

// markRunning marks a run of the lesson's edited draft; a failure to mark
// (storage blocked or full) is a notice, not a reason not to run.
func (a *App) markRunning() {
	if !storageSet(runningKey(a.lessonID), "1") {
		a.notice = "storage.unavailable"
	}
}

func (a *App) unmarkRunning() { storageDel(runningKey(a.lessonID)) }

// crashedDraft reports whether the last run of the lesson's draft never
// finished: the page died while it ran.
func crashedDraft(id string) bool {
	v, _ := storageGet(runningKey(id))
	return v != ""
}

// runSaved plays a saved draft, marked as running while it compiles.
func (a *App) runSaved(src string) {
	a.markRunning()
	a.setSource(src, true)
	a.unmarkRunning()
}

// offerDraft opens the lesson's own source and keeps the draft that
// crashed for the notice's buttons.
func (a *App) offerDraft(l assets.Lesson, draft string) {
	a.recovered = draft
	a.setSource(l.Source, false)
}

func (a *App) openRecovered(ctx app.Context, e app.Event) {
	src := a.recovered
	a.recovered = ""
	a.runSaved(src)
	a.editing = true
	a.saveURL(ctx)
}

// discardRecovered drops the crashed draft. If the user has edited since,
// storage holds that edit instead, and it stays.
func (a *App) discardRecovered(ctx app.Context, e app.Event) {
	a.recovered = ""
	if a.saved.key != editKey(a.lessonID) {
		a.forgetDraft(ctx)
	}
	a.unmarkRunning()
}

func (a *App) downloadRecovered(ctx app.Context, e app.Event) {
	defer func() { recover() }()
	doc := app.Window().Get("document")
	blob := app.Window().Get("Blob").New([]any{a.recovered}, map[string]any{"type": "text/plain;charset=utf-8"})
	url := app.Window().Get("URL").Call("createObjectURL", blob)
	link := doc.Call("createElement", "a")
	link.Set("href", url)
	link.Set("download", a.lessonID+"-draft.scn")
	doc.Get("body").Call("appendChild", link)
	link.Call("click")
	link.Call("remove")
	app.Window().Get("URL").Call("revokeObjectURL", url)
}

// renderNotice shows the crashed draft's offer, or a storage notice.
func (a *App) renderNotice() app.UI {
	if a.recovered != "" {
		return app.Div().ID("draft-offer").Class("notice").Body(
			app.Span().Text(scene.T(a.lang, "draft.crashed")),
			app.Button().ID("draft-open").Class("btn").Text(scene.T(a.lang, "draft.open")).OnClick(a.openRecovered),
			app.Button().ID("draft-download").Class("btn").Text(scene.T(a.lang, "draft.download")).OnClick(a.downloadRecovered),
			app.Button().ID("draft-discard").Class("btn").Text(scene.T(a.lang, "draft.discard")).OnClick(a.discardRecovered),
		)
	}
	if a.notice != "" {
		return app.Div().ID("storage-notice").Class("notice").Text(scene.T(a.lang, a.notice))
	}
	return nil
}
