package importclaims

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"io"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/tradeoffs/tradeoffs"

// pkg is what go list says of a package.
type pkg struct {
	ImportPath string
	Name       string
	Dir        string
	GoFiles    []string
	CgoFiles   []string
	Imports    []string
	Standard   bool
	Module     *struct{ Path string }
}

// listPackages runs go list on every package of the module, and returns
// them with every package they import, by import path.
func listPackages(t *testing.T) (own []*pkg, all map[string]*pkg) {
	t.Helper()
	cmd := exec.Command("go", "list", "-deps", "-json", module+"/...")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	all = map[string]*pkg{}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		p := new(pkg)
		if err := dec.Decode(p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("go list's output: %v", err)
		}
		all[p.ImportPath] = p
		if p.Module != nil && p.Module.Path == module {
			own = append(own, p)
		}
	}
	return own, all
}

// packageDoc returns the package comments of p's files, joined and with
// every run of spaces and line breaks made one space.
func packageDoc(t *testing.T, p *pkg) string {
	t.Helper()
	var docs []string
	for _, name := range slices.Concat(p.GoFiles, p.CgoFiles) {
		f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(p.Dir, name), nil, parser.PackageClauseOnly|parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		if f.Doc != nil {
			docs = append(docs, f.Doc.Text())
		}
	}
	return strings.Join(strings.Fields(strings.Join(docs, "\n")), " ")
}

// shortName is how the doc names a package of the generator: its path
// below generator/internal/, or below generator/.
func shortName(importPath string) string {
	for _, prefix := range []string{module + "/generator/internal/", module + "/generator/"} {
		if rest, ok := strings.CutPrefix(importPath, prefix); ok {
			return rest
		}
	}
	return importPath
}

var (
	remark     = regexp.MustCompile(`\s*\([^()]*\)`)
	listSep    = regexp.MustCompile(`\s*,\s*(?:and\s+)?|\s+and\s+`)
	looseClaim = regexp.MustCompile(`\bimports (?:only|nothing)\b`)
	version    = regexp.MustCompile(`^v[0-9]+$`)
	imported   = regexp.MustCompile(`^Only (.+) imports? (?:this package|it)$`)
)

// claim is one sentence of a doc about imports, its names parsed.
type claim struct {
	text  string
	names []string
}

// parseList reads the names of a claim's list: remarks dropped, "only"
// and "nothing" are no names.
func parseList(list string) []string {
	for remark.MatchString(list) {
		list = remark.ReplaceAllString(list, "")
	}
	list = strings.TrimSpace(list)
	list = strings.TrimPrefix(list, "only ")
	list = strings.TrimSuffix(list, " only")
	if list == "nothing" {
		return nil
	}
	return listSep.Split(list, -1)
}

// sentences splits doc after each ".", ";" or ":" that ends a word and is
// not inside parentheses.
func sentences(doc string) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range doc {
		switch {
		case r == '(':
			depth++
		case r == ')':
			depth = max(depth-1, 0)
		case depth == 0 && strings.ContainsRune(".;:", r) && (i+1 == len(doc) || doc[i+1] == ' '):
			out = append(out, strings.TrimSpace(doc[start:i]))
			start = i + 1
		}
	}
	return append(out, strings.TrimSpace(doc[start:]))
}

// claims sorts the sentences of p's doc: those saying what p imports, those
// saying who imports it, and any other that says p imports "only" or
// "nothing".
func claims(p *pkg, doc string) (imports, importedBy []claim, loose []string) {
	own := regexp.MustCompile(`^(?:It|it|` + regexp.QuoteMeta(p.Name) + `) imports (.+)$`)
	for _, s := range sentences(doc) {
		if m := own.FindStringSubmatch(s); m != nil {
			imports = append(imports, claim{s, parseList(m[1])})
		} else if m := imported.FindStringSubmatch(s); m != nil {
			importedBy = append(importedBy, claim{s, parseList(m[1])})
		} else if looseClaim.MatchString(s) {
			loose = append(loose, s)
		}
	}
	return imports, importedBy, loose
}

// covers reports whether name, as a doc writes it, names the import imp.
func covers(name string, imp *pkg) bool {
	switch {
	case imp.Standard:
		return name == "the standard library"
	case imp.Module == nil:
		return false
	case imp.Module.Path == module:
		return name == shortName(imp.ImportPath)
	}
	mod := imp.Module.Path
	base := path.Base(mod)
	if version.MatchString(base) {
		base = path.Base(path.Dir(mod))
	}
	return name == mod || name == base
}

// nameOf is how a doc names the import imp.
func nameOf(imp *pkg) string {
	switch {
	case imp.Standard:
		return "the standard library"
	case imp.Module == nil || imp.Module.Path == module:
		return shortName(imp.ImportPath)
	}
	return imp.Module.Path
}

// checkImports says how the claim c differs from what p imports, or "".
func checkImports(p *pkg, c claim, all map[string]*pkg) string {
	var missing, unused []string
	used := map[string]bool{}
	for _, ip := range p.Imports {
		imp := all[ip]
		if imp == nil {
			imp = &pkg{ImportPath: ip}
		}
		i := slices.IndexFunc(c.names, func(n string) bool { return covers(n, imp) })
		if i < 0 {
			missing = append(missing, nameOf(imp))
		} else {
			used[c.names[i]] = true
		}
	}
	for _, n := range c.names {
		if !used[n] {
			unused = append(unused, n)
		}
	}
	var errs []string
	if slices.Sort(missing); len(missing) > 0 {
		errs = append(errs, "it also imports "+strings.Join(slices.Compact(missing), ", "))
	}
	if len(unused) > 0 {
		errs = append(errs, "it imports nothing named "+strings.Join(unused, ", "))
	}
	return strings.Join(errs, "; ")
}

// checkImporters lists the packages that import p but the claim c does not
// name; importers maps each package to those importing it.
func checkImporters(p *pkg, c claim, importers map[string][]string) []string {
	var errs []string
	for _, by := range importers[p.ImportPath] {
		if !slices.Contains(c.names, shortName(by)) {
			errs = append(errs, fmt.Sprintf("%s imports it too", shortName(by)))
		}
	}
	return errs
}

// Every package doc that says what its package imports, or who imports
// it, says it in the form this package's doc gives, and says it right.
func TestPackageDocsSayWhatTheyImport(t *testing.T) {
	own, all := listPackages(t)
	importers := map[string][]string{}
	for _, p := range own {
		for _, ip := range p.Imports {
			importers[ip] = append(importers[ip], p.ImportPath)
		}
	}
	checked := 0
	for _, p := range own {
		imports, importedBy, loose := claims(p, packageDoc(t, p))
		for _, c := range imports {
			checked++
			if e := checkImports(p, c, all); e != "" {
				t.Errorf("%s: the package doc says %q, but %s", shortName(p.ImportPath), c.text, e)
			}
		}
		for _, c := range importedBy {
			checked++
			for _, e := range checkImporters(p, c, importers) {
				t.Errorf("%s: the package doc says %q, but %s", shortName(p.ImportPath), c.text, e)
			}
		}
		for _, s := range loose {
			t.Errorf("%s: the package doc says %q, not in a form package importclaims gives: write it in that form, so it is checked, or drop it", shortName(p.ImportPath), s)
		}
	}
	t.Logf("%d claims checked", checked)
	if checked == 0 {
		t.Fatal("no package doc says what its package imports: the claims are no longer found")
	}
}
