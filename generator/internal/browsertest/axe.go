package browsertest

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

// axeSource is axe-core, vendored (see testdata/axe/README.md): the tests
// need no download and every machine runs the same rules.
//
//go:embed testdata/axe/axe.min.js
var axeSource string

// AxeVersion and AxeSHA256 pin the vendored axe-core.
const (
	AxeVersion = "4.14.1"
	AxeSHA256  = "KTSJmUUM3yhJqOcLeRL8LahahJ2jnA0NU5T1HUqe2Vw="
)

// Violation is one axe-core rule a page breaks, with the elements that
// break it.
type Violation struct {
	ID, Impact, Help string
	Nodes            []string // a selector and the HTML of each element
}

func (v Violation) String() string {
	return fmt.Sprintf("%s (%s): %s\n    %s", v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n    "))
}

// axeTimeout bounds one run of axe on a page.
const axeTimeout = 2 * time.Minute

// Axe runs axe-core's WCAG 2.x A and AA rules and its best practices on the
// page in the tab, injected through the DevTools protocol (the page's
// Content Security Policy does not apply to it), and returns what they
// find.
func Axe(tab *Tab) []Violation {
	tab.t.Helper()
	if v := Eval[string](tab, `typeof axe === "object" ? axe.version : ""`); v == "" {
		tab.Do(chromedp.Evaluate[chromedp.Void](axeSource))
	}
	if v := Eval[string](tab, `axe.version`); v != AxeVersion {
		tab.t.Fatalf("axe-core %s in the page, want the vendored %s", v, AxeVersion)
	}
	// axe's work grows with the page: a long case study on a busy machine
	// takes longer than Eval's bound for a single expression.
	ctx, cancel := context.WithTimeout(tab.Ctx, axeTimeout)
	defer cancel()
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](`axe.run(document, {
		runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
		resultTypes: ["violations"]
	}).then(function (r) {
		return JSON.stringify(r.violations.map(function (v) {
			return {ID: v.id, Impact: v.impact || "", Help: v.help, Nodes: v.nodes.map(function (n) { return n.target.join(" ") + "  " + n.html.slice(0, 200); })};
		}));
	})`, chromedp.EvalAwaitPromise))
	if err != nil {
		tab.t.Fatalf("running axe: %v", err)
	}
	var out []Violation
	if err := json.Unmarshal([]byte(raw), &out); err != nil {
		tab.t.Fatalf("reading axe's results: %v", err)
	}
	return out
}
