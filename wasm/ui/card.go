package ui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"handleviz/wasm/scene"
)

// cardC is one kernel object's card (a component: re-rendered only when it
// changes).
type cardC struct {
	app.Compo
	O    scene.ObjView
	Lang string
	Slot bool // an empty slot of a big scene's band
}

func (c *cardC) Render() app.UI {
	if c.Slot {
		return app.Div().Class("card-slot")
	}
	o, lang := &c.O, c.Lang
	deltas := make([]app.UI, 0, len(o.Deltas)+len(o.Flows)+1)
	for _, d := range o.Deltas {
		sign := "+"
		if d.To < d.From {
			sign = "−"
		}
		n := d.To - d.From
		if n < 0 {
			n = -n
		}
		deltas = append(deltas, app.Span().Class("delta").DataSet("sign", map[bool]string{true: "plus", false: "minus"}[sign == "+"]).
			Text(fmt.Sprintf("%s%d %s", sign, n, scene.T(lang, "cause."+d.Cause.String()))))
	}
	for _, f := range o.Flows {
		deltas = append(deltas, app.Span().Class("flow").DataSet("dir", f.Dir).Text(flowText(lang, f)))
	}
	state := make([]app.UI, 0, len(o.Lines)+4)
	// an anonymous pipe's end is named by its role (a named pipe's or
	// mailslot's role is its first state line)
	typeWord, name := scene.Heading(lang, o.Type, o.Name, o.Role)
	line := func(l scene.Line) app.UI {
		return app.Div().Class("state-line").DataSet("key", l.Key).Text(LineText(lang, l))
	}
	for _, l := range o.Lines {
		state = append(state, line(l))
	}
	if p := o.Pipe; p != nil && p.Holds && len(p.Buffer)+len(p.Gone) > 0 {
		state = append(state, renderBuffer(lang, p))
	}
	for _, l := range o.Waiters {
		state = append(state, line(l))
	}
	card := app.Div().ID(fmt.Sprintf("obj-%d", o.ID)).Class("card").DataSet("type", strings.ToLower(o.Type)).DataSet("change", string(o.Change)).
		Style("left", px(o.Rect.X)).Style("top", px(o.Rect.Y)).Style("width", px(o.Rect.W)).Style("height", px(o.Rect.H))
	if o.Role != "" {
		card = card.DataSet("role", o.Role)
	}
	if o.Ghost {
		card = card.DataSet("ghost", "1")
	} else {
		card = card.TabIndex(0) // Enter opens the inspector (inspector.go)
	}
	return card.Body(
		app.Div().Class("card-head").Body(
			app.Span().Class("ctype").Text(typeWord),
			app.Span().Class("cname").Text(name),
		),
		app.Div().Class("caddr").Text(addr(o.Addr)),
		app.Div().Class("count-row").Body(
			app.Span().Class("count").Aria("label", scene.T(lang, "usage")).Text(o.Usage),
			app.Span().Class("count-label").Text(scene.T(lang, "usage")),
		),
		app.Div().Class("breakdown").Text(breakdownText(lang, o)),
		app.Div().Class("deltas").Body(append(deltas, badge(lang, o.Change))...),
		app.Div().Class("state").Body(state...),
	)
}

// breakdownText is the usage count's breakdown: handles per process, then
// the kernel's own references ("Parent 1 · kernel 1").
func breakdownText(lang string, o *scene.ObjView) string {
	parts := o.Breakdown
	if o.KernelRefs > 0 {
		parts = append(parts[:len(parts):len(parts)], scene.T(lang, "kernel.refs")+" "+strconv.Itoa(o.KernelRefs))
	}
	return strings.Join(parts, " · ")
}

// renderBuffer draws the data waiting at a pipe end: one continuous box for
// a byte pipe (a read crosses the writes), a chip per message for message
// pipes and mailslots; what this micro-step wrote is marked new, what it
// read is drawn leaving (struck through).
func renderBuffer(lang string, p *scene.PipeView) app.UI {
	kind := "bytes"
	if p.Messages {
		kind = "messages"
	}
	chips := make([]app.UI, 0, len(p.Buffer)+len(p.Gone)+1)
	for _, g := range p.Gone {
		chips = append(chips, app.Span().Class("chunk").DataSet("gone", "1").Title(scene.T(lang, "data.gone")+" · "+hexTitle(g)).Body(quotedChunk(g)...))
	}
	if p.Messages {
		for i, c := range p.Buffer {
			el := app.Span().Class("chunk").Title(hexTitle(c)).Body(append([]app.UI{app.Span().Class("msg-no").Text(i + 1)}, quotedChunk(c)...)...)
			if c.New {
				el = el.DataSet("new", "1")
			}
			chips = append(chips, el)
		}
	} else if len(p.Buffer) > 0 {
		// One stream: the writes' boundaries are not kept.
		segs := make([]app.UI, 0, len(p.Buffer)+2)
		segs = append(segs, app.Text(`"`))
		for _, c := range p.Buffer {
			el := app.Span().Class("seg").Title(hexTitle(c)).Body(chunkBody(c)...)
			if c.New {
				el = el.DataSet("new", "1")
			}
			segs = append(segs, el)
		}
		segs = append(segs, app.Text(`"`))
		chips = append(chips, app.Span().Class("chunk stream").Body(segs...))
	}
	if p.Hidden > 0 {
		chips = append(chips, app.Span().Class("chunk-more").Text(fmt.Sprintf("+%d", p.Hidden)))
	}
	return app.Div().Class("buffer").DataSet("kind", kind).Body(chips...)
}

// LineText is a card's state line in lang.
func LineText(lang string, l scene.Line) string {
	if l.Key == "" {
		return l.Format("")
	}
	return scene.FixJosa(l.Format(scene.T(lang, "st."+l.Key)))
}

// flowText is a data badge: "+5 bytes from Child", "−5 bytes read by
// Parent", "5 bytes sent".
func flowText(lang string, f scene.Flow) string {
	key := "flow." + f.Dir
	if f.More {
		key += ".more"
	}
	return scene.FixJosa(scene.Line{Key: key, Args: []string{strconv.Itoa(f.Bytes), f.Who}}.Format(scene.T(lang, key)))
}
