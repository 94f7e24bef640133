package syntax

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits of the language: a scenario that exceeds one gets a clear error
// instead of a hang or unbounded memory.
const (
	MaxSource    = 256 << 10 // bytes of source
	MaxString    = 4096      // characters in one string literal or value
	MaxNesting   = 64        // blocks and parentheses
	MaxArraySize = 65536     // elements of a declared array
	MaxTokens    = 1 << 17
)

// Kind is a token kind.
type Kind uint8

const (
	EOF Kind = iota
	IDENT
	INT
	CHAR
	STRING
	AT // @NAME: Text holds NAME
	PUNCT
	KEYWORD
)

// Token is one lexical token.
type Token struct {
	Kind Kind
	Pos  Pos
	End  Pos
	Text string // identifier, keyword, punctuation or literal source text
	Val  uint64 // INT and CHAR value
	Str  string // STRING value (escapes decoded)
	Wide bool   // L"..." or L'c'
	Uns  bool   // INT: hex/octal that needs unsigned, or a u suffix
	Long bool   // INT: does not fit 32 bits, or has an ll suffix (64 bits)
}

func (t Token) describe() string {
	switch t.Kind {
	case EOF:
		return "end of file"
	case STRING:
		return "string " + truncate(t.Text)
	case AT:
		return "'@" + t.Text + "'"
	}
	return "'" + truncate(t.Text) + "'"
}

func truncate(s string) string {
	if len(s) > 24 {
		return s[:24] + "…"
	}
	return s
}

var keywords = map[string]bool{
	"if": true, "else": true, "for": true, "while": true, "do": true, "return": true,
	"process": true, "break": true, "continue": true, "sizeof": true,
}

// Comment is a comment the parser cares about: a caption (//en: //ko:) or
// lesson metadata (// title.en: …).
type Comment struct {
	Pos  Pos
	Key  string // "en", "ko", or a metadata key like "title.en"
	Text string
}

type lexer struct {
	src      string
	off      int
	line     int
	col      int
	toks     []Token
	comments []Comment
	pp       *preproc // made at the first directive (preprocess.go)
	// A directive's rest is lexed by a lexer of its own: noDirectives,
	// and inMacro names the macro whose body it reads.
	noDirectives bool
	inMacro      string
	pc           *Pacer // the caller's pause hook (pause.go), nil in directives
}

// metaKeys are the lesson metadata keys a top comment may set.
var metaKeys = map[string]bool{"title.en": true, "title.ko": true, "summary.en": true, "summary.ko": true, "source.en": true, "source.ko": true, "handle-limit": true}

// isStdinKey reports whether key is "stdin.NAME": what a lesson's user
// types into the console of process NAME (docs/scenario-language.md).
func isStdinKey(key string) bool {
	return strings.HasPrefix(key, "stdin.") && len(key) > len("stdin.")
}

// Lex splits src into tokens and collects caption and metadata comments.
func Lex(src string) ([]Token, []Comment, *Error) {
	return lex(src)
}

// lex splits src into tokens, runs the preprocessor's directives as it
// meets them, and expands macros.
func lex(src string) ([]Token, []Comment, *Error) { return lexWith(src, nil) }

// lexWith is lex with a pause hook (pause.go).
func lexWith(src string, pc *Pacer) ([]Token, []Comment, *Error) {
	if len(src) > MaxSource {
		return nil, nil, TooLarge(src, strconv.Itoa(len(src)))
	}
	if !utf8.ValidString(src) {
		i := 0
		for i < len(src) {
			r, n := utf8.DecodeRuneInString(src[i:])
			if r == utf8.RuneError && n == 1 {
				break
			}
			i += n
		}
		p := posOf(src, i)
		return nil, nil, Errorf("E_NOT_UTF8", p, p)
	}
	lx := &lexer{src: src, line: 1, col: 1, pc: pc}
	// A UTF-8 byte order mark (Notepad writes one) is not text: skip it
	// without counting a column.
	if strings.HasPrefix(src, "\uFEFF") {
		lx.off = len("\uFEFF")
	}
	if err := lx.run(); err != nil {
		return nil, nil, err
	}
	if lx.pp == nil {
		return lx.toks, lx.comments, nil
	}
	if n := len(lx.pp.conds); n > 0 {
		c := lx.pp.conds[n-1]
		return nil, nil, Errorf("E_PP_UNTERMINATED", c.start, c.start, c.word)
	}
	toks, err := expandMacros(src, lx.toks, lx.pp.events, pc)
	if err != nil {
		return nil, nil, err
	}
	return toks, lx.comments, nil
}

