package decision

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
)

var zeroPos diag.Pos

// The samples follow the real templates: adr-tools' src/template.md and
// the records its tests write when one record supersedes or amends
// another (tests/supercede-existing-adr.expected, tests/linking.expected),
// and MADR's template/template.md of release 2.1.2 (status, deciders and
// date as a list under the title) and template/adr-template.md of 4.0.0.

const nygard = `# 1. Record architecture decisions

Date: 2016-02-12

## Status

Accepted

## Context

We need to record the architectural decisions made on this project.

## Decision

We will use Architecture Decision Records.

## Consequences

See Michael Nygard's article, linked above.
`

const nygardSuperseded = `# 1. First Record

Date: 1992-01-12

## Status

Superceded by [2. Second Record](0002-second-record.md)

Amended by [3. Third Record](0003-third-record.md)

## Context

The issue motivating this decision.

## Decision

The change.

## Consequences

What becomes easier.
`

const nygardSupersedes = `# 3. Third Record

Date: 12/01/1992

## Status

Accepted

Supercedes [1. First Record](0001-first-record.md)

Supersedes [2. Second Record](0002-second-record.md)

## Context

Text.
`

const madr2 = `# Use Markdown Architectural Decision Records

* Status: superseded by [ADR-0005](0005-example.md) <!-- optional -->
* Deciders: Oliver Kopp, Olaf Zimmermann <!-- optional -->
* Date: 2018-06-14 <!-- optional -->

Technical Story: [description | ticket/issue URL] <!-- optional -->

## Context and Problem Statement

We want to record architectural decisions made in this project.
Which format and structure should these records follow?

## Decision Drivers <!-- optional -->

* Easy to read

## Considered Options

* MADR 2.1.2
* Michael Nygard's template

## Decision Outcome

Chosen option: "MADR 2.1.2", because it is lean.

### Positive Consequences <!-- optional -->

* Structured records.

## Links <!-- optional -->

* Supersedes [ADR-0002](0002-old.md)
* Refined by [ADR-0006](0006-refined.md)
`

const madr4 = `# Use Plain JUnit5 for advanced test assertions

## Context and Problem Statement

How to write readable test assertions for advanced tests?

## Considered Options

* Plain JUnit5
* Hamcrest

## Decision Outcome

Chosen option: "Plain JUnit5", because it comes out best.

### Consequences

* Good, because tests are more readable
`

