package content

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tradeoffs/tradeoffs/generator/internal/decision"
)

// loadDecision loads a site holding one decision record, src, as
// content/decisions/NAME, and returns its page (nil if it did not load) and
// every problem, one per line.
func loadDecision(t *testing.T, name, src string) (*Page, []string) {
	t.Helper()
	fsys := fstest.MapFS{
		"content/_index.md":         {Data: []byte("---\ntitle: Home\n---\n")},
		"content/decisions/" + name: {Data: []byte(src)},
	}
	site, diags := Load(context.Background(), fsys, Options{})
	var got []string
	for _, d := range diags {
		got = append(got, d.Error())
	}
	for _, p := range site.Pages {
		if p.Section == DecisionsSection && p.Kind == KindPage {
			return p, got
		}
	}
	return nil, got
}

const houseRecord = `---
title: "Use MADR for decision records"
summary: "Why the site's decision records are MADR."
date: 2026-11-26
status: accepted
deciders: [Ann, Bo]
consulted: Cy, Di
supersedes: [0001-old.md]
evidence: [/patterns/x/, ../case-studies/y.md]
tags: [process]
---

## Context and Problem Statement

We need one format.

## Considered Options

* MADR
* Nygard

## Decision Outcome

Chosen option: "MADR".

### Consequences

* Good, because it is structured.
`

const madr4Front = `---
status: "superseded by ADR-0009"
date: 2024-05-01
decision-makers: Ann, Bo
consulted: [Cy]
informed: Everyone
---

# Use Plain JUnit5 for advanced test assertions

## Context and Problem Statement

How to write readable test assertions?

## Considered Options

* Plain JUnit5

## Decision Outcome

Chosen option: "Plain JUnit5".
`

const adrTools = `# 2. Implement as shell scripts

Date: 2016-02-12

## Status

Accepted

Supercedes [1. Record architecture decisions](0001-record-architecture-decisions.md)

## Context

ADRs are plain text files stored in a subdirectory of the project.

## Decision

The tool is implemented as shell scripts.

## Consequences

The tool won't support Windows.
`

const madr2Lines = `# Use Markdown Architectural Decision Records

* Status: accepted
* Deciders: Oliver Kopp, Olaf Zimmermann
* Date: 2018-06-14

## Context and Problem Statement

We want to record architectural decisions made in this project.

## Considered Options

* MADR 2.1.2

## Decision Outcome

Chosen option: "MADR 2.1.2".
`

