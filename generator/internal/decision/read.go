package decision

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
)

// Format is how a record is written, recognised from its headings.
type Format string

// The formats.
const (
	MADR   Format = "madr"
	Nygard Format = "nygard"
)

// Name is the format as messages and pages name it.
func (f Format) Name() string {
	switch f {
	case MADR:
		return "MADR"
	case Nygard:
		return "Nygard's format"
	}
	return ""
}

// Value is a value as written in the text, and where.
type Value struct {
	Text string
	Pos  diag.Pos
}

// Ref is a record another one names: a file name ("0001-use-x.md"), a
// number ("ADR-0001", "1"), a slug or a URL.
type Ref struct {
	Target string
	Pos    diag.Pos
}

// Record is what a record's text says about it.
type Record struct {
	Format Format
	// Title is the first "#" heading before any "##", without its number.
	Title Value
	// Number is the number before the title ("# 1. Title"), or 0.
	Number int
	// Status is read from Nygard's Status section or a "Status:" line;
	// StatusAt is the status as written.
	Status   Status
	StatusAt Value
	// Date is a "Date:" line's value, as written.
	Date                          Value
	Deciders, Consulted, Informed []string
	Supersedes, SupersededBy      []Ref
	// Summary is the first paragraph of the context section, as text.
	Summary string
}

// mdParser parses records; goldmark's parser keeps no state between
// documents, so one serves every goroutine.
var mdParser = goldmark.New().Parser()

// Read reads a record's markdown, src, which starts at line bodyLine of
// file. It reports statuses it cannot read, and a value given twice.
func Read(file string, src []byte, bodyLine int) (Record, diag.List) {
	r := &reader{src: src, lines: diag.NewLines(file, src), bodyLine: max(bodyLine, 1)}
	doc := mdParser.Parse(text.NewReader(src))
	var headings []string
	section, preamble := "", true
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok {
			switch {
			case h.Level == 1 && preamble && r.rec.Title.Text == "":
				r.title(h)
			case h.Level == 2:
				preamble = false
				section = norm(plain(h, src))
				headings = append(headings, section)
			}
			continue
		}
		switch {
		case preamble:
			r.meta(n)
		case section == "status":
			r.statusSection(n)
		case section == "links":
			r.linksSection(n)
		case isContext(section) && r.rec.Summary == "" && n.Kind() == ast.KindParagraph:
			r.rec.Summary = plain(n, src)
		}
	}
	r.rec.Format = detect(headings)
	return r.rec, r.diags
}

type reader struct {
	src      []byte
	lines    *diag.Lines
	bodyLine int
	rec      Record
	diags    diag.List
}

func (r *reader) pos(off int) diag.Pos {
	p := r.lines.Pos(off)
	p.Line += r.bodyLine - 1
	return p
}

var numbered = regexp.MustCompile(`^(?i)(?:adr[-_ ]?)?0*(\d{1,9})(?:[.:]|\s+[-–—:])\s*(\S.*)$`)

func (r *reader) title(h *ast.Heading) {
	t := plain(h, r.src)
	if m := numbered.FindStringSubmatch(t); m != nil {
		r.rec.Number, _ = strconv.Atoi(m[1])
		t = m[2]
	}
	p := r.pos(blockStart(h))
	p.Col = 1
	r.rec.Title = Value{t, p}
}

// meta reads the "Key: value" lines of a paragraph or list under the title.
func (r *reader) meta(n ast.Node) {
	eachLine(n, r.src, func(line string, off int) {
		key, value, at, ok := metaLine(line)
		if !ok {
			return
		}
		v := Value{value, r.pos(off + at)}
		switch key {
		case "status":
			st, by, ok := ParseStatus(value)
			if !ok {
				r.diags.Errorf(v.Pos, "status %q is not one of %s: write one of them, e.g. \"Status: accepted\"", excerpt(value), StatusList())
				return
			}
			r.setStatus(st, by, v)
		case "date":
			if r.rec.Date.Text != "" {
				r.diags.Errorf(v.Pos, "a second date: the record's date is already given at line %d; keep one", r.rec.Date.Pos.Line)
				return
			}
			r.rec.Date = v
		case "deciders", "decision-makers", "decision makers":
			r.rec.Deciders = append(r.rec.Deciders, People(value)...)
		case "consulted":
			r.rec.Consulted = append(r.rec.Consulted, People(value)...)
		case "informed":
			r.rec.Informed = append(r.rec.Informed, People(value)...)
		}
	})
}

// statusSection reads Nygard's Status section: the status, and the
// supersede links adr-tools writes under it. Other relations ("Amended
// by [...]") stay text.
func (r *reader) statusSection(n ast.Node) {
	eachLine(n, r.src, func(line string, off int) {
		trimmed := strings.TrimSpace(comment.ReplaceAllString(line, ""))
		if trimmed == "" {
			return
		}
		v := Value{trimmed, r.pos(off + strings.Index(line, trimmed[:1]))}
		if m := supersedesRE.FindStringSubmatch(plainValue(trimmed)); m != nil {
			for _, t := range Targets(m[1]) {
				r.rec.Supersedes = append(r.rec.Supersedes, Ref{t, v.Pos})
			}
			return
		}
		if st, by, ok := ParseStatus(trimmed); ok {
			r.setStatus(st, by, v)
			return
		}
		if mdLink.MatchString(trimmed) {
			return // another relation between records
		}
		r.diags.Errorf(v.Pos, "status %q is not one of %s: start the Status section with one of them, e.g. \"Accepted\"", excerpt(trimmed), StatusList())
	})
}

