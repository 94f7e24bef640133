// Package e2e drives the built visualizer (web/app.wasm) in headless
// Chromium through chromedp.
//
// Without a browser or without web/app.wasm the tests skip, saying so, unless
// CI=true: in CI a missing browser or wasm build FAILS. `make test` builds
// web/app.wasm first. Artifacts (the screenshot, the measured figures) go to
// web/test-output/; with HANDLEVIZ_FIGURES=1 (`make figures`) the screenshot
// is also written to docs/screenshots/ and the figures to the "Visualizer"
// section of docs/performance.md.
package e2e

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"handleviz/wasm/ui"
)

var root string // the repository root

func TestMain(m *testing.M) {
	_, file, _, _ := runtime.Caller(0)
	root = filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
	// go-app's handler serves web/ from the working directory.
	if err := os.Chdir(root); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	ui.Register()
	os.Exit(m.Run())
}

func inCI() bool { return os.Getenv("CI") == "true" || os.Getenv("CI") == "1" }

// need skips (locally) or fails (CI=true) when a prerequisite is missing.
func need(t *testing.T, ok bool, what string) {
	t.Helper()
	if ok {
		return
	}
	if inCI() {
		t.Fatalf("%s (CI=true: a missing prerequisite is a failure)", what)
	}
	t.Skipf("%s; skipping (set CI=true to make this a failure)", what)
}

func chromePath() string {
	if p := os.Getenv("HANDLEVIZ_CHROME"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return ""
		}
		return p
	}
	for _, n := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	return ""
}

// browser starts the app's server and a headless Chromium; it returns a tab
// context and the server's URL.
func browser(t *testing.T) (context.Context, string) {
	t.Helper()
	chrome := chromePath()
	need(t, chrome != "", "no Chromium found (/usr/bin/chromium; install Debian's chromium)")
	_, err := os.Stat(filepath.Join(root, "web", "app.wasm"))
	need(t, err == nil, "web/app.wasm is not built (run `make web/app.wasm` or `make test`)")

	srv := httptest.NewServer(ui.Serve(ui.Handler("e2e")))
	t.Cleanup(srv.Close)
	return startChrome(t, chrome), srv.URL
}

// startChrome starts a headless Chromium with an empty profile and returns
// a tab context.
func startChrome(t *testing.T, chrome string) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chrome),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1920, 1080),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelA)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	ctx, cancelT := context.WithTimeout(ctx, 6*time.Minute)
	t.Cleanup(cancelT)
	return ctx
}

func run[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	return run(t, ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
}

// ready waits until the wasm app (not the server's pre-render) shows a scene
// or an error.
const readyJS = `!document.getElementById('app-wasm-loader') && !!document.getElementById('app') && document.getElementById('app').dataset.client === '1'`

func load(t *testing.T, ctx context.Context, url string) float64 {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, chromedp.Poll[bool](readyJS, chromedp.WithPollingTimeout(60*time.Second)))
	// Time from navigation start to the first scene rendered by the app.
	return eval[float64](t, ctx, `performance.now()`)
}

func pos(t *testing.T, ctx context.Context) int {
	return eval[int](t, ctx, `+document.getElementById('scene').dataset.pos`)
}

func maxPos(t *testing.T, ctx context.Context) int {
	return eval[int](t, ctx, `+document.getElementById('slider').max`)
}

// key presses a key as a user would and waits for the app to re-render.
func key(t *testing.T, ctx context.Context, k string, shift bool) {
	t.Helper()
	before := eval[string](t, ctx, `document.getElementById('scene').dataset.pos + '/' + document.getElementById('app').dataset.renders`)
	var opts []chromedp.KeyOption
	if shift {
		opts = append(opts, chromedp.KeyModifiers(chromedp.ModifierShift))
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(k, opts...)); err != nil {
		t.Fatal(err)
	}
	// Wait for a render (or give up quietly at the ends of the lesson).
	chromedp.Run(ctx, chromedp.Poll[bool](fmt.Sprintf(`(document.getElementById('scene').dataset.pos + '/' + document.getElementById('app').dataset.renders) !== %q`, before),
		chromedp.WithPollingTimeout(2*time.Second)))
}

