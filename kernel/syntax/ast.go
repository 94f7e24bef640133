package syntax

// Node is any syntax tree node: it knows its source span.
type Node interface {
	Start() Pos
	End() Pos
}

// Caption is the narration of a statement: the //en: and //ko: comments
// written just before it.
type Caption struct {
	En, Ko string
}

// Stmt is a statement.
type Stmt interface {
	Node
	Caption() Caption
	stmt()
}

type stmtBase struct {
	Cap Caption
}

func (s *stmtBase) Caption() Caption { return s.Cap }
func (*stmtBase) stmt()              {}

// Expr is an expression.
type Expr interface {
	Node
	expr()
}

// File is a parsed scenario.
type File struct {
	Stmts []Stmt
	Meta  map[string]string // title.en, title.ko, summary.en, summary.ko, source.en, source.ko, handle-limit
	Src   string
}

// Text returns the source text of a node.
func (f *File) Text(n Node) string {
	s, e := n.Start().Offset, n.End().Offset
	if s < 0 || e > len(f.Src) || s > e {
		return ""
	}
	return f.Src[s:e]
}

// ---- statements ----

// ProcessStmt is "process A, B;": processes started as the shell would.
type ProcessStmt struct {
	stmtBase
	Pos, EndPos Pos
	Names       []*Ident
}

// MarkerStmt is "@Name": the following statements run in that process.
type MarkerStmt struct {
	stmtBase
	Pos, EndPos Pos
	Name        string
}

// DeclStmt declares one or more variables of one type.
type DeclStmt struct {
	stmtBase
	Type   *TypeName
	Decls  []*Declarator
	EndPos Pos
}

// Declarator is one name in a declaration: "*p", "cmd[64]", "x = 3".
type Declarator struct {
	Name   *Ident
	Ptr    int
	Array  bool
	Size   Expr // nil for "[]" or no array
	Init   Expr
	EndPos Pos
}

func (d *Declarator) Start() Pos { return d.Name.Pos }
func (d *Declarator) End() Pos   { return d.EndPos }

// ExprStmt is an expression followed by ';'.
type ExprStmt struct {
	stmtBase
	X      Expr
	EndPos Pos
}

// BlockStmt is "{ ... }".
type BlockStmt struct {
	stmtBase
	Lbrace, Rbrace Pos
	List           []Stmt
}

// IfStmt is if/else.
type IfStmt struct {
	stmtBase
	If   Pos
	Cond Expr
	Then Stmt
	Else Stmt // nil when absent
}

// WhileStmt is a while loop; Do is true for do … while.
type WhileStmt struct {
	stmtBase
	Pos, EndPos Pos
	Cond        Expr
	Body        Stmt
	Do          bool
}

// ForStmt is a for loop; Init, Cond and Post may be nil.
type ForStmt struct {
	stmtBase
	For  Pos
	Init Stmt
	Cond Expr
	Post Expr
	Body Stmt
}

// ReturnStmt is "return [x];": it ends the current process.
type ReturnStmt struct {
	stmtBase
	Pos, EndPos Pos
	X           Expr
}

// BranchStmt is break or continue.
type BranchStmt struct {
	stmtBase
	Pos, EndPos Pos
	Tok         string
}

// EmptyStmt is a lone ';'.
type EmptyStmt struct {
	stmtBase
	Pos, EndPos Pos
}

// FuncStmt is a function definition. A main function (MainFuncs: main,
// wmain, _tmain, WinMain, wWinMain, _tWinMain), "int _tmain(int argc,
// TCHAR* argv[]) { … }", is a process's code: its body runs where it
// stands, in the current process, where argc and argv already exist; the
// parameters name them, whatever they are called. Any other is a helper
// function that every process may call (functions.go in package
// scenario). Body is nil for a prototype, "BOOL f(HANDLE h);".
type FuncStmt struct {
	stmtBase
	Type   *TypeName
	Name   *Ident
	Params []*Param
	Body   *BlockStmt
	EndPos Pos // a prototype's end (after its ';')
	// EndCap narrates a top-level main function's closing brace, where
	// the process exits when the body ends (written just before the '}').
	EndCap   Caption
	EndCapAt Pos
}

// TypedefStmt is "typedef T NAME;": the parser reads NAME as T from then
// on; it runs as nothing.
type TypedefStmt struct {
	stmtBase
	Pos, EndPos Pos
	Name        *Ident
	Type        *TypeName
}

