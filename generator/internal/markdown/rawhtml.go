package markdown

import (
	"bytes"
	"fmt"
	"html"
	"regexp"
	"slices"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	nethtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
)

// Raw HTML in markdown is kept as GitHub keeps it: a safe subset of tags
// and attributes, every URL's scheme checked, and nothing that runs script
// or restyles the page (no event handlers, no style, no javascript: URLs,
// no script, style, iframe, form or object). bluemonday, the sanitiser
// Go programs use for user HTML, decides what is safe (htmlPolicy); this
// file feeds it one tag at a time, so that whatever it drops is reported
// at its file:line, naming the tag or attribute. Links and images in kept
// tags are resolved like markdown's (images/a.png from the page's folder)
// and recorded for the link check. Comments are dropped, as on GitHub.
//
// Tags left open are closed at the end of the page's content and a closing
// tag with no opening one is dropped, so content cannot unbalance the page
// around it (a stray </div> would end the layout's column).
//
// Options.UnsafeHTML keeps everything as written, for sites that want it;
// links are still resolved.

// attrFiltered is the attribute of a raw HTML node that holds what the
// filter kept, which the renderer writes in its place. The node stays
// raw HTML for the extensions that look at the tree after this one (the
// house rules do not count raw HTML as a section's content).
var attrFiltered = []byte("filtered")

// htmlPolicy is GitHub's allowlist, less what this site has no use for:
// https://github.com/gjtorikian/html-pipeline (SanitizationFilter) is
// where GitHub's is written down.
func htmlPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("h1", "h2", "h3", "h4", "h5", "h6", "br", "b", "i", "strong", "em", "pre", "code", "tt",
		"div", "ins", "del", "sup", "sub", "p", "ol", "ul", "li", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
		"caption", "blockquote", "dl", "dt", "dd", "kbd", "q", "samp", "var", "hr", "ruby", "rt", "rp", "s", "strike",
		"summary", "details", "figure", "figcaption", "abbr", "bdo", "cite", "dfn", "mark", "small", "span", "time",
		"wbr", "picture", "u")
	p.AllowAttrs("href").OnElements("a")
	p.AllowAttrs("name", "id").Matching(htmlID).OnElements("a")
	p.AllowAttrs("src", "alt").OnElements("img")
	p.AllowAttrs("srcset", "media", "type").OnElements("source")
	p.AllowAttrs("width", "height").Matching(htmlLength).OnElements("img", "source", "td", "th")
	p.AllowAttrs("align").Matching(htmlAlign).OnElements("img", "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "table", "caption")
	p.AllowAttrs("valign").Matching(htmlAlign).OnElements("td", "th", "tr")
	p.AllowAttrs("colspan", "rowspan").Matching(htmlNumber).OnElements("td", "th")
	p.AllowAttrs("start").Matching(htmlNumber).OnElements("ol")
	p.AllowAttrs("open").OnElements("details")
	p.AllowAttrs("datetime").OnElements("time", "ins", "del")
	p.AllowAttrs("cite").OnElements("blockquote", "q", "ins", "del")
	p.AllowAttrs("title", "lang", "dir").Globally()
	p.AllowElements("a", "img", "source")
	p.AllowURLSchemes("http", "https", "mailto")
	p.AllowRelativeURLs(true)
	p.RequireParseableURLs(true)
	return p
}

var (
	htmlID     = regexp.MustCompile(`^[\p{L}\p{N}_:.-]+$`)
	htmlLength = regexp.MustCompile(`^[0-9]+%?$`)
	htmlNumber = regexp.MustCompile(`^[0-9]+$`)
	htmlAlign  = regexp.MustCompile(`(?i)^(left|right|center|justify|top|middle|bottom|baseline)$`)
)

// skipContent are the elements whose content goes with them when they are
// dropped (bluemonday's list): what is inside a script is not text.
var skipContent = map[string]bool{"script": true, "style": true, "iframe": true, "object": true, "noscript": true,
	"noembed": true, "noframes": true, "frameset": true, "title": true, "template": true, "textarea": true, "xmp": true}

// rawHTML is the per-page state of the raw HTML filter.
type rawHTML struct {
	policy *bluemonday.Policy // nil: keep everything (UnsafeHTML)
	open   []string           // elements opened and not yet closed
	// dropped are elements whose start tag was dropped, for their end
	// tags to go quietly; skipping is one whose content goes with it.
	dropped  []string
	skipping string
}

