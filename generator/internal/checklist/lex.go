package checklist

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

type tokKind int

const (
	tEOF tokKind = iota
	tWord
	tNumber
	tColon
	tSemi
	tHash
)

type token struct {
	kind tokKind
	text string
	off  int
	num  float64
}

// lex splits the inside of a block into tokens. Commas count as spaces.
func lex(src string) ([]token, *SyntaxError) {
	var toks []token
	end := len(src) - 1 // the closing brace
	for i := 1; i < end; {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',':
			i++
		case c == ':' || c == ';' || c == '#':
			toks = append(toks, token{kind: punctKind(c), text: string(c), off: i})
			i++
		case isTokenByte(c):
			j := i
			for j < end && isTokenByte(src[j]) {
				j++
			}
			t, err := classify(src[i:j], i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, t)
			i = j
		default:
			r, _ := utf8.DecodeRuneInString(src[i:])
			return nil, errAt(i, "unexpected %q in weight block: write option +N pairs, e.g. {servers +1}, or escape a literal brace as \\{", r)
		}
	}
	return append(toks, token{kind: tEOF, text: "}", off: end}), nil
}

func punctKind(c byte) tokKind {
	switch c {
	case ':':
		return tColon
	case ';':
		return tSemi
	}
	return tHash
}

func isTokenByte(c byte) bool {
	return isIDByte(c) || c == '+' || c == '.' || ('A' <= c && c <= 'Z')
}

func isIDByte(c byte) bool {
	return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_'
}

// classify turns a run of token bytes into a number or a word.
func classify(s string, off int) (token, *SyntaxError) {
	if v, ok := parseNumber(s); ok {
		return token{kind: tNumber, text: s, off: off, num: v}, nil
	}
	if isWord(s) {
		return token{kind: tWord, text: s, off: off}, nil
	}
	if fix, ok := splitGlued(s); ok {
		return token{}, errAt(off, "write a space between the option and its weight: %q", fix)
	}
	if strings.ContainsRune("+-.0123456789", rune(s[0])) {
		return token{}, errAt(off, "malformed number %q: write a whole or decimal number such as +2 or -0.5", s)
	}
	return token{}, errAt(off, `malformed option id %q: option ids use letters, digits, "-" and "_"`, s)
}

// parseNumber accepts an optionally signed decimal: 2, +2, -0.5, .5. Numbers
// too large for a float come back as infinities, for the range check to
// report.
func parseNumber(s string) (float64, bool) {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for ; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		frac := 0
		for ; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
			frac++
		}
		if frac == 0 {
			return 0, false
		}
		digits += frac
	}
	if digits == 0 || i != len(s) {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil && !math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

// isWord reports whether s can name an option or an answer. Upper case is
// let through here so that "Servers" is reported as an unknown option with
// a suggestion rather than as a syntax error.
func isWord(s string) bool {
	if s == "" || s[0] == '-' {
		return false
	}
	for i := range len(s) {
		if !isIDByte(s[i]) && !('A' <= s[i] && s[i] <= 'Z') {
			return false
		}
	}
	return true
}

// isID reports whether s is a valid option or question id: lowercase
// letters, digits, "-" and "_", starting with a letter or digit.
func isID(s string) bool {
	if s == "" || s[0] == '-' || s[0] == '_' {
		return false
	}
	for i := range len(s) {
		if !isIDByte(s[i]) {
			return false
		}
	}
	return true
}

func isAnswer(s string) bool { return s == Yes || s == No || s == Unsure }

// splitGlued recognizes an option glued to its weight ("servers+1",
// "servers-1") and returns the spaced form.
func splitGlued(s string) (string, bool) {
	for i := 1; i < len(s); i++ {
		if s[i] != '+' && s[i] != '-' {
			continue
		}
		if _, ok := parseNumber(s[i:]); ok && isWord(s[:i]) {
			return s[:i] + " " + s[i:], true
		}
	}
	return "", false
}
