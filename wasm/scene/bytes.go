package scene

import (
	"unicode/utf8"

	"handleviz/kernel"
)

// Data in a pipe is bytes (what WriteFile was given); it is shown as the
// text the writer's element type makes of it (kernel.DataUnit): readable
// where the bytes decode, \xNN for a byte that is no whole character (a
// UTF-16 unit an odd count split, half a code page 949 character), hex for
// binary data such as a handle value.

// unitOf is the unit of the i-th chunk of an end's buffer.
func unitOf(ps *kernel.PipeState, i int) kernel.DataUnit {
	if i < len(ps.Units) {
		return ps.Units[i]
	}
	return kernel.UnitANSI
}

// Pieces is the chunk decoded: text, and raw bytes to be marked.
func (c Chunk) Pieces() []kernel.TextPiece {
	if c.Unit.Width() == kernel.UnitBinary {
		return []kernel.TextPiece{{Text: kernel.Hex(c.Data), Raw: true}}
	}
	return c.Unit.Pieces(c.Data)
}

// Hex is the chunk's bytes in hex (the card's hex view).
func (c Chunk) Hex() string { return kernel.Hex(c.Data) }

// Width is about how many characters the chunk takes on a card.
func (c Chunk) Width() int {
	n := 0
	for _, p := range c.Pieces() {
		if p.Raw {
			n += 4 * len(p.Text)
		} else {
			n += utf8.RuneCountInString(p.Text)
		}
	}
	return n
}

// RawText is how a raw piece is written: \xNN per byte, or the hex bytes
// of binary data.
func RawText(p kernel.TextPiece, unit kernel.DataUnit) string {
	if unit.Width() == kernel.UnitBinary {
		return p.Text
	}
	b := make([]byte, 0, 4*len(p.Text))
	for i := 0; i < len(p.Text); i++ {
		b = append(b, '\\', 'x')
		b = append(b, kernel.Hex(p.Text[i:i+1])...)
	}
	return string(b)
}

// chipLabel is a data chip's text: the data as the runner quotes it,
// shortened.
func chipLabel(d string, u kernel.DataUnit) string {
	q := u.Quote(d)
	r := []rune(q)
	if len(r) > 22 {
		return string(r[:20]) + "…"
	}
	return q
}

// Text is the chunk as the card shows it, without quotes: decoded text,
// \xNN for each byte that is no whole character, hex for binary data.
func (c Chunk) Text() string {
	q := c.Unit.Quote(c.Data)
	return q[1 : len(q)-1]
}
