package text

import (
	"testing"
	"unicode"

	"handleviz/kernel"
)

// Every state change reads in Korean without English words, except the
// identifiers the Korean textbooks keep (Signaled, Non-Signaled, PIPE_*,
// abandoned as a gloss): korean-style.md §2.2.
func TestChangeKoreanHasNoEnglishProse(t *testing.T) {
	kept := map[string]bool{"Signaled": true, "Non-Signaled": true, "TID": true, "PIPE_NOWAIT": true, "PIPE_WAIT": true, "abandoned": true, "NAME": true, "value": true}
	for c := kernel.ChangeSignaled; c <= kernel.ChangeEnvRemoved; c++ {
		e := kernel.Event{Kind: kernel.EvStateChanged, Change: c, TID: 1004, From: 1, To: 2, Name: "NAME", Detail: "value"}
		ko := Change(e, Ko)
		if ko == "" || ko == Change(e, En) && c != kernel.ChangeEnvSet { // NAME=value is code
			t.Errorf("%s: Korean %q is missing or the English", c, ko)
		}
		word := []rune{}
		flush := func() {
			if w := string(word); len(word) > 1 && !kept[w] {
				t.Errorf("%s: English word %q in %q", c, w, ko)
			}
			word = word[:0]
		}
		for _, r := range ko {
			if r < unicode.MaxASCII && (unicode.IsLetter(r) || r == '_' || r == '-') {
				word = append(word, r)
				continue
			}
			flush()
		}
		flush()
	}
}
