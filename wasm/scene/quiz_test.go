package scene

import (
	"strconv"
	"strings"
	"testing"

	"handleviz/assets"
	"handleviz/kernel"
)

// after is the scene once statement s has played whole, as the quiz's
// reveal shows it.
func after(tl *Timeline, s int) *Scene { return Build(tl, tl.First[s], tl.LastOf(s), nil) }

func object(t *testing.T, sc *Scene, typ, name string) ObjView {
	t.Helper()
	for _, o := range sc.Objects {
		if o.Type == typ && o.Name == name {
			return o
		}
	}
	t.Fatalf("no %s %q in the scene", typ, name)
	return ObjView{}
}

func varOf(t *testing.T, tl *Timeline, s int, proc, name string) string {
	t.Helper()
	st := tl.Trace.Steps[s]
	for pid, vs := range st.Vars {
		for _, v := range vs {
			if v.Name == name && ProcName(tl.State(tl.LastOf(s)).Process(pid).Proc) == proc {
				return v.Value
			}
		}
	}
	t.Fatalf("no variable %s in %s", name, proc)
	return ""
}

func rowsChanged(sc *Scene, proc string, c Change) []RowView {
	var out []RowView
	for _, p := range sc.Procs {
		if p.Name == proc {
			for _, r := range p.Rows {
				if r.Change == c {
					out = append(out, r)
				}
			}
		}
	}
	return out
}

// quizFacts say, for every question a bundled lesson asks (by lesson and
// the statement it precedes), what the model shows once that statement has
// played: the answer a quiz says is right must be that.
var quizFacts = map[string]func(t *testing.T, tl *Timeline, s int) string{
	"01-inherit CreateProcess(": func(t *testing.T, tl *Timeline, s int) string {
		return strconv.Itoa(object(t, after(tl, s), "Mutex", "").Usage)
	},
	"01-inherit CloseHandle(hM);": func(t *testing.T, tl *Timeline, s int) string {
		return strconv.Itoa(object(t, after(tl, s), "Mutex", "").Usage)
	},
	"02-duplicate DuplicateHandle(": func(t *testing.T, tl *Timeline, s int) string {
		rows := rowsChanged(after(tl, s), "Child", ChDuplicated)
		if len(rows) != 1 {
			t.Fatalf("%d duplicated rows in Child", len(rows))
		}
		return "0x" + strings.ToUpper(strconv.FormatUint(uint64(rows[0].Handle), 16))
	},
	"03-named HANDLE hReady = CreateEvent(": func(t *testing.T, tl *Timeline, s int) string {
		st := tl.Trace.Steps[s]
		sc := after(tl, s)
		events := 0
		for _, o := range sc.Objects {
			if o.Type == "Event" {
				events++
			}
		}
		switch {
		case strings.HasPrefix(st.Result, "hReady = NULL") || strings.HasSuffix(st.Result, "= 0x0"):
			return "The call fails and returns NULL"
		case events == 1 && st.LastError == kernel.ERROR_ALREADY_EXISTS && len(rowsChanged(sc, "Reader", ChOpened)) == 1:
			return "Reader gets a new handle to the existing event, and GetLastError() is ERROR_ALREADY_EXISTS"
		}
		return "A second event named Ready is created"
	},
	"04-pipe ReadFile(hReadPipe,": func(t *testing.T, tl *Timeline, s int) string {
		return varOf(t, tl, s, "Parent", "n")
	},
	// The parent's ReadFile waits while the child prints, so the bytes the
	// _tprintf puts into the pipe are what that ReadFile counts in n.
	"5-14-redirect-output _tprintf(": func(t *testing.T, tl *Timeline, s int) string {
		return varOf(t, tl, s, "Parent", "n")
	},
	"1-02-usage-count CloseHandle(hEvent);": func(t *testing.T, tl *Timeline, s int) string {
		return strconv.Itoa(object(t, after(tl, s), "Event", "Job").Usage)
	},
	"1-02-usage-count CreateProcess(": func(t *testing.T, tl *Timeline, s int) string {
		return strconv.Itoa(object(t, after(tl, s), "Process", "Worker").Usage)
	},
}

