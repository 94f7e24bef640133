package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// openAt opens a lesson or example at micro-step m (-1: the last).
func openAt(t *testing.T, ctx context.Context, base, query string, m int) {
	t.Helper()
	if m < 0 {
		load(t, ctx, base+"/?"+query+"&step=100000")
		m = maxPos(t, ctx)
	} else {
		load(t, ctx, fmt.Sprintf("%s/?%s&step=%d", base, query, m))
	}
	if p := pos(t, ctx); p != m {
		t.Fatalf("%s: at micro-step %d, want %d", query, p, m)
	}
}

func pidOf(t *testing.T, ctx context.Context, name string) int {
	t.Helper()
	for _, p := range procs(t, ctx) {
		if p.Name == name {
			return p.PID
		}
	}
	t.Fatalf("no column %q in %+v", name, procs(t, ctx))
	return 0
}

func shoot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png := run(t, ctx, chromedp.CaptureScreenshot())
	out := filepath.Join(root, "web", "test-output")
	os.MkdirAll(out, 0o755)
	if err := os.WriteFile(filepath.Join(out, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", filepath.Join(out, name))
}

// TestBrowserConsole: a scenario about standard handles draws each
// column's stdin, stdout and stderr with what they name, and each console
// as a card with what its screen shows; golden 64 gives its child a new
// console (CREATE_NEW_CONSOLE, "Process Creation Flags"), so two cards,
// each with its own process's output, the handle values 0x3, 0x7, 0xB the
// same in both (kernel/console.go). A lesson that never asks for its
// standard handles (01-inherit, whose child only prints) draws none of it.
func TestBrowserConsole(t *testing.T) {
	ctx, base := browser(t)
	run(t, ctx, chromedp.EmulateViewport(1280, 720))

	t.Run("NewConsole", func(t *testing.T) {
		// Child sleeps for good on its own console (Sleep(INFINITE)).
		openAt(t, ctx, base, "lesson=example:64_console_io&lang=en", -1)
		// Back from the end (Shell then terminates Child) to Child's Sleep.
		for i := 0; i < 40 && !strings.Contains(eval[string](t, ctx, `document.getElementById('caption').textContent`), "Sleep(INFINITE)"); i++ {
			key(t, ctx, kb.ArrowLeft, false)
		}
		shell, child := pidOf(t, ctx, "Shell"), pidOf(t, ctx, "Child")
		text := func(sel string) string {
			return eval[string](t, ctx, fmt.Sprintf(`(document.querySelector(%q)||{}).textContent||''`, sel))
		}
		if got := text(fmt.Sprintf("#std-%d-1", shell)); got != "stdout0x7→ Console 1" {
			t.Errorf("Shell's stdout line %q", got)
		}
		if got := text(fmt.Sprintf("#std-%d-1", child)); got != "stdout0x7→ Console 2" {
			t.Errorf("Child's stdout line %q", got)
		}
		c1, c2 := text("#console-1"), text("#console-2")
		if !strings.Contains(c1, "used by: Shell") || !strings.Contains(c1, "prompt>>") {
			t.Errorf("console 1 card %q, want Shell's with its prompt", c1)
		}
		if !strings.Contains(c2, "used by: Child") || !strings.Contains(c2, "child runs") || strings.Contains(c2, "prompt") {
			t.Errorf("console 2 card %q, want Child's with \"child runs\" only", c2)
		}
		// Six dashed arrows, one per console handle value, ending on the
		// cards.
		if n := eval[int](t, ctx, `document.querySelectorAll('path[data-kind="std"]').length`); n != 6 {
			t.Errorf("%d arrows from standard handles, want 6", n)
		}
		if d := eval[string](t, ctx, `getComputedStyle(document.querySelector('path[data-kind="std"]')).strokeDasharray`); d == "" || d == "none" {
			t.Errorf("the console arrows are not dashed (%q)", d)
		}
		// The cards sit in the kernel area, clear of the other cards, and
		// the standard-handle section ends where the scene says the column
		// ends (the kernel area is placed from it).
		bad := eval[string](t, ctx, `(() => {
			const out = [];
			const r = e => e.getBoundingClientRect();
			const top = r(document.querySelector('.kernel-title')).top;
			const cards = [...document.querySelectorAll('.card:not(.console-card)')].map(r);
			for (const c of document.querySelectorAll('.console-card')) {
				const b = r(c);
				if (b.top < top) out.push(c.id + ' above the kernel area');
				for (const o of cards) if (b.left < o.right && o.left < b.right && b.top < o.bottom && o.top < b.bottom) out.push(c.id + ' overlaps a card');
			}
			for (const p of document.querySelectorAll('.proc')) {
				const s = p.querySelector('.std');
				if (s && Math.abs(r(s).bottom - r(p).bottom) > 1) out.push(p.id + ' std section ends ' + (r(p).bottom - r(s).bottom) + 'px above the column');
				if (r(p).bottom > top) out.push(p.id + ' runs into the kernel area');
			}
			return out.join('; ');
		})()`)
		if bad != "" {
			t.Error(bad)
		}
		eval[bool](t, ctx, `document.getElementById('console-1').scrollIntoView({block: 'center'}); true`)
		shoot(t, ctx, "console-new-console-1280x720.png")
	})

	t.Run("RedirectedChildKorean", func(t *testing.T) {
		openAt(t, ctx, base, "lesson=example:67_textbook_redirect_child&lang=ko", 25)
		parent, child := pidOf(t, ctx, "Parent"), pidOf(t, ctx, "Child")
		line := func(pid, k int) string {
			return eval[string](t, ctx, fmt.Sprintf(`(document.getElementById('std-%d-%d')||{}).textContent||''`, pid, k))
		}
		if got := line(parent, 0); got != "stdin0x3→ 콘솔 1" {
			t.Errorf("Parent's stdin line %q", got)
		}
		if got := line(child, 1); got != "stdout0x8→ 쓰기 파이프" {
			t.Errorf("Child's stdout line %q, want the pipe's write end at 0x8", got)
		}
		if got := eval[string](t, ctx, `(document.querySelector('.std .section-title')||{}).textContent||''`); got != "표준 핸들" {
			t.Errorf("section title %q", got)
		}
		if c := eval[string](t, ctx, `(document.getElementById('console-1')||{}).textContent||''`); !strings.Contains(c, "쓰는 프로세스: Parent, Child") {
			t.Errorf("console card %q, want one console shared by Parent and Child", c)
		}
		shoot(t, ctx, "console-redirect-ko-1280x720.png")
	})

	t.Run("LessonWithoutStdHandles", func(t *testing.T) {
		openAt(t, ctx, base, "lesson=01-inherit&lang=en", -1)
		n := eval[string](t, ctx, `[document.querySelectorAll('.console-card').length, document.querySelectorAll('.std').length, document.querySelectorAll('path[data-kind="std"]').length].join(',')`)
		if n != "0,0,0" {
			t.Errorf("01-inherit draws console cards, standard-handle sections, arrows: %s; want none", n)
		}
		// Its child's printf still shows in the column, as before.
		if c := eval[string](t, ctx, `[...document.querySelectorAll('.proc .console')].map(e => e.textContent).join('|')`); !strings.Contains(c, "inherited mutex handle") {
			t.Errorf("the column's console text is %q", c)
		}
		shoot(t, ctx, "console-none-01-inherit-1280x720.png")
	})
}
