package assets

import (
	"os"
	"strings"
	"testing"

	"handleviz/kernel/scenario"
)

// pending are bundled lessons not yet in the curriculum's form (every step
// narrated by its author, a source, Korean per docs/korean-style.md), with
// the reason. They still must run with every expect passing.
var pending = map[string]string{}

// koForbidden are spellings ../shared/docs/korean-style.md rules out in
// Korean titles, summaries and captions, with the form to use.
var koForbidden = map[string]string{
	"Usage":    "사용 카운트",
	"객체":       "오브젝트",
	"개체":       "오브젝트",
	"이름 공간":    "네임스페이스",
	"파괴":       "소멸",
	"쓰레드":      "스레드",
	"레슨":       "예제",
	"그쪽의":      "a rephrasing",
	"에서의":      "~와, ~의, or a rephrasing",
	"영원히":      "무한히",
	"(를)":      "a particle chosen by the word",
	"(가)":      "a particle chosen by the word",
	";":        "a period or a comma",
	"signaled": "Signaled 상태",
	"Inherit ": "상속 플래그(HANDLE_FLAG_INHERIT)",
	"읽기 끝":     "읽기 파이프",
	"쓰기 끝":     "쓰기 파이프",
	"환경 변수":    "환경변수",
	"이름없는":     "이름 없는",
	"이름있는":     "이름 있는",
	"가짜 핸들을":   "의사 핸들",
}

// TestLessonsComplete runs every bundled lesson with its checks on and
// holds each to the curriculum's form: a title, a summary and a source in
// English and Korean, an author's caption in both languages on every step,
// 8 to 30 steps, at least one expect, every expect passing, no process left waiting, and
// Korean that keeps to the style guide's glossary.
func TestLessonsComplete(t *testing.T) {
	ls := Lessons()
	if len(ls) < 16 {
		t.Errorf("%d lessons bundled, want at least 16", len(ls))
	}
	for _, l := range ls {
		tr, err := scenario.Run(l.Source, scenario.Options{})
		if err != nil {
			t.Errorf("%s: %v", l.ID, err)
			continue
		}
		if tr.Err != nil {
			t.Errorf("%s: line %d: %s", l.ID, tr.Err.Pos.Line, tr.Err.Text("en"))
		}
		for _, e := range tr.Failed() {
			t.Errorf("%s: expect failed: %s", l.ID, e.Text)
		}
		expects := 0
		for _, s := range tr.Steps {
			expects += len(s.Expects)
		}
		if expects == 0 {
			t.Errorf("%s: no expect checks what the lesson teaches", l.ID)
		}
		// A lesson is a student's few minutes: 8 to 30 steps.
		if n := len(tr.Steps); n < 8 || n > 30 {
			t.Errorf("%s: %d steps; a lesson takes 8 to 30", l.ID, n)
		}
		if len(tr.Waiting) > 0 {
			t.Errorf("%s: ends with %d processes still waiting", l.ID, len(tr.Waiting))
		}
		if why, ok := pending[l.ID]; ok {
			t.Logf("%s: not held to the curriculum's form yet: %s", l.ID, why)
			continue
		}
		meta := map[string]string{
			"title.en": tr.Lesson.Title.En, "title.ko": tr.Lesson.Title.Ko,
			"summary.en": tr.Lesson.Summary.En, "summary.ko": tr.Lesson.Summary.Ko,
			"source.en": tr.Lesson.Source.En, "source.ko": tr.Lesson.Source.Ko,
		}
		for k, v := range meta {
			if strings.TrimSpace(v) == "" {
				t.Errorf("%s: no // %s:", l.ID, k)
			}
		}
		if !strings.Contains(tr.Lesson.Source.En, "eed 0") {
			t.Errorf("%s: // source.en: does not name its seed (\"seed 003 …\"): %q", l.ID, tr.Lesson.Source.En)
		}
		koText := []string{tr.Lesson.Title.Ko, tr.Lesson.Summary.Ko}
		for i, s := range tr.Steps {
			c, auto := tr.Caption(i)
			if auto || c.En == "" || c.Ko == "" {
				t.Errorf("%s: step %d (line %d, %q) has no caption of its author in both languages (en %q, ko %q)", l.ID, i, s.Span.Start.Line, s.Text, c.En, c.Ko)
			}
			koText = append(koText, c.Ko)
		}
		for _, text := range koText {
			for bad, use := range koForbidden {
				if strings.Contains(text, bad) {
					t.Errorf("%s: Korean text has %q (korean-style.md: use %s): %s", l.ID, bad, use, text)
				}
			}
		}
	}
}

