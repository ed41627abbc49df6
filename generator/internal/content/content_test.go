package content

import (
	"strings"
	"testing"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
	"github.com/tradeoffs/tradeoffs/generator/internal/yamldoc"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name             string
		src              string
		fm, body         string
		fmLine, bodyLine int
		wantErr          string
	}{
		{"plain", "---\ntitle: X\n---\nBody\n", "title: X\n", "Body\n", 2, 4, ""},
		{"CRLF", "---\r\ntitle: X\r\n---\r\nBody\r\n", "title: X\r\n", "Body\r\n", 2, 4, ""},
		{"dots close", "---\ntitle: X\n...\nBody", "title: X\n", "Body", 2, 4, ""},
		{"empty front matter", "---\n---\n", "", "", 2, 3, ""},
		{"trailing spaces on fences", "--- \ntitle: X\n---  \nB", "title: X\n", "B", 2, 4, ""},
		{"no body", "---\ntitle: X\n---", "title: X\n", "", 2, 4, ""},
		{"not a fence", "----\ntitle: X\n---\n", "", "", 0, 0, "no front matter"},
		{"unclosed", "---\ntitle: X\n", "", "", 0, 0, "not closed"},
		{"empty file", "", "", "", 0, 0, "no front matter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fm, fmLine, body, bodyLine, err := split("x.md", []byte(tt.src))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(fm) != tt.fm || string(body) != tt.body || fmLine != tt.fmLine || bodyLine != tt.bodyLine {
				t.Errorf("split = %q@%d, %q@%d; want %q@%d, %q@%d", fm, fmLine, body, bodyLine, tt.fm, tt.fmLine, tt.body, tt.bodyLine)
			}
		})
	}
}

// FuzzFrontMatter feeds arbitrary files through the front matter splitter,
// the strict decoder and the validation of every schema: none may panic or
// hang, and every diagnostic must point inside the file.
func FuzzFrontMatter(f *testing.F) {
	seeds := []string{
		"---\ntitle: X\n---\nBody\n",
		"---\ntitle: [\n---\n",
		"---\ntitle: X\ntags: {a: b}\ndate: 2023-13-01\n---\n",
		"---\ntitle: X\nsources:\n  - url: ftp://x\nmetrics:\n  - before: [1]\n---\n",
		"---\ntitle: &a x\nsummary: *a\n---\n",
		"---\noptions:\n  - id: Bad Id\n---\n",
		"---\n\t\x00\n---\n",
		"---\ntitle: x\n---\n---\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		src, err := checkText("x.md", src)
		if err != nil {
			return
		}
		fm, fmLine, _, _, err := split("x.md", src)
		if err != nil {
			return
		}
		lines := strings.Count(string(src), "\n") + 1
		for _, section := range []string{"", "case-studies", "checklists", "patterns"} {
			meta := newSchema(section, KindPage)
			doc, diags := yamldoc.Decode("x.md", fm, fmLine, meta)
			if !diags.HasErrors() {
				meta.validate(doc, &diags)
			}
			for _, d := range diags {
				if d.Pos.File != "x.md" || d.Pos.Line < 1 || d.Pos.Line > lines {
					t.Fatalf("diagnostic outside the file (%d lines): %v", lines, d)
				}
				if d.Severity == diag.Error && d.Msg == "" {
					t.Fatalf("empty message: %v", d)
				}
			}
		}
	})
}
