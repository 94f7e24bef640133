// Package web holds the files the published site adds to go-app's: the
// service worker and the loading screen. The build output (app.wasm) is
// written next to them and is not part of the package.
package web

import _ "embed"

// Worker is the service worker, a text/template with {{.Version}} and
// {{.ResourcesToCache}} (go-app's Handler.ServiceWorkerTemplate).
//
//go:embed worker.js
var Worker string

// LoaderJS and LoaderCSS are the loading screen: the lesson's title and
// summary and the bytes of app.wasm received so far; and the "updated"
// notice when a new deployment took over.
//
//go:embed loader.js
var LoaderJS []byte

//go:embed loader.css
var LoaderCSS []byte
