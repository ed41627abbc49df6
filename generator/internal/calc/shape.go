package calc

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// MaxSourceSize bounds a definition's YAML, so a hostile file cannot make
// the parser work for long.
const MaxSourceSize = 128 << 10

// decode parses the YAML of a definition and decodes it strictly. It checks
// the shape against the definition types first, walking the YAML tree, so
// unknown keys, wrong types, nulls, aliases and tags are reported with their
// exact position and a message in the format's own words; only then does it
// let the YAML decoder fill in the structs. It returns nil on any error.
func (s *source) decode() *definition {
	if len(s.src) > MaxSourceSize {
		s.errorf(s.at(1, 1), "calculator definition is too large (%d bytes, the limit is %d): split it into several calculators", len(s.src), MaxSourceSize)
		return nil
	}
	f, err := parseYAML(s.src)
	if err != nil {
		s.yamlError(err, "invalid YAML")
		return nil
	}
	body := s.document(f)
	if body == nil {
		return nil
	}
	if s.shape(body, reflect.TypeFor[definition](), ""); s.diags.HasErrors() {
		return nil
	}
	var def definition
	if err := decodeNode(body, &def); err != nil {
		s.yamlError(err, "invalid definition")
		return nil
	}
	return &def
}

// document returns the single document's body, reporting empty input and
// several documents.
func (s *source) document(f *ast.File) ast.Node {
	var docs []*ast.DocumentNode
	for _, d := range f.Docs {
		if d != nil && d.Body != nil {
			docs = append(docs, d)
		}
	}
	switch {
	case len(docs) == 0:
		s.errorf(s.at(1, 1), "empty calculator definition: it needs a title, inputs and outputs")
		return nil
	case len(docs) > 1:
		s.errorf(s.nodePos(docs[1].Body), "a calculator definition is one YAML document: remove the second document (after ---)")
		return nil
	}
	return docs[0].Body
}

// yamlError reports an error from the YAML library at its token.
func (s *source) yamlError(err error, what string) {
	var ye yaml.Error
	if !errors.As(err, &ye) {
		s.errorf(s.at(1, 1), "%s: %v", what, err)
		return
	}
	msg := ye.GetMessage()
	if strings.Contains(msg, "already defined at") {
		key, _, _ := strings.Cut(msg, " already defined")
		s.errorf(s.tokPos(ye.GetToken()), "duplicate %s: remove one of them", strings.TrimPrefix(key, "mapping "))
		return
	}
	s.errorf(s.tokPos(ye.GetToken()), "%s: %s", what, msg)
}

// shape checks that n has the YAML shape of Go type t, recording positions
// by path as it goes.
func (s *source) shape(n ast.Node, t reflect.Type, path string) {
	switch n.(type) {
	case *ast.AnchorNode, *ast.AliasNode, *ast.TagNode, *ast.MergeKeyNode:
		s.errorf(s.nodePos(n), "anchors (&), aliases (*), merge keys (<<) and tags (!) are not supported in calculator definitions: write the value out")
		return
	case *ast.NullNode:
		s.errorf(s.nodePos(n), "%s has no value: give %s or remove the key", describePath(path), article(t))
		return
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		s.shapeMap(n, t, path)
	case reflect.Slice:
		s.shapeList(n, t, path)
	default:
		if !scalarFits(n, t.Kind()) {
			s.errorf(s.nodePos(n), "%s must be %s, got %s", describePath(path), article(t), describeNode(n))
		}
	}
}

func (s *source) shapeMap(n ast.Node, t reflect.Type, path string) {
	m, ok := n.(ast.MapNode)
	if !ok {
		what := "the calculator definition"
		if path != "" {
			what = describePath(path)
		}
		s.errorf(s.nodePos(n), "%s must be a mapping of keys to values, got %s", what, describeNode(n))
		return
	}
	fields := map[string]reflect.StructField{}
	var known []string
	for f := range t.Fields() {
		key := f.Tag.Get("yaml")
		fields[key] = f
		known = append(known, key)
	}
	for it := m.MapRange(); it.Next(); {
		s.shapeEntry(it.KeyValue(), fields, known, path)
	}
}

