package verify

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// WriteVerdicts prints each scenario's verdict and its differences.
func WriteVerdicts(w io.Writer, results []*Result) {
	for _, r := range results {
		fmt.Fprintf(w, "%s: %s (%d steps)\n", r.Path, r.Verdict(), r.Steps)
		if r.Skipped != "" {
			fmt.Fprintf(w, "    %s\n", r.Skipped)
		}
		if r.Failed != "" {
			fmt.Fprintf(w, "    %s\n", strings.ReplaceAll(r.Failed, "\n", "\n    "))
		}
		if r.Retried != "" {
			fmt.Fprintf(w, "    (the first run under Wine failed in the harness and was run again: %s)\n", strings.ReplaceAll(r.Retried, "\n", " "))
		}
		for _, d := range r.Diffs {
			tag := "DIFFERENCE"
			if d.Known != nil {
				tag = "expected difference (" + d.Known.ID + ")"
			}
			fmt.Fprintf(w, "    %s: step %d, line %d, %s: %s: model %s, Wine %s\n", tag, d.Step, d.Line, d.Process, d.What, d.Model, d.Wine)
		}
	}
}

// WriteMarkdown writes the summary table and every difference, for
// docs/verification.md.
func WriteMarkdown(w io.Writer, results []*Result) {
	fmt.Fprintln(w, "| scenario | steps | verdict | differences (expected) |")
	fmt.Fprintln(w, "|---|---|---|---|")
	for _, r := range results {
		fmt.Fprintf(w, "| `%s` | %d | %s | %d (%d) |\n", shortPath(r.Path), r.Steps, r.Verdict(), len(r.Diffs), r.Expected)
	}
	fmt.Fprintln(w)
	for _, r := range results {
		if len(r.Diffs) == 0 && r.Skipped == "" && r.Failed == "" {
			continue
		}
		fmt.Fprintf(w, "### `%s`\n\n", shortPath(r.Path))
		if r.Skipped != "" {
			fmt.Fprintf(w, "Not translated: %s\n\n", mdEscape(r.Skipped))
		}
		if r.Failed != "" {
			fmt.Fprintf(w, "Run failed: %s\n\n", mdEscape(firstLines(r.Failed, 3)))
		}
		if len(r.Diffs) > 0 {
			fmt.Fprintln(w, "| step | line | process | what | model | Wine | known |")
			fmt.Fprintln(w, "|---|---|---|---|---|---|---|")
			for _, d := range r.Diffs {
				known := "**no**"
				if d.Known != nil {
					known = "[" + d.Known.ID + "](#" + d.Known.ID + ")"
				}
				fmt.Fprintf(w, "| %d | %d | %s | %s | %s | %s | %s |\n", d.Step, d.Line, d.Process, mdEscape(d.What), mdEscape(d.Model), mdEscape(d.Wine), known)
			}
			fmt.Fprintln(w)
		}
	}
}

func shortPath(p string) string {
	dir := filepath.Base(filepath.Dir(p))
	return dir + "/" + filepath.Base(p)
}

func mdEscape(s string) string {
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.ReplaceAll(s, "\n", " ")
}
