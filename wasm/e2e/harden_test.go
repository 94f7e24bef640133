package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
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

// worstInputs are what a student can paste that used to freeze, crash or
// brick the page (issue 15).
func worstInputs() []struct{ name, src string } {
	head := "process P;\n@P\n"
	var lines5k, lines20k, vars5k, vars200 strings.Builder
	lines5k.WriteString(head)
	for i := 0; i < 5000; i++ {
		fmt.Fprintf(&lines5k, "// line %d\n", i)
	}
	lines5k.WriteString("int x = 1;\n")
	lines20k.WriteString(head)
	for i := 0; i < 20000; i++ {
		fmt.Fprintf(&lines20k, "//%d\n", i)
	}
	lines20k.WriteString("int x = 1;\n")
	vars5k.WriteString(head)
	for i := 0; i < 5000; i++ {
		fmt.Fprintf(&vars5k, "int v%d;\n", i)
	}
	vars200.WriteString(head)
	for i := 0; i < 200; i++ {
		fmt.Fprintf(&vars200, "int v%d = %d;\n", i, i)
	}
	vars200.WriteString("while (1) CloseHandle(0);\n")
	chain := func(term, op string, n int) string { return strings.TrimSuffix(strings.Repeat(term+op, n), op) }
	return []struct{ name, src string }{
		{"5,000 lines", lines5k.String()},
		{"20,000 lines", lines20k.String()},
		{"5,000 variables", vars5k.String()},
		{"200 variables, endless loop", vars200.String()},
		{"40,000-term sum", head + "int x = " + chain("1", "+", 40000) + ";\n"},
		{"20,000 nested ?:", head + "int x = " + strings.Repeat("1 ? 1 : ", 20000) + "0;\n"},
		{"10,000 else if", head + "int x = 0;\nif (x) x = 1;" + strings.Repeat(" else if (x) x = 1;", 10000) + "\n"},
		{"1 MB literal", head + "TCHAR s[] = TEXT(\"" + strings.Repeat("a", 1<<20) + "\");\n"},
		{"endless loop", head + "int i = 0;\nwhile (1) i++;\n"},
	}
}

// TestBrowserWorstInputs runs each worst input in the editor: the page
// must come back with a result or an error, and answer an arrow key after
// it. The times go to docs/performance.md with HANDLEVIZ_FIGURES=1 (they
// are measured, never asserted).
func TestBrowserWorstInputs(t *testing.T) {
	ctx, base := browser(t)
	load(t, ctx, base+"/")
	var rows []string
	for _, c := range worstInputs() {
		start := time.Now()
		edit(t, ctx, c.src)
		took := time.Since(start)
		if !eval[bool](t, ctx, `!!document.getElementById('app') && document.getElementById('app').dataset.client === '1'`) {
			t.Fatalf("%s: the app is gone", c.name)
		}
		result := eval[string](t, ctx, `(() => { const e = document.querySelector('.error'); return e ? e.textContent : 'ran: ' + (+document.getElementById('slider').max + 1) + ' micro-steps'; })()`)
		// A key press after the run: the page answers.
		before := eval[string](t, ctx, `document.getElementById('app').dataset.renders`)
		k0 := time.Now()
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowRight)); err != nil {
			t.Fatal(err)
		}
		_, _ = chromedp.Run(ctx, chromedp.Poll[bool](fmt.Sprintf(`document.getElementById('app').dataset.renders !== %q`, before), chromedp.WithPollingTimeout(5*time.Second)))
		keyMS := time.Since(k0).Milliseconds()
		if len(result) > 110 {
			result = result[:110] + "…"
		}
		rows = append(rows, fmt.Sprintf("| %s | %d KiB | %.2f s | %d ms | %s |", c.name, len(c.src)>>10, took.Seconds(), keyMS, strings.ReplaceAll(result, "|", "/")))
		t.Logf("%s: %v, key %d ms: %s", c.name, took.Round(time.Millisecond), keyMS, result)
	}
	if os.Getenv("HANDLEVIZ_FIGURES") != "" {
		load := loadAverage()
		body := "Command: `HANDLEVIZ_FIGURES=1 go test -count=1 -run TestBrowserWorstInputs -v ./wasm/e2e` (headless Chromium), " +
			time.Now().UTC().Format("2006-01-02 15:04 UTC") + ", load average " + load + ". Time from the Run click to the page's next render " +
			"(the run, the scene and the render), then an arrow key pressed after it. The run itself still holds the page: keys pressed " +
			"during it wait for its end (at most the budget's ~1 s of wasm).\n\n| input | size | to result | key after | result |\n|---|---|---|---|---|\n" +
			strings.Join(rows, "\n") + "\n"
		if err := writeSection(filepath.Join(root, "docs", "performance.md"), "Worst inputs in the browser", body); err != nil {
			t.Error(err)
		}
	}
}

func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	return strings.Join(strings.Fields(string(b))[:3], " ")
}
