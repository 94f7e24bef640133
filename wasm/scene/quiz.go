package scene

import (
	"fmt"
	"strconv"
	"strings"
)

// Quiz is a predict-then-reveal question a lesson asks before a statement
// plays (docs/scenario-language.md, "Questions"):
//
//	//quiz.en: Usage count of the mutex after CreateProcess? = 2
//	//quiz.ko: CreateProcess 호출 뒤 뮤텍스의 사용 카운트는? = 2
//	//quiz.en: Which handle value does the child get? | 0x4 | 0x8 | *0xC
//
// A number answer follows the last " = "; choices follow " | ", the right
// one marked with "*". The lines go right before the statement (with its
// captions); the question is about the state after it.
type Quiz struct {
	Line    int // the first quiz comment's line
	Step    int // the statement it precedes (index into Trace.Steps; -1: none ran)
	Q       Text
	Choices []Text // nil: the answer is a number
	Answer  int    // the right choice's index
	Number  string // the right number as the lesson writes it ("2", "0xC")
}

// QuizError is a malformed quiz line.
type QuizError struct {
	Line int
	Msg  string
}

func (e QuizError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// quizPart is one language's line.
type quizPart struct {
	q       string
	choices []string
	answer  int
	number  string
}

func parseQuizLine(s string) (quizPart, error) {
	if strings.Contains(s, "|") {
		parts := strings.Split(s, "|")
		p := quizPart{q: strings.TrimSpace(parts[0]), answer: -1}
		for i, c := range parts[1:] {
			c = strings.TrimSpace(c)
			if r, ok := strings.CutPrefix(c, "*"); ok {
				if p.answer >= 0 {
					return p, fmt.Errorf("two choices are marked right with *")
				}
				p.answer, c = i, strings.TrimSpace(r)
			}
			if c == "" {
				return p, fmt.Errorf("choice %d is empty", i+1)
			}
			p.choices = append(p.choices, c)
		}
		switch {
		case len(p.choices) < 2:
			return p, fmt.Errorf("a question with choices needs at least two")
		case p.answer < 0:
			return p, fmt.Errorf("no choice is marked right with *")
		case p.q == "":
			return p, fmt.Errorf("the question is empty")
		}
		return p, nil
	}
	i := strings.LastIndex(s, "=")
	if i < 0 {
		return quizPart{}, fmt.Errorf(`expected "question? = number" or "question? | choice | *right choice"`)
	}
	p := quizPart{q: strings.TrimSpace(s[:i]), number: strings.TrimSpace(s[i+1:])}
	if _, ok := ParseNumber(p.number); !ok {
		return p, fmt.Errorf("the answer %q is not a number", p.number)
	}
	if p.q == "" {
		return p, fmt.Errorf("the question is empty")
	}
	return p, nil
}

// ParseNumber reads an answer as C writes numbers: 12, 0xC, -1.
func ParseNumber(s string) (int64, bool) {
	v, err := strconv.ParseInt(strings.TrimSpace(s), 0, 64)
	if err != nil {
		if u, err2 := strconv.ParseUint(strings.TrimSpace(s), 0, 64); err2 == nil {
			return int64(u), true
		}
	}
	return v, err == nil
}

// Quizzes reads the questions of a scenario's source and places each
// before the statement that follows it in the source (its first run in
// tr). A question needs both languages, with the same choices' count and
// the same answer.
func Quizzes(src string, tr *Trace) ([]Quiz, []QuizError) {
	var out []Quiz
	var errs []QuizError
	lines := strings.Split(src, "\n")
	pending := map[string]quizPart{}
	pendingLine := 0
	flush := func() {
		if len(pending) == 0 {
			return
		}
		en, okE := pending["en"]
		ko, okK := pending["ko"]
		pending = map[string]quizPart{}
		if !okE || !okK {
			errs = append(errs, QuizError{pendingLine, "a question needs both //quiz.en: and //quiz.ko:"})
			return
		}
		if len(en.choices) != len(ko.choices) || en.answer != ko.answer {
			errs = append(errs, QuizError{pendingLine, "the English and Korean questions have different choices or answers"})
			return
		}
		if en.number != "" {
			a, _ := ParseNumber(en.number)
			b, _ := ParseNumber(ko.number)
			if a != b {
				errs = append(errs, QuizError{pendingLine, "the English and Korean questions have different answers"})
				return
			}
		}
		q := Quiz{Line: pendingLine, Step: -1, Q: Text{En: en.q, Ko: ko.q}, Answer: en.answer, Number: en.number}
		for i := range en.choices {
			q.Choices = append(q.Choices, Text{En: en.choices[i], Ko: ko.choices[i]})
		}
		if tr != nil {
			best := 0
			for s, st := range tr.Steps {
				if st.Line > pendingLine && (best == 0 || st.Line < best) {
					best, q.Step = st.Line, s
				}
			}
			if q.Step < 0 {
				errs = append(errs, QuizError{pendingLine, "no statement after the question ran"})
				return
			}
		}
		out = append(out, q)
	}
	for i, l := range lines {
		t := strings.TrimSpace(l)
		lang := ""
		var rest string
		var ok bool
		if rest, ok = strings.CutPrefix(t, "//quiz.en:"); ok {
			lang = "en"
		} else if rest, ok = strings.CutPrefix(t, "//quiz.ko:"); ok {
			lang = "ko"
		}
		if lang == "" {
			continue
		}
		if _, dup := pending[lang]; dup {
			flush()
		}
		if len(pending) == 0 {
			pendingLine = i + 1
		}
		p, err := parseQuizLine(rest)
		if err != nil {
			errs = append(errs, QuizError{i + 1, err.Error()})
			continue
		}
		pending[lang] = p
		if len(pending) == 2 {
			flush()
		}
	}
	flush()
	return out, errs
}

// Check reports whether an answer is right: the right choice's index (as
// text), or a number equal to the answer (12 and 0xC are the same).
func (q Quiz) Check(answer string) bool {
	if q.Choices != nil {
		i, err := strconv.Atoi(strings.TrimSpace(answer))
		return err == nil && i == q.Answer
	}
	a, ok1 := ParseNumber(answer)
	b, ok2 := ParseNumber(q.Number)
	return ok1 && ok2 && a == b
}

// AnswerText is the right answer, as the page shows it.
func (q Quiz) AnswerText(lang string) string {
	if q.Choices != nil {
		return q.Choices[q.Answer].In(lang)
	}
	return q.Number
}
