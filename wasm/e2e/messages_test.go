package e2e

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// hostPage is a page of another origin that embeds the app, as a slide
// deck or a course page would: it keeps every handleviz event it hears and
// sends commands to the frame.
const hostPage = `<!doctype html><meta charset="utf-8"><title>host</title>
<body style="margin:0">
<iframe id="hv" src="%s" style="width:1280px;height:720px;border:0"></iframe>
<script>
window.events = [];
addEventListener('message', e => { if (e.data && e.data.source === 'handleviz') events.push(e.data); });
window.send = cmd => document.getElementById('hv').contentWindow.postMessage(cmd, '*');
</script>`

// serveHost serves the host page on an origin of its own; its URL with
// ?frame=URL embeds that URL.
func serveHost(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, hostPage, html.EscapeString(r.URL.Query().Get("frame")))
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func framing(host, frame string) string { return host + "/?frame=" + url.QueryEscape(frame) }

// sendWait sends a command from the host page and waits for an event
// after it that satisfies pred (a JS expression over e); it returns that
// event's field.
func sendWait(t *testing.T, ctx context.Context, cmd, pred string) {
	t.Helper()
	n := eval[int](t, ctx, `events.length`)
	eval[bool](t, ctx, `(() => { send(`+cmd+`); return true })()`)
	js := fmt.Sprintf(`events.slice(%d).some(e => %s)`, n, pred)
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("sent %s: no event with %s; events since: %s", cmd, pred, eval[string](t, ctx, fmt.Sprintf(`JSON.stringify(events.slice(%d)).slice(0, 600)`, n)))
	}
}

// TestEmbedMessages: a page of another origin commands the embedded app
// over postMessage and hears where it is (docs/embedding.md): ready, then a
// step event for next, prev, goto (a step, a statement), first, last,
// setLang, setTheme, load, play and pause.
func TestEmbedMessages(t *testing.T) {
	ctx, base := browser(t)
	host := serveHost(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(framing(host, base+"/?embed=1&lesson=01-inherit&lang=en"))); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, chromedp.Poll[bool](`events.some(e => e.type === 'ready')`, chromedp.WithPollingTimeout(60*time.Second)))
	ready := eval[map[string]any](t, ctx, `events.find(e => e.type === 'ready')`)
	if ready["lesson"] != "01-inherit" || ready["index"] != 0.0 || ready["total"].(float64) < 10 || ready["statements"].(float64) < 5 || ready["caption"] == "" {
		t.Fatalf("ready event %v", ready)
	}
	total := int(ready["total"].(float64))

	sendWait(t, ctx, `{type: 'next'}`, `e.type === 'step' && e.index === 1`)
	sendWait(t, ctx, `{type: 'next', by: 'statement'}`, `e.type === 'step' && e.statement === 2`) // from the end of statement 1
	sendWait(t, ctx, `{type: 'prev'}`, `e.type === 'step' && e.index === 1`)
	sendWait(t, ctx, `{type: 'goto', step: 5}`, `e.type === 'step' && e.index === 5 && e.caption.length > 0 && e.code.length > 0`)
	sendWait(t, ctx, `{type: 'goto', statement: 3}`, `e.type === 'step' && e.statement === 3 && e.index >= 3`)
	sendWait(t, ctx, `{type: 'last'}`, fmt.Sprintf(`e.type === 'step' && e.index === %d`, total-1))
	sendWait(t, ctx, `{type: 'first'}`, `e.type === 'step' && e.index === 0`)
	sendWait(t, ctx, `{type: 'setLang', lang: 'ko'}`, `e.type === 'step' && e.lang === 'ko' && /[가-힣]/.test(e.caption)`)
	sendWait(t, ctx, `{type: 'setLang', lang: 'en'}`, `e.type === 'step' && e.lang === 'en' && !/[가-힣]/.test(e.caption)`)
	sendWait(t, ctx, `{type: 'setTheme', theme: 'dark'}`, `e.type === 'step' && e.theme === 'dark'`)
	sendWait(t, ctx, `{type: 'load', lesson: '04-pipe', step: 3}`, `e.type === 'step' && e.lesson === '04-pipe' && e.index === 3`)
	sendWait(t, ctx, `{type: 'play'}`, `e.type === 'step' && e.playing && e.index === 4`)
	sendWait(t, ctx, `{type: 'pause'}`, `e.type === 'step' && !e.playing`) // pausing sends the place it stopped at
}

