// Command wasm is the handleviz visualizer. Built for GOOS=js GOARCH=wasm it
// is the app (web/app.wasm); built for the host it writes the app out as a
// static site or serves that site (host.go):
//
//	go run ./wasm -addr localhost:8000                 # serve (make run)
//	go run ./wasm -generate dist -base /handleviz/     # static site (make site)
package main

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"handleviz/wasm/ui"
)

func main() {
	ui.Mark("hv-go-main") // after the runtime's start and package initialisation
	ui.RaiseGCForStartup()
	ui.Register()
	app.RunWhenOnBrowser() // in the browser, this runs the app and never returns
	hostMain()
}
