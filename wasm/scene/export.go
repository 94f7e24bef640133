package scene

import (
	"archive/zip"
	"bytes"
	"fmt"
	"time"
)

// StepSVG is the picture of micro-step m of a timeline, as the page shows
// it when stepping one action at a time, with the statement's caption and
// what the kernel did.
func StepSVG(tl *Timeline, m int, o SVGOptions) string {
	if tl.Len() == 0 {
		return Build(tl, 0, 0, nil).SVG(o)
	}
	m = min(max(m, 0), tl.Len()-1)
	sc := Build(tl, m, m, nil)
	st := tl.Trace.Steps[tl.StepOf(m)]
	o.Step = &st
	o.Narration = Narrate(tl.Micros[m].Events, tl.Before(m), tl.State(m), o.Lang)
	return sc.SVG(o)
}

// StatementZip is every micro-step of statement s as a numbered set of SVG
// files ("stmt03-1.svg", "stmt03-2.svg", …) in a zip archive, for a
// lecturer who builds slides one action at a time.
func StatementZip(tl *Timeline, s int, o SVGOptions) ([]byte, error) {
	if s < 0 || s >= len(tl.Trace.Steps) {
		return nil, fmt.Errorf("no statement %d", s+1)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for m := tl.First[s]; m <= tl.LastOf(s); m++ {
		// A fixed date: the same step gives the same archive.
		f, err := zw.CreateHeader(&zip.FileHeader{Name: StepFileName(tl, m, "svg"), Method: zip.Deflate, Modified: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			return nil, err
		}
		if _, err := f.Write([]byte(StepSVG(tl, m, o))); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// StepFileName names micro-step m's picture: the statement's number and
// the action's number within it, so that a file listing sorts as the
// lesson plays ("stmt03-2.svg").
func StepFileName(tl *Timeline, m int, ext string) string {
	if tl.Len() == 0 {
		return "step." + ext
	}
	s := tl.StepOf(m)
	return fmt.Sprintf("stmt%02d-%d.%s", s+1, m-tl.First[s]+1, ext)
}
