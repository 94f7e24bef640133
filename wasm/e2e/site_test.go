package e2e

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"handleviz/assets"
	"handleviz/wasm/site"
)

// staticHost is a plain static file server: net/http.FileServer over the
// generated directory, plus what nginx's brotli_static does (a file's .br
// copy when the browser accepts br). None of the project's server code.
type staticHost struct {
	dir  string
	slow atomic.Bool // app.wasm trickles in, to look at the loading screen
	mu   sync.Mutex
	sent map[string]string // path → Content-Encoding it was last sent with
}

func (s *staticHost) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := path.Clean("/" + r.URL.Path)
	name := filepath.Join(s.dir, filepath.FromSlash(p))
	enc := ""
	fi, err := os.Stat(name + ".br")
	if strings.Contains(r.Header.Get("Accept-Encoding"), "br") && err == nil && fi.Mode().IsRegular() {
		enc = "br"
	}
	s.mu.Lock()
	s.sent[p] = enc
	s.mu.Unlock()
	if enc == "" {
		http.FileServer(http.Dir(s.dir)).ServeHTTP(w, r)
		return
	}
	f, err := os.Open(name + ".br")
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	w.Header().Set("Content-Type", mime.TypeByExtension(path.Ext(p)))
	w.Header().Set("Content-Encoding", "br")
	w.Header().Set("Vary", "Accept-Encoding")
	var body io.ReadSeeker = f
	if s.slow.Load() && strings.HasSuffix(p, ".wasm") {
		body = slowReader{f}
	}
	http.ServeContent(w, r, "", fi.ModTime(), body)
}

// paths lists what the host was asked for.
func (s *staticHost) paths() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var ps []string
	for p := range s.sent {
		ps = append(ps, p)
	}
	sort.Strings(ps)
	return ps
}

func (s *staticHost) encoding(p string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.sent[p]
	return e, ok
}

// slowReader gives 64 KiB every 40 ms: about 1.6 MB/s.
type slowReader struct{ io.ReadSeeker }

func (r slowReader) Read(b []byte) (int, error) {
	time.Sleep(40 * time.Millisecond)
	return r.ReadSeeker.Read(b[:min(len(b), 64<<10)])
}

// serveAt serves h under base on addr ("127.0.0.1:0" for a new port) and
// returns the address and a function that stops the server (the listener
// and every connection).
func serveAt(t *testing.T, addr, base string, h http.Handler) (string, func()) {
	t.Helper()
	var ln net.Listener
	var err error
	for i := 0; i < 50; i++ { // the port of a stopped server may take a moment
		if ln, err = net.Listen("tcp", addr); err == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle(base, http.StripPrefix(strings.TrimSuffix(base, "/"), h))
	srv := &http.Server{Handler: mux}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String(), func() { srv.Close() }
}

// waitJS evaluates js (which may return a promise) until it is true.
func waitJS(t *testing.T, ctx context.Context, js string, d time.Duration, what string) {
	t.Helper()
	if err := pollJS(ctx, js, d); err != nil {
		t.Fatalf("waited %v for %s (%v)", d, what, err)
	}
}

// pollJS evaluates js (which may return a promise) until it is true; after
// d it gives up, with the last evaluation's error if there was one.
func pollJS(ctx context.Context, js string, d time.Duration) error {
	for end := time.Now().Add(d); ; time.Sleep(200 * time.Millisecond) {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js, chromedp.EvalAwaitPromise))
		if err == nil && ok {
			return nil
		}
		if time.Now().After(end) {
			if err == nil {
				err = errors.New("still false")
			}
			return err
		}
	}
}

// swStateJS describes the page's service workers and caches, for a failure
// message.
const swStateJS = `(async () => {
	const r = await navigator.serviceWorker.getRegistration();
	const w = (x) => x ? x.state : '-';
	return JSON.stringify({
		controller: !!navigator.serviceWorker.controller,
		installing: r && w(r.installing), waiting: r && w(r.waiting), active: r && w(r.active),
		caches: await caches.keys(),
		running: typeof goappEnv === 'undefined' ? '?' : goappEnv.GOAPP_VERSION,
	});
})()`

