package scene

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The Korean narration of every micro-step of every golden scenario and
// lesson holds no English prose: only identifiers (API, constant, type and
// flag names, which start upper-case or carry '_'), numbers, and the names
// and data the lesson itself wrote (quoted).
func TestNarrationKoreanHasNoEnglish(t *testing.T) {
	files, _ := filepath.Glob(goldenDir + "*.scn")
	lessons, _ := filepath.Glob("../../assets/lessons/*.scn")
	// A token of Latin letters, digits and the marks names use; prose is a
	// token of lower-case letters only (notepad.exe, \\.\pipe\x, hOut
	// and ERROR_MORE_DATA are names).
	token := regexp.MustCompile(`[A-Za-z0-9_.\\-]+`)
	prose := regexp.MustCompile(`^[a-z][a-z-]+$`)
	quoted := regexp.MustCompile(`"[^"]*"`)
	n := 0
	for _, f := range append(files, lessons...) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		tr := Compile(string(src))
		tl := NewTimeline(tr)
		for m := 0; m < tl.Len(); m++ {
			ko := Narrate(tl.Micros[m].Events, tl.Before(m), tl.State(m), "ko")
			if ko == "" {
				continue
			}
			n++
			// Every particle template was resolved: FixJosa knew the word.
			for _, tmpl := range []string{"이(가)", "을(를)", "은(는)", "(으)로"} {
				if strings.Contains(ko, tmpl) {
					t.Errorf("%s micro-step %d: particle template %q left in %q", filepath.Base(f), m, tmpl, ko)
				}
			}
			names := map[string]bool{"abandoned": true} // the glossary's gloss: 버려진 뮤텍스(abandoned)
			for _, s := range tr.Steps {
				names[s.Process] = true
			}
			for _, p := range tl.State(m).Processes() { // started without a name of its own: its image
				for _, w := range token.FindAllString(p.Proc.Image, -1) {
					names[strings.TrimSuffix(w, ".exe")] = true
				}
			}
			for _, w := range token.FindAllString(quoted.ReplaceAllString(ko, ""), -1) {
				if prose.MatchString(w) && !names[w] {
					t.Errorf("%s micro-step %d: English %q in %q", filepath.Base(f), m, w, ko)
				}
			}
		}
	}
	if n < 100 {
		t.Errorf("only %d narrated micro-steps", n)
	}
}
