// Command hello is a go-app hello world: the reference the visualizer's
// wasm size and start-up time are compared with (docs/performance.md).
// `go run ./wasm/e2e/hello -generate dir` writes it as a static site, as
// handleviz's own is written, so both can be served the same way.
package main

import (
	"flag"
	"log"
	"net/http"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

type hello struct {
	app.Compo
	client bool
}

// OnMount marks the page as rendered by the wasm (the pre-render says the
// same words), so that a test can tell when the app is up.
func (h *hello) OnMount(ctx app.Context) { h.client = true }

func (h *hello) Render() app.UI {
	t := app.H1().Text("Hello, World!")
	if h.client {
		t = t.DataSet("client", "1")
	}
	return t
}

func main() {
	app.Route("/", &hello{})
	app.RunWhenOnBrowser()
	generate := flag.String("generate", "", "write the static site to this directory (app.wasm is copied by the caller)")
	flag.Parse()
	h := &app.Handler{Name: "Hello", Version: "hello"}
	if *generate != "" {
		if err := app.GenerateStaticWebsite(*generate, h); err != nil {
			log.Fatal(err)
		}
		return
	}
	http.Handle("/", h)
	log.Fatal(http.ListenAndServe(":8000", nil))
}
