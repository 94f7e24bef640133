package ui

import (
	"regexp"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"handleviz/wasm/scene"
)

// A step redraws the caption but not the top bar, the step buttons or the
// step mode and speed menus (their components' fields are unchanged, so
// go-app skips them); a language switch and a lesson change redraw them,
// or the user would see stale labels and the wrong lesson in the menu.
func TestStepSkipsTopBarAndControls(t *testing.T) {
	a := &App{}
	disp := app.NewClientTester(a)
	t.Cleanup(disp.Close)
	do := func(f func(ctx app.Context)) {
		disp.Dispatch(app.Dispatch{Mode: app.Update, Source: a, Function: f})
		disp.Consume()
	}
	if a.Timeline().Len() < 4 {
		t.Fatalf("the default lesson has %d micro-steps, want 4 or more", a.Timeline().Len())
	}
	before := a.compoRenders
	for m := 1; m <= 3; m++ {
		do(func(ctx app.Context) { a.SetStepForTest(ctx, m, false) })
	}
	after := a.compoRenders
	if after.top != before.top || after.stepButtons != before.stepButtons || after.playOptions != before.playOptions {
		t.Errorf("3 steps redrew the top bar %d times, the step buttons %d times, the menus %d times; want 0",
			after.top-before.top, after.stepButtons-before.stepButtons, after.playOptions-before.playOptions)
	}
	if after.caption == before.caption {
		t.Error("3 steps never redrew the caption")
	}
	html := app.HTMLString(a)
	if !strings.Contains(html, `>`+scene.T("en", "lang")+`<`) || !strings.Contains(html, `title="`+scene.T("en", "first")+`"`) {
		t.Fatal("the English page has no language button or First button")
	}

	// The language switch, as the top bar's button does it.
	do(func(ctx app.Context) { a.toggleLang(ctx, app.Event{}) })
	if a.compoRenders.top == after.top || a.compoRenders.stepButtons == after.stepButtons || a.compoRenders.playOptions == after.playOptions {
		t.Errorf("the language switch did not redraw the top bar (%d), the step buttons (%d) or the menus (%d)",
			a.compoRenders.top-after.top, a.compoRenders.stepButtons-after.stepButtons, a.compoRenders.playOptions-after.playOptions)
	}
	html = app.HTMLString(a)
	for _, want := range []string{
		`>` + scene.T("ko", "lang") + `<`,        // the language button
		`title="` + scene.T("ko", "first") + `"`, // a step button
		`>` + scene.T("ko", "step.by") + ` <`,    // the step mode menu
		`>` + scene.T("ko", "lesson") + ` <`,     // the lesson menu's label
		`>` + scene.T("ko", "export") + ` ▾<`,    // the classroom tools
	} {
		if !strings.Contains(html, want) {
			t.Errorf("after switching to Korean the page lacks %q", want)
		}
	}

	// A lesson change selects the new lesson in the menu.
	if len(a.lessons) < 2 {
		t.Fatal("fewer than 2 bundled lessons")
	}
	next := a.lessons[1].ID
	do(func(ctx app.Context) { a.loadLesson(ctx, next) })
	html = app.HTMLString(a)
	menu := ""
	if i := strings.Index(html, `id="lesson"`); i >= 0 {
		menu = html[i:]
		if j := strings.Index(menu, "</select>"); j >= 0 {
			menu = menu[:j]
		}
	}
	// go-app writes selected="false" on the others, and attributes in no fixed order.
	selectedAttr := regexp.MustCompile(`(^|\s)selected(\s|$)`)
	for _, o := range strings.Split(menu, "<option")[1:] {
		selected := selectedAttr.MatchString(o[:strings.Index(o, ">")])
		if is := strings.Contains(o, `value="`+next+`"`); is != selected {
			t.Errorf("after opening %s the lesson menu's option %q selected=%v", next, o, selected)
		}
	}
	if menu == "" {
		t.Error("no lesson menu")
	}
}