// TestDecisionRecords reads records written with front matter, without
// it in both formats, and with every kind of mistake: each field is taken
// from where it is written, and each problem is reported at its file:line
// with what to do.
func TestDecisionRecords(t *testing.T) {
	const f = "content/decisions/0002-x.md"
	tests := []struct {
		name  string
		src   string
		want  *DecisionRecord // nil: not compared
		title string
		date  string
		diags []string // substrings, in order
	}{
		{name: "front matter", src: houseRecord, title: "Use MADR for decision records", date: "2026-11-26", want: &DecisionRecord{
			Format: decision.MADR, Number: 2, Status: decision.Accepted, Deciders: []string{"Ann", "Bo"}, Consulted: []string{"Cy", "Di"},
			Supersedes: []decision.Ref{{Target: "0001-old.md"}}, Summary: "We need one format.", Front: true,
		}},
		{name: "MADR 4 front matter, title from the heading", src: madr4Front, title: "Use Plain JUnit5 for advanced test assertions", date: "2024-05-01", want: &DecisionRecord{
			Format: decision.MADR, Number: 2, Status: decision.Superseded, Deciders: []string{"Ann", "Bo"}, Consulted: []string{"Cy"}, Informed: []string{"Everyone"},
			SupersededBy: []decision.Ref{{Target: "ADR-0009"}}, Summary: "How to write readable test assertions?", Front: true,
		}},
		{name: "Nygard's, as adr-tools writes it, without front matter", src: adrTools, title: "Implement as shell scripts", date: "2016-02-12", want: &DecisionRecord{
			Format: decision.Nygard, Number: 2, Status: decision.Accepted,
			Supersedes: []decision.Ref{{Target: "0001-record-architecture-decisions.md"}}, Summary: "ADRs are plain text files stored in a subdirectory of the project.",
		}},
		{name: "MADR 2 lines, without front matter", src: madr2Lines, title: "Use Markdown Architectural Decision Records", date: "2018-06-14", want: &DecisionRecord{
			Format: decision.MADR, Number: 2, Status: decision.Accepted, Deciders: []string{"Oliver Kopp", "Olaf Zimmermann"},
			Summary: "We want to record architectural decisions made in this project.",
		}},
		{name: "missing status in front matter", src: strings.Replace(houseRecord, "status: accepted\n", "", 1), diags: []string{
			f + ":2:1: missing status: a decision record is proposed, accepted, rejected, deprecated or superseded; add 'status: proposed' to the front matter",
		}},
		{name: "missing status in Nygard's text", src: strings.Replace(adrTools, "Accepted\n", "", 1), diags: []string{
			f + ":1:1: missing status: a decision record is proposed, accepted, rejected, deprecated or superseded; add a section '## Status' whose first line is one of them",
		}},
		{name: "missing status in MADR's lines", src: strings.Replace(madr2Lines, "* Status: accepted\n", "", 1), diags: []string{
			f + ":1:1: missing status: a decision record is proposed, accepted, rejected, deprecated or superseded; add a line '* Status: proposed' under the title",
		}},
		{name: "unknown status in front matter", src: strings.Replace(houseRecord, "status: accepted", "status: on hold", 1), diags: []string{
			f + `:5:9: status "on hold" is not one of proposed, accepted, rejected, deprecated or superseded: write e.g. 'status: accepted'`,
		}},
		{name: "unknown status in the text", src: strings.Replace(adrTools, "Accepted\n", "Agreed\n", 1), diags: []string{
			f + `:7:1: status "Agreed" is not one of proposed, accepted, rejected, deprecated or superseded: start the Status section with one of them`,
			f + ":1:1: missing status",
		}},
		{name: "front matter and text disagree", src: "---\nstatus: proposed\n---\n" + adrTools, diags: []string{
			f + ":10:1: the text says the status is accepted, the front matter proposed: make them agree, or keep one",
		}},
		{name: "missing date", src: strings.Replace(adrTools, "Date: 2016-02-12\n", "", 1), diags: []string{
			f + ":1:1: missing date: a decision record says when it was decided; add a line 'Date: YYYY-MM-DD' under the title",
		}},
		{name: "invalid date in the text", src: strings.Replace(adrTools, "2016-02-12", "12 Feb 2016", 1), diags: []string{
			f + `:3:7: invalid date "12 Feb 2016": write a date as YYYY-MM-DD`,
		}},
		{name: "invalid date in front matter", src: strings.Replace(houseRecord, "date: 2026-11-26", "date: 26/11/2026", 1), diags: []string{
			f + `:4:7: invalid date "26/11/2026": write a date as YYYY-MM-DD`,
		}},
		{name: "adr-tools' old date format", src: strings.Replace(adrTools, "2016-02-12", "12/02/2016", 1), date: "2016-02-12", diags: []string{
			f + `:3:7: warning: date "12/02/2016" is read as day/month/year, 12 February 2016, as adr-tools wrote dates before it moved to ISO 8601: write it as 2016-02-12 to be sure`,
		}},
		{name: "no title", src: "---\nstatus: accepted\ndate: 2020-01-01\n---\n\n## Context\n\nX.\n\n## Decision\n\nY.\n", diags: []string{
			f + ":2:1: no title: start the record with a heading '# Title', or give 'title:' in the front matter",
		}},
		{name: "a title twice", src: strings.Replace(houseRecord, "---\n\n## Context", "---\n\n# Something else\n\n## Context", 1), diags: []string{
			f + `:13:1: warning: the heading "Something else" is not shown: the front matter's title "Use MADR for decision records" is the record's title; keep one of them`,
		}},
		{name: "the heading's number is not the file's", src: strings.Replace(adrTools, "# 2.", "# 3.", 1), diags: []string{
			f + ":1:1: warning: the heading numbers this record 3, its file name 2: make them agree",
		}},
		{name: "neither format", src: "# Notes\n\nStatus: accepted\nDate: 2020-01-01\n\n## Background\n\nText.\n", diags: []string{
			f + ":1:1: not a decision record in a format the build knows: write MADR's sections",
		}},
		{name: "a key of another generator", src: strings.Replace(houseRecord, "tags:", "nav_order: 3\ntags:", 1), diags: []string{
			f + `:10:1: unknown field "nav_order"`,
		}},
		{name: "deciders twice", src: strings.Replace(houseRecord, "consulted:", "decision-makers: [Ed]\nconsulted:", 1), diags: []string{
			f + ":7:1: give deciders or decision-makers (MADR 4's name for them), not both",
		}},
		{name: "deciders of the wrong shape", src: strings.Replace(houseRecord, "deciders: [Ann, Bo]", "deciders: {lead: Ann}", 1), diags: []string{
			f + ":6:11: wrong type: deciders must be names: a list of text, or names separated by commas",
		}},
		{name: "evidence outside the site", src: strings.Replace(houseRecord, "evidence: [/patterns/x/,", `evidence: ["https://example.com/post",`, 1), diags: []string{
			f + `:9:12: evidence "https://example.com/post" is not a page of this site: list site URLs (/patterns/x/) or paths to their files (../patterns/x.md)`,
		}},
		{name: "an empty superseded-by is not set", src: strings.Replace(houseRecord, "supersedes: [0001-old.md]", "supersedes: []\nsuperseded-by: \"\"", 1), want: &DecisionRecord{
			Format: decision.MADR, Number: 2, Status: decision.Accepted, Deciders: []string{"Ann", "Bo"}, Consulted: []string{"Cy", "Di"},
			Summary: "We need one format.", Front: true,
		}},
		{name: "an empty tag", src: strings.Replace(houseRecord, "tags: [process]", "tags: [process, \" \"]", 1), diags: []string{
			f + ":10:17: empty tag: remove it",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, diags := loadDecision(t, "0002-x.md", tt.src)
			if len(diags) != len(tt.diags) {
				t.Fatalf("problems:\n%s\nwant %d:\n%s", strings.Join(diags, "\n"), len(tt.diags), strings.Join(tt.diags, "\n"))
			}
			for i, d := range diags {
				if !strings.Contains(d, tt.diags[i]) {
					t.Errorf("problem %d:\n got %s\nwant %s", i, d, tt.diags[i])
				}
			}
			if tt.want == nil && tt.title == "" && tt.date == "" {
				return
			}
			if p == nil {
				t.Fatal("the record did not load")
			}
			d := p.Meta.(*Decision)
			if tt.title != "" && p.Title() != tt.title {
				t.Errorf("title %q, want %q", p.Title(), tt.title)
			}
			if got := d.Date.Format("2006-01-02"); tt.date != "" && got != tt.date {
				t.Errorf("date %s, want %s", got, tt.date)
			}
			if tt.want != nil {
				got := d.Record
				got.StatusPos = tt.want.StatusPos
				for _, refs := range [][]decision.Ref{got.Supersedes, got.SupersededBy} {
					for i := range refs {
						refs[i].Pos = tt.want.StatusPos
					}
				}
				if !reflect.DeepEqual(&got, tt.want) {
					t.Errorf("record\n got %+v\nwant %+v", got, *tt.want)
				}
			}
		})
	}
}

