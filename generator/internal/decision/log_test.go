package decision

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
)

// rec makes an entry of content/decisions/ numbered n. Its status is at
// line 2 of its file; its references at lines 3 and up.
func rec(n int, status Status, front bool, format Format) Entry {
	src := fmt.Sprintf("content/decisions/%04d-r%d.md", n, n)
	return Entry{Source: src, URL: fmt.Sprintf("/decisions/%04d-r%d/", n, n), Title: fmt.Sprintf("R%d", n), Number: n,
		Status: status, StatusPos: diag.Pos{File: src, Line: 2, Col: 9}, Front: front, Format: format}
}

func refs(e Entry, targets ...string) []Ref {
	var out []Ref
	for i, t := range targets {
		out = append(out, Ref{Target: t, Pos: diag.Pos{File: e.Source, Line: 3 + i, Col: 1}})
	}
	return out
}

func supersedes(e Entry, targets ...string) Entry {
	e.Supersedes = refs(e, targets...)
	return e
}

func supersededBy(e Entry, targets ...string) Entry {
	e.SupersededBy = refs(e, targets...)
	return e
}

func TestCheck(t *testing.T) {
	front := func(n int, s Status) Entry { return rec(n, s, true, MADR) }
	nygard := func(n int, s Status) Entry { return rec(n, s, false, Nygard) }
	tests := []struct {
		name    string
		entries []Entry
		diags   []string // substrings, in order
		edges   string   // "2>1" for "2 supersedes 1", sorted
	}{
		{name: "both ways, by file name", entries: []Entry{
			supersededBy(front(1, Superseded), "0002-r2.md"),
			supersedes(front(2, Accepted), "0001-r1.md"),
		}, edges: "2>1"},
		{name: "by number, URL and bare name", entries: []Entry{
			supersededBy(front(1, Superseded), "ADR-0002"),
			supersedes(front(2, Accepted), "/decisions/0001-r1/", "0003-r3"),
			supersededBy(front(3, Superseded), "2"),
		}, edges: "2>1 2>3"},
		{name: "a markdown link as adr-tools writes it", entries: []Entry{
			supersededBy(nygard(1, Superseded), "[2. R2](0002-r2.md)"),
			supersedes(nygard(2, Accepted), "./0001-r1.md#context"),
		}, edges: "2>1"},
		{name: "the superseded record does not name its successor", entries: []Entry{
			nygard(1, Accepted),
			supersedes(nygard(2, Accepted), "0001-r1.md"),
		}, edges: "2>1", diags: []string{
			`content/decisions/0001-r1.md:2:9: content/decisions/0002-r2.md supersedes this record (content/decisions/0002-r2.md:3:1), but this record does not name it as superseded-by: make its Status section say "Superseded by [2. R2](0002-r2.md)" in place of its status`,
		}},
		{name: "the successor does not say it supersedes", entries: []Entry{
			supersededBy(front(1, Superseded), "0002-r2.md"),
			front(2, Accepted),
		}, edges: "2>1", diags: []string{
			`content/decisions/0002-r2.md:2:9: content/decisions/0001-r1.md names this record as superseded-by (content/decisions/0001-r1.md:3:1), but this record does not say it supersedes it: add "supersedes: [0001-r1.md]" to its front matter`,
		}},
		{name: "superseded-by with the wrong status", entries: []Entry{
			supersededBy(front(1, Accepted), "0002-r2.md"),
			supersedes(front(2, Accepted), "0001-r1.md"),
		}, edges: "2>1", diags: []string{
			`content/decisions/0001-r1.md:2:9: the status is accepted, but the record names 0002-r2.md as superseded-by: set "status: superseded"`,
		}},
		{name: "superseded by nothing", entries: []Entry{front(1, Superseded)}, diags: []string{
			`content/decisions/0001-r1.md:2:9: the status is superseded, but no record replaces this one: name the record that superseded it ("superseded-by: 0003-use-y.md" in the front matter), or change the status`,
		}},
		{name: "superseded by a proposal", entries: []Entry{
			supersededBy(front(1, Superseded), "0002-r2.md"),
			supersedes(front(2, Proposed), "0001-r1.md"),
		}, edges: "2>1", diags: []string{
			`content/decisions/0002-r2.md:2:9: this record is proposed, but it supersedes content/decisions/0001-r1.md: a record supersedes another once it is accepted`,
		}},
		{name: "a reference to no record, with a suggestion", entries: []Entry{
			supersedes(front(2, Accepted), "0001-r7.md", "ADR-0009", ""),
			supersededBy(front(1, Superseded), "0002-r2.md"),
		}, edges: "2>1", diags: []string{
			`content/decisions/0002-r2.md:3:1: supersedes "0001-r7.md": no decision record has that file or URL: name a record by its file (0001-use-x.md), its number (ADR-0001) or its URL; did you mean 0001-r1.md?`,
			`content/decisions/0002-r2.md:4:1: supersedes "ADR-0009": no decision record is numbered 9`,
			`content/decisions/0002-r2.md:5:1: supersedes "": name a record`,
		}},
		{name: "itself", entries: []Entry{supersedes(front(1, Accepted), "0001-r1.md")}, diags: []string{
			`content/decisions/0001-r1.md:3:1: supersedes "0001-r1.md" names this record itself: name the other record`,
		}},
		{name: "a circle", entries: []Entry{
			supersededBy(supersedes(front(1, Superseded), "0002-r2.md"), "0002-r2.md"),
			supersededBy(supersedes(front(2, Superseded), "0001-r1.md"), "0001-r1.md"),
		}, edges: "1>2 2>1", diags: []string{
			`content/decisions/0002-r2.md:2:9: these records supersede each other in a circle: content/decisions/0001-r1.md supersedes content/decisions/0002-r2.md supersedes content/decisions/0001-r1.md`,
		}},
		{name: "two records with one number", entries: []Entry{front(1, Accepted), {Source: "content/decisions/0001-other.md", URL: "/decisions/0001-other/", Title: "O", Number: 1, Status: Accepted, Front: true}}, diags: []string{
			`content/decisions/0001-other.md: warning: two records are numbered 1: this one and content/decisions/0001-r1.md; renumber one`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			log, diags := Check(tt.entries, "")
			diags.Sort()
			if len(diags) != len(tt.diags) {
				t.Fatalf("diagnostics:\n%s\nwant %d:\n%s", diags.Error(), len(tt.diags), strings.Join(tt.diags, "\n"))
			}
			for i, d := range diags {
				if !strings.Contains(d.Error(), tt.diags[i]) {
					t.Errorf("diagnostic %d:\n got %s\nwant %s", i, d.Error(), tt.diags[i])
				}
			}
			var edges []string
			for i, js := range log.Supersedes {
				for _, j := range js {
					edges = append(edges, fmt.Sprintf("%d>%d", log.Entries[i].Number, log.Entries[j].Number))
					if !slices.Contains(log.SupersededBy[j], i) {
						t.Errorf("%d supersedes %d, but SupersededBy does not say so", i, j)
					}
				}
			}
			slices.Sort(edges)
			if got := strings.Join(edges, " "); got != tt.edges {
				t.Errorf("edges %q, want %q", got, tt.edges)
			}
		})
	}
}

