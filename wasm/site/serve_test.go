package site

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"

	"handleviz/wasm/ui"
)

func init() { ui.Register() }

// testSite generates a site from a small stand-in for app.wasm, under
// base, in a directory that also holds files that must never be served: a
// go.mod beside the site and a .git/config inside it.
func testSite(t *testing.T, base string) (dir string, h http.Handler) {
	t.Helper()
	root := t.TempDir()
	wasm := filepath.Join(root, "app.wasm")
	os.WriteFile(wasm, bytes.Repeat([]byte("\x00asm wasm bytes "), 4096), 0o644)
	os.WriteFile(filepath.Join(root, "go.mod"), []byte("module secret\n"), 0o644)
	dir = filepath.Join(root, "site")
	if _, err := Generate(dir, Options{Base: base, Wasm: wasm}); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(dir, ".git"), 0o755)
	os.WriteFile(filepath.Join(dir, ".git", "config"), []byte("[core]\n"), 0o644)
	h, err := Server(dir, base)
	if err != nil {
		t.Fatal(err)
	}
	return dir, h
}

// rawGet sends the request line as written (a client library would clean
// or re-encode the path) and returns the status code and body.
func rawGet(t *testing.T, addr, target string) (int, string) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	io.WriteString(c, "GET "+target+" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("%s: %v", target, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestServerServesOnlyTheSite(t *testing.T) {
	_, h := testSite(t, "/")
	srv := httptest.NewServer(h)
	defer srv.Close()
	addr := strings.TrimPrefix(srv.URL, "http://")
	for _, target := range []string{
		"/.git/config", "/.git/", "/.nojekyll",
		"/web/../go.mod", "/web/..%2fgo.mod", "/web/..%2Fgo.mod", "/web/%2e%2e/go.mod", "/web/%2e%2e%2fgo.mod",
		"/web/..%5cgo.mod", "/%2e%2e/go.mod", "/../go.mod", "/..%2f..%2fgo.mod", "/web/%252e%252e/go.mod",
		"/web/", "/web", "/web/.", "//web/app.wasm", "/web//app.wasm", "/web/./app.wasm", "/WEB/app.wasm",
		"/web/app.wasm.br", "/web/app.wasm.gz", "/index.html.br", "/web/app.wasm%00", "/go.mod",
	} {
		code, body := rawGet(t, addr, target)
		if code != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", target, code)
		}
		if strings.Contains(body, "module secret") || strings.Contains(body, "[core]") || strings.Contains(body, "<a href") {
			t.Errorf("GET %s leaked %q", target, body)
		}
	}
	for _, target := range []string{"/", "/index.html", "/app.js", "/app-worker.js", "/web/app.wasm", "/web/loader.js", "/web/handleviz.css", "/manifest.webmanifest"} {
		if code, _ := rawGet(t, addr, target); code != http.StatusOK {
			t.Errorf("GET %s: %d, want 200", target, code)
		}
	}
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/", strings.NewReader("x"))
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /: %v %v, want 405", resp.StatusCode, err)
	}
}

func TestServerHeaders(t *testing.T) {
	_, h := testSite(t, "/")
	for _, p := range []string{"/", "/web/app.wasm", "/nope"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p, nil))
		hd := rec.Header()
		if hd.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: no nosniff", p)
		}
		csp := hd.Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "'wasm-unsafe-eval'") || !strings.Contains(csp, "object-src 'none'") {
			t.Errorf("%s: CSP %q", p, csp)
		}
		// Slides embed the page from anywhere.
		if strings.Contains(csp, "frame-ancestors") || hd.Get("X-Frame-Options") != "" {
			t.Errorf("%s: embedding forbidden: CSP %q, X-Frame-Options %q", p, csp, hd.Get("X-Frame-Options"))
		}
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/web/app.wasm", nil))
	if ct := rec.Header().Get("Content-Type"); ct != "application/wasm" {
		t.Errorf("app.wasm Content-Type %q (instantiateStreaming needs application/wasm)", ct)
	}
	s := NewHTTPServer("localhost:0", h)
	if s.ReadHeaderTimeout <= 0 || s.ReadTimeout <= 0 || s.WriteTimeout <= 0 || s.IdleTimeout <= 0 {
		t.Errorf("server without timeouts: %+v", s)
	}
}

