package verify

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"handleviz/kernel/scenario"
)

// Result is the verdict on one scenario.
type Result struct {
	Path     string
	Steps    int    // the model's process steps
	Skipped  string // why it was not run (a translation the oracle cannot make)
	Failed   string // the build or the run failed
	Retried  string // why the first run under Wine did not count (a harness failure), if it did not
	Diffs    []Difference
	Expected int // differences that are Known
}

// Agrees reports whether every difference is a known one.
func (r *Result) Agrees() bool {
	return r.Skipped == "" && r.Failed == "" && r.Expected == len(r.Diffs)
}

// Verdict is the one-word summary.
func (r *Result) Verdict() string {
	switch {
	case r.Skipped != "":
		return "not translated"
	case r.Failed != "":
		return "run failed"
	case len(r.Diffs) == 0:
		return "agrees"
	case r.Agrees():
		return "agrees (expected differences)"
	}
	return "DISAGREES"
}

// Prepared is a scenario translated and built, ready to run.
type Prepared struct {
	Result *Result
	Model  *Model
	Exe    string
}

// Prepare runs the model, translates and builds one scenario.
func PrepareOne(ctx context.Context, t *Tools, path string) *Prepared {
	p := &Prepared{Result: &Result{Path: path}}
	src, err := os.ReadFile(path)
	if err != nil {
		p.Result.Failed = err.Error()
		return p
	}
	m, err := LoadModel(string(src), scenario.Options{})
	if err != nil {
		p.Result.Skipped = "model: " + firstLines(err.Error(), 1)
		return p
	}
	m.Path = path
	p.Model = m
	p.Result.Steps = len(m.Steps)
	c, err := Translate(m.File, m.Plan)
	if err != nil {
		p.Result.Skipped = err.Error()
		return p
	}
	exe, err := t.Build(ctx, c)
	if err != nil {
		p.Result.Failed = err.Error()
		return p
	}
	p.Exe = exe
	return p
}

// RunOne runs a built scenario under Wine and compares. A run whose
// harness failed (Wine did not start a process, the shared section could
// not be made: the driver's "F" lines) says nothing about the model, so it
// is run once more; the second failure is the verdict, and a retry is
// reported either way. A run that completes is compared once: differences
// are never retried away.
func RunOne(ctx context.Context, t *Tools, p *Prepared, logdir string) {
	if p.Exe == "" {
		return
	}
	logs, err := runHarness(ctx, t, p, logdir)
	if err != nil {
		p.Result.Retried = firstLines(err.Error(), 3)
		logs, err = runHarness(ctx, t, p, logdir)
	}
	if err != nil {
		p.Result.Failed = err.Error()
		return
	}
	p.Result.Diffs = Compare(p.Model, logs)
	for i := range p.Result.Diffs {
		if k := MatchKnown(p.Model, &p.Result.Diffs[i]); k != nil {
			p.Result.Diffs[i].Known = k
			p.Result.Expected++
		}
	}
}

// runHarness runs the program once in a fresh log folder; the error is a
// failure of Wine or of the harness, not a difference.
func runHarness(ctx context.Context, t *Tools, p *Prepared, logdir string) (map[string]*WineLog, error) {
	os.RemoveAll(logdir)
	t.removeScenarioFiles(p.Model.File.Src)
	logs, _, err := t.Execute(ctx, p.Exe, logdir)
	if err != nil {
		return nil, err
	}
	for name, l := range logs {
		if len(l.Failures) > 0 {
			return nil, fmt.Errorf("harness in %s: %s", name, strings.Join(l.Failures, "; "))
		}
	}
	return logs, nil
}

// driveC matches a file path on drive C: in a scenario's string literal
// ("C:\\\\data.bin" in the source).
var driveC = regexp.MustCompile(`(?i)"C:((?:\\\\[^"\\\\]+)+)"`)

// removeScenarioFiles deletes the files a scenario names on drive C: from
// the Wine prefix: the model's file system starts empty every run, and a
// file left by an earlier run would make CREATE_ALWAYS report
// ERROR_ALREADY_EXISTS ("CreateFileW function", dwCreationDisposition).
func (t *Tools) removeScenarioFiles(src string) {
	for _, m := range driveC.FindAllStringSubmatch(src, -1) {
		rel := strings.ReplaceAll(strings.TrimPrefix(m[1], `\\`), `\\`, "/")
		if rel == "" || strings.Contains(rel, "..") {
			continue
		}
		os.Remove(filepath.Join(t.Prefix, "drive_c", rel))
	}
}

// Scenarios lists the bundled lessons and the goldens, under root.
func Scenarios(root string) ([]string, error) {
	var out []string
	for _, g := range []string{"assets/lessons/*.scn", "kernel/scenario/testdata/golden/*.scn"} {
		m, err := filepath.Glob(filepath.Join(root, g))
		if err != nil {
			return nil, err
		}
		out = append(out, m...)
	}
	return out, nil
}
