package ui

import (
	"testing"

	"handleviz/assets"
)

func assetsLessons() []assets.Lesson { return assets.Lessons() }

// A long scenario makes at most maxCodeComponents line components, around
// the current line; go-app's dispatch queue (4,096 slots) hung the page at
// ~4,150 component lines.
func TestCodeWindowBounded(t *testing.T) {
	for _, c := range []struct{ n, at int }{{10, 3}, {400, 1}, {5000, 1}, {20000, 10000}, {20000, 20000}, {20000, -1}} {
		lo, hi := codeWindow(c.n, c.at)
		if hi-lo > maxCodeComponents || lo < 0 || hi > c.n {
			t.Errorf("%d lines at %d: window [%d, %d)", c.n, c.at, lo, hi)
		}
		if c.at > 0 && (c.at-1 < lo || c.at-1 >= hi) {
			t.Errorf("%d lines at %d: window [%d, %d) misses the line", c.n, c.at, lo, hi)
		}
	}
}

// A slider's tick list stays short whatever the scenario (issue 15: a list
// of 20,000 ticks took go-app up to two minutes to take down).
func TestThinTicks(t *testing.T) {
	many := make([]int, 20000)
	for i := range many {
		many[i] = i * 3
	}
	got := thinTicks(many, maxTicks)
	if len(got) != maxTicks || got[0] != 0 || got[1] != 300 || got[maxTicks-1] != 59700 {
		t.Errorf("thinTicks(20,000) = %d ticks %v…%v", len(got), got[:2], got[len(got)-1])
	}
	if few := []int{0, 4, 9}; len(thinTicks(few, maxTicks)) != 3 {
		t.Errorf("thinTicks dropped ticks of a short list")
	}
}
