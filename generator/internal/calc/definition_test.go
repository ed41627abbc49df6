package calc

import (
	"strings"
	"testing"
)

// base is a minimal valid definition; cases edit it with replace.
const base = `title: T
inputs:
  - name: a
    label: A
    default: 1
    min: 0
    max: 10
outputs:
  - name: b
    label: B
    formula: a * 2
    format: number
`

func TestBaseIsValid(t *testing.T) {
	c, diags := ParseFile("content/calculators/t.yaml", []byte(base))
	if len(diags) > 0 || c == nil {
		t.Fatalf("base definition: %v", diags)
	}
	if c.ID != "t" {
		t.Errorf("id = %q, want the file name t", c.ID)
	}
}

func TestDefinitionErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string // every diagnostic, one per line
	}{
		{"unknown top key", strings.Replace(base, "title: T", "titel: T", 1),
			`t.yaml:1:1: unknown key "titel" in the calculator: did you mean "title"?`},
		{"unknown input key", strings.Replace(base, "    label: A", "    lable: A", 1),
			`t.yaml:4:5: unknown key "lable" in inputs: did you mean "label"?`},
		{"unknown key far from any", strings.Replace(base, "    label: B", "    label: B\n    colour: red", 1),
			`t.yaml:11:5: unknown key "colour" in outputs: the keys are name, label, formula, format, unit, decimals, note, hidden, key, if_true, if_false`},
		{"text for a number", strings.Replace(base, "default: 1", "default: abc", 1),
			`t.yaml:5:14: "default" must be a number, got the text "abc"`},
		{"quoted number", strings.Replace(base, "default: 1", `default: "1"`, 1),
			`t.yaml:5:14: "default" must be a number, got the text "1"`},
		{"infinity", strings.Replace(base, "max: 10", "max: .inf", 1),
			`t.yaml:7:10: "max" must be a number, got .inf (only finite numbers are allowed)`},
		{"null value", strings.Replace(base, "min: 0", "min:", 1),
			`t.yaml:6:9: "min" has no value: give a number or remove the key`},
		{"mapping for a list", "title: T\ninputs: {a: 1}\noutputs: []\n",
			`t.yaml:2:9: "inputs" must be a list (items starting with "- "), got a mapping`},
		{"number for a bool", strings.Replace(base, "format: number", "format: number\n    hidden: 1", 1),
			`t.yaml:13:13: "hidden" must be true or false, got the number 1`},
		{"hidden key result", strings.Replace(base, "format: number", "format: number\n    hidden: true\n    key: true", 1),
			`t.yaml:14:5: output "b" is hidden and cannot be a key result: remove key or hidden`},
		{"five key results", strings.Replace(base, "    format: number", "    format: number\n    key: true\n  - name: k1\n    label: K\n    formula: a\n    format: number\n    key: true\n  - name: k2\n    label: K\n    formula: a\n    format: number\n    key: true\n  - name: k3\n    label: K\n    formula: a\n    format: number\n    key: true\n  - name: k4\n    label: K\n    formula: a\n    format: number\n    key: true", 1),
			`t.yaml:33:5: output "k4" is the 5th key result: at most 4, so the summary stays compact on a phone`},
		{"list for text", strings.Replace(base, "title: T", "title: [T]", 1),
			`t.yaml:1:8: "title" must be a text, got a list`},
		{"syntax error", strings.Replace(base, "title: T", "title: [T", 1),
			`t.yaml:2:1: invalid YAML: ',' or ']' must be specified`},
		{"duplicate key", strings.Replace(base, "title: T", "title: T\ntitle: U", 1),
			`t.yaml:2:1: duplicate key "title": remove one of them`},
		{"alias", strings.Replace(base, "default: 1", "default: &one 1", 1),
			`t.yaml:5:14: anchors (&), aliases (*), merge keys (<<) and tags (!) are not supported in calculator definitions: write the value out`},
		{"two documents", base + "---\ntitle: U\n",
			`t.yaml:14:1: a calculator definition is one YAML document: remove the second document (after ---)`},
		{"empty", "# nothing\n",
			`t.yaml:1:1: empty calculator definition: it needs a title, inputs and outputs`},
		{"not a mapping", "- a\n",
			`t.yaml:1:1: the calculator definition must be a mapping of keys to values, got a list`},
		{"missing title", strings.Replace(base, "title: T\n", "", 1),
			`t.yaml:1:1: the calculator has no title: add title: <heading>`},
		{"missing default", strings.Replace(base, "    default: 1\n", "", 1),
			`t.yaml:3:5: input "a" has no default: add default: <number>`},
		{"default out of range", strings.Replace(base, "default: 1", "default: 11", 1),
			`t.yaml:5:14: default 11 is out of range: it must be at most 10`},
		{"min above max", strings.Replace(base, "min: 0", "min: 20", 1),
			"t.yaml:5:14: default 1 is out of range: it must be at least 20\nt.yaml:7:10: max 10 is below min 20"},
		{"no inputs", strings.Replace(base, "inputs:\n  - name: a\n    label: A\n    default: 1\n    min: 0\n    max: 10\n", "inputs: []\n", 1),
			"t.yaml:2:1: the calculator needs at least 1 item in inputs\nt.yaml:6:14: unknown name \"a\": use an input, a constant or an earlier output"},
		{"bad name", strings.Replace(base, "name: a", "name: A-1", 1),
			"t.yaml:3:11: invalid name \"A-1\": use lower-case letters, digits and _, starting with a letter (at most 40)\nt.yaml:11:14: unknown name \"a\": use an input, a constant or an earlier output"},
		{"reserved name", strings.Replace(base, "name: b", "name: max", 1),
			`t.yaml:9:11: "max" is a reserved word of formulas: choose another name`},
		{"duplicate name", strings.Replace(base, "name: b", "name: a", 1),
			`t.yaml:9:11: name "a" is already used at line 3: names of inputs, constants and outputs must be unique`},
		{"unknown input type", strings.Replace(base, "    label: A", "    label: A\n    type: chioce", 1),
			`t.yaml:5:11: unknown input type "chioce": did you mean "choice"?`},
		{"formula unknown name", strings.Replace(base, "formula: a * 2", "formula: a * c", 1),
			`t.yaml:11:18: unknown name "c": did you mean "a"?`},
		{"formula in quotes", strings.Replace(base, "formula: a * 2", `formula: "a * c"`, 1),
			`t.yaml:11:19: unknown name "c": did you mean "a"?`},
		{"formula in a literal block", strings.Replace(base, "formula: a * 2", "formula: |\n      a *\n        (2 + c)", 1),
			`t.yaml:13:14: unknown name "c": did you mean "a"?`},
		{"formula in a folded block", strings.Replace(base, "formula: a * 2", "formula: >\n      a * c", 1),
			`t.yaml:11:14: unknown name "c": did you mean "a"?`},
		{"formula after non-ASCII text", strings.Replace(base, "  - name: b\n    label: B\n    formula: a * 2\n    format: number\n", "  - {name: b, label: \"é\", formula: a * c, format: number}\n", 1),
			`t.yaml:9:40: unknown name "c": did you mean "a"?`},
		{"formula syntax", strings.Replace(base, "formula: a * 2", "formula: (a * 2", 1),
			`t.yaml:11:20: expected ")" to close "(", found the end of the formula`},
		{"formula type", strings.Replace(base, "formula: a * 2", "formula: a > 2", 1),
			`t.yaml:12:13: the formula is true/false, so the format must be flag`},
		{"flag on a number", strings.Replace(base, "format: number", "format: flag", 1),
			`t.yaml:12:13: format flag needs a true/false formula, e.g. a comparison such as x > limit`},
		{"unknown format", strings.Replace(base, "format: number", "format: currancy", 1),
			`t.yaml:12:13: unknown format "currancy": did you mean "currency"?`},
		{"decimals", strings.Replace(base, "format: number", "format: number\n    decimals: 9", 1),
			`t.yaml:13:15: decimals must be 0 to 6 for a numeric format`},
		{"duration without unit", strings.Replace(base, "format: number", "format: duration", 1),
			`t.yaml:9:5: a duration needs the unit of its value: add unit: ms, s, min, h, days, months or years`},
		{"missing formula", strings.Replace(base, "    formula: a * 2\n", "", 1),
			`t.yaml:9:5: output "b" has no formula: add formula: <expression>`},
		{"forward reference", strings.Replace(base, "formula: a * 2", "formula: a * c", 1) + "  - name: c\n    label: C\n    formula: 1\n    format: number\n",
			`t.yaml:11:18: "c" is defined after this output: move it above, formulas can only use earlier outputs`},
		{"division by a zero constant", strings.Replace(strings.Replace(base, "outputs:", "constants:\n  - {name: z, label: Z, value: 0, unit: x, kind: convention}\noutputs:", 1), "a * 2", "a / z", 1),
			`t.yaml:13:18: division by zero: this divisor is always 0`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := ParseFile("t.yaml", []byte(tt.src))
			if got := diags.Error(); got != tt.want {
				t.Errorf("diagnostics:\n%s\nwant:\n%s\nsource:\n%s", got, tt.want, tt.src)
			}
		})
	}
}

