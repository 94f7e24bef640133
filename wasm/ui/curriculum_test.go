package ui

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"handleviz/assets"
	"handleviz/wasm/scene"
)

// The leak report is drawn only at the last micro-step, and there it names
// the four events the first server leaked and the line that created them.
func TestLeakReportAtTheEndOnly(t *testing.T) {
	l, _ := assets.LessonByID("1-19-handle-leak")
	tr := scene.Compile(l.Source)
	tl := scene.NewTimeline(tr)
	a, _ := mount(t, tr, tl.Len()-2, false)
	if html := app.HTMLString(a); strings.Contains(html, `id="leak-report"`) {
		t.Error("the leak report shows before the last step")
	}
	a, _ = mount(t, tr, tl.Len()-1, false)
	html := app.HTMLString(a)
	rep := text(from(t, html, "leak-report"))
	line := tr.Steps[stepOf(tr, "hRequest = CreateEvent")].Line
	for _, want := range []string{"0 handles open", "4 closed only at process exit", "Server (PID 1000)", "line " + itoa(line) + " (create): hRequest = CreateEvent(NULL, TRUE, FALSE, NULL);", "No handle is left open"} {
		if !strings.Contains(rep, want) {
			t.Errorf("leak report lacks %q: %s", want, rep)
		}
	}
}

// from returns the page from the element with that id to the end.
func from(t *testing.T, html, id string) string {
	t.Helper()
	i := strings.Index(html, `id="`+id+`"`)
	if i < 0 {
		t.Fatalf("no element %s", id)
	}
	return html[i:]
}

// The inspector on a handle shows the mask, its names and the attributes;
// on an object, the usage count's breakdown; text from the scenario stays
// text (a name with markup is not markup).
func TestInspectorRendersHandleAndObject(t *testing.T) {
	src := `process P;
@P
HANDLE h = CreateMutex(NULL, FALSE, TEXT("<b>x</b>"));
SetHandleInformation(h, HANDLE_FLAG_INHERIT | HANDLE_FLAG_PROTECT_FROM_CLOSE, HANDLE_FLAG_INHERIT | HANDLE_FLAG_PROTECT_FROM_CLOSE);
`
	tr := scene.Compile(src)
	if tr.Err != nil {
		t.Fatal(tr.Err)
	}
	tl := scene.NewTimeline(tr)
	a, disp := mount(t, tr, tl.Len()-1, false)
	pid := tr.Steps[1].PID
	disp.Dispatch(app.Dispatch{Mode: app.Update, Source: a, Function: func(ctx app.Context) { a.insp = &inspectTarget{PID: pid, Index: 1} }})
	disp.Consume()
	html := app.HTMLString(a)
	in := text(from(t, html, "inspector"))
	for _, want := range []string{"Handle 0x4 in P (PID 1000), index 1", "0x1F0001", "MUTEX_ALL_ACCESS", "Inherit (HANDLE_FLAG_INHERIT), Protect from close (HANDLE_FLAG_PROTECT_FROM_CLOSE)", "1 = 1 handles + 0 kernel references", "<b>x</b>", "not owned"} {
		if !strings.Contains(in, want) {
			t.Errorf("inspector lacks %q: %s", want, in)
		}
	}
	if strings.Contains(html, "<b>x</b>") {
		t.Error("the object's name became markup")
	}
	disp.Dispatch(app.Dispatch{Mode: app.Update, Source: a, Function: func(ctx app.Context) {
		a.insp = &inspectTarget{Obj: tl.State(tl.Len() - 1).Process(pid).Proc.Entries()[0].Object}
	}})
	disp.Consume()
	if in := text(from(t, app.HTMLString(a), "inspector")); !strings.Contains(in, "Object Mutex <b>x</b>") || !strings.Contains(in, "P 0x4") || strings.Contains(in, "GrantedAccess") {
		t.Errorf("object inspector: %s", in)
	}
}
