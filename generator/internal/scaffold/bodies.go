package scaffold

// The skeletons of new pages. HTML comments are guidance for the author;
// they never reach the published page.

const caseStudyBody = `
<!-- One or two paragraphs per section. Cite every figure with a footnote that
links to a source listed in the front matter, e.g. "cut cost by 90%.[^post]" and
at the end "[^post]: [Title](https://...), Publisher, 22 March 2023." -->

## Context

<!-- Who the team was, what the system did, the scale, and what was hurting. -->

## What they changed

<!-- The architecture before and after, and why they chose this change. A d2
diagram helps: a fenced block with the info string d2 {alt="..."}. -->

## The numbers

<!-- What they measured, before and after, with sources. Say when a source
gives no figure rather than estimating one. -->

## What it cost them

<!-- What got worse or harder: the trade-off they accepted. -->

## Lessons

<!-- What a reader should take away, and which trade-off pages and checklist
questions it illustrates (link them). -->

## When it would not apply

<!-- The conditions under which the opposite choice is right. -->
`

const checklistBody = `
<!-- One checklist answers one decision. Questions are task-list items under
headings. A {...} block at the end of a question gives its weights toward the
options declared above:
  {servers +1}                         a checkbox; checking it adds 1 to servers
  {yes: servers +2; no: serverless +1}  a yes / no / not sure question
  {gate: servers}                      a prerequisite: No or Not sure rules servers out
  {blocker: servers}                   a hard blocker: Yes or Not sure rules servers out
A "No" that only means a cost is absent adds nothing. Indented text under a
question is its guidance. A guidance paragraph starting "Evidence:" links the
cases behind the question, which the result lists beside the answers that
decided it, e.g.
  Evidence: [Segment](/case-studies/segment-goodbye-microservices/).
See CONTRIBUTING.md. -->

## First group of questions

- [ ] A question the reader answers for their own system? {yes: option-a +1; no: option-b +1}

  Guidance: why the question matters, with a footnote to a source.
`

const patternBody = `
## Forces

<!-- What pulls towards each alternative. -->

## Options side by side

| | Alternative A | Alternative B |
| --- | --- | --- |
| Cost at low load | | |
| Cost at steady high load | | |
| Operations | | |

## Costs

<!-- Figures with sources, and the calculator that quantifies the choice:
a line of its own such as ::calculator[serverless-vs-containers] -->

## Case studies on each side

<!-- Link the case studies that chose each alternative. -->

## Questions that decide it

<!-- Link the checklist questions that decide this trade-off. -->

## Related

<!-- Link the trade-off pages that border this one. -->
`

const decisionBody = `
<!-- A decision record in MADR's format (https://adr.github.io/madr/).
Keep the sections: check reports a missing or empty one. List the trade-off
pages and case studies the decision relied on in evidence: above. When this
record replaces another, list it in supersedes: above, and in that record
set status: superseded and superseded-by: to this record's file name.
Optional sections MADR adds, such as "## Decision Drivers" before the
options or "## Pros and Cons of the Options" after the outcome, may be
added in their place. -->

## Context and Problem Statement

<!-- The situation and the question to decide, in two or three sentences. -->

## Considered Options

<!-- One line per option: "* Keep the monolith". -->

## Decision Outcome

<!-- Chosen option: "...", because ... -->

### Consequences

<!-- "* Good, because ..." and "* Bad, because ..." lines: what becomes
easier, and what becomes harder. -->
`