func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png := run(t, ctx, chromedp.CaptureScreenshot())
	out := filepath.Join(root, "web", "test-output")
	os.MkdirAll(out, 0o755)
	os.WriteFile(filepath.Join(out, name), png, 0o644)
	if os.Getenv("HANDLEVIZ_FIGURES") != "" {
		os.MkdirAll(filepath.Join(root, "docs", "screenshots"), 0o755)
		os.WriteFile(filepath.Join(root, "docs", "screenshots", name), png, 0o644)
	}
	t.Logf("screenshot: %s", filepath.Join(out, name))
}

// TestPublishedSite publishes the site as a GitHub Pages project site would
// be (under a sub-path) on a plain static server, and uses it as a student
// would: first visit, offline, then a new deployment.
func TestPublishedSite(t *testing.T) {
	chrome, wasm := needChromeAndWasm(t)

	const base = "/courses/handleviz/"
	tmp := t.TempDir()
	one, two := filepath.Join(tmp, "one"), filepath.Join(tmp, "two")
	for dir, version := range map[string]string{one: "one", two: "two"} {
		if _, err := site.Generate(dir, site.Options{Base: base, Version: version, Wasm: wasm}); err != nil {
			t.Fatal(err)
		}
	}
	// The second deployment is a later one. Generated within the same
	// second as the first, its files would carry the same Last-Modified
	// (whole seconds), so the static host answered the browser's update
	// check of app-worker.js with 304 Not Modified and the browser kept the
	// old worker: the "updated" notice never came (a CI failure).
	later := time.Now().Add(2 * time.Second)
	if err := filepath.WalkDir(two, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		return os.Chtimes(p, later, later)
	}); err != nil {
		t.Fatal(err)
	}
	host := &staticHost{dir: one, sent: map[string]string{}}
	addr, stop := serveAt(t, "127.0.0.1:0", base, host)
	ctx := startChrome(t, chrome)
	page := "http://" + addr + base

	t.Run("FirstVisit", func(t *testing.T) {
		host.slow.Store(true)
		if err := chromedp.Do(ctx, chromedp.Navigate(page+"?lesson=02-duplicate")); err != nil {
			t.Fatal(err)
		}
		// The loading screen names the lesson and counts app.wasm's bytes.
		waitJS(t, ctx, `(() => { const b = document.getElementById('hv-loading-bar'); return !!b && b.value > 0 && b.value < b.max })()`, 60*time.Second, "the loading screen's progress")
		if got, want := eval[string](t, ctx, `document.querySelector('#app-wasm-loader .hv-loading-title').textContent`), lessonTitle(t, "02-duplicate"); got != want {
			t.Errorf("loading screen title %q, want the lesson's own %q", got, want)
		}
		raw, _ := os.Stat(filepath.Join(one, "web", "app.wasm"))
		bytes := eval[string](t, ctx, `document.getElementById('hv-loading-bytes').textContent`)
		want := fmt.Sprintf(" of %.1f MB", float64(raw.Size())/1048576)
		if !regexp.MustCompile(`^[0-9]+\.[0-9] of `).MatchString(bytes) || !strings.HasSuffix(bytes, want) {
			t.Errorf("loading screen bytes %q, want \"x.x%s\"", bytes, want)
		}
		screenshot(t, ctx, "site-loading.png")
		host.slow.Store(false)
		run(t, ctx, chromedp.Poll[bool](readyJS, chromedp.WithPollingTimeout(90*time.Second)))

		// The browser got app.wasm brotli-compressed and decoded it.
		br, _ := os.Stat(filepath.Join(one, "web", "app.wasm.br"))
		sizes := eval[[]float64](t, ctx, `(() => { const e = performance.getEntriesByType('resource').find(e => e.name.endsWith('/web/app.wasm')); return e ? [e.encodedBodySize, e.decodedBodySize] : [] })()`)
		if len(sizes) != 2 || int64(sizes[0]) != br.Size() || int64(sizes[1]) != raw.Size() {
			t.Errorf("app.wasm received as %v bytes (encoded, decoded); want %d brotli bytes decoding to %d", sizes, br.Size(), raw.Size())
		}
		if enc, _ := host.encoding("/web/app.wasm"); enc != "br" {
			t.Errorf("the server sent app.wasm with Content-Encoding %q", enc)
		}
		if got := eval[string](t, ctx, `document.getElementById('lesson').selectedOptions[0].textContent`); !strings.Contains(got, "DuplicateHandle") {
			t.Errorf("lesson %q, want the DuplicateHandle lesson", got)
		}
		key(t, ctx, kb.ArrowRight, false)
		key(t, ctx, kb.ArrowRight, false)
		if p := pos(t, ctx); p != 2 {
			t.Errorf("after 2 × →, position %d", p)
		}
		screenshot(t, ctx, "site-subpath.png")
		// Offline needs the worker in control and the app in its cache.
		waitJS(t, ctx, `(async () => !!navigator.serviceWorker.controller && !!(await (await caches.open('handleviz-one')).match('`+base+`')) && !!(await (await caches.open('handleviz-one')).match('`+base+`web/app.wasm')))()`, 90*time.Second, "the service worker to cache the site")
	})

	t.Run("Offline", func(t *testing.T) {
		stop()
		if _, err := http.Get(page); err == nil {
			t.Fatal("the server still answers")
		}
		// Another lesson's permalink, never visited: the cached app opens it.
		if err := chromedp.Do(ctx, chromedp.Navigate(page+"?lesson=03-named&step=2")); err != nil {
			t.Fatal(err)
		}
		run(t, ctx, chromedp.Poll[bool](readyJS, chromedp.WithPollingTimeout(60*time.Second)))
		if got := eval[string](t, ctx, `document.getElementById('lesson').selectedOptions[0].textContent`); !strings.Contains(got, "Named") {
			t.Errorf("offline: lesson %q, want the named-objects lesson", got)
		}
		if p := pos(t, ctx); p != 2 {
			t.Errorf("offline: position %d, want 2 from the permalink", p)
		}
		key(t, ctx, kb.ArrowRight, false)
		if p := pos(t, ctx); p != 3 {
			t.Errorf("offline: after →, position %d", p)
		}
	})

	t.Run("NewDeployment", func(t *testing.T) {
		host2 := &staticHost{dir: two, sent: map[string]string{}}
		serveAt(t, addr, base, host2)
		if err := chromedp.Do(ctx, chromedp.Navigate(page)); err != nil {
			t.Fatal(err)
		}
		run(t, ctx, chromedp.Poll[bool](readyJS, chromedp.WithPollingTimeout(60*time.Second)))
		// This visit still runs the cached version; the new one installs
		// meanwhile and the page says so.
		if err := pollJS(ctx, `!!document.getElementById('hv-updated')`, 90*time.Second); err != nil {
			t.Fatalf(`waited 90s for the "updated" notice (%v); service worker: %s; requests to the new host: %v`,
				err, eval[string](t, ctx, swStateJS), host2.paths())
		}
		if got := eval[string](t, ctx, `document.getElementById('hv-updated').textContent`); !strings.Contains(got, "updated") {
			t.Errorf("update notice %q", got)
		}
		screenshot(t, ctx, "site-updated.png")
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#hv-updated button"))); err != nil {
			t.Fatal(err)
		}
		waitJS(t, ctx, `typeof goappEnv !== 'undefined' && goappEnv.GOAPP_VERSION === 'two' && `+readyJS, 60*time.Second, "the new version to run")
		if keys := eval[[]string](t, ctx, `caches.keys()`); len(keys) != 1 || keys[0] != "handleviz-two" {
			t.Errorf("caches after the update: %v, want only handleviz-two", keys)
		}
		key(t, ctx, kb.ArrowRight, false)
		if p := pos(t, ctx); p != 1 {
			t.Errorf("new version: after →, position %d", p)
		}
	})
}

// needChromeAndWasm finds Chromium and web/app.wasm (skipping, or failing
// under CI=true, without them).
func needChromeAndWasm(t *testing.T) (chrome, wasm string) {
	t.Helper()
	chrome = chromePath()
	need(t, chrome != "", "no Chromium found (/usr/bin/chromium; install Debian's chromium)")
	wasm = filepath.Join(root, "web", "app.wasm")
	_, err := os.Stat(wasm)
	need(t, err == nil, "web/app.wasm is not built (run `make web/app.wasm` or `make test`)")
	return chrome, wasm
}

// lessonTitle is the English title a bundled lesson declares.
func lessonTitle(t *testing.T, id string) string {
	t.Helper()
	l, ok := assets.LessonByID(id)
	if !ok {
		t.Fatalf("no bundled lesson %s", id)
	}
	for _, line := range strings.Split(l.Source, "\n") {
		if v, ok := strings.CutPrefix(line, "// title.en:"); ok {
			return strings.TrimSpace(v)
		}
	}
	t.Fatalf("lesson %s has no title.en", id)
	return ""
}
