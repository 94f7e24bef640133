package e2e

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// Issue 13, the classroom: export of a step (SVG, PNG at 2×, a statement's
// actions as a zip), themes, predict-then-reveal, links carrying code, the
// shortcut list and the live region.

// downloads lets the tab save files into a fresh directory.
func downloads(t *testing.T, ctx context.Context) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := chromedp.Call(ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir}); err != nil {
		t.Fatal(err)
	}
	return dir
}

// downloaded waits for a finished download of that name.
func downloaded(t *testing.T, dir, name string) []byte {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if b, err := os.ReadFile(filepath.Join(dir, name)); err == nil && len(b) > 0 {
			if _, err := os.Stat(filepath.Join(dir, name+".crdownload")); err != nil {
				return b
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	ls, _ := os.ReadDir(dir)
	t.Fatalf("no download %s (the directory holds %v)", name, ls)
	return nil
}

func click(t *testing.T, ctx context.Context, id string) {
	t.Helper()
	run(t, ctx, chromedp.Poll[bool](fmt.Sprintf(`!!document.getElementById(%q)`, id), chromedp.WithPollingTimeout(10*time.Second)))
	run(t, ctx, chromedp.Evaluate[any](fmt.Sprintf(`document.getElementById(%q).click()`, id)))
}

func TestBrowserExport(t *testing.T) {
	ctx, base := browser(t)
	dir := downloads(t, ctx)
	// The default lesson, at CreateProcess's first copied row.
	load(t, ctx, base+"/?lesson=01-inherit&lang=en&step=12")
	step := pos(t, ctx)
	rows := eval[int](t, ctx, `document.querySelectorAll('.row[data-index]:not([data-free])').length + document.querySelectorAll('.row[data-free]').length`)
	cards := eval[int](t, ctx, `document.querySelectorAll('.card[id^="obj-"]').length`)
	stmt := eval[string](t, ctx, `document.querySelector('.stmt-src').textContent`)
	name := eval[string](t, ctx, `(() => { const m = document.getElementById('pos').textContent.match(/(\d+) of \d+ · \D+(\d+) of/); return 'stmt' + m[1].padStart(2, '0') + '-' + m[2]; })()`)

	click(t, ctx, "export-svg")
	svg := downloaded(t, dir, "01-inherit-"+name+".svg")
	var doc struct {
		XMLName xml.Name
		Width   float64 `xml:"width,attr"`
		Height  float64 `xml:"height,attr"`
	}
	if err := xml.Unmarshal(svg, &doc); err != nil || doc.XMLName.Local != "svg" {
		t.Fatalf("the SVG does not parse: %v (%.200s)", err, svg)
	}
	if got := strings.Count(string(svg), `data-kind="row"`); got != rows {
		t.Errorf("the SVG draws %d rows, the page %d", got, rows)
	}
	if got := strings.Count(string(svg), `data-kind="card"`); got != cards {
		t.Errorf("the SVG draws %d cards, the page %d", got, cards)
	}
	if !strings.Contains(string(svg), xmlEscape(stmt)) {
		t.Errorf("the SVG's caption lacks the statement %q", stmt)
	}
	if pos(t, ctx) != step {
		t.Errorf("exporting moved the player")
	}

	click(t, ctx, "export-png")
	pngBytes := downloaded(t, dir, "01-inherit-"+name+".png")
	cfg, err := png.DecodeConfig(bytes.NewReader(pngBytes))
	if err != nil {
		t.Fatalf("the PNG does not decode: %v", err)
	}
	if cfg.Width != int(2*doc.Width) || cfg.Height != int(2*doc.Height) {
		t.Errorf("the PNG is %d×%d, want twice the SVG's %v×%v", cfg.Width, cfg.Height, doc.Width, doc.Height)
	}
	t.Logf("SVG %v×%v (%d bytes), PNG %d×%d (%d bytes)", doc.Width, doc.Height, len(svg), cfg.Width, cfg.Height, len(pngBytes))

	click(t, ctx, "export-zip")
	run(t, ctx, chromedp.Poll[bool](`document.getElementById('app').dataset.exported.endsWith('.zip')`, chromedp.WithPollingTimeout(20*time.Second)))
	t.Logf("%s", eval[string](t, ctx, `document.getElementById('app').dataset.exported + ' ' + ((document.getElementById('export-msg')||{}).textContent||'')`))
	stmtNo := name[:len("stmt00")]
	z := downloaded(t, dir, "01-inherit-"+stmtNo+"-1.zip")
	zr, err := zip.NewReader(bytes.NewReader(z), int64(len(z)))
	if err != nil {
		t.Fatal(err)
	}
	actions := eval[int](t, ctx, `+document.getElementById('pos').textContent.match(/of (\d+)$/)[1]`)
	if len(zr.File) != actions || zr.File[0].Name != stmtNo+"-1.svg" {
		t.Errorf("the zip holds %d files (first %s), want the statement's %d actions", len(zr.File), zr.File[0].Name, actions)
	}
}

func xmlEscape(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return strings.ReplaceAll(b.String(), "&#39;", "&apos;")
}

// The three themes render, in both languages, and the default follows the
// system's colour scheme. The screenshots go to web/test-output (and to
// docs/screenshots with HANDLEVIZ_FIGURES=1).
func TestBrowserThemes(t *testing.T) {
	ctx, base := browser(t)
	koFont(t, ctx) // the Korean shots
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1600, 900)); err != nil {
		t.Fatal(err)
	}
	bg := map[string]string{}
	for _, lang := range []string{"en", "ko"} {
		for _, theme := range []string{"light", "dark", "projector"} {
			load(t, ctx, fmt.Sprintf("%s/?lesson=04-pipe&step=17&motion=reduced&lang=%s&theme=%s", base, lang, theme))
			if got := eval[string](t, ctx, `document.documentElement.dataset.theme`); got != theme {
				t.Fatalf("?theme=%s gives data-theme %q", theme, got)
			}
			if got := eval[string](t, ctx, `document.getElementById('theme').value`); got != theme {
				t.Errorf("the theme menu shows %q, want %s", got, theme)
			}
			bg[theme] = eval[string](t, ctx, `getComputedStyle(document.body).backgroundColor`)
			arrowW := eval[string](t, ctx, `getComputedStyle(document.querySelector('path[data-kind="arrow"]:not([data-hot])')).strokeWidth`)
			capPx := eval[string](t, ctx, `getComputedStyle(document.querySelector('.stmt-src')).fontSize`)
			if theme == "projector" && (arrowW != "3px" || capPx != "22px") {
				t.Errorf("projector: arrows %s wide, statement %s; want thicker arrows (3px) and larger text (22px)", arrowW, capPx)
			}
			screenshot(t, ctx, fmt.Sprintf("theme-%s-%s.png", theme, lang))
		}
	}
	if bg["light"] == bg["dark"] || bg["dark"] != "rgb(15, 23, 32)" {
		t.Errorf("page backgrounds: %v", bg)
	}
	// No ?theme: the system's scheme decides, and the menu changes it.
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}}); err != nil {
		t.Fatal(err)
	}
	load(t, ctx, base+"/?lesson=04-pipe")
	if got := eval[string](t, ctx, `document.documentElement.dataset.theme`); got != "dark" {
		t.Errorf("with a dark system scheme the page is %q", got)
	}
	run(t, ctx, chromedp.Evaluate[any](`(() => { const s = document.getElementById('theme'); s.value = 'projector'; s.dispatchEvent(new Event('change', {bubbles: true})); })()`))
	run(t, ctx, chromedp.Poll[bool](`document.documentElement.dataset.theme === 'projector' && location.search.includes('theme=projector')`, chromedp.WithPollingTimeout(5*time.Second)))
}

