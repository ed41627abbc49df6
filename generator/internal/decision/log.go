package decision

import (
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
	"github.com/tradeoffs/tradeoffs/generator/internal/suggest"
)

// Entry is one record as the log sees it.
type Entry struct {
	// Source is the record's file, "content/decisions/0001-use-x.md";
	// relative references resolve against its folder.
	Source string
	URL    string
	Title  string
	Number int
	Status Status
	// StatusPos is where the status is written (the file's first line
	// when it is not).
	StatusPos                diag.Pos
	Supersedes, SupersededBy []Ref
	// Front is true for a record with front matter, Format its format:
	// the advice in messages is written in the record's own terms.
	Front  bool
	Format Format
}

// Log is the records with their supersede links resolved: Supersedes[i]
// lists the records i replaced, SupersededBy[i] those that replaced it,
// each as said by either side (a link only one side states is reported by
// Check, and still shown).
type Log struct {
	Entries                  []Entry
	Supersedes, SupersededBy [][]int
}

// Check resolves the records' references and checks that they agree. hint
// ends the message about a reference that matches no record (say why a
// record might be missing from this build, such as drafts left out).
func Check(entries []Entry, hint string) (*Log, diag.List) {
	c := &checker{log: &Log{Entries: entries, Supersedes: make([][]int, len(entries)), SupersededBy: make([][]int, len(entries))}, hint: hint}
	c.index()
	said := make([]map[int]Ref, len(entries)) // i → j → where i says it supersedes j
	saidBy := make([]map[int]Ref, len(entries))
	// A record with a reference that names no record is not also told
	// that it lacks the link: that reference is most likely the one.
	broken, brokenBy := make([]bool, len(entries)), make([]bool, len(entries))
	for i, e := range entries {
		said[i], broken[i] = c.resolveAll(i, e.Supersedes, "supersedes")
		saidBy[i], brokenBy[i] = c.resolveAll(i, e.SupersededBy, "superseded-by")
	}
	for i, e := range entries {
		for _, j := range sortedKeys(said[i]) {
			c.link(i, j)
			if _, ok := saidBy[j][i]; !ok && !brokenBy[j] {
				c.diags.Errorf(entries[j].StatusPos, "%s supersedes this record (%s), but this record does not name it as superseded-by: %s",
					c.name(i), said[i][j].Pos, adviceSupersededBy(entries[j], e, c.rel(j, i)))
			}
		}
		for _, j := range sortedKeys(saidBy[i]) {
			c.link(j, i)
			if _, ok := said[j][i]; !ok && !broken[j] {
				c.diags.Errorf(whereSupersedes(entries[j]), "%s names this record as superseded-by (%s), but this record does not say it supersedes it: %s",
					c.name(i), saidBy[i][j].Pos, adviceSupersedes(entries[j], e, c.rel(j, i)))
			}
		}
		c.status(i, said[i], saidBy[i])
	}
	c.cycles()
	c.numbers()
	return c.log, c.diags
}

type checker struct {
	log      *Log
	hint     string
	bySource map[string]int
	byURL    map[string]int
	byNumber map[int][]int
	names    []string
	diags    diag.List
}

func (c *checker) index() {
	c.bySource, c.byURL, c.byNumber = map[string]int{}, map[string]int{}, map[int][]int{}
	for i, e := range c.log.Entries {
		c.bySource[e.Source] = i
		c.byURL[e.URL] = i
		if e.Number > 0 {
			c.byNumber[e.Number] = append(c.byNumber[e.Number], i)
		}
		c.names = append(c.names, path.Base(e.Source))
	}
}

// status checks that a record's status agrees with its own links.
func (c *checker) status(i int, said, saidBy map[int]Ref) {
	e := c.log.Entries[i]
	switch {
	case len(e.SupersededBy) > 0 && e.Status != Superseded:
		c.diags.Errorf(e.StatusPos, "the status is %s, but the record names %s as superseded-by: %s",
			e.Status, e.SupersededBy[0].Target, setStatus(e))
	case e.Status == Superseded && len(e.SupersededBy) == 0 && !c.supersededByAny(i):
		c.diags.Errorf(e.StatusPos, "the status is superseded, but no record replaces this one: name the record that superseded it (%s), or change the status",
			howToName(e))
	}
	if e.Status == Proposed || e.Status == Rejected {
		for _, j := range sortedKeys(said) {
			c.diags.Errorf(e.StatusPos, "this record is %s, but it supersedes %s: a record supersedes another once it is accepted; accept this one, or leave %s as it was and drop the supersede link until then",
				e.Status, c.name(j), c.name(j))
		}
	}
	_ = saidBy
}

func (c *checker) supersededByAny(i int) bool {
	for j := range c.log.Entries {
		for _, r := range c.log.Entries[j].Supersedes {
			if k, _ := c.resolve(j, r.Target); k == i {
				return true
			}
		}
	}
	return false
}