func (s *TypedefStmt) Start() Pos { return s.Pos }
func (s *TypedefStmt) End() Pos   { return s.EndPos }

// IsMain reports whether s is a main function (a process's code).
func (s *FuncStmt) IsMain() bool { _, ok := MainFuncs[s.Name.Name]; return ok }

// Param is one parameter of a function: "TCHAR* argv[]". Name is nil when
// the parameter has none.
type Param struct {
	Type  *TypeName
	Name  *Ident
	Ptr   int
	Array bool
}

// MainFuncs are the entry points a scenario may write, with what their
// parameters stand for.
var MainFuncs = map[string][]string{
	"main": {"argc", "argv", "envp"}, "wmain": {"argc", "argv", "envp"}, "_tmain": {"argc", "argv", "envp"},
	"WinMain": {"hInstance", "hPrevInstance", "lpCmdLine", "nCmdShow"}, "wWinMain": {"hInstance", "hPrevInstance", "lpCmdLine", "nCmdShow"},
	"_tWinMain": {"hInstance", "hPrevInstance", "lpCmdLine", "nCmdShow"},
}

func (s *ProcessStmt) Start() Pos { return s.Pos }
func (s *ProcessStmt) End() Pos   { return s.EndPos }
func (s *MarkerStmt) Start() Pos  { return s.Pos }
func (s *MarkerStmt) End() Pos    { return s.EndPos }
func (s *DeclStmt) Start() Pos    { return s.Type.Pos }
func (s *DeclStmt) End() Pos      { return s.EndPos }
func (s *ExprStmt) Start() Pos    { return s.X.Start() }
func (s *ExprStmt) End() Pos      { return s.EndPos }
func (s *BlockStmt) Start() Pos   { return s.Lbrace }
func (s *BlockStmt) End() Pos     { return s.Rbrace }
func (s *IfStmt) Start() Pos      { return s.If }
func (s *IfStmt) End() Pos {
	for s.Else != nil {
		next, ok := s.Else.(*IfStmt)
		if !ok {
			return s.Else.End()
		}
		s = next // an else-if chain may be long: no recursion
	}
	return s.Then.End()
}
func (s *WhileStmt) Start() Pos  { return s.Pos }
func (s *WhileStmt) End() Pos    { return s.EndPos }
func (s *ForStmt) Start() Pos    { return s.For }
func (s *ForStmt) End() Pos      { return s.Body.End() }
func (s *ReturnStmt) Start() Pos { return s.Pos }
func (s *ReturnStmt) End() Pos   { return s.EndPos }
func (s *BranchStmt) Start() Pos { return s.Pos }
func (s *BranchStmt) End() Pos   { return s.EndPos }
func (s *EmptyStmt) Start() Pos  { return s.Pos }
func (s *EmptyStmt) End() Pos    { return s.EndPos }
func (s *FuncStmt) Start() Pos   { return s.Type.Pos }
func (s *FuncStmt) End() Pos {
	if s.Body == nil {
		return s.EndPos
	}
	return s.Body.Rbrace
}

// ---- expressions ----

// TypeName is a type as written: "HANDLE", "TCHAR*", "unsigned int".
type TypeName struct {
	Pos, EndPos Pos
	Name        string // canonical name (see Types)
	Ptr         int
}

func (t *TypeName) Start() Pos { return t.Pos }
func (t *TypeName) End() Pos   { return t.EndPos }

// Ident is a name. EndPos is set when the name came from a macro's body:
// its span is then the macro's use, not len(Name) after Pos.
type Ident struct {
	Pos    Pos
	Name   string
	EndPos Pos
}

// IntLit is an integer literal; Uns and Long give its C type (int, unsigned,
// 64-bit).
type IntLit struct {
	Pos, EndPos Pos
	Value       uint64
	Uns, Long   bool
}

// CharLit is 'c' (an int in C).
type CharLit struct {
	Pos, EndPos Pos
	Value       uint64
}

// StringLit is "..." or L"..." (adjacent literals joined).
type StringLit struct {
	Pos, EndPos Pos
	Value       string
	Wide        bool
}

// CallExpr is f(args).
type CallExpr struct {
	Fn     *Ident
	Args   []Expr
	Rparen Pos
}

// UnaryExpr is a prefix operator: ! ~ - + & * ++ --.
type UnaryExpr struct {
	OpPos Pos
	Op    string
	X     Expr
}

// PostfixExpr is x++ or x--.
type PostfixExpr struct {
	X      Expr
	Op     string
	EndPos Pos
}

