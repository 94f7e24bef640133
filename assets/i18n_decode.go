package assets

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// decodeTranslations reads i18n.json's one shape, {"key": {"lang": "text",
// …}, …}, without encoding/json: its reflection-driven decoding was a
// visible part of the visualizer's start-up in the browser (the wasm runs
// it before the first scene, in V8's baseline tier). ok is false for
// anything outside that shape or any escape beyond \" \\ \/ \n \t \uXXXX
// (outside the surrogates); the caller then uses encoding/json.
func decodeTranslations(b []byte) (m map[string]map[string]string, ok bool) {
	d := jsonScan{s: string(b)}
	m = map[string]map[string]string{}
	if !d.byte('{') {
		return nil, false
	}
	if d.peek('}') {
		return m, d.end()
	}
	for {
		key, ok := d.str()
		if !ok || !d.byte(':') || !d.byte('{') {
			return nil, false
		}
		inner := map[string]string{}
		if !d.peek('}') {
			for {
				lang, ok1 := d.str()
				if !ok1 || !d.byte(':') {
					return nil, false
				}
				text, ok2 := d.str()
				if !ok2 {
					return nil, false
				}
				inner[lang] = text
				if d.byte(',') {
					continue
				}
				if !d.byte('}') {
					return nil, false
				}
				break
			}
		}
		m[key] = inner
		if d.byte(',') {
			continue
		}
		if !d.byte('}') {
			return nil, false
		}
		return m, d.end()
	}
}

type jsonScan struct {
	s   string
	off int
}

func (d *jsonScan) space() {
	for d.off < len(d.s) && strings.IndexByte(" \t\r\n", d.s[d.off]) >= 0 {
		d.off++
	}
}

// byte consumes c (after white space) if it is next.
func (d *jsonScan) byte(c byte) bool {
	d.space()
	if d.off < len(d.s) && d.s[d.off] == c {
		d.off++
		return true
	}
	return false
}

// peek consumes c if it is next, as byte does.
func (d *jsonScan) peek(c byte) bool { return d.byte(c) }

func (d *jsonScan) end() bool {
	d.space()
	return d.off == len(d.s)
}

func (d *jsonScan) str() (string, bool) {
	if !d.byte('"') {
		return "", false
	}
	start := d.off
	var b *strings.Builder
	for d.off < len(d.s) {
		c := d.s[d.off]
		switch {
		case c == '"':
			out := d.s[start:d.off]
			if b != nil {
				b.WriteString(out)
				out = b.String()
			}
			d.off++
			if !utf8.ValidString(out) {
				return "", false
			}
			return out, true
		case c < 0x20:
			return "", false
		case c == '\\':
			if b == nil {
				b = &strings.Builder{}
			}
			b.WriteString(d.s[start:d.off])
			if d.off+1 >= len(d.s) {
				return "", false
			}
			switch e := d.s[d.off+1]; e {
			case '"', '\\', '/':
				b.WriteByte(e)
				d.off += 2
			case 'n':
				b.WriteByte('\n')
				d.off += 2
			case 't':
				b.WriteByte('\t')
				d.off += 2
			case 'u':
				if d.off+6 > len(d.s) {
					return "", false
				}
				r, err := strconv.ParseUint(d.s[d.off+2:d.off+6], 16, 32)
				if err != nil || r >= 0xD800 && r < 0xE000 {
					return "", false
				}
				b.WriteRune(rune(r))
				d.off += 6
			default:
				return "", false
			}
			start = d.off
		default:
			d.off++
		}
	}
	return "", false
}
