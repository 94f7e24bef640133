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
