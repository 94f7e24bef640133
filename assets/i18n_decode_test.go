package assets

import (
	"encoding/json"
	"reflect"
	"testing"
)

// The fast reader of i18n.json gives what encoding/json gives, and refuses
// (so that encoding/json decides) what it does not handle.
func TestDecodeTranslationsMatchesEncodingJSON(t *testing.T) {
	b, err := files.ReadFile("i18n.json")
	if err != nil {
		t.Fatal(err)
	}
	var want map[string]map[string]string
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	got, ok := decodeTranslations(b)
	if !ok || !reflect.DeepEqual(got, want) {
		t.Fatalf("decodeTranslations(i18n.json): ok=%v, %d keys; encoding/json: %d keys", ok, len(got), len(want))
	}
	for _, c := range []struct {
		in string
		ok bool
	}{
		{`{"a": {"en": "x \"q\" \\ \/ \n \t \u00e9 한"}, "b": {}}`, true},
		{`{}`, true},
		{`{"a": {"en": "\ud83d\ude00"}}`, false}, // surrogate pair: left to encoding/json
		{`{"a": {"en": 1}}`, false},
		{`{"a": {"en": "x"}} x`, false},
		{`{"a": {"en": "x",}}`, false},
		{`{"a": {"en": "x\q"}}`, false},
		{`{"a": {"en": "unterminated}}`, false},
	} {
		got, ok := decodeTranslations([]byte(c.in))
		if ok != c.ok {
			t.Errorf("%s: ok=%v, want %v", c.in, ok, c.ok)
			continue
		}
		if ok {
			var want map[string]map[string]string
			if err := json.Unmarshal([]byte(c.in), &want); err != nil || !reflect.DeepEqual(got, want) {
				t.Errorf("%s: %v, encoding/json %v (%v)", c.in, got, want, err)
			}
		}
	}
}

func BenchmarkTranslations(b *testing.B) {
	for i := 0; i < b.N; i++ {
		Translations()
	}
}