// linksSection reads the supersede links of MADR 2's Links section
// ("* Supersedes [ADR-0005](0005-example.md)"); its other lines are text.
func (r *reader) linksSection(n ast.Node) {
	eachLine(n, r.src, func(line string, off int) {
		trimmed := strings.TrimSpace(comment.ReplaceAllString(line, ""))
		if trimmed == "" {
			return
		}
		pos := r.pos(off + strings.Index(line, trimmed[:1]))
		if m := supersedesRE.FindStringSubmatch(plainValue(trimmed)); m != nil {
			for _, t := range Targets(m[1]) {
				r.rec.Supersedes = append(r.rec.Supersedes, Ref{t, pos})
			}
		} else if m := supersededByRE.FindStringSubmatch(plainValue(trimmed)); m != nil {
			for _, t := range Targets(m[1]) {
				r.rec.SupersededBy = append(r.rec.SupersededBy, Ref{t, pos})
			}
		}
	})
}

func (r *reader) setStatus(st Status, by []string, v Value) {
	if r.rec.Status != "" {
		r.diags.Errorf(v.Pos, "a second status %q: the record's status is already %q (line %d); keep one", excerpt(v.Text), r.rec.StatusAt.Text, r.rec.StatusAt.Pos.Line)
		return
	}
	r.rec.Status, r.rec.StatusAt = st, v
	for _, t := range by {
		r.rec.SupersededBy = append(r.rec.SupersededBy, Ref{t, v.Pos})
	}
}

// metaKeys are the keys of the lines under a record's title.
var metaKeys = map[string]bool{"status": true, "date": true, "deciders": true, "decision-makers": true, "decision makers": true, "consulted": true, "informed": true}

var metaRE = regexp.MustCompile(`^\s*(?:[*_]{1,2})?([A-Za-z][A-Za-z -]*?)(?:[*_]{1,2})?\s*:(?:[*_]{1,2})?[ \t]*`)

// metaLine splits "Status: accepted" (or "**Status:** accepted") into its
// lower-case key and value; at is where the value starts in line.
func metaLine(line string) (key, value string, at int, ok bool) {
	m := metaRE.FindStringSubmatchIndex(line)
	if m == nil {
		return "", "", 0, false
	}
	key = strings.ToLower(strings.TrimSpace(line[m[2]:m[3]]))
	if !metaKeys[key] {
		return "", "", 0, false
	}
	value = strings.TrimSpace(comment.ReplaceAllString(line[m[1]:], ""))
	return key, value, m[1], true
}

// People splits "Alice, Bob and Carol" into names.
func People(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(strings.ReplaceAll(comment.ReplaceAllString(s, ""), " and ", ","), func(r rune) bool { return r == ',' || r == ';' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// eachLine calls f with each source line of a paragraph, or of the
// paragraphs of a list's items, and the line's offset in src.
func eachLine(n ast.Node, src []byte, f func(line string, off int)) {
	switch n.Kind() {
	case ast.KindParagraph, ast.KindTextBlock:
		lines := n.Lines()
		for i := range lines.Len() {
			s := lines.At(i)
			f(strings.TrimRight(string(s.Value(src)), "\r\n"), s.Start)
		}
	case ast.KindList:
		for item := n.FirstChild(); item != nil; item = item.NextSibling() {
			for c := item.FirstChild(); c != nil; c = c.NextSibling() {
				eachLine(c, src, f)
			}
		}
	}
}

// isMeta reports whether every line of a paragraph or list is a line of
// metadata, which the page shows in its header instead.
func isMeta(n ast.Node, src []byte) bool {
	switch n.Kind() {
	case ast.KindParagraph, ast.KindList:
	default:
		return false
	}
	all, any := true, false
	eachLine(n, src, func(line string, _ int) {
		_, _, _, ok := metaLine(line)
		all, any = all && ok, true
	})
	if n.Kind() == ast.KindList {
		for item := n.FirstChild(); item != nil; item = item.NextSibling() {
			if c := item.FirstChild(); c == nil || c.NextSibling() != nil {
				return false // an empty item, or one with more than a line
			}
		}
	}
	return all && any
}

func isContext(section string) bool {
	return section == "context" || section == "context and problem statement"
}

// detect recognises the format from the level-2 headings.
func detect(headings []string) Format {
	has := map[string]bool{}
	for _, h := range headings {
		has[h] = true
	}
	switch {
	case has["context and problem statement"] || has["considered options"] || has["decision outcome"]:
		return MADR
	case has["status"] || has["context"] && has["decision"]:
		return Nygard
	}
	return ""
}

// norm is a heading as formats are recognised by.
func norm(s string) string {
	return strings.TrimRight(strings.ToLower(strings.Join(strings.Fields(s), " ")), ": ")
}

// plain returns a node's text without markup.
func plain(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.AutoLink:
			b.Write(c.Label(src))
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.Join(strings.Fields(b.String()), " ")
}

func blockStart(n ast.Node) int {
	if n.Lines().Len() == 0 {
		return 0
	}
	return n.Lines().At(0).Start
}

// excerpt shortens a value for a message.
func excerpt(s string) string {
	const n = 50
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n])) + "…"
}

// Number returns the number a file name starts with ("0001-use-x.md"),
// or 0.
func Number(name string) int {
	i := 0
	for i < len(name) && name[i] >= '0' && name[i] <= '9' {
		i++
	}
	if i == 0 || i > 9 || i < len(name) && strings.IndexByte("-_. ", name[i]) < 0 {
		return 0
	}
	n, _ := strconv.Atoi(name[:i])
	return n
}

// NumberText formats a record's number as file names do: 0001.
func NumberText(n int) string {
	if n <= 0 {
		return ""
	}
	return fmt.Sprintf("%04d", n)
}
