package checklist

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
)

const file = "content/checklists/x.md"

// TestDiagnostics checks that each mistake an author can make is reported
// once, at its exact place in the page file (the body starts on line 8),
// with a message that says what to do.
func TestDiagnostics(t *testing.T) {
	tests := []struct {
		name string
		body string
		opts []Option // nil: testOptions()
		want []string
	}{
		{"unknown option", "- [ ] Steady load? {yes: sever +2}\n- [ ] Team? {servers +1 serverles +1}\n", nil, []string{
			file + ":8:26: unknown option \"sever\": did you mean \"servers\"?",
			file + ":9:25: unknown option \"serverles\": did you mean \"serverless\"?",
		}},
		{"unknown option in upper case", "- [ ] Team? {Servers +1}\n", nil, []string{
			file + ":8:14: unknown option \"Servers\": did you mean \"servers\"?",
		}},
		{"malformed block", "Intro.\n\n- [ ] Team? {servers}\n", nil, []string{
			file + ":10:14: missing weight after \"servers\": write a signed number, e.g. servers +1",
		}},
		{"malformed block on a continuation line", "- [ ] Can the work be split?\n  {yes: serverless +1\n   no: servers +1}\n", nil, []string{
			file + ":10:4: missing \";\" before \"no:\"",
		}},
		{"error after multi-byte text", "- [ ] ¿Qué pasa? {servers = 1}\n", nil, []string{
			file + ":8:27: unexpected '=' in weight block: write option +N pairs, e.g. {servers +1}, or escape a literal brace as \\{",
		}},
		{"CRLF line endings", "- [ ] One? {servers +1}\r\n- [ ] Two? {sever +1}\r\n", nil, []string{
			file + ":9:13: unknown option \"sever\": did you mean \"servers\"?",
		}},
		{"inside a block quote", "> - [ ] Quoted? {severs +1}\n", nil, []string{
			file + ":8:18: unknown option \"severs\": did you mean \"servers\"?",
		}},
		{"unclosed block", "- [ ] Team? {servers +1\n", nil, []string{
			file + ":8:13: unclosed weight block: end it with \"}\", or write \\{ for a literal brace",
		}},
		{"duplicate question ids", "- [ ] One? {#team servers +1}\n- [ ] Two? {#team serverless +1}\n", nil, []string{
			file + ":9:14: duplicate question id \"team\": line 8 uses it already; choose another id",
		}},
		{"weights without options", "- [ ] One? {servers +1}\n- [ ] Two?\n- [ ] Three? {#three}\n", []Option{}, []string{
			file + ":8:12: this checklist declares no options for weights to count toward: declare options in the front matter, or remove the {...} block",
		}},
		{"option no question weighs toward", "- [ ] One? {servers +1}\n", nil, []string{
			file + ":4:9: warning: option \"serverless\" gets no weight from any question: weigh a question toward it, e.g. {serverless +1}, or remove the option",
		}},
		{"unused option without a position", "- [ ] One? {servers +1}\n", []Option{{ID: "servers", Label: "S"}, {ID: "hybrid", Label: "H"}}, []string{
			file + ": warning: option \"hybrid\" gets no weight from any question: weigh a question toward it, e.g. {hybrid +1}, or remove the option",
		}},
		{"no questions", "Just prose.\n\n- a list\n", []Option{}, []string{
			file + ":8:1: warning: this checklist has no questions: write them as task list items, \"- [ ] question\"",
		}},
		{"checked box", "- [x] One? {servers +1 serverless +1}\n", nil, []string{
			file + ":8:3: warning: write \"[ ]\": a checklist question starts unanswered, \"[x]\" is ignored",
		}},
		{"empty question", "- [ ] {servers +1 serverless +1}\n", nil, []string{
			file + ":8:3: empty question: write the question after \"[ ]\"",
		}},
		{"unknown option in a gate and a blocker", "- [ ] On call? {gate: sever}\n- [ ] One transaction? {blocker: servers, serverles}\n", nil, []string{
			file + ":8:23: unknown option \"sever\": did you mean \"servers\"?",
			file + ":9:43: unknown option \"serverles\": did you mean \"serverless\"?",
		}},
		{"malformed gate", "- [ ] On call?\n  {gate: servers +1}\n", nil, []string{
			file + ":9:18: a gate carries no weight: remove \"+1\" (it rules options out whatever the scores)",
		}},
		{"gate without options", "- [ ] On call? {gate: servers}\n", []Option{}, []string{
			file + ":8:16: this checklist declares no options for weights to count toward: declare options in the front matter, or remove the {...} block",
		}},
		{"reserved rule words as option ids", "- [ ] One? {servers +1}\n", []Option{
			{ID: "servers", Label: "S", Pos: diag.Pos{File: file, Line: 3, Col: 9}},
			{ID: "gate", Label: "G", Pos: diag.Pos{File: file, Line: 4, Col: 9}},
			{ID: "blocker", Label: "B", Pos: diag.Pos{File: file, Line: 5, Col: 9}},
		}, []string{
			file + ":4:9: option id \"gate\" is reserved (yes, no, unsure, gate and blocker are words of the weight blocks): choose another id",
			file + ":5:9: option id \"blocker\" is reserved (yes, no, unsure, gate and blocker are words of the weight blocks): choose another id",
		}},
		{"evidence without links", "- [ ] One? {servers +1 serverless +1}\n\n  Guidance.\n\n  Evidence: Segment and Istio.\n", nil, []string{
			file + ":12:3: \"Evidence:\" lists no links: link the case studies and trade-off pages behind the question, e.g. Evidence: [Segment](/case-studies/segment-goodbye-microservices/)",
		}},
		{"two evidence paragraphs", "- [ ] One? {servers +1 serverless +1}\n\n  Evidence: [A](/a/).\n\n  Evidence: [B](/b/).\n", nil, []string{
			file + ":12:3: a second \"Evidence:\" paragraph for this question: list all its cases in one",
		}},
		{"bad options", "- [ ] One? {servers +1}\n", []Option{
			{ID: "servers", Label: "S", Pos: diag.Pos{File: file, Line: 3, Col: 9}},
			{ID: "Hybrid", Label: "H", Pos: diag.Pos{File: file, Line: 4, Col: 9}},
			{ID: "yes", Label: "Y", Pos: diag.Pos{File: file, Line: 5, Col: 9}},
			{ID: "servers", Label: "S2", Pos: diag.Pos{File: file, Line: 6, Col: 9}},
			{ID: "edge", Label: " ", Pos: diag.Pos{File: file, Line: 7, Col: 9}},
		}, []string{
			file + ":4:9: option id \"Hybrid\" may use only lowercase letters, digits, \"-\" and \"_\", starting with a letter or digit",
			file + ":5:9: option id \"yes\" is reserved (yes, no, unsure, gate and blocker are words of the weight blocks): choose another id",
			file + ":6:9: option \"servers\" is declared twice: give each option its own id",
			file + ":7:9: option \"edge\" has no label: add label: with the words readers see",
		}},
	}
	md := newMarkdown()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := tt.opts
			if opts == nil {
				opts = testOptions()
			}
			_, _, diags := convert(t, md, tt.body, &Config{ID: "x", Options: opts, File: file, BodyLine: 8})
			got := make([]string, len(diags))
			for i, d := range diags {
				got[i] = d.Error()
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestQuestionIDsAreStable checks that saved answers survive edits
// elsewhere on the page: inserting a question, editing prose and another
// question leave the other questions' ids alone.
func TestQuestionIDsAreStable(t *testing.T) {
	md := newMarkdown()
	cfg := &Config{ID: "x", Options: testOptions()}
	before := "## Load\n\n- [ ] Is load steady? {servers +1}\n- [ ] Is it bursty? {serverless +1}\n- [ ] Pinned? {#pinned servers +1}\n"
	after := "Some new intro.\n\n## Load and scale\n\n- [ ] A new question? {serverless +1}\n- [ ] Is load steady? {servers +1}\n- [ ] Is it bursty? {serverless +1}\n- [ ] Pinned, reworded? {#pinned servers +1}\n"
	_, m1, _ := convert(t, md, before, cfg)
	_, m2, _ := convert(t, md, after, cfg)
	ids := func(m *Checklist) map[string]string {
		out := map[string]string{}
		for _, q := range m.Questions {
			out[q.ID] = q.Text
		}
		return out
	}
	got := ids(m2)
	for id := range ids(m1) {
		if _, ok := got[id]; !ok {
			t.Errorf("question id %q was lost by edits elsewhere; ids after: %v", id, got)
		}
	}
}

// TestModel checks the checklist model the core and the browser receive.
func TestModel(t *testing.T) {
	src := "## Usage\n\n- [ ] Peak all day? {yes: servers +2; no: serverless +1; unsure: servers +0.5}\n- [ ] A team? {servers +1, serverless -1}\n- [ ] Notes only?\n"
	_, m, diags := convert(t, newMarkdown(), src, &Config{Options: testOptions(), File: "content/checklists/arch-eval.md", BodyLine: 3})
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	if m.ID != "arch-eval" {
		t.Errorf("ID = %q, want the file's base name arch-eval", m.ID)
	}
	want := []Question{
		{ID: "peak-all-day", Text: "Peak all day?", Section: "Usage", Kind: YesNo, Anchor: "q-peak-all-day",
			Answers: map[string][]Weight{Yes: {{"servers", 2}}, No: {{"serverless", 1}}, Unsure: {{"servers", 0.5}}},
			Pos:     diag.Pos{File: "content/checklists/arch-eval.md", Line: 5, Col: 7}},
		{ID: "a-team", Text: "A team?", Section: "Usage", Kind: Check, Anchor: "q-a-team",
			Answers: map[string][]Weight{Yes: {{"servers", 1}, {"serverless", -1}}},
			Pos:     diag.Pos{File: "content/checklists/arch-eval.md", Line: 6, Col: 7}},
		{ID: "notes-only", Text: "Notes only?", Section: "Usage", Kind: Check, Anchor: "q-notes-only",
			Pos: diag.Pos{File: "content/checklists/arch-eval.md", Line: 7, Col: 7}},
	}
	if len(m.Questions) != len(want) {
		t.Fatalf("got %d questions, want %d", len(m.Questions), len(want))
	}
	for i := range want {
		if g, w := m.Questions[i], want[i]; !equalQuestion(g, w) {
			t.Errorf("question %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
}

func equalQuestion(a, b Question) bool {
	if a.ID != b.ID || a.Text != b.Text || a.Section != b.Section || a.Kind != b.Kind || a.Anchor != b.Anchor || a.Pos != b.Pos || len(a.Answers) != len(b.Answers) {
		return false
	}
	for k, v := range a.Answers {
		if !slices.Equal(v, b.Answers[k]) {
			return false
		}
	}
	return true
}

func TestSlug(t *testing.T) {
	tests := map[string]string{
		"Do you have a team to run servers?": "do-you-have-a-team-to-run-servers",
		"  Is it < 100 ms — really?  ":       "is-it-100-ms-really",
		"¿Está el código listo?":             "esta-el-codigo-listo",
		"???":                                "question",
		"Does the workload run near its peak for most of the day?": "does-the-workload-run-near-its-peak-for-most-of",
		strings.Repeat("a", 60): strings.Repeat("a", 48),
	}
	for in, want := range tests {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIDFromFile(t *testing.T) {
	for file, want := range map[string]string{
		"content/checklists/arch-eval.md":    "arch-eval",
		"content/checklists/arch/index.md":   "arch",
		`content\checklists\costs\_index.md`: "costs",
	} {
		if got := idFromFile(file); got != want {
			t.Errorf("idFromFile(%q) = %q, want %q", file, got, want)
		}
	}
}

// TestModelRules checks what gates and blockers put in the model: which
// answers rule which options out. A gate is met by Yes only; a blocker is
// cleared by No only; Not sure rules out in both.
func TestModelRules(t *testing.T) {
	src := "- [ ] On call? {#on-call gate: servers}\n- [ ] One transaction? {blocker: serverless, servers}\n- [ ] Steady? {yes: servers +1; no: serverless +1}\n"
	_, m, diags := convert(t, newMarkdown(), src, &Config{Options: testOptions(), File: "x.md"})
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	want := []struct {
		rule   Rule
		blocks map[string][]string
	}{
		{Gate, map[string][]string{No: {"servers"}, Unsure: {"servers"}}},
		{Blocker, map[string][]string{Yes: {"serverless", "servers"}, Unsure: {"serverless", "servers"}}},
		{"", nil},
	}
	for i, w := range want {
		q := m.Questions[i]
		if q.Kind != YesNo || q.Rule != w.rule || !reflect.DeepEqual(q.Blocks, w.blocks) || len(q.Answers) != 0 && w.rule != "" {
			t.Errorf("question %d (%s): kind %s, rule %q, blocks %v; want yesno, %q, %v", i, q.ID, q.Kind, q.Rule, q.Blocks, w.rule, w.blocks)
		}
	}
	if m.Questions[0].ID != "on-call" {
		t.Errorf("a gate's pinned id = %q, want on-call", m.Questions[0].ID)
	}
}
