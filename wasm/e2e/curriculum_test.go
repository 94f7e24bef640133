package e2e

import (
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"handleviz/assets"
)

func do(t *testing.T, ctx context.Context, a chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, a); err != nil {
		t.Fatal(err)
	}
}

// pick switches lessons as the top bar's <select> does.
func pick(t *testing.T, ctx context.Context, id string) {
	t.Helper()
	eval[bool](t, ctx, fmt.Sprintf(`(() => { const s = document.getElementById('lesson'); s.value = %q; s.dispatchEvent(new Event('change', {bubbles: true})); return true })()`, id))
	run(t, ctx, chromedp.Poll[bool](fmt.Sprintf(`new URL(location.href).searchParams.get('lesson') === %q && document.getElementById('scene').dataset.pos === '0'`, id), chromedp.WithPollingTimeout(10*time.Second)))
}

// stepToEndJS presses → (by statement: the mode select is set) until the
// last micro-step, and returns the first position before the end at which
// a leak report was shown (-1: none).
const stepToEndJS = `(async () => {
	const sc = () => +document.getElementById('scene').dataset.pos;
	const last = +document.getElementById('slider').max;
	let early = -1;
	for (let guard = 0; sc() < last && guard < 400; guard++) {
		if (early < 0 && document.getElementById('leak-report')) early = sc();
		const before = sc();
		window.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowRight', bubbles: true}));
		for (let w = 0; w < 200 && sc() === before; w++) await new Promise(r => requestAnimationFrame(r));
	}
	await new Promise(r => requestAnimationFrame(r));
	return early;
})()`

