// Command verify replays every lesson and golden scenario as a C program
// under Wine and compares each step with the model (kernel/verify).
//
//	go run ./kernel/cmd/verify [--doc docs/verification.md] [--jobs N] [FILE...]
//
// Without files it checks assets/lessons/*.scn and
// kernel/scenario/testdata/golden/*.scn. It prints each scenario's verdict
// and, with --doc, rewrites the results section of that file. The exit
// status is 1 when a scenario disagrees (a difference that is not a known
// one), fails to run or cannot be translated; 2 when wine64 or mingw-w64
// is missing (with CI=true that is a failure too, with the same status).
package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"handleviz/kernel/verify"
)

const (
	beginMark = "<!-- verify:begin (written by go run ./kernel/cmd/verify --doc docs/verification.md) -->"
	endMark   = "<!-- verify:end -->"
)

func main() {
	doc := flag.String("doc", "", "rewrite the results section of this Markdown file")
	jobs := flag.Int("jobs", runtime.NumCPU(), "builds at once")
	flag.Parse()
	tools, err := verify.FindTools()
	if err != nil {
		fmt.Fprintf(os.Stderr, "verify: %v\n", err)
		os.Exit(2)
	}
	files := flag.Args()
	if len(files) == 0 {
		files, err = verify.Scenarios(".")
		if err != nil || len(files) == 0 {
			fmt.Fprintf(os.Stderr, "verify: no scenarios found (run from the repository root): %v\n", err)
			os.Exit(2)
		}
	}
	ctx := context.Background()
	load, _ := os.ReadFile("/proc/loadavg")
	start := time.Now()
	if err := tools.Prepare(ctx); err != nil {
		fmt.Fprintf(os.Stderr, "verify: %v\n", err)
		os.Exit(1)
	}
	prefixTime := time.Since(start)

	// Builds run in parallel; the Wine runs one at a time, since the
	// harness tells a waiting call from a slow one by time.
	prepared := make([]*verify.Prepared, len(files))
	sem := make(chan struct{}, max(1, *jobs))
	var wg sync.WaitGroup
	for i, f := range files {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			prepared[i] = verify.PrepareOne(ctx, tools, f)
			<-sem
		}()
	}
	wg.Wait()
	buildTime := time.Since(start) - prefixTime
	logRoot, err := os.MkdirTemp("", "handleviz-verify-")
	if err != nil {
		fmt.Fprintf(os.Stderr, "verify: %v\n", err)
		os.Exit(1)
	}
	defer os.RemoveAll(logRoot)
	var results []*verify.Result
	for i, p := range prepared {
		verify.RunOne(ctx, tools, p, filepath.Join(logRoot, fmt.Sprint(i)))
		results = append(results, p.Result)
	}
	total := time.Since(start)

	out := bufio.NewWriter(os.Stdout)
	verify.WriteVerdicts(out, results)
	bad := 0
	for _, r := range results {
		if !r.Agrees() {
			bad++
		}
	}
	fmt.Fprintf(out, "verify: %d scenarios, %d disagree or failed; %.1f s (prefix %.1f s, builds %.1f s)\n",
		len(results), bad, total.Seconds(), prefixTime.Seconds(), buildTime.Seconds())
	out.Flush()
	if *doc != "" {
		if err := writeDoc(*doc, results, string(load), total, prefixTime, buildTime); err != nil {
			fmt.Fprintf(os.Stderr, "verify: %v\n", err)
			os.Exit(1)
		}
	}
	if bad > 0 {
		os.Exit(1)
	}
}

// writeDoc replaces the text between the markers of the document.
func writeDoc(path string, results []*verify.Result, load string, total, prefix, build time.Duration) error {
	old, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	s := string(old)
	i, j := strings.Index(s, beginMark), strings.Index(s, endMark)
	if i < 0 || j < i {
		return fmt.Errorf("%s has no %q … %q section", path, beginMark, endMark)
	}
	var b bytes.Buffer
	b.WriteString(beginMark + "\n\n")
	fields := strings.Fields(load)
	fmt.Fprintf(&b, "Run: `make verify` (`go run ./kernel/cmd/verify --doc docs/verification.md`), %d scenarios, "+
		"%.0f s in all (Wine prefix %.1f s, parallel builds %.1f s, Wine runs one at a time), %d cores, load average before the run %s.\n\n",
		len(results), total.Seconds(), prefix.Seconds(), build.Seconds(), runtime.NumCPU(), strings.Join(fields[:min(3, len(fields))], " "))
	verify.WriteMarkdown(&b, results)
	b.WriteString(endMark)
	return os.WriteFile(path, []byte(s[:i]+b.String()+s[j+len(endMark):]), 0o644)
}
