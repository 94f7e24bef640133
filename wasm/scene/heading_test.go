package scene

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"handleviz/assets"
)

// The Korean narration of every golden scenario and lesson never names a
// type and then a role that says it again ("파이프(읽기 파이프)"): the
// glossary's 읽기 파이프 is the whole name of the read end.
func TestNarrationKoreanNamesTheTypeOnce(t *testing.T) {
	files, _ := filepath.Glob(goldenDir + "*.scn")
	lessons, _ := filepath.Glob("../../assets/lessons/*.scn")
	var doubled []string
	for k, m := range assets.Translations() {
		if !strings.HasPrefix(k, "role.") {
			continue
		}
		for t, w := range assets.Translations() {
			if strings.HasPrefix(t, "type.") && strings.Contains(m["ko"], w["ko"]) {
				doubled = append(doubled, w["ko"]+"("+m["ko"]+")", w["ko"]+" "+m["ko"])
			}
		}
	}
	if len(doubled) == 0 {
		t.Fatal("no role repeats a type word: the test checks nothing")
	}
	for _, f := range append(files, lessons...) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		tl := NewTimeline(Compile(string(src)))
		for m := 0; m < tl.Len(); m++ {
			ko := Narrate(tl.Micros[m].Events, tl.Before(m), tl.State(m), "ko")
			for _, d := range doubled {
				if strings.Contains(ko, d) {
					t.Errorf("%s micro-step %d: %q says the type twice: %s", filepath.Base(f), m, d, ko)
				}
			}
		}
	}
}
