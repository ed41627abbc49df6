package highlight

import (
	"bytes"
	"fmt"
	"strings"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
)

// StyleExists reports whether chroma has a style called name.
func StyleExists(name string) bool {
	_, ok := styles.Registry[name]
	return ok
}

// The theme switch (theme.js) sets data-theme="light" or "dark" on <html>
// when the reader chooses a theme; without it the system setting applies.
const (
	autoDark   = `:root:not([data-theme="light"])`
	chosenDark = `:root[data-theme="dark"]`
)

// Stylesheet returns the CSS for code blocks: the light style's rules, then
// the dark style's twice: under @media (prefers-color-scheme: dark) unless
// the reader chose the light theme, and for the dark theme when chosen. So
// code follows the page's scheme like the rest of the site.
func Stylesheet(light, dark string) ([]byte, error) {
	var b, d bytes.Buffer
	b.WriteString("/* Code highlighting, generated from the chroma styles " + light + " and " + dark + ". */\n")
	if err := writeStyle(&b, light); err != nil {
		return nil, err
	}
	if err := writeStyle(&d, dark); err != nil {
		return nil, err
	}
	b.WriteString("@media (prefers-color-scheme: dark) {\n")
	b.WriteString(scope(d.String(), autoDark))
	b.WriteString("}\n")
	b.WriteString(scope(d.String(), chosenDark))
	return b.Bytes(), nil
}

func writeStyle(b *bytes.Buffer, name string) error {
	if !StyleExists(name) {
		return fmt.Errorf("unknown highlight style %q: see https://xyproto.github.io/splash/docs/ for the names", name)
	}
	f := chromahtml.New(chromahtml.WithClasses(true), chromahtml.WithCSSComments(false))
	return f.WriteCSS(b, styles.Get(name))
}

// scope puts prefix before every selector of css, which chroma writes one
// rule to a line ("sel, sel { decls }").
func scope(css, prefix string) string {
	var b strings.Builder
	for line := range strings.Lines(css) {
		sel, rest, ok := strings.Cut(line, "{")
		if !ok || strings.TrimSpace(sel) == "" {
			b.WriteString(line)
			continue
		}
		parts := strings.Split(sel, ",")
		for i, p := range parts {
			parts[i] = prefix + " " + strings.TrimSpace(p)
		}
		b.WriteString(strings.Join(parts, ", ") + " {" + rest)
	}
	return b.String()
}
