package ui

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"handleviz/wasm/scene"
)

// Links that carry code. The "Link" button gives the page's URL with the
// code in its fragment (#code=…: raw DEFLATE, then base64url), or #lesson
// for the lesson's own code; the fragment never reaches a server. A page
// opened from such a link plays the link's code and never swaps in an edit
// saved in this browser without asking: it says that edit exists and offers
// it. A plain URL (a reload of one's own page) still opens one's saved edit.

// MaxLinkLen is the longest link offered: chat apps, mail and older
// browsers cut longer ones.
const MaxLinkLen = 8000

// EncodeCode packs source text for a URL fragment.
func EncodeCode(src string) string {
	var b bytes.Buffer
	w, _ := flate.NewWriter(&b, flate.BestCompression)
	w.Write([]byte(src))
	w.Close()
	return base64.RawURLEncoding.EncodeToString(b.Bytes())
}

// DecodeCode unpacks EncodeCode's text; it refuses what is not base64url,
// not DEFLATE, larger than a scenario may be (no decompression bomb) or
// not UTF-8.
func DecodeCode(s string) (string, error) {
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
	if err != nil {
		return "", err
	}
	r := flate.NewReader(bytes.NewReader(raw))
	defer r.Close()
	out, err := io.ReadAll(io.LimitReader(r, scene.MaxSource+1))
	if err != nil {
		return "", err
	}
	if len(out) > scene.MaxSource {
		return "", errors.New("the code is longer than a scenario may be")
	}
	if !utf8.Valid(out) {
		return "", errors.New("the code is not UTF-8 text")
	}
	return string(out), nil
}

// openLinkCode plays the code a link carries (fragment "code=…", or
// "lesson" for the lesson's own code), keeping a local edit aside.
func (a *App) openLinkCode(ctx app.Context, fragment string) {
	a.sl.linkLocal, a.sl.linkBroken = "", false
	var code string
	switch {
	case fragment == "lesson":
	case strings.HasPrefix(fragment, "code="):
		c, err := DecodeCode(strings.TrimPrefix(fragment, "code="))
		if err != nil {
			a.sl.linkBroken = true
		}
		code = c
	default:
		return
	}
	l, ok := findLesson(a.lessonID)
	if !ok {
		return
	}
	if code == "" {
		code = l.Source
	}
	var saved string
	ctx.GetState(editKey(l.ID), &saved)
	if saved != "" && saved != code && saved != l.Source {
		a.sl.linkLocal = saved
	}
	a.recovered = ""
	if code != a.src {
		a.setSource(code, code != l.Source)
	}
}

// linkFor is the link to the current step, with the code if edited.
func (a *App) linkFor(ctx app.Context) string {
	u := *ctx.Page().URL()
	q := u.Query()
	q.Set("lesson", a.lessonID)
	q.Set("step", strconv.Itoa(a.pos))
	q.Set("lang", a.lang)
	u.RawQuery = q.Encode()
	u.Fragment = "lesson"
	if l, ok := findLesson(a.lessonID); !ok || a.src != l.Source {
		u.Fragment = "code=" + EncodeCode(a.src)
	}
	return u.String()
}

func (a *App) openLink(ctx app.Context, e app.Event) {
	a.sl.linkURL = a.linkFor(ctx)
	a.sl.linkLen = len(a.sl.linkURL)
	a.sl.linkOpen, a.sl.copied = true, false
}

func (a *App) copyLink(ctx app.Context, e app.Event) {
	if el := app.Window().GetElementByID("share-url"); el.Truthy() {
		el.Call("select")
	}
	if cb := app.Window().Get("navigator").Get("clipboard"); cb.Truthy() {
		cb.Call("writeText", a.sl.linkURL)
	} else {
		app.Window().Get("document").Call("execCommand", "copy")
	}
	a.sl.copied = true
}

func (a *App) downloadCode(ctx app.Context, e app.Event) {
	download(a.lessonID+"-edited.scn", "text/plain;charset=utf-8", a.src)
}

func (a *App) renderLink() app.UI {
	if !a.sl.linkOpen {
		return nil
	}
	var body []app.UI
	if a.sl.linkLen > MaxLinkLen {
		body = append(body,
			app.P().ID("share-toolong").Class("notice").Role("alert").Text(scene.Line{Key: "x", Args: []string{strconv.Itoa(a.sl.linkLen), strconv.Itoa(MaxLinkLen)}}.Format(scene.T(a.lang, "link.toolong"))),
			app.Button().ID("share-download").Class("btn").Text(scene.T(a.lang, "link.download")).OnClick(a.downloadCode),
		)
	} else {
		if strings.Contains(a.sl.linkURL, "#code=") {
			body = append(body, app.P().Class("share-note").Text(scene.Line{Key: "x", Args: []string{strconv.Itoa(len(a.src))}}.Format(scene.T(a.lang, "link.code"))))
		}
		copyLabel := scene.T(a.lang, "link.copy")
		if a.sl.copied {
			copyLabel = scene.T(a.lang, "link.copied")
		}
		body = append(body,
			app.Input().ID("share-url").Class("share-url").Type("text").ReadOnly(true).Value(a.sl.linkURL).Aria("label", scene.T(a.lang, "link.share")),
			app.Button().ID("share-copy").Class("btn primary").Text(copyLabel).OnClick(a.copyLink),
		)
	}
	body = append(body, app.Button().ID("share-close").Class("btn").Text(scene.T(a.lang, "link.close")).
		OnClick(func(ctx app.Context, e app.Event) { a.sl.linkOpen = false }))
	return app.Div().ID("share").Class("share").Role("dialog").Aria("label", scene.T(a.lang, "link.share")).Body(
		app.Div().Class("quiz-title").Text(scene.T(a.lang, "link.title")),
		app.Div().Class("share-body").Body(body...),
	)
}

// renderLinkNotice says, above the code, that a link's code was opened
// instead of the local edit (with a button for that edit), or that the
// link's code was damaged.
func (a *App) renderLinkNotice() app.UI {
	switch {
	case a.sl.linkBroken:
		return app.Div().ID("link-broken").Class("notice").Role("alert").Text(scene.T(a.lang, "link.bad"))
	case a.sl.linkLocal != "":
		return app.Div().ID("link-local").Class("notice").Body(
			app.Span().Text(scene.T(a.lang, "link.local")),
			app.Button().ID("link-openmine").Class("btn").Text(scene.T(a.lang, "link.openmine")).OnClick(a.openMine),
		)
	}
	return nil
}

func (a *App) openMine(ctx app.Context, e app.Event) {
	src := a.sl.linkLocal
	a.sl.linkLocal = ""
	a.runSaved(src)
	// Drop the link's code from the address: a reload opens the edit.
	u := *ctx.Page().URL()
	u.Fragment = ""
	ctx.Page().ReplaceURL(&u)
	a.saveURL(ctx)
}
