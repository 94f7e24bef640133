// Command wasm is the handleviz visualizer. Built for GOOS=js GOARCH=wasm it
// is the app (web/app.wasm); built for the host it serves the app or writes
// it out as a static site:
//
//	go run ./wasm -addr localhost:8000          # serve (make run)
//	go run ./wasm -generate dist                # static site in dist/
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"log"
	"net/http"
	"os"
	"path/filepath"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"handleviz/assets"
	"handleviz/wasm/ui"
)

func main() {
	ui.Register()
	app.RunWhenOnBrowser() // in the browser, this runs the app and never returns

	addr := flag.String("addr", "localhost:8000", "address to serve on")
	root := flag.String("root", ".", "directory holding web/app.wasm")
	generate := flag.String("generate", "", "write a static site to this directory instead of serving")
	version := flag.String("version", "", "service-worker cache version (default: new on every start)")
	flag.Parse()

	h := ui.Handler(*version)
	if *generate != "" {
		if err := generateSite(*generate, *root, h); err != nil {
			log.Fatal(err)
		}
		return
	}
	if err := os.Chdir(*root); err != nil {
		log.Fatal(err)
	}
	if _, err := os.Stat("web/app.wasm"); err != nil {
		log.Fatalf("web/app.wasm is missing (build it with `make web/app.wasm`): %v", err)
	}
	fmt.Printf("handleviz: serving on http://%s/\n", *addr)
	log.Fatal(http.ListenAndServe(*addr, ui.Serve(h)))
}

// generateSite writes the pages and scripts, then copies app.wasm and the
// embedded style sheet and icon next to them.
func generateSite(dir, root string, h *app.Handler) error {
	if err := app.GenerateStaticWebsite(dir, h); err != nil {
		return err
	}
	wasm, err := os.ReadFile(filepath.Join(root, "web", "app.wasm"))
	if err != nil {
		return fmt.Errorf("web/app.wasm: %w (build it first)", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "web", "app.wasm"), wasm, 0o644); err != nil {
		return err
	}
	for url, name := range ui.StaticFiles {
		b, err := fs.ReadFile(assets.FS, name)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(url[1:])), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}
