package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TestBrowserCrashedDraftOffered: an edited draft is autosaved; its run
// starts and the page is killed mid-run (Page.crash kills the renderer
// while the wasm is busy in the run). The reload must not run the draft
// again (a draft that killed the page used to kill every reload): it opens
// the lesson and offers the draft back, and "Open it anyway" brings it.
func TestBrowserCrashedDraftOffered(t *testing.T) {
	ctx, base := browser(t)
	load(t, ctx, base+"/")
	lesson := eval[string](t, ctx, `document.getElementById('code').textContent`)
	// An endless loop takes the whole work budget: long enough to be
	// killed in the middle.
	draft := "process P;\n@P\nint i = 0;\nwhile (1) i++;\n"
	if !eval[bool](t, ctx, `!!document.getElementById('editor')`) {
		run(t, ctx, chromedp.Evaluate[any](`document.getElementById('edit').click()`))
		run(t, ctx, chromedp.Poll[bool](`!!document.getElementById('editor')`, chromedp.WithPollingTimeout(5*time.Second)))
	}
	js := fmt.Sprintf(`(() => { const e = document.getElementById('editor'); e.value = %s; e.dispatchEvent(new Event('input', {bubbles: true})); })()`, jsString(draft))
	run(t, ctx, chromedp.Evaluate[any](js))
	time.Sleep(300 * time.Millisecond) // the autosave
	// Click Run after this call returns, then kill the page at once.
	run(t, ctx, chromedp.Evaluate[any](`setTimeout(() => document.getElementById('run').click(), 0)`))
	time.Sleep(150 * time.Millisecond) // the run is under way (it takes about a second)
	// Page.crash crashes the renderer from its IO thread: it works while
	// the main thread is busy in the run, as a tab killed for memory would.
	cctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	_, _ = chromedp.Call(cctx, page.Crash, cdp.Empty{})
	cancel()
	// The crashed tab's navigation may abort once; the reload is what counts.
	for i := 0; ; i++ {
		time.Sleep(500 * time.Millisecond)
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/")); err == nil || i == 5 {
			break
		}
	}
	run(t, ctx, chromedp.Poll[bool](readyJS, chromedp.WithPollingTimeout(60*time.Second)))
	if !eval[bool](t, ctx, `!!document.getElementById('draft-offer')`) {
		t.Fatalf("the reload does not offer the draft back; code pane: %.80q", eval[string](t, ctx, `document.getElementById('code').textContent`))
	}
	if code := eval[string](t, ctx, `document.getElementById('code').textContent`); code != lesson {
		t.Errorf("the reload did not open the lesson's own code: %.80q", code)
	}
	run(t, ctx, chromedp.Evaluate[any](`document.getElementById('draft-open').click()`))
	run(t, ctx, chromedp.Poll[bool](`!document.getElementById('draft-offer')`, chromedp.WithPollingTimeout(30*time.Second)))
	if code := eval[string](t, ctx, `document.getElementById('code').textContent`); !strings.Contains(code, "while (1) i++;") {
		t.Errorf("Open it anyway did not bring the draft: %.80q", code)
	}
}
