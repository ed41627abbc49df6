package diag

import (
	"slices"
	"unicode/utf8"
)

// Lines maps byte offsets in one source file to line and column numbers.
// Columns count runes, not bytes, so a position after "é" is where an
// editor puts the cursor. Build it once per file and query it many times.
type Lines struct {
	file   string
	src    []byte
	starts []int // byte offset where each line starts
}

// NewLines indexes src, the contents of file. A line ends at "\n"; a
// preceding "\r" belongs to the line ending and is never counted as a column.
func NewLines(file string, src []byte) *Lines {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &Lines{file: file, src: src, starts: starts}
}

// Pos returns the position of byte offset off. Offsets outside the source are
// clamped to its start or end.
func (l *Lines) Pos(off int) Pos {
	off = max(0, min(off, len(l.src)))
	// The line is the last one starting at or before off.
	i, found := slices.BinarySearch(l.starts, off)
	if !found {
		i--
	}
	col := utf8.RuneCount(l.src[l.starts[i]:off]) + 1
	return Pos{File: l.file, Line: i + 1, Col: col}
}

// LineStart returns the byte offset where 1-based line n starts, or the end
// of the source when there is no such line.
func (l *Lines) LineStart(n int) int {
	if n < 1 {
		return 0
	}
	if n > len(l.starts) {
		return len(l.src)
	}
	return l.starts[n-1]
}

// Count returns the number of lines (a final line without "\n" counts).
func (l *Lines) Count() int { return len(l.starts) }
