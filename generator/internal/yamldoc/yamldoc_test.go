package yamldoc

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
)

type inner struct {
	URL  string `yaml:"url"`
	Note string `yaml:"note"`
}

type doc struct {
	Title string   `yaml:"title"`
	Year  int      `yaml:"year"`
	Tags  []string `yaml:"tags"`
	Items []inner  `yaml:"items"`
	Deep  struct {
		Min int `yaml:"min"`
	} `yaml:"deep"`
}

// TestDecodeReportsEveryBadValue checks that a document with several bad
// values reports each at its place in one run, and still decodes the good
// ones, which validation then sees.
func TestDecodeReportsEveryBadValue(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
		decoded   bool
		title     string // what Title holds after Decode
	}{
		{"good", "title: T\nyear: 2020\n", nil, true, "T"},
		{"empty", "", nil, true, ""},
		{"one bad key of one", "nope: 1\n", []string{
			`f.md:2:1: unknown field "nope": remove it or check its spelling (see CONTRIBUTING.md for the fields of this kind of page)`,
		}, true, ""},
		{"unknown keys, wrong types, nested and in lists", "title: T\nyear: soon\nextra: 1\ntags: [a, [b], c]\nitems:\n  - url: [x]\n    bad: 2\n  - note: fine\ndeep:\n  min: low\n", []string{
			`f.md:3:7: wrong type: year must be a whole number, not text`,
			`f.md:4:1: unknown field "extra": remove it or check its spelling (see CONTRIBUTING.md for the fields of this kind of page)`,
			`f.md:5:11: wrong type: tags[1] must be text, not a list`,
			`f.md:7:10: wrong type: items[0].url must be text, not a list`,
			`f.md:8:5: unknown field "bad": remove it or check its spelling (see CONTRIBUTING.md for the fields of this kind of page)`,
			`f.md:11:8: wrong type: deep.min must be a whole number, not text`,
		}, true, "T"},
		{"a mapping where a list goes", "title: T\ntags:\n  a: b\n", []string{
			`f.md:4:4: wrong type: a list is expected here, not a mapping (key: value lines)`,
		}, true, "T"},
		{"a syntax error stops decoding", "title: [T\nyear: x\n", []string{
			`f.md:3:1: invalid YAML: ',' or ']' must be specified`,
		}, false, ""},
		{"a list where the document goes", "- a\n- b\n", []string{
			`f.md:2:1: wrong type: a mapping (key: value lines) is expected here, not a list`,
		}, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v doc
			d, diags := Decode("f.md", []byte(tt.src), 2, &v)
			diags.Sort()
			var got []string
			for _, x := range diags {
				got = append(got, x.Error())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if d.Decoded() != tt.decoded {
				t.Errorf("Decoded() = %v, want %v", d.Decoded(), tt.decoded)
			}
			if v.Title != tt.title {
				t.Errorf("Title = %q, want %q", v.Title, tt.title)
			}
		})
	}
}

// TestDecodeKeepsDefaults checks that values left out keep what v held
// (a config's defaults), not a half-decoded value.
func TestDecodeKeepsDefaults(t *testing.T) {
	v := doc{Title: "default", Year: 1999}
	_, diags := Decode("f.yaml", []byte("year: soon\ntags: [a]\n"), 1, &v)
	if len(diags) != 1 || v.Title != "default" || v.Year != 1999 || !slices.Equal(v.Tags, []string{"a"}) {
		t.Errorf("got %+v, %v; want the defaults kept, tags decoded, one problem", v, diags)
	}
}

// TestUnreported checks that validation findings at a value already
// reported as bad, or at the key of what holds it, are dropped, and the
// others kept.
func TestUnreported(t *testing.T) {
	var v doc
	d, _ := Decode("f.md", []byte("title: T\nyear: soon\nitems:\n  - url: [x]\n"), 2, &v)
	l := diag.List{
		diag.Errorf(d.Value("year"), "year 0 is not plausible"),
		diag.Errorf(d.Key("items[0]"), "item has no url"),
		diag.Errorf(d.Value("items[0].url"), "url is empty"),
		diag.Errorf(d.Value("title"), "title is too short"),
		diag.Errorf(d.Key(""), "missing summary"),
	}
	got := d.Unreported(l).Error()
	want := "f.md:2:8: title is too short\nf.md:2:1: missing summary"
	if got != want {
		t.Errorf("Unreported:\n%s\nwant:\n%s", got, want)
	}
}

// FuzzDecode decodes any front matter: Decode must not panic or loop, must
// report at most maxErrors problems, each inside the document, and when it
// reports none the value decodes as the YAML library alone decodes it.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		"title: T\nyear: soon\nextra: 1\ntags: [a, [b], c]\n",
		"items:\n  - url: [x]\n    bad: 2\n  - note: fine\n",
		"deep: &d\n  min: x\nother: *d\n",
		"title: !!binary aGk=\n",
		"? [a]\n: b\n",
		"tags:\n  a: b\n",
		"- a\n- b\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		var v doc
		_, diags := Decode("f.md", src, 2, &v)
		if len(diags) > maxErrors {
			t.Fatalf("%d problems, more than %d", len(diags), maxErrors)
		}
		// The YAML library also ends a line at a lone "\r".
		lines := strings.Count(string(src), "\n") + strings.Count(string(src), "\r") + 2
		for _, x := range diags {
			if x.Pos.File != "f.md" || x.Pos.Line < 2 || x.Pos.Line > lines+1 || x.Msg == "" {
				t.Fatalf("problem %q is outside the document of %d lines", x.Error(), lines)
			}
		}
		if len(diags) == 0 {
			var w doc
			if err := yaml.UnmarshalWithOptions(src, &w, yaml.DisallowUnknownField(), yaml.Strict()); err == nil && !reflect.DeepEqual(v, w) {
				t.Fatalf("Decode gave %+v, the YAML library %+v", v, w)
			}
		}
	})
}
