package checklist

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzDocument converts arbitrary checklist pages: no panic, every
// diagnostic inside the page, unique question ids, only declared options in
// the model, and no way for a question to end the JSON <script> early.
func FuzzDocument(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.md")
	for _, file := range files {
		if src, err := os.ReadFile(file); err == nil {
			f.Add(string(src))
		}
	}
	for _, s := range []string{"- [ ] Q {", "- [ ] {}", "- [x] \\{a +1}", "> 1. [ ] Q? {#a yes: servers +1;\n> no: x}", "- [ ] a {b {c +1}\n  d}",
		"- [ ] Q? {gate: servers}\n\n  Evidence: [a](/a/)\n\n  Evidence: b", "- [ ] Q? {#b blocker: serverless,\n  sever}\n  - [ ] R? {gate servers}\n\n    Evidence:"} {
		f.Add(s)
	}
	md := newMarkdown()
	const bodyLine = 5
	f.Fuzz(func(t *testing.T, body string) {
		html, model, diags := convert(t, md, body, &Config{ID: "fuzz", Options: testOptions(), File: "f.md", BodyLine: bodyLine})
		lines := strings.Split(body, "\n")
		for _, d := range diags {
			if d.Pos.File != "f.md" || d.Pos.Line == 0 && d.Pos.Col == 0 {
				continue // a whole-file warning
			}
			i := d.Pos.Line - bodyLine
			if i < 0 || i >= len(lines) || d.Pos.Col < 1 || d.Pos.Col > utf8.RuneCountInString(lines[i])+1 {
				t.Fatalf("diagnostic outside the page: %v", d)
			}
		}
		seen := map[string]bool{}
		for _, q := range model.Questions {
			if seen[q.ID] || !isID(q.ID) {
				t.Fatalf("question id %q duplicated or malformed", q.ID)
			}
			seen[q.ID] = true
			for _, ws := range q.Answers {
				for _, w := range ws {
					if w.Option != "serverless" && w.Option != "servers" {
						t.Fatalf("undeclared option %q in the model", w.Option)
					}
				}
			}
			if (q.Rule == "") != (len(q.Blocks) == 0) || q.Rule != "" && (len(q.Answers) != 0 || q.Kind != YesNo) {
				t.Fatalf("question %q: rule %q with blocks %v and answers %v", q.ID, q.Rule, q.Blocks, q.Answers)
			}
			for a, opts := range q.Blocks {
				for _, o := range opts {
					if !isAnswer(a) || o != "serverless" && o != "servers" {
						t.Fatalf("question %q: answer %q rules out %q", q.ID, a, o)
					}
				}
			}
		}
		if want := min(1, len(model.Questions)); strings.Count(html, "</script>") != want {
			t.Fatalf("%d </script> in the output, want %d:\n%s", strings.Count(html, "</script>"), want, html)
		}
	})
}
