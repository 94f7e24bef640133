package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

const bigSrc = `process P;
@P
SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };
for (int i = 0; i < 1000; i++) {
    CreateEvent(&sa, TRUE, FALSE, NULL);
}
STARTUPINFO si = { sizeof(si) };
PROCESS_INFORMATION pi;
CreateProcess(NULL, TEXT("Child.exe"), NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi);
`

// TestBigSceneStepCost reports what one step costs at 2,000 rows on the
// host (the browser test measures the real thing).
func TestBigSceneStepCost(t *testing.T) {
	t0 := time.Now()
	tr := Compile(bigSrc)
	if tr.Err != nil {
		t.Fatal(tr.Err.Msg.En)
	}
	a := &App{}
	disp := app.NewClientTester(a)
	defer disp.Close()
	disp.Dispatch(app.Dispatch{Mode: app.Update, Source: a, Function: func(ctx app.Context) { a.LoadTraceForTest(tr) }})
	disp.Consume()
	t.Logf("compile+mount: %v", time.Since(t0))
	n := a.Timeline().Len()
	var build, render time.Duration
	for i := 0; i < 20; i++ {
		m := n - 1 - i%2
		t1 := time.Now()
		disp.Dispatch(app.Dispatch{Mode: app.Update, Source: a, Function: func(ctx app.Context) { a.SetStepForTest(ctx, m, false) }})
		build += time.Since(t1)
		t2 := time.Now()
		disp.Consume()
		render += time.Since(t2)
	}
	t.Logf("per step: build %v, render+diff %v (rows %d)", build/20, render/20, strings.Count(app.HTMLString(a), `class="row"`))
}

// TestLessonStepCost reports what one step of the default lesson costs on
// the host (build + render + diff).
func TestLessonStepCost(t *testing.T) {
	a := &App{}
	disp := app.NewClientTester(a)
	defer disp.Close()
	n := a.Timeline().Len()
	t0 := time.Now()
	for i := 0; i < 200; i++ {
		m := i % n
		disp.Dispatch(app.Dispatch{Mode: app.Update, Source: a, Function: func(ctx app.Context) { a.SetStepForTest(ctx, m, false) }})
		disp.Consume()
	}
	t.Logf("default lesson: %v per step (host)", time.Since(t0)/200)
}
