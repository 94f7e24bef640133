package syntax

import "fmt"

// Pos is a position in the source: 1-based line and column (in runes) and a
// 0-based byte offset. The zero Pos means "unknown".
type Pos struct {
	Line, Col, Offset int
}

func (p Pos) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

// IsValid reports whether p is a real position.
func (p Pos) IsValid() bool { return p.Line > 0 }

// Span is a source range [Start, End).
type Span struct {
	Start, End Pos
}
