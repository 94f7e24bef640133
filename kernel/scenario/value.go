package scenario

import (
	"fmt"
	"strconv"
	"strings"

	"handleviz/kernel/syntax"
)

// kind is the shape of a value.
type kind uint8

const (
	kInt    kind = iota // every integer type, handles included
	kStr                // TCHAR/char arrays and pointers: a string
	kStruct             // SECURITY_ATTRIBUTES, STARTUPINFO, …
	kPtr                // &x, or a pointer variable holding one
	kArr                // an array of integers (HANDLE h[8])
	kArgv               // argv: an array of strings
	kVoid               // what a void function returns
)

// Type is a scenario type. Integers carry their C width and signedness so
// that arithmetic and casts behave as on x64 Windows.
type Type struct {
	Name   string
	Kind   kind
	Bits   int
	Signed bool
	Size   int // sizeof
	Elem   *Type
	Len    int // arrays: elements (chars or TCHARs for strings; 0 for a string pointer)
	Fields []Field
	Wide   bool // strings: TCHAR (2-byte UTF-16 units) rather than char (code page 949 bytes)
}

// Field is one struct member.
type Field struct {
	Name string
	T    *Type
}

func intType(name string, bits int, signed bool) *Type {
	return &Type{Name: name, Kind: kInt, Bits: bits, Signed: signed, Size: bits / 8}
}

var (
	tInt      = intType("int", 32, true)
	tBOOL     = intType("BOOL", 32, true)
	tDWORD    = intType("DWORD", 32, false)
	tHANDLE   = intType("HANDLE", 64, false)
	tSIZE     = intType("SIZE_T", 64, false)
	tLONGLONG = intType("LONGLONG", 64, true)
	tBYTE     = intType("BYTE", 8, false)
	tWORD     = intType("WORD", 16, false)
	tTCHAR    = intType("TCHAR", 16, false)
	tChar     = intType("char", 8, true)
	tVoid     = &Type{Name: "void", Kind: kVoid}
	tPtr      = &Type{Name: "pointer", Kind: kPtr, Size: 8}
	tStr      = &Type{Name: "TCHAR*", Kind: kStr, Size: 8, Wide: true}
	tCStr     = &Type{Name: "char*", Kind: kStr, Size: 8}
	tArgv     = &Type{Name: "TCHAR*[]", Kind: kArgv, Size: 8}
)

var scalarTypes = map[string]*Type{
	"int": tInt, "BOOL": tBOOL, "DWORD": tDWORD, "HANDLE": tHANDLE, "SIZE_T": tSIZE,
	"LONGLONG": tLONGLONG, "BYTE": tBYTE, "WORD": tWORD, "TCHAR": tTCHAR, "char": tChar,
}

var structTypes = map[string]*Type{}

func init() {
	lp := tPtr
	mk := func(name string, size int, fields ...Field) {
		structTypes[name] = &Type{Name: name, Kind: kStruct, Size: size, Fields: fields}
	}
	// Field order and sizes are the SDK's (x64, Unicode).
	mk("SECURITY_ATTRIBUTES", 24, Field{"nLength", tDWORD}, Field{"lpSecurityDescriptor", lp}, Field{"bInheritHandle", tBOOL})
	mk("STARTUPINFO", 104, Field{"cb", tDWORD}, Field{"lpReserved", tStr}, Field{"lpDesktop", tStr}, Field{"lpTitle", tStr},
		Field{"dwX", tDWORD}, Field{"dwY", tDWORD}, Field{"dwXSize", tDWORD}, Field{"dwYSize", tDWORD},
		Field{"dwXCountChars", tDWORD}, Field{"dwYCountChars", tDWORD}, Field{"dwFillAttribute", tDWORD}, Field{"dwFlags", tDWORD},
		Field{"wShowWindow", tWORD}, Field{"cbReserved2", tWORD}, Field{"lpReserved2", lp},
		Field{"hStdInput", tHANDLE}, Field{"hStdOutput", tHANDLE}, Field{"hStdError", tHANDLE})
	mk("PROCESS_INFORMATION", 24, Field{"hProcess", tHANDLE}, Field{"hThread", tHANDLE}, Field{"dwProcessId", tDWORD}, Field{"dwThreadId", tDWORD})
	mk("PROCESSENTRY32", 568, Field{"dwSize", tDWORD}, Field{"cntUsage", tDWORD}, Field{"th32ProcessID", tDWORD},
		Field{"th32DefaultHeapID", tSIZE}, Field{"th32ModuleID", tDWORD}, Field{"cntThreads", tDWORD},
		Field{"th32ParentProcessID", tDWORD}, Field{"pcPriClassBase", tInt}, Field{"dwFlags", tDWORD},
		Field{"szExeFile", &Type{Name: "TCHAR[260]", Kind: kStr, Size: 520, Len: 260, Wide: true}})
}

