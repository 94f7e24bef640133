package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserStopRun: an endless loop shows the progress line; its Stop
// button ends the run with "you stopped the run" at the loop, and the
// editor keeps the text (issue 15).
func TestBrowserStopRun(t *testing.T) {
	ctx, base := browser(t)
	load(t, ctx, base+"/")
	src := "process P;\n@P\nint i = 0;\nwhile (1) i++;\n"
	if !eval[bool](t, ctx, `!!document.getElementById('editor')`) {
		run(t, ctx, chromedp.Evaluate[any](`document.getElementById('edit').click()`))
		run(t, ctx, chromedp.Poll[bool](`!!document.getElementById('editor')`, chromedp.WithPollingTimeout(5*time.Second)))
	}
	run(t, ctx, chromedp.Evaluate[any](fmt.Sprintf(`(() => { const e = document.getElementById('editor'); e.value = %s; e.dispatchEvent(new Event('input', {bubbles: true})); })()`, jsString(src))))
	time.Sleep(100 * time.Millisecond)
	run(t, ctx, chromedp.Evaluate[any](`setTimeout(() => document.getElementById('run').click(), 0)`))
	run(t, ctx, chromedp.Poll[bool](`!!document.getElementById('run-stop')`, chromedp.WithPollingTimeout(30*time.Second)))
	if status := eval[string](t, ctx, `document.getElementById('run-status').textContent`); !strings.Contains(status, "operations") && !strings.Contains(status, "Reading") {
		t.Errorf("progress line says %q", status)
	}
	// Stop once the loop runs: pressed while the code is still being read
	// (a loaded machine), the stop is rightly at 1:1, not at the loop.
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`(document.getElementById('run-status') || {}).textContent.includes('operations')`, chromedp.WithPollingTimeout(30*time.Second))); err != nil {
		t.Fatalf("the progress line never counted operations: %v", err)
	}
	run(t, ctx, chromedp.Evaluate[any](`document.getElementById('run-stop').click()`))
	run(t, ctx, chromedp.Poll[bool](`!document.getElementById('run-progress')`, chromedp.WithPollingTimeout(60*time.Second)))
	msg := eval[string](t, ctx, `(document.querySelector('.error') || {}).textContent || ''`)
	if !strings.Contains(msg, "you stopped the run") || !strings.Contains(msg, "4:") {
		t.Errorf("after Stop the page says %q; want the stop at line 4", msg)
	}
	if got := eval[string](t, ctx, `document.getElementById('editor') ? document.getElementById('editor').value : '(no editor)'`); strings.TrimRight(got, "\n") != strings.TrimRight(src, "\n") {
		t.Errorf("the editor holds %q after Stop, want the code run", got)
	}
}