// TestLessonIDs keeps the addresses lessons already have: the four first
// lessons by their old IDs, the inheritance lesson as the default, every
// lesson placed in a chapter, no two in one place.
func TestLessonIDs(t *testing.T) {
	for _, id := range []string{"01-inherit", "02-duplicate", "03-named", "04-pipe"} {
		if _, ok := LessonByID(id); !ok {
			t.Errorf("?lesson=%s no longer opens a lesson", id)
		}
	}
	if ls := Lessons(); len(ls) == 0 || ls[0].ID != DefaultLessonID {
		t.Errorf("the first lesson (the default) is not %s", DefaultLessonID)
	}
	seen := map[string]string{}
	for _, l := range Lessons() {
		if _, _, ok := place(l.ID); !ok {
			t.Errorf("%s: a new lesson's file is named C-NN-slug.scn (chapter, number in the curriculum)", l.ID)
		}
		if other, dup := seen[l.Place]; dup {
			t.Errorf("%s and %s share place %s", l.ID, other, l.Place)
		}
		seen[l.Place] = l.ID
	}
	n := 0
	prev := ""
	for _, ch := range Curriculum() {
		for _, l := range ch.Lessons {
			if l.Chapter != ch.Number || l.Place < prev {
				t.Errorf("%s is out of order (chapter %d, place %s after %s)", l.ID, ch.Number, l.Place, prev)
			}
			prev = l.Place
			n++
		}
		if ch.En == "" || ch.Ko == "" {
			t.Errorf("chapter %d has no title in both languages", ch.Number)
		}
	}
	if n != len(Lessons()) {
		t.Errorf("the curriculum holds %d lessons, %d are bundled", n, len(Lessons()))
	}
}

// TestReadmeListsLessons: the README's lesson table names every bundled
// lesson, each row with a source.
func TestReadmeListsLessons(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		if !strings.HasPrefix(line, "| `") {
			continue
		}
		cells := strings.Split(line, "|")
		if len(cells) < 5 {
			continue
		}
		id := strings.Trim(strings.Fields(strings.TrimSpace(cells[1]))[0], "`")
		rows[id] = strings.TrimSpace(cells[3])
	}
	for _, l := range Lessons() {
		src, ok := rows[l.ID]
		if !ok {
			t.Errorf("README's lesson table lacks %s", l.ID)
		} else if !strings.Contains(src, "seed 0") {
			t.Errorf("README: %s's source names no seed: %q", l.ID, src)
		}
	}
}

// koUIForbidden are forms docs/korean-style.md rules out in the UI's labels
// (besides koForbidden): its glossary's 타입, 서버 측, 커널 공간, 일시 중지.
var koUIForbidden = map[string]string{
	"종류":      "타입",
	"서버 끝":    "서버 측",
	"클라이언트 끝": "클라이언트 측",
	"커널 영역":   "커널 공간",
	"일시정지":    "일시 중지",
	"윈도우 ":    "Windows",
}

// TestTranslationsKorean holds every Korean UI string of i18n.json to the
// style guide: no form its glossary rules out, no particle template
// ("이(가)") that FixJosa would have to guess after a process name, and a
// Korean text for every key.
func TestTranslationsKorean(t *testing.T) {
	for key, tr := range Translations() {
		ko, ok := tr["ko"]
		if !ok || (ko == "" && tr["en"] != "") {
			t.Errorf("i18n.json: %s has no Korean text", key)
			continue
		}
		for _, list := range []map[string]string{koForbidden, koUIForbidden} {
			for bad, use := range list {
				// Narration runs through FixJosa, which picks the particle
				// after a handle value, a number or a Korean word (its
				// process names are followed by 프로세스; the scene's
				// narration test checks no template is left).
				if strings.HasPrefix(key, "narr.") && strings.HasPrefix(bad, "(") {
					continue
				}
				if strings.Contains(ko, bad) {
					t.Errorf("i18n.json: %s has %q (korean-style.md: use %s): %s", key, bad, use, ko)
				}
			}
		}
	}
}
