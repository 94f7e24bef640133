package scenario

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The runner's Korean transcript of every golden scenario and lesson (step
// lines, generated captions, event lines) attaches no particle to a name
// the author chose ("App가": korean-style.md 2.3 wants "App 프로세스가"),
// reads a number's particle as the number is read ("0로" is "0으로"),
// leaves no particle template or semicolon, and uses the glossary's words
// (잡 오브젝트, 소멸).
func TestKoreanTranscriptParticles(t *testing.T) {
	files, _ := filepath.Glob("testdata/golden/*.scn")
	lessons, _ := filepath.Glob("../../assets/lessons/*.scn")
	particle := `(이|가|을|를|은|는|으로|로|와|과)([^가-힣]|$)`
	// A decimal number (not hex: no 0x before it) and the particle after it.
	number := regexp.MustCompile(`(^|[^0-9A-Za-z_])([0-9]+)(으로|로)([^가-힣]|$)`)
	n := 0
	for _, f := range append(files, lessons...) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		tr, _ := Run(string(src), Options{}) // a scenario that stops early still has a transcript
		if tr == nil {
			continue
		}
		var b strings.Builder
		WriteText(&b, tr, "ko")
		text := b.String()
		// the handle-table dump stays in WinDbg's English (korean-style.md 2.2)
		if i := strings.Index(text, "\nHandle table"); i >= 0 {
			text = text[:i]
		}
		text = generated(text, tr)
		n++
		for _, p := range tr.Processes {
			if p.Name == "" {
				continue
			}
			re := regexp.MustCompile(`(^|[^A-Za-z0-9_])` + regexp.QuoteMeta(p.Name) + particle)
			if m := re.FindString(text); m != "" {
				t.Errorf("%s: a particle right after the name %q: %q", filepath.Base(f), p.Name, context(text, m))
			}
		}
		for _, m := range number.FindAllStringSubmatch(text, -1) {
			d := m[2][len(m[2])-1]
			wantEuro := d == '0' || d == '3' || d == '6'
			if (m[3] == "으로") != wantEuro {
				t.Errorf("%s: %q: %s reads with the other particle", filepath.Base(f), strings.TrimSpace(m[0]), m[2])
			}
		}
		for _, bad := range []string{"이(가)", "을(를)", "은(는)", "(으)로", "작업 오브젝트", "파괴", ";"} {
			if strings.Contains(text, bad) {
				t.Errorf("%s: %q in the Korean transcript: %q", filepath.Base(f), bad, context(text, bad))
			}
		}
	}
	if n < 50 {
		t.Errorf("only %d transcripts", n)
	}
}

// context is the line of text that holds s.
func context(text, s string) string {
	i := strings.Index(text, s)
	if i < 0 {
		return s
	}
	a := strings.LastIndexByte(text[:i], '\n') + 1
	e := strings.IndexByte(text[i:], '\n')
	if e < 0 {
		return text[a:]
	}
	return text[a : i+e]
}

// generated keeps the transcript's generated lines: not the statements,
// the lessons' own captions, the programs' console output or the expects'
// source text.
func generated(text string, tr *Trace) string {
	authored := map[string]bool{}
	for _, st := range tr.Steps {
		if !st.Auto {
			authored["    "+st.Caption.Ko] = true
			authored["    "+st.Caption.En] = true
		}
	}
	console := regexp.MustCompile(`^    [^ ]+> |^#|^    expect\(`)
	var keep []string
	for _, l := range strings.Split(text, "\n") {
		if !authored[l] && !console.MatchString(l) {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}
