package highlight

import (
	"bytes"
	"fmt"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
)

// StyleExists reports whether chroma has a style called name.
func StyleExists(name string) bool {
	_, ok := styles.Registry[name]
	return ok
}

// Stylesheet returns the CSS for code blocks: the light style's rules, then
// the dark style's inside @media (prefers-color-scheme: dark), so code
// follows the reader's system setting like the rest of the site.
func Stylesheet(light, dark string) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("/* Code highlighting, generated from the chroma styles " + light + " and " + dark + ". */\n")
	if err := writeStyle(&b, light); err != nil {
		return nil, err
	}
	b.WriteString("@media (prefers-color-scheme: dark) {\n")
	if err := writeStyle(&b, dark); err != nil {
		return nil, err
	}
	b.WriteString("}\n")
	return b.Bytes(), nil
}

func writeStyle(b *bytes.Buffer, name string) error {
	if !StyleExists(name) {
		return fmt.Errorf("unknown highlight style %q: see https://xyproto.github.io/splash/docs/ for the names", name)
	}
	f := chromahtml.New(chromahtml.WithClasses(true), chromahtml.WithCSSComments(false))
	return f.WriteCSS(b, styles.Get(name))
}
