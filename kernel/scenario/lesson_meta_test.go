package scenario

import "testing"

// A lesson's source (// source.en: / // source.ko:) reaches the trace, its
// lines joined like a caption's, and is not taken for a step's caption.
func TestLessonSourceMeta(t *testing.T) {
	src := "// source.en: Seed 003, \"02. 커널 오브젝트 下\";\n// source.en: WvC ch. 3.\n// source.ko: 시드 003.\nprocess A;\n@A\n//en: make one\n//ko: 하나 만든다\nHANDLE h = CreateEvent(NULL, TRUE, FALSE, NULL);\n"
	tr, err := Run(src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := tr.Lesson.Source.En, "Seed 003, \"02. 커널 오브젝트 下\"; WvC ch. 3."; got != want {
		t.Errorf("source.en = %q, want %q", got, want)
	}
	if tr.Lesson.Source.Ko != "시드 003." {
		t.Errorf("source.ko = %q", tr.Lesson.Source.Ko)
	}
	if c, _ := tr.Caption(len(tr.Steps) - 1); c.En != "make one" || c.Ko != "하나 만든다" {
		t.Errorf("the step's caption is %+v", c)
	}
}
