package kernel

import (
	"runtime"
	"testing"
	"unsafe"
)

// Benchmarks of the model (docs/performance.md, "Kernel model"):
//
//	go test -bench . -benchmem -run '^$' ./kernel
//
// The kernel runs without OnEvent (the invariant check is a test-time
// tool); events are taken after each call as the scenario runner does, so
// the event log does not grow without bound.

func benchKernel(b *testing.B) (*Kernel, TID, TID, Handle) {
	k := New(Config{})
	_, ta := k.StartProcess("A.exe", "A.exe", nil)
	pb, tb := k.StartProcess("B.exe", "B.exe", nil)
	hB := k.OpenProcess(ta, PROCESS_ALL_ACCESS, false, pb)
	k.TakeEvents()
	return k, ta, tb, hB
}

// BenchmarkCreateClose: CreateEvent + CloseHandle of an unnamed event.
func BenchmarkCreateClose(b *testing.B) {
	k, ta, _, _ := benchKernel(b)
	b.ReportAllocs()
	for b.Loop() {
		h := k.CreateEvent(ta, nil, false, false, "")
		k.CloseHandle(ta, h)
		k.TakeEvents()
	}
}

// BenchmarkCreateCloseNamed: the same with a name (namespace insert and
// delete).
func BenchmarkCreateCloseNamed(b *testing.B) {
	k, ta, _, _ := benchKernel(b)
	b.ReportAllocs()
	for b.Loop() {
		h := k.CreateMutex(ta, nil, false, "Global\\Bench")
		k.CloseHandle(ta, h)
		k.TakeEvents()
	}
}

// BenchmarkDuplicateHandle: DuplicateHandle into another process and
// CloseHandle of the duplicate there (one pair per op).
func BenchmarkDuplicateHandle(b *testing.B) {
	k, ta, tb, hB := benchKernel(b)
	h := k.CreateEvent(ta, nil, false, false, "")
	k.TakeEvents()
	b.ReportAllocs()
	for b.Loop() {
		d, _ := k.DuplicateHandle(ta, CurrentProcess, h, hB, true, 0, false, DUPLICATE_SAME_ACCESS)
		k.CloseHandle(tb, d)
		k.TakeEvents()
	}
}

// BenchmarkDuplicateHandleMove: DUPLICATE_CLOSE_SOURCE moves one handle
// back and forth between two processes (one move per op).
func BenchmarkDuplicateHandleMove(b *testing.B) {
	k, ta, tb, hB := benchKernel(b)
	hA := k.OpenProcess(tb, PROCESS_ALL_ACCESS, false, k.GetCurrentProcessId(ta))
	h := k.CreateEvent(ta, nil, false, false, "")
	inA := true
	k.TakeEvents()
	b.ReportAllocs()
	for b.Loop() {
		if inA {
			h, _ = k.DuplicateHandle(ta, CurrentProcess, h, hB, true, 0, false, DUPLICATE_SAME_ACCESS|DUPLICATE_CLOSE_SOURCE)
		} else {
			h, _ = k.DuplicateHandle(tb, CurrentProcess, h, hA, true, 0, false, DUPLICATE_SAME_ACCESS|DUPLICATE_CLOSE_SOURCE)
		}
		inA = !inA
		k.TakeEvents()
	}
}

// BenchmarkCreateProcessInherit1000: CreateProcess with bInheritHandles=TRUE
// from a parent holding 1,000 inheritable handles (1,000 scan rows, 1,000
// copies). The child is terminated and its handles closed outside the timer.
func BenchmarkCreateProcessInherit1000(b *testing.B) {
	k, ta, _, _ := benchKernel(b)
	for i := 0; i < 1000; i++ {
		k.CreateEvent(ta, inheritable(), false, false, "")
	}
	k.TakeEvents()
	b.ReportAllocs()
	for b.Loop() {
		pi, ok := k.CreateProcess(ta, "", "Child.exe", nil, nil, true, 0, nil)
		k.TakeEvents()
		if !ok {
			b.Fatal(k.GetLastError(ta))
		}
		b.StopTimer()
		k.TerminateProcess(ta, pi.HProcess, 0)
		k.CloseHandle(ta, pi.HProcess)
		k.CloseHandle(ta, pi.HThread)
		k.TakeEvents()
		b.StartTimer()
	}
}

