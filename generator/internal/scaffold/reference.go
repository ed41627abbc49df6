package scaffold

import (
	"fmt"
	"strings"

	"github.com/tradeoffs/tradeoffs/generator/internal/calc"
	"github.com/tradeoffs/tradeoffs/generator/internal/content"
)

// Markers delimit the generated reference in CONTRIBUTING.md.
const (
	BeginMarker = "<!-- BEGIN GENERATED REFERENCE: do not edit; `go test ./generator/internal/scaffold -update` rewrites it -->"
	EndMarker   = "<!-- END GENERATED REFERENCE -->"
)

// Reference returns the front matter and calculator reference, in
// markdown, generated from the Go types the build decodes into.
func Reference() string {
	var b strings.Builder
	b.WriteString("### Front matter of every page\n\n")
	b.WriteString("Pages in any folder without a schema of its own (and section `_index.md` pages) use these keys. " +
		"There the front matter itself is optional and so is every key (`title` comes from the first `#` heading, " +
		"else the file name; `description` is taken as the summary), and a key not listed is a warning, not an error; " +
		"see [a folder from GitHub](#a-folder-from-github-any-other-section).\n\n")
	fieldTable(&b, content.Reference(""))
	for _, section := range content.TypedSections() {
		fmt.Fprintf(&b, "\n### Front matter of `content/%s/` pages\n\n", section)
		b.WriteString("The common keys above, plus:\n\n")
		common := map[string]bool{}
		for _, f := range content.Reference("") {
			common[f.Key] = true
		}
		var own []content.Field
		for _, f := range content.Reference(section) {
			if !common[f.Key] {
				own = append(own, f)
			}
		}
		fieldTable(&b, own)
		for _, f := range own {
			if len(f.Fields) > 0 {
				fmt.Fprintf(&b, "\nEach item of `%s`:\n\n", f.Key)
				fieldTable(&b, f.Fields)
			}
		}
	}
	b.WriteString("\n### Calculator definitions\n")
	for _, s := range calc.Schema() {
		fmt.Fprintf(&b, "\n`%s`\n\n| key | type | required | meaning |\n| --- | --- | --- | --- |\n", s.Name)
		for _, f := range s.Fields {
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", f.Key, f.Type, yesNo(f.Required), cell(f.Doc))
		}
	}
	return b.String()
}

func fieldTable(b *strings.Builder, fields []content.Field) {
	b.WriteString("| key | type | required | meaning |\n| --- | --- | --- | --- |\n")
	for _, f := range fields {
		fmt.Fprintf(b, "| `%s` | %s | %s | %s |\n", f.Key, f.Type, yesNo(f.Required), cell(strings.TrimPrefix(strings.TrimPrefix(f.Doc, "required"), "; ")))
	}
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return ""
}

func cell(s string) string {
	s = strings.TrimLeft(s, ":;, ")
	return strings.ReplaceAll(s, "|", `\|`)
}
