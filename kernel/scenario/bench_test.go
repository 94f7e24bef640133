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

// growing100k is also exactly 100,000 steps, but every step adds a handle
// to one table: the state grows to 99,997 entries (the audit's t24).
const growing100k = `process P;
@P
HANDLE h = CreateEvent(NULL, FALSE, FALSE, NULL);
HANDLE d;
for (int i = 0; i < 99996; i++) DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &d, 0, FALSE, DUPLICATE_SAME_ACCESS);
`

// runShape runs src with room for 200,000 steps and checks its step count
// (-1: it must stop on a limit instead).
func runShape(tb testing.TB, src string, steps int) *Trace {
	tr, err := Run(src, Options{MaxSteps: 200_000})
	if err != nil {
		tb.Fatal(err)
	}
	if steps < 0 {
		if tr.Err == nil {
			tb.Fatal("no limit reached")
		}
		return tr
	}
	if tr.Err != nil {
		tb.Fatal(tr.Err)
	}
	if len(tr.Steps) != steps {
		tb.Fatalf("%d steps", len(tr.Steps))
	}
	return tr
}

var shapes = []struct {
	name  string
	src   string
	steps int
}{
	{"100k", bench100k, 100_000},
	{"Growing100k", growing100k, 100_000},
	{"Membomb", membomb, -1}, // stops with E_EVENT_LIMIT in the first CreateProcess
}

func BenchmarkRun100k(b *testing.B) { benchRun(b, bench100k, 100_000) }

func BenchmarkRunGrowing100k(b *testing.B) { benchRun(b, growing100k, 100_000) }

func BenchmarkRunMembomb(b *testing.B) { benchRun(b, membomb, -1) }

func benchRun(b *testing.B, src string, steps int) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		runShape(b, src, steps)
	}
}

func BenchmarkStateAt100k(b *testing.B) { benchStateAt(b, bench100k, 100_000) }

func BenchmarkStateAtGrowing100k(b *testing.B) { benchStateAt(b, growing100k, 100_000) }

func BenchmarkStateAtMembomb(b *testing.B) { benchStateAt(b, membomb, -1) }

// benchStateAt asks for pseudo-random steps of one trace.
func benchStateAt(b *testing.B, src string, steps int) {
	tr := runShape(b, src, steps)
	n := uint32(len(tr.Steps))
	x := uint32(12345)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		x = x*1664525 + 1013904223 // deterministic "random" steps
		st := tr.StateAt(int(x % n))
		if len(st.Objects) < 2 {
			b.Fatal("state too small")
		}
	}
}

// BenchmarkTraceMemory reports the heap a trace keeps alive.
func BenchmarkTraceMemory(b *testing.B) {
	for _, sh := range shapes {
		b.Run(sh.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				tr := runShape(b, sh.src, sh.steps)
				runtime.GC()
				runtime.ReadMemStats(&after)
				b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "MiB-held")
				b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/float64(len(tr.Steps)), "B/step")
				runtime.KeepAlive(tr)
			}
		})
	}
}
