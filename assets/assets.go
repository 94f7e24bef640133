// Package assets holds the files the visualizer embeds: the bundled lessons
// (lessons/*.scn), the style sheet and the UI translations.
package assets

import (
	"embed"
	"encoding/json"
	"io/fs"
	"path"
	"sort"
	"strings"
)

//go:embed lessons/*.scn style/* i18n.json
var files embed.FS

// FS is every embedded file, for serving (style/…) and for tests.
var FS fs.FS = files

// Lesson is one bundled scenario.
type Lesson struct {
	ID     string // file name without .scn, e.g. "1-01-handle-table" or "01-inherit"
	Source string
	// Chapter is the lesson's chapter (1 Handles … 5 IPC, see Chapters) and
	// Place its place in the curriculum, "C-NN" (chapter, then the lesson's
	// number in the curriculum of issue 12): sorting by Place orders the
	// lessons as a course reads them.
	Chapter int
	Place   string
}

// Chapter is one part of the curriculum, with its lessons in order.
type Chapter struct {
	Number  int
	Key     string // "handles", "inheritance", "sharing", "processes", "ipc"
	En, Ko  string // the chapter's title
	Lessons []Lesson
}

// chapters are the curriculum's parts, in the order a course takes them.
var chapters = []Chapter{
	{Number: 1, Key: "handles", En: "Handles", Ko: "핸들과 핸들 테이블"},
	{Number: 2, Key: "inheritance", En: "Inheritance", Ko: "핸들 상속"},
	{Number: 3, Key: "sharing", En: "Sharing objects", Ko: "커널 오브젝트 공유"},
	{Number: 4, Key: "processes", En: "Processes", Ko: "프로세스"},
	{Number: 5, Key: "ipc", En: "Interprocess communication", Ko: "프로세스 간 통신"},
}

// DefaultLessonID is the lesson a visitor sees first.
const DefaultLessonID = "01-inherit"

// legacyPlaces places the four lessons bundled before the curriculum: their
// file names are their IDs, which permalinks (?lesson=02-duplicate), saved
// edits and tests already use, so they keep them.
var legacyPlaces = map[string]string{
	"01-inherit":   "2-03",
	"02-duplicate": "3-06",
	"03-named":     "3-10",
	"04-pipe":      "5-13",
}

// place reads a lesson's place from its ID: "C-NN-slug" gives "C-NN", a
// legacy ID its entry in legacyPlaces. ok is false for an ID that follows
// neither (a test fails on one).
func place(id string) (p string, chapter int, ok bool) {
	p, ok = legacyPlaces[id]
	if !ok {
		if len(id) < 5 || id[1] != '-' || id[4] != '-' || !isDigit(id[0]) || !isDigit(id[2]) || !isDigit(id[3]) {
			return "", 0, false
		}
		p = id[:4]
	}
	return p, int(p[0] - '0'), true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// all reads every bundled lesson, in curriculum order.
func all() []Lesson {
	names, _ := fs.Glob(files, "lessons/*.scn")
	out := make([]Lesson, 0, len(names))
	for _, n := range names {
		b, _ := files.ReadFile(n)
		id := strings.TrimSuffix(path.Base(n), ".scn")
		p, ch, _ := place(id)
		out = append(out, Lesson{ID: id, Source: string(b), Chapter: ch, Place: p})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Place != out[j].Place {
			return out[i].Place < out[j].Place
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// Lessons returns the bundled lessons: the default lesson first (callers
// open the first one when no lesson is asked for), then the others in
// curriculum order. Curriculum groups them by chapter.
func Lessons() []Lesson {
	ls := all()
	for i, l := range ls {
		if l.ID == DefaultLessonID {
			copy(ls[1:i+1], ls[:i])
			ls[0] = l
			break
		}
	}
	return ls
}

// Curriculum returns the chapters in order, each with its lessons in order.
func Curriculum() []Chapter {
	out := make([]Chapter, len(chapters))
	copy(out, chapters)
	for _, l := range all() {
		if l.Chapter >= 1 && l.Chapter <= len(out) {
			out[l.Chapter-1].Lessons = append(out[l.Chapter-1].Lessons, l)
		}
	}
	return out
}

// LessonByID returns the bundled lesson with that ID.
func LessonByID(id string) (Lesson, bool) {
	for _, l := range all() {
		if l.ID == id {
			return l, true
		}
	}
	return Lesson{}, false
}

// Translations maps a UI string key to its text per language ("en", "ko").
func Translations() map[string]map[string]string {
	b, _ := files.ReadFile("i18n.json")
	var m map[string]map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		panic("assets: i18n.json: " + err.Error())
	}
	return m
}