// Every question of every bundled lesson parses, has both languages, sits
// before the statement it is about, and its right answer is what the model
// shows when that statement has played. At least five lessons ask.
func TestBundledQuizzesMatchTheModel(t *testing.T) {
	lessons := map[string]bool{}
	seen := map[string]bool{}
	for _, l := range assets.Lessons() {
		tr := Compile(l.Source)
		qs, errs := Quizzes(l.Source, tr)
		for _, e := range errs {
			t.Errorf("%s: %v", l.ID, e)
		}
		if len(qs) == 0 {
			continue
		}
		if tr.Err != nil {
			t.Fatalf("%s: %s", l.ID, tr.Err.Msg.En)
		}
		tl := NewTimeline(tr)
		lessons[l.ID] = true
		for _, q := range qs {
			text := tl.Trace.Steps[q.Step].Text
			var key string
			for k := range quizFacts {
				id, prefix, _ := strings.Cut(k, " ")
				if id == l.ID && strings.HasPrefix(text, prefix) {
					key = k
				}
			}
			if key == "" {
				t.Errorf("%s line %d: no fact checks the question before %q (add one to quizFacts)", l.ID, q.Line, text)
				continue
			}
			seen[key] = true
			got := quizFacts[key](t, tl, q.Step)
			if q.Choices == nil {
				if !q.Check(got) {
					t.Errorf("%s line %d: the lesson's answer is %s, the model shows %s", l.ID, q.Line, q.Number, got)
				}
			} else if q.AnswerText("en") != got && !strings.HasPrefix(q.AnswerText("en"), got+" ") && q.AnswerText("en") != got {
				t.Errorf("%s line %d: the lesson's right choice is %q, the model shows %q", l.ID, q.Line, q.AnswerText("en"), got)
			}
			if q.Q.En == "" || q.Q.Ko == "" || q.Q.Ko == q.Q.En {
				t.Errorf("%s line %d: the question needs English and Korean", l.ID, q.Line)
			}
		}
	}
	for k := range quizFacts {
		if !seen[k] {
			t.Errorf("no quiz found for %s", k)
		}
	}
	if len(lessons) < 5 {
		t.Errorf("%d lessons ask questions, want at least 5", len(lessons))
	}
}

func TestQuizSyntax(t *testing.T) {
	src := "process P;\n@P\n//quiz.en: Count? = 0x2\n//quiz.ko: 카운트는? = 2\n//en: c\nHANDLE h = CreateMutex(NULL, FALSE, NULL);\n" +
		"//quiz.ko: 어느 것? | 가 | *나\n//quiz.en: Which? | a | *b\nCloseHandle(h);\n"
	tr := Compile(src)
	qs, errs := Quizzes(src, tr)
	if len(errs) != 0 || len(qs) != 2 {
		t.Fatalf("quizzes %+v errors %v", qs, errs)
	}
	if !strings.HasPrefix(tr.Steps[qs[0].Step].Text, "HANDLE h") || !strings.HasPrefix(tr.Steps[qs[1].Step].Text, "CloseHandle") || qs[0].Line != 3 || qs[1].Line != 7 {
		t.Errorf("quizzes placed before %q, %q (lines %d, %d)", tr.Steps[qs[0].Step].Text, tr.Steps[qs[1].Step].Text, qs[0].Line, qs[1].Line)
	}
	for _, a := range []string{"2", "0x2", " 2 ", "0X2"} {
		if !qs[0].Check(a) {
			t.Errorf("%q is not accepted for 2", a)
		}
	}
	for _, a := range []string{"3", "", "two", "0"} {
		if qs[0].Check(a) {
			t.Errorf("%q is accepted for 2", a)
		}
	}
	if !qs[1].Check("1") || qs[1].Check("0") || qs[1].AnswerText("ko") != "나" {
		t.Errorf("choice quiz: %+v", qs[1])
	}
	for _, bad := range []string{
		"//quiz.en: Count? = 2\nHANDLE h = CreateMutex(NULL, FALSE, NULL);\n",                       // no Korean
		"//quiz.en: Count? = 2\n//quiz.ko: 카운트는? = 3\nHANDLE h = CreateMutex(NULL, FALSE, NULL);\n", // answers differ
		"//quiz.en: Which? | a | b\n//quiz.ko: 어느? | 가 | 나\nCloseHandle(NULL);\n",                   // none marked
		"//quiz.en: Count?\n//quiz.ko: 카운트는?\nCloseHandle(NULL);\n",                                 // no answer
		"//quiz.en: Count? = x\n//quiz.ko: 카운트는? = x\nCloseHandle(NULL);\n",                         // not a number
		"CloseHandle(NULL);\n//quiz.en: Count? = 1\n//quiz.ko: 카운트는? = 1\n",                         // nothing after
	} {
		s := "process P;\n@P\n" + bad
		if _, errs := Quizzes(s, Compile(s)); len(errs) == 0 {
			t.Errorf("no error for %q", bad)
		}
	}
}
