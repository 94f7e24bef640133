package ui

import (
	"fmt"
	stdhtml "html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"handleviz/assets"
	"handleviz/wasm/scene"
)

func pipeLesson(t *testing.T) *scene.Trace {
	t.Helper()
	l, ok := assets.LessonByID("04-pipe")
	if !ok {
		t.Fatal("no lesson 04-pipe")
	}
	tr := scene.Compile(l.Source)
	if tr.Err != nil {
		t.Fatalf("lesson 04-pipe: %+v", tr.Err)
	}
	return tr
}

func cardOf(t *testing.T, a *App, html, role string) string {
	t.Helper()
	for _, o := range a.Scene().Objects {
		if o.Role == role && !o.Ghost {
			return element(t, html, fmt.Sprintf("obj-%d", o.ID))
		}
	}
	t.Fatalf("no %s card", role)
	return ""
}

// text drops the tags, leaving what the card says.
func text(html string) string {
	return stdhtml.UnescapeString(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(html, " "))
}

// The micro-step of the child's write shows the bytes in the read end's
// buffer, marked new, with a "+26 bytes" badge and a chip travelling from
// the child's row; the next one (the parent's read) shows them leaving.
func TestPipeCardAtWriteAndRead(t *testing.T) {
	tr := pipeLesson(t)
	tl := scene.NewTimeline(tr)
	w := stepOf(tr, `WriteFile(hOut, sendString`)
	a, _ := mount(t, tr, tl.First[w], false)
	html := app.HTMLString(a)
	rd := cardOf(t, a, html, "read")
	for _, want := range []string{"read end", "+26 bytes from Child", "write end: open (1 handle)", "buffer: 26 bytes", "hello, parent", "❙❙ Parent waits in ReadFile"} {
		if !strings.Contains(text(rd), want) {
			t.Errorf("read end card at the write lacks %q: %s", want, text(rd))
		}
	}
	if !regexp.MustCompile(`<span[^>]*class="seg"[^>]*data-new="1"[^>]*>hello, parent<|<span[^>]*data-new="1"[^>]*class="seg"[^>]*>hello, parent<`).MatchString(rd) {
		t.Errorf("the written bytes are not marked new: %s", rd)
	}
	wr := cardOf(t, a, html, "write")
	for _, want := range []string{"write end", "26 bytes sent", "read end: open (1 handle)", "data goes to the read end"} {
		if !strings.Contains(text(wr), want) {
			t.Errorf("write end card lacks %q: %s", want, text(wr))
		}
	}
	if strings.Contains(text(wr), "buffer") {
		t.Errorf("the write end shows a buffer: %s", text(wr))
	}
	if !strings.Contains(html, "waiting in ReadFile(0x4) on Pipe read end") {
		t.Errorf("the parent's header does not say where it waits")
	}
	if !regexp.MustCompile(`class="traveller"[^>]*data-kind="data"|data-kind="data"[^>]*class="traveller"`).MatchString(html) || !strings.Contains(html, `data-dir="in"`) {
		t.Errorf("no data chip travelling into the buffer")
	}
	if !strings.Contains(html, `data-kind="joint"`) {
		t.Errorf("no joint between the two ends")
	}

	a, _ = mount(t, tr, tl.First[w]+1, false)
	html = app.HTMLString(a)
	rd = cardOf(t, a, html, "read")
	for _, want := range []string{"−26 bytes read by Parent", "buffer empty"} {
		if !strings.Contains(text(rd), want) {
			t.Errorf("read end card at the read lacks %q: %s", want, text(rd))
		}
	}
	if !regexp.MustCompile(`data-gone="1"[^>]*>(&#34;|")hello, parent(&#34;|")<`).MatchString(rd) {
		t.Errorf("the read bytes are not drawn leaving: %s", rd)
	}
	if strings.Contains(html, "waiting in ReadFile") {
		t.Errorf("the parent still waits after its read")
	}
	if !strings.Contains(html, `data-dir="out"`) {
		t.Errorf("no data chip leaving the buffer")
	}
	// (Reduced motion only hides the travellers, in the style sheet: the
	// browser test checks it.)
}

// Every card line, badge and header of the pipe lesson is Korean in the
// Korean UI.
func TestPipeCardKorean(t *testing.T) {
	tr := pipeLesson(t)
	tl := scene.NewTimeline(tr)
	w := stepOf(tr, `WriteFile(hOut, sendString`)
	a, disp := mount(t, tr, tl.First[w], false)
	disp.Dispatch(app.Dispatch{Mode: app.Update, Source: a, Function: func(ctx app.Context) { a.lang = "ko" }})
	disp.Consume()
	html := app.HTMLString(a)
	rd, wr := text(cardOf(t, a, html, "read")), text(cardOf(t, a, html, "write"))
	for _, want := range []string{"읽기 파이프", "+26바이트(Child 프로세스가 씀)", "쓰기 파이프: 핸들 1개 열림", "버퍼: 26바이트", "❙❙ Parent: ReadFile 호출에서 대기 중"} {
		if !strings.Contains(rd, want) {
			t.Errorf("Korean read end card lacks %q: %s", want, rd)
		}
	}
	for _, want := range []string{"쓰기 파이프", "26바이트 보냄", "읽기 파이프: 핸들 1개 열림", "데이터는 읽기 파이프로 전달됨"} {
		if !strings.Contains(wr, want) {
			t.Errorf("Korean write end card lacks %q: %s", want, wr)
		}
	}
	if !strings.Contains(html, "ReadFile(0x4) 호출에서 대기 중: 읽기 파이프") {
		t.Errorf("the Korean header does not say where the parent waits")
	}
	// No English state line is left on any card.
	cards := ""
	for _, o := range a.Scene().Objects {
		cards += text(element(t, html, fmt.Sprintf("obj-%d", o.ID)))
	}
	for k, m := range assets.Translations() {
		en := m["en"]
		fixed := strings.TrimPrefix(regexp.MustCompile(`\{[0-9]\}`).Split(en, -1)[0], "❙❙ ")
		if strings.HasPrefix(k, "st.") && m["ko"] != en && len(fixed) > 6 && strings.Contains(cards, fixed) {
			t.Errorf("English %q (%s) on a Korean card", fixed, k)
		}
	}
	for _, en := range []string{"buffer", "write end", "read end", "kernel ", "running", "bytes"} {
		if strings.Contains(cards, en) {
			t.Errorf("English %q on a Korean card: %s", en, cards)
		}
	}
}

