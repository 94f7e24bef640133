package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"handleviz/wasm/scene"
)

const bigSrc = `process P;
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

// BenchmarkBigSceneStep: one step at 2,000 rows on the host (the browser
// test measures the real thing): go test -bench . ./wasm/ui. The stage is
// scrolled, as reveal would, to the rows the last micro-steps change
// (hProcess and hThread, at the end of the parent's table), 900 px high.
func BenchmarkBigSceneStep(b *testing.B) {
	t := b
	t0 := time.Now()
	tr := scene.Compile(bigSrc)
	if tr.Err != nil {
		t.Fatal(tr.Err.Msg.En)
	}
	a := &App{}
	disp := app.NewClientTester(a)
	defer disp.Close()
	disp.Dispatch(app.Dispatch{Mode: app.Update, Source: a, Function: func(ctx app.Context) {
		a.LoadTraceForTest(tr)
		a.viewTop, a.viewH = scene.RowRect(0, 1000).Y-450, 900
		a.rebuild()
	}})
	disp.Consume()
	t.Logf("compile+mount: %v", time.Since(t0))
	n := a.Timeline().Len()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m := n - 1 - i%2
		disp.Dispatch(app.Dispatch{Mode: app.Update, Source: a, Function: func(ctx app.Context) { a.SetStepForTest(ctx, m, false) }})
		disp.Consume()
	}
	b.StopTimer()
	b.Logf("rows drawn: %d", strings.Count(app.HTMLString(a), `class="row"`))
}

// BenchmarkLessonStep: one step of the default lesson on the host (build,
// render, diff).
func BenchmarkLessonStep(b *testing.B) {
	a := &App{}
	disp := app.NewClientTester(a)
	defer disp.Close()
	n := a.Timeline().Len()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m := i % n
		disp.Dispatch(app.Dispatch{Mode: app.Update, Source: a, Function: func(ctx app.Context) { a.SetStepForTest(ctx, m, false) }})
		disp.Consume()
	}
}
