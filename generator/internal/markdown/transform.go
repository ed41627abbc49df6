package markdown

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
	"github.com/tradeoffs/tradeoffs/generator/internal/highlight"
)

// transformer does the per-document work after parsing: it records headings
// and links, rewrites and vets link destinations, highlights code, renders
// widgets, and extracts the text for search.
type transformer struct {
	hl        *highlight.Highlighter
	embedders map[string]Embedder
	plain     bool               // code is escaped, not highlighted (Options.PlainCode)
	policy    *bluemonday.Policy // what raw HTML keeps; nil keeps it all (Options.UnsafeHTML)
}

// edit is a change to the tree applied after the walk, so the walk never
// sees a tree changing under it.
type edit func()

func (t *transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(stateKey).(*docState)
	if st == nil {
		st = &docState{file: "(markdown)", bodyLine: 1, features: map[string]bool{}}
		st.lines = diag.NewLines(st.file, reader.Source())
	}
	src := reader.Source()
	var edits []edit
	st.raw = rawHTML{policy: t.policy}
	st.level = 2 // below the page's own h1
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.Type() == ast.TypeBlock {
			st.raw.skipping = "" // the content of a dropped <script> ends with its paragraph
		} else if _, isRaw := n.(*ast.RawHTML); !isRaw && st.raw.skipping != "" {
			edits = append(edits, remove(n))
			return ast.WalkSkipChildren, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			if st.isTitle(n, doc) {
				edits = append(edits, replace(n, titleAnchor(n)))
				return ast.WalkSkipChildren, nil
			}
			st.headings = append(st.headings, heading(n, src, st))
			st.level = min(n.Level+1, 6)
		case *ast.Link:
			edits = append(edits, st.link(n, n.Destination, false, src)...)
		case *ast.Image:
			edits = append(edits, st.link(n, n.Destination, true, src)...)
			n.SetAttributeString("loading", []byte("lazy"))
			n.SetAttributeString("decoding", []byte("async"))
		case *ast.AutoLink:
			edits = append(edits, st.autoLink(n, src)...)
		case *ast.HTMLBlock:
			n.SetAttribute(attrFiltered, st.filterHTML(htmlBlock(n, src)))
		case *ast.RawHTML:
			f := &fragment{}
			for i := 0; i < n.Segments.Len(); i++ {
				seg := n.Segments.At(i)
				f.add(src, seg.Start, seg.Stop)
			}
			n.SetAttribute(attrFiltered, st.filterHTML(f))
		case *ast.FencedCodeBlock:
			edits = append(edits, t.fence(n, src, st))
			return ast.WalkSkipChildren, nil
		case *directive:
			edits = append(edits, t.directive(n, st))
		case *extast.TableCell:
			if n.Alignment != extast.AlignNone {
				n.SetAttributeString("class", []byte("align-"+n.Alignment.String()))
			}
		case *ast.Paragraph:
			st.checkStrayDirective(n, src)
		case *extast.FootnoteLink:
			if _, ok := n.PreviousSibling().(*extast.FootnoteLink); ok {
				edits = append(edits, func() { n.Parent().InsertBefore(n.Parent(), n, &footnoteSep{}) })
			}
		}
		return ast.WalkContinue, nil
	})
	for _, e := range edits {
		e()
	}
	if closing := st.closeOpen(); len(closing) > 0 {
		// Raw HTML still, for what looks at the tree after this.
		end := ast.NewHTMLBlock(ast.HTMLBlockType7)
		end.SetAttribute(attrFiltered, closing)
		doc.AppendChild(doc, end)
	}
	st.extractText(doc, src)
}

func heading(n *ast.Heading, src []byte, st *docState) Heading {
	h := Heading{Level: n.Level, Text: plainText(n, src)}
	if id, ok := n.AttributeString("id"); ok {
		if b, ok := id.([]byte); ok {
			h.ID = string(b)
		}
	}
	if n.Lines().Len() > 0 {
		h.Pos = st.lineStart(n.Lines().At(0).Start)
	}
	return h
}

