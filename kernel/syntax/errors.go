package syntax

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// Error is a syntax or runtime error in a scenario. Code is stable: the UI and
// the tests key on it; Args fill the message templates in Messages.
type Error struct {
	Code string
	Pos  Pos // where the error is; Line 0 means "no position"
	End  Pos
	Args []string
}

// Errorf builds an Error.
func Errorf(code string, pos, end Pos, args ...string) *Error {
	return &Error{Code: code, Pos: pos, End: end, Args: args}
}

// Error is the English message, for Go callers and logs.
func (e *Error) Error() string { return e.Message("en") }

// Message renders the error in English ("en") or Korean ("ko"), prefixed with
// its position: "line 12:5: expected ';' after expression".
func (e *Error) Message(lang string) string {
	text := e.Text(lang)
	if e.Pos.Line == 0 {
		return text
	}
	if lang == "ko" {
		return fmt.Sprintf("%d행 %d열: %s", e.Pos.Line, e.Pos.Col, text)
	}
	return fmt.Sprintf("line %d:%d: %s", e.Pos.Line, e.Pos.Col, text)
}

// Text is the message without its position.
func (e *Error) Text(lang string) string {
	m, ok := Messages[e.Code]
	if !ok {
		return e.Code + " " + strings.Join(e.Args, " ")
	}
	tmpl := m.En
	if lang == "ko" {
		tmpl = m.Ko
	}
	for i, a := range e.Args {
		if p, ok := phrases[a]; ok && lang == "ko" {
			a = p
		}
		a = CapQuoted(a)
		tmpl = strings.ReplaceAll(tmpl, fmt.Sprintf("{%d}", i), a)
	}
	if lang == "ko" {
		tmpl = didYouMean().ReplaceAllString(tmpl, " (혹시 ${1}을(를) 뜻했나요?)")
		tmpl = argumentOf().ReplaceAllString(tmpl, "${2}의 ${1}번째 인수")
		return FixJosa(tmpl)
	}
	return tmpl
}

// ErrorList is a list of errors sorted by position.
type ErrorList []*Error

func (l ErrorList) Error() string {
	if len(l) == 0 {
		return "no errors"
	}
	if len(l) == 1 {
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0].Error(), len(l)-1)
}

// Sort orders the list by position.
func (l ErrorList) Sort() {
	sort.SliceStable(l, func(i, j int) bool { return l[i].Pos.Offset < l[j].Pos.Offset })
}

// Msg is one error message in both languages. {0}, {1}… are the arguments.
type Msg struct{ En, Ko string }

