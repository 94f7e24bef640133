package ui

import (
	"regexp"
	"strconv"
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

// A code line is two elements: its number, the ▶ of the current statement
// and an expect's ✓ or ✗ are drawn by CSS from data-line, data-current and
// data-mark, so they must be there, and the text in .src (what the browser
// tests and a screen reader read).
func TestCodeLineAttributes(t *testing.T) {
	src := "process P;\n@P\nHANDLE h = CreateEvent(NULL, TRUE, FALSE, NULL);\nexpect(h == 4);\nexpect(h == 8);\nCloseHandle(h);\n"
	tr := scene.Compile(src)
	if tr.Err != nil {
		t.Fatal(tr.Err.Msg.En)
	}
	a, _ := mount(t, tr, 1<<30, false) // the last step: both expects ran
	html := app.HTMLString(a)
	line := func(n int) string {
		t.Helper()
		m := regexp.MustCompile(`<div[^>]*\sdata-line="` + strconv.Itoa(n) + `"[^>]*>\s*<span[^>]*class="src"[^>]*>([^<]*)</span>`).FindStringSubmatch(html)
		if m == nil {
			t.Fatalf("no code line %d with its text in a .src", n)
		}
		return m[0]
	}
	for n, want := range map[int][]string{
		3: {`>HANDLE h = CreateEvent(NULL, TRUE, FALSE, NULL);<`},
		4: {`data-mark="✓"`},
		5: {`data-mark="✗"`},
		6: {`data-current="1"`, `>CloseHandle(h);<`},
	} {
		got := line(n)
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("code line %d lacks %s: %s", n, w, got)
			}
		}
	}
	if got := line(3); strings.Contains(got, "data-mark") || strings.Contains(got, "data-current") {
		t.Errorf("code line 3 has a mark or is current: %s", got)
	}
}
