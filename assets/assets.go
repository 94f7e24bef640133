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
	ID     string // file name without .scn, e.g. "01-inherit"
	Source string
}

// Lessons returns the bundled lessons sorted by ID; the first is the default.
func Lessons() []Lesson {
	names, _ := fs.Glob(files, "lessons/*.scn")
	sort.Strings(names)
	out := make([]Lesson, 0, len(names))
	for _, n := range names {
		b, _ := files.ReadFile(n)
		out = append(out, Lesson{ID: strings.TrimSuffix(path.Base(n), ".scn"), Source: string(b)})
	}
	return out
}

// Lesson returns the bundled lesson with that ID.
func LessonByID(id string) (Lesson, bool) {
	for _, l := range Lessons() {
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
