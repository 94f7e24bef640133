package scenario

import (
	"encoding/binary"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/korean"

	"handleviz/kernel"
	"handleviz/kernel/syntax"
)

// The memory model. A scenario's strings are C memory, byte for byte:
//
//   - a char array or "literal" holds bytes in the ANSI code page, 949 on
//     Korean Windows (golang.org/x/text's EUC-KR, which is code page 949),
//     so "안녕" is 4 bytes and strlen counts them;
//   - a WCHAR/TCHAR array, L"…" and TEXT("…") hold UTF-16LE code units (the
//     model is a Unicode build: TCHAR is WCHAR), so an emoji is two units;
//   - a string Value's S is those bytes: an array's whole storage (T.Size
//     bytes, its elements keeping their values past a NUL), a literal's or a
//     pointer's text with its terminating NUL;
//   - string functions (lstrlen, _tcscpy, %s, …) stop at the first NUL unit,
//     as C's do;
//   - any variable is bytes too: &x with sizeof(x) of a HANDLE, a DWORD, an
//     integer array or a structure (x64 layout) can be written to a pipe and
//     read back.

// unitSize is the size of a string type's element: 2 for TCHAR, 1 for char.
func unitSize(t *Type) int {
	if t.Wide {
		return 2
	}
	return 1
}

// dataUnit is the kernel's record of a buffer's element type.
func dataUnit(t *Type) kernel.DataUnit {
	switch {
	case t.Kind != kStr:
		return kernel.UnitBinary
	case t.Wide:
		return kernel.UnitWide
	}
	return kernel.UnitANSI
}

// encodeText is text (UTF-8, perhaps with NULs) in a string type's bytes,
// without a terminator. A character code page 949 lacks becomes '?', as
// WideCharToMultiByte's default character; a \xNN escape (a rune below
// 0x100 that has no code page 949 form) is that byte, as in C.
func encodeText(text string, wide bool) string {
	n := len(text)
	if wide {
		n *= 2
	}
	return string(appendText(make([]byte, 0, n), text, wide))
}

// appendText appends text's bytes in a string type's encoding to b.
func appendText(b []byte, text string, wide bool) []byte {
	if wide {
		for _, r := range text {
			if r >= 0x10000 {
				r1, r2 := utf16.EncodeRune(r)
				b = binary.LittleEndian.AppendUint16(b, uint16(r1))
				b = binary.LittleEndian.AppendUint16(b, uint16(r2))
				continue
			}
			b = binary.LittleEndian.AppendUint16(b, uint16(r))
		}
		return b
	}
	for _, r := range text {
		if r < 0x80 {
			b = append(b, byte(r))
			continue
		}
		if out, err := korean.EUCKR.NewEncoder().String(string(r)); err == nil && out != "" {
			b = append(b, out...)
			continue
		}
		if r < 0x100 {
			b = append(b, byte(r))
			continue
		}
		b = append(b, '?')
	}
	return b
}

// units is the number of elements in s's bytes.
func units(s string, wide bool) int {
	if wide {
		return len(s) / 2
	}
	return len(s)
}

// unitAt is element i of s (0 past its end).
func unitAt(s string, wide bool, i int) uint64 {
	if wide {
		if 2*i+1 < len(s) {
			return uint64(s[2*i]) | uint64(s[2*i+1])<<8
		}
		return 0
	}
	if i < len(s) {
		return uint64(s[i])
	}
	return 0
}

// setUnit stores element i of s.
func setUnit(s string, wide bool, i int, n uint64) string {
	b := []byte(s)
	if wide {
		binary.LittleEndian.PutUint16(b[2*i:], uint16(n))
	} else {
		b[i] = byte(n)
	}
	return string(b)
}

