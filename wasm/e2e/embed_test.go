package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"handleviz/assets"
	"handleviz/wasm/scene"
)

// largestSteps is, for every bundled lesson, the micro-step whose scene is
// the largest in embed mode's compact geometry (the most cards, then the
// tallest): the step to measure.
func largestSteps() map[string]int {
	scene.SetCompact(true)
	defer scene.SetCompact(false)
	out := map[string]int{}
	for _, l := range assets.Lessons() {
		tl := scene.NewTimeline(scene.Compile(l.Source))
		best, bestN, bestH := 0, -1, 0.0
		for m := 0; m < tl.Len(); m++ {
			sc := scene.Build(tl, m, m, nil)
			n := sc.NObjects
			if sc.NamesRect.W > 0 {
				n++
			}
			if n > bestN || n == bestN && sc.H > bestH {
				best, bestN, bestH = m, n, sc.H
			}
		}
		out[l.ID] = best
	}
	return out
}

// postJS posts a command to the page itself, as an embedding page would.
func postJS(cmd string) string {
	return `(() => { window.postMessage(` + cmd + `, '*'); return true })()`
}

// fitReport measures the page: every process column, card and the
// namespace inside the viewport and the stage (no scrolling), and the
// smallest text on screen (computed font size times the zoom it is drawn
// at), with the element that has it.
const fitReportJS = `(() => {
  const vw = innerWidth, vh = innerHeight, out = {outside: [], minPx: 1e9, minWhat: '', procs: 0, cards: 0};
  const s = document.getElementById('scene-scroll');
  out.scroll = s.scrollHeight > s.clientHeight + 1 || s.scrollWidth > s.clientWidth + 1;
  const sr = s.getBoundingClientRect();
  for (const el of document.querySelectorAll('#scene .proc, #scene .card')) {
    if (el.classList.contains('proc')) out.procs++; else out.cards++;
    const r = el.getBoundingClientRect();
    if (r.left < -0.5 || r.top < -0.5 || r.right > vw + 0.5 || r.bottom > vh + 0.5 ||
        r.left < sr.left - 0.5 || r.top < sr.top - 0.5 || r.right > sr.right + 0.5 || r.bottom > sr.bottom + 0.5)
      out.outside.push((el.id || el.className) + ' ' + [r.left, r.top, r.right, r.bottom].map(Math.round).join(','));
  }
  const walk = document.createTreeWalker(document.getElementById('app'), NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    if (!n.textContent.trim()) continue;
    const el = n.parentElement, r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || el.closest('.traveller')) continue;
    const px = parseFloat(getComputedStyle(el).fontSize) * (el.currentCSSZoom || 1);
    if (px < out.minPx) { out.minPx = px; out.minWhat = el.className + ' "' + n.textContent.trim().slice(0, 30) + '"'; }
  }
  out.zoom = +document.getElementById('scene').style.zoom;
  return JSON.stringify(out);
})()`

type fitReport struct {
	Outside []string
	MinPx   float64
	MinWhat string
	Procs   int
	Cards   int
	Scroll  bool
	Zoom    float64
}

