package ui

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"handleviz/assets"
	"handleviz/wasm/scene"
)

// Every Korean object card and handle-table row of every lesson and golden
// scenario names its object's type once, in Korean: "읽기 파이프", not
// "Pipe 읽기 파이프" or "파이프 읽기 파이프" (korean-style.md: the read end
// is 읽기 파이프, and no type word stays in English).
func TestKoreanHeadingsNameTheTypeOnce(t *testing.T) {
	goldens, _ := filepath.Glob("../../kernel/scenario/testdata/golden/*.scn")
	var sources []string
	for _, f := range goldens {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sources = append(sources, string(b))
	}
	for _, l := range assets.Lessons() {
		sources = append(sources, l.Source)
	}
	var koWords []string
	enTypes := map[string]bool{}
	for k, m := range assets.Translations() {
		if strings.HasPrefix(k, "type.") {
			koWords = append(koWords, m["ko"])
			enTypes[m["en"]] = true
		}
	}
	head := regexp.MustCompile(`(?s)<div class="card-head"[^>]*>.*?</div>`)
	obj := regexp.MustCompile(`(?s)<span class="c-obj"[^>]*>.*?class="oaddr"`)
	typeSpan := regexp.MustCompile(`class="(?:ctype|otype)"[^>]*>([^<]*)<`)
	seen := map[string]bool{}
	check := func(where, html string) {
		if seen[html] {
			return
		}
		seen[html] = true
		s := strings.Join(strings.Fields(text(html)), " ")
		for _, w := range koWords {
			if strings.Count(s, w) > 1 {
				t.Errorf("%s: %q names the type %q twice", where, s, w)
			}
		}
		if m := typeSpan.FindStringSubmatch(html); m == nil || enTypes[m[1]] {
			t.Errorf("%s: %q has no Korean type word", where, s)
		}
	}
	pipes := 0
	for _, src := range sources {
		tr := scene.Compile(src)
		tl := scene.NewTimeline(tr)
		for s := range tr.Steps {
			m := tl.LastOf(s)
			sc := scene.Build(tl, m, m, nil)
			for _, o := range sc.Objects {
				if o.Role == "read" || o.Role == "write" {
					pipes++
				}
				check(tr.Title.En+" card", head.FindString(app.HTMLString(&cardC{O: o, Lang: "ko"})))
			}
			for _, p := range sc.Procs {
				for _, r := range p.Rows {
					if !r.Free {
						check(tr.Title.En+" row", obj.FindString(app.HTMLString(&rowC{R: r, Lang: "ko"})))
					}
				}
			}
		}
	}
	if pipes == 0 {
		t.Error("no anonymous pipe end among the cards: the test checks nothing that matters")
	}
}

// The result line of a statement that waits says so in the page's
// language: "→ (ReadFile 호출에서 대기 중)", not "(waiting in ReadFile)".
func TestWaitingResultKorean(t *testing.T) {
	tr := pipeLesson(t)
	tl := scene.NewTimeline(tr)
	r := stepOf(tr, `BOOL ok = ReadFile(`)
	a, disp := mount(t, tr, tl.LastOf(r), false)
	disp.Dispatch(app.Dispatch{Mode: app.Update, Source: a, Function: func(ctx app.Context) { a.lang = "ko" }})
	disp.Consume()
	html := app.HTMLString(a)
	if !strings.Contains(html, "(ReadFile 호출에서 대기 중)") || strings.Contains(html, "(waiting in") {
		t.Errorf("the Korean result line of the waiting ReadFile: %s", regexp.MustCompile(`class="ret"[^>]*>[^<]*`).FindString(html))
	}
}
