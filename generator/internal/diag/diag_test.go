package diag

import (
	"errors"
	"fmt"
	"testing"
)

func TestLinesPos(t *testing.T) {
	src := []byte("ab\r\nçé x\n\nlast")
	l := NewLines("f.md", src)
	tests := []struct {
		off        int
		line, col  int
		desc       string
		wantString string
	}{
		{0, 1, 1, "start", "f.md:1:1"},
		{1, 1, 2, "second byte", "f.md:1:2"},
		{4, 2, 1, "after CRLF", "f.md:2:1"},
		{6, 2, 2, "after two-byte rune", "f.md:2:2"},
		{8, 2, 3, "after two multi-byte runes", "f.md:2:3"},
		{11, 3, 1, "empty line", "f.md:3:1"},
		{12, 4, 1, "last line without newline", "f.md:4:1"},
		{99, 4, 5, "clamped past end", "f.md:4:5"},
		{-5, 1, 1, "clamped before start", "f.md:1:1"},
	}
	for _, tt := range tests {
		t.Run(tt.desc, func(t *testing.T) {
			p := l.Pos(tt.off)
			if p.Line != tt.line || p.Col != tt.col {
				t.Errorf("Pos(%d) = %d:%d, want %d:%d", tt.off, p.Line, p.Col, tt.line, tt.col)
			}
			if p.String() != tt.wantString {
				t.Errorf("String() = %q, want %q", p.String(), tt.wantString)
			}
		})
	}
	if got := l.Count(); got != 4 {
		t.Errorf("Count() = %d, want 4", got)
	}
	if got := l.LineStart(2); got != 4 {
		t.Errorf("LineStart(2) = %d, want 4", got)
	}
}

func TestPosString(t *testing.T) {
	tests := []struct {
		p    Pos
		want string
	}{
		{Pos{}, ""},
		{Pos{File: "a.md"}, "a.md"},
		{Pos{File: "a.md", Line: 3}, "a.md:3"},
		{Pos{File: "a.md", Line: 3, Col: 7}, "a.md:3:7"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.p, got, tt.want)
		}
	}
}

func TestListSortDedupAndErr(t *testing.T) {
	var l List
	l.Errorf(Pos{File: "b.md", Line: 2, Col: 1}, "second")
	l.Warnf(Pos{File: "a.md", Line: 9}, "a warning")
	l.Errorf(Pos{File: "a.md", Line: 1, Col: 4}, "first")
	l.Errorf(Pos{File: "b.md", Line: 2, Col: 1}, "second")
	l.Sort()
	want := "a.md:1:4: first\na.md:9: warning: a warning\nb.md:2:1: second"
	if got := l.Error(); got != want {
		t.Fatalf("sorted list:\n%s\nwant:\n%s", got, want)
	}
	if errs, warns := l.Count(); errs != 2 || warns != 1 {
		t.Errorf("Count() = %d, %d; want 2, 1", errs, warns)
	}
	err := l.Err()
	if err == nil {
		t.Fatal("Err() = nil for a list with errors")
	}
	wrapped := fmt.Errorf("build: %w", err)
	if got := AsList(wrapped, Pos{}); len(got) != 3 {
		t.Errorf("AsList of a wrapped list returned %d diagnostics, want 3", len(got))
	}
	if (List{Warnf(Pos{}, "only a warning")}).Err() != nil {
		t.Error("Err() != nil for a list of warnings only")
	}
}

func TestAsList(t *testing.T) {
	if AsList(nil, Pos{}) != nil {
		t.Error("AsList(nil) != nil")
	}
	d := Errorf(Pos{File: "x.md", Line: 1}, "bad")
	if got := AsList(fmt.Errorf("wrap: %w", d), Pos{}); len(got) != 1 || got[0] != d {
		t.Errorf("AsList(wrapped diagnostic) = %v", got)
	}
	got := AsList(errors.New("disk full"), Pos{File: "y.md"})
	if got.Error() != "y.md: disk full" {
		t.Errorf("AsList(plain error) = %q", got.Error())
	}
}

// TestSortRootCausesFirst checks that a consequence (a broken link to a
// page that failed) sorts after every root cause, whatever its file.
func TestSortRootCausesFirst(t *testing.T) {
	l := List{
		{Pos: Pos{File: "a.md", Line: 4}, Msg: "broken link: nothing is published at /z/", Consequence: true},
		{Pos: Pos{File: "z.md", Line: 6, Col: 7}, Msg: "wrong type: year must be a whole number, not text"},
		{Pos: Pos{File: "b.md", Line: 1}, Severity: Warning, Msg: "a warning"},
	}
	l.Sort()
	want := "b.md:1: warning: a warning\nz.md:6:7: wrong type: year must be a whole number, not text\na.md:4: broken link: nothing is published at /z/"
	if got := l.Error(); got != want {
		t.Errorf("sorted:\n%s\nwant:\n%s", got, want)
	}
}