// TestBrowserCurriculum opens every bundled lesson in both languages and
// steps through it statement by statement to the end, where the leak
// report must be shown (in the page's language); the picker groups the
// lessons by chapter, marks the finished ones and opens a golden scenario;
// the inspector opens on a handle row (click and Enter) and on an object
// card. Kept lean for CI's 2 cores: statement steps, one page load per
// language.
func TestBrowserCurriculum(t *testing.T) {
	ctx, base := browser(t)
	lessons := assets.Lessons()
	for _, lang := range []string{"en", "ko"} {
		load(t, ctx, base+"/?lesson="+lessons[0].ID+"&lang="+lang)
		eval[bool](t, ctx, `(() => { const s = document.getElementById('mode'); s.value = 'stmt'; s.dispatchEvent(new Event('change', {bubbles: true})); return true })()`)
		for i, l := range lessons {
			if i > 0 {
				pick(t, ctx, l.ID)
			}
			n := maxPos(t, ctx)
			// Step in the page (one round trip per lesson, not per step):
			// a key press as the window's listener gets it, then wait for
			// the scene to show the next position.
			early := eval[int](t, ctx, stepToEndJS)
			if early >= 0 {
				t.Errorf("%s (%s): the leak report shows before the end (micro-step %d of %d)", l.ID, lang, early, n)
			}
			if p := pos(t, ctx); p != n {
				t.Errorf("%s (%s): stopped at micro-step %d of %d", l.ID, lang, p, n)
			}
			if e := eval[string](t, ctx, `(document.querySelector('.error') || {}).textContent || ''`); e != "" {
				t.Errorf("%s (%s): error shown: %s", l.ID, lang, e)
			}
			report := eval[string](t, ctx, `(document.getElementById('leak-report') || {}).textContent || ''`)
			want := map[string]string{"en": "Leak report", "ko": "핸들 누수 점검"}[lang]
			if !strings.Contains(report, want) {
				t.Errorf("%s (%s): no leak report at the end: %q", l.ID, lang, report)
			}
			if lang == "en" && (l.ID == "5-16-mailslot" || l.ID == "5-14-redirect-output") && !strings.Contains(report, "No handle is left open") {
				t.Errorf("%s: a lesson that closes everything reports %q", l.ID, report)
			}
		}
	}

	// The picker: five chapters and the examples, the lessons just
	// finished marked, and a golden opens from it.
	load(t, ctx, base+"/?lesson=04-pipe&lang=en")
	do(t, ctx, chromedp.Click(chromedp.CSS(`#picker-open`)))
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS(`#picker`)))
	chapters := eval[[]string](t, ctx, `[...document.querySelectorAll('#picker .pick-chapter')].map(s => s.dataset.chapter)`)
	if strings.Join(chapters, ",") != "handles,inheritance,sharing,processes,ipc,examples" {
		t.Errorf("picker chapters %v", chapters)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('#picker .pick-chapter:not([data-chapter="examples"]) .pick-open').length`); n != len(lessons) {
		t.Errorf("picker lists %d lessons, %d bundled", n, len(lessons))
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('#picker .pick-open[data-done="true"]').length`); n != len(lessons) {
		t.Errorf("%d lessons marked finished after stepping through all %d", n, len(lessons))
	}
	if s := eval[string](t, ctx, `document.querySelector('#picker .pick-open[data-id="5-15-named-pipe"]').closest('li').textContent`); !strings.Contains(s, "Seed 002") || !strings.Contains(s, "CreateNamedPipe") {
		t.Errorf("the named pipe lesson's entry lacks its summary or source: %q", s)
	}
	goldens, _ := filepath.Glob(filepath.Join(root, "kernel", "scenario", "testdata", "golden", "*.scn"))
	if n := eval[int](t, ctx, `document.querySelectorAll('#picker [data-chapter="examples"] .pick-open').length`); n != len(goldens) || n == 0 {
		t.Errorf("More examples lists %d scenarios, %d goldens ship", n, len(goldens))
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(`#picker .pick-open[data-id="example:12_pipe"]`)))
	run(t, ctx, chromedp.Poll[bool](`!document.getElementById('picker') && new URL(location.href).searchParams.get('lesson') === 'example:12_pipe'`, chromedp.WithPollingTimeout(10*time.Second)))
	if c := eval[string](t, ctx, `document.querySelector('.code-pane, #code') ? document.querySelector('.code-pane, #code').textContent : ''`); !strings.Contains(c, "CreatePipe") {
		t.Errorf("example 12_pipe did not open: code pane %.200q", c)
	}

	// The inspector, after CreatePipe in lesson 04-pipe: the read handle's
	// row (by click), then by Enter, then the read end's card.
	load(t, ctx, base+"/?lesson=04-pipe&lang=en")
	for guard := 0; guard < 40 && !eval[bool](t, ctx, `!!document.querySelector('.row[id$="-1"][tabindex]')`); guard++ {
		key(t, ctx, kb.ArrowRight, false)
	}
	if s := eval[string](t, ctx, `(document.querySelector('.row[id$="-1"] .acc-short') || {}).textContent || ''`); s != "READ+" {
		t.Errorf("the read handle's Access column shows %q, want READ+", s)
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(`.row[id$="-1"][tabindex]`)))
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS(`#inspector`)))
	insp := func() string {
		return eval[string](t, ctx, `(document.getElementById('inspector') || {}).textContent || ''`)
	}
	for _, want := range []string{"Handle 0x4 in Parent", "0x120189", "FILE_GENERIC_READ | FILE_WRITE_ATTRIBUTES", "READ_CONTROL | SYNCHRONIZE", "FILE_WRITE_ATTRIBUTES", "Inherit (HANDLE_FLAG_INHERIT)", "HandleCount1", "1 = 1 handles + 0 kernel references", "Created atline 20 (create): CreatePipe("} {
		if !strings.Contains(insp(), want) {
			t.Errorf("inspector on the read handle lacks %q: %s", want, insp())
		}
	}
	key(t, ctx, kb.Escape, false)
	if eval[bool](t, ctx, `!!document.getElementById('inspector')`) {
		t.Error("Escape left the inspector open")
	}
	eval[bool](t, ctx, `(() => { document.querySelector('.row[id$="-1"][tabindex]').focus(); return true })()`)
	key(t, ctx, kb.Enter, false)
	if !strings.Contains(insp(), "Handle 0x4") {
		t.Errorf("Enter on a focused row did not open the inspector: %q", insp())
	}
	if !eval[bool](t, ctx, `(() => { const c = document.querySelector('.card[data-role="read"][tabindex]'); if (!c) return false; c.querySelector('.count').click(); return true })()`) {
		t.Fatalf("no read end card to click: %s", eval[string](t, ctx, `[...document.querySelectorAll('.card')].map(c => c.id + ':' + (c.dataset.role || '') + ':' + c.getAttribute('tabindex')).join(' ')`))
	}
	run(t, ctx, chromedp.Poll[bool](`(document.getElementById('inspector') || {dataset: {}}).dataset.kind === 'object'`, chromedp.WithPollingTimeout(5*time.Second)))
	for _, want := range []string{"Object Pipe", "Usage count", "Parent 0x4", "0 bytes buffered"} {
		if !strings.Contains(insp(), want) {
			t.Errorf("inspector on the read end card lacks %q: %s", want, insp())
		}
	}
}

// TestBrowserCurriculumScreenshots takes three lessons in Korean at three
// screen sizes (see screenshotsKo).
func TestBrowserCurriculumScreenshots(t *testing.T) {
	ctx, base := browser(t)
	koFont(t, ctx)
	screenshotsKo(t, ctx, base)
}

