package ui

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"net/url"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"handleviz/assets"
	"handleviz/kernel/syntax"
)

func TestCodeLinkRoundTrip(t *testing.T) {
	l, _ := assets.LessonByID("04-pipe")
	for _, src := range []string{"", "process P;\n", l.Source + "\n// 한국어 설명 ✓\n"} {
		enc := EncodeCode(src)
		if strings.ContainsAny(enc, "+/=#&?% ") {
			t.Errorf("%q is not safe in a URL fragment", enc)
		}
		got, err := DecodeCode(enc)
		if err != nil || got != src {
			t.Errorf("round trip of %d bytes: %v, %d bytes back", len(src), err, len(got))
		}
	}
	// Every bundled lesson, captions in both languages included, fits in a
	// link (an edited lesson is about the same size).
	for _, l := range assets.Lessons() {
		if n := len(EncodeCode(l.Source)); n > MaxLinkLen {
			t.Errorf("lesson %s takes %d characters in a link, over %d", l.ID, n, MaxLinkLen)
		}
	}
}

func TestCodeLinkRejectsBadInput(t *testing.T) {
	var bomb bytes.Buffer
	w, _ := flate.NewWriter(&bomb, flate.BestCompression)
	w.Write(bytes.Repeat([]byte("a"), syntax.MaxSource+10))
	w.Close()
	var latin1 bytes.Buffer
	w, _ = flate.NewWriter(&latin1, flate.BestCompression)
	w.Write([]byte{0xff, 0xfe, 'x'})
	w.Close()
	for name, in := range map[string]string{
		"not base64":  "@@@",
		"not deflate": base64.RawURLEncoding.EncodeToString([]byte("plain text, not deflate")),
		"too long":    base64.RawURLEncoding.EncodeToString(bomb.Bytes()),
		"not UTF-8":   base64.RawURLEncoding.EncodeToString(latin1.Bytes()),
	} {
		if _, err := DecodeCode(in); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func navApp(t *testing.T, raw string) (*App, app.ClientDispatcher) {
	t.Helper()
	a := &App{}
	disp := app.NewClientTester(a)
	t.Cleanup(disp.Close)
	u, _ := url.Parse(raw)
	disp.Nav(u)
	disp.Consume()
	return a, disp
}

func press(disp app.ClientDispatcher, a *App, f func(ctx app.Context)) {
	disp.Dispatch(app.Dispatch{Mode: app.Update, Source: a, Function: f})
	disp.Consume()
}

// A link's code is played, in place of the lesson.
func TestLinkCodeOpens(t *testing.T) {
	src := "process P;\n@P\nHANDLE hLinked = CreateMutex(NULL, FALSE, NULL);\n"
	a, _ := navApp(t, "https://example.test/?lesson=02-duplicate&step=1#code="+EncodeCode(src))
	if a.src != src || !a.edited || a.pos != 1 {
		t.Fatalf("the link's code was not opened at step 1: pos %d, edited %v, src %.40q", a.pos, a.edited, a.src)
	}
	a, _ = navApp(t, "https://example.test/?lesson=02-duplicate#code=AAAA")
	l, _ := assets.LessonByID("02-duplicate")
	if a.src != l.Source || !strings.Contains(app.HTMLString(a), `id="link-broken"`) {
		t.Errorf("a damaged link did not open the lesson with a notice")
	}
}

// In quiz mode, stepping forward stops before the statement a question is
// about; answering plays it and says whether the answer was right.
func TestQuizStopsAndReveals(t *testing.T) {
	a, disp := navApp(t, "https://example.test/?lesson=01-inherit&quiz=1&lang=en")
	qs := a.quizList()
	if len(qs) < 2 {
		t.Fatalf("%d questions in 01-inherit", len(qs))
	}
	first := a.tl.First[qs[0].Step]
	for i := 0; i < a.tl.Len() && a.sl.asking == 0; i++ {
		press(disp, a, func(ctx app.Context) { a.Next(ctx) })
	}
	if a.sl.asking != 1 || a.pos != first-1 {
		t.Fatalf("asking %d at %d, want question 1 at %d", a.sl.asking, a.pos, first-1)
	}
	html := app.HTMLString(a)
	if !strings.Contains(html, "usage count of the mutex") || strings.Contains(html, "? = 2") || strings.Contains(html, "CreateProcess 호출 뒤") {
		t.Errorf("the question is not shown, or the code pane gives the answer away")
	}
	press(disp, a, func(ctx app.Context) { a.Next(ctx) })
	if a.pos != first-1 {
		t.Errorf("an unanswered question let the player on to %d", a.pos)
	}
	press(disp, a, func(ctx app.Context) { a.answerQuiz(ctx, "3") })
	if a.pos != a.tl.LastOf(qs[0].Step) {
		t.Errorf("after the answer the player is at %d, want the statement's end %d", a.pos, a.tl.LastOf(qs[0].Step))
	}
	if html := app.HTMLString(a); !strings.Contains(html, `data-state="wrong"`) || !strings.Contains(html, "The model shows: 2") {
		t.Errorf("a wrong answer is not called wrong with the model's answer")
	}
	// Going back and forth again does not ask twice.
	press(disp, a, func(ctx app.Context) { a.First(ctx) })
	press(disp, a, func(ctx app.Context) { a.goTo(ctx, first+1, false) })
	if a.sl.asking != 0 || a.pos != first+1 {
		t.Errorf("an answered question stopped the player again")
	}
	// Without quiz mode nothing stops.
	b, disp2 := navApp(t, "https://example.test/?lesson=01-inherit")
	press(disp2, b, func(ctx app.Context) { b.Last(ctx) })
	if b.pos != b.tl.Len()-1 || b.sl.asking != 0 {
		t.Errorf("without quiz mode the player stopped at %d", b.pos)
	}
}

func TestMaskQuizLine(t *testing.T) {
	for in, want := range map[string]string{
		"//quiz.en: Count? = 2":              "//quiz.en: Count? = ?",
		"//quiz.en: HANDLE *p? | a | *b | c": "//quiz.en: HANDLE *p? | a | b | c",
		"//quiz.ko: 무엇인가? | *0x4 | 0xC":      "//quiz.ko: 무엇인가? | 0x4 | 0xC",
	} {
		if got := maskQuizLine(in); got != want {
			t.Errorf("%q masked to %q, want %q", in, got, want)
		}
	}
}