// TestEmbedMessagesGarbage: malformed messages (wrong types, bad numbers,
// unknown commands, cycles, BigInt, huge strings) are ignored with a console
// warning each; the page neither crashes nor moves, and a good command after
// them still works.
func TestEmbedMessagesGarbage(t *testing.T) {
	ctx, base := browser(t)
	load(t, ctx, base+"/?embed=1&lesson=02-duplicate&step=2")
	eval[bool](t, ctx, `(() => { window.__warns = []; const w = console.warn.bind(console);
	  console.warn = (...a) => { __warns.push(a.join(' ')); w(...a) }; return true })()`)
	garbage := []string{
		`null`, `undefined`, `42`, `true`, `'hello'`, `'next'`, `[1, 2, 3]`, `{}`, `{type: 5}`, `{type: 'Next'}`, `{type: 'reboot'}`,
		`{type: 'goto'}`, `{type: 'goto', step: -1}`, `{type: 'goto', step: 1.5}`, `{type: 'goto', step: '3'}`, `{type: 'goto', step: NaN}`,
		`{type: 'goto', step: Infinity}`, `{type: 'goto', step: 1, statement: 2}`, `{type: 'next', by: 'line'}`,
		`{type: 'setLang', lang: '<img src=x onerror=alert(1)>'}`, `{type: 'setTheme', theme: 'x" onload="alert(1)'}`,
		`{type: 'load', lesson: '../../etc/passwd'}`, `{type: 'load', lesson: 'zz'}`,
		`(() => { const o = {type: 'next'}; o.self = o; return o })()`, `{type: 'next', n: 10n}`,
		`'{"type":"next"` + strings.Repeat(" ", 5000) + `}'`, `'x'.repeat(1000000)`, `new Date()`, `new Blob(['x'])`,
		`new Uint8Array(8)`, `{type: {toString: null}}`, `{type: ['next']}`,
	}
	themeBefore := eval[string](t, ctx, `document.documentElement.dataset.theme || ''`)
	for _, g := range garbage {
		eval[bool](t, ctx, postJS(g))
	}
	// A good command after the garbage: the page is alive and took none of it.
	eval[bool](t, ctx, postJS(`{type: 'goto', step: 4}`))
	waitPos(t, ctx, 4)
	warns := eval[[]string](t, ctx, `__warns`)
	if len(warns) < len(garbage)-3 { // structured clone turns a few into something else, but each is refused
		t.Errorf("%d console warnings for %d malformed messages: %q", len(warns), len(garbage), warns)
	}
	for _, w := range warns {
		if !strings.HasPrefix(w, "handleviz: message ignored") {
			t.Errorf("warning %q", w)
		}
	}
	// The page always has a theme in effect (light, dark or projector); a
	// refused setTheme must leave it as it was.
	if eval[bool](t, ctx, `!!document.querySelector('img[src=x]')`) || eval[string](t, ctx, `document.documentElement.dataset.theme || ''`) != themeBefore {
		t.Error("a refused message changed the page")
	}
	if l := eval[string](t, ctx, `document.getElementById('app').dataset.lang`); l != "en" && l != "ko" {
		t.Errorf("language %q", l)
	}
	t.Logf("%d malformed messages, %d warnings, e.g. %q", len(garbage), len(warns), warns[min(len(warns)-1, 12)])
}

// TestEmbedOrigins: with ?origins= a command from an origin not listed is
// ignored (with a warning), and events go only to the listed origins.
func TestEmbedOrigins(t *testing.T) {
	ctx, base := browser(t)
	// The page commands itself: its own origin is not in the list.
	load(t, ctx, base+"/?embed=1&lesson=02-duplicate&origins=https://slides.example.org")
	eval[bool](t, ctx, `(() => { window.__warns = []; const w = console.warn.bind(console);
	  console.warn = (...a) => { __warns.push(a.join(' ')); w(...a) }; return true })()`)
	eval[bool](t, ctx, postJS(`{type: 'goto', step: 3}`))
	run(t, ctx, chromedp.Poll[bool](`__warns.length > 0`, chromedp.WithPollingTimeout(5*time.Second)))
	if p := pos(t, ctx); p != 0 {
		t.Errorf("a command from an origin not in ?origins= moved the scene to %d", p)
	}
	if w := eval[string](t, ctx, `__warns[0]`); !strings.Contains(w, "not in ?origins=") {
		t.Errorf("warning %q", w)
	}
	// A host page whose origin is listed commands and hears events; one
	// that is not listed hears nothing.
	host := serveHost(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(framing(host, base+"/?embed=1&lesson=02-duplicate&origins="+host))); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, chromedp.Poll[bool](`events.some(e => e.type === 'ready')`, chromedp.WithPollingTimeout(60*time.Second)))
	sendWait(t, ctx, `{type: 'goto', step: 2}`, `e.type === 'step' && e.index === 2`)

	if err := chromedp.Do(ctx, chromedp.Navigate(framing(host, base+"/?embed=1&lesson=02-duplicate&origins=https://slides.example.org"))); err != nil {
		t.Fatal(err)
	}
	time.Sleep(3 * time.Second) // the app loads and would say ready
	if n := eval[int](t, ctx, `events.length`); n != 0 {
		t.Errorf("a page not in ?origins= heard %d events", n)
	}
}