// cLen is C's strlen/wcslen: elements before the first NUL.
func cLen(s string, wide bool) int {
	if !wide {
		if i := strings.IndexByte(s, 0); i >= 0 {
			return i
		}
		return len(s)
	}
	// A NUL unit is two zero bytes at an even offset (strings.Index is
	// vectorized; a loop over 8 KB arrays was most of a string compare).
	for i := 0; i+1 < len(s); {
		j := strings.Index(s[i:], "\x00\x00")
		if j < 0 {
			break
		}
		if k := i + j; k%2 == 0 {
			return k / 2
		}
		i += j + 1
	}
	return len(s) / 2
}

// cBytes is the bytes of the C string in s: up to its first NUL.
func cBytes(s string, wide bool) string {
	n := cLen(s, wide)
	if wide {
		return s[:2*n]
	}
	return s[:n]
}

// decodeText is bytes as UTF-8 text (all of them, NULs included); a unit
// that is no character becomes U+FFFD.
func decodeText(s string, wide bool) string {
	if !wide && isASCII(s) {
		return s
	}
	var b strings.Builder
	writeDecoded(&b, s, wide)
	return b.String()
}

// writeDecoded is decodeText into a strings.Builder.
func writeDecoded(b *strings.Builder, s string, wide bool) {
	if wide {
		b.Grow(len(s) / 2)
		for i := 0; i+1 < len(s); i += 2 {
			r := rune(s[i]) | rune(s[i+1])<<8
			switch {
			case r < 0x80:
				b.WriteByte(byte(r))
				continue
			case utf16.IsSurrogate(r):
				if r < 0xDC00 && i+3 < len(s) {
					if d := utf16.DecodeRune(r, rune(s[i+2])|rune(s[i+3])<<8); d != utf8.RuneError {
						b.WriteRune(d)
						i += 2
						continue
					}
				}
				r = utf8.RuneError
			}
			b.WriteRune(r)
		}
		return
	}
	if isASCII(s) {
		b.WriteString(s)
		return
	}
	for _, p := range kernel.UnitANSI.Pieces(s) {
		if p.Raw {
			b.WriteRune(utf8.RuneError)
			continue
		}
		b.WriteString(p.Text)
	}
}

// isASCII reports whether s has no byte over 0x7F.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// cText is a string value's C string as text: what lstrlen, %s and the
// kernel's name arguments see.
func cText(v Value) string { return decodeText(cBytes(v.S, v.T.Wide), v.T.Wide) }

// strValue is text as a string of type t: an array's storage (zero-filled
// past the text), else the text and its terminator.
func strValue(t *Type, text string) Value {
	n := len(text) + 2
	if t.Wide {
		n = 2*len(text) + 2
	}
	if t.Len > 0 {
		n = t.Size
	}
	// One allocation: the builder's bytes become the string.
	var sb strings.Builder
	sb.Grow(n)
	writeText(&sb, text, t.Wide)
	for i := unitSize(t); i > 0; i-- {
		sb.WriteByte(0)
	}
	s := sb.String()
	if t.Len > 0 {
		if len(s) < t.Size {
			s += string(make([]byte, t.Size-len(s)))
		} else {
			s = s[:t.Size]
		}
	}
	return Value{T: t, S: s}
}

// writeText is appendText into a strings.Builder.
func writeText(sb *strings.Builder, text string, wide bool) {
	if !wide {
		sb.Write(appendText(nil, text, false))
		return
	}
	for _, r := range text {
		if r >= 0x10000 {
			r1, r2 := utf16.EncodeRune(r)
			sb.WriteByte(byte(r1))
			sb.WriteByte(byte(r1 >> 8))
			r = r2
		}
		sb.WriteByte(byte(r))
		sb.WriteByte(byte(r >> 8))
	}
}

// zeroStr is an array's zeroed storage (or an empty string).
func zeroStr(t *Type) Value {
	if t.Len > 0 {
		return Value{T: t, S: string(make([]byte, t.Size))}
	}
	return Value{T: t}
}

// literal is a string literal's value: its bytes and terminator. Values
// are kept per literal (a loop evaluates one many times).
func (in *interp) literal(x *syntax.StringLit) Value {
	if v, ok := in.lits[x]; ok {
		return v
	}
	t := tCStr
	if x.Wide {
		t = tStr
	}
	v := Value{T: t, S: encodeText(x.Value, x.Wide) + strings.Repeat("\x00", unitSize(t))}
	if in.lits == nil {
		in.lits = map[*syntax.StringLit]Value{}
	}
	in.lits[x] = v
	return v
}

