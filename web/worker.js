// handleviz service worker (a go-app ServiceWorkerTemplate).
//
// Why not go-app's stock worker: it caches the page under "/viz" only (a
// sub-path's "/viz/" and every "?lesson=…" URL then fail offline), its list
// can hold "/" twice (Cache.addAll rejects duplicates, so it never
// installs), and it can fill its cache from the browser's HTTP cache, so a
// new deployment could be cached with old files.
//
// Pages: network first, the cached app when offline. Everything else: this
// version's cache first. A new version (a new deployment changes
// the version below, so this file changes) installs beside the old one, takes
// over at once and deletes the old cache; the page then says "updated".
const cacheName = "handleviz-" + "{{.Version}}";
const scope = new URL(self.registration.scope).pathname; // "/" or "/sub/path/"
const resourcesToCache = [...new Set({{.ResourcesToCache}}
  // go-app lists the page as "/sub/path": on a static host that is a
  // redirect, and a redirected response cannot answer a navigation.
  .filter((u) => u + "/" !== scope)
  .concat([scope]))];

self.addEventListener("install", (e) => {
  e.waitUntil(
    caches
      .open(cacheName)
      // "reload": straight from the server, never the HTTP cache, so that a
      // new version is cached whole.
      .then((c) => c.addAll(resourcesToCache.map((u) => new Request(u, { cache: "reload" }))))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (e) => {
  e.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("handleviz-") && k !== cacheName).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (e) => {
  const req = e.request;
  if (req.method !== "GET" || !req.url.startsWith(self.registration.scope)) {
    return;
  }
  if (req.mode === "navigate") {
    e.respondWith(
      fetch(req).catch(() =>
        caches.open(cacheName).then((c) => c.match(scope)).then((r) => r || Response.error())
      )
    );
    return;
  }
  e.respondWith(
    caches
      .open(cacheName)
      .then((c) => c.match(req, { ignoreSearch: true }))
      .then((r) => r || fetch(req))
  );
});
