package netlifyconf

import (
	"strings"

	"github.com/BurntSushi/toml"
)

// ImgSrc reads netlify.toml's text and returns the sources of the img-src
// directive of the Content-Security-Policy sent for "/*", and whether
// there is one. Keys this package does not know are ignored: the file is
// a site's own.
func ImgSrc(data []byte) ([]string, bool, error) {
	var c Config
	if _, err := toml.Decode(string(data), &c); err != nil {
		return nil, false, err
	}
	csp, ok := c.HeadersFor("/*")["Content-Security-Policy"]
	if !ok {
		return nil, false, nil
	}
	for _, d := range strings.Split(csp, ";") {
		f := strings.Fields(d)
		if len(f) > 0 && strings.EqualFold(f[0], "img-src") {
			return f[1:], true, nil
		}
	}
	return nil, false, nil
}