// htmlBlock is the raw HTML of a block, its closing line included.
func htmlBlock(n *ast.HTMLBlock, src []byte) *fragment {
	f := &fragment{}
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		f.add(src, seg.Start, seg.Stop)
	}
	if n.HasClosure() {
		f.add(src, n.ClosureLine.Start, n.ClosureLine.Stop)
	}
	return f
}

// isTitle reports whether n is the heading the page's title was taken from.
func (st *docState) isTitle(n *ast.Heading, doc *ast.Document) bool {
	return st.titleLine > 0 && n.Level == 1 && n.Parent() == doc && n.Lines().Len() > 0 &&
		st.lineStart(n.Lines().At(0).Start).Line == st.titleLine
}

// titleAnchor keeps the id of the title's heading, which the page's own
// title replaces, so that links to it still land at the top.
func titleAnchor(n *ast.Heading) ast.Node {
	id, _ := explicitID(n)
	if len(id) == 0 {
		return &embedded{}
	}
	return &embedded{HTML: []byte(`<span id="` + escape(string(id)) + `"></span>`)}
}

// replace returns an edit that puts repl where old is.
func replace(old, repl ast.Node) edit {
	return func() {
		if p := old.Parent(); p != nil {
			p.ReplaceChild(p, old, repl)
		}
	}
}

// remove returns an edit that takes n out of the tree.
func remove(n ast.Node) edit {
	return func() {
		if p := n.Parent(); p != nil {
			p.RemoveChild(p, n)
		}
	}
}

// unwrap returns an edit that removes n but keeps its children in place.
func unwrap(n ast.Node) edit {
	return func() {
		p := n.Parent()
		if p == nil {
			return
		}
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			p.InsertBefore(p, n, c)
			c = next
		}
		p.RemoveChild(p, n)
	}
}

// fence highlights a code block, or hands it to the embedder of its language.
func (t *transformer) fence(n *ast.FencedCodeBlock, src []byte, st *docState) edit {
	var infoText string
	fencePos := st.pos(n.Pos())
	if n.Info != nil {
		infoText = string(n.Info.Segment.Value(src))
		fencePos = st.lineStart(n.Info.Segment.Start)
	} else if n.Lines().Len() > 0 {
		fencePos = st.lineStart(n.Lines().At(0).Start)
		fencePos.Line--
	}
	info, err := ParseInfo(infoText)
	if err != nil {
		p := fencePos
		if ie, ok := err.(*InfoError); ok && n.Info != nil {
			p = st.pos(n.Info.Segment.Start + ie.Off)
		}
		st.diags.Errorf(p, "code block options: %v", err)
	}
	var code bytes.Buffer
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		code.Write(seg.Value(src))
	}
	if e, ok := t.embedders[info.Lang]; ok {
		return t.embed(n, e, Embed{Kind: info.Lang, Attrs: info.Attrs, Body: code.Bytes(), Pos: fencePos, BodyLine: fencePos.Line + 1}, st)
	}
	if info.Lang == "mermaid" {
		st.diags.Warnf(fencePos, "mermaid diagram not drawn: the page shows its source; this site draws diagrams written in D2 (a ```d2 block) when it builds")
		return replace(n, &embedded{HTML: mermaidSource(code.String()), Code: code.String()})
	}
	opts, title := codeOptions(info, fencePos, n.Lines().Len(), st)
	var html []byte
	if t.plain {
		html = highlight.Plain(info.Lang, code.String())
		st.code = append(st.code, highlight.Block{Lang: info.Lang, Code: code.String(), Options: opts})
	} else {
		html = t.hl.Highlight(info.Lang, code.String(), opts)
	}
	if title != "" {
		html = titled(title, html)
	}
	st.features["code"] = true
	return replace(n, &embedded{HTML: html, Code: code.String()})
}

