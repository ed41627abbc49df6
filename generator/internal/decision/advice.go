package decision

import (
	"fmt"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
)

// The advice of Check's messages, in the terms of the record to change:
// its front matter keys, Nygard's Status section as adr-tools writes it,
// or MADR's lines under the title.

// label is how adr-tools names a record in a link: "3. Use Y".
func label(e Entry) string {
	if e.Number > 0 {
		return fmt.Sprintf("%d. %s", e.Number, e.Title)
	}
	return e.Title
}

// adviceSupersededBy says how record e says that by (at rel) replaced it.
func adviceSupersededBy(e, by Entry, rel string) string {
	switch {
	case e.Front:
		return fmt.Sprintf("set \"status: superseded\" and \"superseded-by: %s\" in its front matter", rel)
	case e.Format == Nygard:
		return fmt.Sprintf("make its Status section say \"Superseded by [%s](%s)\" in place of its status", label(by), rel)
	}
	return fmt.Sprintf("write \"Status: superseded by [%s](%s)\" under its title", label(by), rel)
}

// adviceSupersedes says how record e says that it replaced old (at rel).
func adviceSupersedes(e, old Entry, rel string) string {
	switch {
	case e.Front:
		return fmt.Sprintf("add \"supersedes: [%s]\" to its front matter", rel)
	case e.Format == Nygard:
		return fmt.Sprintf("add the line \"Supersedes [%s](%s)\" to its Status section", label(old), rel)
	}
	return fmt.Sprintf("add \"* Supersedes [%s](%s)\" to its Links section", label(old), rel)
}

// whereSupersedes is where record e says what it supersedes, or would.
func whereSupersedes(e Entry) diag.Pos {
	if len(e.Supersedes) > 0 {
		return e.Supersedes[0].Pos
	}
	return e.StatusPos
}

// setStatus says how record e becomes superseded.
func setStatus(e Entry) string {
	if e.Front {
		return "set \"status: superseded\""
	}
	return "make its status superseded"
}

// howToName says how record e names the record that replaced it.
func howToName(e Entry) string {
	switch {
	case e.Front:
		return "\"superseded-by: 0003-use-y.md\" in the front matter"
	case e.Format == Nygard:
		return "\"Superseded by [3. Use Y](0003-use-y.md)\" in place of the status"
	}
	return "\"Status: superseded by [ADR-0003](0003-use-y.md)\" under the title"
}
