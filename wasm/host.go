//go:build !wasm

package main

import (
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"

	"handleviz/wasm/site"
)

// hostMain generates the site (-generate) or generates it into a temporary
// directory and serves it (`make run`): what `make run` serves is exactly
// what a static host would.
func hostMain() {
	addr := flag.String("addr", "localhost:8000", "address to serve on")
	wasm := flag.String("wasm", "web/app.wasm", "the app to publish (build it with `make wasm`)")
	generate := flag.String("generate", "", "write the static site to this directory instead of serving")
	base := flag.String("base", "/", "URL path the site is served under, e.g. /handleviz/ for a GitHub Pages project site")
	version := flag.String("version", "", "deployment version, the service worker's cache (default: a hash of the site's content)")
	flag.Parse()

	opts := site.Options{Base: *base, Version: *version, Wasm: *wasm}
	if *generate != "" {
		v, err := site.Generate(*generate, opts)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("handleviz: site (version %s) written to %s, to be served at %s\n", v, *generate, *base)
		return
	}
	dir, err := os.MkdirTemp("", "handleviz-site-")
	if err != nil {
		log.Fatal(err)
	}
	_, err = site.Generate(dir, opts)
	var h http.Handler
	if err == nil {
		h, err = site.Server(dir, *base)
	}
	os.RemoveAll(dir) // the server holds the files in memory
	if err != nil {
		log.Fatal(err)
	}
	b, _ := site.NormalizeBase(*base)
	fmt.Printf("handleviz: serving on http://%s%s\n", *addr, b)
	log.Fatal(site.NewHTTPServer(*addr, h).ListenAndServe())
}