// sceneDOM is the scene and caption as a canonical string: elements with
// their attributes sorted (go-app patches in place, so attribute order
// depends on history), without the attribute that only restarts animations.
func sceneDOM(t *testing.T, ctx context.Context) string {
	const js = `(() => {
		const ser = (n) => {
			if (n.nodeType === 3) return n.data;
			if (n.nodeType !== 1) return '';
			const attrs = [...n.attributes].filter(a => a.name !== 'data-phase').map(a => a.name + '=' + JSON.stringify(a.value)).sort().join(' ');
			return '<' + n.tagName.toLowerCase() + (attrs ? ' ' + attrs : '') + '>' + [...n.childNodes].map(ser).join('') + '</' + n.tagName.toLowerCase() + '>';
		};
		return ser(document.getElementById('scene')) + ser(document.getElementById('caption'));
	})()`
	return eval[string](t, ctx, js)
}

type procInfo struct {
	PID  int    `json:"pid"`
	Name string `json:"name"`
}

func procs(t *testing.T, ctx context.Context) []procInfo {
	return eval[[]procInfo](t, ctx, `[...document.querySelectorAll('.proc')].map(p => ({pid: +p.dataset.pid, name: p.querySelector('.name').textContent}))`)
}

func TestBrowser(t *testing.T) {
	ctx, base := browser(t)
	figs := &figures{}

	t.Run("DefaultLessonWalk", func(t *testing.T) {
		figs.navMS = load(t, ctx, base+"/")
		title := eval[string](t, ctx, `document.getElementById('lesson').selectedOptions[0].textContent`)
		if !strings.Contains(title, "inheritance") {
			t.Errorf("default lesson is %q, want the inheritance lesson", title)
		}
		n := maxPos(t, ctx)
		if n < 10 {
			t.Fatalf("only %d micro-steps in the default lesson", n+1)
		}
		doms := map[int]string{0: sceneDOM(t, ctx)}
		var sawInherit, sawSkip, sawTwo bool
		mutexCount := func() string {
			return eval[string](t, ctx, `(document.querySelector('.card[data-type="mutex"] .count')||{}).textContent||''`)
		}
		prevMutex := mutexCount()
		for i := 1; i <= n; i++ {
			key(t, ctx, kb.ArrowRight, false)
			if p := pos(t, ctx); p != i {
				t.Fatalf("after %d × →, position %d", i, p)
			}
			doms[i] = sceneDOM(t, ctx)
			ps := procs(t, ctx)
			if len(ps) >= 2 {
				parent, child := ps[0].PID, ps[1].PID
				// The child's inherited row sits at the parent's index.
				inh := eval[[]int](t, ctx, fmt.Sprintf(`[...document.querySelectorAll('#proc-%d .row[data-change="inherited"]')].map(r => +r.dataset.index)`, child))
				for _, idx := range inh {
					sawInherit = true
					same := eval[bool](t, ctx, fmt.Sprintf(`(() => { const a = document.getElementById('row-%d-%d'), b = document.getElementById('row-%d-%d');
						return !!a && !!b && a.querySelector('.c-val').textContent === b.querySelector('.c-val').textContent &&
							a.querySelector('.oaddr').textContent === b.querySelector('.oaddr').textContent &&
							Math.abs(a.getBoundingClientRect().top - b.getBoundingClientRect().top) < 0.5 })()`, parent, idx, child, idx))
					if !same {
						t.Errorf("step %d: child's inherited row %d is not the parent's row %d (value, object, height)", i, idx, idx)
					}
				}
				// A skipped row: nothing at that index in the child.
				skip := eval[[]int](t, ctx, fmt.Sprintf(`[...document.querySelectorAll('#proc-%d .row[data-change="scan-skip"]')].map(r => +r.dataset.index)`, parent))
				for _, idx := range skip {
					sawSkip = true
					if eval[bool](t, ctx, fmt.Sprintf(`(() => { const r = document.getElementById('row-%d-%d'); return !!r && r.dataset.free !== '1' })()`, child, idx)) {
						t.Errorf("step %d: the child has an entry at skipped index %d", i, idx)
					}
				}
			}
			c := mutexCount()
			if prevMutex == "1" && c == "2" {
				sawTwo = true
				// the change is said in words, not colour alone
				if !strings.Contains(eval[string](t, ctx, `document.querySelector('.card[data-type="mutex"] .deltas').textContent`), "+1") {
					t.Errorf("step %d: the mutex count went 1→2 without a +1 label", i)
				}
			}
			prevMutex = c
		}
		if !sawInherit || !sawSkip || !sawTwo {
			t.Errorf("key steps not seen: inherited row %v, skipped row %v, mutex count 1→2 %v", sawInherit, sawSkip, sawTwo)
		}
		// The arrows computed in Go start and end where the browser drew the
		// rows and cards (the style sheet's sizes match the Go layout).
		key(t, ctx, kb.Home, false)
		for i := 0; i < n/2; i++ {
			key(t, ctx, kb.ArrowRight, false)
		}
		bad := eval[[]string](t, ctx, `(() => {
			const sc = document.getElementById('scene'), z = parseFloat(sc.style.zoom || '1'), o = sc.getBoundingClientRect();
			const rel = (r) => ({l: (r.left - o.left) / z, r: (r.right - o.left) / z, t: (r.top - o.top) / z, b: (r.bottom - o.top) / z});
			const out = [];
			for (const p of document.querySelectorAll('path[id^="arrow-"]')) {
				const [, pid, idx] = p.id.split('-');
				const row = document.getElementById('row-' + pid + '-' + idx), card = document.getElementById('obj-' + p.dataset.obj);
				if (!row || !card) { out.push(p.id + ': no row or card'); continue; }
				const n = p.getAttribute('d').match(/-?[0-9.]+/g).map(Number);
				const [x1, y1, x2, y2] = [n[0], n[1], n[n.length - 2], n[n.length - 1]];
				const R = rel(row.getBoundingClientRect()), C = rel(card.getBoundingClientRect());
				if (Math.abs(x1 - R.r) > 1.5 || Math.abs(y1 - (R.t + R.b) / 2) > 1.5) out.push(p.id + ' starts at ' + x1 + ',' + y1 + ' but the row is ' + JSON.stringify(R));
				if (Math.abs(x2 - (C.l + C.r) / 2) > 1.5 || Math.abs(y2 - C.t) > 1.5) out.push(p.id + ' ends at ' + x2 + ',' + y2 + ' but the card is ' + JSON.stringify(C));
			}
			return out;
		})()`)
		for _, b := range bad {
			t.Error(b)
		}
		key(t, ctx, kb.End, false)
		// Back to an earlier step: the same DOM as on the way forward.
		back := n / 2
		for i := n; i > back; i-- {
			key(t, ctx, kb.ArrowLeft, false)
		}
		if p := pos(t, ctx); p != back {
			t.Fatalf("after stepping back, position %d, want %d", p, back)
		}
		if got := sceneDOM(t, ctx); got != doms[back] {
			k := 0
			for k < len(got) && k < len(doms[back]) && got[k] == doms[back][k] {
				k++
			}
			from := max(0, k-200)
			t.Errorf("step %d differs when reached backwards, at byte %d:\nforward:  …%.400s\nbackward: …%.400s", back, k, doms[back][from:], got[from:])
		}
		// Statement steps, Home and End.
		key(t, ctx, kb.Home, false)
		if p := pos(t, ctx); p != 0 {
			t.Errorf("Home: position %d", p)
		}
		key(t, ctx, kb.ArrowRight, true)
		p1 := pos(t, ctx)
		key(t, ctx, kb.ArrowRight, true)
		if p2 := pos(t, ctx); p2 <= p1 {
			t.Errorf("Shift+→ did not move by statement: %d then %d", p1, p2)
		}
		key(t, ctx, kb.End, false)
		if p := pos(t, ctx); p != n {
			t.Errorf("End: position %d, want %d", p, n)
		}
		if d := sceneDOM(t, ctx); strings.Contains(d, "<script") {
			t.Errorf("script element inside the scene")
		}
	})

	t.Run("PlaySpeedMotion", func(t *testing.T) {
		load(t, ctx, base+"/")
		// + twice: faster (the speed list goes from slow to fast).
		before := eval[int](t, ctx, `document.getElementById('speed').selectedIndex`)
		key(t, ctx, "+", false)
		key(t, ctx, "+", false)
		if after := eval[int](t, ctx, `document.getElementById('speed').selectedIndex`); after != min(before+2, 4) {
			t.Errorf("+ +: speed %d → %d", before, after)
		}
		p0 := pos(t, ctx)
		key(t, ctx, " ", false) // play
		time.Sleep(1500 * time.Millisecond)
		key(t, ctx, " ", false) // pause
		p1 := pos(t, ctx)
		if p1 <= p0 {
			t.Errorf("Space did not play: position %d → %d", p0, p1)
		}
		time.Sleep(800 * time.Millisecond)
		if p2 := pos(t, ctx); p2 != p1 {
			t.Errorf("Space did not pause: position %d → %d", p1, p2)
		}
		// Reduced motion: no travelling rows, the highlight stays.
		run(t, ctx, chromedp.Evaluate[any](`document.getElementById('motion').click()`))
		run(t, ctx, chromedp.Poll[bool](`document.getElementById('app').dataset.reduced === '1'`, chromedp.WithPollingTimeout(5*time.Second)))
		key(t, ctx, kb.Home, false)
		for i := 0; i < maxPos(t, ctx); i++ {
			key(t, ctx, kb.ArrowRight, false)
			if eval[bool](t, ctx, `!!document.querySelector('.row[data-change="inherited"]')`) {
				break
			}
		}
		if d := eval[string](t, ctx, `(() => { const t = document.querySelector('.traveller'); return t ? getComputedStyle(t).display : 'none' })()`); d != "none" {
			t.Errorf("reduced motion still shows the travelling row (display %s)", d)
		}
		if eval[string](t, ctx, `getComputedStyle(document.querySelector('.row[data-change="inherited"]')).outlineStyle`) == "none" {
			t.Errorf("reduced motion lost the highlight")
		}
		run(t, ctx, chromedp.Evaluate[any](`document.getElementById('motion').click()`))
	})

	t.Run("Screenshot", func(t *testing.T) {
		load(t, ctx, base+"/")
		// The CreateProcess scan's first copy: a lecturer's key picture.
		target := eval[int](t, ctx, `-1`)
		n := maxPos(t, ctx)
		for i := 1; i <= n; i++ {
			key(t, ctx, kb.ArrowRight, false)
			if eval[bool](t, ctx, `!!document.querySelector('.row[data-change="inherited"]')`) {
				target = i
				break
			}
		}
		if target < 0 {
			t.Fatal("no inherited row in the default lesson")
		}
		// A full-HD projector with the browser in full screen (F11).
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(1920, 1080)); err != nil {
			t.Fatal(err)
		}
		time.Sleep(1200 * time.Millisecond) // let the travelling row land
		png := run(t, ctx, chromedp.CaptureScreenshot())
		out := filepath.Join(root, "web", "test-output")
		os.MkdirAll(out, 0o755)
		name := filepath.Join(out, "inherit-step.png")
		if err := os.WriteFile(name, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s (micro-step %d)", name, target)
		if os.Getenv("HANDLEVIZ_FIGURES") != "" {
			os.MkdirAll(filepath.Join(root, "docs", "screenshots"), 0o755)
			os.WriteFile(filepath.Join(root, "docs", "screenshots", "inherit-step.png"), png, 0o644)
		}
	})

	t.Run("PipeLesson", func(t *testing.T) {
		load(t, ctx, base+"/?lesson=04-pipe")
		title := eval[string](t, ctx, `document.getElementById('lesson').selectedOptions[0].textContent`)
		if !strings.Contains(title, "pipe") {
			t.Fatalf("lesson 04-pipe is %q", title)
		}
		const card = `document.querySelector('.card[data-role="read"]')`
		cardText := func() string { return eval[string](t, ctx, `(`+card+` || {}).textContent || ''`) }
		// waiting bytes: the chunks of the read end's buffer that are not leaving
		buffered := func() string {
			return eval[string](t, ctx, `[...document.querySelectorAll('.card[data-role="read"] .buffer .chunk:not([data-gone])')].map(c => c.textContent).join('|')`)
		}
		n := maxPos(t, ctx)
		write := -1
		for i := 1; i <= n; i++ {
			key(t, ctx, kb.ArrowRight, false)
			if strings.Contains(buffered(), "hello, parent") {
				write = i
				break
			}
		}
		if write < 0 {
			t.Fatal("no micro-step shows \"hello, parent\" in the read end's buffer")
		}
		// The write micro-step: the bytes are there, marked new, with a text
		// badge; the parent's header says where it waits; a chip travels.
		if !eval[bool](t, ctx, `!!document.querySelector('.card[data-role="read"] .seg[data-new="1"]')`) {
			t.Errorf("micro-step %d: the written bytes are not marked new", write)
		}
		if c := cardText(); !strings.Contains(c, "+26 bytes from Child") || !strings.Contains(c, "buffer: 26 bytes") || !strings.Contains(c, "write end: open (1 handle)") {
			t.Errorf("micro-step %d: the read end's card says %q", write, c)
		}
		if s := eval[string](t, ctx, `[...document.querySelectorAll('.proc-status')].map(e => e.textContent).join('|')`); !strings.Contains(s, "waiting in ReadFile(0x4) on Pipe read end") {
			t.Errorf("micro-step %d: headers %q do not say where the parent waits", write, s)
		}
		if !eval[bool](t, ctx, `!!document.querySelector('.traveller[data-kind="data"][data-dir="in"]')`) {
			t.Errorf("micro-step %d: no data chip travels into the buffer", write)
		}
		// The chip lands on the buffer the style sheet draws (the Go
		// geometry of scene.BufferChip matches the card's layout).
		if off := eval[float64](t, ctx, `(() => {
			const c = document.querySelector('.traveller[data-kind="data"][data-dir="in"]'), b = document.querySelector('.card[data-role="read"] .buffer');
			if (!c || !b) return 999;
			const z = parseFloat(document.getElementById('scene').style.zoom || '1');
			return Math.abs(parseFloat(c.style.top) * z - (b.getBoundingClientRect().top - document.getElementById('scene').getBoundingClientRect().top));
		})()`); off > 6 {
			t.Errorf("micro-step %d: the data chip lands %.0f px away from the buffer", write, off)
		}
		time.Sleep(1000 * time.Millisecond) // let the chip land
		png := run(t, ctx, chromedp.CaptureScreenshot())
		out := filepath.Join(root, "web", "test-output")
		os.MkdirAll(out, 0o755)
		if err := os.WriteFile(filepath.Join(out, "pipe-write.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s (micro-step %d)", filepath.Join(out, "pipe-write.png"), write)

		// The read micro-step: the bytes leave the buffer.
		key(t, ctx, kb.ArrowRight, false)
		if b := buffered(); strings.Contains(b, "hello, parent") {
			t.Errorf("micro-step %d: \"hello, parent\" is still waiting in the buffer after the read: %q", write+1, b)
		}
		if c := cardText(); !strings.Contains(c, "−26 bytes read by Parent") || !strings.Contains(c, "buffer empty") {
			t.Errorf("micro-step %d: the read end's card says %q", write+1, c)
		}
		if !eval[bool](t, ctx, `[...document.querySelectorAll('.card[data-role="read"] .chunk[data-gone="1"]')].some(c => c.textContent.includes('hello, parent'))`) {
			t.Errorf("micro-step %d: the read bytes are not shown leaving", write+1)
		}
		if s := eval[string](t, ctx, `[...document.querySelectorAll('.proc-status')].map(e => e.textContent).join('|')`); strings.Contains(s, "waiting") {
			t.Errorf("micro-step %d: a process still waits: %q", write+1, s)
		}
		// Back one: the bytes are in the buffer again.
		key(t, ctx, kb.ArrowLeft, false)
		if !strings.Contains(buffered(), "hello, parent") {
			t.Errorf("back at micro-step %d, the buffer is %q", write, buffered())
		}
		// Reduced motion: no chip moves, the badge and the mark stay.
		run(t, ctx, chromedp.Evaluate[any](`document.getElementById('motion').click()`))
		run(t, ctx, chromedp.Poll[bool](`document.getElementById('app').dataset.reduced === '1'`, chromedp.WithPollingTimeout(5*time.Second)))
		if d := eval[string](t, ctx, `(() => { const t = document.querySelector('.traveller[data-kind="data"]'); return t ? getComputedStyle(t).display : 'none' })()`); d != "none" {
			t.Errorf("reduced motion still moves the data chip (display %s)", d)
		}
		if !strings.Contains(cardText(), "+26 bytes from Child") || eval[string](t, ctx, `getComputedStyle(document.querySelector('.card[data-role="read"] .seg[data-new="1"]')).boxShadow`) == "none" {
			t.Errorf("reduced motion lost the data badge or the new-data mark")
		}
		run(t, ctx, chromedp.Evaluate[any](`document.getElementById('motion').click()`))
		// The Korean UI, from a permalink to the same micro-step.
		load(t, ctx, fmt.Sprintf("%s/?lesson=04-pipe&step=%d&lang=ko", base, write))
		if c := cardText(); !strings.Contains(c, "버퍼: 26바이트") || !strings.Contains(c, "쓰기 파이프: 핸들 1개 열림") || !strings.Contains(c, "+26바이트(Child 프로세스가 씀)") || strings.Contains(c, "buffer") {
			t.Errorf("Korean read end card says %q", c)
		}
		load(t, ctx, base+"/?lang=en")
	})

	t.Run("BrokenScenarioShowsError", func(t *testing.T) {
		load(t, ctx, base+"/?lesson=02-duplicate")
		src := "process P;\n@P\nHANDLE h = CreateMutex(NULL, FALSE NULL);\n"
		edit(t, ctx, src)
		msg := eval[string](t, ctx, `(document.getElementById('error')||{}).textContent||''`)
		if !strings.Contains(msg, "3:") || !strings.Contains(msg, "expected") {
			t.Errorf("error box says %q; want line 3 and what was expected", msg)
		}
		if !eval[bool](t, ctx, `!!document.querySelector('.code-line[data-error="1"][data-line="3"]')`) {
			t.Errorf("line 3 is not marked in the code")
		}
		// The text survives a reload.
		load(t, ctx, base+"/?lesson=02-duplicate")
		if got := eval[string](t, ctx, `[...document.querySelectorAll('.code-line .src')].map(s => s.textContent).join('\n')`); !strings.Contains(got, "FALSE NULL") {
			t.Errorf("the edited text was lost on reload; code pane shows %.200q", got)
		}
		// Revert brings the lesson back and forgets the edit (a reload
		// shows the lesson).
		run(t, ctx, chromedp.Evaluate[any](`document.getElementById('edit').click()`))
		run(t, ctx, chromedp.Poll[bool](`!!document.getElementById('revert')`, chromedp.WithPollingTimeout(5*time.Second)))
		run(t, ctx, chromedp.Evaluate[any](`document.getElementById('revert').click()`))
		run(t, ctx, chromedp.Poll[bool](`!document.getElementById('error') && localStorage.getItem('handleviz.edit.02-duplicate') === null`, chromedp.WithPollingTimeout(5*time.Second)))
		load(t, ctx, base+"/?lesson=02-duplicate")
		if got := eval[string](t, ctx, `[...document.querySelectorAll('.code-line .src')].map(s => s.textContent).join('\n')`); strings.Contains(got, "FALSE NULL") {
			t.Errorf("after Revert and a reload the edit is back; code pane shows %.200q", got)
		}
	})

	t.Run("TextNeverMarkup", func(t *testing.T) {
		load(t, ctx, base+"/?lesson=03-named")
		src := "// title.en: <script>window.__xss=1</script>\nprocess P;\n@P\n" +
			"//en: <script>window.__xss=2</script> and <img src=x onerror=\"window.__xss=3\">\n" +
			"HANDLE h = CreateEvent(NULL, TRUE, FALSE, TEXT(\"<img src=x onerror=window.__xss=4>\"));\n" +
			"printf(\"<script>window.__xss=5</script>\\n\");\n"
		edit(t, ctx, src)
		key(t, ctx, kb.End, false)
		time.Sleep(300 * time.Millisecond)
		if x := eval[any](t, ctx, `window.__xss === undefined ? null : window.__xss`); x != nil {
			t.Errorf("injected script ran: __xss = %v", x)
		}
		if n := eval[int](t, ctx, `document.querySelectorAll('#app img, #app script').length`); n != 0 {
			t.Errorf("%d img/script elements inside the app", n)
		}
		// The texts are shown literally where they belong: the console, the
		// object's name in its card and row, the caption of its step.
		console := eval[string](t, ctx, `[...document.querySelectorAll('.con-line')].map(e => e.textContent).join('\n')`)
		if !strings.Contains(console, "<script>window.__xss=5</script>") {
			t.Errorf("console does not show the printed text literally: %q", console)
		}
		names := eval[string](t, ctx, `[...document.querySelectorAll('.cname, .oname')].map(e => e.textContent).join('\n')`)
		if !strings.Contains(names, "<img src=x onerror=window.__xss=4>") {
			t.Errorf("the object's name is not shown literally: %q", names)
		}
		run(t, ctx, chromedp.Evaluate[any](`window.dispatchEvent(new KeyboardEvent('keydown', {key: 'Home'}))`))
		time.Sleep(300 * time.Millisecond)
		var captions []string
		for i := 0; i < 6; i++ {
			captions = append(captions, eval[string](t, ctx, `(document.getElementById('caption-text') || {}).textContent || ''`))
			key(t, ctx, kb.ArrowRight, false)
		}
		if !strings.Contains(strings.Join(captions, "\n"), `<img src=x onerror="window.__xss=3">`) {
			t.Errorf("the caption is not shown literally: %q", captions)
		}
		if x := eval[any](t, ctx, `window.__xss === undefined ? null : window.__xss`); x != nil {
			t.Errorf("injected script ran: __xss = %v", x)
		}
	})

	t.Run("StepLatency", func(t *testing.T) {
		load(t, ctx, base+"/")
		figs.lesson = latencies(t, ctx, 60)
		figs.lessonSplit = splitMS
		if os.Getenv("HANDLEVIZ_FIGURES") != "" {
			// The first pass runs every kind of step for the first time, and
			// V8 compiles code on its first call (docs/performance.md).
			figs.lessonAgain = latencies(t, ctx, 60)
		}
		t.Logf("default lesson: key → DOM updated median %.1f ms, p95 %.1f ms (n=%d)", pct(figs.lesson, 50), pct(figs.lesson, 95), len(figs.lesson))
		if p := pct(figs.lesson, 50); p > 16 {
			t.Logf("NOTE: median step latency %.1f ms is above the 16 ms target", p)
		}

		load(t, ctx, base+"/?lesson=02-duplicate")
		edit(t, ctx, bigScenario)
		key(t, ctx, kb.End, false)
		rows := eval[int](t, ctx, `[...document.querySelectorAll('.proc')].reduce((n, p) => n + +p.dataset.rows, 0)`)
		if rows < 1000 {
			t.Fatalf("the big scenario shows %d rows, want ≥ 1000", rows)
		}
		figs.big = latencies(t, ctx, 60)
		figs.bigRows = rows
		// Scrolling the stage by hand draws what comes into view (only a
		// band near the screen is built): table rows at the top, object
		// cards in the middle of the kernel area below them.
		for _, c := range []struct{ where, js, sel string }{
			{"the top", `0`, `.row`},
			{"the middle", `s.scrollHeight / 2`, `.card`},
		} {
			run(t, ctx, chromedp.Evaluate[any](`(() => { const s = document.getElementById('scene-scroll'); s.scrollTop = `+c.js+`; return null })()`))
			if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`(() => { const s = document.getElementById('scene-scroll'), o = s.getBoundingClientRect();
				return [...document.querySelectorAll('`+c.sel+`')].some(r => { const b = r.getBoundingClientRect(); return b.top >= o.top && b.bottom <= o.bottom }) })()`, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
				t.Errorf("scrolled to %s of the big scene, no %s is drawn on screen: %v", c.where, c.sel, err)
			}
		}
		t.Logf("%d handles: key → DOM updated median %.1f ms, p95 %.1f ms", rows, pct(figs.big, 50), pct(figs.big, 95))
		// The targets (16 ms, 50 ms) are reported, not enforced: a shared CI
		// machine's load moves them. A gross regression fails.
		if p := pct(figs.big, 50); p > 50 {
			t.Logf("NOTE: median step latency at %d handles is %.1f ms, above the 50 ms target", rows, p)
		}
		if p := pct(figs.big, 50); p > 400 {
			t.Errorf("median step latency at %d handles is %.1f ms: far above the 50 ms target", rows, p)
		}
	})

	figs.report(t)
}

