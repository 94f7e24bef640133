package e2e

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"handleviz/wasm/site"
)

// watchJS runs in every new document before its scripts: it records when
// the app (or the hello world) first rendered from the wasm, and any
// Content-Security-Policy violation.
const watchJS = `(() => {
	window.__csp = [];
	document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
	const sel = '#app[data-client="1"], h1[data-client="1"]';
	const mark = () => { if (!window.__firstScene && document.querySelector(sel)) window.__firstScene = performance.now(); };
	new MutationObserver(mark).observe(document, {subtree: true, childList: true, attributes: true, attributeFilter: ['data-client']});
	// When the wasm was compiled and instantiated, for the hello world too
	// (handleviz's loader.js marks it as well; the first mark counts).
	const inst = WebAssembly.instantiateStreaming;
	WebAssembly.instantiateStreaming = (source, imports) => inst.call(WebAssembly, source, imports).then((r) => {
		performance.mark('hv-wasm-instantiated');
		return r;
	});
})()`

// watch installs watchJS in the tab.
func watch(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
	_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: watchJS})
	return chromedp.Void{}, err
}

// start is one page load, timed inside the page (ms since navigation).
type start struct {
	firstScene, htmlEnd, wasmStart, wasmEnd, instantiated float64
	wasmEncoded                                           int
	// The app's own start-up marks (wasm/ui/marks.go; 0 when absent): Go's
	// main entered (runtime started, packages initialised), OnInit done
	// (the lesson compiled, run and built into a scene), the first render
	// mounted, OnNav done.
	goMain, initDone, mounted, navDone float64
}

