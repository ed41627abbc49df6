// Package yamldoc decodes YAML documents (front matter, the site config,
// calculator definitions) strictly into typed Go structs and keeps the
// position of every key, so that validation after decoding can still point
// at file:line:col in the original file.
//
// Decoding is strict: unknown keys, duplicate keys and values of the wrong
// type are errors (DecodeKnown leaves unknown keys to the caller, which
// lists them with TopKeys). Field names follow the `yaml` struct tags. Every
// bad value of a document is reported in one run, not only the first, and
// the good ones are still decoded for validation (see Decode and Unreported).
//
// yamldoc imports diag, github.com/goccy/go-yaml (the YAML library, chosen
// because it reports line and column for every error and every node) and
// the standard library.
package yamldoc

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
)

// Doc holds the positions of a decoded document's keys and values.
type Doc struct {
	file      string
	firstLine int
	keys      map[string]diag.Pos // path → position of the key
	values    map[string]diag.Pos // path → position of the value
	// failed lists the paths whose values could not be decoded (see
	// decode); not kept between builds.
	failed []string
	// decoded is set once the document decoded (see Decoded).
	decoded bool
}

// Decode decodes src, which starts at line firstLine of file, into v. On
// failure it returns diagnostics positioned in file; the Doc is still usable
// for whatever parsed. A value that cannot be decoded (an unknown key, a
// wrong type) is reported and left out, and the rest is decoded: every bad
// key of a document is reported in one run, and v holds the good ones, so
// validation can report what else is wrong (see Unreported).
func Decode(file string, src []byte, firstLine int, v any) (doc *Doc, diags diag.List) {
	return decode(file, src, firstLine, v, true)
}

// DecodeKnown decodes like Decode, except that a key v has no field for is
// not an error: it is left out, and the caller finds it with TopKeys (front
// matter written for another generator carries keys this one does not use).
func DecodeKnown(file string, src []byte, firstLine int, v any) (doc *Doc, diags diag.List) {
	return decode(file, src, firstLine, v, false)
}

func decode(file string, src []byte, firstLine int, v any, strict bool) (doc *Doc, diags diag.List) {
	d := &Doc{file: file, firstLine: firstLine, keys: map[string]diag.Pos{}, values: map[string]diag.Pos{}}
	// The YAML library can panic on some malformed input (found by fuzzing);
	// content comes from pull requests, so a panic must become a message.
	defer func() {
		if r := recover(); r != nil {
			doc, diags = d, diag.List{diag.Errorf(diag.Pos{File: file, Line: firstLine, Col: 1},
				"invalid YAML: the front matter cannot be read (%v); check indentation and tags such as !name", r)}
		}
	}()
	f, err := parser.ParseBytes(src, 0)
	if err != nil {
		return d, diag.List{d.errorDiag(err, "")}
	}
	for _, doc := range f.Docs {
		if doc.Body != nil {
			d.index("", doc.Body)
		}
	}
	if len(f.Docs) > 1 {
		return d, diag.List{diag.Errorf(d.at(f.Docs[1].GetToken()), "only one YAML document is allowed here; remove the extra '---'")}
	}
	// Decode from the tree already parsed, rather than parsing again.
	if len(f.Docs) == 1 && f.Docs[0].Body != nil {
		return d, d.decode(f.Docs[0].Body, v, strict)
	}
	d.decoded = true
	return d, nil
}

// Key returns the position of the key at path ("sources[1].url"), or of its
// nearest ancestor that has one, or the document's first line.
func (d *Doc) Key(path string) diag.Pos { return d.lookup(d.keys, path) }

// Value returns the position of the value at path, falling back like Key.
func (d *Doc) Value(path string) diag.Pos { return d.lookup(d.values, path) }

// TopKeys returns the keys of the document's top-level mapping, in the
// order they are written.
func (d *Doc) TopKeys() []string {
	var out []string
	for k := range d.keys {
		if !strings.ContainsAny(k, ".[") {
			out = append(out, k)
		}
	}
	slices.SortFunc(out, func(a, b string) int {
		pa, pb := d.keys[a], d.keys[b]
		return cmp.Or(cmp.Compare(pa.Line, pb.Line), cmp.Compare(pa.Col, pb.Col), cmp.Compare(a, b))
	})
	return out
}

// Has reports whether the document sets path.
func (d *Doc) Has(path string) bool {
	_, ok := d.keys[path]
	return ok
}

func (d *Doc) lookup(m map[string]diag.Pos, path string) diag.Pos {
	for p := path; p != ""; p = parent(p) {
		if pos, ok := m[p]; ok {
			return pos
		}
	}
	return diag.Pos{File: d.file, Line: d.firstLine, Col: 1}
}

