// Command hello is a go-app hello world: the reference the visualizer's
// wasm size is compared with (docs/performance.md).
package main

import (
	"log"
	"net/http"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

type hello struct{ app.Compo }

func (h *hello) Render() app.UI { return app.H1().Text("Hello, World!") }

func main() {
	app.Route("/", &hello{})
	app.RunWhenOnBrowser()
	http.Handle("/", &app.Handler{Name: "Hello"})
	log.Fatal(http.ListenAndServe(":8000", nil))
}
