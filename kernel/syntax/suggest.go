package syntax

import (
	"sort"
	"strings"
)

// Closest returns the candidate nearest to name, if it is near enough to be
// what the author meant: at most 2 edits (1 for names of up to 3
// characters), case ignored, a swap of two neighbours counting as one edit
// ("retrun", "DWROD"). Ties go to the alphabetically first candidate.
func Closest(name string, cands []string) (string, int) {
	best, bestD := "", 1<<30
	ln := strings.ToLower(name)
	for _, c := range cands {
		if c == name || len(c) > len(name)+2 || len(name) > len(c)+2 {
			continue // more than 2 edits apart
		}
		d := Distance(ln, strings.ToLower(c))
		if d < bestD || d == bestD && c < best {
			best, bestD = c, d
		}
	}
	limit := 2
	if len(name) <= 3 {
		limit = 1
	}
	if best == "" || bestD > limit {
		return "", 0
	}
	return best, bestD
}

// Suggest is " (did you mean X?)" for the closest candidate, or "".
func Suggest(name string, cands []string) string {
	if c, _ := Closest(name, cands); c != "" {
		return " (did you mean " + c + "?)"
	}
	return ""
}

// Distance is the optimal string alignment distance between a and b (in
// runes): insertions, deletions, substitutions and swaps of neighbours.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		return 1 << 20
	}
	// Three rows of the table: the one two back is needed for swaps.
	pp := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := 1
			if ra[i-1] == rb[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], pp[j-2]+1)
			}
		}
		pp, prev, cur = prev, cur, pp
	}
	return prev[len(rb)]
}

// statementKeywords are the keywords a statement can start with, for
// suggestions.
var statementKeywords = []string{"if", "else", "for", "while", "do", "return", "break", "continue", "process", "sizeof"}

// typeNames are the type names, sorted, for suggestions.
var typeNames = func() []string {
	var out []string
	for n := range Types {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}()

// closeKeyword is the keyword name is a misspelling of, or "", among the
// keywords that can stand before next: "fro (" may be for, "Foo bar" not.
func closeKeyword(name string, next Token) (string, int) {
	var cands []string
	paren := next.Kind == PUNCT && next.Text == "("
	word := next.Kind == IDENT || next.Kind == KEYWORD
	for _, k := range statementKeywords {
		switch k {
		case "if", "for", "while":
			if !paren {
				continue
			}
		case "else", "do":
			if !word && !(next.Kind == PUNCT && next.Text == "{") {
				continue
			}
		case "process":
			if next.Kind != IDENT {
				continue
			}
		case "return", "sizeof":
			if next.Kind == PUNCT && next.Text != "(" && next.Text != "-" && next.Text != "!" && next.Text != "&" {
				continue
			}
		default:
			continue // break, continue: "brek;" is an unknown name, said by the resolver
		}
		cands = append(cands, k)
	}
	k, d := Closest(name, cands)
	if k != "" && len(k) <= 2 && len(name) != len(k) {
		return "", 0 // "i" or "dox" is not "if" or "do"
	}
	return k, d
}

// Keywords returns the statement keywords, for other packages'
// suggestions.
func Keywords() []string { return append([]string(nil), statementKeywords...) }