// TooLarge is E_SOURCE_TOO_LARGE for src, which is longer than MaxSource,
// at the character where the limit is passed; size is its size as known
// ("300000", or "≥262145" for a stream read only that far).
func TooLarge(src string, size string) *Error {
	cut := min(MaxSource, len(src))
	for cut > 0 && !utf8.RuneStart(src[cut]) {
		cut--
	}
	p := posOf(src, cut)
	return Errorf("E_SOURCE_TOO_LARGE", p, p, size, strconv.Itoa(MaxSource))
}

// posOf computes the position of a byte offset (used only for errors).
func posOf(src string, off int) Pos {
	line, col := 1, 1
	for i, r := range src {
		if i >= off {
			break
		}
		if breaksLine(src, i, r) {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return Pos{Line: line, Col: col, Offset: off}
}

// breaksLine reports whether rune r at src[i] ends a line. Editors and the
// browser break lines at a lone CR and at U+2028/U+2029 too, so counting
// only LF put errors on the wrong line; a CR before an LF is not a break of
// its own.
func breaksLine(src string, i int, r rune) bool {
	switch r {
	case '\n', '\u2028', '\u2029':
		return true
	case '\r':
		return i+1 >= len(src) || src[i+1] != '\n'
	}
	return false
}

// atLineEnd reports whether the lexer stands on a line break (or the end).
func (lx *lexer) atLineEnd() bool {
	if lx.off >= len(lx.src) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(lx.src[lx.off:])
	return breaksLine(lx.src, lx.off, r) || r == '\r'
}

// NormalizeNewlines turns every line break the lexer counts (CRLF, a lone
// CR, U+2028, U+2029) into LF, for views that split lines at LF.
func NormalizeNewlines(src string) string {
	if !strings.ContainsAny(src, "\r\u2028\u2029") {
		return src
	}
	src = strings.ReplaceAll(src, "\r\n", "\n")
	return strings.NewReplacer("\r", "\n", "\u2028", "\n", "\u2029", "\n").Replace(src)
}

func (lx *lexer) pos() Pos { return Pos{Line: lx.line, Col: lx.col, Offset: lx.off} }

func (lx *lexer) peek(n int) byte {
	if lx.off+n < len(lx.src) {
		return lx.src[lx.off+n]
	}
	return 0
}

// next advances over one rune.
func (lx *lexer) next() rune {
	r, n := utf8.DecodeRuneInString(lx.src[lx.off:])
	if breaksLine(lx.src, lx.off, r) {
		lx.off += n
		lx.line++
		lx.col = 1
	} else {
		lx.off += n
		lx.col++
	}
	return r
}

var puncts = []string{
	"<<=", ">>=", "...",
	"->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||",
	"+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=",
	"(", ")", "{", "}", "[", "]", ";", ",", ".", "+", "-", "*", "/", "%",
	"&", "|", "^", "!", "~", "<", ">", "=", "?", ":",
}

func (lx *lexer) run() *Error {
	atLineStart := true
	for lx.off < len(lx.src) {
		if len(lx.toks) > MaxTokens {
			p := lx.pos()
			return Errorf("E_TOO_MANY_TOKENS", p, p, strconv.Itoa(MaxTokens))
		}
		if !lx.pc.Tick() {
			return stopped(lx.pos())
		}
		c := lx.src[lx.off]
		switch {
		case c == '\n' || c == '\r' || strings.HasPrefix(lx.src[lx.off:], "\u2028") || strings.HasPrefix(lx.src[lx.off:], "\u2029"):
			// A CR before an LF is no break of its own; the LF sets the
			// line start again.
			lx.next()
			atLineStart = true
			continue
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			lx.next()
			continue
		case c >= 0x80 && isSpace(lx.src[lx.off:]):
			lx.next()
			continue
		case c == '#' && lx.inMacro != "":
			p := lx.pos()
			lx.next()
			return Errorf("E_PP_DEFINE", p, lx.pos(), lx.inMacro)
		case c == '\\' && lx.off+1 < len(lx.src) && (lx.src[lx.off+1] == '\n' || lx.src[lx.off+1] == '\r'):
			// A backslash before a line break joins the lines, as in C.
			lx.next()
			lx.next()
			if lx.off < len(lx.src) && lx.src[lx.off-1] == '\r' && lx.src[lx.off] == '\n' {
				lx.next()
			}
			continue
		case c == '#' && atLineStart && !lx.noDirectives:
			if err := lx.directive(); err != nil {
				return err
			}
			continue
		case c == '/' && lx.peek(1) == '/':
			lx.lineComment()
			continue
		case c == '/' && lx.peek(1) == '*':
			start := lx.pos()
			lx.next()
			lx.next()
			for {
				if lx.off >= len(lx.src) {
					return Errorf("E_UNTERMINATED_COMMENT", start, lx.pos())
				}
				if lx.src[lx.off] == '*' && lx.peek(1) == '/' {
					lx.next()
					lx.next()
					break
				}
				lx.next()
			}
			continue
		}
		atLineStart = false
		start := lx.pos()
		switch {
		case (c == 'L' || c == 'u') && (lx.peek(1) == '"' || lx.peek(1) == '\''):
			lx.next()
			if err := lx.quoted(start, true); err != nil {
				return err
			}
		case c == '"' || c == '\'':
			if err := lx.quoted(start, false); err != nil {
				return err
			}
		case c == '_' || isLetter(c) || c >= 0x80:
			r, _ := utf8.DecodeRuneInString(lx.src[lx.off:])
			if c >= 0x80 && !unicode.IsLetter(r) {
				lx.next()
				return Errorf("E_BAD_CHAR", start, lx.pos(), strconv.QuoteRune(r))
			}
			lx.ident()
			text := lx.src[start.Offset:lx.off]
			k := IDENT
			if keywords[text] {
				k = KEYWORD
			}
			lx.toks = append(lx.toks, Token{Kind: k, Pos: start, End: lx.pos(), Text: text})
		case isDigit(c):
			if err := lx.number(start); err != nil {
				return err
			}
		case c == '@':
			lx.next()
			ns := lx.pos()
			if lx.off < len(lx.src) && (lx.src[lx.off] == '_' || isLetter(lx.src[lx.off]) || lx.src[lx.off] >= 0x80) {
				lx.ident()
			}
			name := lx.src[ns.Offset:lx.off]
			if name == "" {
				return Errorf("E_EXPECTED", ns, ns, "a process name", "after '@'")
			}
			lx.toks = append(lx.toks, Token{Kind: AT, Pos: start, End: lx.pos(), Text: name})
		default:
			matched := ""
			for _, p := range puncts {
				if strings.HasPrefix(lx.src[lx.off:], p) {
					matched = p
					break
				}
			}
			if matched == "" {
				r := lx.next()
				return Errorf("E_BAD_CHAR", start, lx.pos(), strconv.QuoteRune(r))
			}
			for range matched {
				lx.next()
			}
			lx.toks = append(lx.toks, Token{Kind: PUNCT, Pos: start, End: lx.pos(), Text: matched})
		}
	}
	p := lx.pos()
	lx.toks = append(lx.toks, Token{Kind: EOF, Pos: p, End: p})
	return nil
}

// isSpace reports whether s starts with a Unicode space that is not
// ASCII: code pasted from web pages and lecture notes carries no-break
// spaces (seed 003 has 187 lines with U+00A0), Korean text the
// ideographic space U+3000, and editors zero-width ones.
func isSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r) || unicode.Is(unicode.Zs, r) || r == '\u200B' || r == '\u2060' || r == '\uFEFF'
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }

