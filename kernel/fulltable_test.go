package kernel

import (
	"fmt"
	"os"
	"runtime"
	"testing"
	"time"
)

// A table filled to the real x64 limit (16,711,680 handles) through the
// kernel API, then the process exits. With Stream set, the exit's events
// (a removal and a count change per handle) pass through one at a time, so
// memory is the table's, not its events'. HANDLEVIZ_FULLTABLE=1 runs it at
// the real limit and prints time and memory (docs/performance.md, "Full
// table"); otherwise it runs at 100,000 handles and checks the counts.
func TestFullTableStreams(t *testing.T) {
	limit := 100_000
	if os.Getenv("HANDLEVIZ_FULLTABLE") != "" {
		limit = DefaultHandleLimit
	}
	k := New(Config{HandleLimit: limit})
	events := 0
	k.Stream = func(Event) { events++ }
	_, tid := k.StartProcess("A.exe", "A.exe", nil)
	start := time.Now()
	h := k.CreateEvent(tid, nil, false, false, "")
	n := 1
	for {
		if _, ok := k.DuplicateHandle(tid, CurrentProcess, h, CurrentProcess, true, 0, false, DUPLICATE_SAME_ACCESS); !ok {
			break
		}
		n++
	}
	fill := time.Since(start)
	if n != limit || k.GetLastError(tid) != ERROR_NO_SYSTEM_RESOURCES {
		t.Fatalf("filled %d of %d, last error %v", n, limit, k.GetLastError(tid))
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	full := ms.HeapAlloc
	events = 0
	start = time.Now()
	k.ExitProcess(tid, 0)
	exit := time.Since(start)
	runtime.ReadMemStats(&ms)
	if events < 2*limit {
		t.Errorf("exit streamed %d events for %d handles", events, limit)
	}
	if len(k.TakeEvents()) != 0 {
		t.Error("events were buffered while streaming")
	}
	t.Logf("%d handles: fill %v, exit %v (%d events streamed); heap after fill %d MB, peak heap %d MB (Sys %d MB)",
		limit, fill.Round(time.Millisecond), exit.Round(time.Millisecond), events, full>>20, ms.HeapSys>>20, ms.Sys>>20)
	if os.Getenv("HANDLEVIZ_FULLTABLE") != "" {
		fmt.Printf("FULLTABLE %d handles: fill %v, exit %v, %d exit events; heap after fill %d MB, Sys %d MB\n",
			limit, fill.Round(time.Millisecond), exit.Round(time.Millisecond), events, full>>20, ms.Sys>>20)
	}
}
