package content

import (
	"reflect"
	"slices"
	"strings"
)

// Field describes one front matter key of a schema, for the scaffold of new
// pages and the reference in CONTRIBUTING.md. Both are generated from the Go
// types, so they cannot drift from what the build accepts.
type Field struct {
	// Key is the YAML key ("sources").
	Key string
	// Type is a reader's name for the value: "text", "date", "list of text",
	// "whole number", "true/false", "list of {title, url, ...}".
	Type string
	// Doc is the field's description from its doc tag.
	Doc string
	// Required is true when the doc says so.
	Required bool
	// Fields are the keys of each item, for lists of mappings.
	Fields []Field
	// Alias names the key this one is another name for (MADR's
	// decision-makers for deciders): new pages are written without it.
	Alias string
}

// Reference returns the fields of the schema used by pages in section ("" for
// the common schema), common fields first.
func Reference(section string) []Field {
	schema := Schemas()[section]
	if schema == nil {
		schema = &Common{}
	}
	return fieldsOf(reflect.TypeOf(schema).Elem())
}

// TypedSections returns the sections that have their own schema, sorted.
func TypedSections() []string {
	var out []string
	for s := range typedSections {
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}

func fieldsOf(t reflect.Type) []Field {
	var out []Field
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("yaml")
		if f.Anonymous && strings.Contains(tag, "inline") {
			out = append(out, fieldsOf(f.Type)...)
			continue
		}
		key, _, _ := strings.Cut(tag, ",")
		if key == "" || key == "-" {
			continue
		}
		doc := f.Tag.Get("doc")
		fd := Field{Key: key, Type: typeName(f.Type), Doc: doc, Required: strings.HasPrefix(doc, "required"), Alias: f.Tag.Get("alias")}
		if et := elem(f.Type); et.Kind() == reflect.Struct && !scalarTypes[et] {
			fd.Fields = fieldsOf(et)
		}
		out = append(out, fd)
	}
	return out
}

// scalarTypes are structs that front matter writes as one value.
var scalarTypes = map[reflect.Type]bool{reflect.TypeOf(Date{}): true, reflect.TypeOf(People{}): true, reflect.TypeOf(Refs{}): true}

func elem(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	return t
}

func typeName(t reflect.Type) string {
	switch {
	case t == reflect.TypeOf(Date{}):
		return "date"
	case t == reflect.TypeOf(Text("")):
		return "number or text"
	case t == reflect.TypeOf(People{}):
		return "names"
	case t == reflect.TypeOf(Refs{}):
		return "records"
	case t.Kind() == reflect.Pointer:
		return typeName(t.Elem())
	case t.Kind() == reflect.Slice && elem(t).Kind() == reflect.Struct:
		var keys []string
		for _, f := range fieldsOf(elem(t)) {
			keys = append(keys, f.Key)
		}
		return "list of {" + strings.Join(keys, ", ") + "}"
	case t.Kind() == reflect.Slice:
		return "list of " + typeName(t.Elem())
	case t.Kind() == reflect.String:
		return "text"
	case t.Kind() == reflect.Bool:
		return "true/false"
	case t.Kind() == reflect.Int:
		return "whole number"
	}
	return t.String()
}
