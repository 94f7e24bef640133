package verify

import (
	"context"
	"os"
	"testing"

	"handleviz/kernel/scenario"
)

func TestTry(t *testing.T) {
	path := os.Getenv("TRY")
	if path == "" {
		t.Skip()
	}
	src, _ := os.ReadFile(path)
	m, err := LoadModel(string(src), scenario.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := Translate(m.File, m.Plan)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile("/tmp/try.c", []byte(c), 0o644)
	tools, err := FindTools()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	tools.Prepare(ctx)
	exe, err := tools.Build(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	os.RemoveAll("/tmp/trylog")
	logs, driver, err := tools.Execute(ctx, exe, "/tmp/trylog")
	if err != nil {
		t.Fatal(err)
	}
	t.Log(driver, len(logs))
}

func TestTryCompare(t *testing.T) {
	path := os.Getenv("TRY")
	if path == "" {
		t.Skip()
	}
	src, _ := os.ReadFile(path)
	m, err := LoadModel(string(src), scenario.Options{})
	if err != nil {
		t.Fatal(err)
	}
	logs := map[string]*WineLog{}
	for _, r := range m.Plan.Roles {
		b, err := os.ReadFile("/tmp/trylog/" + r + ".log")
		if err != nil {
			continue
		}
		l, err := ParseLog(string(b))
		if err != nil {
			t.Fatal(err)
		}
		logs[r] = l
	}
	for _, d := range Compare(m, logs) {
		t.Logf("step %d line %d %s: %s: model %s, wine %s", d.Step, d.Line, d.Process, d.What, d.Model, d.Wine)
	}
}
