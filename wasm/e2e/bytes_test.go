package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// splitSrc writes Korean text as TCHARs and reads an odd number of bytes:
// the read stops inside a UTF-16 unit ("ReadFile function": counts are
// bytes). The card must show the lone bytes as \xNN, never as a wrong
// character.
const splitSrc = `process P;
@P
HANDLE hRead, hWrite;
CreatePipe(&hRead, &hWrite, NULL, 0);
DWORD put, n;
WriteFile(hWrite, TEXT("안녕하세요"), lstrlen(TEXT("안녕하세요")) * sizeof(TCHAR), &put, NULL);
TCHAR buf[16];
ReadFile(hRead, buf, 3, &n, NULL);
`

// TestBrowserSplitMarker: in real Chromium, after a 3-byte read of
// "안녕하세요" (48 C5 55 B1 58 D5 …) the read end's buffer starts with the
// byte B1 left of 녕's unit, shown as a marked \xB1, then the rest decoded;
// the bytes read show as "안\x55"; the badges count bytes.
func TestBrowserSplitMarker(t *testing.T) {
	ctx, base := browser(t)
	load(t, ctx, base+"/?lesson=04-pipe&lang=en")
	edit(t, ctx, splitSrc)
	const raw = `[...document.querySelectorAll('.card[data-role="read"] .buffer .chunk:not([data-gone]) .raw')].map(e => e.textContent).join('|')`
	found := false
	for i := 0; i < 40; i++ {
		if eval[string](t, ctx, raw) != "" {
			found = true
			break
		}
		key(t, ctx, kb.ArrowRight, false)
	}
	if !found {
		t.Fatalf("no micro-step shows a split marker in the read end's buffer; DOM: %.400s", sceneDOM(t, ctx))
	}
	// 안 = 48 C5, 녕 = 55 B1: a 3-byte read leaves B1 and then 하세요.
	if got := eval[string](t, ctx, raw); got != `\xB1` {
		t.Errorf("split marker %q, want \\xB1", got)
	}
	waiting := eval[string](t, ctx, `[...document.querySelectorAll('.card[data-role="read"] .buffer .chunk:not([data-gone])')].map(c => c.textContent).join('|')`)
	if !strings.Contains(waiting, `\xB1하세요`) {
		t.Errorf("waiting bytes shown as %q, want \\xB1하세요", waiting)
	}
	gone := eval[string](t, ctx, `[...document.querySelectorAll('.card[data-role="read"] .chunk[data-gone="1"]')].map(c => c.textContent).join('|')`)
	if !strings.Contains(gone, `안\x55`) {
		t.Errorf("the bytes read are shown as %q, want \"안\\x55\"", gone)
	}
	if c := eval[string](t, ctx, `(document.querySelector('.card[data-role="read"]')||{}).textContent||''`); !strings.Contains(c, "−3 bytes read by P") || !strings.Contains(c, "buffer: 7 bytes") {
		t.Errorf("the read end's card says %q", c)
	}
	// The marker is styled apart from the text.
	if bg := eval[string](t, ctx, `getComputedStyle(document.querySelector('.card[data-role="read"] .raw')).backgroundColor`); bg == "" || bg == "rgba(0, 0, 0, 0)" {
		t.Errorf("the split marker has no background of its own: %q", bg)
	}
	// The hex view on demand: the chunk's title holds its bytes.
	if h := eval[string](t, ctx, `(document.querySelector('.card[data-role="read"] .chunk:not([data-gone]) .seg')||{}).title||''`); !strings.Contains(h, "7 B: B1 58 D5 38 C1 94 C6") {
		t.Errorf("hex view %q", h)
	}
	png := run(t, ctx, chromedp.CaptureScreenshot())
	out := filepath.Join(root, "web", "test-output")
	os.MkdirAll(out, 0o755)
	if err := os.WriteFile(filepath.Join(out, "split-marker.png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", filepath.Join(out, "split-marker.png"))
}
