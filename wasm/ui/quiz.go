package ui

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"handleviz/wasm/scene"
)

// Predict-then-reveal. In quiz mode (?quiz=1 or the top bar's toggle) the
// player stops before a statement the lesson asks about (//quiz.en:,
// //quiz.ko:), shows the question, and plays the statement once it is
// answered (or skipped), saying whether the answer was right.

// quizList is the current source's questions (read once per source).
func (a *App) quizList() []scene.Quiz {
	if a.sl.quizSrc != a.src || (a.sl.quizzes == nil && a.src != "") {
		a.sl.quizSrc = a.src
		a.sl.quizzes, _ = scene.Quizzes(a.src, a.trace)
		if a.sl.quizzes == nil {
			a.sl.quizzes = []scene.Quiz{}
		}
		a.sl.answers = map[int]string{}
		a.sl.asking, a.sl.reveal, a.sl.typed = 0, 0, ""
	}
	return a.sl.quizzes
}

// quizStop is where a move to micro-step m stops in quiz mode: before the
// first unanswered question it would play past, asking it.
func (a *App) quizStop(m int) int {
	if m != a.pos {
		a.sl.reveal = 0 // the result goes once the player moves on
	}
	if !a.sl.quizMode || a.tl == nil || m <= a.pos {
		return m
	}
	stop, ask := m, 0
	for i, q := range a.quizList() {
		if _, done := a.sl.answers[i]; done || q.Step <= 0 || q.Step >= len(a.tl.First)-1 {
			continue
		}
		if f := a.tl.First[q.Step]; a.pos < f && m >= f && f-1 < stop {
			stop, ask = f-1, i+1
		}
	}
	if ask != 0 {
		a.sl.asking, a.sl.reveal, a.sl.typed = ask, 0, ""
		a.playing = false
	}
	return stop
}

// answerQuiz records an answer ("" skips) and plays the statement whole.
func (a *App) answerQuiz(ctx app.Context, answer string) {
	i := a.sl.asking - 1
	qs := a.quizList()
	if i < 0 || i >= len(qs) {
		return
	}
	a.sl.answers[i] = answer
	a.sl.asking = 0
	a.goTo(ctx, a.tl.LastOf(qs[i].Step), true)
	a.sl.reveal = i + 1
	a.Update()
}

func (a *App) toggleQuiz(ctx app.Context, e app.Event) {
	a.sl.quizMode = !a.sl.quizMode
	a.sl.asking, a.sl.reveal = 0, 0
	a.sl.answers = map[int]string{}
	v := ""
	if a.sl.quizMode {
		v = "1"
	}
	a.setURLParam(ctx, "quiz", v)
}