// fragment is one piece of raw HTML with where each of its bytes is.
type fragment struct {
	text []byte
	// segs are the source offsets of text's parts: text[ends[i-1]:ends[i]]
	// starts at starts[i].
	starts, ends []int
}

func (f *fragment) add(src []byte, start, stop int) {
	f.text = append(f.text, src[start:stop]...)
	f.starts = append(f.starts, start)
	f.ends = append(f.ends, len(f.text))
}

// offset is the source offset of text[i].
func (f *fragment) offset(i int) int {
	for k, end := range f.ends {
		if i < end {
			base := 0
			if k > 0 {
				base = f.ends[k-1]
			}
			return f.starts[k] + i - base
		}
	}
	return f.starts[len(f.starts)-1]
}

// filterHTML returns the HTML to write for a fragment of raw HTML.
func (st *docState) filterHTML(f *fragment) []byte {
	var out bytes.Buffer
	z := nethtml.NewTokenizer(bytes.NewReader(f.text))
	off := 0
	for {
		tt := z.Next()
		if tt == nethtml.ErrorToken {
			return out.Bytes()
		}
		raw := z.Raw()
		pos := st.pos(f.offset(off))
		off += len(raw)
		if st.raw.policy == nil && (tt == nethtml.TextToken || tt == nethtml.CommentToken || tt == nethtml.DoctypeToken) {
			out.Write(raw) // as written, script included
			continue
		}
		tok := z.Token()
		switch {
		case st.raw.skipping != "":
			if tt == nethtml.EndTagToken && tok.Data == st.raw.skipping {
				st.raw.skipping = ""
			}
		case tt == nethtml.TextToken:
			out.WriteString(html.EscapeString(tok.Data))
		case tt == nethtml.StartTagToken, tt == nethtml.SelfClosingTagToken:
			kept, ok := st.startTag(tok, pos)
			switch {
			case ok:
			case skipContent[tok.Data] && tt == nethtml.StartTagToken:
				st.raw.skipping = tok.Data
			case tt == nethtml.StartTagToken:
				st.raw.dropped = append(st.raw.dropped, tok.Data)
			}
			if ok {
				out.WriteString(kept.String())
				if tt == nethtml.StartTagToken && !isVoid(tok.Data) {
					st.raw.open = append(st.raw.open, tok.Data)
				}
			}
		case tt == nethtml.EndTagToken:
			out.WriteString(st.endTag(tok.Data, pos))
		}
		// Comments and doctypes are dropped, as GitHub drops them.
	}
}

// startTag resolves a start tag's links and filters it. It reports false
// when the tag is dropped.
func (st *docState) startTag(tok nethtml.Token, pos diag.Pos) (nethtml.Token, bool) {
	links := st.rawLinks(&tok, pos)
	if st.raw.policy == nil {
		for _, l := range links {
			st.links = append(st.links, l.Link)
		}
		return tok, true
	}
	clean := st.raw.policy.Sanitize(tok.String())
	if clean == "" {
		if st.raw.policy.Sanitize("<"+tok.Data+` title="t">`) != "" {
			// The tag is allowed, but not without what was removed.
			for _, a := range tok.Attr {
				st.diags.Warnf(pos, "raw HTML: <%s> removed with its %s: %s", tok.Data, a.Key, droppedWhy(a))
			}
			if len(tok.Attr) == 0 {
				st.diags.Warnf(pos, "raw HTML: <%s> removed: none of its attributes could be kept", tok.Data)
			}
			return tok, false
		}
		what := "tag"
		if skipContent[tok.Data] {
			what = "tag and its content"
		}
		st.diags.Warnf(pos, "raw HTML: <%s> %s removed: only the HTML GitHub allows is kept (see CONTRIBUTING.md), or set unsafe_html: true in content/_site.yaml", tok.Data, what)
		return tok, false
	}
	z := nethtml.NewTokenizer(strings.NewReader(clean))
	z.Next()
	kept := z.Token()
	has := func(key string) bool {
		return slices.ContainsFunc(kept.Attr, func(k nethtml.Attribute) bool { return k.Key == key })
	}
	for _, a := range tok.Attr {
		if !has(a.Key) {
			st.diags.Warnf(pos, "raw HTML: %s removed from <%s>: %s", a.Key, tok.Data, droppedWhy(a))
		}
	}
	for _, l := range links {
		if has(l.attr) {
			st.links = append(st.links, l.Link)
		}
	}
	return kept, true
}

