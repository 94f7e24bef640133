package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserRedirectLesson steps lesson 5-14 (a child's _tprintf into the
// pipe its parent gave it as standard output, Microsoft's "Creating a Child
// Process with Redirected Input and Output") to the child's _tprintf at
// 1280×720: the parent waits in ReadFile on the read pipe, the child's
// printf puts 18 bytes ("\n" written as "\r\n") into it and the parent's
// ReadFile takes them. The shot goes to web/test-output/.
func TestBrowserRedirectLesson(t *testing.T) {
	ctx, base := browser(t)
	do(t, ctx, chromedp.EmulateViewport(1280, 720))
	defer do(t, ctx, chromedp.EmulateViewport(1920, 1080))
	load(t, ctx, base+"/?lesson=5-14-redirect-output&lang=en")
	eval[bool](t, ctx, `(() => { const s = document.getElementById('mode'); s.value = 'stmt'; s.dispatchEvent(new Event('change', {bubbles: true})); return true })()`)
	const card = `document.querySelector('.card[data-role="read"]')`
	cardText := func() string { return eval[string](t, ctx, `(`+card+` || {}).textContent || ''`) }
	caption := func() string {
		return eval[string](t, ctx, `(document.getElementById('caption') || document.querySelector('.caption') || {}).textContent || ''`)
	}
	// Statement 17 is the parent's first ReadFile: it waits on the empty pipe.
	for i := 0; i < 17; i++ {
		key(t, ctx, kb.ArrowRight, false)
	}
	if c := cardText(); !strings.Contains(c, "ReadFile") {
		t.Errorf("at the parent's first ReadFile the read pipe's card does not show the wait: %q", c)
	}
	// Statements 18-20: the child's GetStdHandle, its expect, its _tprintf.
	for i := 0; i < 3; i++ {
		key(t, ctx, kb.ArrowRight, false)
	}
	if c := caption(); !strings.Contains(c, "_tprintf writes to the standard output handle") {
		t.Errorf("statement 20 is not the child's _tprintf: caption %q", c)
	}
	if c := cardText(); !strings.Contains(c, "+18 bytes from Child") || !strings.Contains(c, "18 bytes read by Parent") {
		t.Errorf("the read pipe's card does not show the child's 18 bytes going to the parent: %q", c)
	}
	time.Sleep(700 * time.Millisecond) // transitions end before the shot
	png := run(t, ctx, chromedp.CaptureScreenshot())
	out := filepath.Join(root, "web", "test-output")
	os.MkdirAll(out, 0o755)
	os.WriteFile(filepath.Join(out, "redirect-output-1280x720.png"), png, 0o644)
}