// BenchmarkSnapshot3x300: Snapshot of 3 processes holding 300 handles each
// (100 objects each, open three times: own, inherited or duplicated).
func BenchmarkSnapshot3x300(b *testing.B) {
	k := New(Config{})
	var tids []TID
	var hs []Handle
	for i := 0; i < 3; i++ {
		_, t := k.StartProcess("P.exe", "P.exe", nil)
		tids = append(tids, t)
	}
	for i := 0; i < 100; i++ {
		hs = append(hs, k.CreateEvent(tids[0], nil, false, false, ""))
	}
	pids := []PID{k.GetCurrentProcessId(tids[0]), k.GetCurrentProcessId(tids[1]), k.GetCurrentProcessId(tids[2])}
	for _, to := range pids {
		hp := k.OpenProcess(tids[0], PROCESS_ALL_ACCESS, false, to)
		for _, h := range hs {
			n := 3 // 300 handles: 100 objects, three handles each
			if to == pids[0] {
				n = 2 // plus the creator's own handle
			}
			for j := 0; j < n; j++ {
				k.DuplicateHandle(tids[0], CurrentProcess, h, hp, true, 0, false, DUPLICATE_SAME_ACCESS)
			}
		}
		k.CloseHandle(tids[0], hp)
	}
	for i, t := range tids {
		if n := k.ProcessByPID(k.GetCurrentProcessId(t)).Proc.HandleCountInTable(); n != 300 {
			b.Fatalf("process %d holds %d handles", i, n)
		}
	}
	k.TakeEvents()
	b.ReportAllocs()
	for b.Loop() {
		if s := k.Snapshot(); len(s.Objects) != 106 {
			b.Fatalf("%d objects", len(s.Objects))
		}
	}
}

// BenchmarkHandleEntryBytes reports what a live handle-table entry costs:
// the static size of Entry and the heap measured per entry in a table of
// 1,000,000 entries (one object duplicated, so only the table grows; the
// slice's spare capacity is counted, events are dropped before measuring).
// Real x64 Windows spends 16 bytes per HANDLE_TABLE_ENTRY.
func BenchmarkHandleEntryBytes(b *testing.B) {
	const n = 1_000_000
	var perEntry float64
	for b.Loop() {
		perEntry = heapPerEntry(n)
	}
	b.ReportMetric(float64(unsafe.Sizeof(Entry{})), "B/entry-static")
	b.ReportMetric(perEntry, "B/entry-heap")
}

func heapPerEntry(n int) float64 {
	k := New(Config{})
	_, t := k.StartProcess("A.exe", "A.exe", nil)
	h := k.CreateEvent(t, nil, false, false, "")
	k.TakeEvents()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for i := 1; i < n; i++ {
		k.DuplicateHandle(t, CurrentProcess, h, CurrentProcess, false, 0, false, DUPLICATE_SAME_ACCESS)
		if i%4096 == 0 {
			k.TakeEvents()
		}
	}
	k.TakeEvents()
	runtime.GC()
	runtime.ReadMemStats(&after)
	if got := k.ProcessByPID(k.GetCurrentProcessId(t)).Proc.HandleCountInTable(); got != n {
		panic("table size")
	}
	runtime.KeepAlive(k)
	return float64(after.HeapAlloc-before.HeapAlloc) / float64(n-1)
}

// TestEntrySize pins the static entry size documented on Entry (12 bytes).
func TestEntrySize(t *testing.T) {
	if s := unsafe.Sizeof(Entry{}); s != 12 {
		t.Errorf("Entry is %d bytes; update the Entry comment and docs/performance.md", s)
	}
}
