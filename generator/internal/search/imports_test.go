package search

import (
	"go/build"
	"strings"
	"testing"
)

// TestImports keeps the package doc's claim: search imports the standard
// library, the stemmer, golang.org/x/text and package wire, and nothing
// else of the generator.
func TestImports(t *testing.T) {
	pkg, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, imp := range pkg.Imports {
		std := !strings.Contains(strings.Split(imp, "/")[0], ".")
		if !std && !strings.HasPrefix(imp, "github.com/kljensen/snowball/") && !strings.HasPrefix(imp, "golang.org/x/text/") &&
			imp != "github.com/tradeoffs/tradeoffs/generator/internal/wire" {
			t.Errorf("search imports %s", imp)
		}
	}
}