func (t *Type) field(name string) (int, *Type) {
	for i, f := range t.Fields {
		if f.Name == name {
			return i, f.T
		}
	}
	return -1, nil
}

// Value is a scenario value.
type Value struct {
	T   *Type
	N   uint64  // integers, normalised to T (signed ones sign-extended)
	S   string  // strings: bytes (memory.go)
	F   []Value // struct fields
	A   []uint64
	Ref *Var // pointers; for arrays and strings, the variable they live in
}

// Var is a variable of a process.
type Var struct {
	Name string
	T    *Type
	V    Value
	Pos  syntax.Pos
	// fieldOf is set for the stand-in variable of &s.f: writes go to the
	// field.
	fieldOf *fieldLV
	// The formatted value, kept while an integer or string is unchanged:
	// most steps change one variable, and formatting all of them every step
	// was a tenth of a long run.
	cacheOK bool
	cacheV  Value
	cacheS  string
}

// cached reports whether shown has the current value's text.
func (v *Var) cached() bool {
	k := v.V.T.Kind
	return (k == kInt || k == kStr || k == kArgv) && v.cacheOK && v.cacheV.T == v.V.T && v.cacheV.N == v.V.N && v.cacheV.S == v.V.S
}

func (v *Var) shown() string {
	if v.cached() {
		return v.cacheS
	}
	v.cacheS = v.V.format()
	v.cacheV, v.cacheOK = Value{T: v.V.T, N: v.V.N, S: v.V.S}, true
	return v.cacheS
}

func intVal(t *Type, n uint64) Value { return Value{T: t, N: norm(t, n)} }

// norm truncates n to t's width and sign-extends signed types.
func norm(t *Type, n uint64) uint64 {
	if t.Bits == 0 || t.Bits == 64 {
		return n
	}
	mask := uint64(1)<<uint(t.Bits) - 1
	n &= mask
	if t.Signed && n&(uint64(1)<<uint(t.Bits-1)) != 0 {
		n |= ^mask
	}
	return n
}

func (v Value) isInt() bool { return v.T != nil && v.T.Kind == kInt }

// truth is C's notion of true.
func (v Value) truth() bool {
	switch v.T.Kind {
	case kInt:
		return v.N != 0
	case kPtr:
		return v.Ref != nil
	case kStr:
		return true
	}
	return true
}

func zeroValue(t *Type) Value {
	switch t.Kind {
	case kStruct:
		f := make([]Value, len(t.Fields))
		for i, fd := range t.Fields {
			f[i] = zeroValue(fd.T)
		}
		return Value{T: t, F: f}
	case kArr:
		return Value{T: t, A: make([]uint64, t.Len)}
	case kStr:
		return zeroStr(t)
	}
	return Value{T: t}
}

// clone copies a struct or array so that assignment does not alias.
func (v Value) clone() Value {
	if v.F != nil {
		f := make([]Value, len(v.F))
		for i := range v.F {
			f[i] = v.F[i].clone()
		}
		v.F = f
	}
	if v.A != nil {
		v.A = append([]uint64(nil), v.A...)
	}
	return v
}

