package e2e

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestRevealDeck: the example reveal.js deck (deck/, reveal.js from npm)
// drives an embedded lesson. The deck and the app are served on two
// origins; → in the deck enters the lesson's slide (the lesson goes to the
// slide's statement), then each → shows a fragment and the embedded scene
// moves one statement on, each ← hides one and it moves back; the key
// never reaches the frame too (it would move twice). A fragment with its
// own statement jumps there.
func TestRevealDeck(t *testing.T) {
	_, npmErr := exec.LookPath("npm")
	need(t, npmErr == nil, "npm is not installed (Debian: apt-get install nodejs npm)")
	reveal := filepath.Join(root, "deck", "node_modules", "reveal.js", "dist", "reveal.js")
	_, err := os.Stat(reveal)
	need(t, err == nil, "reveal.js is not installed in deck/ (make deck, or make test, runs npm ci there)")
	ctx, base := browser(t)
	deck := httptest.NewServer(http.FileServer(http.Dir(filepath.Join(root, "deck"))))
	t.Cleanup(deck.Close)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 720)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(deck.URL+"/index.html?app="+url.QueryEscape(base+"/"))); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, chromedp.Poll[bool](`typeof Reveal !== 'undefined' && Reveal.isReady()`, chromedp.WithPollingTimeout(30*time.Second)))

	// the last step event the deck heard from the lesson
	last := func() map[string]any {
		return eval[map[string]any](t, ctx, `(handlevizEvents.filter(e => e.type === 'step').slice(-1)[0]) || null`)
	}
	press := func(k string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.KeyEvent(k)); err != nil {
			t.Fatal(err)
		}
	}
	// waitStatement waits until the lesson says it shows statement s of
	// lesson l, and stays there (a key that also reached the frame would
	// move it once more).
	waitStatement := func(what, l string, s int) {
		t.Helper()
		js := fmt.Sprintf(`(() => { const e = handlevizEvents.filter(e => e.type === 'step').slice(-1)[0]; return !!e && e.lesson === %q && e.statement === %d })()`, l, s)
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(60*time.Second))); err != nil {
			t.Fatalf("%s: the lesson should show %s statement %d; last event %v", what, l, s, last())
		}
		time.Sleep(400 * time.Millisecond)
		if e := last(); e["statement"] != float64(s) || e["lesson"] != l {
			t.Fatalf("%s: the lesson moved on to %v", what, e)
		}
	}

	press(kb.ArrowRight) // the lesson's slide: statement 1 (data-handleviz-statement)
	waitStatement("→ onto the lesson's slide", "01-inherit", 1)
	if !eval[bool](t, ctx, `handlevizEvents.some(e => e.type === 'ready' && e.lesson === '01-inherit')`) {
		t.Error("no ready event from the embedded lesson")
	}
	for i := 1; i <= 3; i++ {
		press(kb.ArrowRight)
		waitStatement(fmt.Sprintf("→ fragment %d shown", i), "01-inherit", 1+i)
	}
	png := run(t, ctx, chromedp.CaptureScreenshot())
	os.MkdirAll(filepath.Join(root, "web", "test-output"), 0o755)
	os.WriteFile(filepath.Join(root, "web", "test-output", "deck-inherit.png"), png, 0o644)
	if os.Getenv("HANDLEVIZ_FIGURES") != "" {
		os.WriteFile(filepath.Join(root, "docs", "screenshots", "deck-inherit.png"), png, 0o644)
	}
	for i := 2; i >= 0; i-- {
		press(kb.ArrowLeft)
		waitStatement(fmt.Sprintf("← back to fragment %d", i), "01-inherit", 1+i)
	}
	// The last fragments, then the pipe lesson's slide: its statement, and
	// a fragment that names its statement.
	for i := 1; i <= 8; i++ {
		press(kb.ArrowRight)
	}
	waitStatement("all fragments shown", "01-inherit", 9)
	press(kb.ArrowRight)
	waitStatement("→ onto the pipe lesson's slide", "04-pipe", 3)
	press(kb.ArrowRight)
	waitStatement("→ a fragment naming statement 4", "04-pipe", 4)
	press(kb.ArrowRight)
	waitStatement("→ a fragment naming statement 9", "04-pipe", 9)
	press(kb.ArrowLeft)
	waitStatement("← back to the fragment naming 4", "04-pipe", 4)

	// Clicked, the lesson takes the keys: → steps it (one kernel action)
	// and the deck stays on its fragment; Esc gives the keys back.
	frag := func() int { return eval[int](t, ctx, `Reveal.getIndices().f ?? -1`) }
	f0, i0 := frag(), int(last()["index"].(float64))
	box := eval[[]float64](t, ctx, `(() => { const r = document.querySelector('section.present iframe').getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2] })()`)
	if err := chromedp.Do(ctx, chromedp.MouseClickXY(box[0], box[1])); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	press(kb.ArrowRight)
	js := fmt.Sprintf(`handlevizEvents.filter(e => e.type === 'step').slice(-1)[0].index === %d`, i0+1)
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("→ after a click into the lesson: the lesson did not step (last event %v)", last())
	}
	if f := frag(); f != f0 {
		t.Errorf("→ after a click into the lesson also moved the deck: fragment %d → %d", f0, f)
	}
	press(kb.Escape)
	time.Sleep(300 * time.Millisecond)
	press(kb.ArrowRight)
	waitStatement("Esc, then → in the deck: the fragment naming statement 9", "04-pipe", 9)
	if f := frag(); f != f0+1 {
		t.Errorf("Esc, then →: the deck is at fragment %d, want %d", f, f0+1)
	}
}