// In quiz mode the player stops before the statement a question is about,
// takes an answer, plays the statement and says whether it was right.
func TestBrowserQuiz(t *testing.T) {
	ctx, base := browser(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 720)); err != nil {
		t.Fatal(err)
	}
	load(t, ctx, base+"/?lesson=01-inherit&lang=en&quiz=1")
	if !strings.Contains(eval[string](t, ctx, `document.getElementById('quiz-toggle').textContent`), "☑") {
		t.Errorf("quiz=1 does not switch the quiz toggle on")
	}
	for i := 0; i < 60 && !eval[bool](t, ctx, `!!document.getElementById('quiz-input')`); i++ {
		key(t, ctx, kb.ArrowRight, false)
	}
	q := eval[string](t, ctx, `(document.getElementById('quiz-question') || {}).textContent || ''`)
	if !strings.Contains(q, "usage count of the mutex") {
		t.Fatalf("no question before CreateProcess; the quiz box says %q", q)
	}
	stopped := pos(t, ctx)
	screenshot(t, ctx, "quiz-asking-en.png")
	if code := eval[string](t, ctx, `document.getElementById('code').textContent`); strings.Contains(code, "? = 2") {
		t.Errorf("the code pane gives the answer away")
	}
	key(t, ctx, kb.ArrowRight, false)
	if p := pos(t, ctx); p != stopped {
		t.Errorf("→ moved past an unanswered question (%d → %d)", stopped, p)
	}
	run(t, ctx, chromedp.Evaluate[any](`(() => { const i = document.getElementById('quiz-input'); i.value = '2'; i.dispatchEvent(new Event('input', {bubbles: true})); })()`))
	time.Sleep(100 * time.Millisecond)
	click(t, ctx, "quiz-check")
	run(t, ctx, chromedp.Poll[bool](`!!document.getElementById('quiz-result')`, chromedp.WithPollingTimeout(10*time.Second)))
	if s := eval[string](t, ctx, `document.getElementById('quiz-result').dataset.state + ' ' + document.getElementById('quiz-result').textContent`); !strings.HasPrefix(s, "right") || !strings.Contains(s, "2") {
		t.Errorf("the answer 2 is judged %q", s)
	}
	screenshot(t, ctx, "quiz-right-en.png")
	if p := pos(t, ctx); p <= stopped+1 {
		t.Errorf("the statement did not play after the answer (at %d, stopped at %d)", p, stopped)
	}
	if c := eval[string](t, ctx, `document.querySelector('.stmt-src').textContent`); !strings.HasPrefix(c, "CreateProcess") {
		t.Errorf("after the answer the statement shown is %q", c)
	}
	click(t, ctx, "quiz-continue")
	// The next question, in Korean, answered wrong.
	load(t, ctx, base+"/?lesson=1-02-usage-count&lang=ko&quiz=1")
	for i := 0; i < 60 && !eval[bool](t, ctx, `!!document.getElementById('quiz-input')`); i++ {
		key(t, ctx, kb.ArrowRight, true)
	}
	if q := eval[string](t, ctx, `(document.getElementById('quiz-question') || {}).textContent || ''`); !strings.Contains(q, "사용 카운트") {
		t.Fatalf("Korean question: %q", q)
	}
	run(t, ctx, chromedp.Evaluate[any](`(() => { const i = document.getElementById('quiz-input'); i.value = '0'; i.dispatchEvent(new Event('input', {bubbles: true})); })()`))
	time.Sleep(100 * time.Millisecond)
	click(t, ctx, "quiz-check")
	run(t, ctx, chromedp.Poll[bool](`!!document.getElementById('quiz-result')`, chromedp.WithPollingTimeout(10*time.Second)))
	if s := eval[string](t, ctx, `document.getElementById('quiz-result').dataset.state + ' ' + document.getElementById('quiz-result').textContent`); !strings.HasPrefix(s, "wrong") || !strings.Contains(s, "1입니다") {
		t.Errorf("the wrong answer 0 is judged %q", s)
	}
}

