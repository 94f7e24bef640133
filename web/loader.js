// handleviz loading screen and update notice. Runs in <head> before go-app's
// app.js (which is deferred), so it can watch the app.wasm download.
//
// Progress is counted in bytes of app.wasm as the page receives them, after
// decompression: a host that sends the .br file reports its own size in
// Content-Length, so go-app's percentage would pass 100.
(function () {
  "use strict";
  // The page's data (wasm size, lesson titles) follows this script in
  // <head>: read it once the document is parsed.
  let siteData = null;
  const site = () => siteData || (siteData = JSON.parse(document.getElementById("handleviz-site").textContent));
  const query = new URLSearchParams(location.search);
  const lang = query.get("lang") === "ko" || (query.get("lang") !== "en" && (navigator.language || "").startsWith("ko")) ? "ko" : "en";
  const text = {
    en: { of: "of", mb: "MB", loading: "Loading the visualizer", updated: "handleviz was updated: reload to use the new version.", reload: "Reload" },
    ko: { of: "/", mb: "MB", loading: "시각화 도구를 불러오는 중", updated: "handleviz의 새 버전이 설치되었습니다. 새로 고침하면 새 버전으로 실행됩니다.", reload: "새로 고침" },
  }[lang];

  let received = 0;
  let bar = null;
  let count = null;
  const mb = (n) => (n / 1048576).toFixed(1);
  const show = () => {
    if (!bar) {
      return;
    }
    bar.value = Math.min(received, site().wasmBytes);
    count.textContent = mb(received) + " " + text.of + " " + mb(site().wasmBytes) + " " + text.mb;
  };

  // Count the bytes of app.wasm: the response go-app gets is the same
  // stream, passed through.
  const realFetch = window.fetch.bind(window);
  window.fetch = async function (input, init) {
    const resp = await realFetch(input, init);
    const url = typeof input === "string" ? input : input.url;
    if (!url.endsWith("/web/app.wasm") || !resp.body) {
      return resp;
    }
    const reader = resp.body.getReader();
    const counted = new ReadableStream({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) {
          performance.mark("hv-wasm-received");
          controller.close();
          return;
        }
        received += value.byteLength;
        show();
        controller.enqueue(value);
      },
      cancel(reason) {
        reader.cancel(reason);
      },
    });
    return new Response(counted, { status: resp.status, statusText: resp.statusText, headers: resp.headers });
  };

  // Start-up figures (docs/performance.md): when the wasm was compiled and
  // instantiated; go.run starts right after.
  const instantiate = WebAssembly.instantiateStreaming;
  if (instantiate) {
    WebAssembly.instantiateStreaming = (source, imports) =>
      instantiate.call(WebAssembly, source, imports).then((r) => {
        performance.mark("hv-wasm-instantiated");
        return r;
      });
  }

  // The loading screen: the lesson being opened, what it is about, and the
  // download.
  const fill = () => {
    const loader = document.getElementById("app-wasm-loader");
    if (!loader) {
      return;
    }
    const lesson = site().lessons[query.get("lesson")] || site().lessons[site().defaultLesson];
    const box = document.createElement("div");
    box.className = "hv-loading";
    const title = document.createElement("h1");
    title.className = "hv-loading-title";
    title.textContent = lesson ? lesson.title[lang] || lesson.title.en : "handleviz";
    box.appendChild(title);
    if (lesson && (lesson.summary[lang] || lesson.summary.en)) {
      const summary = document.createElement("p");
      summary.className = "hv-loading-summary";
      summary.textContent = lesson.summary[lang] || lesson.summary.en;
      box.appendChild(summary);
    }
    const what = document.createElement("p");
    what.className = "hv-loading-what";
    what.textContent = text.loading;
    box.appendChild(what);
    bar = document.createElement("progress");
    bar.id = "hv-loading-bar";
    bar.max = site().wasmBytes;
    bar.value = 0;
    box.appendChild(bar);
    count = document.createElement("p");
    count.id = "hv-loading-bytes";
    count.className = "hv-loading-bytes";
    box.appendChild(count);
    loader.insertBefore(box, loader.firstChild);
    show();
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fill, { once: true });
  } else {
    fill();
  }

  // A new deployment: its service worker takes over from the one that
  // served this page (see worker.js), deleting this version's cache. Say so;
  // the next load runs it. The check compares caches rather than waiting for
  // one event: on a fast machine the new worker can take over before this
  // script listens, and on a slow one after the page has loaded.
  if ("serviceWorker" in navigator && window.caches) {
    const hadController = !!navigator.serviceWorker.controller;
    const notify = () => {
      if (document.getElementById("hv-updated")) {
        return;
      }
      const note = document.createElement("div");
      note.id = "hv-updated";
      note.setAttribute("role", "status");
      const msg = document.createElement("span");
      msg.textContent = text.updated;
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = text.reload;
      button.addEventListener("click", () => location.reload());
      note.appendChild(msg);
      note.appendChild(button);
      document.body.appendChild(note);
    };
    // The version this page runs is app.js's (go-app's goappEnv), which came
    // from the cache of the worker that controlled the page when it loaded.
    const check = () => {
      if (!hadController || typeof goappEnv === "undefined" || !document.body) {
        return;
      }
      const mine = "handleviz-" + goappEnv.GOAPP_VERSION;
      caches
        .keys()
        .then((keys) => {
          const ours = keys.filter((k) => k.startsWith("handleviz-"));
          if (ours.length > 0 && !ours.includes(mine)) {
            notify();
          }
        })
        .catch(() => {});
    };
    // A worker is the page's controller from the start of its activation,
    // before its activate handler has deleted the old cache: check once it
    // is activated.
    const checkWhenActive = (w) => {
      if (!w || w.state === "activated") {
        check();
        return;
      }
      w.addEventListener("statechange", () => w.state === "activated" && check());
    };
    navigator.serviceWorker.addEventListener("controllerchange", () => checkWhenActive(navigator.serviceWorker.controller));
    window.addEventListener("load", () => checkWhenActive(navigator.serviceWorker.controller), { once: true });
    // Look for a new deployment on every visit, not only when the browser
    // gets round to it. (Its worker takes over at once, worker.js: the
    // controllerchange above follows.)
    navigator.serviceWorker
      .getRegistration()
      .then((r) => r && r.update())
      .catch(() => {});
  }
})();
