package decision

import (
	"regexp"
	"strings"
	"time"
	"unicode"
)

// Status is where a decision stands.
type Status string

// The statuses, in the order the log lists them.
const (
	Proposed   Status = "proposed"
	Accepted   Status = "accepted"
	Rejected   Status = "rejected"
	Deprecated Status = "deprecated"
	Superseded Status = "superseded"
)

// Statuses lists every status in the log's order.
var Statuses = []Status{Proposed, Accepted, Rejected, Deprecated, Superseded}

// Label is the status as the page shows it: "Accepted".
func (s Status) Label() string {
	if s == "" {
		return ""
	}
	return strings.ToUpper(string(s[:1])) + string(s[1:])
}

// StatusList is the statuses for messages: "proposed, accepted, ...".
func StatusList() string {
	names := make([]string, len(Statuses))
	for i, s := range Statuses {
		names[i] = string(s)
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

var (
	comment        = regexp.MustCompile(`(?s)<!--.*?(-->|$)`)
	mdLink         = regexp.MustCompile(`\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+["'(][^)]*)?\)`)
	supersededByRE = regexp.MustCompile(`^(?i)supe(?:rs|rc)eded(?:\s+by\b(.*))?$`)
	supersedesRE   = regexp.MustCompile(`^(?i)supe(?:rs|rc)edes\b(.*)$`)
)

// ParseStatus reads a status as written: "Accepted", "**accepted**.",
// "superseded by [ADR-0005](0005-example.md)", "Superceded by ADR-0005".
// by lists what a "superseded by" names. ok is false when the text does
// not start with a status.
func ParseStatus(text string) (st Status, by []string, ok bool) {
	s := plainValue(text)
	if m := supersededByRE.FindStringSubmatch(s); m != nil {
		return Superseded, Targets(m[1]), true
	}
	word, rest := firstWord(s)
	for _, known := range Statuses {
		if strings.EqualFold(word, string(known)) && !strings.Contains(rest, "|") {
			return known, nil, true
		}
	}
	return "", nil, false
}

// Targets returns the records a phrase names: the destinations of its
// markdown links, or else its words separated by commas or "and"
// ("ADR-0003, ADR-0004").
func Targets(text string) []string {
	text = strings.TrimSpace(comment.ReplaceAllString(text, ""))
	var out []string
	for _, m := range mdLink.FindAllStringSubmatch(text, -1) {
		out = append(out, m[2])
	}
	if out != nil || text == "" {
		return out
	}
	for _, part := range strings.FieldsFunc(strings.ReplaceAll(text, " and ", ","), func(r rune) bool { return r == ',' || r == ';' }) {
		if t := strings.TrimRight(strings.Trim(strings.TrimSpace(part), "*_`\"'"), "."); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// plainValue strips comments, emphasis and final punctuation from a value.
func plainValue(s string) string {
	s = comment.ReplaceAllString(s, "")
	s = strings.TrimSpace(s)
	s = strings.Trim(s, "*_~`")
	return strings.TrimRight(strings.TrimSpace(s), ".;:!")
}

func firstWord(s string) (string, string) {
	i := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if i < 0 {
		return s, ""
	}
	return s[:i], s[i:]
}

// ParseDate reads a record's date: YYYY-MM-DD (ISO 8601, what adr-tools
// writes since its record 8), an RFC 3339 time, or adr-tools' earlier
// DD/MM/YYYY. ambiguous is true for a slashed date whose day and month
// could be swapped (both 12 or less): it is read as DD/MM/YYYY.
func ParseDate(s string) (t time.Time, ambiguous bool, ok bool) {
	s = plainValue(s)
	for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, false, true
		}
	}
	if t, err := time.Parse("2/1/2006", s); err == nil {
		return t, t.Day() <= 12 && t.Day() != int(t.Month()), true
	}
	if t, err := time.Parse("1/2/2006", s); err == nil {
		return t, false, true // the month first: the day is over 12
	}
	return time.Time{}, false, false
}
