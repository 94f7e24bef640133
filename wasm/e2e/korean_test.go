package e2e

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"handleviz/assets"
)

// langHistoryJS records every language the app's page is drawn in once the
// wasm has started: #app's data-lang when it is added and each value it
// changes from (MutationObserver keeps every change, even those made and
// undone inside one task, which the screen never shows but a screen reader's
// tree and the page's work do).
const langHistoryJS = `(() => {
	window.__langs = [];
	new MutationObserver((records) => {
		if (!performance.getEntriesByName('hv-go-main').length) return;
		for (const r of records) {
			if (r.type === 'attributes' && r.target.id === 'app') window.__langs.push(r.oldValue);
			for (const n of r.addedNodes || []) {
				const app = n.id === 'app' ? n : (n.querySelector && n.querySelector('#app'));
				if (app) window.__langs.push(app.dataset.lang);
			}
		}
	}).observe(document, {subtree: true, childList: true, attributes: true, attributeOldValue: true, attributeFilter: ['data-lang']});
})()`

// TestBrowserKoreanLinkDrawnInKorean: an English browser opens a Korean
// link (a lecturer's ?lang=ko) and the app never draws the page in English
// first. (OnMount once set the browser's language back, and go-app could
// render between OnMount and OnNav: on about half of the loads the whole
// page was drawn once in English and then again in Korean.)
func TestBrowserKoreanLinkDrawnInKorean(t *testing.T) {
	ctx, base := browser(t)
	record := func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: langHistoryJS})
		return chromedp.Void{}, err
	}
	if err := chromedp.Do(ctx, record); err != nil {
		t.Fatal(err)
	}
	if nav := eval[string](t, ctx, `navigator.language`); strings.HasPrefix(nav, "ko") {
		t.Fatalf("the test browser's language is %q: it must not be Korean", nav)
	}
	// The extra render came on some loads only (go-app picks among ready
	// channels at random): four loads.
	for i := 0; i < 4; i++ {
		load(t, ctx, base+"/?lesson=04-pipe&lang=ko")
		langs := eval[[]string](t, ctx, `window.__langs`)
		if len(langs) == 0 {
			t.Fatalf("load %d: no render of #app recorded", i+1)
		}
		for _, l := range langs {
			if l != "ko" {
				t.Fatalf("load %d: the page was drawn in %v before it settled in Korean, want Korean only", i+1, langs)
			}
		}
	}
}

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
