package ui

import (
	stdhtml "html"
	"regexp"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"handleviz/wasm/scene"
)

// With a golden scenario open (?lesson=example:…) the top bar's menu shows
// that scenario's title, not the first lesson's, in both languages.
func TestExampleMenuShowsTheOpenExample(t *testing.T) {
	ex := scene.Examples()[len(scene.Examples())-1]
	a, disp := mount(t, pipeLesson(t), 0, false)
	menu := regexp.MustCompile(`(?s)<select[^>]*id="lesson".*?</select>`)
	// go-app writes attributes in no fixed order.
	option := regexp.MustCompile(`<option([^>]*)>([^<]*)</option>`)
	selectedAttr := regexp.MustCompile(`(^|\s)selected(\s|$)`)
	valueAttr := regexp.MustCompile(`value="([^"]*)"`)
	for _, lang := range []string{"en", "ko"} {
		disp.Dispatch(app.Dispatch{Mode: app.Update, Source: a, Function: func(ctx app.Context) {
			a.lang = lang
			a.lessonID = examplePrefix + ex.ID
		}})
		disp.Consume()
		top := menu.FindString(app.HTMLString(a))
		var m [][2]string // value, text of each selected option
		for _, o := range option.FindAllStringSubmatch(top, -1) {
			if v := valueAttr.FindStringSubmatch(o[1]); v != nil && selectedAttr.MatchString(o[1]) {
				m = append(m, [2]string{v[1], o[2]})
			}
		}
		want := lessonTitle(ex.Source, lang)
		if want == "" {
			t.Fatalf("example %s has no %s title", ex.ID, lang)
		}
		if len(m) != 1 || m[0][0] != examplePrefix+ex.ID || stdhtml.UnescapeString(m[0][1]) != want {
			t.Errorf("%s: the menu selects %q, want only %q (%s)", lang, m, want, examplePrefix+ex.ID)
		}
	}
}
