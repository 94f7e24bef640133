package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The runner is what authors and CI use: --check must fail, naming file and
// line, on a failed expect, and pass on a good scenario.
func TestCheck(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	bin := filepath.Join(t.TempDir(), "scenario")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	dir := t.TempDir()
	good := filepath.Join(dir, "good.scn")
	bad := filepath.Join(dir, "bad.scn")
	os.WriteFile(good, []byte("process P;\n@P\nHANDLE h = CreateEvent(NULL, TRUE, FALSE, NULL);\nexpect(h == 4);\n"), 0o644)
	os.WriteFile(bad, []byte("process P;\n@P\nHANDLE h = CreateEvent(NULL, TRUE, FALSE, NULL);\nexpect(h == 8);\n"), 0o644)

	if out, err := exec.Command(bin, "--check", good).CombinedOutput(); err != nil || len(out) != 0 {
		t.Errorf("good scenario: %v %q", err, out)
	}
	out, err := exec.Command(bin, "--check", good, bad).CombinedOutput()
	if err == nil {
		t.Error("a failed expect did not fail --check")
	}
	if want := "bad.scn:4:8: expect failed: h == 8 [E_EXPECT_FAILED]"; !strings.Contains(string(out), want) {
		t.Errorf("output %q lacks %q", out, want)
	}
	out, _ = exec.Command(bin, "--lang", "ko", good).CombinedOutput()
	for _, want := range []string{"#1 P 3행:", "expect(h == 4): 통과", "0004: Object: f0000000  GrantedAccess: 001f0003", "Objects still alive: 3"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("transcript lacks %q:\n%s", want, out)
		}
	}
	// The problems on stderr come after the transcript they belong to.
	out, _ = exec.Command(bin, bad, good).CombinedOutput()
	h, i, j := strings.Index(string(out), "== "+bad), strings.Index(string(out), "bad.scn:4:8: expect failed"), strings.Index(string(out), "== "+good)
	if h < 0 || i < h || j < i {
		t.Errorf("stderr out of order:\n%s", out)
	}
	out, _ = exec.Command(bin, "--json", good).CombinedOutput()
	if !strings.HasPrefix(string(out), "{\n \"format\": 1,") {
		t.Errorf("json starts %q", string(out)[:min(40, len(out))])
	}

	// Bad input to the runner itself: a refused flag is usage (2), a
	// stream longer than the limit is read only one byte past it.
	for _, args := range [][]string{{"--handle-limit", "-5", good}, {"--handle-limit", "16711681", good}, {"--max-steps", "-1", good}} {
		err := exec.Command(bin, args...).Run()
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 {
			t.Errorf("%v: %v, want exit status 2", args, err)
		}
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		out, err := exec.Command(bin, "/dev/zero").CombinedOutput()
		if err == nil || !strings.Contains(string(out), "/dev/zero:1:262145:") || !strings.Contains(string(out), "[E_SOURCE_TOO_LARGE]") {
			t.Errorf("/dev/zero: %v %q", err, out)
		}
	}
}
