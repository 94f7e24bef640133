module probe

go 1.20

require golang.org/x/sys v0.15.0
