package calc

import (
	"reflect"
	"strings"
)

// The types below are the YAML shape of a definition, decoded strictly.
// Their `doc` tags are the reference documentation: Schema lists them, and
// CONTRIBUTING.md is generated from that list, so keep them in sync with
// validate.go. A tag starting with "required" marks a required key.

// definition is a whole calculator: content/calculators/<id>.yaml, or the
// body of a ```calculator block in a page.
type definition struct {
	ID          string      `yaml:"id" doc:"the calculator's id: lower-case letters, digits and hyphens; required in a page block, and in a file it must equal the file name (or be left out)"`
	Title       string      `yaml:"title" doc:"required: the heading shown above the calculator"`
	Description string      `yaml:"description" doc:"plain text under the title: what the calculator answers, and which defaults are illustrative"`
	Inputs      []inputDef  `yaml:"inputs" doc:"required: the values a reader can change, in display order (at most 40)"`
	Constants   []constDef  `yaml:"constants" doc:"named prices and other fixed numbers, listed with their source in the price table (at most 100)"`
	Outputs     []outputDef `yaml:"outputs" doc:"required: the computed results, in order; a formula may use inputs, constants and earlier outputs (at most 60)"`
	Charts      []chartDef  `yaml:"charts" doc:"line charts of outputs against one input (at most 4)"`
}

type inputDef struct {
	Name    string      `yaml:"name" doc:"required: the name formulas use (a-z, 0-9, _; starts with a letter); also the key in the shared URL"`
	Label   string      `yaml:"label" doc:"required: the text of the field's label"`
	Type    string      `yaml:"type" doc:"number (the default), choice (a drop-down list of choices) or toggle (a checkbox, 1 when ticked, 0 when not; a true/false value in formulas)"`
	Unit    string      `yaml:"unit" doc:"the unit shown after the field, e.g. ms or req/s"`
	Default *float64    `yaml:"default" doc:"required: the starting value; for a choice, one of the choice values; for a toggle, 0 or 1"`
	Min     *float64    `yaml:"min" doc:"number inputs: the smallest accepted value"`
	Max     *float64    `yaml:"max" doc:"number inputs: the largest accepted value"`
	Step    *float64    `yaml:"step" doc:"number inputs: the step of the field's arrows (any value in range is still accepted)"`
	Choices []choiceDef `yaml:"choices" doc:"choice inputs, required there: the options, each a label and a distinct numeric value"`
	Help    string      `yaml:"help" doc:"a sentence of help shown under the field"`
}

type choiceDef struct {
	Label string   `yaml:"label" doc:"required: the option's text"`
	Value *float64 `yaml:"value" doc:"required: the number formulas see when this option is chosen"`
}

type constDef struct {
	Name           string   `yaml:"name" doc:"required: the name formulas use"`
	Label          string   `yaml:"label" doc:"required: what the number is, as shown in the price table"`
	Value          *float64 `yaml:"value" doc:"required: the number"`
	Unit           string   `yaml:"unit" doc:"required: its unit, e.g. USD per GB-second"`
	Kind           string   `yaml:"kind" doc:"price (the default), quota, or convention (a fixed rule such as 730 hours per month; needs no source)"`
	Source         string   `yaml:"source" doc:"required for prices and quotas: the https URL of the vendor's own page for the number (its pricing page or documentation)"`
	AsOf           string   `yaml:"as_of" doc:"the date, YYYY-MM-DD, on which the number was checked against the vendor's page in source (not the date of a snapshot or of a third-party table); required for prices and quotas unless third_party says where the unchecked number came from"`
	ThirdParty     string   `yaml:"third_party" doc:"the https URL of a third-party table the number was taken from (a price list copy, a cost tool's data); the price table then says so and links it"`
	ThirdPartyName string   `yaml:"third_party_name" doc:"needed with third_party: the table's name as shown in the price table, e.g. infracost's AWS price fixtures"`
	Note           string   `yaml:"note" doc:"a short provenance note shown with the source"`
}

