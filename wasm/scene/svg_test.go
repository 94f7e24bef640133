package scene

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
	"testing"

	"handleviz/assets"
)

// svgDoc is what a test reads back from an exported picture: the rows and
// cards it draws and all its text.
type svgDoc struct {
	rows  map[string][]int // data-pid → row indices
	cards []string         // data-obj
	texts []string
	root  map[string]string
}

func parseSVG(t *testing.T, s string) svgDoc {
	t.Helper()
	d := svgDoc{rows: map[string][]int{}, root: map[string]string{}}
	dec := xml.NewDecoder(strings.NewReader(s))
	var pid string
	inText := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed XML: %v", err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			attr := map[string]string{}
			for _, a := range e.Attr {
				attr[a.Name.Local] = a.Value
			}
			if e.Name.Local == "svg" {
				if e.Name.Space != "http://www.w3.org/2000/svg" {
					t.Errorf("root element in namespace %q", e.Name.Space)
				}
				d.root = attr
			}
			switch attr["data-kind"] {
			case "proc":
				pid = attr["data-pid"]
			case "row":
				i, _ := strconv.Atoi(attr["data-index"])
				d.rows[pid] = append(d.rows[pid], i)
			case "card":
				d.cards = append(d.cards, attr["data-obj"])
			}
			if attr["href"] != "" || e.Name.Local == "script" || e.Name.Local == "image" || e.Name.Local == "style" {
				t.Errorf("the SVG is not self-contained: <%s %v>", e.Name.Local, attr)
			}
			inText = e.Name.Local == "text"
		case xml.CharData:
			if inText {
				d.texts = append(d.texts, string(e))
			}
		case xml.EndElement:
			inText = false
		}
	}
	return d
}

func lessonTimeline(t *testing.T, id string) *Timeline {
	t.Helper()
	l, ok := assets.LessonByID(id)
	if !ok {
		t.Fatalf("no lesson %s", id)
	}
	tr := Compile(l.Source)
	if tr.Err != nil {
		t.Fatalf("%s: %v", id, tr.Err.Msg.En)
	}
	return NewTimeline(tr)
}

// The picture of a step holds exactly the rows and cards the page shows at
// that step, with their handle values and usage counts, in both languages
// and every theme.
func TestStepSVGHoldsRowsAndCards(t *testing.T) {
	tl := lessonTimeline(t, "01-inherit")
	for _, lang := range []string{"en", "ko"} {
		for _, theme := range ThemeNames {
			for m := 0; m < tl.Len(); m++ {
				sc := Build(tl, m, m, nil)
				s := StepSVG(tl, m, SVGOptions{Lang: lang, Theme: theme, Title: "inherit"})
				d := parseSVG(t, s)
				if d.root["data-theme"] != theme || d.root["width"] != n(sc.W) {
					t.Fatalf("root %v, want theme %s width %v", d.root, theme, sc.W)
				}
				all := strings.Join(d.texts, "\n")
				for _, p := range sc.Procs {
					var want []int
					for _, r := range p.Rows {
						want = append(want, r.Index)
						if !strings.Contains(all, "0x"+strconv.FormatUint(uint64(r.Handle), 16)) && !strings.Contains(all, "0x"+strings.ToUpper(strconv.FormatUint(uint64(r.Handle), 16))) {
							t.Errorf("step %d: handle 0x%X of %s not in the picture", m, r.Handle, p.Name)
						}
					}
					if got := d.rows[strconv.Itoa(int(p.PID))]; !equalInts(got, want) {
						t.Errorf("step %d %s: rows %v, want %v", m, p.Name, got, want)
					}
					if !strings.Contains(all, p.Name) {
						t.Errorf("step %d: process %s not named", m, p.Name)
					}
				}
				if len(d.cards) != len(sc.Objects) {
					t.Errorf("step %d: %d cards, want %d", m, len(d.cards), len(sc.Objects))
				}
				for _, o := range sc.Objects {
					if !contains(d.texts, strconv.Itoa(o.Usage)) {
						t.Errorf("step %d: usage count %d of %s not drawn", m, o.Usage, o.Type)
					}
				}
				st := tl.Trace.Steps[tl.StepOf(m)]
				if !strings.Contains(all, clip(st.Text, 1e9, 17, true)) && len(st.Text) < 60 {
					t.Errorf("step %d: statement %q not in the caption", m, st.Text)
				}
				if c := st.Caption.In(lang); c != "" && !strings.Contains(strings.Join(strings.Fields(all), " "), strings.Fields(c)[0]) {
					t.Errorf("step %d: caption %q missing", m, c)
				}
			}
		}
	}
}

