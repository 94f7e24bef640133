package ui

import (
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// A crashed draft's Discard drops the crashed text, not an edit the user
// made since (which storage holds now); with no edit since, it clears the
// saved draft.
func TestDiscardCrashedDraftKeepsNewEdit(t *testing.T) {
	for _, editedSince := range []bool{false, true} {
		a := &App{}
		disp := app.NewClientTester(a)
		var saved string
		disp.Dispatch(app.Dispatch{Mode: app.Update, Source: a, Function: func(ctx app.Context) {
			ctx.SetState(editKey(a.lessonID), "crashed draft", app.Persist)
			a.recovered = "crashed draft"
			if editedSince {
				a.draft = "new edit"
				a.saveDraft(ctx)
			}
			a.discardRecovered(ctx, app.Event{})
			ctx.GetState(editKey(a.lessonID), &saved)
		}})
		disp.Consume()
		disp.Close()
		want := ""
		if editedSince {
			want = "new edit"
		}
		if saved != want || a.recovered != "" {
			t.Errorf("edited since: %v: after Discard storage holds %q (want %q), offer %q", editedSince, saved, want, a.recovered)
		}
	}
}
