package calc

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// A calculator embedded in a trade-off page (a ```calculator block) has no
// worked-example section; the page states what its defaults give in a
// footnote instead, one whose text names "the calculator's" defaults
// ("Our calculation with the calculator's illustrative defaults: 41,000 ×
// 0.05 = 2,050 …"). Every result in that footnote, a number after "=" or
// "≈", must be what one of the calculator's outputs shows at its defaults,
// to the decimals the footnote writes, so the prose and the calculator
// cannot drift apart.

const pagesDir = "../../../content"

// inlineCalc is one embedded calculator and the page around it.
type inlineCalc struct {
	page  string
	block string // the YAML between the fences
	line  int    // the block's first line in the page
	notes []string
}

var defaultsNote = regexp.MustCompile(`(?m)^\[\^[^\]]+\]:(.*calculator's[^:]*defaults.*)$`)

// stated matches a result: "= 2,050", "≈ $1,678", "= 17 minutes", "≈ 99.3%".
var stated = regexp.MustCompile(`[=≈]\s*\$?(-?[0-9][0-9,]*(?:\.[0-9]+)?)`)

func findInline(t *testing.T) []inlineCalc {
	t.Helper()
	var found []inlineCalc
	err := filepath.WalkDir(pagesDir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		s := string(src)
		open := strings.Index(s, "```calculator\n")
		if open < 0 {
			return nil
		}
		body := s[open+len("```calculator\n"):]
		end := strings.Index(body, "\n```")
		if end < 0 {
			return fmt.Errorf("%s: unclosed calculator block", path)
		}
		ic := inlineCalc{page: path, block: body[:end+1], line: strings.Count(s[:open], "\n") + 2}
		for _, m := range defaultsNote.FindAllStringSubmatch(s, -1) {
			ic.notes = append(ic.notes, m[1])
		}
		found = append(found, ic)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

// number reads the leading number of a value as a page shows it
// ("$1,677.62", "17.0 minutes", "99.3%") and its count of decimals.
func number(text string) (float64, int, bool) {
	s := strings.TrimPrefix(strings.TrimSpace(text), "$")
	end := 0
	for end < len(s) && (s[end] >= '0' && s[end] <= '9' || s[end] == ',' || s[end] == '.' || end == 0 && s[end] == '-') {
		end++
	}
	s = strings.ReplaceAll(strings.TrimRight(s[:end], ".,"), ",", "")
	v, err := strconv.ParseFloat(s, 64)
	decimals := 0
	if i := strings.IndexByte(s, '.'); i >= 0 {
		decimals = len(s) - i - 1
	}
	return v, decimals, err == nil
}

// checkNote returns the results a note states that no output shows.
func checkNote(note string, got map[string]Value) []string {
	var wrong []string
	for _, m := range stated.FindAllStringSubmatch(note, -1) {
		want, decimals, ok := number(m[1])
		if !ok {
			continue
		}
		match := false
		for _, v := range got {
			n, _, ok := number(v.Text)
			if ok && math.Abs(n-want) <= 0.5*math.Pow(10, -float64(decimals))+1e-9 {
				match = true
				break
			}
		}
		if !match {
			wrong = append(wrong, strings.TrimSpace(m[0]))
		}
	}
	return wrong
}

func TestInlineCalculatorsMatchTheirPages(t *testing.T) {
	found := findInline(t)
	if len(found) < 6 {
		t.Fatalf("found %d pages with a calculator block; the trade-off pages hold at least 6", len(found))
	}
	for _, ic := range found {
		t.Run(filepath.Base(ic.page), func(t *testing.T) {
			c, diags := ParseBlock(ic.page, []byte(ic.block), ic.line)
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			if len(ic.notes) == 0 {
				t.Fatalf("%s: no footnote states what the calculator's defaults give; add one (\"Our calculation with the calculator's defaults: … = …\") so a reader can check it by hand", ic.page)
			}
			got, err := c.Eval(c.Defaults())
			if err != nil {
				t.Fatal(err)
			}
			results := 0
			for _, note := range ic.notes {
				results += len(stated.FindAllString(note, -1))
				for _, w := range checkNote(note, got) {
					t.Errorf("%s: the footnote says %q, which no output of %s shows at its defaults", ic.page, w, c.ID)
				}
			}
			if results == 0 {
				t.Errorf("%s: the defaults footnote states no result (a number after = or ≈)", ic.page)
			}
		})
	}
}

// The check itself: a result no output shows is caught, rounding is the
// note's, and a number that is not a result is not checked.
func TestCheckNote(t *testing.T) {
	got := map[string]Value{
		"a": {Text: "$1,677.62"}, "b": {Text: "17.0 minutes"}, "c": {Text: "99.3%"}, "d": {Text: "2,050"},
	}
	cases := []struct {
		note  string
		wrong int
	}{
		{"($219 + $33,333) ÷ 20 ≈ $1,678; 10 + 7 = 17 minutes; ≈ 99.3% people; 41,000 × 0.05 = 2,050", 0},
		{"20 servers, 3 regions", 0},
		{"41,000 × 0.05 = 2,051", 1},
		{"≈ $1,677.6 and = 99.4%", 1},
		{"≈ 1,700", 1},
	}
	for _, c := range cases {
		if w := checkNote(c.note, got); len(w) != c.wrong {
			t.Errorf("%q: wrong %q, want %d", c.note, w, c.wrong)
		}
	}
}
