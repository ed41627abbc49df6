package checklist

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark/parser"
)

// benchPage is a checklist of 60 questions in 6 sections.
func benchPage() []byte {
	var b strings.Builder
	for s := range 6 {
		b.WriteString("## Section " + string(rune('A'+s)) + "\n\nSome prose with a [link](/x/).\n\n")
		for q := range 10 {
			b.WriteString("- [ ] Question " + string(rune('a'+q)) + string(rune('A'+s)) + " about load and teams? {yes: servers +2; no: serverless +1}\n\n  Guidance with `code` and a [link](/y/).\n\n")
		}
	}
	return []byte(b.String())
}

func BenchmarkConvertChecklist(b *testing.B) {
	md, src := newMarkdown(), benchPage()
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		pc := parser.NewContext()
		Enable(pc, Config{ID: "bench", Options: testOptions(), File: "bench.md"})
		if err := md.Convert(src, &buf, parser.WithContext(pc)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkConvertOrdinary converts the same page without Enable: the
// extension's cost on pages that are not checklists.
func BenchmarkConvertOrdinary(b *testing.B) {
	md, src := newMarkdown(), benchPage()
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := md.Convert(src, &buf); err != nil {
			b.Fatal(err)
		}
	}
}
