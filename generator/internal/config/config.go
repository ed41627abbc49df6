// Package config owns the site configuration: the optional file
// content/_site.yaml, its defaults, and its validation.
//
// Every key is optional, so a folder of markdown with no config builds. The
// file is YAML, like front matter, and decoded strictly: an unknown key is an
// error with its file:line:col.
//
// config imports csp, diag, yamldoc and the standard library.
package config

import (
	"errors"
	"io/fs"
	"net/url"
	"strconv"
	"strings"

	"github.com/tradeoffs/tradeoffs/generator/internal/csp"
	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
	"github.com/tradeoffs/tradeoffs/generator/internal/yamldoc"
)

// File is the path of the config file inside the site root.
const File = "content/_site.yaml"

// Config is the site configuration. The yaml names are the keys of
// content/_site.yaml.
type Config struct {
	// Title is the site's name, shown in the header and in feeds.
	Title string `yaml:"title"`
	// Description is the site's one-line description (home page meta, feed).
	Description string `yaml:"description"`
	// BaseURL is the absolute URL the site is published at, ending in "/".
	// Canonical links, the sitemap and the feed use it.
	BaseURL string `yaml:"base_url"`
	// Language is the BCP 47 language of the content ("en").
	Language string `yaml:"language"`
	// Author is the feed's author name.
	Author string `yaml:"author"`
	// Repo is the web URL of the source repository, for "Edit this page".
	Repo string `yaml:"repo"`
	// Branch is the repository branch that edit links point at.
	Branch string `yaml:"branch"`
	// UnsafeHTML passes raw HTML in markdown through to pages. Off by
	// default: content arrives by pull request and is untrusted.
	UnsafeHTML bool `yaml:"unsafe_html"`
	// TOC sets which heading levels the table of contents lists.
	TOC TOC `yaml:"toc"`
	// Highlight names the chroma styles of code blocks.
	Highlight Highlight `yaml:"highlight"`
	// Menu lists the header navigation links.
	Menu []MenuItem `yaml:"menu"`
	// MaxPageBytes is the largest markdown file accepted, so a runaway or
	// hostile file fails the build instead of exhausting it.
	MaxPageBytes int `yaml:"max_page_bytes"`
	// BrokenLinks is "error" (the default) or "warning": what a link to a
	// page or heading that does not exist is.
	BrokenLinks string `yaml:"broken_links"`
	// Sections sets options for a section (a folder at the top of
	// content/), by the name in its URL.
	Sections map[string]Section `yaml:"sections"`
	// ImgSrc lists the origins ("https://img.shields.io") that pages may
	// show remote images from: the Content-Security-Policy's img-src
	// allows them (serve sends it; netlify.toml must say the same). A
	// remote image from any other origin is a warning at build.
	ImgSrc []string `yaml:"img_src"`
}

// CSPImgSrc is the value of the img-src directive of the site's
// Content-Security-Policy (package csp owns it): the site itself, data:
// URLs and the origins of ImgSrc.
func (c *Config) CSPImgSrc() string {
	return strings.TrimPrefix(csp.Directive("img-src", c.ImgSrc...), "img-src ")
}

// ImageAllowed reports whether the site's Content-Security-Policy lets a
// page show the image at the absolute URL src.
func (c *Config) ImageAllowed(src string) bool {
	return csp.AllowsImage(src, c.BaseURL, c.ImgSrc...)
}

// Section holds the options of one section.
type Section struct {
	// SmartPunctuation, true unless set, shows straight quotes as curly
	// ones, "--" as an en dash and "..." as an ellipsis. A section of
	// technical notes, where "--flag" is a command's option, turns it off.
	SmartPunctuation *bool `yaml:"smart_punctuation"`
}

// PlainPunctuation reports whether section shows punctuation as written.
func (c *Config) PlainPunctuation(section string) bool {
	sp := c.Sections[section].SmartPunctuation
	return sp != nil && !*sp
}

// TOC bounds the heading levels of the table of contents.
type TOC struct {
	Min int `yaml:"min"`
	Max int `yaml:"max"`
}

// Highlight names chroma styles for light and dark mode.
type Highlight struct {
	Light string `yaml:"light"`
	Dark  string `yaml:"dark"`
}

// MenuItem is one header link.
type MenuItem struct {
	Title string `yaml:"title"`
	URL   string `yaml:"url"`
}

