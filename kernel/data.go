package kernel

import (
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/korean"
)

// DataUnit says how the bytes a program wrote are text: the element type of
// the buffer it passed to WriteFile. The kernel moves bytes and never looks
// at them; viewers and the runner use the unit to show them. Windows itself
// keeps no such thing: it is the model's record of the writer's C type.
type DataUnit uint8

const (
	UnitBinary DataUnit = 0 // not text: &h, a DWORD, a struct (shown as hex)
	UnitANSI   DataUnit = 1 // char: bytes in the ANSI code page, 949 (Korean Windows)
	UnitWide   DataUnit = 2 // WCHAR/TCHAR (a Unicode build): UTF-16LE code units
	// UnitSplit is a flag: the bytes begin inside a character (the second
	// byte of a UTF-16 unit or of a code page 949 double-byte character),
	// because an earlier read stopped in its middle.
	UnitSplit DataUnit = 4
)

// Width is the element type: UnitBinary, UnitANSI or UnitWide.
func (u DataUnit) Width() DataUnit { return u &^ UnitSplit }

// TextPiece is a stretch of decoded data: readable text, or one byte that is
// not a whole character (Raw: a split UTF-16 unit, half a double-byte
// character, an invalid sequence), which viewers mark as \xNN.
type TextPiece struct {
	Text string
	Raw  bool
}

// Pieces decodes data by u. Binary data is all raw bytes.
func (u DataUnit) Pieces(data string) []TextPiece {
	var out []TextPiece
	text := func(r rune) {
		if n := len(out); n > 0 && !out[n-1].Raw {
			out[n-1].Text += string(r)
			return
		}
		out = append(out, TextPiece{Text: string(r)})
	}
	raw := func(b byte) { out = append(out, TextPiece{Text: string([]byte{b}), Raw: true}) }
	i := 0
	if u&UnitSplit != 0 && u.Width() != UnitBinary && len(data) > 0 {
		raw(data[0]) // the rest of a character cut by an earlier read
		i = 1
	}
	switch u.Width() {
	case UnitWide:
		for ; i+1 < len(data); i += 2 {
			c := uint16(data[i]) | uint16(data[i+1])<<8
			if utf16.IsSurrogate(rune(c)) {
				if i+3 < len(data) {
					c2 := uint16(data[i+2]) | uint16(data[i+3])<<8
					if r := utf16.DecodeRune(rune(c), rune(c2)); r != utf8.RuneError {
						text(r)
						i += 2
						continue
					}
				}
				raw(data[i])
				raw(data[i+1])
				continue
			}
			text(rune(c))
		}
		if i < len(data) {
			raw(data[i]) // half a unit: the count was odd
		}
	case UnitANSI:
		for i < len(data) {
			b := data[i]
			if b < 0x80 {
				text(rune(b))
				i++
				continue
			}
			if r, ok := decode949(data[i:]); ok {
				text(r)
				i += 2
				continue
			}
			raw(b)
			i++
		}
	default:
		for ; i < len(data); i++ {
			raw(data[i])
		}
	}
	return out
}

// decode949 decodes the double-byte character at the start of b in code
// page 949 (golang.org/x/text's EUC-KR, which is Windows' code page 949).
func decode949(b string) (rune, bool) {
	if len(b) < 2 || b[0] < 0x81 || b[0] == 0xFF {
		return 0, false
	}
	out, err := korean.EUCKR.NewDecoder().String(b[:2])
	if err != nil {
		return 0, false
	}
	r, n := utf8.DecodeRuneInString(out)
	if r == utf8.RuneError || n != len(out) {
		return 0, false
	}
	return r, true
}

// Quote is data as the runner and tests show it: quoted text, with \xNN for
// every byte that is not part of a whole character; binary data is its
// bytes in hex.
func (u DataUnit) Quote(data string) string {
	if u.Width() == UnitBinary {
		return "[" + Hex(data) + "]"
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, p := range u.Pieces(data) {
		if p.Raw {
			b.WriteString(`\x` + strings.ToUpper(strconv.FormatUint(uint64(p.Text[0])|0x100, 16)[1:]))
			continue
		}
		q := strconv.Quote(p.Text)
		b.WriteString(q[1 : len(q)-1])
	}
	b.WriteByte('"')
	return b.String()
}

// Hex is data's bytes as upper-case hex pairs separated by spaces.
func Hex(data string) string {
	const digits = "0123456789ABCDEF"
	b := make([]byte, 0, 3*len(data))
	for i := 0; i < len(data); i++ {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, digits[data[i]>>4], digits[data[i]&15])
	}
	return string(b)
}

