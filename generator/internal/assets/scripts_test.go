package assets

import (
	"path"
	"strings"
	"testing"
	"testing/fstest"
)

func buildScripts(t *testing.T, scripts map[string]string) (*Bundle, error) {
	t.Helper()
	fsys := fstest.MapFS{"static/css/a.css": {Data: []byte("a{color:red}")}}
	for name, src := range scripts {
		fsys["static/js/"+name] = &fstest.MapFile{Data: []byte(src)}
	}
	return Build(fsys, "static", nil)
}

// A module imports the theme's other scripts by their plain names; the
// bundle names them by their fingerprinted ones, so the module's own name
// changes with what it imports.
func TestModulesImportFingerprintedScripts(t *testing.T) {
	scripts := map[string]string{
		"score.js":   "export function double(x) { return x * 2; }\n",
		"widget.js":  "import { double } from \"./score.js\";\nimport \"./effects.js\";\ndocument.title = String(double(2));\n",
		"effects.js": "export {};\ndocument.body.className = \"x\";\n",
		"plain.js":   "(function () { window.x = 1; })();\n",
	}
	b, err := buildScripts(t, scripts)
	if err != nil {
		t.Fatal(err)
	}
	for name, module := range map[string]bool{"js/score.js": true, "js/widget.js": true, "js/effects.js": true, "js/plain.js": false} {
		if b.Module(name) != module {
			t.Errorf("Module(%s) = %v, want %v", name, !module, module)
		}
	}
	widgetURL, _ := b.URL("js/widget.js")
	widget := string(b.Files()[strings.TrimPrefix(widgetURL, "/")])
	for _, dep := range []string{"js/score.js", "js/effects.js"} {
		u, _ := b.URL(dep)
		if !strings.Contains(widget, `"./`+path.Base(u)+`"`) {
			t.Errorf("widget.js does not import %s by its published name %s:\n%s", dep, u, widget)
		}
	}
	scripts["score.js"] = "export function double(x) { return x + x; }\n"
	b2, err := buildScripts(t, scripts)
	if err != nil {
		t.Fatal(err)
	}
	if u2, _ := b2.URL("js/widget.js"); u2 == widgetURL {
		t.Error("a script a module imports changed, and the module's published name did not")
	}
	p1, _ := b.URL("js/plain.js")
	p2, _ := b2.URL("js/plain.js")
	if p1 != p2 {
		t.Error("a script that imports nothing changed its name when another script changed")
	}
}

// A module that imports what the theme lacks, or itself through others,
// fails the build naming it.
func TestBrokenModulesAreErrors(t *testing.T) {
	for _, tt := range []struct {
		scripts map[string]string
		want    string
	}{
		{map[string]string{"a.js": "import { x } from \"./missing.js\";\n"}, `static/js/a.js: it imports "missing.js", which is not one of the theme's scripts`},
		{map[string]string{"a.js": "import { y } from \"./b.js\";\nexport const x = 1;\n", "b.js": "import { x } from \"./a.js\";\nexport const y = 2;\n"}, "a module cycle"},
	} {
		_, err := buildScripts(t, tt.scripts)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("error %v, want one saying %q", err, tt.want)
		}
	}
}
