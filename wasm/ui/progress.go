package ui

import (
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"handleviz/wasm/scene"
)

// Runs in the browser never freeze the page (issue 15). Go's wasm is one
// thread: a run that never blocks holds the JavaScript event loop, and keys
// wait for its end. So the run goes on a goroutine of its own and, through
// the interpreter's Pause hook, sleeps for a moment every yieldEvery: the
// Go runtime then returns to the browser, which handles input, and go-app's
// goroutine answers it (a key steps the scene on screen, the Stop button
// stops the run). The progress line shows the work done against the budget
// and the statement running.

// yieldEvery is the longest a run holds the page at a time.
const yieldEvery = 10 * time.Millisecond

// runState is one run in progress.
type runState struct {
	src     string
	edited  bool
	started time.Time
	stop    atomic.Bool
	shown   chan struct{} // closed when the progress line is on the page
	showing sync.Once

	mu        sync.Mutex
	prog      scene.Progress
	line      *progressC // the progress line on screen, redrawn at each yield
	lastYield time.Time
}

// pause is the run's Pause hook, called on the run's goroutine about every
// millisecond of work.
func (r *runState) pause(p scene.Progress) bool {
	if time.Since(r.lastYield) >= yieldEvery {
		r.mu.Lock()
		if p.Work > 0 || p.Line > 0 {
			r.prog = p // between phases the hook gets no figures
		}
		line := r.line
		r.mu.Unlock()
		if line != nil && line.ctx != nil {
			line.ctx.Dispatch(func(app.Context) {}) // redraws the line only
		}
		// Every goroutine waits: back to the browser. The first time long
		// enough for go-app's next frame (120 Hz) to show the progress line
		// before the work starts.
		nap := time.Millisecond
		if r.lastYield.IsZero() {
			nap = 20 * time.Millisecond
		}
		time.Sleep(nap)
		r.lastYield = time.Now()
	}
	return !r.stop.Load()
}

// startRun runs the draft on its own goroutine; finishRun plays the result.
func (a *App) startRun(ctx app.Context, src string, edited bool) {
	a.cancelRun()
	r := &runState{src: src, edited: edited, started: time.Now(), shown: make(chan struct{})}
	a.running = r
	a.busy.Add(1)
	ctx.Async(func() {
		defer a.busy.Add(-1) // renderNow (frame.go) must not wait for a run
		// The work starts once the progress line (with its Stop button) is
		// on the page, so that even a run the budget ends in a quarter of a
		// second has it; a short run does not flash it (the style fades it
		// in late). The wait is bounded: a run replaced before its line was
		// drawn still ends.
		select {
		case <-r.shown:
		case <-time.After(250 * time.Millisecond):
		}
		tr := scene.CompileWith(src, r.pause)
		tl := scene.NewTimelineWith(tr, r.pause)
		ctx.Dispatch(func(ctx app.Context) { a.finishRun(ctx, r, tr, tl) })
	})
}

// finishRun plays a finished run, unless another run or a lesson replaced
// it meanwhile. What the user typed during the run stays in the editor.
func (a *App) finishRun(ctx app.Context, r *runState, tr *scene.Trace, tl *scene.Timeline) {
	if a.running != r {
		return
	}
	a.running = nil
	a.runsDone++
	draft := a.draft
	a.trace, a.tl, a.src = tr, tl, r.src // setSource finds them compiled
	a.setSource(r.src, r.edited)
	a.draft = draft
	a.unmarkRunning()
	if a.trace.Err == nil {
		a.editing = false
	}
	a.saveURL(ctx)
	// The Run button whose context dispatched this may be gone from the
	// page by now, and with it the update it would bring.
	a.Update()
}

// cancelRun stops the run in progress, if any, and drops its result.
func (a *App) cancelRun() {
	if a.running != nil {
		a.running.stop.Store(true)
		a.running = nil
	}
}

// runDraftNow is the run of a draft, on the page's goroutine where there is
// no browser event loop to give back to (the server's pre-render and the
// component tests).
func (a *App) runDraftNow(ctx app.Context) {
	l, _ := findLesson(a.lessonID)
	a.runsDone++
	a.setSource(a.draft, a.draft != l.Source)
	a.unmarkRunning()
	if a.trace.Err == nil {
		a.editing = false
	}
	a.saveURL(ctx)
}

// renderProgress is the progress line while a run is in progress.
func (a *App) renderProgress() app.UI {
	if a.running == nil {
		return nil
	}
	return &progressC{Run: a.running, Lang: a.lang}
}

// progressC is the progress line with its Stop button.
type progressC struct {
	app.Compo
	Run  *runState
	Lang string
	ctx  app.Context
}

func (c *progressC) OnMount(ctx app.Context) {
	c.ctx = ctx
	c.Run.showing.Do(func() { close(c.Run.shown) })
}

func (c *progressC) stopRun(ctx app.Context, e app.Event) { c.Run.stop.Store(true) }

func (c *progressC) Render() app.UI {
	r := c.Run
	r.mu.Lock()
	r.line = c
	p := r.prog
	r.mu.Unlock()
	secs := strconv.FormatFloat(time.Since(r.started).Seconds(), 'f', 1, 64)
	var text string
	switch {
	case r.stop.Load():
		text = scene.T(c.Lang, "run.stopping")
	case p.MaxWork == 0:
		text = scene.Tf(c.Lang, "run.reading", secs)
	default:
		text = scene.Tf(c.Lang, "run.working", strconv.Itoa(p.Line), group(p.Work), group(p.MaxWork), secs)
	}
	bar := app.Progress().ID("run-bar").Max(max(p.MaxWork, 1)).Value(p.Work)
	return app.Div().ID("run-progress").Class("run-progress").Body(
		bar,
		app.Span().ID("run-status").Text(text),
		app.Button().ID("run-stop").Class("btn").Text(scene.T(c.Lang, "run.stop")).OnClick(c.stopRun),
	)
}

// group writes n with thousands separators (1,000,000).
func group(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
