package scene

import (
	"testing"

	"handleviz/assets"
)

// TestCompactFitsASlide: in embed mode's compact geometry the largest scene
// of every bundled lesson (over all its micro-steps) fits a 1280×720 slide's
// stage (1276×590 CSS px once the caption and the compact controls take
// their part) at a zoom of at least 0.8, so that the embed style sheet's
// 15 px text is at least 12 px on screen. (The browser test measures the
// same on the page.)
func TestCompactFitsASlide(t *testing.T) {
	SetCompact(true)
	defer SetCompact(false)
	for _, l := range assets.Lessons() {
		tl := NewTimeline(Compile(l.Source))
		z, k := FitCompact(tl, 1276, 590, 2)
		w, h := MaxExtent(tl)
		t.Logf("%-22s %4.0f×%4.0f zoom %.3f, %d cards a row", l.ID, w, h, z, k)
		if z < 0.8 {
			t.Errorf("%s: its largest scene is %.0f×%.0f CSS px: zoom %.3f to fit a 1280×720 slide, under 0.8 (text under 12 px)", l.ID, w, h, z)
		}
	}
}

// TestSetCompactRestores: switching back gives the regular geometry, on
// which every other test and the normal page rely.
func TestSetCompactRestores(t *testing.T) {
	want := current()
	SetCompact(true)
	if !Compact() || RowH == want.rowH || TableW >= want.colWidths[0]+want.colWidths[1]+want.colWidths[2]+want.colWidths[3]+want.colWidths[4] {
		t.Fatalf("SetCompact(true): RowH %v, TableW %v: still the regular geometry", RowH, TableW)
	}
	SetCompact(false)
	if current() != want || Compact() || TableW != 604 {
		t.Fatalf("SetCompact(false) did not restore the regular geometry: %+v", current())
	}
}
