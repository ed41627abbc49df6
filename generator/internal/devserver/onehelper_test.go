package devserver

import (
	"io/fs"
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/tradeoffs/tradeoffs/generator/internal/theme"
)

// TestHelpersWrittenOnce: a helper the theme's dom.js exports is written
// nowhere else, neither in the theme's scripts nor in live.js: they import
// it.
func TestHelpersWrittenOnce(t *testing.T) {
	_, dom, _ := Client()
	exported := regexp.MustCompile(`(?m)^export function (\w+)(\([^)]*\)) \{\n((?:  .*\n|\n)*?)\}`).FindAllSubmatch(dom, -1)
	if len(exported) == 0 {
		t.Fatal("dom.js exports no function")
	}
	scripts := map[string]string{"devserver/live.js": liveJS}
	names, _ := fs.Glob(theme.FS, "static/js/*.js")
	for _, name := range names {
		if path.Base(name) == "dom.js" {
			continue
		}
		b, _ := fs.ReadFile(theme.FS, name)
		scripts["theme/"+name] = string(b)
	}
	for _, e := range exported {
		name, params, body := string(e[1]), string(e[2]), squeeze(string(e[3]))
		// Any function with the same parameters and body, whatever its
		// name and indentation.
		again := regexp.MustCompile(`function \w+` + regexp.QuoteMeta(params) + ` \{\n((?:[ \t]*.*\n)*?)[ \t]*\}`)
		for file, src := range scripts {
			for _, m := range again.FindAllStringSubmatch(src, -1) {
				if squeeze(m[1]) == body {
					t.Errorf("%s writes dom.js's %s again: import it", file, name)
				}
			}
		}
	}
}

// squeeze drops each line's indentation.
func squeeze(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	return strings.Join(lines, "\n")
}