func parent(path string) string {
	i := strings.LastIndexAny(path, ".[")
	if i < 0 {
		return ""
	}
	return path[:i]
}

// index records the position of every mapping key and value under path.
func (d *Doc) index(path string, n ast.Node) {
	switch n := n.(type) {
	case *ast.MappingNode:
		for _, mv := range n.Values {
			d.indexPair(path, mv)
		}
	case *ast.MappingValueNode:
		d.indexPair(path, n)
	case *ast.SequenceNode:
		for i, v := range n.Values {
			p := fmt.Sprintf("%s[%d]", path, i)
			d.values[p] = d.at(v.GetToken())
			d.keys[p] = d.values[p]
			d.index(p, v)
		}
	case *ast.TagNode:
		d.index(path, n.Value)
	case *ast.AnchorNode:
		d.index(path, n.Value)
	}
}

func (d *Doc) indexPair(path string, mv *ast.MappingValueNode) {
	key := strings.Trim(mv.Key.String(), `"'`)
	p := key
	if path != "" {
		p = path + "." + key
	}
	d.keys[p] = d.at(mv.Key.GetToken())
	if mv.Value != nil {
		d.values[p] = d.at(mv.Value.GetToken())
		d.index(p, mv.Value)
	}
}

func (d *Doc) at(tk *token.Token) diag.Pos {
	if tk == nil || tk.Position == nil {
		return diag.Pos{File: d.file, Line: d.firstLine, Col: 1}
	}
	return diag.Pos{File: d.file, Line: tk.Position.Line + d.firstLine - 1, Col: tk.Position.Column}
}

// errorDiag turns a YAML library error about the value at path (if known)
// into a positioned diagnostic with a message a contributor can act on.
func (d *Doc) errorDiag(err error, path string) diag.Diagnostic {
	var ye yaml.Error
	if errors.As(err, &ye) {
		return diag.Errorf(d.at(ye.GetToken()), "%s", explain(ye.GetMessage(), path))
	}
	return diag.Errorf(diag.Pos{File: d.file, Line: d.firstLine, Col: 1}, "invalid YAML: %v", err)
}

// explain rewrites the library's messages in the project's voice, with a
// hint. path, if known, names the value (the library names the outermost
// field only).
func explain(msg, path string) string {
	switch {
	case strings.HasPrefix(msg, "unknown field"):
		return msg + ": remove it or check its spelling (see CONTRIBUTING.md for the fields of this kind of page)"
	case strings.HasPrefix(msg, "cannot unmarshal"):
		return "wrong type: " + simplifyType(msg, path)
	case strings.Contains(msg, "where sequence is expected"):
		return "wrong type: a list is expected here, not a mapping (key: value lines)"
	case strings.Contains(msg, "where mapping is expected") || strings.Contains(msg, "where map is expected"):
		return "wrong type: a mapping (key: value lines) is expected here, not a list"
	case strings.Contains(msg, "already defined"):
		return "duplicate key: " + msg
	}
	return "invalid YAML: " + msg
}

// simplifyType turns "cannot unmarshal string into Go struct field X.Year of
// type int" into "year must be a whole number, not text"; path, if set, is
// the name used.
func simplifyType(msg, path string) string {
	var got, field, want string
	rest, ok := strings.CutPrefix(msg, "cannot unmarshal ")
	if !ok {
		return msg
	}
	got, rest, _ = strings.Cut(rest, " into ")
	if i := strings.Index(rest, "field "); i >= 0 {
		field = rest[i+len("field "):]
		field, want, _ = strings.Cut(field, " of type ")
		if j := strings.LastIndex(field, "."); j >= 0 {
			field = field[j+1:]
		}
	} else {
		_, want, _ = strings.Cut(rest, "of type ")
	}
	name := "value"
	switch {
	case path != "":
		name = path
	case field != "":
		name = strings.ToLower(field)
	}
	return fmt.Sprintf("%s must be %s, not %s", name, describe(want), describe(got))
}

func describe(goType string) string {
	switch {
	case strings.HasPrefix(goType, "[]"), goType == "array", goType == "sequence":
		return "a list"
	case strings.HasPrefix(goType, "map"), goType == "mapping", strings.Contains(goType, "struct"):
		return "a mapping (key: value lines)"
	case strings.HasPrefix(goType, "int"), strings.HasPrefix(goType, "uint"):
		return "a whole number"
	case strings.HasPrefix(goType, "float"):
		return "a number"
	case goType == "bool":
		return "true or false"
	case goType == "string":
		return "text"
	}
	if i := strings.LastIndex(goType, "."); i >= 0 {
		goType = goType[i+1:]
	}
	return strings.ToLower(goType)
}