func TestServerSendsPrecompressed(t *testing.T) {
	dir, h := testSite(t, "/")
	raw, _ := os.ReadFile(filepath.Join(dir, "web", "app.wasm"))
	for _, c := range []struct{ accept, enc string }{
		{"gzip, deflate, br, zstd", "br"},
		{"gzip", "gzip"},
		{"br;q=0, gzip", "gzip"},
		{"", ""},
		{"identity", ""},
	} {
		req := httptest.NewRequest(http.MethodGet, "/web/app.wasm", nil)
		req.Header.Set("Accept-Encoding", c.accept)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if got := rec.Header().Get("Content-Encoding"); got != c.enc {
			t.Errorf("Accept-Encoding %q: Content-Encoding %q, want %q", c.accept, got, c.enc)
		}
		if rec.Header().Get("Vary") != "Accept-Encoding" {
			t.Errorf("Accept-Encoding %q: no Vary", c.accept)
		}
		var body io.Reader = rec.Body
		switch c.enc {
		case "br":
			body = brotli.NewReader(body)
		case "gzip":
			zr, err := gzip.NewReader(body)
			if err != nil {
				t.Fatal(err)
			}
			body = zr
		}
		got, err := io.ReadAll(body)
		if err != nil || !bytes.Equal(got, raw) {
			t.Errorf("Accept-Encoding %q: body does not decode to app.wasm (%v)", c.accept, err)
		}
		if c.enc != "" && rec.Body.Len() >= len(raw) {
			t.Errorf("Accept-Encoding %q: %d bytes sent for %d", c.accept, rec.Body.Len(), len(raw))
		}
	}
}

func TestSubPathSite(t *testing.T) {
	dir, h := testSite(t, "/courses/handleviz/")
	srv := httptest.NewServer(h)
	defer srv.Close()
	addr := strings.TrimPrefix(srv.URL, "http://")
	index, _ := os.ReadFile(filepath.Join(dir, "index.html"))
	// Every URL the page loads is under the base (else a GitHub Pages
	// project site answers 404).
	for _, attr := range []string{`src="`, `href="`} {
		for _, part := range strings.Split(string(index), attr)[1:] {
			u := part[:strings.IndexByte(part, '"')]
			if strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "/courses/handleviz/") {
				t.Errorf("index.html loads %s, outside the base", u)
			}
			if strings.HasPrefix(u, "/courses/handleviz/") {
				if code, _ := rawGet(t, addr, u); code != http.StatusOK {
					t.Errorf("GET %s (from index.html): %d", u, code)
				}
			}
		}
	}
	if strings.Contains(string(index), "127.0.0.1") || !strings.Contains(string(index), `<meta property="og:url" content="/courses/handleviz/">`) {
		t.Errorf("index.html names the generator's server, not the base")
	}
	worker, _ := os.ReadFile(filepath.Join(dir, "app-worker.js"))
	if !strings.Contains(string(worker), `"/courses/handleviz/web/app.wasm"`) {
		t.Errorf("the worker does not cache the sub-path's app.wasm:\n%s", worker)
	}
	for target, want := range map[string]int{"/courses/handleviz/": 200, "/courses/handleviz/index.html": 200, "/courses/handleviz": 301, "/": 404, "/web/app.wasm": 404} {
		if code, _ := rawGet(t, addr, target); code != want {
			t.Errorf("GET %s: %d, want %d", target, code, want)
		}
	}
}

func TestNormalizeBase(t *testing.T) {
	for in, want := range map[string]string{"": "/", "/": "/", "x": "/x/", "/x": "/x/", "/a/b/": "/a/b/"} {
		if got, err := NormalizeBase(in); err != nil || got != want {
			t.Errorf("NormalizeBase(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"/a/../b/", "/a//b/", "/a b/", `/"x/`, "/%2e/"} {
		if _, err := NormalizeBase(bad); err == nil {
			t.Errorf("NormalizeBase(%q) accepted", bad)
		}
	}
}
