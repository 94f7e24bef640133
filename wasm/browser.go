//go:build wasm

package main

// hostMain is never reached in the browser (app.RunWhenOnBrowser does not
// return); the server and generator stay out of app.wasm.
func hostMain() {}