// cutUnit is the unit of what follows the first n bytes of data written as
// u: the same width, split when the cut falls inside a character.
func cutUnit(data string, u DataUnit, n int) DataUnit {
	w := u.Width()
	if n <= 0 || n >= len(data) || w == UnitBinary {
		if n <= 0 {
			return u
		}
		return w
	}
	i := 0
	if u&UnitSplit != 0 {
		i = 1
	}
	for i < n {
		step := 1
		switch {
		case w == UnitWide:
			step = 2
		case data[i] >= 0x80:
			if _, ok := decode949(data[i:]); ok {
				step = 2
			}
		}
		i += step
	}
	if i > n {
		return w | UnitSplit
	}
	return w
}

// Buffered is the number of bytes waiting at this end.
func (ps *PipeState) Buffered() int {
	n := 0
	for _, c := range ps.Buffer {
		n += len(c)
	}
	return n
}

// Disconnected is the state DisconnectNamedPipe leaves both ends of a
// connection in: no peer, nothing buffered (unread data is discarded).
// Viewers replaying an EvPipeDisconnected use it too.
func (ps PipeState) Disconnected() PipeState {
	ps.Conn, ps.Peer, ps.Buffer, ps.Units = ConnDisconnected, 0, nil, nil
	return ps
}

// UTF16Len is the number of UTF-16 units (WCHARs) of s.
func UTF16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}

// unitAt is the unit of Buffer[i] (text in the ANSI code page when the
// writer did not say: the kernel's own callers and tests write plain text).
func (ps *PipeState) unitAt(i int) DataUnit {
	if i < len(ps.Units) {
		return ps.Units[i]
	}
	return UnitANSI
}

// Take is what a read of up to n bytes takes from the buffer and the buffer
// it leaves, which is new slices (ps is not changed): a mailslot or a
// message-mode read takes the first message, and only its first n bytes when
// it is longer (more: ERROR_MORE_DATA, the rest stays); a byte-mode read
// crosses the boundaries of writes. unit is the taken data's (its first
// write's). Sources: "ReadFile function", "Named Pipe Type, Read, and Wait
// Modes". Viewers replaying an EvDataRead of Bytes bytes call it too.
func (ps *PipeState) Take(n int) (data string, unit DataUnit, rest []string, restUnits []DataUnit, more bool) {
	if len(ps.Buffer) == 0 {
		return "", UnitANSI, nil, nil, false
	}
	unit = ps.unitAt(0)
	if ps.End == EndMailslotServer || ps.ReadMessages {
		first := ps.Buffer[0]
		head, tail := byteCut(first, n)
		rest = append([]string(nil), ps.Buffer[1:]...)
		restUnits = make([]DataUnit, len(rest))
		for i := range rest {
			restUnits[i] = ps.unitAt(i + 1)
		}
		if tail != "" {
			rest = append([]string{tail}, rest...)
			restUnits = append([]DataUnit{cutUnit(first, unit, len(head))}, restUnits...)
		}
		return head, unit, rest, restUnits, tail != ""
	}
	var sb strings.Builder
	i, got := 0, 0
	var tail string
	var tailUnit DataUnit
	for ; i < len(ps.Buffer) && got < n; i++ {
		head, t := byteCut(ps.Buffer[i], n-got)
		sb.WriteString(head)
		got += len(head)
		if t != "" {
			tail, tailUnit = t, cutUnit(ps.Buffer[i], ps.unitAt(i), len(head))
			i++
			break
		}
	}
	if tail != "" {
		rest, restUnits = []string{tail}, []DataUnit{tailUnit}
	}
	for j := i; j < len(ps.Buffer); j++ {
		rest = append(rest, ps.Buffer[j])
		restUnits = append(restUnits, ps.unitAt(j))
	}
	return sb.String(), unit, rest, restUnits, false
}

// byteCut splits s after its first n bytes.
func byteCut(s string, n int) (head, tail string) {
	if n <= 0 {
		return "", s
	}
	if n >= len(s) {
		return s, ""
	}
	return s[:n], s[n:]
}

// Appended is the state after a write of data as unit lands in this end's
// buffer (new slices: snapshots share the old ones). WriteFile and viewers
// replaying an EvDataWritten use it.
func (ps PipeState) Appended(data string, unit DataUnit) PipeState {
	buf := make([]string, len(ps.Buffer), len(ps.Buffer)+1)
	copy(buf, ps.Buffer)
	units := make([]DataUnit, len(ps.Buffer), len(ps.Buffer)+1)
	for i := range units {
		units[i] = ps.unitAt(i)
	}
	ps.Buffer, ps.Units = append(buf, data), append(units, unit)
	return ps
}

// AfterRead is the state after a read of up to n bytes (see Take).
func (ps PipeState) AfterRead(n int) PipeState {
	_, _, ps.Buffer, ps.Units, _ = ps.Take(n)
	return ps
}