func TestSubfolderAdvice(t *testing.T) {
	old := rec(1, Accepted, true, MADR)
	old.Source, old.URL = "content/decisions/2019/0001-r1.md", "/decisions/2019/0001-r1/"
	_, diags := Check([]Entry{supersedes(rec(2, Accepted, true, MADR), "2019/0001-r1.md"), old}, "")
	if len(diags) != 1 || !strings.Contains(diags[0].Msg, `"superseded-by: ../0002-r2.md"`) {
		t.Errorf("want advice with the path from the old record's folder, got:\n%s", diags.Error())
	}
}

func TestChains(t *testing.T) {
	// 1 was replaced by 3, which 4 replaced together with 2; 5 stands alone.
	es := []Entry{
		supersededBy(rec(4, Accepted, true, MADR), "x"),
		rec(1, Superseded, true, MADR), rec(2, Superseded, true, MADR), rec(3, Superseded, true, MADR), rec(5, Accepted, true, MADR),
	}
	es[0].SupersededBy = nil
	es[0].Supersedes = refs(es[0], "0003-r3.md", "0002-r2.md")
	es[1].SupersededBy = refs(es[1], "0003-r3.md")
	es[2].SupersededBy = refs(es[2], "0004-r4.md")
	es[3].SupersededBy = refs(es[3], "0004-r4.md")
	es[3].Supersedes = refs(es[3], "0001-r1.md")
	log, diags := Check(es, "")
	if len(diags) != 0 {
		t.Fatalf("unexpected problems:\n%s", diags.Error())
	}
	var show func(l *Lineage) string
	show = func(l *Lineage) string {
		s := fmt.Sprint(log.Entries[l.Entry].Number)
		if len(l.Replaced) > 0 {
			var parts []string
			for _, r := range l.Replaced {
				parts = append(parts, show(r))
			}
			s += "(" + strings.Join(parts, " ") + ")"
		}
		return s
	}
	var got []string
	for _, l := range log.Lineages() {
		got = append(got, show(l))
	}
	if s := strings.Join(got, "; "); s != "4(2 3(1))" {
		t.Errorf("lineages %q, want 4(2 3(1))", s)
	}
	if in := log.Entries[log.InForce(1)].Number; in != 4 {
		t.Errorf("record 1 is replaced by %d in the end, want 4", in)
	}
	if in := log.Entries[log.InForce(4)].Number; in != 5 {
		t.Errorf("record 5 is in force in its own place, got %d", in)
	}
	var order []int
	for _, i := range log.Order() {
		order = append(order, log.Entries[i].Number)
	}
	if !slices.Equal(order, []int{1, 2, 3, 4, 5}) {
		t.Errorf("order %v", order)
	}
}
