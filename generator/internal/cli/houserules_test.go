package cli

import (
	"maps"
	"path/filepath"
	"strings"
	"testing"
)

// The house rules of CONTRIBUTING.md, as `check` enforces them: each test
// breaks one rule on a site that otherwise passes, and expects check to
// fail with the rule's message at the file and line of the problem.

const ruleCase = `---
title: "ACME: one process"
summary: What happened.
date: 2023-03-22
company: ACME
year: 2023
from: Functions
to: One process
outcome: Cheaper
sources:
  - title: The post
    url: https://example.com/post
---
## Context

ACME ran a pipeline of functions.

## What they changed

It merged them into one process: see [merge or split](/patterns/merge-or-split/).

## The numbers

Cost fell by 90%.[^post] Six weeks later the post was news.

## What it cost them

Scaling each component on its own.

## Lessons

Check what the meter counts.

## When it would not apply

At low volume.

[^post]: [The post](https://example.com/post), ACME, 22 March 2023.
`

const rulePattern = `---
title: Merge or split
summary: One process or many.
date: 2023-03-22
alternatives: [One process, Many services]
---
## Forces

Teams and meters.

## Options side by side

| | One process | Many services |
|---|---|---|
| Calls | in memory | over the network |

## Costs

Every hop is billed.

## Case studies on each side

[ACME](/case-studies/acme/) merged; [Beta](/case-studies/beta/) split.

## Questions that decide it

Who owns each part?

## Related

Nothing yet.
`

// ruleSite is a site that passes every house rule.
func ruleSite() map[string]string {
	return map[string]string{
		"content/_index.md":                  "---\ntitle: Home\n---\nHello.\n",
		"content/case-studies/acme.md":       ruleCase,
		"content/case-studies/beta.md":       strings.Replace(ruleCase, `title: "ACME: one process"`, `title: "Beta: many services"`, 1),
		"content/patterns/merge-or-split.md": rulePattern,
	}
}

// checkFails runs check on ruleSite with file replaced by data, and
// expects exit 1 with the line want (the path relative to the site root)
// among the problems.
func checkFails(t *testing.T, file, data, want string) {
	t.Helper()
	files := maps.Clone(ruleSite())
	files[file] = data
	root := writeSite(t, files)
	code, _, stderr := run(t, "check", "--root", root)
	if code != 1 {
		t.Errorf("check exited %d, want 1; problems:\n%s", code, stderr)
	}
	want = filepath.ToSlash(root) + "/" + want
	for _, line := range strings.Split(stderr, "\n") {
		if line == want {
			return
		}
	}
	t.Errorf("check did not report\n  %s\nit reported:\n%s", want, stderr)
}

func TestCheckPassesHouseRules(t *testing.T) {
	root := writeSite(t, ruleSite())
	if code, _, stderr := run(t, "check", "--root", root); code != 0 || stderr != "" {
		t.Fatalf("check exited %d on a site that keeps the house rules:\n%s", code, stderr)
	}
}

func TestCheckRuleRequiredSections(t *testing.T) {
	checkFails(t, "content/case-studies/acme.md", strings.Replace(ruleCase, "## The numbers\n\n", "", 1),
		`content/case-studies/acme.md:18:1: [required-sections] missing section "The numbers": add "## The numbers" after "What they changed"; a case study has the sections Context, What they changed, The numbers, What it cost them, Lessons, When it would not apply, in this order`)
	swapped := strings.Replace(rulePattern, "## Costs\n\nEvery hop is billed.\n\n", "", 1)
	swapped += "\n## Costs\n\nEvery hop is billed.\n"
	checkFails(t, "content/patterns/merge-or-split.md", swapped,
		`content/patterns/merge-or-split.md:29:1: [required-sections] section "Costs" is out of order: move it after "Options side by side"; a trade-off page has the sections Forces, Options side by side, Costs, Case studies on each side, Questions that decide it, Related, in this order`)
}

func TestCheckRuleNonEmptySections(t *testing.T) {
	checkFails(t, "content/case-studies/acme.md", strings.Replace(ruleCase, "Scaling each component on its own.\n", "<!-- to do -->\n", 1),
		`content/case-studies/acme.md:26:1: [non-empty-sections] section "What it cost them" is empty: write it, or say in a sentence why there is nothing to report`)
}

func TestCheckRuleCitedFigures(t *testing.T) {
	checkFails(t, "content/case-studies/acme.md", strings.Replace(ruleCase, "90%.[^post]", "90%.", 1)+"\nIt has 1,600 services.[^post]\n",
		`content/case-studies/acme.md:24:1: [cited-figures] "Cost fell by 90%." states a figure (90%) without a footnote to a listed source: end the sentence with a footnote whose link is one of the page's sources, e.g. .[^post] with [^post]: [Title](https://...); for the site's own arithmetic, a footnote starting "Our calculation"`)
	// A footnote to a source the front matter does not list.
	other := strings.Replace(ruleCase, "[^post]: [The post](https://example.com/post)", "[^post]: [A blog](https://example.org/blog)", 1)
	checkFails(t, "content/case-studies/acme.md", other,
		`content/case-studies/acme.md:24:1: [cited-figures] "Cost fell by 90%." states a figure (90%) but [^post] links to no source listed in the front matter: add the URL to sources:, or start the footnote with "Our calculation" if the figure is the site's own`)
}

func TestCheckRuleHTTPSSources(t *testing.T) {
	checkFails(t, "content/case-studies/acme.md", strings.ReplaceAll(ruleCase, "https://example.com/post", "http://example.com/post"),
		`content/case-studies/acme.md:12:10: [https-sources] source "http://example.com/post" is not https: use the https:// address of the page (sources are https)`)
	checkFails(t, "content/patterns/merge-or-split.md", strings.Replace(rulePattern, "Every hop is billed.", "Every hop is [billed](http://example.com/prices).", 1),
		`content/patterns/merge-or-split.md:19:14: [https-sources] link "http://example.com/prices" is not https: use the https:// address of the page (sources are https)`)
}

func TestCheckRuleLinksTradeOff(t *testing.T) {
	checkFails(t, "content/case-studies/acme.md", strings.Replace(ruleCase, ": see [merge or split](/patterns/merge-or-split/)", "", 1),
		`content/case-studies/acme.md:30:1: [links-trade-off] a case study links at least one trade-off page: link the /patterns/ page whose trade-off it illustrates, e.g. [cloud vs. owned hardware](/patterns/cloud-vs-owned-hardware/)`)
}

func TestCheckRuleCitesCases(t *testing.T) {
	checkFails(t, "content/patterns/merge-or-split.md", strings.Replace(rulePattern, "; [Beta](/case-studies/beta/) split", "", 1),
		`content/patterns/merge-or-split.md:21:1: [cites-cases] a trade-off page cites at least two case studies, and links 1: link the /case-studies/ pages that chose each side`)
}
