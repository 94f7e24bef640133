package ui

import "handleviz/assets"

func assetsLessons() []assets.Lesson { return assets.Lessons() }
