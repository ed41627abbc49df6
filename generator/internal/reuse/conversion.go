package reuse

import (
	"errors"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
	"github.com/tradeoffs/tradeoffs/generator/internal/markdown"
	"github.com/tradeoffs/tradeoffs/generator/internal/wire"
)

// Conversion is what is kept of a page's converted markdown: the result
// (all of it but the code left plain, which a build that keeps
// conversions does not leave), and what it depended on beyond the page's
// file and the settings, which its user checks before using it.
type Conversion struct {
	Result *markdown.Result
	// Definitions is the key of the calculators and shared figures the
	// page embedded, if it embedded any.
	Definitions [32]byte
	// Rewrites are the page's relative links and what they resolved to.
	Rewrites []Rewrite
	// Extras are the files the conversion wrote beside the page (diagrams).
	Extras []File
}

// Rewrite is a relative link and the URL it resolved to.
type Rewrite struct{ Dest, Href string }

// File is a file of the output.
type File struct {
	Path string
	Data []byte
}

// errDecode is what DecodeConversion returns for bytes it cannot read.
var errDecode = errors.New("reuse: a kept conversion does not decode")

// Encode returns c as bytes for a Store.
func (c *Conversion) Encode() []byte {
	var e wire.Buf
	e.Raw(c.Definitions[:])
	e.Int(len(c.Rewrites))
	for _, rw := range c.Rewrites {
		e.Str(rw.Dest)
		e.Str(rw.Href)
	}
	e.Int(len(c.Extras))
	for _, x := range c.Extras {
		e.Str(x.Path)
		e.Bytes(x.Data)
	}
	writeResult(&e, c.Result)
	return e
}

// DecodeConversion reads what Encode wrote. The result shares no byte
// with b.
func DecodeConversion(b []byte) (*Conversion, error) {
	d := wire.NewReader(b)
	c := &Conversion{}
	copy(c.Definitions[:], d.Fixed(32))
	if n := d.Len(); n > 0 {
		c.Rewrites = make([]Rewrite, n)
		for i := range c.Rewrites {
			c.Rewrites[i] = Rewrite{d.Str(), d.Str()}
		}
	}
	if n := d.Len(); n > 0 {
		c.Extras = make([]File, n)
		for i := range c.Extras {
			c.Extras[i] = File{d.Str(), clone(d.Bytes())}
		}
	}
	c.Result = readResult(d)
	if !d.Done() {
		return nil, errDecode
	}
	return c, nil
}

func clone(b []byte) []byte { return append([]byte(nil), b...) }

func writeResult(e *wire.Buf, r *markdown.Result) {
	e.Bytes(r.HTML)
	e.Int(len(r.Headings))
	for _, h := range r.Headings {
		e.Varint(int64(h.Level))
		e.Str(h.ID)
		e.Str(h.Text)
		writePos(e, h.Pos)
	}
	writeTOC(e, r.TOC)
	e.Int(len(r.Links))
	for _, l := range r.Links {
		e.Str(l.Dest)
		e.Str(l.Href)
		e.Bool(l.Image)
		e.Bool(l.External)
		writePos(e, l.Pos)
	}
	e.Int(len(r.Blocks))
	for _, bl := range r.Blocks {
		e.Str(bl.Anchor)
		e.Str(bl.Heading)
		e.Varint(int64(bl.Level))
		e.Str(bl.Text)
		e.Str(bl.Code)
	}
	e.Varint(int64(r.Words))
	e.Str(r.Summary)
	e.Strs(r.Features)
	e.Int(len(r.Diags))
	for _, x := range r.Diags {
		writePos(e, x.Pos)
		e.Varint(int64(x.Severity))
		e.Str(x.Msg)
	}
}

func writeTOC(e *wire.Buf, entries []*markdown.TOCEntry) {
	e.Int(len(entries))
	for _, t := range entries {
		e.Varint(int64(t.Level))
		e.Str(t.ID)
		e.Str(t.Text)
		writeTOC(e, t.Children)
	}
}

func readResult(d *wire.Reader) *markdown.Result {
	r := &markdown.Result{HTML: clone(d.Bytes())}
	if n := d.Len(); n > 0 {
		r.Headings = make([]markdown.Heading, n)
		for i := range r.Headings {
			r.Headings[i] = markdown.Heading{Level: int(d.Varint()), ID: d.Str(), Text: d.Str(), Pos: readPos(d)}
		}
	}
	r.TOC = readTOC(d, 0)
	if n := d.Len(); n > 0 {
		r.Links = make([]markdown.Link, n)
		for i := range r.Links {
			r.Links[i] = markdown.Link{Dest: d.Str(), Href: d.Str(), Image: d.Bool(), External: d.Bool(), Pos: readPos(d)}
		}
	}
	if n := d.Len(); n > 0 {
		r.Blocks = make([]markdown.Block, n)
		for i := range r.Blocks {
			r.Blocks[i] = markdown.Block{Anchor: d.Str(), Heading: d.Str(), Level: int(d.Varint()), Text: d.Str(), Code: d.Str()}
		}
	}
	r.Words = int(d.Varint())
	r.Summary = d.Str()
	r.Features = d.Strs(false)
	if n := d.Len(); n > 0 {
		r.Diags = make(diag.List, n)
		for i := range r.Diags {
			r.Diags[i] = diag.Diagnostic{Pos: readPos(d), Severity: diag.Severity(d.Varint()), Msg: d.Str()}
		}
	}
	return r
}

func readTOC(d *wire.Reader, depth int) []*markdown.TOCEntry {
	n := d.Len()
	if n == 0 || depth > 16 {
		if n > 0 {
			d.Fail()
		}
		return nil
	}
	out := make([]*markdown.TOCEntry, n)
	for i := range out {
		out[i] = &markdown.TOCEntry{Level: int(d.Varint()), ID: d.Str(), Text: d.Str()}
		out[i].Children = readTOC(d, depth+1)
	}
	return out
}

func writePos(e *wire.Buf, p diag.Pos) {
	e.Str(p.File)
	e.Varint(int64(p.Line))
	e.Varint(int64(p.Col))
}

func readPos(d *wire.Reader) diag.Pos {
	return diag.Pos{File: d.Str(), Line: int(d.Varint()), Col: int(d.Varint())}
}
