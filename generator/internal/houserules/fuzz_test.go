package houserules

import (
	"bytes"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"

	"github.com/tradeoffs/tradeoffs/generator/internal/figures"
)

// FuzzRules checks pages of any content against the rules of both
// sections: no panic, and every problem has a position in the file.
func FuzzRules(f *testing.F) {
	f.Add("## Context\n\nCost fell by 90%.[^a] Then “$3.2M”.\n\n| a | b[^a] |\n|---|---|\n| 1,600 | x |\n\n[^a]: [Post](https://example.com/p)\n")
	f.Add("Lead-in:[^a]\n\n- 11 servers\n  - 12 more\n\n> 13 quoted\n\n[^a]: Our calculation.\n")
	f.Add(":figure[x] [a](../case-studies/y.md) [b](/patterns/z/#q) <http://example.com>\n")
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList, extension.Typographer,
		figures.Extension{}, Extension{}))
	f.Fuzz(func(t *testing.T, src string) {
		for _, section := range []string{"case-studies", "patterns"} {
			pc := parser.NewContext()
			Enable(pc, Page{File: "content/" + section + "/x.md", BodyLine: 3, Section: section, Sources: []Source{{URL: "https://example.com/p"}}})
			var b bytes.Buffer
			if err := md.Convert([]byte(src), &b, parser.WithContext(pc)); err != nil {
				t.Fatal(err)
			}
			for _, d := range Result(pc) {
				if d.Pos.File == "" || d.Pos.Line < 3 || d.Pos.Col < 1 {
					t.Fatalf("problem without a position in the file: %v", d)
				}
			}
		}
	})
}
