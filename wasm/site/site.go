//go:build !wasm

// Package site turns the visualizer into a static site (`make site`) and
// serves one (`make run`): go-app's pages and scripts, app.wasm, the style
// sheet, the service worker and loading screen of package web, each text
// file and app.wasm beside a .br and a .gz copy, all under one base path
// ("/" or a GitHub Pages project's "/repo/").
package site

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"handleviz/assets"
	"handleviz/wasm/ui"
	"handleviz/web"
)

// Options say where the site lives and what it is built from.
type Options struct {
	// Base is the URL path the site is served under: "/" (the default) or
	// "/some/path/". Every URL in the pages starts with it, so a site only
	// works at the base it was generated for.
	Base string
	// Version names the deployment (the service worker's cache). Empty: a
	// hash of everything the site is made of, so a changed build is a new
	// version and an unchanged one is not.
	Version string
	// Wasm is the app.wasm to publish (default "web/app.wasm").
	Wasm string
}

// NormalizeBase turns "", "/", "x", "/x", "/x/" into "/" or "/x/".
func NormalizeBase(base string) (string, error) {
	b := strings.Trim(base, "/")
	if b == "" {
		return "/", nil
	}
	for _, seg := range strings.Split(b, "/") {
		if seg == "" || seg == "." || seg == ".." || strings.ContainsAny(seg, "\\?#%\"'<> ") {
			return "", fmt.Errorf("base %q: want a URL path such as /handleviz/ (letters, digits, -, _, . between slashes)", base)
		}
	}
	return "/" + b + "/", nil
}

// handler is go-app's handler for the site: ui.Handler plus the base, the
// worker and the loading screen.
func handler(base, version string, wasmBytes int64) (*app.Handler, error) {
	h := ui.Handler(version)
	if base != "/" {
		h.Resources = app.CustomProvider("", strings.TrimSuffix(base, "/"))
	}
	h.ServiceWorkerTemplate = web.Worker
	h.Styles = append(h.Styles, "/web/loader.css")
	h.Scripts = append(h.Scripts, "/web/loader.js")
	// go-app's own label shows a percentage of Content-Length, which is the
	// compressed size when the host sends app.wasm.br; loader.js counts
	// bytes instead. The label stays for go-app's error message.
	h.LoadingLabel = "handleviz"
	data, err := siteJSON(wasmBytes)
	if err != nil {
		return nil, err
	}
	h.RawHeaders = append(h.RawHeaders, `<script type="application/json" id="handleviz-site">`+data+`</script>`,
		// go-app asks for app.wasm only when its deferred app.js runs, after
		// the document and style sheets: start the download with the page.
		// (as="fetch" and crossorigin="anonymous" match app.js's fetch(), so
		// that fetch takes this response.)
		`<link rel="preload" href="`+base+`web/app.wasm" as="fetch" type="application/wasm" crossorigin="anonymous">`)
	return h, nil
}

type lessonInfo struct {
	Title   map[string]string `json:"title"`
	Summary map[string]string `json:"summary"`
}

// siteJSON is what loader.js needs: the size of app.wasm and each lesson's
// title and summary (the loading screen shows the lesson being opened).
func siteJSON(wasmBytes int64) (string, error) {
	lessons := assets.Lessons()
	info := map[string]lessonInfo{}
	for _, l := range lessons {
		li := lessonInfo{Title: map[string]string{}, Summary: map[string]string{}}
		for _, line := range strings.Split(l.Source, "\n") {
			line = strings.TrimSpace(line)
			if !strings.HasPrefix(line, "//") {
				break // the metadata heads the file
			}
			for _, lang := range []string{"en", "ko"} {
				if v, ok := strings.CutPrefix(line, "// title."+lang+":"); ok {
					li.Title[lang] = strings.TrimSpace(v)
				}
				if v, ok := strings.CutPrefix(line, "// summary."+lang+":"); ok {
					li.Summary[lang] = strings.TrimSpace(v)
				}
			}
		}
		info[l.ID] = li
	}
	def := ""
	if len(lessons) > 0 {
		def = lessons[0].ID
	}
	// encoding/json escapes <, > and &, so the text cannot end the <script>.
	b, err := json.Marshal(struct {
		WasmBytes     int64                 `json:"wasmBytes"`
		DefaultLesson string                `json:"defaultLesson"`
		Lessons       map[string]lessonInfo `json:"lessons"`
	}{wasmBytes, def, info})
	return string(b), err
}

// extraFiles are the files under web/ that go-app does not write: the
// style sheet and icon (package assets), the loading screen (package web).
func extraFiles() (map[string][]byte, error) {
	out := map[string][]byte{
		"web/loader.js":  web.LoaderJS,
		"web/loader.css": web.LoaderCSS,
	}
	for url, name := range ui.StaticFiles {
		b, err := fs.ReadFile(assets.FS, name)
		if err != nil {
			return nil, err
		}
		out[strings.TrimPrefix(url, "/")] = b
	}
	return out, nil
}

// Generate writes the site into dir (created if needed; files of an
// earlier site there are overwritten, not removed).
func Generate(dir string, o Options) (version string, err error) {
	base, err := NormalizeBase(o.Base)
	if err != nil {
		return "", err
	}
	wasmPath := o.Wasm
	if wasmPath == "" {
		wasmPath = filepath.Join("web", "app.wasm")
	}
	wasm, err := os.ReadFile(wasmPath)
	if err != nil {
		return "", fmt.Errorf("%w (build it first: make wasm)", err)
	}
	extra, err := extraFiles()
	if err != nil {
		return "", err
	}
	version = o.Version
	if version == "" {
		version = contentVersion(base, wasm, extra)
	}
	h, err := handler(base, version, int64(len(wasm)))
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	if err := app.GenerateStaticWebsite(dir, h); err != nil {
		return "", err
	}
	if err := fixPageURL(filepath.Join(dir, "index.html"), base); err != nil {
		return "", err
	}
	// GitHub Pages runs Jekyll unless told not to; nothing here needs it.
	extra[".nojekyll"] = nil
	for name, b := range extra {
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), b, 0o644); err != nil {
			return "", err
		}
	}
	if err := PublishWasm(wasmPath, filepath.Join(dir, "web", "app.wasm")); err != nil {
		return "", err
	}
	return version, Precompress(dir)
}

// contentVersion hashes what a deployment is made of.
func contentVersion(base string, wasm []byte, extra map[string][]byte) string {
	s := sha256.New()
	s.Write([]byte(base))
	s.Write(wasm)
	s.Write([]byte(web.Worker))
	names := make([]string, 0, len(extra))
	for n := range extra {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		s.Write([]byte(n))
		s.Write(extra[n])
	}
	return hex.EncodeToString(s.Sum(nil))[:12]
}

// ogURL is go-app's og:url tag, which names the generator's temporary
// server (http://127.0.0.1:PORT/); attribute order varies.
var ogURL = regexp.MustCompile(`<meta [^>]*property="og:url"[^>]*>`)

// fixPageURL makes og:url the site's base path instead.
func fixPageURL(page, base string) error {
	b, err := os.ReadFile(page)
	if err != nil {
		return err
	}
	b = ogURL.ReplaceAll(b, []byte(`<meta property="og:url" content="`+base+`">`))
	return os.WriteFile(page, b, 0o644)
}