// Text from a lesson (process names, object names, data) cannot break the
// XML or inject markup.
func TestStepSVGEscapes(t *testing.T) {
	src := "process Parent;\n@Parent\nHANDLE h = CreateMutex(NULL, FALSE, TEXT(\"<a&b>]]>\"));\n"
	tr := Compile(src)
	if tr.Err != nil {
		t.Fatal(tr.Err.Msg.En)
	}
	tl := NewTimeline(tr)
	s := StepSVG(tl, tl.Len()-1, SVGOptions{Lang: "en"})
	d := parseSVG(t, s)
	if !strings.Contains(strings.Join(d.texts, ""), "<a&b>]]>") {
		t.Errorf("the object's name did not survive: %q", d.texts)
	}
}

// A statement's set is one numbered picture per action, in order.
func TestStatementZip(t *testing.T) {
	tl := lessonTimeline(t, "01-inherit")
	s := -1
	for i, st := range tl.Trace.Steps {
		if strings.HasPrefix(st.Text, "CreateProcess") || strings.Contains(st.Text, "= CreateProcess") {
			s = i
			break
		}
	}
	if s < 0 {
		t.Fatal("no CreateProcess statement")
	}
	b, err := StatementZip(tl, s, SVGOptions{Lang: "ko", Theme: "projector"})
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	want := tl.LastOf(s) - tl.First[s] + 1
	if want < 3 || len(zr.File) != want {
		t.Fatalf("%d files, want %d (one per action of CreateProcess)", len(zr.File), want)
	}
	for i, f := range zr.File {
		if wantName := "stmt" + pad2(s+1) + "-" + strconv.Itoa(i+1) + ".svg"; f.Name != wantName {
			t.Errorf("file %d is %s, want %s", i, f.Name, wantName)
		}
		r, _ := f.Open()
		body, _ := io.ReadAll(r)
		if string(body) != StepSVG(tl, tl.First[s]+i, SVGOptions{Lang: "ko", Theme: "projector"}) {
			t.Errorf("%s is not that action's picture", f.Name)
		}
		parseSVG(t, string(body))
	}
	if _, err := StatementZip(tl, len(tl.Trace.Steps), SVGOptions{}); err == nil {
		t.Error("a statement past the end gave no error")
	}
}

func pad2(i int) string {
	if i < 10 {
		return "0" + strconv.Itoa(i)
	}
	return strconv.Itoa(i)
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// TestSVGFontsAreThePages: the exported SVG names the style sheet's own
// font stacks, Korean fonts included (a copy in svg.go had drifted: its
// 'Nanum Gothic Coding' is not the name fontconfig gives NanumGothicCoding,
// and its sans stack had no NanumGothic, so on a machine with only Nanum
// fonts the file's Hangul could come out as boxes).
func TestSVGFontsAreThePages(t *testing.T) {
	sans, mono := svgFonts()
	for _, c := range []struct{ stack, want string }{{sans, "'NanumGothic'"}, {mono, "'NanumGothicCoding'"}, {sans, "sans-serif"}, {mono, "monospace"}} {
		if !strings.Contains(c.stack, c.want) {
			t.Errorf("SVG font stack %q lacks %s", c.stack, c.want)
		}
	}
	svg := StepSVG(lessonTimeline(t, "01-inherit"), 0, SVGOptions{Lang: "ko"})
	if !strings.Contains(svg, `font-family="`+sans+`"`) || !strings.Contains(svg, `font-family="`+mono+`"`) {
		t.Errorf("the SVG does not use the page's font stacks")
	}
}
