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
func chunkBody(c scene.Chunk) []app.UI { return chunkUI(c, "", "") }

// quotedChunk is chunkBody in quotes (text) or brackets (binary).
func quotedChunk(c scene.Chunk) []app.UI {
	if c.Unit.Width() == kernel.UnitBinary {
		return chunkUI(c, "[", "]")
	}
	return chunkUI(c, `"`, `"`)
}

// chunkUI renders the pieces between open and end, text runs as one text
// node each.
func chunkUI(c scene.Chunk, open, end string) []app.UI {
	var out []app.UI
	run := open
	for _, p := range c.Pieces() {
		if p.Raw {
			if run != "" {
				out = append(out, app.Text(run))
				run = ""
			}
			out = append(out, app.Span().Class("raw").Text(scene.RawText(p, c.Unit)))
			continue
		}
		q := strconv.Quote(p.Text)
		run += q[1 : len(q)-1]
	}
	if run += end; run != "" {
		out = append(out, app.Text(run))
	}
	return out
}

// hexTitle is a chunk's hex view, shown on demand (hover or long press).
func hexTitle(c scene.Chunk) string {
	return strconv.Itoa(len(c.Data)) + " B: " + c.Hex()
}
