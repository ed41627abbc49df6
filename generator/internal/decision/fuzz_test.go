package decision

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
)

// FuzzRead reads and renders records of any content: no panic, every
// problem inside the record's lines, and the rendered page keeps every
// "##" heading while the metadata lines Read took are left out.
func FuzzRead(f *testing.F) {
	for _, s := range []string{nygard, nygardSuperseded, nygardSupersedes, madr2, madr4,
		"# T\n\n* Status: ", "**Status:** <!--\n## Status\n\nSuperseded by [", "Date: 1/1/1\n# 1. \n## Links\n\n- Supersedes ,and,",
		"# ADR-000000000000001: x\n\n## Status\n\n> Accepted\n"} {
		f.Add(s)
	}
	md := goldmark.New(goldmark.WithExtensions(Extension{}))
	const bodyLine = 4
	f.Fuzz(func(t *testing.T, src string) {
		rec, diags := Read("f.md", []byte(src), bodyLine)
		lines := strings.Split(src, "\n")
		for _, d := range diags {
			i := d.Pos.Line - bodyLine
			if d.Pos.File != "f.md" || i < 0 || i >= len(lines) || d.Pos.Col < 1 || d.Pos.Col > utf8.RuneCountInString(lines[i])+1 {
				t.Fatalf("problem outside the record: %v", d)
			}
		}
		for _, r := range append(rec.Supersedes, rec.SupersededBy...) {
			if r.Pos.Line < bodyLine || r.Pos.Line >= bodyLine+len(lines) {
				t.Fatalf("reference %q at %v, outside the record", r.Target, r.Pos)
			}
		}
		pc := parser.NewContext()
		Enable(pc)
		var out bytes.Buffer
		if err := md.Convert([]byte(src), &out, parser.WithContext(pc)); err != nil {
			t.Fatal(err)
		}
		var plainOut bytes.Buffer
		if err := goldmark.Convert([]byte(src), &plainOut); err != nil {
			t.Fatal(err)
		}
		if a, b := strings.Count(out.String(), "<h2"), strings.Count(plainOut.String(), "<h2"); a != b {
			t.Fatalf("the rendered record has %d level-2 headings, the markdown %d", a, b)
		}
	})
}
