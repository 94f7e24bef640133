package ui

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"handleviz/kernel"
	"handleviz/wasm/scene"
)

// mount renders the app playing tr, at micro-step m.
func mount(t *testing.T, tr *scene.Trace, m int, whole bool) (*App, app.ClientDispatcher) {
	t.Helper()
	a := &App{}
	disp := app.NewClientTester(a)
	t.Cleanup(disp.Close)
	disp.Dispatch(app.Dispatch{Mode: app.Update, Source: a, Function: func(ctx app.Context) {
		a.LoadTraceForTest(tr)
		a.SetStepForTest(ctx, m, whole)
	}})
	disp.Consume()
	return a, disp
}

// openTag returns the opening tag of the element with that id.
func openTag(t *testing.T, html, id string) string {
	t.Helper()
	re := regexp.MustCompile(`<[a-z]+[^>]*\sid="` + regexp.QuoteMeta(id) + `"[^>]*>`)
	tag := re.FindString(html)
	if tag == "" {
		t.Fatalf("no element #%s in the page", id)
	}
	return tag
}

// element returns the element's text from its opening tag up to the next
// element with an id of the same prefix (enough to check its cells).
func element(t *testing.T, html, id string) string {
	t.Helper()
	tag := openTag(t, html, id)
	i := strings.Index(html, tag)
	rest := html[i+len(tag):]
	prefix := id[:strings.LastIndexAny(id, "-")+1]
	if j := strings.Index(rest, `id="`+prefix); j >= 0 {
		rest = rest[:j]
	}
	return tag + rest
}

func attr(tag, name string) string {
	m := regexp.MustCompile(`\s` + regexp.QuoteMeta(name) + `="([^"]*)"`).FindStringSubmatch(tag)
	if m == nil {
		return ""
	}
	return m[1]
}

func styleNum(tag, prop string) float64 {
	m := regexp.MustCompile(`(?:^|[;\s"])` + regexp.QuoteMeta(prop) + `:\s*([-0-9.]+)px`).FindStringSubmatch(attr(tag, "style"))
	if m == nil {
		return -1
	}
	v, _ := strconv.ParseFloat(m[1], 64)
	return v
}

func stepOf(tr *scene.Trace, prefix string) int {
	for i, s := range tr.Steps {
		if strings.HasPrefix(s.Text, prefix) {
			return i
		}
	}
	return -1
}

func TestSceneInheritedRow(t *testing.T) {
	tr := scene.InheritDemo()
	tl := scene.NewTimeline(tr)
	cp := stepOf(tr, "CreateProcess")
	parent, child := tr.Steps[0].PID, tr.Steps[cp].After.Processes()[1].Proc.PID
	// Micro-step 1 of CreateProcess: the mutex row is copied.
	a, _ := mount(t, tr, tl.First[cp]+1, false)
	html := app.HTMLString(a)

	prow := element(t, html, fmt.Sprintf("row-%d-1", parent))
	crow := element(t, html, fmt.Sprintf("row-%d-1", child))
	for _, want := range []string{">0x4<", ">Mutex<", "Inherit"} {
		if !strings.Contains(crow, want) {
			t.Errorf("child row 1 lacks %q: %s", want, crow)
		}
	}
	if attr(openTag(t, crow, fmt.Sprintf("row-%d-1", child)), "data-change") != "inherited" {
		t.Errorf("child row 1 not marked inherited: %s", crow)
	}
	if attr(openTag(t, prow, fmt.Sprintf("row-%d-1", parent)), "data-change") != "scan-copy" {
		t.Errorf("parent row 1 not marked as scanned and copied: %s", prow)
	}
	if !strings.Contains(crow, "inherited<") {
		t.Errorf("the change has no text badge: %s", crow)
	}
	// The mutex card shows 2 and the +1 with its cause.
	var mutex scene.ObjView
	for _, o := range a.Scene().Objects {
		if o.Type == "Mutex" {
			mutex = o
		}
	}
	card := element(t, html, fmt.Sprintf("obj-%d", mutex.ID))
	if !strings.Contains(card, `class="count">2<`) && !regexp.MustCompile(`class="count"[^>]*>2<`).MatchString(card) {
		t.Errorf("mutex card does not show 2: %s", card)
	}
	if !strings.Contains(card, "+1 inherit") {
		t.Errorf("mutex card lacks '+1 inherit': %s", card)
	}
	// The traveller goes from the parent's row to the child's.
	if !strings.Contains(html, `class="traveller"`) {
		t.Errorf("no travelling row")
	}
}