// Default returns the configuration used when the file sets nothing.
func Default() Config {
	return Config{
		Title:        "Knowledge base",
		BaseURL:      "http://localhost:1313/",
		Language:     "en",
		Branch:       "main",
		TOC:          TOC{Min: 2, Max: 3},
		Highlight:    Highlight{Light: "github", Dark: "github-dark"},
		MaxPageBytes: 1 << 20,
		BrokenLinks:  "error",
	}
}

// Load reads content/_site.yaml from fsys (if present) over the defaults and
// validates the result.
func Load(fsys fs.FS) (Config, diag.List) {
	cfg := Default()
	src, err := fs.ReadFile(fsys, File)
	if errors.Is(err, fs.ErrNotExist) {
		return cfg, nil
	}
	if err != nil {
		return cfg, diag.List{diag.Errorf(diag.Pos{File: File}, "cannot read the site config: %v", err)}
	}
	doc, diags := yamldoc.Decode(File, src, 1, &cfg)
	if !doc.Decoded() {
		return cfg, diags
	}
	return cfg, append(diags, doc.Unreported(cfg.validate(doc))...)
}

func (c *Config) validate(doc *yamldoc.Doc) diag.List {
	var l diag.List
	if u, err := url.Parse(c.BaseURL); err != nil || u.Scheme == "" || u.Host == "" {
		l.Errorf(doc.Value("base_url"), "base_url %q is not an absolute URL: write it as https://example.org/", c.BaseURL)
	} else if !strings.HasSuffix(c.BaseURL, "/") {
		c.BaseURL += "/"
	}
	if c.Repo != "" {
		if u, err := url.Parse(c.Repo); err != nil || u.Scheme != "https" {
			l.Errorf(doc.Value("repo"), "repo %q must be an https URL of the repository, such as https://github.com/org/site", c.Repo)
		}
	}
	if c.TOC.Min < 1 || c.TOC.Max > 6 || c.TOC.Min > c.TOC.Max {
		l.Errorf(doc.Value("toc"), "toc levels must satisfy 1 <= min <= max <= 6 (got min %d, max %d)", c.TOC.Min, c.TOC.Max)
	}
	if c.MaxPageBytes <= 0 {
		l.Errorf(doc.Value("max_page_bytes"), "max_page_bytes must be a positive number of bytes")
	}
	if c.BrokenLinks != "error" && c.BrokenLinks != "warning" {
		l.Errorf(doc.Value("broken_links"), `broken_links must be "error" or "warning", not %q`, c.BrokenLinks)
	}
	for i, o := range c.ImgSrc {
		if u, err := url.Parse(o); err != nil || u.Scheme != "https" || u.Host == "" || u.Path != "" || u.RawQuery != "" || u.User != nil || strings.ContainsAny(o, " ;'*") {
			l.Errorf(doc.Value(pathf("img_src", i)), "img_src %q is not an origin: write it as https://host, with no path (such as https://img.shields.io)", o)
		}
	}
	for i, m := range c.Menu {
		if m.Title == "" || m.URL == "" {
			l.Errorf(doc.Key(pathf("menu", i)), "menu item %d needs both a title and a url", i+1)
		} else if msg := linkProblem(m.URL); msg != "" {
			l.Errorf(doc.Value(pathf("menu", i)+".url"), "menu url %q %s", m.URL, msg)
		}
	}
	return l
}

// linkProblem returns why raw cannot be a link in the site's frame, or "".
// Only web and mail addresses and paths are links: any other scheme
// (javascript:, data:, vbscript:, file:) would run script or leave the
// site in a way no reader expects, and the page template would silently
// replace it with "#ZgotmplZ".
func linkProblem(raw string) string {
	u, err := url.Parse(raw)
	switch {
	case err != nil || strings.TrimSpace(raw) != raw:
		return "is not a valid URL: write an https:// address, a mailto: address, or a path on the site such as /about/"
	case u.Scheme == "http" || u.Scheme == "https":
		if u.Host == "" {
			return "has no host name: write it as https://example.org/page"
		}
	case u.Scheme == "mailto":
	case u.Scheme != "":
		return "uses the scheme " + u.Scheme + ":, which is not allowed: write an https:// address, a mailto: address, or a path on the site such as /about/"
	case u.Host != "":
		return "has no scheme: write it as https://" + strings.TrimPrefix(raw, "//")
	}
	return ""
}

func pathf(key string, i int) string { return key + "[" + strconv.Itoa(i) + "]" }

// EditURL returns the web URL that edits source (a path relative to the
// repository root), or "" when no repository is configured.
func (c *Config) EditURL(source string) string {
	if c.Repo == "" {
		return ""
	}
	return strings.TrimSuffix(c.Repo, "/") + "/edit/" + c.Branch + "/" + source
}
