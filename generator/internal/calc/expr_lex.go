package calc

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// tokKind is the kind of a formula token.
type tokKind int

const (
	tokEOF tokKind = iota
	tokNum
	tokIdent
	tokOp // operators and punctuation: + - * / ^ ( ) , < <= > >= == !=
)

// lexeme is one token of a formula; off is its byte offset in the formula.
type lexeme struct {
	kind tokKind
	text string
	num  float64
	off  int
}

// exprError is a problem in a formula at a byte offset of the formula text.
// The definition loader turns the offset into a file position.
type exprError struct {
	Off int
	Msg string
}

func (e *exprError) Error() string { return fmt.Sprintf("offset %d: %s", e.Off, e.Msg) }

func errAt(off int, format string, args ...any) *exprError {
	return &exprError{Off: off, Msg: fmt.Sprintf(format, args...)}
}

// lex splits a formula into tokens. Whitespace (including newlines of a
// multi-line YAML block) separates tokens and is otherwise ignored.
func lex(src string) ([]lexeme, *exprError) {
	var toks []lexeme
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case isDigit(c) || (c == '.' && i+1 < len(src) && isDigit(src[i+1])):
			t, err := lexNumber(src, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, t)
			i += len(t.text)
		case isIdentStart(c):
			j := i + 1
			for j < len(src) && isIdentPart(src[j]) {
				j++
			}
			toks = append(toks, lexeme{kind: tokIdent, text: src[i:j], off: i})
			i = j
		default:
			t, err := lexOp(src, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, t)
			i += len(t.text)
		}
	}
	return append(toks, lexeme{kind: tokEOF, off: len(src)}), nil
}

func lexOp(src string, i int) (lexeme, *exprError) {
	if i+1 < len(src) {
		switch two := src[i : i+2]; two {
		case "<=", ">=", "==", "!=":
			return lexeme{kind: tokOp, text: two, off: i}, nil
		case "&&", "||":
			return lexeme{}, errAt(i, "unknown operator %q: write %q", two, map[string]string{"&&": "and", "||": "or"}[two])
		}
	}
	switch c := src[i]; c {
	case '+', '-', '*', '/', '^', '(', ')', ',', '<', '>':
		return lexeme{kind: tokOp, text: string(c), off: i}, nil
	case '=':
		return lexeme{}, errAt(i, `unknown operator "=": write "==" to compare`)
	case '!':
		return lexeme{}, errAt(i, `unknown operator "!": write "not"`)
	}
	r, _ := utf8.DecodeRuneInString(src[i:])
	return lexeme{}, errAt(i, "unexpected character %q in formula", r)
}

// lexNumber reads a decimal number: digits with an optional fraction and
// exponent, and optional underscores between digits (2_628_000).
func lexNumber(src string, i int) (lexeme, *exprError) {
	j := i
	digits := func() {
		for j < len(src) && (isDigit(src[j]) || (src[j] == '_' && j+1 < len(src) && isDigit(src[j+1]) && j > i && isDigit(src[j-1]))) {
			j++
		}
	}
	digits()
	if j < len(src) && src[j] == '.' {
		j++
		digits()
	}
	if j < len(src) && (src[j] == 'e' || src[j] == 'E') {
		k := j + 1
		if k < len(src) && (src[k] == '+' || src[k] == '-') {
			k++
		}
		if k < len(src) && isDigit(src[k]) {
			j = k
			digits()
		}
	}
	text := src[i:j]
	if j < len(src) && (isIdentPart(src[j]) || src[j] == '.') {
		end := j
		for end < len(src) && (isIdentPart(src[end]) || src[end] == '.') {
			end++
		}
		return lexeme{}, errAt(i, "invalid number %q", src[i:end])
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(text, "_", ""), 64)
	if err != nil {
		return lexeme{}, errAt(i, "number %s is out of range", text)
	}
	return lexeme{kind: tokNum, text: text, num: v, off: i}, nil
}

func isDigit(c byte) bool      { return c >= '0' && c <= '9' }
func isIdentStart(c byte) bool { return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }
func isIdentPart(c byte) bool  { return isIdentStart(c) || isDigit(c) }
