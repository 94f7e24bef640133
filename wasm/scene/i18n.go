package scene

import (
	"sync"

	"handleviz/assets"
)

var (
	i18nOnce sync.Once
	i18n     map[string]map[string]string
)

// T is the UI string for key in lang ("en" or "ko"); the key itself when
// no translation exists (a visible, harmless fallback).
func T(lang, key string) string {
	i18nOnce.Do(func() { i18n = assets.Translations() })
	if m, ok := i18n[key]; ok {
		if s := m[lang]; s != "" {
			return s
		}
		if s := m["en"]; s != "" {
			return s
		}
	}
	return key
}

// Tf is T with its {0}, {1}… filled from args, as a Line's are.
func Tf(lang, key string, args ...string) string {
	return ln(key, args...).Format(T(lang, key))
}
