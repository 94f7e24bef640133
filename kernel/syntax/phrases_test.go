package syntax

import (
	"os"
	"regexp"
	"testing"
)

// Every phrase the parser and lexer put into an E_EXPECTED message has a
// Korean translation (a missing one showed English inside the Korean
// sentence). The phrases are read from the source, so a new call cannot
// be forgotten. (The project's own rule: every message in both languages.)
func TestExpectedPhrasesTranslated(t *testing.T) {
	calls := []*regexp.Regexp{
		regexp.MustCompile(`\.expect\("[^"]*", "([^"]+)"\)`),
		regexp.MustCompile(`"E_EXPECTED", [^,]+, [^,]+, "([^"]+)", "([^"]+)"`),
	}
	seen := 0
	for _, file := range []string{"parser.go", "lexer.go"} {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, re := range calls {
			for _, m := range re.FindAllStringSubmatch(string(b), -1) {
				for _, phrase := range m[1:] {
					seen++
					if _, ok := phrases[phrase]; !ok && !quoted.MatchString(phrase) {
						t.Errorf("%s: %q has no Korean phrase", file, phrase)
					}
				}
			}
		}
	}
	if seen < 20 {
		t.Fatalf("only %d phrases found: the patterns no longer match the calls", seen)
	}
}

// quoted phrases are tokens ("'('"), the same in both languages.
var quoted = regexp.MustCompile(`^'.*'$`)
