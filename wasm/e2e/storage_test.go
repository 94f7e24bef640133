package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserStorageFull: with the site's storage full, an edit cannot be
// saved, and the page says so next to the code (go-app only logged the
// failed write, and the edit was gone after a reload without a word). Once
// there is room again, the next edit is saved, the notice goes, and a reload
// shows the edit.
func TestBrowserStorageFull(t *testing.T) {
	ctx, base := browser(t)
	load(t, ctx, base+"/?lesson=02-duplicate")
	// Fill the origin's storage to within a kilobyte of its quota.
	filled := eval[int](t, ctx, `(() => {
		let n = 0;
		for (let size = 1 << 20; size >= 1024; size >>= 1) {
			const chunk = 'x'.repeat(size);
			try { for (;;) localStorage.setItem('filler.' + (n++), chunk); } catch (e) {}
		}
		window.handlevizStorageFailed = undefined;
		return n;
	})()`)
	if filled < 2 {
		t.Fatalf("could not fill the storage (%d writes)", filled)
	}
	type1 := func(marker string) {
		js := `(() => { const e = document.getElementById('editor'); e.value = e.value + '\n// ` + marker + `'; e.dispatchEvent(new Event('input', {bubbles: true})); })()`
		run(t, ctx, chromedp.Evaluate[any](js))
	}
	run(t, ctx, chromedp.Evaluate[any](`document.getElementById('edit').click()`))
	run(t, ctx, chromedp.Poll[bool](`!!document.getElementById('editor')`, chromedp.WithPollingTimeout(5*time.Second)))
	type1("first edit")
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`!!document.getElementById('storage-notice')`, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		t.Fatalf("storage full: no notice that the edit was not saved: %v", err)
	}
	if got := eval[string](t, ctx, `document.getElementById('storage-notice').textContent`); !strings.Contains(got, "full") {
		t.Errorf("notice %q does not say the storage is full", got)
	}
	if eval[bool](t, ctx, `(() => { const h = document.querySelector('.code-pane .hint'); return !!h && h.offsetParent !== null })()`) {
		t.Error("the pane still says the edits are saved in this browser")
	}
	screenshot(t, ctx, "storage-full-en.png")
	// In Korean too (the language button; the notice keeps its place).
	run(t, ctx, chromedp.Evaluate[any](`document.getElementById('lang').click()`))
	run(t, ctx, chromedp.Poll[bool](`document.getElementById('app').dataset.lang === 'ko' && !!document.getElementById('storage-notice')`, chromedp.WithPollingTimeout(5*time.Second)))
	screenshot(t, ctx, "storage-full-ko.png")
	run(t, ctx, chromedp.Evaluate[any](`document.getElementById('lang').click()`))
	if eval[bool](t, ctx, `localStorage.getItem('handleviz.edit.02-duplicate') !== null`) {
		t.Fatal("the draft was written although the storage was full: the test did not fill it")
	}

	run(t, ctx, chromedp.Evaluate[any](`Object.keys(localStorage).filter(k => k.startsWith('filler.')).forEach(k => localStorage.removeItem(k))`))
	type1("second edit")
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`!document.getElementById('storage-notice') && (localStorage.getItem('handleviz.edit.02-duplicate') || '').includes('second edit')`, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		t.Fatalf("with room again, the edit was not saved or the notice stayed: %v", err)
	}
	if !eval[bool](t, ctx, `(() => { const h = document.querySelector('.code-pane .hint'); return !!h && h.offsetParent !== null })()`) {
		t.Error("with room again, the pane does not say that edits are saved in this browser")
	}
	load(t, ctx, base+"/?lesson=02-duplicate")
	run(t, ctx, chromedp.Evaluate[any](`document.getElementById('edit').click()`))
	run(t, ctx, chromedp.Poll[bool](`!!document.getElementById('editor')`, chromedp.WithPollingTimeout(5*time.Second)))
	if got := eval[string](t, ctx, `document.getElementById('editor').value`); !strings.Contains(got, "// first edit") || !strings.Contains(got, "// second edit") {
		t.Errorf("after a reload the editor holds %q…, want both edits", got[max(0, len(got)-80):])
	}
}
