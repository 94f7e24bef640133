package e2e

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"handleviz/assets"
)

// The top bar, the step buttons, the step mode and speed menus and the
// variables are components that a step does not redraw (wasm/ui/top.go,
// controls.go, proc_parts.go): every button and menu must still do what
// it says, and what they show must follow a change made elsewhere (a key,
// the language), not stay as it was.
func TestBrowserTopBarAndControls(t *testing.T) {
	ctx, base := browser(t)
	run(t, ctx, chromedp.EmulateViewport(1280, 720))
	load(t, ctx, base+"/?lang=en")
	lessons := assets.Lessons()
	if len(lessons) < 2 {
		t.Fatal("fewer than 2 bundled lessons")
	}
	const short = 10 * time.Second
	click := func(id string) {
		t.Helper()
		eval[bool](t, ctx, `(() => { document.getElementById(`+jsString(id)+`).click(); return true })()`)
	}
	set := func(id, value string) {
		t.Helper()
		eval[bool](t, ctx, `(() => { const s = document.getElementById(`+jsString(id)+`); s.value = `+jsString(value)+`; s.dispatchEvent(new Event('change', {bubbles: true})); return true })()`)
	}
	const posJS = `+document.getElementById('scene').dataset.pos`
	const maxJS = `+document.getElementById('slider').max`

	// The step buttons.
	click("btn-next")
	waitJS(t, ctx, posJS+` === 1`, short, "▶ to move to micro-step 1")
	click("btn-last")
	waitJS(t, ctx, posJS+` === `+maxJS, short, "⇥ to move to the end")
	click("btn-prev")
	waitJS(t, ctx, posJS+` === `+maxJS+` - 1`, short, "◀ to move back one")
	click("btn-first")
	waitJS(t, ctx, posJS+` === 0`, short, "⇤ to move to the start")

	// Play and pause: the button says which.
	click("btn-play")
	waitJS(t, ctx, `document.getElementById('btn-play').dataset.playing === 'true' && document.getElementById('btn-play').title === 'Pause (Space)'`, short, "the play button to turn into pause")
	click("btn-play")
	waitJS(t, ctx, `document.getElementById('btn-play').dataset.playing === 'false' && document.getElementById('btn-play').title === 'Play (Space)'`, short, "the pause button to turn back into play")
	click("btn-first")
	waitJS(t, ctx, posJS+` === 0`, short, "⇤ after pausing")

	// Statement mode: ▶ plays a whole statement.
	set("mode", "stmt")
	click("btn-next")
	waitJS(t, ctx, `/action (\d+) of \1$/.test(document.getElementById('pos').textContent) && document.getElementById('mode').value === 'stmt'`, short,
		"▶ in statement mode to stop at a statement's last action, the menu still on statement")
	set("mode", "micro")

	// The speed: the menu follows the + and − keys.
	set("speed", "4")
	do(t, ctx, chromedp.KeyEvent("-"))
	waitJS(t, ctx, `document.getElementById('speed').value === '3'`, short, "the speed menu to show − 's slower speed")

	// Hovering a handle variable highlights its row (at the end, where the
	// lesson's handle variables hold handles).
	click("btn-last")
	waitJS(t, ctx, posJS+` === `+maxJS, short, "⇥ to move to the end")
	const hoverJS = `(() => {
		const v = [...document.querySelectorAll('.var[data-handle="1"]')].find(v => document.getElementById('row-' + v.dataset.hpid + '-' + v.dataset.hidx));
		if (!v) return 'none';
		v.dispatchEvent(new MouseEvent('mouseenter'));
		return 'row-' + v.dataset.hpid + '-' + v.dataset.hidx;
	})()`
	row := eval[string](t, ctx, hoverJS)
	if row == "none" {
		t.Fatal("no handle variable with a row at the default lesson's end")
	}
	waitJS(t, ctx, `document.getElementById(`+jsString(row)+`).dataset.hl === '1'`, short, "a hovered handle variable to highlight its row")

	// Reduce motion, hide code, edit.
	click("motion")
	waitJS(t, ctx, `document.getElementById('app').dataset.reduced === '1' && document.getElementById('motion').getAttribute('aria-pressed') === 'true' && document.getElementById('motion').textContent.startsWith('☑')`, short, "reduce motion to be on and checked")
	click("code-toggle")
	waitJS(t, ctx, `!document.querySelector('.code-pane') && document.getElementById('code-toggle').getAttribute('aria-pressed') === 'true'`, short, "the code pane to fold away")
	click("code-toggle")
	waitJS(t, ctx, `!!document.querySelector('.code-pane') && document.getElementById('code-toggle').getAttribute('aria-pressed') === 'false'`, short, "the code pane to come back")
	click("edit")
	waitJS(t, ctx, `!!document.getElementById('editor') && document.getElementById('edit').textContent === 'Back to the picture'`, short, "the editor to open")
	click("edit")
	waitJS(t, ctx, `!document.getElementById('editor') && document.getElementById('edit').textContent === 'Edit code'`, short, "the editor to close")

	// The classroom tools.
	set("theme", "dark")
	waitJS(t, ctx, `document.documentElement.dataset.theme === 'dark' && document.getElementById('theme').value === 'dark'`, short, "the dark theme")
	set("theme", "auto")
	click("quiz-toggle")
	waitJS(t, ctx, `document.getElementById('quiz-toggle').getAttribute('aria-pressed') === 'true'`, short, "quiz mode to be on")
	click("quiz-toggle")
	waitJS(t, ctx, `document.getElementById('quiz-toggle').getAttribute('aria-pressed') === 'false'`, short, "quiz mode to be off")
	click("help-open")
	waitJS(t, ctx, `!!document.getElementById('help')`, short, "the shortcut list")
	do(t, ctx, chromedp.KeyEvent(kb.Escape))
	waitJS(t, ctx, `!document.getElementById('help')`, short, "Escape to close the shortcut list")
	click("share")
	waitJS(t, ctx, `!!document.getElementById('share-url')`, short, "the link to share")
	do(t, ctx, chromedp.KeyEvent(kb.Escape))
	waitJS(t, ctx, `!document.getElementById('share-url')`, short, "Escape to close the link")
	click("picker-open")
	waitJS(t, ctx, `!!document.getElementById('picker')`, short, "the lesson picker")
	click("picker-close")
	waitJS(t, ctx, `!document.getElementById('picker')`, short, "the lesson picker to close")

	// The language: every label of the bar and the controls follows.
	click("lang")
	waitJS(t, ctx, `document.getElementById('app').dataset.lang === 'ko' && document.getElementById('lang').textContent === 'English (EN)' &&
		document.getElementById('btn-first').title === '처음 (Home)' && document.getElementById('btn-play').title === '재생 (Space)' &&
		document.querySelector('#mode option[value="stmt"]').textContent === '문장' && document.getElementById('edit').textContent === '코드 편집' &&
		document.getElementById('pos').textContent.startsWith('문장 ')`, short, "the top bar and the controls in Korean")

	// The lesson menu.
	set("lesson", lessons[1].ID)
	waitJS(t, ctx, `new URL(location.href).searchParams.get('lesson') === `+jsString(lessons[1].ID)+` && document.getElementById('lesson').value === `+jsString(lessons[1].ID)+` && `+posJS+` === 0`, short, "the second lesson to open")
}
