package ui

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"handleviz/assets"
	"handleviz/wasm/scene"
)

// topC is the top bar: the title, the lesson menu, the picker's button,
// the view buttons and the classroom tools. A component, so that a step,
// which changes none of its fields, skips its render and go-app's diff of
// its ~40 elements (go-app compares the exported fields with
// reflect.DeepEqual). Render reads only the value fields below; App is
// there for the handlers (the same pointer every time, so it compares
// equal) and must not be read for anything shown, or the bar goes stale.
type topC struct {
	app.Compo
	App *App

	Lang    string
	Lessons []assets.Lesson // the bundled lessons (the same slice every render)
	Titles  []string        // their titles in Lang (cached per language: the same slice)
	Current string          // the lesson or example playing
	// ExampleTitle is the open golden scenario's title (Current is then an
	// "example:…" ID the menu's lessons do not list); "" otherwise.
	ExampleTitle string

	Edited, Editing, CodeHidden, Reduced bool

	Theme     string // "" follows the system
	QuizMode  bool
	Questions int
}

// renderTop is the top bar of the App's current state.
func (a *App) renderTop() *topC {
	c := &topC{
		App: a, Lang: a.lang, Lessons: a.lessons, Titles: a.lessonTitles(), Current: a.lessonID,
		Edited: a.edited, Editing: a.editing, CodeHidden: a.codeHidden, Reduced: a.reduced,
		Theme: a.sl.theme, QuizMode: a.sl.quizMode, Questions: len(a.quizList()),
	}
	c.ExampleTitle = a.openExampleTitle()
	return c
}

func (c *topC) Render() app.UI {
	if c.App != nil {
		c.App.compoRenders.top++
	}
	lang := c.Lang
	opts := make([]app.UI, 0, len(c.Lessons)+1)
	for i, l := range c.Lessons {
		title := l.ID
		if i < len(c.Titles) {
			title = c.Titles[i]
		}
		opts = append(opts, app.Option().Value(l.ID).Selected(l.ID == c.Current).Text(title))
	}
	if c.ExampleTitle != "" {
		opts = append(opts, app.Option().Value(c.Current).Selected(true).Text(c.ExampleTitle))
	}
	edited := app.UI(nil)
	if c.Edited {
		edited = app.Span().Class("edited").Text(scene.T(lang, "edited"))
	}
	editLabel := scene.T(lang, "edit")
	if c.Editing {
		editLabel = scene.T(lang, "view")
	}
	codeLabel := scene.T(lang, "code.hide")
	if c.CodeHidden {
		codeLabel = scene.T(lang, "code.show")
	}
	motion := "☐ "
	if c.Reduced {
		motion = "☑ "
	}
	return app.Header().Class("top").Body(
		app.Div().Class("brand").Body(
			app.Span().Class("logo").Text(scene.T(lang, "app.title")),
			app.Span().Class("sub").Text(scene.T(lang, "app.subtitle")),
		),
		app.Label().Class("picker").Body(
			app.Span().Text(scene.T(lang, "lesson")+" "),
			app.Select().ID("lesson").OnChange(c.App.pickLesson).Body(opts...),
			edited,
		),
		app.Button().ID("picker-open").Class("btn").Aria("haspopup", "dialog").Text(pt(lang, "open")).OnClick(c.App.openPicker),
		app.Div().Class("top-buttons").Body(
			app.Button().ID("edit").Class("btn").Text(editLabel).OnClick(c.onEdit),
			app.Button().ID("code-toggle").Class("btn").Aria("pressed", c.CodeHidden).Text(codeLabel).OnClick(c.App.toggleCode),
			app.Button().ID("motion").Class("btn").Aria("pressed", c.Reduced).Text(motion+scene.T(lang, "motion")).OnClick(c.onMotion),
			app.Button().ID("lang").Class("btn").Text(scene.T(lang, "lang")).OnClick(c.App.toggleLang),
			c.renderSlideTools(),
		),
	)
}

func (c *topC) onEdit(ctx app.Context, e app.Event)   { c.App.editing = !c.App.editing }
func (c *topC) onMotion(ctx app.Context, e app.Event) { c.App.reduced = !c.App.reduced }
func (c *topC) onHelp(ctx app.Context, e app.Event)   { c.App.sl.help = !c.App.sl.help }
func (c *topC) onTheme(ctx app.Context, e app.Event) {
	c.App.SetTheme(ctx, ctx.JSSrc().Get("value").String())
}

// renderSlideTools is the classroom group of the top bar.
func (c *topC) renderSlideTools() app.UI {
	return app.Div().ID("slide-tools").Class("slide-tools").Body(
		c.renderThemePicker(),
		c.renderQuizToggle(),
		c.renderExportMenu(),
		app.Button().ID("share").Class("btn").Title(scene.T(c.Lang, "link.title")).Text(scene.T(c.Lang, "link.share")).OnClick(c.App.openLink),
		app.Button().ID("help-open").Class("btn icon-q").Title(scene.T(c.Lang, "help.open")).Aria("label", scene.T(c.Lang, "help.open")).Text("?").
			OnClick(c.onHelp),
	)
}

func (c *topC) renderThemePicker() app.UI {
	opts := []app.UI{app.Option().Value("auto").Selected(c.Theme == "").Text(scene.T(c.Lang, "theme.auto"))}
	for _, t := range scene.ThemeNames {
		opts = append(opts, app.Option().Value(t).Selected(c.Theme == t).Text(scene.T(c.Lang, "theme."+t)))
	}
	return app.Label().Class("theme-pick").Body(
		app.Span().Class("sr-only").Text(scene.T(c.Lang, "tools.theme")),
		app.Select().ID("theme").Title(scene.T(c.Lang, "tools.theme")).OnChange(c.onTheme).Body(opts...),
	)
}

func (c *topC) renderQuizToggle() app.UI {
	mark := "☐ "
	if c.QuizMode {
		mark = "☑ "
	}
	title := scene.Line{Key: "x", Args: []string{strconv.Itoa(c.Questions)}}.Format(scene.T(c.Lang, "quiz.count"))
	return app.Button().ID("quiz-toggle").Class("btn").Aria("pressed", c.QuizMode).Title(title).
		DataSet("questions", c.Questions).Text(mark + scene.T(c.Lang, "quiz.mode")).OnClick(c.App.toggleQuiz)
}

func (c *topC) renderExportMenu() app.UI {
	item := func(id, key string, h app.EventHandler) app.UI {
		return app.Button().ID(id).Class("btn menu-item").Role("menuitem").Text(scene.T(c.Lang, key)).OnClick(h)
	}
	return app.Details().ID("export").Class("menu").Body(
		app.Summary().Class("btn").Text(scene.T(c.Lang, "export")+" ▾"),
		app.Div().Class("menu-items").Role("menu").Body(
			item("export-svg", "export.svg", c.App.exportSVG),
			item("export-png", "export.png", c.App.exportPNG),
			item("export-zip", "export.zip", c.App.exportZip),
		),
	)
}

// compoRenders counts the renders of the components a step should skip
// (tests check that it does, and that a language switch does not).
type compoRenders struct{ top, stepButtons, playOptions, caption int }