// link records that i superseded j.
func (c *checker) link(i, j int) {
	if !slices.Contains(c.log.Supersedes[i], j) {
		c.log.Supersedes[i] = append(c.log.Supersedes[i], j)
		c.log.SupersededBy[j] = append(c.log.SupersededBy[j], i)
	}
}

// resolveAll resolves the references of record i, reporting those that
// name no record, or the record itself (broken is then true).
func (c *checker) resolveAll(i int, refs []Ref, key string) (out map[int]Ref, broken bool) {
	out = map[int]Ref{}
	for _, r := range refs {
		j, problem := c.resolve(i, r.Target)
		switch {
		case problem != "":
			c.diags.Errorf(r.Pos, "%s %q: %s", key, r.Target, problem)
			broken = true
		case j == i:
			c.diags.Errorf(r.Pos, "%s %q names this record itself: name the other record", key, r.Target)
			broken = true
		default:
			if _, dup := out[j]; !dup {
				out[j] = r
			}
		}
	}
	return out, broken
}

var numberRef = regexp.MustCompile(`^(?i)(?:adr)?[-_ #]?0*(\d{1,9})$`)

// resolve finds the record that target, written in record i, names.
func (c *checker) resolve(i int, target string) (int, string) {
	t := strings.TrimSpace(target)
	if m := mdLink.FindStringSubmatch(t); m != nil {
		t = m[2]
	}
	t, _, _ = strings.Cut(t, "#")
	t = strings.TrimPrefix(t, "./")
	from := c.log.Entries[i].Source
	switch {
	case t == "":
		return -1, "name a record: its file (0001-use-x.md), its number (ADR-0001) or its URL"
	case strings.HasPrefix(t, "/"):
		if !strings.HasSuffix(t, "/") {
			t += "/"
		}
		if j, ok := c.byURL[t]; ok {
			return j, ""
		}
	case numberRef.MatchString(t):
		n, _ := strconv.Atoi(numberRef.FindStringSubmatch(t)[1])
		switch js := c.byNumber[n]; len(js) {
		case 1:
			return js[0], ""
		case 0:
			return -1, "no decision record is numbered " + strconv.Itoa(n) + c.hint
		default:
			return -1, "two records are numbered " + strconv.Itoa(n) + " (" + c.name(js[0]) + " and " + c.name(js[1]) + "): name the one you mean by its file"
		}
	default:
		p := path.Join(path.Dir(from), t)
		for _, cand := range []string{p, p + ".md", p + "/index.md"} {
			if j, ok := c.bySource[cand]; ok {
				return j, ""
			}
		}
	}
	msg := "no decision record has that file or URL: name a record by its file (0001-use-x.md), its number (ADR-0001) or its URL"
	if guess, ok := suggest.Closest(path.Base(t), c.names, max(2, len(path.Base(t))/3)); ok {
		msg += "; did you mean " + guess + "?"
	}
	return -1, msg + c.hint
}

// cycles reports records that supersede each other in a circle.
func (c *checker) cycles() {
	state := make([]int8, len(c.log.Entries)) // 0 new, 1 on the path, 2 done
	var stack []int
	var visit func(i int)
	visit = func(i int) {
		state[i] = 1
		stack = append(stack, i)
		for _, j := range c.log.Supersedes[i] {
			switch state[j] {
			case 0:
				visit(j)
			case 1:
				k := slices.Index(stack, j)
				names := make([]string, 0, len(stack)-k+1)
				for _, x := range stack[k:] {
					names = append(names, c.name(x))
				}
				names = append(names, c.name(j))
				c.diags.Errorf(c.log.Entries[i].StatusPos, "these records supersede each other in a circle: %s; a record cannot be replaced by one it replaced, so drop one of the links",
					strings.Join(names, " supersedes "))
			}
		}
		stack = stack[:len(stack)-1]
		state[i] = 2
	}
	for i := range c.log.Entries {
		if state[i] == 0 {
			visit(i)
		}
	}
}

// numbers warns about two records with one number.
func (c *checker) numbers() {
	for _, n := range sortedKeys(c.byNumber) {
		js := c.byNumber[n]
		for _, j := range js[1:] {
			c.diags.Add(diag.Warnf(diag.Pos{File: c.log.Entries[j].Source}, "two records are numbered %d: this one and %s; renumber one, so that references by number are not ambiguous", n, c.name(js[0])))
		}
	}
}

// name is a record as messages name it.
func (c *checker) name(i int) string { return c.log.Entries[i].Source }

// rel is the path from record i's folder to record j's file.
func (c *checker) rel(i, j int) string {
	from := strings.Split(path.Dir(c.log.Entries[i].Source), "/")
	to := strings.Split(c.log.Entries[j].Source, "/")
	k := 0
	for k < len(from) && k < len(to)-1 && from[k] == to[k] {
		k++
	}
	return strings.Repeat("../", len(from)-k) + strings.Join(to[k:], "/")
}

func sortedKeys[V any](m map[int]V) []int {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
