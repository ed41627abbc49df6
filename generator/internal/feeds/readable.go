package feeds

import (
	"bytes"
	"net/url"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// Readable says how a page's HTML is made readable in a feed reader,
// which shows it away from the page, without the page's scripts or styles.
type Readable struct {
	// Base is the page's absolute URL: links and sources ("/patterns/x/",
	// "#fn:1", "diagram.png") are made absolute against it.
	Base string
	// Drop are classes of elements left out, with what they hold (a
	// heading's permalink, whose text is for screen readers).
	Drop []string
	// Link are attributes marking interactive elements (a calculator),
	// each replaced by a link to it on the page named by its first
	// heading.
	Link []string
}

// Also left out, with what they hold: elements marked hidden or
// aria-hidden (not shown, or decoration), scripts, styles and templates,
// and form controls, which do nothing without the page's scripts. Forms
// are unwrapped: their questions and guidance read as text.
var (
	dropped  = []string{"script", "style", "template", "noscript", "input", "select", "textarea", "button", "progress"}
	urlAttrs = []string{"href", "src", "poster", "cite"}
)

// HTML returns content made readable (see Readable). What is not left
// out, unwrapped or given an absolute URL is kept byte for byte.
func (r Readable) HTML(content string) string {
	base, err := url.Parse(r.Base)
	if err != nil || !base.IsAbs() {
		base = nil
	}
	c := &cleaner{r: r, base: base}
	c.out.Grow(len(content))
	z := html.NewTokenizer(strings.NewReader(content))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return c.out.String()
		}
		c.token(tt, z)
	}
}

// cleaner is the state of one HTML call.
type cleaner struct {
	r    Readable
	base *url.URL
	out  bytes.Buffer
	// skip is the element being left out, and depth how many elements of
	// its name are open inside it and it.
	skip  string
	depth int
	// widget is set while an interactive element is replaced: its id and
	// the text of its first heading, once read.
	widget  bool
	id      string
	heading []string
	inH     string // the heading being read
	named   bool
}

func (c *cleaner) token(tt html.TokenType, z *html.Tokenizer) {
	switch tt {
	case html.StartTagToken, html.SelfClosingTagToken:
		tok := z.Token()
		opens := tt == html.StartTagToken && !isVoid(tok.Data)
		switch {
		case c.skip != "":
			c.nested(tok, opens)
		case c.widgetOf(tok):
			c.widget, c.id, c.heading, c.named = true, attr(tok, "id"), nil, false
			c.start(tok.Data, opens)
		case c.drops(tok):
			c.start(tok.Data, opens)
		case tok.Data == "form":
		default:
			c.write(tok, z.Raw())
		}
	case html.EndTagToken:
		name, _ := z.TagName()
		switch {
		case c.skip != "":
			c.end(string(name))
		case string(name) == "form":
		default:
			c.out.Write(z.Raw())
		}
	case html.TextToken:
		if c.skip == "" {
			c.out.Write(z.Raw())
		} else if c.inH != "" {
			c.heading = append(c.heading, string(z.Text()))
		}
	case html.CommentToken, html.DoctypeToken:
	}
}

// start leaves out the element tok opens, and what it holds.
func (c *cleaner) start(name string, opens bool) {
	if opens {
		c.skip, c.depth = name, 1
	} else {
		c.endWidget()
	}
}

// nested notes an element opened inside the one left out.
func (c *cleaner) nested(tok html.Token, opens bool) {
	if opens && tok.Data == c.skip {
		c.depth++
	}
	if c.widget && !c.named && c.inH == "" && opens && len(tok.Data) == 2 && tok.Data[0] == 'h' && '1' <= tok.Data[1] && tok.Data[1] <= '6' {
		c.inH = tok.Data
	}
}

// end notes an element closed inside the one left out, or that one.
func (c *cleaner) end(name string) {
	if name == c.inH {
		c.inH, c.named = "", true
	}
	if name != c.skip {
		return
	}
	if c.depth--; c.depth == 0 {
		c.skip = ""
		c.endWidget()
	}
}

// endWidget writes the link that replaces an interactive element.
func (c *cleaner) endWidget() {
	if !c.widget {
		return
	}
	c.widget = false
	name := strings.Join(strings.Fields(strings.Join(c.heading, "")), " ")
	if name == "" {
		name = "Open it on the page"
	}
	href := "#" + c.id
	if c.id == "" {
		href = ""
	}
	c.out.WriteString("<p>Interactive on the page: ")
	c.write(html.Token{Type: html.StartTagToken, Data: "a", Attr: []html.Attribute{{Key: "href", Val: href}}}, nil)
	c.out.WriteString(html.EscapeString(name) + "</a></p>")
}

// write writes a start tag, its URLs made absolute; raw if none changed.
func (c *cleaner) write(tok html.Token, raw []byte) {
	changed := raw == nil
	for i, a := range tok.Attr {
		var v string
		switch {
		case c.base == nil || a.Namespace != "":
			continue
		case slices.Contains(urlAttrs, a.Key):
			v = resolve(c.base, a.Val)
		case a.Key == "srcset":
			v = resolveSrcset(c.base, a.Val)
		default:
			continue
		}
		if v != a.Val {
			tok.Attr[i].Val, changed = v, true
		}
	}
	if changed {
		c.out.WriteString(tok.String())
	} else {
		c.out.Write(raw)
	}
}

// drops reports whether tok opens an element left out.
func (c *cleaner) drops(tok html.Token) bool {
	if slices.Contains(dropped, tok.Data) {
		return true
	}
	for _, a := range tok.Attr {
		switch {
		case a.Key == "hidden", a.Key == "aria-hidden" && a.Val == "true":
			return true
		case a.Key == "class" && slices.ContainsFunc(strings.Fields(a.Val), func(cl string) bool { return slices.Contains(c.r.Drop, cl) }):
			return true
		}
	}
	return false
}

// widgetOf reports whether tok opens an interactive element.
func (c *cleaner) widgetOf(tok html.Token) bool {
	return slices.ContainsFunc(tok.Attr, func(a html.Attribute) bool { return slices.Contains(c.r.Link, a.Key) })
}

func attr(tok html.Token, key string) string {
	for _, a := range tok.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// isVoid reports the elements that have no end tag.
func isVoid(name string) bool {
	switch name {
	case "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr":
		return true
	}
	return false
}

// resolve makes ref absolute against base; a ref that does not parse is
// left as it is.
func resolve(base *url.URL, ref string) string {
	u, err := url.Parse(strings.TrimSpace(ref))
	if err != nil {
		return ref
	}
	return base.ResolveReference(u).String()
}

// resolveSrcset makes each URL of a srcset ("a.png 1x, b.png 2x") absolute.
func resolveSrcset(base *url.URL, set string) string {
	parts := strings.Split(set, ",")
	for i, p := range parts {
		f := strings.Fields(p)
		if len(f) == 0 {
			continue
		}
		f[0] = resolve(base, f[0])
		parts[i] = strings.Join(f, " ")
	}
	return strings.Join(parts, ", ")
}