// format renders a value the way the step panel shows it.
func (v Value) format() string {
	if v.T == nil {
		return "?"
	}
	switch v.T.Kind {
	case kInt:
		switch v.T {
		case tHANDLE:
			if v.N == 0 {
				return "NULL"
			}
			// (HANDLE)-1 is both INVALID_HANDLE_VALUE and GetCurrentProcess()'s
			// pseudo handle; the cast says so without choosing.
			if v.N == ^uint64(0) {
				return "(HANDLE)-1"
			}
			if v.N == ^uint64(1) {
				return "(HANDLE)-2"
			}
			return hexUpper(v.N)
		case tBOOL:
			switch v.N {
			case 0:
				return "FALSE"
			case 1:
				return "TRUE"
			}
		case tTCHAR, tChar:
			if v.N >= 32 && v.N < 127 {
				return fmt.Sprintf("'%c'", rune(v.N))
			}
		}
		if v.T.Signed {
			return strconv.FormatInt(int64(v.N), 10)
		}
		return strconv.FormatUint(v.N, 10)
	case kStr:
		return quoteShort(cText(v))
	case kPtr:
		if v.Ref == nil {
			return "NULL"
		}
		return "&" + v.Ref.Name
	case kStruct:
		var b strings.Builder
		b.WriteString("{")
		n := 0
		for i, f := range v.T.Fields {
			// Long structures show only their non-zero members.
			if len(v.T.Fields) > 4 && isZero(v.F[i]) {
				continue
			}
			if n > 0 {
				b.WriteString(", ")
			}
			n++
			fmt.Fprintf(&b, "%s=%s", f.Name, v.F[i].format())
		}
		b.WriteString("}")
		return b.String()
	case kArr:
		var parts []string
		last := len(v.A)
		for last > 0 && v.A[last-1] == 0 {
			last--
		}
		for i, n := range v.A[:last] {
			if i == 16 { // long arrays show their beginning
				last = len(v.A) + 1
				break
			}
			parts = append(parts, intVal(v.T.Elem, n).format())
		}
		if last < len(v.A) {
			parts = append(parts, "…")
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case kArgv:
		var parts []string
		for _, s := range argvOf(v) {
			parts = append(parts, strconv.Quote(s))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return ""
}

// hexUpper is "0x" and n in upper-case hex, in one allocation: every step
// that changes a handle variable formats one.
func hexUpper(n uint64) string {
	var b [18]byte
	out := strconv.AppendUint(append(b[:0], "0x"...), n, 16)
	for i := 2; i < len(out); i++ {
		if out[i] >= 'a' {
			out[i] -= 'a' - 'A'
		}
	}
	return string(out)
}

// maxShown is how many characters of a string a view shows: a step keeps
// its variables' text, and 100,000 steps of a 4,096-character buffer would
// otherwise keep 400 MB.
const maxShown = 120

// quoteShort quotes s, cut after maxShown characters.
func quoteShort(s string) string {
	if head, cut := cutRunes(s, maxShown); cut {
		return strconv.Quote(head) + "…"
	}
	return strconv.Quote(s)
}

// cutRunes returns the first n characters of s, and whether that left some
// out; the one place the interpreter shortens text (never mid-character).
func cutRunes(s string, n int) (head string, cut bool) {
	for i := range s {
		if n == 0 {
			return s[:i], true
		}
		n--
	}
	return s, false
}

func isZero(v Value) bool {
	switch v.T.Kind {
	case kInt:
		return v.N == 0
	case kStr:
		return cLen(v.S, v.T.Wide) == 0
	case kPtr:
		return v.Ref == nil
	}
	return false
}

// argv values keep their strings in S, separated by NUL: strings in the
// model never contain one (the lexer ends a C string there).
func argvOf(v Value) []string {
	if v.S == "" {
		return nil
	}
	return strings.Split(v.S, "\x00")
}

func (t *Type) String() string {
	if t == nil {
		return "?"
	}
	return t.Name
}

// describe names a value's type for type errors.
func describe(v Value) string {
	switch v.T.Kind {
	case kStr:
		return "a string"
	case kStruct:
		return v.T.Name
	case kPtr:
		return "a pointer"
	case kArr, kArgv:
		return "an array"
	case kVoid:
		return "nothing"
	}
	return v.T.Name
}
