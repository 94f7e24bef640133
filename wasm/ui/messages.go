package ui

import (
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// The postMessage API (docs/embedding.md): a page that embeds handleviz in
// an <iframe> (a slide deck) drives it with commands and hears where it is.
//
//	in:  {"type":"next"} {"type":"prev","by":"statement"} {"type":"goto","step":12}
//	     {"type":"goto","statement":3} {"type":"first"} {"type":"last"}
//	     {"type":"play"} {"type":"pause"} {"type":"setLang","lang":"ko"}
//	     {"type":"setTheme","theme":"dark"} {"type":"load","lesson":"04-pipe"}
//	     and reveal.js's own "slide:start" / "slide:stop" strings
//	out: {"source":"handleviz","type":"ready",…} {"source":"handleviz","type":"step",…}
//
// A message is data from another page: anything that is not one of these
// commands, well formed, is ignored with a console warning.

// maxMessage bounds the text of a message that is decoded at all.
const maxMessage = 4096

// command is one decoded message.
type command struct {
	Type      string   `json:"type"`
	By        string   `json:"by,omitempty"`        // next/prev: "statement" or "action" (default: the player's mode)
	Step      *float64 `json:"step,omitempty"`      // goto: a micro-step (0-based, as ?step=); load: where to start
	Statement *float64 `json:"statement,omitempty"` // goto: a statement (0-based): its last action, the whole statement highlighted
	Lang      string   `json:"lang,omitempty"`
	Theme     string   `json:"theme,omitempty"`
	Lesson    string   `json:"lesson,omitempty"`
}

// Themes are the values of ?theme= and setTheme (the style sheets of the
// themes apply them through <html data-theme>).
var Themes = []string{"light", "dark", "projector"}

// parseCommand decodes a message's data: the JSON text of an object (what
// the listener makes of an object posted), or one of reveal.js's strings.
// The error says, for the console, why a message is ignored.
func parseCommand(data string) (command, error) {
	switch data {
	case "slide:start", "slide:stop": // reveal.js tells an iframe its slide was shown / left
		return command{Type: data}, nil
	}
	if len(data) > maxMessage {
		return command{}, fmt.Errorf("a message of %d characters (at most %d)", len(data), maxMessage)
	}
	var c command
	dec := json.NewDecoder(strings.NewReader(data))
	if err := dec.Decode(&c); err != nil {
		return command{}, fmt.Errorf("not a command object: %v", err)
	}
	if dec.More() {
		return command{}, fmt.Errorf("text after the command object")
	}
	num := func(name string, v *float64, need bool) error {
		switch {
		case v == nil && need:
			return fmt.Errorf("%q needs %q", c.Type, name)
		case v == nil:
			return nil
		case *v < 0 || *v != math.Trunc(*v) || *v > 1e9:
			return fmt.Errorf("%q: %q must be a whole number from 0, not %v", c.Type, name, *v)
		}
		return nil
	}
	switch c.Type {
	case "next", "prev":
		if c.By != "" && c.By != "statement" && c.By != "action" {
			return command{}, fmt.Errorf("%q: \"by\" is \"statement\" or \"action\", not %q", c.Type, c.By)
		}
	case "first", "last", "play", "pause":
	case "goto":
		if (c.Step == nil) == (c.Statement == nil) {
			return command{}, fmt.Errorf(`"goto" needs one of "step" and "statement"`)
		}
		if err := num("step", c.Step, false); err != nil {
			return command{}, err
		}
		if err := num("statement", c.Statement, false); err != nil {
			return command{}, err
		}
	case "setLang":
		if c.Lang != "en" && c.Lang != "ko" {
			return command{}, fmt.Errorf(`"setLang": "lang" is "en" or "ko", not %q`, c.Lang)
		}
	case "setTheme":
		if !validTheme(c.Theme) {
			return command{}, fmt.Errorf(`"setTheme": "theme" is one of %s, not %q`, strings.Join(Themes, ", "), c.Theme)
		}
	case "load":
		if _, ok := findLesson(c.Lesson); !ok || c.Lesson == "" {
			return command{}, fmt.Errorf(`"load": no bundled lesson %q`, c.Lesson)
		}
		if err := num("step", c.Step, false); err != nil {
			return command{}, err
		}
	case "":
		return command{}, fmt.Errorf(`no "type"`)
	default:
		return command{}, fmt.Errorf("unknown command %q", c.Type)
	}
	return c, nil
}

func validTheme(t string) bool {
	for _, x := range Themes {
		if t == x {
			return true
		}
	}
	return false
}

// parseOrigins reads ?origins=https://a,https://b: the origins allowed to
// command (nil: any). Each is reduced to scheme://host[:port]; an entry
// that is no origin is left out (and said so on the console).
func parseOrigins(s string) (list []string, bad []string) {
	for _, o := range strings.Split(s, ",") {
		o = strings.TrimSpace(o)
		if o == "" {
			continue
		}
		u, err := url.Parse(o)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			bad = append(bad, o)
			continue
		}
		list = append(list, u.Scheme+"://"+strings.ToLower(u.Host))
	}
	return list, bad
}

