// Package netlifyconf owns reading netlify.toml, the deploy's configuration:
// the build commands, response headers, redirects and build plugins. Tests
// use it to keep the preview server, the generator and the repository in
// step with what Netlify does with the built site; the build reads a site's
// img-src from it (ImgSrc) to check it allows what img_src allows.
package netlifyconf

import (
	"fmt"
	"path/filepath"
	"slices"

	"github.com/BurntSushi/toml"
)

// File is the configuration's name at the repository's root.
const File = "netlify.toml"

// Config is the part of netlify.toml the repository uses.
type Config struct {
	Build struct {
		Command     string            `toml:"command"`
		Publish     string            `toml:"publish"`
		Environment map[string]string `toml:"environment"`
	} `toml:"build"`
	Context map[string]struct {
		Command string `toml:"command"`
	} `toml:"context"`
	Headers []struct {
		For    string            `toml:"for"`
		Values map[string]string `toml:"values"`
	} `toml:"headers"`
	Redirects []Redirect `toml:"redirects"`
	Plugins   []struct {
		Package string `toml:"package"`
	} `toml:"plugins"`
}

// Redirect is one [[redirects]] table.
type Redirect struct {
	From   string `toml:"from"`
	To     string `toml:"to"`
	Status int    `toml:"status"`
}

// Load reads netlify.toml in the folder root. Unknown keys are an error, so
// a table this package does not know about is noticed.
func Load(root string) (*Config, error) {
	var c Config
	md, err := toml.DecodeFile(filepath.Join(root, File), &c)
	if err != nil {
		return nil, err
	}
	if extra := md.Undecoded(); len(extra) > 0 {
		return nil, fmt.Errorf("%s: keys this package does not read: %v (add them to netlifyconf.Config)", File, extra)
	}
	return &c, nil
}

// HeadersFor returns the headers of the [[headers]] table for exactly the
// pattern given ("/*"), or nil.
func (c *Config) HeadersFor(pattern string) map[string]string {
	for _, h := range c.Headers {
		if h.For == pattern {
			return h.Values
		}
	}
	return nil
}

// Commands returns every build command: production's, then each context's
// in name order.
func (c *Config) Commands() []string {
	out := []string{c.Build.Command}
	names := make([]string, 0, len(c.Context))
	for name := range c.Context {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if cmd := c.Context[name].Command; cmd != "" {
			out = append(out, cmd)
		}
	}
	return out
}