// Messages is the catalogue of error codes. Codes never change meaning; new
// ones are added at the end of their group.
var Messages = map[string]Msg{
	// lexer
	"E_SOURCE_TOO_LARGE":     {"the scenario passes the size limit of {1} bytes here (its size: {0} bytes); shorten it", "시나리오가 여기서 크기 한도 {1}바이트를 넘습니다(크기: {0}바이트). 줄이세요"},
	"E_NOT_UTF8":             {"the text is not valid UTF-8", "텍스트가 올바른 UTF-8이 아닙니다"},
	"E_BAD_CHAR":             {"unexpected character {0}", "예상하지 못한 문자 {0}"},
	"E_UNTERMINATED_STRING":  {"string literal not terminated (missing closing \")", "문자열 리터럴이 닫히지 않았습니다 (닫는 \"가 없습니다)"},
	"E_UNTERMINATED_CHAR":    {"character literal not terminated (missing closing ')", "문자 리터럴이 닫히지 않았습니다 (닫는 '가 없습니다)"},
	"E_UNTERMINATED_COMMENT": {"comment not terminated (missing */)", "주석이 닫히지 않았습니다 (*/가 없습니다)"},
	"E_BAD_ESCAPE":           {"unknown escape sequence \\{0}", "알 수 없는 이스케이프 시퀀스 \\{0}"},
	"E_BAD_NUMBER":           {"malformed number {0}", "잘못된 숫자 {0}"},
	"E_BAD_CHAR_LIT":         {"a character literal holds exactly one character", "문자 리터럴에는 문자가 정확히 하나 있어야 합니다"},
	"E_STRING_TOO_LONG":      {"string longer than {0} characters", "문자열이 {0}자보다 깁니다"},
	// parser
	"E_EXPECTED":         {"expected {0} {1}", "{1} {0}이(가) 와야 합니다"},
	"E_EXPECTED_EXPR":    {"expected an expression, found {0}", "식이 와야 하는데 {0}이(가) 있습니다"},
	"E_EXPECTED_STMT":    {"expected a statement, found {0}", "문장이 와야 하는데 {0}이(가) 있습니다"},
	"E_NESTING":          {"nesting deeper than {0} levels (blocks, parentheses and operators count): split it into several statements", "중첩이 {0}단계보다 깊습니다(블록, 괄호, 연산자를 셉니다). 여러 문장으로 나누세요"},
	"E_MARKER_IN_BLOCK":  {"@{0} must stand outside any block", "@{0}은(는) 블록 밖에 있어야 합니다"},
	"E_PROCESS_IN_BLOCK": {"'process' must stand outside any block", "'process' 선언은 블록 밖에 있어야 합니다"},
	"E_ELSE_WITHOUT_IF":  {"'else' without a matching 'if'", "짝이 되는 'if' 없이 'else'가 있습니다"},
	"E_BAD_ARRAY_SIZE":   {"array size must be a positive constant up to {0}", "배열 크기는 {0} 이하의 양의 상수여야 합니다"},
	"E_ARRAY_NEEDS_SIZE": {"array {0} needs a size or an initializer", "배열 {0}에는 크기나 초기값이 있어야 합니다"},
	"E_BREAK_OUTSIDE":    {"'{0}' outside a loop", "반복문 밖에서 '{0}'을(를) 사용했습니다"},
	"E_TOO_MANY_TOKENS":  {"more than {0} tokens", "토큰이 {0}개를 넘습니다"},
	"E_PREPROCESSOR":     {"#{0} is not supported: the preprocessor knows #define, #undef, #ifdef, #ifndef, #if, #elif, #else and #endif, and ignores #include and #pragma; remove the line", "#{0}은(는) 쓸 수 없습니다. 전처리기는 #define, #undef, #ifdef, #ifndef, #if, #elif, #else, #endif를 처리하고 #include와 #pragma는 무시합니다. 이 줄을 지우세요"},
	"E_PP_DEFINE":        {"#define {0}: stringizing (#) and token pasting (##) are not supported; write the string or the name out in full", "#define {0}: 문자열화(#)와 토큰 붙이기(##)는 지원하지 않습니다. 문자열이나 이름을 직접 다 쓰세요"},
	"E_DANGLING_CAPTION": {"this caption has no statement after it to narrate (captions go just before a statement)", "이 캡션 뒤에 설명할 문장이 없습니다 (캡션은 문장 바로 앞에 씁니다)"},
	"E_BAD_META":         {"// {0}: needs a number from 1 to {2}, not {1}", "// {0}: 값은 1부터 {2}까지의 수여야 하는데 {1}입니다"},
	"E_USER_FUNCTION":    {"{0} cannot be defined inside a block: define functions at the top level of the scenario (outside any braces), as in C", "{0}은(는) 블록 안에서 정의할 수 없습니다. C처럼 함수는 시나리오의 맨 바깥(중괄호 밖)에서 정의하세요"},
	"E_PROTOTYPE":        {"{0}(…); declares a function that the scenario never defines: Win32 functions are built in, so remove the line, or define {0}", "{0}(…);은(는) 시나리오에서 정의하지 않은 함수의 선언입니다. Win32 함수는 이미 들어 있으니 이 줄을 지우거나 {0}을(를) 정의하세요"},
	"E_MAIN_PARAMS":      {"{0} takes {1}, not {2} parameters", "{0}의 매개변수는 {1}인데 {2}개가 있습니다"},
	"E_UNKNOWN_TYPE":     {"unknown type {0}{1}", "알 수 없는 타입 {0}{1}"},
	"E_UNKNOWN_KEYWORD":  {"unknown word {0} (did you mean {1}?)", "알 수 없는 단어 {0} (혹시 {1}을(를) 뜻했나요?)"},
	"E_TYPEDEF_STRUCT":   {"typedef of a structure of one's own is not supported: the model knows only the Windows structures; use separate variables", "직접 만든 구조체의 typedef는 지원하지 않습니다. 모델은 Windows 구조체만 압니다. 변수를 따로 선언하세요"},
	"E_PP_VARIADIC":      {"#define {0}: variadic macros (...) are not supported; give the macro a fixed list of parameters", "#define {0}: 가변 인수 매크로(...)는 지원하지 않습니다. 매개변수 개수를 정해서 쓰세요"},
	"E_PP_ARGS":          {"macro {0} takes {1} arguments, got {2}", "매크로 {0}은(는) 인수 {1}개를 받는데 {2}개가 주어졌습니다"},
	"E_PP_UNTERMINATED":  {"#{0} without a matching #endif", "#{0}에 짝이 되는 #endif가 없습니다"},
	"E_PP_STRAY":         {"#{0} without a matching #if, #ifdef or #ifndef (or after its #else)", "#{0}에 짝이 되는 #if, #ifdef, #ifndef가 없습니다 (또는 #else 뒤에 있습니다)"},
	"E_PP_IF":            {"#{0}: cannot evaluate this condition; the preprocessor understands integers, defined(NAME), macros and C's operators", "#{0}: 이 조건을 계산할 수 없습니다. 전처리기는 정수, defined(이름), 매크로, C 연산자를 이해합니다"},
	// runtime
	"E_UNDECLARED":         {"{0} is not declared in process {1}{2}", "{0}은(는) 프로세스 {1}에 선언되지 않았습니다{2}"},
	"E_UNKNOWN_FUNCTION":   {"unknown function {0}{1}", "알 수 없는 함수 {0}{1}"},
	"E_REDECLARED":         {"{0} is already declared in this scope (line {1})", "{0}은(는) 이 범위에 이미 선언되어 있습니다 ({1}행)"},
	"E_NO_PROCESS":         {"no process is running the code yet: start with 'process NAME;' and '@NAME'", "코드를 실행할 프로세스가 없습니다. 'process 이름;'과 '@이름'으로 시작하세요"},
	"E_UNKNOWN_PROCESS":    {"there is no process {0}{1}", "프로세스 {0}이(가) 없습니다{1}"},
	"E_PROCESS_EXISTS":     {"a process named {0} already exists", "{0}(이)라는 이름의 프로세스가 이미 있습니다"},
	"E_PROCESS_WAITING":    {"process {0} is waiting in {1} (line {2}); it cannot run another statement until the call returns", "프로세스 {0}은(는) {1}에서 대기 중입니다 ({2}행). 호출이 반환되기 전에는 다른 문장을 실행할 수 없습니다"},
	"E_PROCESS_EXITED":     {"process {0} has exited; it runs no more statements", "프로세스 {0}은(는) 이미 종료되어 더 이상 문장을 실행하지 않습니다"},
	"E_TOO_MANY_PROCESSES": {"more than {0} processes", "프로세스가 {0}개를 넘습니다"},
	"E_STEP_LIMIT":         {"more than {0} steps (an endless loop?)", "단계가 {0}개를 넘었습니다 (무한 반복인가요?)"},
	"E_TYPE":               {"{0}: expected {1}, got {2}", "{0}: {1}이(가) 와야 하는데 {2}입니다"},
	"E_ARG_COUNT":          {"{0} takes {1} arguments, got {2}", "{0}은(는) 인수 {1}개를 받는데 {2}개가 주어졌습니다"},
	"E_NOT_ASSIGNABLE":     {"cannot assign to {0}", "{0}에는 대입할 수 없습니다"},
	"E_NOT_ADDRESSABLE":    {"cannot take the address of {0}", "{0}의 주소를 얻을 수 없습니다"},
	"E_NO_FIELD":           {"{0} has no field {1}{2}", "{0}에는 {1} 필드가 없습니다{2}"},
	"E_INDEX_RANGE":        {"index {0} is out of range for {1} (size {2})", "인덱스 {0}이(가) {1}의 범위(크기 {2})를 벗어났습니다"},
	"E_BUFFER_OVERFLOW":    {"{0} needs {1} characters but {2} holds {3}", "{0}에는 {1}자가 필요하지만 {2}에는 {3}자만 들어갑니다"},
	"E_BUFFER_BYTES":       {"{0}: {1} bytes, but {2} is only {3} bytes (C would read or write past its end)", "{0}: {1}바이트인데 {2}의 크기는 {3}바이트뿐입니다 (C라면 그 끝을 넘어 읽거나 씁니다)"},
	"E_DIV_ZERO":           {"division by zero", "0으로 나누었습니다"},
	"E_FORMAT_NO_ARG":      {"format {0} has no argument for {1}", "서식 {0}에 {1}에 해당하는 인수가 없습니다"},
	"E_FORMAT_CONV":        {"format {0}: unknown conversion {1}", "서식 {0}: 알 수 없는 변환 {1}"},
	"E_FORMAT_STRING":      {"format {0}: %s needs a string, got {1}", "서식 {0}: %s에는 문자열이 필요한데 {1}입니다"},
	"E_TOO_MANY_INIT":      {"{0} has {1} fields but the initializer gives {2}", "{0}에는 필드가 {1}개인데 초기값은 {2}개입니다"},
	"E_BAD_CAST":           {"cannot convert {0} to {1}", "{0}을(를) {1}(으)로 변환할 수 없습니다"},
	"E_NOT_CALLABLE":       {"{0} is not a function", "{0}은(는) 함수가 아닙니다"},
	"E_CONSOLE_LIMIT":      {"console output of process {0} exceeds {1} bytes", "프로세스 {0}의 콘솔 출력이 {1}바이트를 넘습니다"},
	"E_EXPECT_FAILED":      {"expect failed: {0}", "expect 실패: {0}"},
	"E_VOID_VALUE":         {"{0} returns no value", "{0}은(는) 값을 반환하지 않습니다"},
	"E_READONLY_CMDLINE":   {"access violation: CreateProcess writes into lpCommandLine, and a string literal is read-only; copy it into a TCHAR array first (TCHAR cmd[] = TEXT(\"…\");)", "접근 위반: CreateProcess는 lpCommandLine에 쓰는데 문자열 리터럴은 읽기 전용입니다. 먼저 TCHAR 배열에 복사하세요 (TCHAR cmd[] = TEXT(\"…\");)"},
	"E_INTERNAL":           {"internal error (please report): {0}", "내부 오류입니다 (알려 주세요): {0}"},
	"E_SELF_WAIT":          {"a statement for process {0} cannot wait: it is running someone else's call", "프로세스 {0}의 문장은 대기할 수 없습니다"},
	"E_NEEDS_POINTER":      {"{0} takes a pointer: write {1}", "{0}에는 포인터가 와야 합니다. {1}처럼 쓰세요"},
	"E_WORK_LIMIT":         {"the run did more than {0} operations, the work limit, in this loop (steps so far: {1}): an endless loop? Make it end sooner or do less in it", "이 반복문에서 연산이 작업 한도 {0}회를 넘었습니다(지금까지 단계 {1}개). 무한 반복인가요? 더 일찍 끝나게 하거나 반복 안의 일을 줄이세요"},
	"E_WORK_LIMIT_TOTAL":   {"the run did more than {0} operations, the work limit for one run (steps so far: {1}): make the scenario smaller (fewer variables, statements or calls)", "연산이 한 번 실행의 작업 한도 {0}회를 넘었습니다(지금까지 단계 {1}개). 시나리오를 줄이세요(변수, 문장, 호출 수)"},
	"E_STOPPED":            {"you stopped the run here (steps so far: {0}); your code is still in the editor", "실행을 여기서 중지했습니다(지금까지 단계 {0}개). 코드는 편집기에 그대로 있습니다"},
	"E_EVENT_LIMIT":        {"more than {0} kernel events after {1} steps: the model stops here so that the page stays responsive", "{1}단계까지 커널 이벤트가 {0}개를 넘었습니다. 페이지가 멈추지 않도록 모델이 여기서 멈춥니다"},
	"E_UNDECLARED_FN":      {"{0} is not declared in function {1}{2}", "{0}은(는) 함수 {1}에 선언되지 않았습니다{2}"},
	"E_CALL_DEPTH":         {"function calls nested deeper than {0} levels ({1}): a recursion that does not end? Make it stop sooner, or use a loop", "함수 호출이 {0}단계보다 깊습니다({1}). 끝나지 않는 재귀인가요? 더 일찍 멈추게 하거나 반복문을 쓰세요"},
	"E_GLOBAL_INIT":        {"{0}: a global variable's initializer must be a constant (C computes it before main runs); assign it in main instead", "{0}: 전역 변수의 초기값은 상수여야 합니다(C는 main이 실행되기 전에 계산합니다). main에서 대입하세요"},
}

