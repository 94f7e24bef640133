package verify

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Tools are the programs the oracle runs.
type Tools struct {
	CC     string // x86_64-w64-mingw32-gcc
	Wine   string // wine64, or Debian's wine wrapper
	Server string // wineserver
	Prefix string // WINEPREFIX, created on first use
	Cache  string // built programs, by content hash
}

// FindTools looks for mingw-w64 and wine; the error says which is missing.
func FindTools() (*Tools, error) {
	t := &Tools{}
	var missing []string
	if p, err := exec.LookPath("x86_64-w64-mingw32-gcc"); err == nil {
		t.CC = p
	} else {
		missing = append(missing, "x86_64-w64-mingw32-gcc (apt-get install gcc-mingw-w64-x86-64)")
	}
	// Debian's wine64 package puts the loader outside PATH and /usr/bin/wine
	// picks it for a 64-bit program.
	for _, c := range []string{"wine64", "wine", "/usr/lib/wine/wine64"} {
		if p, err := exec.LookPath(c); err == nil {
			t.Wine = p
			break
		}
	}
	if t.Wine == "" {
		missing = append(missing, "wine64 (apt-get install wine64)")
	}
	for _, c := range []string{"wineserver", "/usr/lib/wine/wineserver64", "/usr/lib/wine/wineserver"} {
		if p, err := exec.LookPath(c); err == nil {
			t.Server = p
			break
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("missing: %s", strings.Join(missing, ", "))
	}
	cache := os.Getenv("XDG_CACHE_HOME")
	if cache == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return nil, err
		}
		cache = filepath.Join(home, ".cache")
	}
	t.Prefix = filepath.Join(cache, "handleviz", "wineprefix")
	t.Cache = filepath.Join(cache, "handleviz", "verify")
	return t, os.MkdirAll(t.Cache, 0o755)
}

func (t *Tools) env() []string {
	return append(os.Environ(), "WINEPREFIX="+t.Prefix, "WINEDEBUG=-all", "WINEDLLOVERRIDES=mscoree,mshtml=")
}

// Prepare creates the Wine prefix once (about 30 s) and starts a
// persistent wineserver, so that each run does not pay for one.
func (t *Tools) Prepare(ctx context.Context) error {
	if _, err := os.Stat(filepath.Join(t.Prefix, "system.reg")); err != nil {
		cmd := exec.CommandContext(ctx, t.Wine, "wineboot", "-i")
		cmd.Env = t.env()
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("creating the wine prefix: %v\n%s", err, out)
		}
	}
	if t.Server != "" {
		cmd := exec.Command(t.Server, "-p60")
		cmd.Env = t.env()
		_ = cmd.Run() // already running is fine
	}
	return nil
}

// Build compiles a translated program, reusing a cached build of the same
// source.
func (t *Tools) Build(ctx context.Context, csrc string) (string, error) {
	sum := sha256.Sum256([]byte(csrc))
	key := hex.EncodeToString(sum[:12])
	exe := filepath.Join(t.Cache, key+".exe")
	if _, err := os.Stat(exe); err == nil {
		return exe, nil
	}
	src := filepath.Join(t.Cache, key+".c")
	if err := os.WriteFile(src, []byte(csrc), 0o644); err != nil {
		return "", err
	}
	tmp := exe + ".tmp"
	cmd := exec.CommandContext(ctx, t.CC, "-municode", "-O0", "-w", "-o", tmp, src, "-lntdll")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("mingw-w64 build failed: %v\n%s", err, firstLines(string(out), 20))
	}
	return exe, os.Rename(tmp, exe)
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "\n")
}

// Execute runs a built program under Wine; the logs land in logdir, one per
// role (and driver.log).
func (t *Tools) Execute(ctx context.Context, exe, logdir string) (map[string]*WineLog, string, error) {
	if err := os.MkdirAll(logdir, 0o755); err != nil {
		return nil, "", err
	}
	ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	winDir := "Z:" + strings.ReplaceAll(logdir, "/", `\`)
	cmd := exec.CommandContext(ctx, t.Wine, exe, winDir)
	cmd.Env = t.env()
	// Output goes to a file, not a pipe: a wineserver started by this run
	// would hold a pipe open (and Run waiting) for its whole lifetime.
	outFile, err := os.Create(filepath.Join(logdir, "wine.out"))
	if err != nil {
		return nil, "", err
	}
	cmd.Stdout, cmd.Stderr = outFile, outFile
	err = cmd.Run()
	outFile.Close()
	out, _ := os.ReadFile(filepath.Join(logdir, "wine.out"))
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return nil, "", fmt.Errorf("wine did not finish in 90 s")
	}
	if err != nil {
		// The driver's log says what the harness itself could not do
		// ("F start 2": CreateProcessW failed, with its error code).
		driver, _ := os.ReadFile(filepath.Join(logdir, "driver.log"))
		return nil, "", fmt.Errorf("wine: %v\n%s\ndriver.log:\n%s", err, firstLines(string(out), 20), firstLines(string(driver), 20))
	}
	logs := map[string]*WineLog{}
	files, _ := filepath.Glob(filepath.Join(logdir, "*.log"))
	driver := ""
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, "", err
		}
		name := strings.TrimSuffix(filepath.Base(f), ".log")
		if name == "driver" {
			driver = string(b)
			continue
		}
		l, err := ParseLog(string(b))
		if err != nil {
			return nil, "", fmt.Errorf("%s: %v", f, err)
		}
		logs[name] = l
	}
	return logs, driver, nil
}
