package importclaims

import (
	"slices"
	"testing"
)

// The forms the package doc gives are read as it says, and other sentences
// about imports are not taken for them.
func TestClaimsAreReadAsTheDocSays(t *testing.T) {
	p := &pkg{Name: "calc"}
	for _, tt := range []struct {
		doc                 string
		imports, importedBy []string // names of the one claim expected
		loose               bool
	}{
		{doc: "calc imports diag, suggest (names a misspelt one may have meant), github.com/goccy/go-yaml and the standard library.",
			imports: []string{"diag", "suggest", "github.com/goccy/go-yaml", "the standard library"}},
		{doc: "Intro. It imports the standard library only (Linux: rusage and /proc). More.", imports: []string{"the standard library"}},
		{doc: "theme is data only: it imports only diag, markdown and chroma.", imports: []string{"diag", "markdown", "chroma"}},
		{doc: "It imports nothing; its test runs the go command.", imports: []string{}},
		{doc: "Only devserver and tests import it; the build never does.", importedBy: []string{"devserver", "tests"}},
		{doc: "It is fed Docs and imports only the standard library.", loose: true},
		{doc: "Diagram imports (@file) are refused; a page may import nothing else."},
	} {
		imports, importedBy, loose := claims(p, tt.doc)
		names := func(cs []claim) []string {
			if len(cs) != 1 {
				return nil
			}
			return append([]string{}, cs[0].names...)
		}
		if tt.imports != nil && !slices.Equal(names(imports), tt.imports) || tt.imports == nil && len(imports) > 0 {
			t.Errorf("%q: imports claims %q, want one naming %q", tt.doc, imports, tt.imports)
		}
		if tt.importedBy != nil && !slices.Equal(names(importedBy), tt.importedBy) || tt.importedBy == nil && len(importedBy) > 0 {
			t.Errorf("%q: imported-by claims %q, want one naming %q", tt.doc, importedBy, tt.importedBy)
		}
		if (len(loose) > 0) != tt.loose {
			t.Errorf("%q: loose claims %q, want some: %v", tt.doc, loose, tt.loose)
		}
	}
}