// splitMS is the last latencies run's time from the key to the Go handler.
var splitMS []float64

// bigScenario fills a table with 1,000 inheritable handles and hands them to
// a child.
const bigScenario = `// title.en: 1,000 handles
process P;
@P
SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };
for (int i = 0; i < 1000; i++) {
    CreateEvent(&sa, TRUE, FALSE, NULL);
}
STARTUPINFO si = { sizeof(si) };
PROCESS_INFORMATION pi;
TCHAR cmd[] = TEXT("Child.exe");
CreateProcess(NULL, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi);
`

// edit types src into the editor and runs it.
func edit(t *testing.T, ctx context.Context, src string) {
	t.Helper()
	if !eval[bool](t, ctx, `!!document.getElementById('editor')`) {
		run(t, ctx, chromedp.Evaluate[any](`document.getElementById('edit').click()`))
		run(t, ctx, chromedp.Poll[bool](`!!document.getElementById('editor')`, chromedp.WithPollingTimeout(5*time.Second)))
	}
	js := fmt.Sprintf(`(() => { const e = document.getElementById('editor'); e.value = %s; e.dispatchEvent(new Event('input', {bubbles: true})); })()`, jsString(src))
	run(t, ctx, chromedp.Evaluate[any](js))
	time.Sleep(100 * time.Millisecond)
	before := eval[string](t, ctx, `document.getElementById('app').dataset.runs`)
	run(t, ctx, chromedp.Evaluate[any](`document.getElementById('run').click()`))
	// The run goes on while the page shows its progress line: wait for its
	// end (the App counts finished runs).
	run(t, ctx, chromedp.Poll[bool](fmt.Sprintf(`document.getElementById('app').dataset.runs !== %q`, before), chromedp.WithPollingTimeout(60*time.Second)))
}

