package checklist

import (
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

// With smart punctuation on, as on the site, a question's plain text holds
// the typographic characters, not the entities the typographer writes
// ("database's" shows as "database’s" in the result, never
// "database&rsquo;s"), and so does its slug.
func TestPlainTextResolvesTypographerEntities(t *testing.T) {
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Typographer, Extension{}),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
	src := "## The team's view\n\n- [ ] Can you see each database's health -- and \"fail over\"? {servers +1, serverless -1}\n"
	_, m, diags := convert(t, md, src, &Config{ID: "x", Options: testOptions(), File: file})
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	q := m.Questions[0]
	if want := "Can you see each database’s health – and “fail over”?"; q.Text != want {
		t.Errorf("text = %q, want %q", q.Text, want)
	}
	if want := "The team’s view"; q.Section != want {
		t.Errorf("section = %q, want %q", q.Section, want)
	}
}