func (a *App) renderQuiz() app.UI {
	qs := a.quizList()
	switch {
	case a.sl.asking > 0 && a.sl.asking <= len(qs):
		q := qs[a.sl.asking-1]
		var body []app.UI
		if q.Choices != nil {
			for i, c := range q.Choices {
				body = append(body, app.Button().ID("quiz-choice-"+strconv.Itoa(i)).Class("btn quiz-choice").DataSet("choice", i).Text(c.In(a.lang)).
					OnClick(a.onChoice))
			}
		} else {
			body = append(body, app.Form().Class("quiz-form").OnSubmit(func(ctx app.Context, e app.Event) {
				e.PreventDefault()
				a.answerQuiz(ctx, strings.TrimSpace(a.sl.typed))
			}).Body(
				app.Input().ID("quiz-input").Class("quiz-input").Type("text").AutoFocus(true).Aria("label", scene.T(a.lang, "quiz.answer")).
					Placeholder(scene.T(a.lang, "quiz.answer")).Value(a.sl.typed).
					OnInput(func(ctx app.Context, e app.Event) { a.sl.typed = ctx.JSSrc().Get("value").String() }),
				app.Button().ID("quiz-check").Class("btn primary").Type("submit").Text(scene.T(a.lang, "quiz.check")),
			))
		}
		body = append(body, app.Button().ID("quiz-skip").Class("btn quiz-skip").Text(scene.T(a.lang, "quiz.skip")).
			OnClick(func(ctx app.Context, e app.Event) { a.answerQuiz(ctx, "") }))
		return app.Div().ID("quiz").Class("quiz").Role("dialog").Aria("label", scene.T(a.lang, "quiz.title")).DataSet("state", "asking").Body(
			app.Div().Class("quiz-title").Text(scene.T(a.lang, "quiz.title")),
			app.P().ID("quiz-question").Class("quiz-question").Text(q.Q.In(a.lang)),
			app.Div().Class("quiz-answers").Body(body...),
		)
	case a.sl.reveal > 0 && a.sl.reveal <= len(qs):
		i := a.sl.reveal - 1
		q := qs[i]
		given := a.sl.answers[i]
		right := scene.T(a.lang, "quiz.shown")
		state := "shown"
		shown := given
		if q.Choices != nil {
			if k, err := strconv.Atoi(given); err == nil && k >= 0 && k < len(q.Choices) {
				shown = q.Choices[k].In(a.lang)
			}
		}
		switch {
		case given == "":
		case q.Check(given):
			right, state = scene.T(a.lang, "quiz.right"), "right"
		default:
			right, state = scene.T(a.lang, "quiz.wrong"), "wrong"
		}
		msg := scene.FixJosa(scene.Line{Key: "x", Args: []string{q.AnswerText(a.lang), shown}}.Format(right))
		// Small, at the top: the scene below shows the answer.
		return app.Div().ID("quiz").Class("quiz quiz-reveal").Role("status").DataSet("state", state).Body(
			app.P().ID("quiz-result").Class("quiz-result").DataSet("state", state).Text(msg),
			app.Button().ID("quiz-continue").Class("btn").Text(scene.T(a.lang, "quiz.continue")).
				OnClick(func(ctx app.Context, e app.Event) { a.sl.reveal = 0 }),
		)
	}
	return nil
}

// onChoice reads the choice from the button (go-app keeps the first
// closure of a literal, so it must not capture the index).
func (a *App) onChoice(ctx app.Context, e app.Event) {
	a.answerQuiz(ctx, ctx.JSSrc().Get("dataset").Get("choice").String())
}

// codeShown is the source as the code pane shows it: in quiz mode the
// questions' answers and the captions of the statements still to be asked
// about are hidden (the lines stay, so line numbers do not move).
func (a *App) codeShown() string {
	if !a.sl.quizMode {
		return a.src
	}
	qs := a.quizList()
	if len(qs) == 0 {
		return a.src
	}
	lines := strings.Split(a.src, "\n")
	for i, q := range qs {
		_, done := a.sl.answers[i]
		end := q.Line
		if q.Step >= 0 && q.Step < len(a.trace.Steps) {
			end = a.trace.Steps[q.Step].Line - 1
		}
		for l := q.Line - 1; l < end && l < len(lines); l++ {
			t := strings.TrimSpace(lines[l])
			switch {
			case strings.HasPrefix(t, "//quiz."):
				if !done {
					lines[l] = maskQuizLine(lines[l])
				}
			case !done && (strings.HasPrefix(t, "//en:") || strings.HasPrefix(t, "//ko:")):
				lines[l] = t[:5] + " …"
			}
		}
	}
	return strings.Join(lines, "\n")
}

func maskQuizLine(l string) string {
	if i := strings.Index(l, "|"); i >= 0 {
		parts := strings.Split(l[i+1:], "|")
		for k, c := range parts {
			if t := strings.TrimSpace(c); strings.HasPrefix(t, "*") {
				parts[k] = " " + strings.TrimSpace(t[1:]) + " "
			}
		}
		return strings.TrimRight(l[:i]+"|"+strings.Join(parts, "|"), " ")
	}
	if i := strings.LastIndex(l, "="); i >= 0 {
		return l[:i] + "= ?"
	}
	return l
}