// Compiled on the first Korean message, not at package initialisation:
// in the browser, start-up would otherwise run (and V8 compile) the regexp
// compiler before the first scene.
var (
	didYouMean = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(` \(did you mean ([^ ?]+)\?\)`) })
	argumentOf = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`argument ([0-9]+) of ([A-Za-z0-9_]+)`) })
)

// phrases translates the English words the parser passes as arguments.
var phrases = map[string]string{
	"a parameter type":               "매개변수 형식",
	"a parameter name":               "매개변수 이름",
	"a new type name":                "새 타입 이름",
	"after typedef":                  "typedef 뒤에",
	"in parameters":                  "매개변수 목록에",
	"after #define":                  "#define 뒤에",
	"after #undef":                   "#undef 뒤에",
	"after #ifdef":                   "#ifdef 뒤에",
	"after #ifndef":                  "#ifndef 뒤에",
	"after expression":               "식 뒤에",
	"after declaration":              "선언 뒤에",
	"after statement":                "문장 뒤에",
	"after return":                   "return 뒤에",
	"after process names":            "프로세스 이름 뒤에",
	"after break":                    "break 뒤에",
	"after continue":                 "continue 뒤에",
	"after 'if'":                     "'if' 뒤에",
	"after 'while'":                  "'while' 뒤에",
	"after 'for'":                    "'for' 뒤에",
	"after condition":                "조건 뒤에",
	"after arguments":                "인수 뒤에",
	"after index":                    "인덱스 뒤에",
	"after cast type":                "형 변환 타입 뒤에",
	"after '.'":                      "'.' 뒤에",
	"after '@'":                      "'@' 뒤에",
	"after 'process'":                "'process' 뒤에",
	"after type":                     "타입 뒤에",
	"after ','":                      "',' 뒤에",
	"after sizeof":                   "sizeof 뒤에",
	"after parameters":               "매개변수 뒤에",
	"after array size":               "배열 크기 뒤에",
	"to close the block":             "블록을 닫으려면",
	"to close the initializer":       "초기값 목록을 닫으려면",
	"in for header":                  "for 머리에서",
	"after '?' expression":           "'?' 식 뒤에",
	"end of file":                    "파일 끝",
	"a name":                         "이름",
	"a process name":                 "프로세스 이름",
	"a field name":                   "필드 이름",
	"a variable name":                "변수 이름",
	"a string":                       "문자열",
	"an integer":                     "정수",
	"a struct":                       "구조체",
	"an array":                       "배열",
	"a pointer":                      "포인터",
	"a handle":                       "핸들",
	"nothing":                        "값 없음",
	"a condition":                    "조건",
	"the address of a variable (&x)": "변수의 주소(&x)",
}

// MaxQuoted is how many characters of quoted source or value text an
// error message shows: a 4,096-character literal or a 65,536-element array
// quoted whole made a message of 240 KB.
const MaxQuoted = 120

// CapQuoted cuts text longer than MaxQuoted characters, marking the cut
// (keeping a closing quote, if any, so the quotation still reads closed).
func CapQuoted(a string) string {
	if len(a) <= MaxQuoted || utf8.RuneCountInString(a) <= MaxQuoted {
		return a
	}
	r := []rune(a)
	tail := ""
	if last := r[len(r)-1]; last == '"' || last == '\'' || last == '}' || last == ')' {
		tail = string(last)
	}
	return string(r[:MaxQuoted]) + "…" + tail
}