func TestSceneSkippedRowAndArrows(t *testing.T) {
	tr := scene.InheritDemo()
	tl := scene.NewTimeline(tr)
	cp := stepOf(tr, "CreateProcess")
	parent, child := tr.Steps[0].PID, tr.Steps[cp].After.Processes()[1].Proc.PID
	a, _ := mount(t, tr, tl.First[cp]+2, false)
	html := app.HTMLString(a)
	prow := openTag(t, html, fmt.Sprintf("row-%d-2", parent))
	if attr(prow, "data-change") != "scan-skip" {
		t.Errorf("parent row 2 not marked skipped: %s", prow)
	}
	if strings.Contains(html, fmt.Sprintf(`id="row-%d-2"`, child)) {
		t.Errorf("the child has a row at the skipped index")
	}
	// Arrow endpoints: from each row's right edge to its card's top middle,
	// as the rendered boxes say.
	n := 0
	for _, ar := range a.Scene().Arrows {
		path := openTag(t, html, fmt.Sprintf("arrow-%d-%d", ar.PID, ar.Index))
		card := openTag(t, html, fmt.Sprintf("obj-%d", ar.Obj))
		proc := openTag(t, html, fmt.Sprintf("proc-%d", ar.PID))
		x1 := styleNum(proc, "left") + styleNum(proc, "width")
		y1 := scene.TableTop() + float64(ar.Index-1)*scene.RowH + scene.RowH/2
		x2 := styleNum(card, "left") + styleNum(card, "width")/2
		y2 := styleNum(card, "top")
		d := attr(path, "d")
		if !strings.HasPrefix(d, fmt.Sprintf("M %g %g ", x1, y1)) || !strings.HasSuffix(d, fmt.Sprintf(" %g %g", x2, y2)) {
			t.Errorf("arrow %d/%d: d=%q, want from (%g,%g) to (%g,%g)", ar.PID, ar.Index, d, x1, y1, x2, y2)
		}
		n++
	}
	if n != 3 {
		t.Errorf("%d arrows, want 3", n)
	}
}

func TestSceneCountsAndClose(t *testing.T) {
	tr := scene.InheritDemo()
	tl := scene.NewTimeline(tr)
	cl := stepOf(tr, "CloseHandle(h)")
	a, _ := mount(t, tr, tl.LastOf(cl), true)
	html := app.HTMLString(a)
	child := tr.Steps[cl].PID
	row := openTag(t, html, fmt.Sprintf("row-%d-1", child))
	if attr(row, "data-ghost") != "1" || attr(row, "data-change") != "closed" {
		t.Errorf("closed row not drawn fading: %s", row)
	}
	if !strings.Contains(html, "−1 CloseHandle") {
		t.Errorf("no −1 with its cause")
	}
	for _, o := range a.Scene().Objects {
		if o.Type == "Mutex" && o.Usage != 1 {
			t.Errorf("mutex usage %d after the child's close, want 1", o.Usage)
		}
	}
}

func TestKeysStepAndBack(t *testing.T) {
	tr := scene.InheritDemo()
	a, disp := mount(t, tr, 3, false)
	before := app.HTMLString(a)
	do := func(f func(ctx app.Context)) {
		disp.Dispatch(app.Dispatch{Mode: app.Update, Source: a, Function: f})
		disp.Consume()
	}
	do(func(ctx app.Context) { a.step(ctx, 1, false) })
	do(func(ctx app.Context) { a.step(ctx, 1, true) })
	do(func(ctx app.Context) { a.SetStepForTest(ctx, 3, false) })
	if after := app.HTMLString(a); stripPhase(after) != stripPhase(before) {
		t.Errorf("stepping back did not give the same page")
	}
}