type outputDef struct {
	Name     string `yaml:"name" doc:"required: the name later formulas use"`
	Label    string `yaml:"label" doc:"required: the text shown next to the result"`
	Formula  string `yaml:"formula" doc:"required: the expression computing the result (see Formulas)"`
	Format   string `yaml:"format" doc:"required: currency, percent (0.25 shows as 25.0%), number, duration, or flag (for true/false formulas)"`
	Unit     string `yaml:"unit" doc:"shown after the result (e.g. per month); for duration, the unit of the value: ms, s, min, h, days, months or years"`
	Decimals *int   `yaml:"decimals" doc:"digits after the decimal point, 0 to 6 (defaults: currency 2, percent 1, number 0, duration 1)"`
	Note     string `yaml:"note" doc:"a sentence shown under the result"`
	Hidden   bool   `yaml:"hidden" doc:"true to compute the value for later formulas without showing it"`
	Key      bool   `yaml:"key" doc:"true for a key result (at most 4, shown outputs only): key results are repeated in the compact summary at the top of the calculator, which stays in view while the reader changes inputs and is announced once after each change; without any, the first chart's series are the key results, or else the first three shown outputs"`
	IfTrue   string `yaml:"if_true" doc:"flag format: the text when the formula is true (default yes)"`
	IfFalse  string `yaml:"if_false" doc:"flag format: the text when the formula is false (default no)"`
}

type chartDef struct {
	Title  string   `yaml:"title" doc:"required: the chart's caption"`
	X      string   `yaml:"x" doc:"required: the number input along the horizontal axis"`
	From   *float64 `yaml:"from" doc:"required: the first x value (within the input's min and max)"`
	To     *float64 `yaml:"to" doc:"required: the last x value, greater than from"`
	Points int      `yaml:"points" doc:"how many x values to compute, 2 to 201 (default 41)"`
	Series []string `yaml:"series" doc:"required: 1 to 6 shown outputs of the same format, drawn as lines; where two lines cross, the break-even point is marked"`
	XLabel string   `yaml:"x_label" doc:"the horizontal axis label (default: the input's label and unit)"`
	YLabel string   `yaml:"y_label" doc:"the vertical axis label (default: the first series' unit)"`
}

// Field documents one key of the definition format.
type Field struct {
	Key      string // the YAML key
	Type     string // text, number, whole number, true/false, list of ...
	Required bool   // the doc starts with "required"
	Doc      string
}

// Section documents one mapping of the definition format.
type Section struct {
	Name   string // "calculator", "inputs[]", "choices[]", ...
	Fields []Field
}

// Schema lists every key of the definition format, section by section, for
// generated documentation.
func Schema() []Section {
	return []Section{
		section("calculator", reflect.TypeFor[definition]()),
		section("inputs[]", reflect.TypeFor[inputDef]()),
		section("inputs[].choices[]", reflect.TypeFor[choiceDef]()),
		section("constants[]", reflect.TypeFor[constDef]()),
		section("outputs[]", reflect.TypeFor[outputDef]()),
		section("charts[]", reflect.TypeFor[chartDef]()),
	}
}

func section(name string, t reflect.Type) Section {
	s := Section{Name: name}
	for f := range t.Fields() {
		doc := f.Tag.Get("doc")
		s.Fields = append(s.Fields, Field{
			Key:      f.Tag.Get("yaml"),
			Type:     typeName(f.Type),
			Required: strings.HasPrefix(doc, "required"),
			Doc:      doc,
		})
	}
	return s
}

// typeName names a Go field type in the words error messages and docs use.
func typeName(t reflect.Type) string {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "text"
	case reflect.Float64:
		return "number"
	case reflect.Int:
		return "whole number"
	case reflect.Bool:
		return "true/false"
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Struct {
			return "list of mappings"
		}
		return "list of " + typeName(t.Elem())
	}
	return "mapping"
}
