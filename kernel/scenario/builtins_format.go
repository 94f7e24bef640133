package scenario

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"handleviz/kernel"
	"handleviz/kernel/syntax"
)

// atoi reads a leading decimal number as C's atoi does.
func atoi(s string) int32 {
	s = strings.TrimLeft(s, " \t\n")
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	var n int64
	for _, r := range s {
		if r < '0' || r > '9' {
			break
		}
		n = n*10 + int64(r-'0')
		if n > 1<<32 {
			break
		}
	}
	if neg {
		n = -n
	}
	return int32(n)
}

func (c *call) sprintf(bufArg, fmtArg int) Value {
	b := c.buf(bufArg)
	s := c.format(fmtArg)
	wide := true
	if b != nil {
		wide = b.T.Wide
		t := tStr
		if !wide {
			t = tCStr // the buffer's own width: no conversion on the store
		}
		c.set(b, strValue(t, s))
	}
	// The elements written, without the terminator: UTF-16 units or bytes.
	n := kernel.UTF16Len(s)
	if !wide {
		n = len(encodeText(s, false))
	}
	return intVal(tInt, uint64(n))
}

// lengthMods are printf's length modifiers, longest first, with the bits
// the argument has on x64 Windows (long is 32 bits there).
var lengthMods = []struct {
	mod  string // ASCII
	bits int
}{{"I64", 64}, {"I32", 32}, {"ll", 64}, {"hh", 8}, {"I", 64}, {"l", 32}, {"h", 16}, {"z", 64}, {"j", 64}, {"t", 64}, {"L", 64}}

// format implements the printf conversions %d %i %u %x %X %p %s %c %%
// with flags, width and length modifiers (which set the argument's bits).
// It walks the format's bytes: every part of a conversion is ASCII, and
// other text (UTF-8) is copied through as it is.
func (c *call) format(fi int) string {
	f := c.str(fi)
	args := c.args[fi+1:]
	ai := 0
	var b strings.Builder
	b.Grow(len(f))
	next := func(conv string) Value {
		if ai >= len(args) {
			c.in.fail("E_FORMAT_NO_ARG", c.x, strconv.Quote(f), "%"+conv)
		}
		v := args[ai]
		ai++
		return v
	}
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			b.WriteByte(f[i])
			continue
		}
		c.in.charge(costConv)
		j := i + 1
		for j < len(f) && strings.IndexByte("-+ #0", f[j]) >= 0 {
			j++
		}
		for j < len(f) && f[j] >= '0' && f[j] <= '9' {
			j++
		}
		if j < len(f) && f[j] == '.' {
			j++
			for j < len(f) && f[j] >= '0' && f[j] <= '9' {
				j++
			}
		}
		spec := f[i:j]
		// The length modifier says how many bits the argument has, as C's
		// va_arg would read them on x64 Windows (long is 32 bits there).
		bits := 32
		for _, m := range lengthMods {
			if strings.HasPrefix(f[j:], m.mod) {
				bits = m.bits
				j += len(m.mod)
				break
			}
		}
		if j >= len(f) {
			c.in.fail("E_FORMAT_CONV", c.x, strconv.Quote(f), "%")
		}
		conv, size := utf8.DecodeRuneInString(f[j:])
		i = j + size - 1
		// Widths and precisions are capped so that "%999999999d" cannot
		// build a huge string.
		if len(spec) > 5 {
			c.in.fail("E_FORMAT_CONV", c.x, strconv.Quote(f), spec+string(conv))
		}
		switch conv {
		case '%':
			b.WriteByte('%')
		case 'd', 'i':
			v := next(string(conv))
			n := norm(fmtInts[bits][1], c.in.intOf(v, c.x, "%d"))
			fmt.Fprintf(&b, spec+"d", int64(n))
		case 'u':
			v := next("u")
			n := norm(fmtInts[bits][0], c.in.intOf(v, c.x, "%u"))
			fmt.Fprintf(&b, spec+"d", n)
		case 'x', 'X':
			v := next(string(conv))
			n := norm(fmtInts[bits][0], c.in.intOf(v, c.x, "%x"))
			fmt.Fprintf(&b, spec+string(conv), n)
		case 'p':
			v := next("p")
			fmt.Fprintf(&b, "%016X", c.in.intOf(v, c.x, "%p"))
		case 'c':
			v := next("c")
			b.WriteRune(rune(c.in.intOf(v, c.x, "%c")))
		case 's':
			v := next("s")
			if v.T.Kind != kStr {
				c.in.fail("E_FORMAT_STRING", c.x, strconv.Quote(f), describe(v))
			}
			if spec == "%" {
				// A plain %s: the text goes straight into the output.
				writeDecoded(&b, cBytes(v.S, v.T.Wide), v.T.Wide)
			} else {
				fmt.Fprintf(&b, spec+"s", cText(v))
			}
		default:
			c.in.fail("E_FORMAT_CONV", c.x, strconv.Quote(f), "%"+string(conv))
		}
		if b.Len() > syntax.MaxString*4 {
			c.in.fail("E_STRING_TOO_LONG", c.x, strconv.Itoa(syntax.MaxString))
		}
	}
	out := b.String()
	c.in.chargeBytes(len(out))
	if utf8.RuneCountInString(out) > syntax.MaxString {
		c.in.fail("E_STRING_TOO_LONG", c.x, strconv.Itoa(syntax.MaxString))
	}
	return out
}

// fmtInts are the integer types printf reads, by bits: unsigned, signed.
var fmtInts = map[int][2]*Type{
	8: {tBYTE, intType("", 8, true)}, 16: {tWORD, intType("", 16, true)}, 32: {tDWORD, tInt}, 64: {tSIZE, tLONGLONG},
}

// isLiteral reports whether x is a string literal, TEXT("…") or _T("…").
func isLiteral(x syntax.Expr) bool {
	switch x := x.(type) {
	case *syntax.StringLit:
		return true
	case *syntax.ParenExpr:
		return isLiteral(x.X) // TEXT("…") and _T("…") are string literals already (the parser)
	}
	return false
}
