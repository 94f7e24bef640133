package ui

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"handleviz/kernel"
	"handleviz/wasm/scene"
)

// chunkBody is a data chunk as the card shows it, without quotes: decoded
// text, and each byte that is no whole character as a marked \xNN (class
// "raw"), so a UTF-16 unit an odd count split is visible and never shown as
// a wrong character. Binary data (a handle value, a DWORD) is its hex bytes.
func chunkBody(c scene.Chunk) []app.UI {
	ps := c.Pieces()
	out := make([]app.UI, 0, len(ps))
	for _, p := range ps {
		if p.Raw {
			out = append(out, app.Span().Class("raw").Text(scene.RawText(p, c.Unit)))
			continue
		}
		q := strconv.Quote(p.Text)
		out = append(out, app.Text(q[1:len(q)-1]))
	}
	return out
}

// quotedChunk is chunkBody in quotes (text) or brackets (binary).
func quotedChunk(c scene.Chunk) []app.UI {
	open, end := `"`, `"`
	if c.Unit.Width() == kernel.UnitBinary {
		open, end = "[", "]"
	}
	return append(append([]app.UI{app.Text(open)}, chunkBody(c)...), app.Text(end))
}

// hexTitle is a chunk's hex view, shown on demand (hover or long press).
func hexTitle(c scene.Chunk) string {
	return strconv.Itoa(len(c.Data)) + " B: " + c.Hex()
}
