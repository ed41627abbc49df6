// Package suggest finds the known name nearest to a mistyped one, for the
// "did you mean ...?" of error messages: an unknown calculator name or
// option, a broken link's nearest URL, a misspelt tag.
//
// suggest imports nothing.
package suggest

// Distance returns the Levenshtein distance between a and b in bytes (the
// names compared are ASCII), or limit when it is limit or more: giving up
// early keeps comparing one name with thousands cheap. A limit below 1
// means no limit.
func Distance(a, b string, limit int) int {
	if limit < 1 {
		limit = len(a) + len(b) + 1
	}
	if d := len(a) - len(b); d >= limit || -d >= limit {
		return limit
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= limit {
			return limit
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], limit)
}

// Closest returns the candidate nearest to word, within maxDist edits (a
// maxDist below 1 means any distance); ties go to the candidate first in
// order, so messages do not change from one run to the next.
func Closest(word string, candidates []string, maxDist int) (string, bool) {
	best, bestD := "", maxDist+1
	if maxDist < 1 {
		bestD = 1 << 30
	}
	for _, c := range candidates {
		if d := Distance(word, c, bestD); d < bestD {
			best, bestD = c, d
		}
	}
	return best, best != ""
}