func (lx *lexer) ident() {
	for lx.off < len(lx.src) {
		c := lx.src[lx.off]
		if c == '_' || isLetter(c) || isDigit(c) {
			lx.next()
			continue
		}
		if c >= 0x80 {
			r, _ := utf8.DecodeRuneInString(lx.src[lx.off:])
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				lx.next()
				continue
			}
		}
		break
	}
}

// lineComment reads a // comment and keeps captions and metadata.
func (lx *lexer) lineComment() {
	start := lx.pos()
	for !lx.atLineEnd() {
		lx.next()
	}
	body := strings.TrimSpace(strings.TrimSuffix(lx.src[start.Offset+2:lx.off], "\r"))
	colon := strings.IndexByte(body, ':')
	if colon < 0 {
		return
	}
	key := strings.TrimSpace(body[:colon])
	if key == "en" || key == "ko" || metaKeys[key] || isStdinKey(key) {
		// A caption is written right after "//": "//en:". Metadata may have
		// a space: "// title.en:".
		if (key == "en" || key == "ko") && !strings.HasPrefix(lx.src[start.Offset+2:], key) {
			return
		}
		lx.comments = append(lx.comments, Comment{Pos: start, Key: key, Text: strings.TrimSpace(body[colon+1:])})
	}
}

func (lx *lexer) number(start Pos) *Error {
	for lx.off < len(lx.src) {
		c := lx.src[lx.off]
		if c == '_' || isLetter(c) || isDigit(c) {
			lx.next()
			continue
		}
		break
	}
	text := lx.src[start.Offset:lx.off]
	digits := strings.TrimRight(text, "uUlL")
	suffix := text[len(digits):]
	base := 10
	body := digits
	switch {
	case strings.HasPrefix(digits, "0x") || strings.HasPrefix(digits, "0X"):
		base, body = 16, digits[2:]
		if body == "" {
			return Errorf("E_BAD_NUMBER", start, lx.pos(), text)
		}
	case len(digits) > 1 && digits[0] == '0':
		base, body = 8, digits[1:]
	}
	v, err := strconv.ParseUint(body, base, 64)
	if err != nil || len(suffix) > 3 {
		return Errorf("E_BAD_NUMBER", start, lx.pos(), text)
	}
	t := Token{Kind: INT, Pos: start, End: lx.pos(), Text: text, Val: v}
	t.Uns = strings.ContainsAny(suffix, "uU")
	t.Long = strings.Contains(strings.ToLower(suffix), "ll") // long long; long alone is 32 bits on Windows
	// C's rule for an unsuffixed literal: int if it fits, else (for hex and
	// octal) unsigned int, else a 64-bit type.
	switch {
	case v <= 0x7FFFFFFF:
	case v <= 0xFFFFFFFF && (base != 10 || t.Uns):
		t.Uns = true
	default:
		t.Long = true
	}
	lx.toks = append(lx.toks, t)
	return nil
}