// stripPhase drops the attributes that only restart animations, and sorts
// nothing else: attribute order is random in HTMLString, so compare sets of
// tags.
func stripPhase(s string) string {
	s = regexp.MustCompile(`\sdata-(phase|renders)="[0-9]+"`).ReplaceAllString(s, "")
	tags := regexp.MustCompile(`<[^>]+>|[^<]+`).FindAllString(s, -1)
	for i, t := range tags {
		if strings.HasPrefix(t, "<") {
			parts := regexp.MustCompile(`\s[a-zA-Z-]+="[^"]*"`).FindAllString(t, -1)
			sortStrings(parts)
			tags[i] = strings.SplitN(t, " ", 2)[0] + strings.Join(parts, "")
		}
	}
	return strings.Join(tags, "")
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func TestTextIsNeverMarkup(t *testing.T) {
	r := scene.NewRecorder()
	pid, tid := r.Start("P")
	r.Step(pid, `HANDLE h = CreateEvent(NULL, TRUE, FALSE, "<img src=x onerror=alert(1)>");`, scene.Text{En: "<script>alert(1)</script> caption"}, func() string {
		r.K.CreateEvent(tid, nil, true, false, "<img src=x onerror=alert(1)>")
		r.Print(pid, "<script>alert(2)</script>")
		return "<b>bold</b>"
	})
	a, _ := mount(t, r.T, 1, false)
	html := app.HTMLString(a)
	for _, bad := range []string{"<script>", "<img ", "<b>"} {
		if strings.Contains(html, bad) {
			i := strings.Index(html, bad)
			t.Errorf("page contains markup %q from lesson text: …%s…", bad, html[max(0, i-120):min(len(html), i+60)])
		}
	}
	if !strings.Contains(html, "&lt;img src=x onerror=alert(1)&gt;") {
		t.Errorf("the object's name is not shown as text")
	}
}

var _ = kernel.Handle(0)

// The UI language switches every fixed string and the lesson's captions.
func TestKoreanUI(t *testing.T) {
	tr := scene.InheritDemo()
	tl := scene.NewTimeline(tr)
	cp := stepOf(tr, "CreateProcess")
	a, disp := mount(t, tr, tl.First[cp]+2, false)
	disp.Dispatch(app.Dispatch{Mode: app.Update, Source: a, Function: func(ctx app.Context) { a.lang = "ko" }})
	disp.Consume()
	html := app.HTMLString(a)
	for _, want := range []string{"인덱스", "커널 공간", "상속 가능", "같은 인덱스로 복사된다", "✗ 건너뜀"} {
		if !strings.Contains(html, want) {
			t.Errorf("Korean page lacks %q", want)
		}
	}
}

// "Hide code" folds the code pane away (a wide scene then fits a projector);
// "Show code" brings the pane back; a permalink with code=hide opens folded.
func TestHideCode(t *testing.T) {
	tr := scene.InheritDemo()
	a, disp := mount(t, tr, 3, false)
	if !strings.Contains(app.HTMLString(a), `class="code-pane"`) {
		t.Fatal("no code pane to start with")
	}
	disp.Dispatch(app.Dispatch{Mode: app.Update, Source: a, Function: func(ctx app.Context) { a.toggleCode(ctx, app.Event{}) }})
	disp.Consume()
	html := app.HTMLString(a)
	if strings.Contains(html, `class="code-pane"`) {
		t.Error("the code pane is still drawn")
	}
	if !strings.Contains(element(t, html, "code-toggle"), "Show code") {
		t.Errorf("the button does not offer to show the code: %s", openTag(t, html, "code-toggle"))
	}
	disp.Dispatch(app.Dispatch{Mode: app.Update, Source: a, Function: func(ctx app.Context) { a.toggleCode(ctx, app.Event{}) }})
	disp.Consume()
	if !strings.Contains(app.HTMLString(a), `class="code-pane"`) {
		t.Error("the code pane did not come back")
	}
}

func TestHideCodePermalink(t *testing.T) {
	a := &App{}
	disp := app.NewClientTester(a)
	defer disp.Close()
	u, _ := url.Parse("https://example.test/?lesson=01-inherit&step=4&code=hide")
	disp.Nav(u)
	disp.Consume()
	if html := app.HTMLString(a); strings.Contains(html, `class="code-pane"`) {
		t.Error("code=hide in the URL still shows the code pane")
	}
	if a.pos != 4 {
		t.Errorf("step %d, want 4 from the permalink", a.pos)
	}
}

// In a big scene the built band's rows sit in slots (index modulo the
// band's size): when the band moves, every row that stays keeps its place
// among its siblings, so go-app (which matches children by position)
// redraws only the rows that enter and leave.
func TestBigSceneRowsKeepTheirSlots(t *testing.T) {
	tr := scene.Compile(bigSrc)
	a, disp := mount(t, tr, scene.NewTimeline(tr).Len()-1, false)
	slotsOf := func() map[string]int {
		html := element(t, app.HTMLString(a), "proc-1000")
		re := regexp.MustCompile(`class="row-slot"|id="row-1000-(\d+)"`)
		out := map[string]int{}
		for pos, m := range re.FindAllStringSubmatch(html, -1) {
			if m[1] != "" {
				out[m[1]] = pos
			}
		}
		return out
	}
	move := func(top float64) {
		disp.Dispatch(app.Dispatch{Mode: app.Update, Source: a, Function: func(ctx app.Context) {
			a.viewTop, a.viewH = top, 600
			a.rebuild()
		}})
		disp.Consume()
	}
	move(9000)
	if !a.big {
		t.Fatal("a 2,000-row scene is not drawn as a big one")
	}
	before := slotsOf()
	move(9000 + 12*34)
	after := slotsOf()
	kept := 0
	for idx, pos := range after {
		if p, ok := before[idx]; ok {
			kept++
			if p != pos {
				t.Errorf("row %s moved from child %d to %d", idx, p, pos)
			}
		}
	}
	if kept < 20 || len(after) == kept {
		t.Errorf("band moved by 12 rows: %d rows kept of %d (before %d)", kept, len(after), len(before))
	}
}