// allowed reports whether a message from origin may command.
func (e *embedState) allowed(origin string) bool {
	if len(e.origins) == 0 {
		return true
	}
	for _, o := range e.origins {
		if o == origin {
			return true
		}
	}
	return false
}

// listenMessages starts the postMessage API. The listener only reads the
// message; the command runs on the UI goroutine.
func (a *App) listenMessages(ctx app.Context) {
	if !app.IsClient || a.emb.onMessage != nil {
		return
	}
	a.emb.onMessage = app.FuncOf(func(this app.Value, args []app.Value) any {
		if len(args) == 0 {
			return nil
		}
		origin, text, err := messageText(args[0])
		if err != nil {
			warn("handleviz: message ignored: " + err.Error())
			return nil
		}
		if !a.emb.allowed(origin) {
			warn(fmt.Sprintf("handleviz: message from %s ignored: not in ?origins=", origin))
			return nil
		}
		c, err := parseCommand(text)
		if err != nil {
			warn("handleviz: message ignored: " + err.Error())
			return nil
		}
		go ctx.Dispatch(func(ctx app.Context) { a.runCommand(ctx, c) }) // a callback must not block
		return nil
	})
	app.Window().Call("addEventListener", "message", a.emb.onMessage)
}

func (a *App) unlistenMessages() {
	if a.emb.onMessage == nil {
		return
	}
	app.Window().Call("removeEventListener", "message", a.emb.onMessage)
	a.emb.onMessage.Release()
	a.emb.onMessage = nil
}

// messageText is a message event's origin and data as text: a string as
// it is, anything else as JSON (JSON.stringify throws on a cycle or a
// BigInt, and syscall/js turns that into a panic: recovered here).
func messageText(ev app.Value) (origin, text string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("data that is not JSON (%v)", r)
		}
	}()
	origin = ev.Get("origin").String()
	d := ev.Get("data")
	switch d.Type() {
	case app.TypeString:
		return origin, d.String(), nil
	case app.TypeObject:
		if app.Window().Get("Array").Call("isArray", d).Bool() {
			return origin, "", fmt.Errorf("an array, not a command object")
		}
		s := app.Window().Get("JSON").Call("stringify", d)
		if s.Type() != app.TypeString {
			return origin, "", fmt.Errorf("data that is not JSON")
		}
		return origin, s.String(), nil
	}
	return origin, "", fmt.Errorf("data of type %s, not a command object", jsTypes[min(int(d.Type()), len(jsTypes)-1)])
}

var jsTypes = []string{"undefined", "null", "boolean", "number", "string", "symbol", "object", "function"}

func warn(msg string) {
	if c := app.Window().Get("console"); c.Truthy() {
		c.Call("warn", msg)
	}
}

