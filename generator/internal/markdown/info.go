package markdown

import (
	"fmt"
	"strconv"
	"strings"
)

// Info is a parsed fence info string: ```go {hl_lines=[2,"4-6"] linenos=true}
// gives Lang "go" and Attrs hl_lines and linenos. Values keep their text;
// list values are split into Items.
type Info struct {
	Lang  string
	Attrs []Attr
}

// Attr is one key=value of an attribute block.
type Attr struct {
	Key   string
	Value string   // the value, unquoted; "" for a bare key
	Items []string // for [a, b] lists, the unquoted items
	List  bool
	Col   int // 0-based byte offset of the key in the info string
}

// Get returns the attribute named key.
func (in Info) Get(key string) (Attr, bool) {
	for _, a := range in.Attrs {
		if a.Key == key {
			return a, true
		}
	}
	return Attr{}, false
}

// InfoError is a syntax error in an info string at byte offset Off.
type InfoError struct {
	Off int
	Msg string
}

func (e *InfoError) Error() string { return e.Msg }

// ParseInfo parses a fence info string: a language word, then optionally an
// attribute block in braces with key=value pairs separated by spaces or
// commas. Values are bare words, numbers, "quoted strings" or [lists].
func ParseInfo(s string) (Info, error) {
	p := infoParser{s: s}
	p.space()
	start := p.i
	for p.i < len(s) && !isSpace(s[p.i]) && s[p.i] != '{' {
		p.i++
	}
	info := Info{Lang: s[start:p.i]}
	p.space()
	if p.i == len(s) {
		return info, nil
	}
	if s[p.i] != '{' {
		return info, p.errorf("unexpected %q after the language: put options in braces, e.g. {hl_lines=[2,3]}", string(s[p.i]))
	}
	p.i++
	for {
		p.sep()
		if p.i == len(s) {
			return info, p.errorf("the options block is not closed: add '}'")
		}
		if s[p.i] == '}' {
			p.i++
			p.space()
			if p.i != len(s) {
				return info, p.errorf("unexpected text after '}'")
			}
			return info, nil
		}
		a, err := p.attr()
		if err != nil {
			return info, err
		}
		info.Attrs = append(info.Attrs, a)
	}
}

type infoParser struct {
	s string
	i int
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' }

func (p *infoParser) space() {
	for p.i < len(p.s) && isSpace(p.s[p.i]) {
		p.i++
	}
}

func (p *infoParser) sep() {
	for p.i < len(p.s) && (isSpace(p.s[p.i]) || p.s[p.i] == ',') {
		p.i++
	}
}

func (p *infoParser) errorf(format string, args ...any) error {
	return &InfoError{Off: p.i, Msg: fmt.Sprintf(format, args...)}
}

func isKeyByte(c byte) bool {
	return c == '_' || c == '-' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9')
}

func (p *infoParser) attr() (Attr, error) {
	a := Attr{Col: p.i}
	start := p.i
	for p.i < len(p.s) && isKeyByte(p.s[p.i]) {
		p.i++
	}
	if p.i == start {
		return a, p.errorf("expected an option name, found %q", string(p.s[p.i]))
	}
	a.Key = strings.ToLower(p.s[start:p.i])
	p.space()
	if p.i == len(p.s) || p.s[p.i] != '=' {
		return a, nil // a bare flag such as {linenos}
	}
	p.i++
	p.space()
	if p.i < len(p.s) && p.s[p.i] == '[' {
		p.i++
		a.List = true
		for {
			p.sep()
			if p.i == len(p.s) {
				return a, p.errorf("the list of %s is not closed: add ']'", a.Key)
			}
			if p.s[p.i] == ']' {
				p.i++
				return a, nil
			}
			v, err := p.value()
			if err != nil {
				return a, err
			}
			a.Items = append(a.Items, v)
		}
	}
	v, err := p.value()
	a.Value = v
	return a, err
}

func (p *infoParser) value() (string, error) {
	if p.i < len(p.s) && (p.s[p.i] == '"' || p.s[p.i] == '\'') {
		q := p.s[p.i]
		end := strings.IndexByte(p.s[p.i+1:], q)
		if end < 0 {
			return "", p.errorf("unterminated quoted value: add the closing %c", q)
		}
		v := p.s[p.i+1 : p.i+1+end]
		p.i += end + 2
		return v, nil
	}
	start := p.i
	for p.i < len(p.s) && !isSpace(p.s[p.i]) && !strings.ContainsRune(",]}", rune(p.s[p.i])) {
		p.i++
	}
	if p.i == start {
		return "", p.errorf("expected a value")
	}
	return p.s[start:p.i], nil
}

// LineRanges parses hl_lines items such as "2", "4-6" into ranges.
func LineRanges(items []string) ([][2]int, error) {
	var out [][2]int
	for _, it := range items {
		lo, hi, isRange := strings.Cut(it, "-")
		a, err1 := strconv.Atoi(strings.TrimSpace(lo))
		b := a
		var err2 error
		if isRange {
			b, err2 = strconv.Atoi(strings.TrimSpace(hi))
		}
		if err1 != nil || err2 != nil || a < 1 || b < a {
			return nil, fmt.Errorf("%q is not a line number or range like 4-6", it)
		}
		out = append(out, [2]int{a, b})
	}
	return out, nil
}
