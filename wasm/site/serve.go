//go:build !wasm

package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"handleviz/wasm/ui"
)

// SecurityHeaders go with every response of `make run`. No X-Frame-Options
// and no frame-ancestors: lecturers embed the visualizer in slides, from any
// origin. 'wasm-unsafe-eval' lets the page compile app.wasm; the one inline
// script (the storage guard, which must run before go-app) is allowed by its
// hash; inline styles are allowed because go-app writes style attributes.
var SecurityHeaders = map[string]string{
	"X-Content-Type-Options": "nosniff",
	"Content-Security-Policy": "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' " + scriptHash(ui.StorageGuardJS) + "; " +
		"style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
		"worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'",
	"Referrer-Policy":              "no-referrer",
	"Cross-Origin-Resource-Policy": "same-origin",
}

// scriptHash is a CSP source that allows exactly this inline script.
func scriptHash(js string) string {
	sum := sha256.Sum256([]byte(js))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

type file struct {
	body, br, gz []byte
	ctype, etag  string
}

// Server serves the site generated in dir at base, from memory: the files
// are read once, so nothing else on the disk can be reached, whatever the
// request path (no "..", no encoded slashes, no listings: a path is either
// one of the site's files or 404). A directory path serves its index.html;
// the base without its final slash redirects to it, as static hosts do.
func Server(dir, base string) (http.Handler, error) {
	base, err := NormalizeBase(base)
	if err != nil {
		return nil, err
	}
	files := map[string]*file{}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || isCompressed(p) {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if strings.HasPrefix(rel, ".") || strings.Contains(rel, "/.") {
			return nil // .nojekyll, .git/…: for hosts and tools, not browsers
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		f := &file{body: b, ctype: contentType(rel)}
		f.br, _ = os.ReadFile(p + ".br")
		f.gz, _ = os.ReadFile(p + ".gz")
		sum := sha256.Sum256(b)
		f.etag = `"` + hex.EncodeToString(sum[:8])
		files[base+rel] = f
		if path.Base(rel) == "index.html" {
			files[base+strings.TrimSuffix(rel, "index.html")] = f
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if files[base] == nil {
		return nil, &fs.PathError{Op: "serve", Path: filepath.Join(dir, "index.html"), Err: fs.ErrNotExist}
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, v := range SecurityHeaders {
			w.Header().Set(k, v)
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		p := r.URL.Path
		if base != "/" && p == strings.TrimSuffix(base, "/") {
			http.Redirect(w, r, base, http.StatusMovedPermanently)
			return
		}
		f := files[p]
		if f == nil || r.URL.RawPath != "" && r.URL.RawPath != p {
			// RawPath is set when the path had escapes that matter (an
			// encoded slash): never one of ours.
			http.NotFound(w, r)
			return
		}
		body, etag := f.body, f.etag
		if f.br != nil || f.gz != nil {
			w.Header().Set("Vary", "Accept-Encoding")
			switch enc := r.Header.Get("Accept-Encoding"); {
			case f.br != nil && accepts(enc, "br"):
				body, etag = f.br, etag+"-br"
				w.Header().Set("Content-Encoding", "br")
			case f.gz != nil && accepts(enc, "gzip"):
				body, etag = f.gz, etag+"-gz"
				w.Header().Set("Content-Encoding", "gzip")
			}
		}
		w.Header().Set("Content-Type", f.ctype)
		w.Header().Set("ETag", etag+`"`)
		// Always revalidate (a 304 is cheap); offline use is the service
		// worker's job, and a new deployment must be seen at once.
		w.Header().Set("Cache-Control", "no-cache")
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
	}), nil
}

// accepts reports whether an Accept-Encoding header allows coding (not
// listed with q=0).
func accepts(header, coding string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), coding) {
			continue
		}
		q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
		return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
	}
	return false
}

func contentType(name string) string {
	switch path.Ext(name) {
	case ".wasm":
		return "application/wasm"
	case ".webmanifest":
		return "application/manifest+json"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".html":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	}
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// NewHTTPServer is the server of `make run`: timeouts so that a slow or
// idle client cannot hold a connection for ever.
func NewHTTPServer(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      5 * time.Minute, // app.wasm over a slow link
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
}