// Every state line, waiter line and role the scene produces, at every
// micro-step of every golden scenario and lesson, has an English and a
// Korean text taking its arguments; so have the badges. (The scene gives
// keys only: the texts live in assets/i18n.json alone.)
func TestStateLinesTranslated(t *testing.T) {
	tr := assets.Translations()
	args := regexp.MustCompile(`\{[0-9]\}`)
	check := func(key string, n int) {
		m, ok := tr[key]
		if !ok {
			t.Errorf("i18n.json lacks %s", key)
			return
		}
		for _, lang := range []string{"en", "ko"} {
			if got := len(sortedArgs(args.FindAllString(m[lang], -1))); m[lang] == "" || got != n {
				t.Errorf("%s: %s %q takes %d arguments, the scene gives %d", key, lang, m[lang], got, n)
			}
		}
	}
	files, _ := filepath.Glob("../../kernel/scenario/testdata/golden/*.scn")
	lessons, _ := filepath.Glob("../../assets/lessons/*.scn")
	seen := map[string]bool{}
	for _, f := range append(files, lessons...) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		trc := scene.Compile(string(src))
		tl := scene.NewTimeline(trc)
		for m := 0; m < tl.Len(); m++ {
			for _, o := range scene.Build(tl, m, m, nil).Objects {
				for _, l := range append(append([]scene.Line(nil), o.Lines...), o.Waiters...) {
					if l.Key != "" && !seen[l.Key] {
						seen[l.Key] = true
						check("st."+l.Key, len(l.Args))
					}
				}
				if o.Role != "" && !seen["role."+o.Role] {
					seen["role."+o.Role] = true
					check("role."+o.Role, 0)
				}
			}
		}
	}
	if len(seen) < 30 {
		t.Errorf("only %d line keys and roles seen: the scenarios no longer reach the cards", len(seen))
	}
	for _, k := range []string{"flow.in", "flow.out", "flow.out.more", "flow.sent", "wait.on", "data.gone", "kernel.refs"} {
		if m := tr[k]; m["en"] == "" || m["ko"] == "" {
			t.Errorf("%s: %v", k, m)
		}
	}
}

func sortedArgs(a []string) []string { sortStrings(a); return a }

// The named pipe's busy instance and the mailslot with two writers, drawn:
// the server end says it is connected and to how many client handles;
// messages are listed one by one; a second client's header says it waits
// in WaitNamedPipe on the pipe's name.
func TestNamedPipeAndMailslotCards(t *testing.T) {
	load := func(name string) *scene.Trace {
		b, err := os.ReadFile("../../kernel/scenario/testdata/golden/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return scene.Compile(string(b))
	}
	tr := load("33_named_pipe_busy.scn")
	tl := scene.NewTimeline(tr)
	s := stepOf(tr, "BOOL free = WaitNamedPipe")
	a, _ := mount(t, tr, tl.LastOf(s), true)
	html := app.HTMLString(a)
	srv := text(cardOf(t, a, html, "server"))
	for _, want := range []string{`\\.\pipe\echo`, "server end: connected", "client: open (1 handle)", "buffer: 1 message", `"ping 1"`} {
		if !strings.Contains(srv, want) {
			t.Errorf("server card lacks %q: %s", want, srv)
		}
	}
	if !strings.Contains(html, `waiting in WaitNamedPipe on NamedPipe \\.\pipe\echo`) {
		t.Errorf("Client2's header does not say where it waits")
	}

	tr = load("34_mailslot_two_writers.scn")
	tl = scene.NewTimeline(tr)
	s = stepOf(tr, `WriteFile(hA, TEXT("A: two")`)
	a, _ = mount(t, tr, tl.LastOf(s), true)
	html = app.HTMLString(a)
	slot := cardOf(t, a, html, "slot-server")
	for _, want := range []string{"mailslot: the server reads", "writers: 2 client handles", "buffer: 2 messages", "+12 bytes from WriterA"} {
		if !strings.Contains(text(slot), want) {
			t.Errorf("mailslot card lacks %q: %s", want, text(slot))
		}
	}
	if n := strings.Count(slot, `class="msg-no"`); n != 2 {
		t.Errorf("%d numbered messages in the mailslot, want 2: %s", n, slot)
	}
}
