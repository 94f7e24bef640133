package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/css"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/chromedp"
)

// In the Korean UI, Korean text in a monospace place (the code pane's
// comments, the table's column heads, a card's state lines) is drawn with
// the Korean font the page's sans text uses, not as boxes: the monospace
// font stack ends with Korean fonts (assets/style/handleviz.css --mono).
func TestBrowserKoreanInMonospace(t *testing.T) {
	ctx, base := browser(t)
	koFont(t, ctx)
	load(t, ctx, base+"/?lesson=04-pipe&step=17&lang=ko")
	eval[bool](t, ctx, `document.fonts.ready.then(() => true)`)
	if _, err := chromedp.Call(ctx, dom.Enable, dom.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, css.Enable, struct{}{}); err != nil {
		t.Fatal(err)
	}
	doc, err := chromedp.Call(ctx, dom.GetDocument, dom.GetDocumentParams{})
	if err != nil {
		t.Fatal(err)
	}
	fonts := func(sel string) map[string]float64 {
		t.Helper()
		n, err := chromedp.Call(ctx, dom.QuerySelector, dom.QuerySelectorParams{NodeID: doc.Root.NodeID, Selector: sel})
		if err != nil || n.NodeID == 0 {
			t.Fatalf("no %s in the page (%v)", sel, err)
		}
		r, err := chromedp.Call(ctx, css.GetPlatformFontsForNode, css.GetPlatformFontsForNodeParams{NodeID: n.NodeID})
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]float64{}
		for _, f := range r.Fonts {
			m[f.FamilyName] += f.GlyphCount
		}
		return m
	}
	// The lesson menu's label ("예제") is all Korean, in the sans font.
	korean, most := "", 0.0
	for f, n := range fonts(".picker > span") {
		if n > most {
			korean, most = f, n
		}
	}
	need(t, korean != "" && !strings.HasPrefix(korean, "DejaVu"), fmt.Sprintf("Chromium has no Korean font (it drew 예제 with %q): set HANDLEVIZ_KO_FONT to a Korean .ttf/.woff (Chromium takes no .woff from fontconfig)", korean))
	// No column head is cut short ("액세스 마…").
	if s := eval[string](t, ctx, `[...document.querySelectorAll('.thead > span')].filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent).join(', ')`); s != "" {
		t.Errorf("clipped Korean column heads: %s", s)
	}
	// The Latin text there is DejaVu Sans Mono's; the Korean must come from
	// a Korean font of the stack (the sans one, or a Korean coding font such
	// as NanumGothicCoding where installed), never DejaVu's boxes.
	for _, sel := range []string{`.code-line[data-kind="comment"] .src`, `.thead .c-idx`, `.thead .c-val`, `.card[data-type="thread"] .state-line`} {
		got := fonts(sel)
		drawn := false
		for f, n := range got {
			drawn = drawn || n > 0 && (f == korean || strings.Contains(f, "Nanum") || strings.Contains(f, "KR") || f == "D2Coding")
		}
		if !drawn {
			t.Errorf("%s: the Korean text is not drawn with a Korean font such as %s (fonts: %v)", sel, korean, got)
		}
	}
}