// BinaryExpr is x op y.
type BinaryExpr struct {
	X     Expr
	OpPos Pos
	Op    string
	Y     Expr
}

// AssignExpr is x = y or x op= y.
type AssignExpr struct {
	X     Expr
	OpPos Pos
	Op    string
	Y     Expr
}

// CondExpr is c ? x : y.
type CondExpr struct {
	Cond, X, Y Expr
}

// CastExpr is (T)x.
type CastExpr struct {
	Lparen Pos
	Type   *TypeName
	X      Expr
}

// IndexExpr is x[i].
type IndexExpr struct {
	X      Expr
	Index  Expr
	Rbrack Pos
}

// SelectorExpr is x.f or x->f.
type SelectorExpr struct {
	X     Expr
	Arrow bool
	Sel   *Ident
}

// SizeofExpr is sizeof(x) or sizeof(T).
type SizeofExpr struct {
	Pos, EndPos Pos
	X           Expr // nil when Type is set
	Type        *TypeName
}

// InitList is { a, b, c }.
type InitList struct {
	Lbrace, Rbrace Pos
	Elems          []Expr
}

// ParenExpr is (x).
type ParenExpr struct {
	Lparen, Rparen Pos
	X              Expr
}

func (x *Ident) Start() Pos { return x.Pos }
func (x *Ident) End() Pos {
	if x.EndPos.IsValid() {
		return x.EndPos
	}
	return Pos{Line: x.Pos.Line, Col: x.Pos.Col + len([]rune(x.Name)), Offset: x.Pos.Offset + len(x.Name)}
}
func (x *IntLit) Start() Pos       { return x.Pos }
func (x *IntLit) End() Pos         { return x.EndPos }
func (x *CharLit) Start() Pos      { return x.Pos }
func (x *CharLit) End() Pos        { return x.EndPos }
func (x *StringLit) Start() Pos    { return x.Pos }
func (x *StringLit) End() Pos      { return x.EndPos }
func (x *CallExpr) Start() Pos     { return x.Fn.Pos }
func (x *CallExpr) End() Pos       { return after(x.Rparen) }
func (x *UnaryExpr) Start() Pos    { return x.OpPos }
func (x *UnaryExpr) End() Pos      { return x.X.End() }
func (x *PostfixExpr) Start() Pos  { return x.X.Start() }
func (x *PostfixExpr) End() Pos    { return x.EndPos }
func (x *BinaryExpr) Start() Pos   { return x.X.Start() }
func (x *BinaryExpr) End() Pos     { return x.Y.End() }
func (x *AssignExpr) Start() Pos   { return x.X.Start() }
func (x *AssignExpr) End() Pos     { return x.Y.End() }
func (x *CondExpr) Start() Pos     { return x.Cond.Start() }
func (x *CondExpr) End() Pos       { return x.Y.End() }
func (x *CastExpr) Start() Pos     { return x.Lparen }
func (x *CastExpr) End() Pos       { return x.X.End() }
func (x *IndexExpr) Start() Pos    { return x.X.Start() }
func (x *IndexExpr) End() Pos      { return after(x.Rbrack) }
func (x *SelectorExpr) Start() Pos { return x.X.Start() }
func (x *SelectorExpr) End() Pos   { return x.Sel.End() }
func (x *SizeofExpr) Start() Pos   { return x.Pos }
func (x *SizeofExpr) End() Pos     { return x.EndPos }
func (x *InitList) Start() Pos     { return x.Lbrace }
func (x *InitList) End() Pos       { return after(x.Rbrace) }
func (x *ParenExpr) Start() Pos    { return x.Lparen }
func (x *ParenExpr) End() Pos      { return after(x.Rparen) }

// after is the position just past a one-byte token.
func after(p Pos) Pos { return Pos{Line: p.Line, Col: p.Col + 1, Offset: p.Offset + 1} }

func (*Ident) expr()        {}
func (*IntLit) expr()       {}
func (*CharLit) expr()      {}
func (*StringLit) expr()    {}
func (*CallExpr) expr()     {}
func (*UnaryExpr) expr()    {}
func (*PostfixExpr) expr()  {}
func (*BinaryExpr) expr()   {}
func (*AssignExpr) expr()   {}
func (*CondExpr) expr()     {}
func (*CastExpr) expr()     {}
func (*IndexExpr) expr()    {}
func (*SelectorExpr) expr() {}
func (*SizeofExpr) expr()   {}
func (*InitList) expr()     {}
func (*ParenExpr) expr()    {}