// TestEmbedFitsSlides: in embed mode at 1280×720 and 960×540 every process
// column and kernel card of every bundled lesson, at its largest step, is
// inside the frame with no scrolling; at 1280×720 no text is under 12 px
// on screen (issue 13).
func TestEmbedFitsSlides(t *testing.T) {
	ctx, base := browser(t)
	steps := largestSteps()
	figures := os.Getenv("HANDLEVIZ_FIGURES") != ""
	outDir := filepath.Join(root, "web", "test-output")
	os.MkdirAll(outDir, 0o755)
	for _, size := range []struct{ w, h int64 }{{1280, 720}, {960, 540}} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(size.w, size.h)); err != nil {
			t.Fatal(err)
		}
		load(t, ctx, base+"/?embed=1&lang=en&motion=reduced")
		if eval[bool](t, ctx, `!!document.querySelector('header.top') || !!document.querySelector('.code-pane')`) {
			t.Fatalf("%d×%d: embed mode shows the top bar or the code pane", size.w, size.h)
		}
		for _, l := range assets.Lessons() {
			m := steps[l.ID]
			eval[bool](t, ctx, postJS(fmt.Sprintf(`{type: 'load', lesson: %q, step: %d}`, l.ID, m)))
			var rep fitReport
			// The zoom is set after the frame that draws the lesson: poll
			// until the measure holds (or the time is up, and report it).
			deadline := time.Now().Add(5 * time.Second)
			for {
				ok := eval[bool](t, ctx, fmt.Sprintf(`new URLSearchParams(location.search).get('lesson') === %q && +document.getElementById('scene').dataset.pos === %d`, l.ID, m))
				if ok {
					if err := json.Unmarshal([]byte(eval[string](t, ctx, fitReportJS)), &rep); err != nil {
						t.Fatal(err)
					}
					if len(rep.Outside) == 0 && !rep.Scroll && (size.w != 1280 || rep.MinPx >= 12) {
						break
					}
				}
				if time.Now().After(deadline) {
					break
				}
				time.Sleep(100 * time.Millisecond)
			}
			t.Logf("%d×%d %-22s step %2d: %d columns, %d cards, zoom %.3f, smallest text %.1f px (%s)", size.w, size.h, l.ID, m, rep.Procs, rep.Cards, rep.Zoom, rep.MinPx, rep.MinWhat)
			if rep.Procs == 0 || rep.Cards == 0 {
				t.Errorf("%d×%d %s step %d: no process column or card drawn", size.w, size.h, l.ID, m)
			}
			if len(rep.Outside) > 0 || rep.Scroll {
				t.Errorf("%d×%d %s step %d: outside the frame: %s (stage scrolls: %v)", size.w, size.h, l.ID, m, strings.Join(rep.Outside, "; "), rep.Scroll)
			}
			if size.w == 1280 && rep.MinPx < 12 {
				t.Errorf("%d×%d %s step %d: text of %.1f px on screen: %s", size.w, size.h, l.ID, m, rep.MinPx, rep.MinWhat)
			}
			if l.ID == "01-inherit" || l.ID == "04-pipe" || l.ID == "2-04-choose-inherit" {
				png := run(t, ctx, chromedp.CaptureScreenshot())
				name := fmt.Sprintf("embed-%dx%d-%s.png", size.w, size.h, l.ID)
				os.WriteFile(filepath.Join(outDir, name), png, 0o644)
				if figures {
					os.WriteFile(filepath.Join(root, "docs", "screenshots", name), png, 0o644)
				}
			}
		}
	}
}

// TestEmbedControls: ?controls=0 shows no controls; the default shows the
// compact bar, whose buttons step the lesson.
func TestEmbedControls(t *testing.T) {
	ctx, base := browser(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 720)); err != nil {
		t.Fatal(err)
	}
	load(t, ctx, base+"/?embed=1&controls=0&lesson=02-duplicate")
	if eval[bool](t, ctx, `!!document.getElementById('controls')`) {
		t.Error("?controls=0: the controls are shown")
	}
	load(t, ctx, base+"/?embed=1&lesson=02-duplicate")
	if !eval[bool](t, ctx, `!!document.querySelector('#controls.embed-controls') && !document.getElementById('mode')`) {
		t.Fatal("embed mode without controls=0: no compact control bar")
	}
	p0 := pos(t, ctx)
	run(t, ctx, chromedp.Evaluate[any](`document.getElementById('btn-next').click()`))
	waitPos(t, ctx, p0+1)
}

func waitPos(t *testing.T, ctx context.Context, want int) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](fmt.Sprintf(`+document.getElementById('scene').dataset.pos === %d`, want), chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		t.Fatalf("the scene is at step %d, want %d", pos(t, ctx), want)
	}
}