// loadFresh opens url in a new tab and waits for the first scene. Every
// load uses a server on a new port, so nothing is cached (not the HTTP
// cache, not the service worker, not compiled wasm: all are per origin or
// per URL).
// With strictCSP a Content-Security-Policy violation fails the test (the
// hello world's stock icons are remote, which the CSP blocks: not counted).
// The caller closes the tab.
func loadFresh(t *testing.T, browserCtx context.Context, url string, strictCSP bool) (start, context.Context, context.CancelFunc) {
	t.Helper()
	tab, cancel := chromedp.NewContext(browserCtx)
	if err := chromedp.Do(tab, watch, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	if !strictCSP {
		waitJS(t, tab, `window.__firstScene > 0`, 2*time.Minute, "the first scene")
	}
	waitJS(t, tab, `window.__firstScene > 0 || window.__csp.length > 0`, 2*time.Minute, "the first scene")
	if csp := eval[[]string](t, tab, `window.__csp`); strictCSP && len(csp) > 0 {
		t.Fatalf("%s: Content-Security-Policy violations: %v", url, csp)
	}
	var s start
	v := eval[[]float64](t, tab, `(() => {
		const n = performance.getEntriesByType('navigation')[0];
		const w = performance.getEntriesByType('resource').find(e => e.name.endsWith('/web/app.wasm')) || {};
		const m = performance.getEntriesByName('hv-wasm-instantiated')[0];
		const at = (name) => { const e = performance.getEntriesByName(name)[0]; return e ? e.startTime : 0; };
		return [window.__firstScene, n.responseEnd, w.startTime || 0, w.responseEnd || 0, m ? m.startTime : 0, w.encodedBodySize || 0,
			at('hv-go-main'), at('hv-init-done'), at('hv-mounted'), at('hv-nav-done')];
	})()`)
	s.firstScene, s.htmlEnd, s.wasmStart, s.wasmEnd, s.instantiated, s.wasmEncoded = v[0], v[1], v[2], v[3], v[4], int(v[5])
	s.goMain, s.initDone, s.mounted, s.navDone = v[6], v[7], v[8], v[9]
	return s, tab, cancel
}

// TestRunServer loads the app from the server of `make run` (its headers,
// its CSP) and checks that nothing the page needs is blocked.
func TestRunServer(t *testing.T) {
	chrome, wasm := needChromeAndWasm(t)
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := site.Generate(dir, site.Options{Wasm: wasm}); err != nil {
		t.Fatal(err)
	}
	h, err := site.Server(dir, "/")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	ctx := startChrome(t, chrome)
	s, tab, closeTab := loadFresh(t, ctx, srv.URL+"/?lesson=04-pipe", true)
	defer closeTab()
	if s.wasmEncoded <= 0 || s.wasmEncoded*3 > int(mustSize(t, wasm)) {
		t.Errorf("app.wasm came as %d bytes: not the brotli copy", s.wasmEncoded)
	}
	// app.wasm is fetched once: app.js's fetch takes the preloaded response.
	if n := eval[[]string](t, tab, `performance.getEntriesByType('resource').filter(e => e.name.endsWith('/web/app.wasm')).map(e => e.initiatorType)`); len(n) != 1 {
		t.Errorf("app.wasm requested %d times by the page (%v), want once", len(n), n)
	}
	// The style sheets applied (a blocked one would leave the bar white),
	// and the app plays.
	if bg := eval[string](t, tab, `(() => { const e = document.querySelector('.top'); return e ? getComputedStyle(e).backgroundColor : '' })()`); bg != "rgb(31, 58, 95)" {
		t.Errorf("top bar background %q: handleviz.css not applied", bg)
	}
}

func mustSize(t *testing.T, name string) int64 {
	fi, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

// TestFirstScene compares the first scene of the published site with a
// go-app hello world published and served the same way (the server of
// `make run`, brotli copies). In `make test` it loads each once and checks
// that both reach their first scene with the brotli copy; `make figures`
// (HANDLEVIZ_FIGURES=1) loads each three times, alternating, and writes the
// figures into docs/performance.md.
func TestFirstScene(t *testing.T) {
	figures := os.Getenv("HANDLEVIZ_FIGURES") != ""
	loads := 1
	if figures {
		loads = 3
	}
	chrome := chromePath()
	need(t, chrome != "", "no Chromium found")
	appWasm, helloWasm := filepath.Join(root, "web", "app.wasm"), filepath.Join(root, "web", "hello.wasm")
	for _, w := range []string{appWasm, helloWasm} {
		_, err := os.Stat(w)
		need(t, err == nil, w+" is not built (make web/app.wasm web/hello.wasm)")
	}
	load0, _ := os.ReadFile("/proc/loadavg")
	tmp := t.TempDir()
	appDir, helloDir := filepath.Join(tmp, "app"), filepath.Join(tmp, "hello")
	if _, err := site.Generate(appDir, site.Options{Wasm: appWasm}); err != nil {
		t.Fatal(err)
	}
	gen := exec.Command("go", "run", "./wasm/e2e/hello", "-generate", helloDir)
	gen.Dir = root
	if out, err := gen.CombinedOutput(); err != nil {
		t.Fatalf("generating the hello world: %v\n%s", err, out)
	}
	if err := site.PublishWasm(helloWasm, filepath.Join(helloDir, "web", "app.wasm")); err != nil {
		t.Fatal(err)
	}
	if err := site.Precompress(helloDir); err != nil {
		t.Fatal(err)
	}
	ctx := startChrome(t, chrome)
	serve := func(dir string) (string, func()) {
		h, err := site.Server(dir, "/")
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(h)
		return srv.URL + "/", srv.Close
	}
	var app, hello []start
	var reloads []float64 // handleviz's first scene on a second visit (figures only)
	for i := 0; i < loads; i++ {
		for _, c := range []struct {
			dir string
			out *[]start
		}{{appDir, &app}, {helloDir, &hello}} {
			url, stop := serve(c.dir)
			s, tab, closeTab := loadFresh(t, ctx, url, c.dir == appDir)
			*c.out = append(*c.out, s)
			if figures && c.dir == appDir {
				// A second visit: the same tab reloads once the service
				// worker has cached the site and V8 has had time to cache
				// its code for the module.
				time.Sleep(6 * time.Second)
				if err := chromedp.Do(tab, chromedp.Reload()); err != nil {
					t.Fatal(err)
				}
				waitJS(t, tab, `window.__firstScene > 0`, 2*time.Minute, "the first scene after a reload")
				reloads = append(reloads, eval[float64](t, tab, `window.__firstScene`))
			}
			closeTab()
			stop()
		}
	}
	load1, _ := os.ReadFile("/proc/loadavg")
	size := func(p string) int { return int(mustSize(t, p)) }
	var b strings.Builder
	fmt.Fprintf(&b, "Command: `make figures` (`TestFirstScene` in wasm/e2e/startup_test.go), run on %s.\n", time.Now().UTC().Format("2006-01-02 at 15:04 UTC"))
	fmt.Fprintf(&b, "Load average (1/5/15 min) at the start %s, at the end %s, on the 2 shared cores.\n\n", loadavg(load0), loadavg(load1))
	fmt.Fprintf(&b, "Both sites generated as `make site` does (base \"/\") and served by the server of `make run`\n(brotli copies, `Cache-Control: no-cache`) on localhost; headless Chromium 1920×1080;\neach load in a new tab from a server on a new port, so the HTTP cache, the service worker\nand V8's code cache are empty. Loads alternate handleviz / hello world. Times in ms from\nnavigation start; first scene = the wasm's first render (`#app[data-client]`, for the\nhello world its `h1[data-client]`).\n\n")
	fmt.Fprintf(&b, "| load | handleviz: first scene | of which: page | app.wasm received | compiled + instantiated | Go start → first scene | hello world: first scene | app.wasm received | compiled + instantiated | Go start → first scene |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	var af, hf, stage [4][]float64
	var goStage [5][]float64
	for i := range app {
		a, h := app[i], hello[i]
		fmt.Fprintf(&b, "| %d | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f |\n", i+1, a.firstScene, a.htmlEnd, a.wasmEnd, a.instantiated, a.firstScene-a.instantiated, h.firstScene, h.wasmEnd, h.instantiated, h.firstScene-h.instantiated)
		af[0] = append(af[0], a.firstScene)
		hf[0] = append(hf[0], h.firstScene)
		stage[0] = append(stage[0], a.htmlEnd)
		stage[1] = append(stage[1], a.wasmEnd-a.wasmStart)
		stage[2] = append(stage[2], a.instantiated-a.wasmEnd)
		stage[3] = append(stage[3], a.firstScene-a.instantiated)
		if a.goMain > 0 && a.navDone > 0 {
			goStage[0] = append(goStage[0], a.goMain-a.instantiated)
			goStage[1] = append(goStage[1], a.initDone-a.goMain)
			goStage[2] = append(goStage[2], a.mounted-a.initDone)
			goStage[3] = append(goStage[3], a.navDone-a.mounted)
			goStage[4] = append(goStage[4], a.firstScene-a.navDone)
		}
	}
	ma, mh := pct(af[0], 50), pct(hf[0], 50)
	fmt.Fprintf(&b, "\nMedian first scene: handleviz **%.0f ms**, hello world **%.0f ms**: **%.2f×** (target ≤ 1.2×).\n", ma, mh, ma/mh)
	fmt.Fprintf(&b, "Where handleviz's time goes (medians): page and scripts %.0f ms; app.wasm download %.0f ms (compiled while it streams);\nrest of compile and instantiate %.0f ms; Go runtime start, app init and first render %.0f ms.\n", pct(stage[0], 50), pct(stage[1], 50), pct(stage[2], 50), pct(stage[3], 50))
	if len(goStage[0]) > 0 {
		fmt.Fprintf(&b, "That last part, by the app's performance marks (wasm/ui/marks.go; medians): Go runtime start and package initialisation %.0f ms;\n`OnInit` (the lesson compiled, run, built into a scene) %.0f ms; first render and DOM mount %.0f ms; `OnMount` and `OnNav` %.0f ms;\nthe render after `OnNav` (the one that marks the page as the client's) %.0f ms.\n", pct(goStage[0], 50), pct(goStage[1], 50), pct(goStage[2], 50), pct(goStage[3], 50), pct(goStage[4], 50))
	}
	if len(reloads) > 0 {
		fmt.Fprintf(&b, "A second visit (the same tab reloaded 6 s after its first scene: the service worker's cache and V8's code for the module are warm): first scene %s ms, median **%.0f ms**.\n", joinMS(reloads), pct(reloads, 50))
	}
	b.WriteString("\n")
	fmt.Fprintf(&b, "| app.wasm as published | raw | gzip -9 | brotli 11 |\n|---|---:|---:|---:|\n")
	ab, hb := size(filepath.Join(appDir, "web", "app.wasm.br")), size(filepath.Join(helloDir, "web", "app.wasm.br"))
	fmt.Fprintf(&b, "| handleviz | %s | %s | %s |\n", kib(size(filepath.Join(appDir, "web", "app.wasm"))), kib(size(filepath.Join(appDir, "web", "app.wasm.gz"))), kib(ab))
	fmt.Fprintf(&b, "| go-app hello world | %s | %s | %s |\n", kib(size(filepath.Join(helloDir, "web", "app.wasm"))), kib(size(filepath.Join(helloDir, "web", "app.wasm.gz"))), kib(hb))
	fmt.Fprintf(&b, "\nbrotli ratio handleviz / hello world: **%.3f×** (target ≤ 1.15×); sent over the wire in the loads above: %s.\n", float64(ab)/float64(hb), kib(app[0].wasmEncoded))
	report := b.String()
	t.Logf("\n%s", report)
	for i, s := range append(append([]start{}, app...), hello...) {
		if s.firstScene <= 0 || s.wasmEncoded <= 0 {
			t.Errorf("load %d: first scene at %.0f ms, %d bytes of app.wasm received: no first scene or no brotli copy", i+1, s.firstScene, s.wasmEncoded)
		}
	}
	if !figures {
		return
	}
	out := filepath.Join(root, "web", "test-output")
	os.MkdirAll(out, 0o755)
	os.WriteFile(filepath.Join(out, "performance-site.md"), []byte(report), 0o644)
	if err := writeSection(filepath.Join(root, "docs", "performance.md"), "Published site: first scene and download", report); err != nil {
		t.Error(err)
	}
}

func loadavg(b []byte) string {
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " / ")
}

func joinMS(v []float64) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = fmt.Sprintf("%.0f", x)
	}
	return strings.Join(s, ", ")
}
