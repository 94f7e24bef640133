package scenario

import (
	"strings"

	"handleviz/kernel/syntax"
)

// The C runtime's string and formatting helpers (the TCHAR names and
// their narrow and wide aliases). Registered before builtins_stdio.go,
// whose init replaces some of them.
func init() {
	for name, b := range map[string]*builtin{
		"expect": helper(1, func(c *call) Value {
			v := c.in.eval(c.p, c.x.Args[0])
			a := c.x.Args[0]
			c.in.u.expects = append(c.in.u.expects, Expect{Span: syntax.Span{Start: a.Start(), End: a.End()}, Text: c.in.f.Text(a), OK: v.truth()})
			return Value{T: tVoid}
		}),

		// strings and console
		// TEXT("…") and _T("…") are wide literals to the parser; only a
		// non-literal, which C would not compile (TEXT(x) is Lx), gets here.
		"TEXT": helper(1, func(c *call) Value { return c.textMacro() }),
		"_T":   helper(1, func(c *call) Value { return c.textMacro() }),
		"_stprintf": variadic(2, false, func(c *call) Value {
			return c.sprintf(0, 1)
		}),
		"_stprintf_s": variadic(3, false, func(c *call) Value { return c.sprintf(0, 2) }),
		"_ttoi":       helper(1, func(c *call) Value { return intVal(tInt, uint64(atoi(c.str(0)))) }),
		"_tcscpy": helper(2, func(c *call) Value {
			c.set(c.buf(0), c.strArg(1))
			return c.args[0]
		}),
		"_tcscpy_s": helper(3, func(c *call) Value {
			c.set(c.buf(0), c.strArg(2))
			return intVal(tInt, 0)
		}),
		"_tcscat": helper(2, func(c *call) Value {
			b := c.buf(0)
			c.set(b, strValue(b.T, cText(b.V)+c.str(1)))
			return c.args[0]
		}),
		"_tcscmp": helper(2, func(c *call) Value { return intVal(tInt, uint64(strings.Compare(c.str(0), c.str(1)))) }),
		// Case-insensitive, as "notepad.exe" finds "NOTEPAD.exe".
		"_tcsicmp": helper(2, func(c *call) Value {
			return intVal(tInt, uint64(strings.Compare(strings.ToLower(c.str(0)), strings.ToLower(c.str(1)))))
		}),
		// Elements before the first NUL: bytes for char (a Hangul syllable
		// is 2 in code page 949), UTF-16 units for TCHAR (an emoji is 2).
		"_tcslen": helper(1, func(c *call) Value { return intVal(tSIZE, uint64(c.strLen(0))) }),
		"memcmp": helper(3, func(c *call) Value {
			a, _ := c.memSource(0)
			b, _ := c.memSource(1)
			n := c.u32(2)
			c.checkFits(0, n, len(a), c.in.f.Text(c.x.Args[0]))
			c.checkFits(1, n, len(b), c.in.f.Text(c.x.Args[1]))
			return intVal(tInt, uint64(strings.Compare(a[:n], b[:n])))
		}),
		"ZeroMemory": helper(2, func(c *call) Value { return c.zero() }),
		"_tprintf": variadic(1, false, func(c *call) Value {
			s := c.format(0)
			c.in.print(c, s)
			return intVal(tInt, uint64(len([]rune(s))))
		}),
		"_putts": helper(1, func(c *call) Value {
			c.in.print(c, c.str(0)+"\n")
			return intVal(tInt, 0)
		}),
	} {
		builtins[name] = b
	}
	alias := func(name, of string) { builtins[name] = builtins[of] }
	for _, a := range []string{"sprintf", "wsprintf", "swprintf"} {
		alias(a, "_stprintf")
	}
	alias("sprintf_s", "_stprintf_s")
	alias("swprintf_s", "_stprintf_s")
	for _, a := range []string{"atoi", "_wtoi"} {
		alias(a, "_ttoi")
	}
	for _, a := range []string{"lstrcpy", "strcpy", "wcscpy"} {
		alias(a, "_tcscpy")
	}
	alias("strcpy_s", "_tcscpy_s")
	alias("wcscpy_s", "_tcscpy_s")
	for _, a := range []string{"lstrcat", "strcat", "wcscat"} {
		alias(a, "_tcscat")
	}
	for _, a := range []string{"lstrcmp", "strcmp", "wcscmp"} {
		alias(a, "_tcscmp")
	}
	for _, a := range []string{"lstrcmpi", "_stricmp", "_wcsicmp", "stricmp"} {
		alias(a, "_tcsicmp")
	}
	for _, a := range []string{"lstrlen", "strlen", "wcslen"} {
		alias(a, "_tcslen")
	}
	for _, a := range []string{"printf", "wprintf"} {
		alias(a, "_tprintf")
	}
	alias("puts", "_putts")
	builtins["memset"] = helper(3, func(c *call) Value { return c.zero() })
}
