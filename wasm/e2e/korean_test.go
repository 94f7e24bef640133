package e2e

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"handleviz/assets"
)

// TestBrowserKoreanEveryStep: in Korean, every micro-step of every bundled
// lesson shows no English prose outside the code pane, and the document's
// language and title are Korean. Allowed: identifiers (they start
// upper-case or carry '_', '.', '\' or a digit: CreateProcess,
// ERROR_INVALID_HANDLE, Child.exe, hMutex, 0x4), the glossary's one gloss
// (abandoned), and the words of the lesson's own code (variable names such
// as si or cmd), its narration comments left out; the variables' types and
// names (declared by the program: int argc) are code and are not read.
func TestBrowserKoreanEveryStep(t *testing.T) {
	ctx, base := browser(t)
	token := regexp.MustCompile(`[A-Za-z0-9_.\\-]+`)
	prose := regexp.MustCompile(`^[a-z][a-z-]+$`)
	for _, l := range assets.Lessons() {
		allowed := map[string]bool{"abandoned": true, "handleviz": true} // the gloss, the product's name
		for _, line := range strings.Split(l.Source, "\n") {
			if t := strings.TrimSpace(line); strings.HasPrefix(t, "//") {
				continue
			}
			for _, w := range token.FindAllString(line, -1) {
				allowed[w] = true
			}
		}
		load(t, ctx, base+"/?lesson="+l.ID+"&lang=ko&step=0")
		if lang := eval[string](t, ctx, `document.documentElement.lang`); lang != "ko" {
			t.Errorf("%s: <html lang=%q>", l.ID, lang)
		}
		if title := eval[string](t, ctx, `document.title`); !strings.Contains(title, "핸들 테이블") {
			t.Errorf("%s: the title %q is not Korean", l.ID, title)
		}
		n := maxPos(t, ctx)
		bad := map[string]int{}
		for i := 0; i <= n; i++ {
			if i > 0 {
				key(t, ctx, "ArrowRight", false)
			}
			text := eval[string](t, ctx, `(() => { const a = document.getElementById('app').cloneNode(true);
				a.querySelectorAll('.code-pane, .slider, select, option, .vtype, .vname').forEach(e => e.remove());
				return a.innerText; })()`)
			for _, q := range regexp.MustCompile(`"[^"\n]*"`).FindAllString(text, -1) {
				text = strings.ReplaceAll(text, q, "") // names and data the lesson wrote
			}
			for _, w := range token.FindAllString(text, -1) {
				if prose.MatchString(w) && !allowed[w] {
					if bad[w] == 0 {
						t.Errorf("%s step %d: English %q on the Korean page", l.ID, i, w)
					}
					bad[w]++
				}
			}
		}
		if len(bad) > 0 {
			t.Logf("%s: %s", l.ID, fmt.Sprint(bad))
		}
	}
}
