package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"handleviz/wasm/scene"
)

// Export of the current step for slides: an SVG drawn from the scene's
// view model in Go (scene.StepSVG: self-contained, system fonts), a PNG at
// twice the size rendered from that SVG through a canvas, and every action
// of the current statement as a zip of numbered SVGs.

func (a *App) svgOptions() scene.SVGOptions {
	title := lessonTitle(a.src, a.lang)
	if title == "" {
		title = a.lessonID
	}
	return scene.SVGOptions{Lang: a.lang, Theme: a.effectiveTheme(), Title: title}
}

func (a *App) exportName(ext string) string {
	return a.lessonID + "-" + scene.StepFileName(a.tl, a.pos, ext)
}

func (a *App) closeMenu() {
	if el := app.Window().GetElementByID("export"); el.Truthy() {
		el.Call("removeAttribute", "open")
	}
}

func (a *App) exportSVG(ctx app.Context, e app.Event) {
	a.closeMenu()
	name := a.exportName("svg")
	download(name, "image/svg+xml", scene.StepSVG(a.tl, a.pos, a.svgOptions()))
	a.exported(name)
}

func (a *App) exportZip(ctx app.Context, e app.Event) {
	a.closeMenu()
	if a.tl.Len() == 0 {
		return
	}
	s := a.tl.StepOf(a.pos)
	b, err := scene.StatementZip(a.tl, s, a.svgOptions())
	if err != nil {
		a.sl.exportMsg = scene.Line{Key: "x", Args: []string{err.Error()}}.Format(scene.T(a.lang, "export.failed"))
		return
	}
	name := a.lessonID + "-" + scene.StepFileName(a.tl, a.tl.First[s], "zip")
	download(name, "application/zip", b)
	a.exported(name)
}

// exportPNG draws the step's SVG into a canvas twice its size (a data URL
// image: the SVG references nothing, so the canvas is not tainted).
func (a *App) exportPNG(ctx app.Context, e app.Event) {
	a.closeMenu()
	name := a.exportName("png")
	svgText := scene.StepSVG(a.tl, a.pos, a.svgOptions())
	win := app.Window()
	img := win.Get("Image").New()
	var onload, onerr, onblob app.Func
	release := func() {
		onload.Release()
		onerr.Release()
	}
	onblob = app.FuncOf(func(this app.Value, args []app.Value) any {
		defer onblob.Release()
		if len(args) > 0 && args[0].Truthy() {
			downloadBlob(name, args[0])
			ctx.Dispatch(func(ctx app.Context) { a.exported(name) })
		}
		return nil
	})
	onload = app.FuncOf(func(this app.Value, args []app.Value) any {
		defer release()
		w, h := img.Get("naturalWidth").Int(), img.Get("naturalHeight").Int()
		canvas := win.Get("document").Call("createElement", "canvas")
		canvas.Set("width", 2*w)
		canvas.Set("height", 2*h)
		c2 := canvas.Call("getContext", "2d")
		c2.Call("drawImage", img, 0, 0, 2*w, 2*h)
		canvas.Call("toBlob", onblob, "image/png")
		return nil
	})
	onerr = app.FuncOf(func(this app.Value, args []app.Value) any {
		defer release()
		onblob.Release()
		ctx.Dispatch(func(ctx app.Context) {
			a.sl.exportMsg = scene.Line{Key: "x", Args: []string{"SVG"}}.Format(scene.T(a.lang, "export.failed"))
		})
		return nil
	})
	img.Set("onload", onload)
	img.Set("onerror", onerr)
	img.Set("src", "data:image/svg+xml;charset=utf-8,"+win.Call("encodeURIComponent", svgText).String())
}

func (a *App) exported(name string) {
	a.sl.exportMsg = scene.Line{Key: "x", Args: []string{name}}.Format(scene.T(a.lang, "export.done"))
	if el := app.Window().GetElementByID("app"); el.Truthy() {
		el.Get("dataset").Set("exported", name) // tests wait for it
	}
}

// download saves data (a string or bytes) as a file.
func download(name, mime string, data any) {
	// The blob's parts go in a JS array: go-app converts a Go slice
	// element by element and cannot convert a JS value inside one.
	parts := app.Window().Get("Array").New()
	switch d := data.(type) {
	case []byte:
		arr := app.Window().Get("Uint8Array").New(len(d))
		app.CopyBytesToJS(arr, d)
		parts.Call("push", arr)
	case string:
		parts.Call("push", d)
	}
	blob := app.Window().Get("Blob").New(parts, map[string]any{"type": mime})
	downloadBlob(name, blob)
}

func downloadBlob(name string, blob app.Value) {
	win := app.Window()
	doc := win.Get("document")
	url := win.Get("URL").Call("createObjectURL", blob)
	link := doc.Call("createElement", "a")
	link.Set("href", url)
	link.Set("download", name) // go-app leaves links with download alone
	doc.Get("body").Call("appendChild", link)
	link.Call("click")
	link.Call("remove")
	// Revoked later: the download starts after this returns.
	win.Call("setTimeout", win.Get("URL").Get("revokeObjectURL").Call("bind", win.Get("URL"), url), 10000)
}
