package yamldoc

import (
	"errors"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
)

// maxErrors bounds the values reported in one document: past it, the file
// is likely not front matter at all.
const maxErrors = 50

// decode decodes body into v. The YAML library stops at the first value it
// cannot decode; so each failure is reported, the entry that holds the
// value is cut from the tree, and the rest is decoded again, until it
// decodes. Before each try v is reset to what it held at the start (the
// defaults of a config), so no half of a failed try stays in it. Unless
// strict, a key v has no field for is left out without an error (duplicate
// keys are an error either way: the library's default).
func (d *Doc) decode(body ast.Node, v any, strict bool) diag.List {
	if mv, ok := body.(*ast.MappingValueNode); ok {
		body = ast.Mapping(mv.GetToken(), false, mv) // a one-key document
	}
	rv := reflect.ValueOf(v)
	var start reflect.Value
	if rv.Kind() == reflect.Pointer && !rv.IsNil() {
		start = reflect.New(rv.Elem().Type()).Elem()
		start.Set(rv.Elem())
	}
	var opts []yaml.DecodeOption
	if strict {
		opts = append(opts, yaml.DisallowUnknownField())
	}
	var diags diag.List
	for range maxErrors {
		err := yaml.NodeToValue(body, v, opts...)
		if err == nil {
			d.decoded = true
			return diags
		}
		var ye yaml.Error
		path, ok := "", false
		if errors.As(err, &ye) && ye.GetToken() != nil {
			path, ok = cut(body, "", ye.GetToken())
		}
		diags.Add(d.errorDiag(err, path))
		if !ok {
			return diags
		}
		d.failed = append(d.failed, path)
		if start.IsValid() {
			rv.Elem().Set(start)
		}
	}
	return diags
}

// cut removes from the tree under n, whose path is path, the outermost
// mapping entry or list item whose key or value is at tk (where the YAML
// library says a value failed), and returns its path.
func cut(n ast.Node, path string, tk *token.Token) (string, bool) {
	switch n := n.(type) {
	case *ast.MappingNode:
		for i, mv := range n.Values {
			if at(mv.Key, tk) || at(mv.Value, tk) {
				n.Values = slices.Delete(n.Values, i, i+1)
				return join(path, mv), true
			}
		}
		for _, mv := range n.Values {
			if p, ok := cut(mv.Value, join(path, mv), tk); ok {
				return p, true
			}
		}
	case *ast.SequenceNode:
		for i, v := range n.Values {
			if at(v, tk) {
				n.Values = slices.Delete(n.Values, i, i+1)
				if i < len(n.ValueHeadComments) {
					n.ValueHeadComments = slices.Delete(n.ValueHeadComments, i, i+1)
				}
				return path + "[" + strconv.Itoa(i) + "]", true
			}
		}
		for i, v := range n.Values {
			if p, ok := cut(v, path+"["+strconv.Itoa(i)+"]", tk); ok {
				return p, true
			}
		}
	case *ast.TagNode:
		return cut(n.Value, path, tk)
	case *ast.AnchorNode:
		return cut(n.Value, path, tk)
	}
	return "", false
}

// at reports whether node n (or the value a tag or anchor on it marks)
// starts at tk.
func at(n ast.Node, tk *token.Token) bool {
	for n != nil {
		if n.GetToken() == tk {
			return true
		}
		switch v := n.(type) {
		case *ast.TagNode:
			n = v.Value
		case *ast.AnchorNode:
			n = v.Value
		default:
			return false
		}
	}
	return false
}

func join(path string, mv *ast.MappingValueNode) string {
	key := strings.Trim(mv.Key.String(), `"'`)
	if path == "" {
		return key
	}
	return path + "." + key
}

// Decoded reports whether the document was read as a whole (maybe without
// the values Decode reported): validating what it holds then makes sense.
// It is false after a syntax error.
func (d *Doc) Decoded() bool { return d.decoded }

// Unreported returns the diagnostics of l (a validation of the decoded
// value) except those at a key or value Decode reported as bad, or at the
// key of what holds one: that value was left out, so a validation sees it
// missing or zero ("metric has neither before nor after"), and saying so
// again would only hide the real problem.
func (d *Doc) Unreported(l diag.List) diag.List {
	if len(d.failed) == 0 {
		return l
	}
	bad := map[diag.Pos]bool{}
	for _, m := range []map[string]diag.Pos{d.keys, d.values} {
		for path, pos := range m {
			if d.inFailed(path) {
				bad[pos] = true
			}
		}
	}
	for _, f := range d.failed {
		for p := parent(f); p != ""; p = parent(p) {
			if pos, ok := d.keys[p]; ok {
				bad[pos] = true
			}
		}
	}
	var out diag.List
	for _, x := range l {
		if !bad[x.Pos] {
			out = append(out, x)
		}
	}
	return out
}

// inFailed reports whether path is a failed value or inside one.
func (d *Doc) inFailed(path string) bool {
	for _, f := range d.failed {
		if path == f || strings.HasPrefix(path, f) && (path[len(f)] == '.' || path[len(f)] == '[') {
			return true
		}
	}
	return false
}