// screenshotsKo takes three lessons in Korean at three screen sizes: the
// handle leak with its report, the anonymous pipe with the inspector open
// on a handle, the mailslot before its end; and the picker. They go to web/test-output/, and to
// docs/screenshots/ with HANDLEVIZ_FIGURES=1. HANDLEVIZ_KO_FONT may name
// a Korean font file for machines without one (fc-list :lang=ko empty):
// the page then loads it as "Noto Sans KR" before the shot.
func screenshotsKo(t *testing.T, ctx context.Context, base string) {
	shots := []struct {
		name, lesson string
		// step: how many statements from the start (-1: the end)
		stmts int
		// click opens a panel (the inspector, the picker), shown by wait
		click, wait string
	}{
		{"ko-handle-leak", "1-19-handle-leak", -1, "", ""},
		{"ko-pipe-inspector", "04-pipe", 9, `.row[id$="-2"][tabindex]`, "#inspector"},
		{"ko-mailslot", "5-16-mailslot", 22, "", ""},
		{"ko-picker", "5-16-mailslot", 0, "#picker-open", "#picker"},
	}
	sizes := [][2]int64{{1920, 1080}, {1280, 720}, {1024, 768}}
	out := filepath.Join(root, "web", "test-output")
	os.MkdirAll(out, 0o755)
	for _, sh := range shots {
		do(t, ctx, chromedp.EmulateViewport(sizes[0][0], sizes[0][1]))
		load(t, ctx, base+"/?lesson="+sh.lesson+"&lang=ko")
		eval[bool](t, ctx, `(() => { const s = document.getElementById('mode'); s.value = 'stmt'; s.dispatchEvent(new Event('change', {bubbles: true})); return true })()`)
		if sh.stmts < 0 {
			key(t, ctx, kb.End, false)
		}
		for i := 0; i < sh.stmts; i++ {
			key(t, ctx, kb.ArrowRight, false)
		}
		if sh.click != "" {
			do(t, ctx, chromedp.Click(chromedp.CSS(sh.click)))
			do(t, ctx, chromedp.WaitVisible(chromedp.CSS(sh.wait)))
		}
		for _, sz := range sizes {
			do(t, ctx, chromedp.EmulateViewport(sz[0], sz[1]))
			time.Sleep(700 * time.Millisecond) // the app refits the scene to the new size; transitions end
			png := run(t, ctx, chromedp.CaptureScreenshot())
			name := fmt.Sprintf("%s-%dx%d.png", sh.name, sz[0], sz[1])
			os.WriteFile(filepath.Join(out, name), png, 0o644)
			if os.Getenv("HANDLEVIZ_FIGURES") != "" {
				os.MkdirAll(filepath.Join(root, "docs", "screenshots"), 0o755)
				os.WriteFile(filepath.Join(root, "docs", "screenshots", name), png, 0o644)
			}
		}
	}
	do(t, ctx, chromedp.EmulateViewport(1920, 1080))
}

// koFont makes the font files koFontFiles lists (a file whose name says
// 700 or bold is the bold face) the page's
// "Noto Sans KR", from the next page load on: Chromium takes no WOFF file
// from fontconfig, so a Korean font installed as .woff has to come in this
// way, and before the app renders (text laid out before a font face is
// added keeps its boxes).
func koFont(t *testing.T, ctx context.Context) {
	var js strings.Builder
	for _, path := range koFontFiles() {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("HANDLEVIZ_KO_FONT: %v", err)
		}
		weight := "400"
		if base := strings.ToLower(filepath.Base(path)); strings.Contains(base, "700") || strings.Contains(base, "bold") {
			weight = "700"
		}
		// From bytes, not a URL: the face is ready at once, before the app
		// draws its first text.
		fmt.Fprintf(&js, "{ const s = atob('%s'); const b = new Uint8Array(s.length); for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i); document.fonts.add(new FontFace('Noto Sans KR', b, {weight: '%s'})); }\n", base64.StdEncoding.EncodeToString(b), weight)
	}
	if js.Len() == 0 {
		return
	}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: js.String()}); err != nil {
		t.Fatal(err)
	}
}

// koFontFiles are the files HANDLEVIZ_KO_FONT names or, without it, the
// Korean fonts fontconfig knows (fc-list :lang=ko), which Chromium itself
// ignores when they are WOFF files.
func koFontFiles() []string {
	if env := os.Getenv("HANDLEVIZ_KO_FONT"); env != "" {
		return filepath.SplitList(env)
	}
	out, err := exec.Command("fc-list", ":lang=ko", "file").Output()
	if err != nil {
		return nil
	}
	var files []string
	for _, l := range strings.Split(string(out), "\n") {
		f := strings.TrimSuffix(strings.TrimSpace(l), ":")
		if strings.HasSuffix(f, ".woff") || strings.HasSuffix(f, ".woff2") {
			files = append(files, f)
		}
	}
	return files
}
