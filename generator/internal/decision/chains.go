package decision

import "slices"

// InForce returns the record in force in record i's place: i itself when
// nothing replaced it, else the last record of the chain of records that
// replaced it (the one with the highest number where a record was replaced
// by several).
func (l *Log) InForce(i int) int {
	seen := map[int]bool{}
	for !seen[i] && len(l.SupersededBy[i]) > 0 {
		seen[i] = true
		i = slices.MaxFunc(l.SupersededBy[i], l.cmp)
	}
	return i
}

// Lineage is a record and, recursively, the records it replaced.
type Lineage struct {
	Entry    int
	Replaced []*Lineage
}

// Lineages returns the supersede chains: for each record that replaced
// others and is not itself replaced, the tree of what it replaced, in
// number order.
func (l *Log) Lineages() []*Lineage {
	var out []*Lineage
	for _, i := range l.ordered() {
		if len(l.SupersededBy[i]) == 0 && len(l.Supersedes[i]) > 0 {
			out = append(out, l.lineage(i, map[int]bool{}))
		}
	}
	return out
}

func (l *Log) lineage(i int, seen map[int]bool) *Lineage {
	seen[i] = true
	n := &Lineage{Entry: i}
	olds := slices.Clone(l.Supersedes[i])
	slices.SortFunc(olds, l.cmp)
	for _, j := range olds {
		if !seen[j] { // a circle is reported by Check; show it once
			n.Replaced = append(n.Replaced, l.lineage(j, seen))
		}
	}
	return n
}

// ordered returns the records' indexes in the log's order.
func (l *Log) ordered() []int {
	idx := make([]int, len(l.Entries))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, l.cmp)
	return idx
}

// cmp orders records by number, then file: the order of the log.
func (l *Log) cmp(a, b int) int {
	ea, eb := l.Entries[a], l.Entries[b]
	switch {
	case ea.Number != eb.Number && ea.Number > 0 && eb.Number > 0:
		return ea.Number - eb.Number
	case (ea.Number > 0) != (eb.Number > 0):
		if ea.Number > 0 {
			return -1
		}
		return 1
	case ea.Source < eb.Source:
		return -1
	case ea.Source > eb.Source:
		return 1
	}
	return 0
}

// Order returns the records' indexes in the log's order: by number, then
// file, records without a number last.
func (l *Log) Order() []int { return l.ordered() }

// Sorted returns a copy of record indexes in the log's order.
func (l *Log) Sorted(is []int) []int {
	out := slices.Clone(is)
	slices.SortStableFunc(out, l.cmp)
	return out
}
