package highlight

import (
	"go/build"
	"strings"
	"testing"
)

// TestSlowMatchIsHighlightedWhole: a token whose match takes chroma longer
// than the 250 ms its lexers give each regular expression (a string of two
// million characters: about 0.4 s on a fast machine, seconds under load) is
// highlighted as a quick one is, whole, never cut into error spans or
// taken by another rule. The time a match may take is the machine's load,
// not an input: a build must not publish, or cache under the block's key,
// a result that depends on it.
func TestSlowMatchIsHighlightedWhole(t *testing.T) {
	s := strings.Repeat("a", 2_000_000)
	out := string(New().Highlight("go", "s := \""+s+"\"\n", Options{}))
	if !strings.Contains(out, `<span class="s">&#34;`+s+`&#34;</span>`) {
		t.Errorf("the string is not highlighted whole, in one string span (%d error spans)", strings.Count(out, `class="err"`))
	}
}

// TestImports keeps the package doc's claim: highlight imports chroma,
// regexp2 and the standard library only.
func TestImports(t *testing.T) {
	pkg, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, imp := range pkg.Imports {
		if strings.Contains(strings.Split(imp, "/")[0], ".") &&
			!strings.HasPrefix(imp, "github.com/alecthomas/chroma/v2") && imp != "github.com/dlclark/regexp2/v2" {
			t.Errorf("highlight imports %s", imp)
		}
	}
}
