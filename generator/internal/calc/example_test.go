package calc

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Each calculator page has a section "## Worked example" holding two
// tables: | Input | Value | lists every input of the calculator, and
// | Step | Result | lists outputs with how they are worked out by hand.
// The first `name` in backticks in a row's first cell is the input or
// output; an input's value is a number (units and thousands commas
// allowed), a choice's label or on/off; a step's result is the text the
// calculator shows for that output, optionally followed by a unit. The
// test evaluates the inputs and compares every result, so the page and
// the calculator cannot drift apart.

// workedExample is the parsed section of one page.
type workedExample struct {
	inputs map[string]string // name -> value cell
	steps  [][2]string       // name, result cell, in page order
}

var backticked = regexp.MustCompile("`([a-z][a-z0-9_]*)`")

func parseWorkedExample(path string) (*workedExample, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	ex := &workedExample{inputs: map[string]string{}}
	in, table := false, ""
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, "## "):
			in = strings.HasPrefix(line, "## Worked example")
			table = ""
			continue
		case !in:
			continue
		case !strings.HasPrefix(line, "|"):
			table = ""
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		if table == "" {
			table = cells[0]
			continue
		}
		if strings.Trim(cells[0], "-: ") == "" {
			continue // the separator row
		}
		m := backticked.FindStringSubmatch(cells[0])
		if m == nil || len(cells) < 2 {
			return nil, fmt.Errorf("%s:%d: a worked-example row needs a `name` in its first cell and a value", path, n)
		}
		switch table {
		case "Input":
			ex.inputs[m[1]] = cells[len(cells)-1]
		case "Step":
			ex.steps = append(ex.steps, [2]string{m[1], cells[len(cells)-1]})
		default:
			return nil, fmt.Errorf("%s:%d: a worked-example table starts with | Input | or | Step |, got %q", path, n, table)
		}
	}
	if len(ex.inputs) == 0 || len(ex.steps) == 0 {
		return nil, fmt.Errorf("%s: no \"## Worked example\" section with an | Input | table and a | Step | table", path)
	}
	return ex, sc.Err()
}

// inputValue reads a value cell for input in.
func inputValue(in *Input, cell string) (float64, error) {
	switch in.Kind {
	case KindToggle:
		switch cell {
		case "on":
			return 1, nil
		case "off":
			return 0, nil
		}
		return 0, fmt.Errorf("toggle %s: write on or off, got %q", in.Name, cell)
	case KindChoice:
		for _, ch := range in.Choices {
			if ch.Label == cell {
				return ch.Value, nil
			}
		}
		return 0, fmt.Errorf("choice %s: %q is not one of its labels", in.Name, cell)
	}
	num := strings.NewReplacer(",", "", "$", "").Replace(cell)
	if i := strings.IndexByte(num, ' '); i >= 0 {
		num = num[:i]
	}
	return strconv.ParseFloat(num, 64)
}

func TestWorkedExamplesOnThePages(t *testing.T) {
	for _, id := range realIDs {
		t.Run(id, func(t *testing.T) {
			c := loadReal(t, id)
			ex, err := parseWorkedExample(filepath.Join(realDir, id+".md"))
			if err != nil {
				t.Fatal(err)
			}
			values := map[string]float64{}
			for i := range c.Inputs {
				in := &c.Inputs[i]
				cell, ok := ex.inputs[in.Name]
				if !ok {
					t.Errorf("the worked example does not give input %s (%s): list every input so it can be reproduced", in.Name, in.Label)
					continue
				}
				v, err := inputValue(in, cell)
				if err != nil {
					t.Errorf("input %s: %v", in.Name, err)
				}
				values[in.Name] = v
			}
			for name := range ex.inputs {
				if c.input(name) == nil {
					t.Errorf("the worked example gives %s, which is not an input", name)
				}
			}
			got, err := c.Eval(values)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range ex.steps {
				v, ok := got[s[0]]
				switch {
				case !ok:
					t.Errorf("step %s is not an output", s[0])
				case s[1] != v.Text && !strings.HasPrefix(s[1], v.Text+" "):
					t.Errorf("step %s: the page says %q, the calculator gives %q", s[0], s[1], v.Text)
				}
			}
		})
	}
}

// The parser's rules, on a page written for the test.
func TestParseWorkedExample(t *testing.T) {
	dir := t.TempDir()
	write := func(body string) string {
		p := filepath.Join(dir, "p.md")
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ex, err := parseWorkedExample(write("## Other\n| Input | Value |\n|---|---|\n| x (`a`) | 9 |\n\n## Worked example\n\nText.\n\n| Input | Value |\n|---|---|\n| Load (`rps`) | 1,000 req/s |\n\n| Step | Result |\n|---|---|\n| Requests (`requests`) = 1,000 × 2 | 2,000 per month |\n\n## After\n| Step | Result |\n|---|---|\n| (`zzz`) | 1 |\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(ex.inputs) != 1 || ex.inputs["rps"] != "1,000 req/s" || len(ex.steps) != 1 || ex.steps[0] != [2]string{"requests", "2,000 per month"} {
		t.Errorf("parsed %+v", ex)
	}
	for _, bad := range []string{
		"## Worked example\n\nNo tables.\n",
		"## Worked example\n| Input | Value |\n|---|---|\n| no name | 1 |\n",
		"## Worked example\n| Thing | Value |\n|---|---|\n| `a` | 1 |\n",
	} {
		if _, err := parseWorkedExample(write(bad)); err == nil {
			t.Errorf("no error for %q", bad)
		}
	}
	in := &Input{Name: "n", Kind: KindNumber}
	if v, err := inputValue(in, "$191,667 a month"); err != nil || v != 191667 {
		t.Errorf("inputValue = %v, %v", v, err)
	}
}
