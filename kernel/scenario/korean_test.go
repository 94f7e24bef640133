package scenario

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// englishWord is a run of lower-case Latin letters: a word of English prose.
// Identifiers the Korean text keeps (korean-style.md §2.2: API and constant
// names, flag names, Signaled, Usage Count, PIDs and hex values) start with
// an upper-case letter or carry an underscore or a digit, so they do not
// match once quoted names are cut out.
var englishWord = regexp.MustCompile(`(^|[^A-Za-z0-9_])([a-z][a-z-]+)`)

// The runner's Korean event lines (--lang ko) hold no English prose, for
// every event of every golden scenario and bundled lesson: the words come
// from the events' fields, not from English text inside them.
func TestKoreanEventLinesHaveNoEnglish(t *testing.T) {
	files, _ := filepath.Glob("testdata/golden/*.scn")
	lessons, _ := filepath.Glob("../../assets/lessons/*.scn")
	files = append(files, lessons...)
	quoted := regexp.MustCompile(`"[^"]*"`)
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		tr, err := Run(string(src), Options{})
		if err != nil || tr == nil {
			continue // the error scenarios are checked by errors_test
		}
		for _, st := range tr.Steps {
			for _, e := range st.Events {
				ko := tr.EventCaption(e).Ko
				line := quoted.ReplaceAllString(ko, "")
				if e.Name != "" {
					line = strings.ReplaceAll(line, e.Name, "")
				}
				if e.Detail != "" {
					line = strings.ReplaceAll(line, e.Detail, "")
				}
				for _, p := range tr.Processes {
					line = strings.ReplaceAll(line, p.Name, "")
				}
				// The glossary's one gloss: 버려진 뮤텍스(abandoned).
				line = strings.ReplaceAll(line, "(abandoned)", "")
				if m := englishWord.FindStringSubmatch(line); m != nil {
					t.Errorf("%s: %s event in Korean has the English word %q: %s", filepath.Base(f), e.Kind, m[2], ko)
				}
			}
		}
	}
}