func (t *transformer) embed(n ast.Node, e Embedder, em Embed, st *docState) edit {
	em.Source = st.file
	em.Level = st.level
	html, diags := e.Embed(em)
	st.diags.Append(diags)
	st.features[em.Kind] = true
	return replace(n, &embedded{HTML: html})
}

func (t *transformer) directive(n *directive, st *docState) edit {
	pos := st.lineStart(n.Lines().At(0).Start)
	e, ok := t.embedders[n.Name]
	if !ok {
		st.diags.Errorf(pos, "unknown widget ::%s: the widgets are %s", n.Name, strings.Join(sortedKeys(knownNames(t.embedders)), ", "))
		return replace(n, &embedded{})
	}
	var attrs []Attr
	if n.Attrs != "" {
		info, err := ParseInfo("x " + n.Attrs)
		if err != nil {
			st.diags.Errorf(pos, "::%s attributes: %v", n.Name, err)
		}
		attrs = info.Attrs
	}
	return t.embed(n, e, Embed{Kind: n.Name, Arg: strings.TrimSpace(n.Arg), Attrs: attrs, Pos: pos}, st)
}

func knownNames(m map[string]Embedder) map[string]bool {
	out := map[string]bool{}
	for k := range m {
		out[k] = true
	}
	if len(out) == 0 {
		out["(none)"] = true
	}
	return out
}

// codeOptions reads the highlighting options of a fence's info string.
func codeOptions(info Info, pos diag.Pos, lines int, st *docState) (highlight.Options, string) {
	var o highlight.Options
	var title string
	for _, a := range info.Attrs {
		switch a.Key {
		case "linenos":
			o.LineNumbers = a.Value != "false"
		case "linenostart":
			n, err := strconv.Atoi(a.Value)
			if err != nil || n < 0 {
				st.diags.Errorf(pos, "linenostart must be a whole number, not %q", a.Value)
			}
			o.LineStart = n
		case "hl_lines":
			items := a.Items
			if !a.List {
				items = strings.Fields(a.Value)
			}
			r, err := LineRanges(items)
			if err != nil {
				st.diags.Errorf(pos, "hl_lines: %v", err)
			}
			for _, rg := range r {
				if rg[1] > lines {
					st.diags.Warnf(pos, "hl_lines: line %d is past the end of the block (%d lines)", rg[1], lines)
				}
			}
			o.Lines = r
		case "title":
			title = a.Value
		default:
			st.diags.Warnf(pos, "unknown code block option %q: the options are hl_lines, linenos, linenostart, title", a.Key)
		}
	}
	return o, title
}

// mermaidSource shows a Mermaid diagram the site cannot draw as what it is:
// its source, captioned.
func mermaidSource(code string) []byte {
	return []byte(`<figure class="diagram diagram-source"><figcaption>Diagram (Mermaid source, not drawn)</figcaption><pre><code class="language-mermaid">` +
		escape(code) + `</code></pre></figure>`)
}

// titled wraps highlighted code in a figure captioned with title (a file
// name, usually).
func titled(title string, code []byte) []byte {
	var b bytes.Buffer
	b.WriteString(`<figure class="code-figure"><figcaption>`)
	b.WriteString(escape(title))
	b.WriteString(`</figcaption>`)
	b.Write(code)
	b.WriteString(`</figure>`)
	return b.Bytes()
}

func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}

// checkStrayDirective warns about paragraphs that look like a widget line
// but did not parse as one, such as "::calculator[x" or "::Calculator[x]".
func (st *docState) checkStrayDirective(n *ast.Paragraph, src []byte) {
	if n.Lines().Len() == 0 {
		return
	}
	seg := n.Lines().At(0)
	line := seg.Value(src)
	if bytes.HasPrefix(line, []byte("::")) && len(line) > 2 && line[2] != ':' && line[2] != ' ' {
		st.diags.Warnf(st.lineStart(seg.Start), "this line looks like a widget but is not one: write ::name[argument] alone on its line, e.g. ::calculator[serverless-vs-containers]")
	}
}
