package houserules

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

// TestDecisionRecordSections checks the sections of decision records in
// each format: the ones the format has, in order, each with something in
// it, and MADR's consequences.
func TestDecisionRecordSections(t *testing.T) {
	const f = "content/decisions/0001-x.md"
	madr := "## Context and Problem Statement\n\nWhy.\n\n## Considered Options\n\n* A\n* B\n\n## Decision Outcome\n\nChosen option: \"A\".\n\n### Consequences\n\n* Good, because fast.\n"
	nygard := "## Status\n\nAccepted\n\n## Context\n\nWhy.\n\n## Decision\n\nA.\n\n## Consequences\n\nFast.\n"
	tests := []struct {
		name, format, src string
		want              []string
	}{
		{"MADR", "", madr, nil},
		{"MADR 2's positive and negative consequences", "", strings.Replace(madr, "### Consequences", "### Positive Consequences <!-- optional -->", 1), nil},
		{"MADR with a consequences section of its own", "", strings.Replace(madr, "### Consequences", "## Consequences", 1), nil},
		{"MADR without consequences", "", strings.Split(madr, "### Consequences")[0], []string{
			f + `:20:1: [consequences] a decision record in MADR says what the decision brings and costs: add "### Consequences" under "Decision Outcome", with "Good, because ..." and "Bad, because ..."`,
		}},
		{"MADR with empty consequences", "", strings.Split(madr, "* Good")[0] + "<!-- later -->\n", []string{
			f + `:24:1: [consequences] section "Consequences" is empty: say what becomes easier and what becomes harder`,
		}},
		{"MADR without considered options", "", strings.Replace(madr, "## Considered Options\n\n* A\n* B\n\n", "", 1), []string{
			f + `:11:1: [required-sections] missing section "Considered Options": add "## Considered Options" after "Context and Problem Statement"; a decision record in MADR has the sections Context and Problem Statement, Considered Options, Decision Outcome, in this order`,
		}},
		{"Nygard", "nygard", nygard, nil},
		{"Nygard with an empty decision", "nygard", strings.Replace(nygard, "A.\n", "", 1), []string{
			f + `:19:1: [non-empty-sections] section "Decision" is empty`,
		}},
		{"Nygard's sections out of order", "nygard", "## Decision\n\nA.\n\n## Context\n\nWhy.\n\n## Consequences\n\nFast.\n", []string{
			f + `:11:1: [required-sections] section "Decision" is out of order: move it after "Context"`,
		}},
	}
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, Extension{}))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pc := parser.NewContext()
			Enable(pc, Page{File: f, BodyLine: 11, Section: "decisions", Format: tt.format})
			var b bytes.Buffer
			if err := md.Convert([]byte(tt.src), &b, parser.WithContext(pc)); err != nil {
				t.Fatal(err)
			}
			got := Result(pc)
			if len(got) != len(tt.want) {
				t.Fatalf("problems:\n%s\nwant:\n%s", got.Error(), strings.Join(tt.want, "\n"))
			}
			for i, d := range got {
				if !strings.Contains(d.Error(), tt.want[i]) {
					t.Errorf("problem %d:\n got %s\nwant %s", i, d.Error(), tt.want[i])
				}
			}
		})
	}
}