// strInto is what storing val into a string of type t whose bytes are old
// leaves, and the elements the store needs (with the terminator): C's
// strcpy for an array (the C string and its NUL, the elements after it
// untouched), the pointed-to string for a pointer. A string of the other
// width is converted (C would not compile it; the model keeps the text).
func strInto(t *Type, old string, val Value) (string, int) {
	src := val.S
	if val.T.Wide != t.Wide {
		src = encodeText(cText(val), t.Wide) + strings.Repeat("\x00", unitSize(t))
	}
	if t.Len == 0 {
		return src, units(src, t.Wide)
	}
	c := cBytes(src, t.Wide)
	end := len(c) + unitSize(t)
	need := units(c, t.Wide) + 1
	if end > t.Size {
		return old, need
	}
	// A store that changes no byte (a loop copying the same text into its
	// buffer again) keeps the old storage: an array's bytes are a whole
	// string of t.Size, so any other store allocates all of them.
	if len(old) == t.Size && old[:len(c)] == c && isZeros(old[len(c):end]) {
		return old, need
	}
	var sb strings.Builder // one allocation: its bytes become the string
	sb.Grow(t.Size)
	sb.WriteString(c)
	for i := unitSize(t); i > 0; i-- {
		sb.WriteByte(0)
	}
	if len(old) == t.Size {
		sb.WriteString(old[end:])
	} else {
		sb.Write(make([]byte, t.Size-end))
	}
	return sb.String(), need
}

// isZeros reports whether s is all NUL bytes.
func isZeros(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != 0 {
			return false
		}
	}
	return true
}

// ---- variables as bytes ----

// align is a type's alignment on x64.
func align(t *Type) int {
	switch t.Kind {
	case kInt:
		return t.Size
	case kStr:
		if t.Len > 0 {
			return unitSize(t)
		}
		return 8
	case kArr:
		return align(t.Elem)
	case kStruct:
		a := 1
		for _, f := range t.Fields {
			a = max(a, align(f.T))
		}
		return a
	}
	return 8
}

// memBytes is v's storage as bytes, little-endian, structures with the x64
// SDK's layout. A pointer is 8 bytes: zero when NULL, otherwise a stand-in
// address (the model has no address space; a pointer's value means nothing
// in another process anyway).
func memBytes(v Value) []byte {
	t := v.T
	switch t.Kind {
	case kInt:
		var b [8]byte
		binary.LittleEndian.PutUint64(b[:], v.N)
		return b[:t.Size]
	case kStr:
		if t.Len > 0 {
			return []byte(v.S)
		}
		return ptrBytes(v.S != "")
	case kPtr:
		return ptrBytes(v.Ref != nil)
	case kArr:
		b := make([]byte, 0, t.Size)
		for _, n := range v.A {
			var e [8]byte
			binary.LittleEndian.PutUint64(e[:], n)
			b = append(b, e[:t.Elem.Size]...)
		}
		return b
	case kStruct:
		b := make([]byte, t.Size)
		off := 0
		for i, f := range t.Fields {
			a := align(f.T)
			off = (off + a - 1) / a * a
			copy(b[off:], memBytes(v.F[i]))
			off += fieldSize(f.T)
		}
		return b
	}
	return nil
}

func fieldSize(t *Type) int {
	if t.Kind == kStr && t.Len == 0 {
		return 8
	}
	return t.Size
}

func ptrBytes(set bool) []byte {
	if set {
		return []byte{0, 0, 0xAD, 0xDE, 0, 0, 0, 0} // 0xDEAD0000: a stand-in
	}
	return make([]byte, 8)
}

