package highlight

import (
	"strings"
	"testing"
)

// TestStylesheetFollowsTheChosenTheme checks that the dark style applies in
// both ways a page can be dark: the system's setting (unless the reader
// chose light) and the reader's choice of dark, and never to a page whose
// reader chose light.
func TestStylesheetFollowsTheChosenTheme(t *testing.T) {
	css, err := Stylesheet("github", "github-dark")
	if err != nil {
		t.Fatal(err)
	}
	s := string(css)
	light, rest, ok := strings.Cut(s, "@media (prefers-color-scheme: dark) {")
	if !ok {
		t.Fatal("no dark media block")
	}
	media, chosen, ok := strings.Cut(rest, "\n}\n")
	if !ok {
		t.Fatal("the media block is not closed")
	}
	if !strings.Contains(light, ".chroma .k { color: #cf222e }") {
		t.Errorf("the light rules are missing:\n%s", light)
	}
	rules := 0
	for line := range strings.Lines(media) {
		if strings.Contains(line, "{") {
			rules++
			if !strings.HasPrefix(line, `:root:not([data-theme="light"]) .`) {
				t.Errorf("a dark rule under the media query applies when the reader chose light: %q", line)
			}
		}
	}
	chosenRules := 0
	for line := range strings.Lines(chosen) {
		if strings.Contains(line, "{") {
			chosenRules++
			if !strings.HasPrefix(line, `:root[data-theme="dark"] .`) {
				t.Errorf("a dark rule does not apply to the chosen dark theme only: %q", line)
			}
		}
	}
	if rules < 20 || chosenRules != rules {
		t.Errorf("%d dark rules under the media query, %d for the chosen theme: want the same set", rules, chosenRules)
	}
}

func TestScopeSelectorLists(t *testing.T) {
	got := scope(".a, .b .c { color: red }\n", "X")
	if want := "X .a, X .b .c { color: red }\n"; got != want {
		t.Errorf("scope = %q, want %q", got, want)
	}
}