// A link made with "Link" after editing carries the code: a fresh browser
// profile opens that code. A browser with its own saved edit of the lesson
// opens the link's code too, and offers the saved edit.
func TestBrowserPermalinkWithCode(t *testing.T) {
	ctx, base := browser(t)
	load(t, ctx, base+"/?lesson=02-duplicate&lang=en")
	src := "process Teacher;\n@Teacher\n//en: The lecturer's own example.\n//ko: 강의용 예제다.\nHANDLE hLecture = CreateMutex(NULL, FALSE, TEXT(\"Lecture\"));\nCloseHandle(hLecture);\n"
	edit(t, ctx, src)
	run(t, ctx, chromedp.Evaluate[any](`document.getElementById('edit').click()`)) // back to the picture
	click(t, ctx, "share")
	run(t, ctx, chromedp.Poll[bool](`!!document.getElementById('share-url')`, chromedp.WithPollingTimeout(5*time.Second)))
	link := eval[string](t, ctx, `document.getElementById('share-url').value`)
	if !strings.Contains(link, "#code=") || !strings.Contains(link, "lesson=02-duplicate") {
		t.Fatalf("the link is %q", link)
	}
	t.Logf("link with %d bytes of code: %d characters", len(src), len(link))

	fresh := startChrome(t, chromePath())
	load(t, fresh, link)
	code := eval[string](t, fresh, `[...document.querySelectorAll('.code-line .src')].map(s => s.textContent).join('\n')`)
	if !strings.Contains(code, "hLecture = CreateMutex") {
		t.Fatalf("a fresh profile opened %.200q, not the link's code", code)
	}
	if eval[bool](t, fresh, `!!document.getElementById('link-local')`) {
		t.Errorf("a fresh profile says it has a local edit")
	}
	if got := eval[int](t, fresh, `document.querySelectorAll('.proc').length`); got != 1 {
		t.Errorf("the link's scenario shows %d processes", got)
	}

	// The first browser has its own saved edit; another link's code wins,
	// with an offer of the saved edit.
	other := "process Student;\n@Student\nHANDLE hOther = CreateEvent(NULL, TRUE, FALSE, NULL);\n"
	load(t, ctx, base+"/?lesson=02-duplicate&lang=en#code="+encodeForTest(t, ctx, other))
	code = eval[string](t, ctx, `[...document.querySelectorAll('.code-line .src')].map(s => s.textContent).join('\n')`)
	if !strings.Contains(code, "hOther") {
		t.Fatalf("the saved edit replaced the link's code: %.200q", code)
	}
	if !eval[bool](t, ctx, `!!document.getElementById('link-openmine')`) {
		t.Fatalf("no offer of the saved edit")
	}
	click(t, ctx, "link-openmine")
	run(t, ctx, chromedp.Poll[bool](`[...document.querySelectorAll('.code-line .src')].some(s => s.textContent.includes('hLecture'))`, chromedp.WithPollingTimeout(10*time.Second)))
	// A damaged link says so and opens the lesson.
	load(t, ctx, base+"/?lesson=03-named&lang=en#code=%21%21")
	if !eval[bool](t, ctx, `!!document.getElementById('link-broken')`) {
		t.Errorf("a damaged link gives no message")
	}
}

