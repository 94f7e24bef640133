package scene

import (
	"strconv"
	"strings"
	"testing"
)

// Format fills {i} exactly as the strings.NewReplacer it replaced did (every
// caption and card line goes through it), odd formats included.
func TestFormatSameAsReplacer(t *testing.T) {
	args := []string{"a{1}", "B", "c", "d", "e", "f", "g", "h", "i", "j", "K"}
	for _, f := range []string{"", "x", "{0}", "{1}{0}", "{", "{}", "{x}", "{12}", "{10}!", "{{0}}", "a{0", "{01}", "{0}{1}{2}{3}{4}{5}{6}{7}{8}{9}{10}", "전{2}후"} {
		for n := 1; n <= len(args); n++ {
			pairs := []string{}
			for i, a := range args[:n] {
				pairs = append(pairs, "{"+strconv.Itoa(i)+"}", a)
			}
			want := strings.NewReplacer(pairs...).Replace(f)
			if got := (Line{Key: "k", Args: args[:n]}).Format(f); got != want {
				t.Errorf("%q n=%d: %q want %q", f, n, got, want)
			}
		}
	}
}