// runCommand carries out one command. Every command that moves or changes
// the scene answers with a step event (goTo sends it).
func (a *App) runCommand(ctx app.Context, c command) {
	if a.tl == nil {
		return
	}
	stmt := a.stmt
	if c.By != "" {
		stmt = c.By == "statement"
	}
	switch c.Type {
	case "next":
		a.step(ctx, 1, stmt)
	case "prev":
		a.step(ctx, -1, stmt)
	case "first":
		a.First(ctx)
	case "last":
		a.Last(ctx)
	case "goto":
		if c.Step != nil {
			a.goTo(ctx, int(*c.Step), false)
		} else if n := len(a.trace.Steps); n > 0 {
			s := min(int(*c.Statement), n-1)
			a.goTo(ctx, a.tl.LastOf(s), true)
		}
	case "play":
		if !a.playing {
			a.togglePlay(ctx)
		}
	case "pause", "slide:stop":
		if a.playing {
			a.togglePlay(ctx)
			a.emitStep() // where it stopped
		}
	case "slide:start":
		a.emitStep() // the deck shows this slide again: say where the lesson is
	case "setLang":
		if c.Lang != a.lang {
			a.lang = c.Lang
			a.saveURL(ctx)
			a.showLang(ctx)
		}
		a.emitStep()
	case "setTheme":
		a.SetTheme(ctx, c.Theme)
		a.emitStep()
	case "load":
		a.loadLesson(ctx, c.Lesson)
		a.editing = false
		a.fittedW = 0
		ctx.Defer(a.fit)
		step := 0
		if c.Step != nil {
			step = int(*c.Step)
		}
		a.goTo(ctx, step, false)
	}
	a.Update()
}

// stepEvent is what the embedding page hears after every move.
type stepEvent struct {
	Source     string `json:"source"` // "handleviz"
	Type       string `json:"type"`   // "ready" or "step"
	Lesson     string `json:"lesson"`
	Lang       string `json:"lang"`
	Theme      string `json:"theme"`      // as set by ?theme= or setTheme ("" = the default)
	Index      int    `json:"index"`      // the micro-step (0-based; ?step=)
	Total      int    `json:"total"`      // micro-steps in the lesson
	Statement  int    `json:"statement"`  // the statement being shown (0-based)
	Statements int    `json:"statements"` // statements in the lesson
	Process    string `json:"process"`    // who runs the statement
	Code       string `json:"code"`       // the statement's source text
	Caption    string `json:"caption"`    // its caption in the current language
	Playing    bool   `json:"playing"`
}

func (a *App) event(kind string) stepEvent {
	ev := stepEvent{Source: "handleviz", Type: kind, Lesson: a.lessonID, Lang: a.lang, Theme: a.sl.theme, Playing: a.playing}
	if a.tl != nil && a.tl.Len() > 0 {
		ev.Index, ev.Total = a.pos, a.tl.Len()
		ev.Statement, ev.Statements = a.tl.StepOf(a.pos), len(a.trace.Steps)
		st := a.trace.Steps[ev.Statement]
		ev.Process, ev.Code, ev.Caption = st.Process, st.Text, st.Caption.In(a.lang)
	}
	return ev
}

// emitStep tells the embedding page where the lesson is (only when framed,
// and once the page has said it is ready).
func (a *App) emitStep() {
	if a.emb.ready {
		a.post(a.event("step"))
	}
}

// emitReady says once that the page listens.
func (a *App) emitReady() {
	if a.emb.ready || !app.IsClient {
		return
	}
	a.emb.ready = true
	a.post(a.event("ready"))
}

// post sends an event to the embedding page: to each allowed origin, or to
// any ("*") when no ?origins= is given (the events say only where a lesson
// is, nothing private).
func (a *App) post(ev stepEvent) {
	if !app.IsClient {
		return
	}
	w := app.Window()
	parent := w.Get("parent")
	if !parent.Truthy() || parent.Equal(w) {
		return // not in a frame
	}
	b, err := json.Marshal(ev)
	if err != nil {
		return
	}
	msg := w.Get("JSON").Call("parse", string(b))
	targets := a.emb.origins
	if len(targets) == 0 {
		targets = []string{"*"}
	}
	for _, o := range targets {
		parent.Call("postMessage", msg, o)
	}
}