// quoted reads a string or character literal; the opening quote is next.
func (lx *lexer) quoted(start Pos, wide bool) *Error {
	q := lx.next()
	var b strings.Builder
	n := 0
	for {
		if lx.atLineEnd() {
			if q == '"' {
				return Errorf("E_UNTERMINATED_STRING", start, lx.pos())
			}
			return Errorf("E_UNTERMINATED_CHAR", start, lx.pos())
		}
		escPos := lx.pos()
		r := lx.next()
		if r == q {
			break
		}
		if r == '\\' {
			if lx.off >= len(lx.src) {
				continue
			}
			e := lx.next()
			switch e {
			case 'n':
				r = '\n'
			case 't':
				r = '\t'
			case 'r':
				r = '\r'
			case '0':
				r = 0
			case '\\', '\'', '"', '?':
				r = e
			case 'a':
				r = 7
			case 'b':
				r = 8
			case 'x':
				v := 0
				digits := 0
				for lx.off < len(lx.src) && digits < 4 && strings.IndexByte("0123456789abcdefABCDEF", lx.src[lx.off]) >= 0 {
					d, _ := strconv.ParseUint(string(lx.src[lx.off]), 16, 8)
					v = v*16 + int(d)
					lx.next()
					digits++
				}
				if digits == 0 {
					return Errorf("E_BAD_ESCAPE", escPos, lx.pos(), "x")
				}
				r = rune(v)
			default:
				return Errorf("E_BAD_ESCAPE", escPos, lx.pos(), string(e))
			}
		}
		n++
		if n > MaxString {
			return Errorf("E_STRING_TOO_LONG", start, lx.pos(), strconv.Itoa(MaxString))
		}
		b.WriteRune(r)
	}
	text := lx.src[start.Offset:lx.off]
	if q == '\'' {
		s := []rune(b.String())
		if len(s) != 1 {
			return Errorf("E_BAD_CHAR_LIT", start, lx.pos())
		}
		lx.toks = append(lx.toks, Token{Kind: CHAR, Pos: start, End: lx.pos(), Text: text, Val: uint64(s[0]), Wide: wide})
		return nil
	}
	lx.toks = append(lx.toks, Token{Kind: STRING, Pos: start, End: lx.pos(), Text: text, Str: b.String(), Wide: wide})
	return nil
}

var _ = fmt.Sprint
