package e2e

import (
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserSpacePlaysTheScene: Space starts playback and the scene itself
// advances with the URL, with no other key pressed. (Playback used to step
// through the key's context, which re-rendered the window's listener and
// not the App: the URL's step moved while the scene stayed; pressing Space
// again to pause re-rendered, so the older test, which read the position
// after the pause, never saw it.)
func TestBrowserSpacePlaysTheScene(t *testing.T) {
	ctx, base := browser(t)
	load(t, ctx, base+"/")
	key(t, ctx, "+", false) // faster ticks
	key(t, ctx, "+", false)
	p0 := pos(t, ctx)
	caption0 := eval[string](t, ctx, `document.getElementById('caption').textContent`)
	if err := chromedp.Do(ctx, chromedp.KeyEvent(" ")); err != nil {
		t.Fatal(err)
	}
	// Wait, pressing nothing, for the scene to show a later step.
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](`+document.getElementById('scene').dataset.pos >= `+strconv.Itoa(p0+2),
		chromedp.WithPollingTimeout(8*time.Second)))
	urlStep := func() int {
		u, _ := url.Parse(eval[string](t, ctx, `location.href`))
		n, _ := strconv.Atoi(u.Query().Get("step"))
		return n
	}
	if err != nil {
		t.Fatalf("Space: after 8 s the scene is at step %d (URL step %d), started at %d", pos(t, ctx), urlStep(), p0)
	}
	if caption := eval[string](t, ctx, `document.getElementById('caption').textContent`); caption == caption0 {
		t.Errorf("the scene's position moved but the caption stayed %q", caption)
	}
	key(t, ctx, " ", false) // pause
	p1 := pos(t, ctx)
	if u := urlStep(); u != p1 {
		t.Errorf("paused: the URL says step %d, the scene shows %d", u, p1)
	}
	time.Sleep(1200 * time.Millisecond)
	if p2 := pos(t, ctx); p2 != p1 {
		t.Errorf("Space did not pause: position %d → %d", p1, p2)
	}
}
