package syntax

import (
	"strings"
	"unicode/utf8"
)

// FixJosa picks the Korean particle after each word: templates write
// "이(가)", "을(를)", "은(는)", "과(와)", "(으)로" and "(이)라", and the word before
// decides. For a Hangul syllable its final consonant decides; for Latin
// letters and digits, how the word is read aloud (Parent → 패런트: 이;
// A → 에이: 가; 4 → 사: 가).
func FixJosa(s string) string {
	if !strings.Contains(s, "(") {
		return s
	}
	pairs := []struct{ tmpl, with, without string }{
		{"이(가)", "이", "가"}, {"을(를)", "을", "를"}, {"은(는)", "은", "는"}, {"과(와)", "과", "와"}, {"(으)로", "으로", "로"}, {"(이)라", "이라", "라"},
	}
	var b strings.Builder
	b.Grow(len(s))
	i := 0
	for {
		// Every template holds a '(': jump from one to the next.
		j := strings.IndexByte(s[i:], '(')
		if j < 0 {
			b.WriteString(s[i:])
			break
		}
		j += i
		matched := false
		for _, p := range pairs {
			at := j - strings.IndexByte(p.tmpl, '(')
			if at < i || !strings.HasPrefix(s[at:], p.tmpl) {
				continue
			}
			b.WriteString(s[i:at])
			fin, rieul, known := finalOf(b.String())
			switch {
			case !known:
				b.WriteString(p.tmpl) // a symbol: leave both forms
			case p.tmpl == "(으)로" && (!fin || rieul):
				b.WriteString(p.without)
			case fin:
				b.WriteString(p.with)
			default:
				b.WriteString(p.without)
			}
			i = at + len(p.tmpl)
			matched = true
			break
		}
		if !matched {
			b.WriteString(s[i : j+1])
			i = j + 1
		}
	}
	return b.String()
}

// finalOf reports whether the text ends in a sound with a final consonant,
// and whether that consonant is ㄹ (which takes "로", not "으로").
func finalOf(s string) (fin, rieul, known bool) {
	s = strings.TrimRight(s, "\"'")
	// A name in braces, as GUID names are ("{…-00105A276C3E}"), is read
	// without them: its last letter or digit decides. A lone '}' symbol
	// stays a symbol.
	if k := len(s) - 1; k > 0 && s[k] == '}' && isAlnum(s[k-1]) {
		s = s[:k]
	}
	// Only the last two runes matter: decode them from the end rather than
	// converting the whole text.
	c, n := utf8.DecodeLastRuneInString(s)
	if n == 0 {
		return false, false, false
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:len(s)-n])
	r := []rune{prev, c}
	if len(s) == n {
		r = []rune{c}
	}
	switch {
	case c >= 0xAC00 && c <= 0xD7A3:
		f := (c - 0xAC00) % 28
		return f != 0, f == 8, true
	case c >= '0' && c <= '9':
		// 영 일 이 삼 사 오 육 칠 팔 구
		return strings.ContainsRune("013678", c), strings.ContainsRune("178", c), true
	case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		lc := c | 0x20
		// A lone capital is its letter name (L 엘, M 엠, N 엔, R 알).
		if len(r) == 1 || r[len(r)-2]|0x20 < 'a' || r[len(r)-2]|0x20 > 'z' {
			return strings.ContainsRune("lmnr", lc), strings.ContainsRune("lr", lc), true
		}
		// English words keep a final consonant in Korean only for -l, -m,
		// -n and -ng (Mutex 뮤텍스, Parent 패런트, Child 차일드, Pipe 파이프),
		// -le is read as ㄹ (HANDLE 핸들, while 와일, file 파일) and -ck as ㄱ.
		if lc == 'e' && r[len(r)-2]|0x20 == 'l' {
			return true, true, true
		}
		if lc == 'k' && r[len(r)-2]|0x20 == 'c' {
			return true, false, true // -ck is ㄱ: Tick 틱, Lock 락
		}
		return strings.ContainsRune("lmn", lc) || lc == 'g' && r[len(r)-2]|0x20 == 'n', lc == 'l', true
	}
	return false, false, false
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
