package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"handleviz/wasm/scene"
)

// slidesState is the classroom side of the page (issue 13): theme, export,
// predict-then-reveal questions, shareable links with code, the shortcut
// list. It lives in one field of App so that App itself barely changes.
type slidesState struct {
	theme    string // "light", "dark", "projector"; "" follows the system
	sysDark  bool   // prefers-color-scheme: dark
	unlisten func()

	quizMode bool
	quizSrc  string // the source quizzes were read for
	quizzes  []scene.Quiz
	asking   int            // 1 + the index of the question shown (0: none)
	answers  map[int]string // given answers by question index ("" = skipped)
	reveal   int            // 1 + the index of the question whose result shows
	typed    string         // the number typed so far

	help bool

	linkOpen   bool
	linkURL    string
	linkLen    int
	copied     bool
	linkLocal  string // a local edit a link's code kept from opening
	linkBroken bool

	exportMsg string
}

// mountSlides reads the system's colour scheme and follows its changes.
func (a *App) mountSlides(ctx app.Context) {
	if !app.IsClient {
		return
	}
	if mq := app.Window().Call("matchMedia", "(prefers-color-scheme: dark)"); mq.Truthy() {
		a.sl.sysDark = mq.Get("matches").Bool()
		fn := app.FuncOf(func(this app.Value, args []app.Value) any {
			dark := len(args) > 0 && args[0].Get("matches").Bool()
			go ctx.Dispatch(func(ctx app.Context) {
				a.sl.sysDark = dark
				a.applyTheme()
			})
			return nil
		})
		mq.Call("addEventListener", "change", fn)
		a.sl.unlisten = func() { mq.Call("removeEventListener", "change", fn); fn.Release() }
	}
	a.applyTheme()
}

// navSlides reads the classroom parameters of the URL (?theme=, ?quiz=1)
// and a link's code (#code=…); it runs after the lesson is loaded and
// before the step is set.
func (a *App) navSlides(ctx app.Context) {
	u := ctx.Page().URL()
	q := u.Query()
	a.sl.theme = ""
	if t := q.Get("theme"); t != "" {
		if _, ok := scene.Themes[t]; ok {
			a.sl.theme = t
		}
	}
	a.sl.quizMode = q.Get("quiz") == "1"
	a.openLinkCode(ctx, u.Fragment)
	a.applyTheme()
}

// renderSlideLayers are the overlays (questions, link, shortcuts) and the
// screen reader's live region.
func (a *App) renderSlideLayers(live string) app.UI {
	return app.Div().Class("slide-layers").Body(
		renderLive(live),
		a.renderQuiz(),
		a.renderLink(),
		a.renderHelp(),
		app.If(a.sl.exportMsg != "", app.Div().ID("export-msg").Class("export-msg").Role("status").Text(a.sl.exportMsg)),
	)
}

// slidesKey handles the classroom keys; it reports whether it used the key.
func (a *App) slidesKey(key string) bool {
	switch key {
	case "?":
		a.sl.help = !a.sl.help
	case "Escape":
		if !a.sl.help && !a.sl.linkOpen && a.sl.reveal == 0 {
			return false
		}
		a.sl.help, a.sl.linkOpen, a.sl.reveal = false, false, 0
	default:
		return false
	}
	return true
}