func TestRead(t *testing.T) {
	const file = "content/decisions/x.md"
	// The body starts at line 5 of the file: lines are given in the body.
	pos := func(line, col int) string { return fmt.Sprintf("%s:%d:%d", file, line+4, col) }
	tests := []struct {
		name, src string
		want      Record
		// wantPos maps fields to where they should be: "title", "status", "date".
		wantPos map[string]string
		diags   []string
	}{
		{name: "nygard", src: nygard, want: Record{
			Format: Nygard, Title: Value{Text: "Record architecture decisions"}, Number: 1,
			Status: Accepted, StatusAt: Value{Text: "Accepted"}, Date: Value{Text: "2016-02-12"},
			Summary: "We need to record the architectural decisions made on this project.",
		}, wantPos: map[string]string{"title": pos(1, 1), "status": pos(7, 1), "date": pos(3, 7)}},
		{name: "nygard superseded, as adr-tools spells it", src: nygardSuperseded, want: Record{
			Format: Nygard, Title: Value{Text: "First Record"}, Number: 1,
			Status: Superseded, StatusAt: Value{Text: "Superceded by [2. Second Record](0002-second-record.md)"}, Date: Value{Text: "1992-01-12"},
			SupersededBy: []Ref{{Target: "0002-second-record.md"}},
			Summary:      "The issue motivating this decision.",
		}},
		{name: "nygard supersedes two", src: nygardSupersedes, want: Record{
			Format: Nygard, Title: Value{Text: "Third Record"}, Number: 3,
			Status: Accepted, StatusAt: Value{Text: "Accepted"}, Date: Value{Text: "12/01/1992"},
			Supersedes: []Ref{{Target: "0001-first-record.md"}, {Target: "0002-second-record.md"}},
			Summary:    "Text.",
		}},
		{name: "madr 2 lines under the title", src: madr2, want: Record{
			Format: MADR, Title: Value{Text: "Use Markdown Architectural Decision Records"},
			Status: Superseded, StatusAt: Value{Text: "superseded by [ADR-0005](0005-example.md)"}, Date: Value{Text: "2018-06-14"},
			Deciders:     []string{"Oliver Kopp", "Olaf Zimmermann"},
			SupersededBy: []Ref{{Target: "0005-example.md"}},
			Supersedes:   []Ref{{Target: "0002-old.md"}},
			Summary:      "We want to record architectural decisions made in this project. Which format and structure should these records follow?",
		}, wantPos: map[string]string{"status": pos(3, 11), "date": pos(5, 9)}},
		{name: "madr 4 without front matter", src: madr4, want: Record{
			Format: MADR, Title: Value{Text: "Use Plain JUnit5 for advanced test assertions"},
			Summary: "How to write readable test assertions for advanced tests?",
		}},
		{name: "bold keys and a list of people", src: "# ADR-0012: Use Go\n\n**Status:** Proposed\n**Decision makers:** Ann and Bo; Cy\n\n## Context\n\nX.\n\n## Decision\n\nY.\n", want: Record{
			Format: Nygard, Title: Value{Text: "Use Go"}, Number: 12,
			Status: Proposed, StatusAt: Value{Text: "Proposed"}, Deciders: []string{"Ann", "Bo", "Cy"}, Summary: "X.",
		}},
		{name: "unknown status word", src: "# T\n\n## Status\n\nOn hold\n\n## Context\n\nC.\n", want: Record{
			Format: Nygard, Title: Value{Text: "T"}, Summary: "C.",
		}, diags: []string{`x.md:9:1: status "On hold" is not one of proposed, accepted, rejected, deprecated or superseded: start the Status section with one of them, e.g. "Accepted"`}},
		{name: "two statuses", src: "# T\n\n## Status\n\nAccepted\n\nSuperseded by [2. U](0002-u.md)\n", want: Record{
			Format: Nygard, Title: Value{Text: "T"}, Status: Accepted, StatusAt: Value{Text: "Accepted"},
		}, diags: []string{`x.md:11:1: a second status "Superseded by [2. U](0002-u.md)": the record's status is already "Accepted" (line 9); keep one`}},
		{name: "the unfilled MADR placeholder is not a status", src: "# T\n\n* Status: {proposed | rejected | accepted}\n\n## Considered Options\n\n* A\n", want: Record{
			Format: MADR, Title: Value{Text: "T"},
		}, diags: []string{`x.md:7:11: status "{proposed | rejected | accepted}" is not one of`}},
		{name: "neither format", src: "# Notes\n\nSome text.\n\n## Background\n\nMore.\n", want: Record{Title: Value{Text: "Notes"}}},
		{name: "code blocks are not headings", src: "# T\n\n```\n## Status\n```\n\n## Context\n\nA.\n\n## Decision\n\nB.\n", want: Record{
			Format: Nygard, Title: Value{Text: "T"}, Summary: "A.",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, diags := Read(file, []byte(tt.src), 5)
			if tt.wantPos != nil {
				for field, want := range tt.wantPos {
					var p string
					switch field {
					case "title":
						p = got.Title.Pos.String()
					case "status":
						p = got.StatusAt.Pos.String()
					case "date":
						p = got.Date.Pos.String()
					}
					if p != want {
						t.Errorf("%s at %s, want %s", field, p, want)
					}
				}
			}
			if len(diags) != len(tt.diags) {
				t.Fatalf("diagnostics:\n%v\nwant %d: %q", diags, len(tt.diags), tt.diags)
			}
			for i, d := range diags {
				if !strings.Contains(d.Error(), tt.diags[i]) {
					t.Errorf("diagnostic %d:\n got %s\nwant %s", i, d.Error(), tt.diags[i])
				}
			}
			clearPos(&got)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func clearPos(r *Record) {
	r.Title.Pos, r.StatusAt.Pos, r.Date.Pos = zeroPos, zeroPos, zeroPos
	for _, refs := range [][]Ref{r.Supersedes, r.SupersededBy} {
		for i := range refs {
			refs[i].Pos = zeroPos
		}
	}
}

func TestParseStatus(t *testing.T) {
	tests := []struct {
		in   string
		want Status
		by   []string
		ok   bool
	}{
		{"Accepted", Accepted, nil, true},
		{"accepted.", Accepted, nil, true},
		{"**Proposed**", Proposed, nil, true},
		{"Rejected <!-- optional -->", Rejected, nil, true},
		{"deprecated", Deprecated, nil, true},
		{"Superseded", Superseded, nil, true},
		{"superseded by ADR-0123", Superseded, []string{"ADR-0123"}, true},
		{"superseded by [ADR-0005](0005-example.md)", Superseded, []string{"0005-example.md"}, true},
		{"Superceded by [2. Second](0002-second.md)", Superseded, []string{"0002-second.md"}, true},
		{"superseded by ADR-0003 and ADR-0004", Superseded, []string{"ADR-0003", "ADR-0004"}, true},
		{"Accepted on 2020-01-02", Accepted, nil, true},
		{"{proposed | rejected | accepted | deprecated | … | superseded by ADR-0123", "", nil, false},
		{"proposed | rejected", "", nil, false},
		{"on hold", "", nil, false},
		{"Draft", "", nil, false},
		{"", "", nil, false},
		{"Acceptedly", "", nil, false},
	}
	for _, tt := range tests {
		st, by, ok := ParseStatus(tt.in)
		if st != tt.want || ok != tt.ok || !reflect.DeepEqual(by, tt.by) {
			t.Errorf("ParseStatus(%q) = %q, %q, %v; want %q, %q, %v", tt.in, st, by, ok, tt.want, tt.by, tt.ok)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in        string
		want      string
		ambiguous bool
		ok        bool
	}{
		{"2016-02-12", "2016-02-12", false, true},
		{"2016-02-12T10:00:00Z", "2016-02-12", false, true},
		{"12/01/1992", "1992-01-12", true, true}, // adr-tools' old DD/MM/YYYY
		{"25/12/2019", "2019-12-25", false, true},
		{"12/25/2019", "2019-12-25", false, true}, // only month first makes sense
		{"1/1/2020", "2020-01-01", false, true},   // the same either way
		{"2016-02-30", "", false, false},
		{"{YYYY-MM-DD when the decision was last updated}", "", false, false},
		{"last Tuesday", "", false, false},
	}
	for _, tt := range tests {
		d, amb, ok := ParseDate(tt.in)
		got := ""
		if ok {
			got = d.Format("2006-01-02")
		}
		if got != tt.want || amb != tt.ambiguous || ok != tt.ok {
			t.Errorf("ParseDate(%q) = %s, %v, %v; want %s, %v, %v", tt.in, got, amb, ok, tt.want, tt.ambiguous, tt.ok)
		}
	}
}

func TestNumber(t *testing.T) {
	for name, want := range map[string]int{"0001-use-x.md": 1, "0042_y.md": 42, "12.md": 12, "use-x.md": 0, "2016plans.md": 0, "0000-use-madr.md": 0} {
		if got := Number(name); got != want {
			t.Errorf("Number(%q) = %d, want %d", name, got, want)
		}
	}
}