func jsString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, "`", "\\`", "$", `\$`)
	return "`" + r.Replace(s) + "`"
}

// latencies measures n ArrowRight presses (then ArrowLeft when at the end):
// the time from the keydown event to the DOM holding the next step.
func latencies(t *testing.T, ctx context.Context, n int) []float64 {
	t.Helper()
	splitMS = nil
	const measure = `(dir) => new Promise((resolve) => {
		const app = document.getElementById('app');
		const before = app.dataset.renders;
		const t0 = performance.now();
		const obs = new MutationObserver(() => {
			if (app.dataset.renders !== before) {
				obs.disconnect();
				const m = performance.getEntriesByName('hv-step').pop();
				window.__hvSplit = (window.__hvSplit || []).concat([m ? m.startTime - t0 : -1]);
				resolve(performance.now() - t0);
			}
		});
		obs.observe(app, {attributes: true});
		window.dispatchEvent(new KeyboardEvent('keydown', {key: dir, bubbles: true}));
		setTimeout(() => { obs.disconnect(); resolve(-1); }, 3000);
	})`
	defer func() {
		splitMS = eval[[]float64](t, ctx, `(() => { const s = window.__hvSplit || []; window.__hvSplit = []; return s })()`)
		t.Logf("key → Go handler: median %.1f ms, p95 %.1f ms", pct(splitMS, 50), pct(splitMS, 95))
	}()
	var out []float64
	dir := "ArrowRight"
	for i := 0; i < n; i++ {
		p, m := pos(t, ctx), maxPos(t, ctx)
		if p >= m {
			dir = "ArrowLeft"
		} else if p <= 0 {
			dir = "ArrowRight"
		}
		ms := eval[float64](t, ctx, fmt.Sprintf(`(%s)(%q)`, measure, dir))
		if ms < 0 {
			t.Fatalf("no render within 3 s of %s", dir)
		}
		out = append(out, ms)
	}
	return out
}

func pct(v []float64, p float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	i := int(float64(len(s)-1) * p / 100)
	return s[i]
}
