package scenario

import (
	"handleviz/kernel"
	"handleviz/text"
)

// changeText renders an EvStateChanged or EvEnvChanged from its fields in
// both languages.
func changeText(e kernel.Event) (en, ko string) {
	return text.Change(e, text.En), text.Change(e, text.Ko)
}
