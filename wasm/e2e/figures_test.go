package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"handleviz/wasm/site"
)

// figures collects what the browser test measures.
type figures struct {
	navMS       float64
	lesson      []float64
	lessonSplit []float64
	// lessonAgain: the next 60 steps in the same page (`make figures`
	// only): each kind of step has run once, so its code is compiled.
	lessonAgain []float64
	big         []float64
	bigRows     int
}

type sizes struct{ raw, gz, br int }

func measureSize(t *testing.T, name string) (sizes, bool) {
	b, err := os.ReadFile(name)
	if err != nil {
		return sizes{}, false
	}
	if os.Getenv("HANDLEVIZ_FIGURES") == "" {
		// Compressing 20 MB at brotli's best takes a minute or two on this
		// machine: only `make figures` does it.
		return sizes{raw: len(b), gz: -1, br: -1}, true
	}
	// The copies a published site sends (gzip -9, brotli quality 11), kept
	// beside the wasm and made again only when it changed.
	if err := site.CompressFile(name); err != nil {
		t.Errorf("compressing %s: %v", name, err)
		return sizes{raw: len(b), gz: -1, br: -1}, true
	}
	s := sizes{raw: len(b), gz: -1, br: -1}
	if fi, err := os.Stat(name + ".gz"); err == nil {
		s.gz = int(fi.Size())
	}
	if fi, err := os.Stat(name + ".br"); err == nil {
		s.br = int(fi.Size())
	}
	return s, true
}

func (f *figures) report(t *testing.T) {
	app, ok := measureSize(t, filepath.Join(root, "web", "app.wasm"))
	if !ok {
		return
	}
	hello, haveHello := measureSize(t, filepath.Join(root, "web", "hello.wasm"))
	var b strings.Builder
	load, _ := os.ReadFile("/proc/loadavg")
	fmt.Fprintf(&b, "Measured by `make figures` (the browser test in `wasm/e2e`, headless\nChromium 1920×1080, the app served by the test on localhost). The machine\nis shared: load average at the end of the run %s.\n\n", strings.Join(strings.Fields(string(load))[:min(3, len(strings.Fields(string(load))))], " / "))
	fmt.Fprintf(&b, "| figure | value |\n|---|---:|\n")
	fmt.Fprintf(&b, "| navigation → first scene rendered by the app (default lesson) | %.0f ms |\n", f.navMS)
	if len(f.lesson) > 0 {
		fmt.Fprintf(&b, "| step latency, default lesson, key → DOM updated: median / p95 (n=%d) | %.1f / %.1f ms |\n", len(f.lesson), pct(f.lesson, 50), pct(f.lesson, 95))
	}
	if len(f.lessonAgain) > 0 {
		fmt.Fprintf(&b, "| the next %d steps in the same page (each kind of step has run once): median / p95 | %.1f / %.1f ms |\n", len(f.lessonAgain), pct(f.lessonAgain, 50), pct(f.lessonAgain, 95))
	}
	if len(f.lessonSplit) > 0 {
		fmt.Fprintf(&b, "| of which key → Go handler (the rest is render and DOM patch: a step key renders at once, not at go-app's next frame, wasm/ui/frame.go): median | %.1f ms |\n", pct(f.lessonSplit, 50))
	}
	if len(f.big) > 0 {
		fmt.Fprintf(&b, "| step latency, big scenario (%d table rows), key → DOM updated: median / p95 (n=%d) | %.1f / %.1f ms |\n", f.bigRows, len(f.big), pct(f.big, 50), pct(f.big, 95))
	}
	fmt.Fprintf(&b, "\nTargets: 16 ms per step for a lesson, under 50 ms with 1,000 handles. The\nbig scenario (`bigScenario` in wasm/e2e/browser_test.go) makes 1,000\ninheritable handles and a child that inherits them: 2,000 table rows and\n1,000 object cards; only the band of the scene near the screen is built and\ndrawn. The host cost of the same steps (build + render + diff, without the\nbrowser) is in the next section.\n\n")
	fmt.Fprintf(&b, "Wasm size (`GOOS=js GOARCH=wasm go build -trimpath -ldflags=\"-s -w\"`; gzip -9, brotli quality 11 as `make site` writes them):\n\n")
	fmt.Fprintf(&b, "| build | raw | gzip | brotli |\n|---|---:|---:|---:|\n")
	fmt.Fprintf(&b, "| web/app.wasm (handleviz) | %s | %s | %s |\n", kib(app.raw), kib(app.gz), kib(app.br))
	if haveHello {
		fmt.Fprintf(&b, "| go-app hello world (wasm/e2e/hello) | %s | %s | %s |\n", kib(hello.raw), kib(hello.gz), kib(hello.br))
		fmt.Fprintf(&b, "| ratio handleviz / hello world | %s | %s | %s |\n", ratio(app.raw, hello.raw), ratio(app.gz, hello.gz), ratio(app.br, hello.br))
	}
	report := b.String()
	t.Logf("Visualizer figures:\n%s", report)
	out := filepath.Join(root, "web", "test-output")
	os.MkdirAll(out, 0o755)
	os.WriteFile(filepath.Join(out, "performance-visualizer.md"), []byte(report), 0o644)
	if os.Getenv("HANDLEVIZ_FIGURES") != "" {
		if err := writeSection(filepath.Join(root, "docs", "performance.md"), "Visualizer", report); err != nil {
			t.Error(err)
		}
	}
}

func kib(n int) string {
	if n < 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f KiB", float64(n)/1024)
}

func ratio(a, b int) string {
	if a < 0 || b <= 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f", float64(a)/float64(b))
}

// writeSection replaces the body of "## name" in a Markdown file (up to the
// next "## " heading), keeping every other section.
func writeSection(file, name, body string) error {
	b, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	s := string(b)
	head := "## " + name + "\n"
	i := strings.Index(s, head)
	if i < 0 {
		s = strings.TrimRight(s, "\n") + "\n\n" + head + "\n" + body
		return os.WriteFile(file, []byte(s), 0o644)
	}
	rest := s[i+len(head):]
	j := strings.Index(rest, "\n## ")
	tail := ""
	if j >= 0 {
		tail = rest[j+1:]
	}
	s = s[:i] + head + "\n" + strings.TrimRight(body, "\n") + "\n"
	if tail != "" {
		s += "\n" + tail
	}
	return os.WriteFile(file, []byte(s), 0o644)
}
