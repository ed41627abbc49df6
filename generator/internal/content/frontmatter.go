package content

import (
	"bytes"
	"unicode/utf8"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
)

// split separates front matter from body. The front matter starts after a
// first line "---" and ends at the next line "---" (or "..."). It returns
// the YAML, the line of the file where the YAML starts, the body, and the
// line where the body starts. Line numbers stay those of the original file,
// so markdown positions need only the body's first line added.
func split(file string, src []byte) (fm []byte, fmLine int, body []byte, bodyLine int, err error) {
	if !hasFence(src, 0) {
		return nil, 0, nil, 0, diag.Errorf(diag.Pos{File: file, Line: 1, Col: 1},
			"no front matter: start the file with a line '---', then at least 'title: ...', then a closing '---'")
	}
	start := lineEnd(src, 0)
	line := 2
	for off := start; off < len(src); off = lineEnd(src, off) {
		if hasFence(src, off) || hasDots(src, off) {
			end := lineEnd(src, off)
			return src[start:off], 2, src[end:], line + 1, nil
		}
		line++
	}
	return nil, 0, nil, 0, diag.Errorf(diag.Pos{File: file, Line: 1, Col: 1},
		"front matter is not closed: add a line '---' after the last front matter key")
}

// lineEnd returns the offset just after the line starting at off.
func lineEnd(src []byte, off int) int {
	if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
		return off + i + 1
	}
	return len(src)
}

// hasFence reports whether the line at off is exactly "---" (trailing
// spaces and a CR allowed).
func hasFence(src []byte, off int) bool { return isLine(src, off, "---") }

func hasDots(src []byte, off int) bool { return isLine(src, off, "...") }

func isLine(src []byte, off int, want string) bool {
	line := src[off:lineEnd(src, off)]
	return string(bytes.TrimRight(line, " \t\r\n")) == want
}

// checkText rejects sources that are not UTF-8 text, pointing at the first
// bad byte, and strips a UTF-8 byte order mark.
func checkText(file string, src []byte) ([]byte, error) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if utf8.Valid(src) {
		if i := bytes.IndexByte(src, 0); i >= 0 {
			return nil, diag.Errorf(diag.NewLines(file, src).Pos(i),
				"the file contains a NUL byte: is it a binary file? markdown files must be UTF-8 text")
		}
		return src, nil
	}
	bad := 0
	for bad < len(src) {
		r, size := utf8.DecodeRune(src[bad:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		bad += size
	}
	return nil, diag.Errorf(diag.NewLines(file, src).Pos(bad),
		"invalid UTF-8 (byte 0x%02x): save the file as UTF-8", src[bad])
}
