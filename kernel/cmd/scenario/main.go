// Command scenario runs scenario files and prints their traces.
//
//	go run ./kernel/cmd/scenario [--json] [--check] [--lang en|ko] [--max-steps N] FILE...
//
// Without flags it prints each step and the final handle tables. --json
// prints the trace as JSON (docs/trace-format.md). --check prints nothing
// but problems, as FILE:LINE:COL: message [CODE] on stderr. The exit status
// is 1 when any file has a syntax error, a runtime error or a failed expect
// (with or without --check), 2 for bad usage.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"

	"handleviz/kernel/scenario"
	"handleviz/kernel/syntax"
)

func main() {
	asJSON := flag.Bool("json", false, "print the trace as JSON")
	check := flag.Bool("check", false, "exit non-zero on a syntax error, runtime error or failed expect")
	lang := flag.String("lang", "en", "language of captions and errors: en or ko")
	maxSteps := flag.Int("max-steps", scenario.DefaultMaxSteps, "step limit")
	handleLimit := flag.Int("handle-limit", 0, "handles per process (0: the scenario's // handle-limit:, else the x64 default)")
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: scenario [--json] [--check] [--lang en|ko] [--max-steps N] [--handle-limit N] FILE...\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 || (*lang != "en" && *lang != "ko") {
		flag.Usage()
		os.Exit(2)
	}
	// A bad number is refused, not silently replaced by the default.
	if *maxSteps < 1 {
		fmt.Fprintf(os.Stderr, "scenario: --max-steps %d: must be at least 1\n", *maxSteps)
		os.Exit(2)
	}
	if *handleLimit < 0 || *handleLimit > syntax.MaxHandleLimit {
		fmt.Fprintf(os.Stderr, "scenario: --handle-limit %d: must be 0 (the default) or 1 to %d\n", *handleLimit, syntax.MaxHandleLimit)
		os.Exit(2)
	}
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	// problem prints a line on stderr after what stdout has so far, so that
	// the two streams read in order in a terminal.
	problem := func(format string, args ...any) {
		out.Flush()
		fmt.Fprintf(os.Stderr, format, args...)
	}
	failed := false
	for _, path := range flag.Args() {
		src, size, err := readSource(path)
		if err != nil {
			problem("%v\n", err)
			failed = true
			continue
		}
		if len(src) > syntax.MaxSource {
			e := syntax.TooLarge(string(src), size)
			problem("%s:%d:%d: %s [%s]\n", path, e.Pos.Line, e.Pos.Col, e.Text(*lang), e.Code)
			failed = true
			continue
		}
		if flag.NArg() > 1 && !*check && !*asJSON {
			fmt.Fprintf(out, "== %s\n", path)
		}
		tr, err := scenario.Run(string(src), scenario.Options{MaxSteps: *maxSteps, HandleLimit: *handleLimit})
		if err != nil {
			failed = true
			for _, e := range err.(syntax.ErrorList) {
				problem("%s:%d:%d: %s [%s]\n", path, e.Pos.Line, e.Pos.Col, e.Text(*lang), e.Code)
			}
			continue
		}
		switch {
		case *check:
		case *asJSON:
			b, err := scenario.MarshalJSON(tr)
			if err != nil {
				problem("%v\n", err)
				os.Exit(1)
			}
			out.Write(b)
			out.WriteByte('\n')
		default:
			scenario.WriteText(out, tr, *lang)
		}
		if tr.Err != nil {
			failed = true
			problem("%s:%d:%d: %s [%s]\n", path, tr.Err.Pos.Line, tr.Err.Pos.Col, tr.Err.Text(*lang), tr.Err.Code)
		}
		for _, e := range tr.Failed() {
			failed = true
			msg := syntax.Errorf("E_EXPECT_FAILED", e.Span.Start, e.Span.End, e.Text)
			problem("%s:%d:%d: %s [%s]\n", path, e.Span.Start.Line, e.Span.Start.Col, msg.Text(*lang), msg.Code)
		}
	}
	out.Flush()
	// Without --check a failure is reported too; --check only adds silence.
	if failed {
		os.Exit(1)
	}
}

// readSource reads at most one byte more than a scenario may have, so that
// /dev/zero or a huge file ends in E_SOURCE_TOO_LARGE, not in running out
// of memory. size is the file's size as known: exact for a regular file,
// "≥N" for a stream cut at N bytes.
func readSource(path string) (src []byte, size string, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	src, err = io.ReadAll(io.LimitReader(f, syntax.MaxSource+1))
	if err != nil {
		return nil, "", err
	}
	size = strconv.Itoa(len(src))
	if len(src) > syntax.MaxSource {
		size = "≥" + size
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			size = strconv.FormatInt(st.Size(), 10)
		}
	}
	return src, size, nil
}
