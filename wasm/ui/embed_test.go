package ui

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"handleviz/assets"
	"handleviz/wasm/scene"
)

func ptr(v float64) *float64 { return &v }

// TestEmbedRender: embed mode draws no top bar and no code pane, the
// compact control bar (none with controls=0), short column headings, and
// the scene in the compact geometry.
func TestEmbedRender(t *testing.T) {
	t.Cleanup(func() { scene.SetCompact(false) })
	l, _ := assets.LessonByID("01-inherit")
	a := &App{}
	disp := app.NewClientTester(a)
	t.Cleanup(disp.Close)
	disp.Dispatch(app.Dispatch{Mode: app.Update, Source: a, Function: func(ctx app.Context) {
		// as initEmbed does for ?embed=1 (the host tester's window has no URL)
		a.emb.on, a.emb.controls = true, true
		scene.SetCompact(true)
		a.lessonID = l.ID
		a.setSource(l.Source, false)
		a.SetStepForTest(ctx, 12, false)
	}})
	disp.Consume()
	html := app.HTMLString(a)
	for _, gone := range []string{`class="top"`, `code-pane`, `id="mode"`, `id="speed"`} {
		if strings.Contains(html, gone) {
			t.Errorf("embed mode draws %s", gone)
		}
	}
	for _, want := range []string{`data-embed="1"`, `embed-controls`, `id="btn-next"`, `>Value<`, `id="caption"`} {
		if !strings.Contains(html, want) {
			t.Errorf("embed mode does not draw %s", want)
		}
	}
	if a.sc.Procs[0].Rect.W != scene.TableW || scene.TableW > 360 {
		t.Errorf("a process column %v wide (TableW %v): not the compact geometry", a.sc.Procs[0].Rect.W, scene.TableW)
	}
	disp.Dispatch(app.Dispatch{Mode: app.Update, Source: a, Function: func(ctx app.Context) { a.emb.controls = false }})
	disp.Consume()
	if strings.Contains(app.HTMLString(a), `id="controls"`) {
		t.Error("controls=0: the control bar is drawn")
	}
}

// TestRunCommand: each command moves the player as documented in
// docs/embedding.md.
func TestRunCommand(t *testing.T) {
	l, _ := assets.LessonByID("01-inherit")
	a := &App{}
	disp := app.NewClientTester(a)
	t.Cleanup(disp.Close)
	do := func(c command) {
		t.Helper()
		disp.Dispatch(app.Dispatch{Mode: app.Update, Source: a, Function: func(ctx app.Context) { a.runCommand(ctx, c) }})
		disp.Consume()
	}
	disp.Dispatch(app.Dispatch{Mode: app.Update, Source: a, Function: func(ctx app.Context) {
		a.lessonID = l.ID
		a.setSource(l.Source, false)
	}})
	disp.Consume()
	n := a.tl.Len()
	do(command{Type: "next"})
	if a.pos != 1 {
		t.Errorf("next: at %d", a.pos)
	}
	do(command{Type: "goto", Statement: ptr(3)})
	if a.pos != a.tl.LastOf(3) || a.from != a.tl.First[3] {
		t.Errorf("goto statement 3: at %d (from %d), want %d (from %d)", a.pos, a.from, a.tl.LastOf(3), a.tl.First[3])
	}
	do(command{Type: "next", By: "statement"})
	if a.tl.StepOf(a.pos) != 4 {
		t.Errorf("next by statement from statement 3: statement %d", a.tl.StepOf(a.pos))
	}
	do(command{Type: "prev", By: "statement"})
	if a.tl.StepOf(a.pos) != 3 {
		t.Errorf("prev by statement: statement %d", a.tl.StepOf(a.pos))
	}
	do(command{Type: "goto", Step: ptr(1e9)})
	if a.pos != n-1 {
		t.Errorf("goto past the end: at %d, want the last step %d", a.pos, n-1)
	}
	do(command{Type: "first"})
	if a.pos != 0 {
		t.Errorf("first: at %d", a.pos)
	}
	do(command{Type: "last"})
	if a.pos != n-1 {
		t.Errorf("last: at %d", a.pos)
	}
	do(command{Type: "play"})
	if !a.playing || a.pos != 0 {
		t.Errorf("play at the end: playing %v at %d, want playing from 0", a.playing, a.pos)
	}
	do(command{Type: "pause"})
	if a.playing {
		t.Error("pause: still playing")
	}
	do(command{Type: "setLang", Lang: "ko"})
	if a.lang != "ko" {
		t.Errorf("setLang ko: %q", a.lang)
	}
	do(command{Type: "setTheme", Theme: "projector"})
	if a.sl.theme != "projector" || a.event("step").Theme != "projector" {
		t.Errorf("setTheme: %q", a.sl.theme)
	}
	do(command{Type: "load", Lesson: "04-pipe", Step: ptr(2)})
	if a.lessonID != "04-pipe" || a.pos != 2 {
		t.Errorf("load 04-pipe at 2: %s at %d", a.lessonID, a.pos)
	}
	ev := a.event("step")
	if ev.Lesson != "04-pipe" || ev.Index != 2 || ev.Total != a.tl.Len() || ev.Statements != len(a.trace.Steps) || ev.Code != "HANDLE hReadPipe, hWritePipe;" || ev.Lang != "ko" {
		t.Errorf("step event %+v", ev)
	}
}