// TestDecisionRecordFrontHash: a record's lists entry comes from its text
// too, so an edit of the text changes what the build takes as its front.
func TestDecisionRecordFrontHash(t *testing.T) {
	a, _ := loadDecision(t, "0002-x.md", adrTools)
	b, _ := loadDecision(t, "0002-x.md", strings.Replace(adrTools, "Accepted", "Deprecated", 1))
	if a == nil || b == nil || a.FrontHash == b.FrontHash {
		t.Error("a change of a record's status in its text leaves its front hash")
	}
}

// TestOnlyDecisionsMayLackFrontMatter keeps every other page as strict as
// it was.
func TestOnlyDecisionsMayLackFrontMatter(t *testing.T) {
	fsys := fstest.MapFS{
		"content/_index.md":           {Data: []byte("---\ntitle: Home\n---\n")},
		"content/case-studies/x.md":   {Data: []byte(adrTools)},
		"content/decisions/_index.md": {Data: []byte("# Decisions\n")},
	}
	_, diags := Load(context.Background(), fsys, Options{})
	if len(diags) != 2 || !strings.Contains(diags.Error(), "case-studies/x.md:1:1: no front matter") || !strings.Contains(diags.Error(), "decisions/_index.md:1:1: no front matter") {
		t.Errorf("want both files refused for want of front matter, got:\n%s", diags.Error())
	}
}

// FuzzDecisionRecord loads records of any content, with and without front
// matter: no panic, and every problem inside the file.
func FuzzDecisionRecord(f *testing.F) {
	for _, s := range []string{houseRecord, madr4Front, adrTools, madr2Lines, "---\nstatus: [\n---\n# T\n", "---\ndeciders: {a: b}\nsupersedes: {x: 1}\n---\n## Status\n\nSuperseded by"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		lines := strings.Count(src, "\n") + 1
		_, diags := loadDecision(t, "0001-f.md", src)
		for _, d := range diags {
			if !strings.HasPrefix(d, "content/decisions/0001-f.md") {
				t.Fatalf("problem outside the record: %s", d)
			}
			var line int
			if _, err := fmt.Sscanf(strings.TrimPrefix(d, "content/decisions/0001-f.md:"), "%d", &line); err == nil && (line < 1 || line > lines) {
				t.Fatalf("problem outside the record's %d lines: %s", lines, d)
			}
		}
	})
}