func (s *source) shapeEntry(kv *ast.MappingValueNode, fields map[string]reflect.StructField, known []string, path string) {
	keyNode := kv.Key
	if _, ok := keyNode.(*ast.StringNode); !ok {
		s.shape(keyNode, reflect.TypeFor[string](), path) // reports merge keys, tags, ...
		s.errorf(s.nodePos(keyNode), "keys must be plain words such as label or formula")
		return
	}
	key := keyNode.GetToken().Value
	f, ok := fields[key]
	if !ok {
		where := "the calculator"
		if path != "" {
			where = listName(path)
		}
		s.errorf(s.nodePos(keyNode), "unknown key %q in %s%s", key, where, didYouMean(key, known, "the keys are "+strings.Join(known, ", ")))
		return
	}
	child := joinPath(path, key)
	s.keys[child] = s.nodePos(keyNode)
	s.vals[child] = kv.Value
	s.shape(kv.Value, f.Type, child)
}

func (s *source) shapeList(n ast.Node, t reflect.Type, path string) {
	seq, ok := n.(*ast.SequenceNode)
	if !ok {
		s.errorf(s.nodePos(n), "%s must be a list (items starting with \"- \"), got %s", describePath(path), describeNode(n))
		return
	}
	for i, v := range seq.Values {
		item := fmt.Sprintf("%s[%d]", path, i)
		s.items[item] = s.nodePos(itemStart(v))
		s.vals[item] = v
		s.shape(v, t.Elem(), item)
	}
}

// itemStart is the node where a list item starts: its first key for a
// mapping.
func itemStart(v ast.Node) ast.Node {
	if m, ok := v.(ast.MapNode); ok {
		if it := m.MapRange(); it.Next() {
			return it.Key()
		}
	}
	return v
}

// scalarFits reports whether scalar node n can be decoded as kind without
// conversion surprises: numbers must be written as numbers (not "5" in
// quotes, not .inf or .nan), text may be written as a number (a label
// "2024"), true/false only as true or false.
func scalarFits(n ast.Node, kind reflect.Kind) bool {
	switch n.(type) {
	case *ast.IntegerNode:
		return kind == reflect.Float64 || kind == reflect.Int || kind == reflect.String
	case *ast.FloatNode:
		return kind == reflect.Float64 || kind == reflect.String
	case *ast.StringNode, *ast.LiteralNode:
		return kind == reflect.String
	case *ast.BoolNode:
		return kind == reflect.Bool
	}
	return false
}

// describePath names the key at path for a message: the last key, quoted.
func describePath(path string) string {
	if strings.HasSuffix(path, "]") {
		return "this list item"
	}
	return fmt.Sprintf("%q", path[strings.LastIndex(path, ".")+1:])
}

// listName names the mapping at path for messages: the list an item
// belongs to ("inputs", "choices"), or the key.
func listName(path string) string {
	path = strings.TrimSuffix(path, "]")
	if i := strings.LastIndex(path, "["); i >= 0 {
		path = path[:i]
	}
	return path[strings.LastIndex(path, ".")+1:]
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func article(t reflect.Type) string {
	switch name := typeName(t); name {
	case "text", "mapping":
		return "a " + name
	case "number", "whole number":
		return "a " + name
	case "true/false":
		return "true or false"
	default:
		return "a " + name
	}
}

// describeNode says what a YAML value is, for "must be X, got Y" messages.
func describeNode(n ast.Node) string {
	switch n := n.(type) {
	case *ast.StringNode:
		return fmt.Sprintf("the text %q", n.Value)
	case *ast.LiteralNode:
		return "a block of text"
	case *ast.IntegerNode, *ast.FloatNode:
		return "the number " + n.GetToken().Value
	case *ast.InfinityNode, *ast.NanNode:
		return n.GetToken().Value + " (only finite numbers are allowed)"
	case *ast.BoolNode:
		return n.GetToken().Value
	case *ast.SequenceNode:
		return "a list"
	case ast.MapNode:
		return "a mapping"
	}
	return n.Type().String()
}

// parseYAML parses src, turning a panic of the YAML parser on hostile
// input into an error, so one bad file cannot crash the build.
func parseYAML(src []byte) (f *ast.File, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("the YAML parser failed on this file (%v): simplify its syntax", r)
		}
	}()
	return parser.ParseBytes(src, 0)
}

// decodeNode fills def from the checked tree, strictly, turning a panic of
// the decoder into an error like parseYAML does.
func decodeNode(body ast.Node, def *definition) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the YAML decoder failed on this file (%v): simplify its syntax", r)
		}
	}()
	return yaml.NodeToValue(body, def, yaml.DisallowUnknownField(), yaml.Strict())
}