// fromBytes is v with its storage replaced by b (len(b) == its size).
// Pointers keep their value unless the bytes are zero (NULL).
func fromBytes(v Value, b []byte) Value {
	t := v.T
	switch t.Kind {
	case kInt:
		var e [8]byte
		copy(e[:], b)
		return intVal(t, binary.LittleEndian.Uint64(e[:]))
	case kStr:
		if t.Len > 0 {
			return Value{T: t, S: string(b)}
		}
		if allZero(b) {
			return Value{T: t}
		}
		return v
	case kPtr:
		if allZero(b) {
			return Value{T: t}
		}
		return v
	case kArr:
		a := make([]uint64, t.Len)
		for i := range a {
			var e [8]byte
			copy(e[:], b[i*t.Elem.Size:(i+1)*t.Elem.Size])
			a[i] = norm(t.Elem, binary.LittleEndian.Uint64(e[:]))
		}
		return Value{T: t, A: a}
	case kStruct:
		nv := v.clone()
		off := 0
		for i, f := range t.Fields {
			a := align(f.T)
			off = (off + a - 1) / a * a
			nv.F[i] = fromBytes(v.F[i], b[off:off+fieldSize(f.T)])
			off += fieldSize(f.T)
		}
		return nv
	}
	return v
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}

// memSource is the bytes a pointer argument points to, as WriteFile reads
// them, and how they are text: a string (an array's storage, a literal's
// bytes with its terminator), or any variable by &x.
func (c *call) memSource(i int) (string, kernel.DataUnit) {
	v := c.args[i]
	switch v.T.Kind {
	case kStr:
		c.in.chargeBytes(len(v.S))
		if v.Ref != nil && v.Ref.T.Kind == kStr && v.Ref.T.Len > 0 {
			return v.Ref.V.S, dataUnit(v.T)
		}
		return v.S, dataUnit(v.T)
	case kPtr, kArr, kStruct:
		if v.Ref != nil {
			c.in.chargeBytes(v.Ref.T.Size)
			return string(memBytes(v.Ref.V)), dataUnit(v.Ref.T)
		}
	}
	if c.isNull(i) {
		return "", kernel.UnitBinary
	}
	c.in.fail("E_TYPE", c.at(i), c.what(i), "a pointer to a buffer", describe(v))
	return "", 0
}

// memTarget is the variable an output buffer argument points to (an array,
// or any variable by &x); nil for NULL.
func (c *call) memTarget(i int) *Var {
	if c.isNull(i) {
		return nil
	}
	v := c.args[i]
	switch v.T.Kind {
	case kStr, kArr, kPtr:
		if v.Ref != nil {
			return v.Ref
		}
	}
	c.in.fail("E_TYPE", c.at(i), c.what(i), "a buffer (an array, or &x)", describe(v))
	return nil
}

// memSize is the bytes a target variable holds.
func memSize(v *Var) int {
	if v.T.Kind == kStr && v.T.Len == 0 {
		return len(v.V.S)
	}
	return v.T.Size
}

// checkFits fails when n bytes do not fit in what argument i points to:
// C would read or write past the end of the variable.
func (c *call) checkFits(i int, n uint32, size int, name string) {
	if int64(n) > int64(size) {
		c.in.fail("E_BUFFER_BYTES", c.at(i), c.in.f.Text(c.x.Args[i]), strconv.FormatUint(uint64(n), 10), name, strconv.Itoa(size))
	}
}

// putMem writes data over the first bytes of v's storage, as ReadFile does:
// the bytes after them keep their values.
func (c *call) putMem(v *Var, data string) {
	if v == nil || data == "" {
		return
	}
	c.in.chargeBytes(len(data))
	var nv Value
	if v.T.Kind == kStr && v.T.Len == 0 {
		s := v.V.S
		if len(s) < len(data) {
			s = data
		} else {
			s = data + s[len(data):]
		}
		nv = Value{T: v.T, S: s}
	} else {
		b := memBytes(v.V)
		copy(b, data)
		nv = fromBytes(v.V, b)
	}
	if v.fieldOf != nil {
		fl := v.fieldOf
		fl.v.F[fl.i] = nv
	} else {
		v.V = nv
	}
	c.p.dirty = true
}