// full has every section, for the checks of constants, choices, toggles
// and charts.
const full = `title: T
inputs:
  - name: rps
    label: Load
    unit: req/s
    default: 1
    min: 0
    max: 100
  - name: arch
    label: Architecture
    type: choice
    default: 0
    choices:
      - {label: x86, value: 0}
      - {label: arm, value: 1}
  - name: free
    label: Free tier
    type: toggle
    default: 0
constants:
  - name: price
    label: Price
    value: 0.2
    unit: USD per request
    source: https://example.com/pricing
    as_of: 2026-09-20
outputs:
  - name: cost
    label: Cost
    formula: rps * price * if(free, 0, 1) + arch
    format: currency
  - name: flat
    label: Flat
    formula: 10
    format: currency
charts:
  - title: Cost by load
    x: rps
    from: 0
    to: 100
    series: [cost, flat]
`

func TestFullIsValid(t *testing.T) {
	if _, diags := ParseFile("t.yaml", []byte(full)); len(diags) > 0 {
		t.Fatalf("full definition: %v", diags)
	}
}

func TestDefinitionErrorsFull(t *testing.T) {
	r := func(old, new string) string {
		if !strings.Contains(full, old) {
			t.Fatalf("%q is not in the definition", old)
		}
		return strings.Replace(full, old, new, 1)
	}
	tests := []struct{ name, src, want string }{
		{"http source", r("https://example.com", "http://example.com"),
			`t.yaml:25:13: source "http://example.com/pricing" must use https`},
		{"not a URL", r("https://example.com/pricing", "see the AWS page"),
			`t.yaml:25:13: source "see the AWS page" is not a valid URL: write the full https://… address`},
		{"missing source", r("    source: https://example.com/pricing\n", ""),
			`t.yaml:21:5: missing source: add source: <https URL of the vendor's page for this number>`},
		{"third-party number without a check date", r("    as_of: 2026-09-20\n", "    third_party: https://tables.example.org/aws\n    third_party_name: A price table\n"), ""},
		{"third party without a name", r("    as_of: 2026-09-20\n", "    third_party: https://tables.example.org/aws\n"),
			`t.yaml:26:5: third_party needs third_party_name: the table's name, shown in the price table`},
		{"third party over http", r("    as_of: 2026-09-20\n", "    third_party: http://tables.example.org/aws\n    third_party_name: T\n"),
			`t.yaml:26:18: third_party "http://tables.example.org/aws" must use https`},
		{"a name without the table", r("    as_of: 2026-09-20\n", "    as_of: 2026-09-20\n    third_party_name: T\n"),
			`t.yaml:27:5: third_party_name without third_party: add third_party: <https URL of the table>`},
		{"bad date", r("2026-09-20", "2026-13-01"),
			`t.yaml:26:12: as_of "2026-13-01" is not a valid date: write YYYY-MM-DD, e.g. 2026-09-20`},
		{"date in words", r("2026-09-20", "September 2026"),
			`t.yaml:26:12: as_of "September 2026" is not a valid date: write YYYY-MM-DD, e.g. 2026-09-20`},
		{"missing date", r("    as_of: 2026-09-20\n", ""),
			"t.yaml:21:5: missing as_of: add as_of: <YYYY-MM-DD, the date you checked the number on the vendor's page>, or third_party: <https URL of the table it came from> if you could not check it"},
		{"convention needs no source", r("    source: https://example.com/pricing\n    as_of: 2026-09-20\n", "    kind: convention\n"), ""},
		{"unknown kind", r("    source: https", "    kind: prise\n    source: https"),
			`t.yaml:25:11: unknown kind "prise": did you mean "price"?`},
		{"missing unit", r("    unit: USD per request\n", ""),
			`t.yaml:21:5: missing unit: add unit: <e.g. USD per GB>`},
		{"duplicate choice value", r("{label: arm, value: 1}", "{label: arm, value: 0}"),
			`t.yaml:15:29: value 0 is already used by choice "x86": each choice needs its own value`},
		{"default not a choice", r("    default: 0\n    choices", "    default: 2\n    choices"),
			`t.yaml:12:14: default 2 is not the value of any choice`},
		{"one choice", r("      - {label: arm, value: 1}\n", ""),
			`t.yaml:13:5: a choice input needs 2 to 20 choices, got 1`},
		{"min on a choice", r("    type: choice\n", "    type: choice\n    min: 0\n"),
			`t.yaml:12:5: min applies to number inputs only: remove it from this choice input`},
		{"toggle default", r("    type: toggle\n    default: 0", "    type: toggle\n    default: 2"),
			`t.yaml:19:14: a toggle's default is 0 (off) or 1 (on), got 2`},
		{"toggle in arithmetic", r("if(free, 0, 1)", "free"),
			`t.yaml:30:28: "*" needs a number here, got a true/false value; use if(condition, a, b) to turn a condition into a number`},
		{"chart x not a number input", r("    x: rps", "    x: arch"),
			`t.yaml:38:8: x must name a number input, got "arch": the number inputs are rps`},
		{"chart series unknown", r("[cost, flat]", "[cost, flt]"),
			`t.yaml:41:20: series "flt" is not an output: did you mean "flat"?`},
		{"chart range", r("    to: 100", "    to: 0"),
			`t.yaml:40:9: to (0) must be greater than from (0)`},
		{"chart outside the input", r("    to: 100", "    to: 500"),
			`t.yaml:40:9: to 500 is outside the range of input "rps": it must be at most 100`},
		{"chart points", r("    to: 100", "    to: 100\n    points: 1000"),
			`t.yaml:41:13: points must be 2 to 201, got 1000`},
		{"chart mixed formats", r("    format: currency\ncharts", "    format: number\ncharts"),
			`t.yaml:41:20: series "flat" has format number but the chart's first series has currency: plot outputs of one format`},
		{"id differs from the file", "id: other\n" + full,
			`t.yaml:1:5: id "other" differs from the file name "t": remove the id or rename the file`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := ParseFile("t.yaml", []byte(tt.src))
			if got := diags.Error(); got != tt.want {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// A fenced block reports positions in the page: lines shifted by the
// block's first line.
func TestParseBlockPositions(t *testing.T) {
	page := "content/guide.md"
	src := "id: quick\n" + strings.Replace(base, "a * 2", "a * c", 1)
	_, diags := ParseBlock(page, []byte(src), 20)
	if got, want := diags.Error(), `content/guide.md:31:18: unknown name "c": did you mean "a"?`; got != want {
		t.Errorf("block diagnostics = %s, want %s", got, want)
	}
	_, diags = ParseBlock(page, []byte(base), 20)
	if got, want := diags.Error(), "content/guide.md:20:1: a calculator block needs an id: add id: <name> (lower-case letters, digits and hyphens)"; got != want {
		t.Errorf("block without id = %s, want %s", got, want)
	}
	_, diags = ParseBlock(page, []byte("id: Not_OK\n"+base), 20)
	if got, want := diags.Error(), `content/guide.md:20:5: invalid id "Not_OK": use lower-case letters, digits and hyphens (at most 64), e.g. network-tax`; got != want {
		t.Errorf("block with a bad id = %s, want %s", got, want)
	}
	c, diags := ParseBlock(page, []byte("id: quick\n"+base), 20)
	if len(diags) > 0 || c.ID != "quick" {
		t.Errorf("valid block: id %v, diagnostics %v", c, diags)
	}
}

func TestFileNameMustBeAnID(t *testing.T) {
	_, diags := ParseFile("content/calculators/Bad Name.yaml", []byte(base))
	want := `content/calculators/Bad Name.yaml:1:1: calculator file name "Bad Name" is not a valid id: use lower-case letters, digits and hyphens, e.g. network-tax.yaml`
	if diags.Error() != want {
		t.Errorf("got %s, want %s", diags.Error(), want)
	}
}

func TestTooLarge(t *testing.T) {
	src := base + "description: " + strings.Repeat("x", MaxSourceSize) + "\n"
	_, diags := ParseFile("t.yaml", []byte(src))
	if !strings.Contains(diags.Error(), "t.yaml:1:1: calculator definition is too large") {
		t.Errorf("got %s", diags.Error())
	}
}

// Schema feeds CONTRIBUTING.md: every key is documented, and the required
// ones say so.
func TestSchemaIsDocumented(t *testing.T) {
	sections := Schema()
	if len(sections) != 6 {
		t.Fatalf("Schema has %d sections, want 6", len(sections))
	}
	required := map[string]bool{}
	for _, s := range sections {
		for _, f := range s.Fields {
			if f.Key == "" || f.Doc == "" || f.Type == "" {
				t.Errorf("%s: undocumented field %+v", s.Name, f)
			}
			if f.Required {
				required[s.Name+"."+f.Key] = true
			}
		}
	}
	for _, k := range []string{"calculator.title", "inputs[].name", "constants[].unit", "outputs[].formula", "charts[].series"} {
		if !required[k] {
			t.Errorf("%s is not marked required", k)
		}
	}
}