// encodeForTest makes a link's code the page's own way (the Link button's
// output for another text), through a second page in the same browser.
func encodeForTest(t *testing.T, ctx context.Context, src string) string {
	t.Helper()
	js := fmt.Sprintf(`(async () => {
		const cs = new CompressionStream('deflate-raw');
		const w = cs.writable.getWriter(); w.write(new TextEncoder().encode(%s)); w.close();
		const buf = new Uint8Array(await new Response(cs.readable).arrayBuffer());
		let s = ''; for (const b of buf) s += String.fromCharCode(b);
		return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
	})()`, jsString(src))
	return eval[string](t, ctx, js)
}

// "?" lists the shortcuts, Esc closes the list; the live region says each
// step.
func TestBrowserHelpAndLiveRegion(t *testing.T) {
	ctx, base := browser(t)
	load(t, ctx, base+"/?lesson=01-inherit&lang=en")
	if err := chromedp.Do(ctx, chromedp.KeyEvent("?")); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, chromedp.Poll[bool](`!!document.getElementById('help')`, chromedp.WithPollingTimeout(5*time.Second)))
	screenshot(t, ctx, "help-en.png")
	if s := eval[string](t, ctx, `document.getElementById('help').textContent`); !strings.Contains(s, "play / pause") || !strings.Contains(s, "next statement") {
		t.Errorf("the shortcut list says %q", s)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Escape)); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, chromedp.Poll[bool](`!document.getElementById('help')`, chromedp.WithPollingTimeout(5*time.Second)))
	live := `(() => { const l = document.getElementById('live'); return l.getAttribute('aria-live') + '|' + l.textContent; })()`
	before := eval[string](t, ctx, live)
	key(t, ctx, kb.ArrowRight, true)
	key(t, ctx, kb.ArrowRight, true)
	after := eval[string](t, ctx, live)
	caption := eval[string](t, ctx, `(document.getElementById('caption-text') || {}).textContent || ''`)
	if !strings.HasPrefix(after, "polite|") || after == before || caption == "" || !strings.Contains(after, caption) {
		t.Errorf("live region %q → %q; caption %q", before, after, caption)
	}
	if w := eval[float64](t, ctx, `document.getElementById('live').getBoundingClientRect().width`); w > 1 {
		t.Errorf("the live region is visible (%v px wide)", w)
	}
}
