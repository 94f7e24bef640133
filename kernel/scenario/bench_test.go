package scenario

import (
	"runtime"
	"testing"
)

// bench100k is a scenario of exactly 100,000 steps: two processes, a loop
// that creates and closes an event 49,998 times, with handle values passing
// between them.
const bench100k = `process Parent, Child;
@Parent
HANDLE h;
for (int i = 0; i < 49998; i++) {
    h = CreateEvent(NULL, FALSE, FALSE, NULL);
    CloseHandle(h);
}
CloseHandle(h);
`

func run100k(tb testing.TB) *Trace {
	tr, err := Run(bench100k, Options{MaxSteps: 200_000})
	if err != nil {
		tb.Fatal(err)
	}
	if tr.Err != nil {
		tb.Fatal(tr.Err)
	}
	if len(tr.Steps) != 100_000 {
		tb.Fatalf("%d steps", len(tr.Steps))
	}
	return tr
}

func BenchmarkRun100k(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		run100k(b)
	}
}

func BenchmarkStateAt100k(b *testing.B) {
	tr := run100k(b)
	x := uint32(12345)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		x = x*1664525 + 1013904223 // deterministic "random" steps
		st := tr.StateAt(int(x % 100_000))
		if len(st.Objects) < 4 {
			b.Fatal("state too small")
		}
	}
}

// BenchmarkTraceMemory reports the heap a 100,000-step trace keeps alive.
func BenchmarkTraceMemory(b *testing.B) {
	for i := 0; i < b.N; i++ {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		tr := run100k(b)
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "MiB-held")
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/float64(len(tr.Steps)), "B/step")
		runtime.KeepAlive(tr)
	}
}