// droppedWhy says why an attribute was removed.
func droppedWhy(a nethtml.Attribute) string {
	switch {
	case strings.HasPrefix(a.Key, "on"):
		return "event handlers run script"
	case a.Key == "style":
		return "styles come from the site's stylesheets"
	case scheme(a.Val) != "" && !safeSchemes[scheme(a.Val)]:
		return fmt.Sprintf("a %s: URL", scheme(a.Val))
	case strings.ContainsAny(strings.TrimSpace(a.Val), " \t\n") && (a.Key == "href" || a.Key == "src"):
		return "the URL has spaces: write each as %20"
	}
	return "not among the attributes kept for this tag"
}

// endTag closes the element name if it is open, with any opened inside
// it; a closing tag with no opening one is dropped.
func (st *docState) endTag(name string, pos diag.Pos) string {
	i := slices.Index(st.raw.open, name)
	for j := len(st.raw.open) - 1; j > i; j-- {
		if st.raw.open[j] == name {
			i = j
			break
		}
	}
	if i < 0 {
		if k := slices.Index(st.raw.dropped, name); k >= 0 {
			st.raw.dropped = slices.Delete(st.raw.dropped, k, k+1)
			return ""
		}
		if st.raw.policy != nil && !isVoid(name) {
			st.diags.Warnf(pos, "raw HTML: </%s> removed: no <%s> is open here", name, name)
		}
		return ""
	}
	var b strings.Builder
	for j := len(st.raw.open) - 1; j >= i; j-- {
		b.WriteString("</" + st.raw.open[j] + ">")
	}
	st.raw.open = st.raw.open[:i]
	return b.String()
}

// closeOpen returns the closing tags of the elements still open.
func (st *docState) closeOpen() []byte {
	var b bytes.Buffer
	for j := len(st.raw.open) - 1; j >= 0; j-- {
		b.WriteString("</" + st.raw.open[j] + ">")
	}
	st.raw.open = nil
	return b.Bytes()
}

func isVoid(name string) bool {
	switch atom.Lookup([]byte(name)) {
	case atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img, atom.Input, atom.Link, atom.Meta, atom.Source, atom.Track, atom.Wbr:
		return true
	}
	return false
}

// attrLink is a link found in an attribute.
type attrLink struct {
	Link
	attr string
}

// rawLinks resolves the URLs of a tag (a href, img src, source srcset) as
// markdown links are, and returns them as links to record. bluemonday
// checks href and src, but keeps srcset as written: a srcset with a URL
// that is not the web's is dropped here.
func (st *docState) rawLinks(tok *nethtml.Token, pos diag.Pos) []attrLink {
	var out []attrLink
	attrs := tok.Attr[:0]
	for _, a := range tok.Attr {
		switch {
		case tok.Data == "a" && a.Key == "href", (tok.Data == "img" || tok.Data == "source") && a.Key == "src":
			l := st.resolve(a.Val, tok.Data != "a", pos)
			a.Val = l.Href
			out = append(out, attrLink{l, a.Key})
		case (tok.Data == "img" || tok.Data == "source") && a.Key == "srcset":
			links, val, ok := st.srcset(a.Val, pos)
			if !ok && st.raw.policy != nil {
				st.diags.Warnf(pos, "raw HTML: srcset removed from <%s>: its images must be files of the site or https URLs", tok.Data)
				continue
			}
			a.Val = val
			for _, l := range links {
				out = append(out, attrLink{l, a.Key})
			}
		}
		attrs = append(attrs, a)
	}
	tok.Attr = attrs
	return out
}

// srcset resolves each image of a srcset ("a.png 1x, b.png 2x"); ok is
// false if one has a URL scheme other than http or https.
func (st *docState) srcset(val string, pos diag.Pos) (links []Link, resolved string, ok bool) {
	var parts []string
	for _, cand := range strings.Split(val, ",") {
		fields := strings.Fields(cand)
		if len(fields) == 0 {
			continue
		}
		l := st.resolve(fields[0], true, pos)
		if s := scheme(l.Href); s != "" && s != "http" && s != "https" {
			return nil, "", false
		}
		fields[0] = l.Href
		parts = append(parts, strings.Join(fields, " "))
		links = append(links, l)
	}
	return links, strings.Join(parts, ", "), true
}

// resolve rewrites a destination as links in markdown are.
func (st *docState) resolve(dest string, image bool, pos diag.Pos) Link {
	dest = strings.TrimSpace(dest)
	l := Link{Dest: dest, Href: dest, Image: image, Pos: pos}
	switch s := scheme(dest); {
	case s != "":
		l.External = true
	case st.resolver != nil:
		l.Href = st.resolver.Rewrite(st.file, dest)
	}
	return l
}
