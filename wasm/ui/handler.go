package ui

import (
	"io/fs"
	"net/http"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"handleviz/assets"
)

// Register declares the app's routes; call it in main before
// app.RunWhenOnBrowser, in the browser and on the server alike.
func Register() {
	app.Route("/", &App{})
	app.Route("/index.html", &App{})
}

// StaticFiles are the files, under /web/, that come from package assets
// (everything else under /web/ is the build output: app.wasm).
var StaticFiles = map[string]string{
	"/web/handleviz.css":  "style/handleviz.css",
	"/web/curriculum.css": "style/curriculum.css",
	"/web/icon.svg":       "style/icon.svg",
	"/web/slides.css":     "style/slides.css",
}

// Handler is the go-app handler: page, scripts, manifest and service
// worker. version pins the service worker's cache ("" = a new one per run).
func Handler(version string) *app.Handler {
	return &app.Handler{
		Name:            "handleviz",
		ShortName:       "handleviz",
		Title:           "handleviz: Windows handle tables, step by step",
		Description:     "What the Windows kernel does to handle tables and kernel objects, step by step.",
		Lang:            "en",
		Styles:          []string{"/web/handleviz.css", "/web/curriculum.css", "/web/slides.css"},
		Icon:            app.Icon{Default: "/web/icon.svg", SVG: "/web/icon.svg", AppleTouch: "/web/icon.svg"},
		Version:         version,
		BackgroundColor: "#ffffff",
		ThemeColor:      "#1f3a5f",
		LoadingLabel:    "handleviz: loading {progress}%",
		// go-app's default worker only serves cached pages for exact URLs, so
		// a lesson permalink (?lesson=…&step=…) fails offline. This one goes
		// to the network first for pages and falls back to the cached app.
		ServiceWorkerTemplate: offlineWorker,
		RawHeaders:            []string{storageGuard},
	}
}

// storageGuard runs before go-app starts. go-app reads window.localStorage
// as it starts; where site storage is blocked that read throws
// SecurityError and the app never started. The guard puts an in-memory
// storage in its place and flags it, so the page starts and says that
// edits will not be kept (draft.go). It also records a write that fails
// because the storage is full (storageFailed).
const storageGuard = "<script>" + StorageGuardJS + "</script>"

// StorageGuardJS is storageGuard's code; the server's Content-Security-Policy
// allows it by its hash (site.SecurityHeaders), no other inline script.
const StorageGuardJS = `
(function () {
  // A write that throws (the site's storage is full) is recorded by its key:
  // go-app only logs it, and the app must say that an edit was not saved.
  try {
    var set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) {
      try { return set.call(this, k, v); } catch (e) { window.handlevizStorageFailed = String(k); throw e; }
    };
  } catch (e) {}
  try { window.localStorage.getItem("handleviz.probe"); return; } catch (e) {}
  var m = {};
  var mem = {
    getItem: function (k) { return Object.prototype.hasOwnProperty.call(m, k) ? m[k] : null; },
    setItem: function (k, v) { m[k] = String(v); },
    removeItem: function (k) { delete m[k]; },
    clear: function () { m = {}; },
    key: function (i) { return Object.keys(m)[i] || null; },
    get length() { return Object.keys(m).length; }
  };
  try { Object.defineProperty(window, "localStorage", { value: mem, configurable: true }); } catch (e) {}
  window.handlevizStorageBlocked = true;
})();
`

const offlineWorker = `const cacheName = "app-" + "{{.Version}}";
const scope = new URL(self.registration.scope).pathname;
const resourcesToCache = {{.ResourcesToCache}}.concat([scope]);
self.addEventListener("install", (e) => e.waitUntil(caches.open(cacheName)
  .then((c) => c.addAll(resourcesToCache)).then(() => self.skipWaiting())));
self.addEventListener("activate", (e) => e.waitUntil(caches.keys().then((ks) =>
  Promise.all(ks.filter((k) => k !== cacheName).map((k) => caches.delete(k)))).then(() => self.clients.claim())));
self.addEventListener("fetch", (e) => {
  const req = e.request;
  if (req.mode === "navigate") {
    e.respondWith(fetch(req).catch(() => caches.match(scope, { cacheName })));
    return;
  }
  e.respondWith(caches.match(req).then((r) => r || fetch(req)));
});
`

// Serve wraps the go-app handler: the embedded style sheet and icon are
// served from package assets.
func Serve(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if name, ok := StaticFiles[r.URL.Path]; ok {
			b, err := fs.ReadFile(assets.FS, name)
			if err != nil {
				http.NotFound(w, r)
				return
			}
			ct := "text/css; charset=utf-8"
			if strings.HasSuffix(name, ".svg") {
				ct = "image/svg+xml"
			}
			w.Header().Set("Content-Type", ct)
			w.Header().Set("Cache-Control", "no-cache")
			w.Write(b)
			return
		}
		h.ServeHTTP(w, r)
	})
}
