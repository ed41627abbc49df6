package checklist

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/tradeoffs/tradeoffs/generator/internal/browsertest"
)

// rulesPage has gates and blockers next to questions worth many points, and
// names the cases behind its questions.
const rulesPage = `## Ready to run it

- [ ] Is someone on call for it? {#on-call gate: servers}

  Evidence: [Amazon](/case-studies/amazon-services/), [Segment](/case-studies/segment-goodbye-microservices/).

- [ ] Must one transaction span both sides? {#tx blocker: servers}

  Evidence: [Shared database vs. database per service](/patterns/shared-database-vs-database-per-service/).

- [ ] Must it move to another provider? {#move blocker: serverless}

## What it buys

- [ ] Does a different team own it? {#team yes: servers +100}

  Evidence: [Istio](/case-studies/istio-istiod/).

- [ ] Does it scale differently? {#scaling yes: servers +100}
- [ ] Is it written in another language? {#language yes: servers +100}
- [ ] Is it part of every response? {#response yes: serverless +1}

  Evidence: [Prime Video](/case-studies/prime-video-monitoring/).
`

const (
	serverlessLabel = "Serverless functions and managed workflows"
	serversLabel    = "Long-running services on containers or VMs"
)

// decided is what "What decided it" lists: one line per answer.
func decided(tab *browsertest.Tab) string {
	return browsertest.Eval[string](tab, `(() => {
		const box = document.querySelector('.checklist-decided');
		if (box.hidden) return '(hidden)';
		return Array.from(box.querySelectorAll('.checklist-decider')).map(li => li.textContent).join(' | ');
	})()`)
}

// decidedLinks lists the links of "What decided it" that are not the
// questions themselves: the cases, as text -> href.
func decidedLinks(tab *browsertest.Tab) string {
	return browsertest.Eval[string](tab, `Array.from(document.querySelectorAll('.checklist-decider-cases a')).map(a => a.textContent + ' -> ' + a.getAttribute('href')).join(' | ')`)
}

func answer(tab *browsertest.Tab, id, value string) {
	tab.Do(chromedp.Click(chromedp.CSS(`[data-question="` + id + `"] input[value="` + value + `"]`)))
}

func TestBrowserGatesAndBlockers(t *testing.T) {
	base := serveChecklist(t, rulesPage)
	url := base + "/checklists/arch/"
	tab := browsertest.New(t).NewTab()
	tab.Navigate(url)
	waitText(tab, ".checklist-progress", "0 of 7 answered")

	// 300 points to 1, with the gates and blockers still unanswered: the
	// leader wins on points, and the reader is told what could still rule
	// it out.
	for _, id := range []string{"team", "scaling", "language", "response"} {
		answer(tab, id, "yes")
	}
	onPoints := "Recommendation: " + serversLabel + " (300 points), ahead of " + serverlessLabel + " (1 point). Before acting on it, answer the 2 questions that could still rule it out."
	waitText(tab, ".checklist-summary", onPoints)
	if got, want := decided(tab), "+100 Does a different team own it? (yes) Cases: Istio"; got != want {
		t.Errorf("decided by, on points:\n got %q\nwant %q", got, want)
	}

	t.Run("an unmet gate rules an option out whatever the score", func(t *testing.T) {
		// The option left is recommended, and it could itself still be
		// ruled out by the unanswered "move" blocker.
		ruledOut := "Recommendation: " + serverlessLabel + " (1 point). Ruled out whatever the score: " + serversLabel + " (300 points). Before acting on it, answer the question that could still rule it out."
		for _, v := range []string{"no", "unsure"} {
			answer(tab, "on-call", v)
			waitText(tab, ".checklist-summary", ruledOut)
			word := map[string]string{"no": "no", "unsure": "not sure"}[v]
			if got, want := decided(tab), "Rules out "+serversLabel+": Is someone on call for it? ("+word+") Cases: Amazon, Segment"; got != want {
				t.Errorf("decided by, gate answered %s:\n got %q\nwant %q", v, got, want)
			}
			if got, want := decidedLinks(tab), "Amazon -> /case-studies/amazon-services/ | Segment -> /case-studies/segment-goodbye-microservices/"; got != want {
				t.Errorf("the cases behind the gate:\n got %q\nwant %q", got, want)
			}
			blocked := browsertest.Eval[bool](tab, `document.querySelector('.checklist-score[data-option="servers"]').classList.contains('is-blocked')`)
			top := browsertest.Eval[string](tab, `document.querySelector('.checklist-score.is-top').dataset.option`)
			if !blocked || top != "serverless" {
				t.Errorf("scores: servers blocked = %v, top = %q; want true, serverless", blocked, top)
			}
		}
		answer(tab, "on-call", "yes")
		waitText(tab, ".checklist-summary", "Recommendation: "+serversLabel+" (300 points), ahead of "+serverlessLabel+" (1 point). Before acting on it, answer the question that could still rule it out.")
	})

	t.Run("a hard blocker cannot be out-voted", func(t *testing.T) {
		answer(tab, "tx", "yes")
		waitText(tab, ".checklist-summary", "Recommendation: "+serverlessLabel+" (1 point). Ruled out whatever the score: "+serversLabel+" (300 points). Before acting on it, answer the question that could still rule it out.")
		if got, want := decided(tab), "Rules out "+serversLabel+": Must one transaction span both sides? (yes) Cases: Shared database vs. database per service"; got != want {
			t.Errorf("decided by, blocker answered yes:\n got %q\nwant %q", got, want)
		}
		answer(tab, "tx", "no")
		waitText(tab, ".checklist-summary", "Recommendation: "+serversLabel+" (300 points), ahead of "+serverlessLabel+" (1 point).")
	})

	t.Run("when every option is ruled out, the result says so", func(t *testing.T) {
		answer(tab, "on-call", "no")
		answer(tab, "move", "yes")
		waitText(tab, ".checklist-summary", "Every option is ruled out by your answers: "+serversLabel+", "+serverlessLabel+". Settle what rules them out before choosing.")
		if got, want := decided(tab), "Rules out "+serversLabel+": Is someone on call for it? (no) Cases: Amazon, Segment | Rules out "+serverlessLabel+": Must it move to another provider? (yes)"; got != want {
			t.Errorf("decided by, everything ruled out:\n got %q\nwant %q", got, want)
		}
		if n := browsertest.Eval[int](tab, `document.querySelectorAll('.checklist-score.is-top').length`); n != 0 {
			t.Errorf("%d options marked as the recommendation, want none", n)
		}
	})

	t.Run("the blockers survive a reload", func(t *testing.T) {
		tab.Navigate(url)
		waitText(tab, ".checklist-progress", "7 of 7 answered")
		waitText(tab, ".checklist-summary", "Every option is ruled out by your answers: "+serversLabel+", "+serverlessLabel+". Settle what rules them out before choosing.")
	})
}

// TestBrowserRulesOnPaper checks that without the script a reader still
// sees which answers rule an option out, and what that means.
func TestBrowserRulesOnPaper(t *testing.T) {
	base := serveChecklist(t, rulesPage)
	tab := browsertest.New(t).NewTab()
	tab.Navigate(base + "/nojs/")
	hints := browsertest.Eval[string](tab, `Array.from(document.querySelectorAll('[data-question="on-call"] .checklist-answer')).filter(l => l.getClientRects().length).map(l => l.textContent.trim()).join(' | ')`)
	if want := "Yes | No rules out servers | Not sure rules out servers"; hints != want {
		t.Errorf("the gate's answers on paper:\n got %q\nwant %q", hints, want)
	}
	tag := browsertest.Eval[string](tab, `document.querySelector('[data-question="tx"] .checklist-tag').textContent`)
	paper := browsertest.Eval[string](tab, `document.querySelector('.checklist-paper').innerText`)
	if tag != "Hard blocker" || !strings.Contains(paper, "rules out takes that option off the table whatever its total") {
		t.Errorf("on paper: blocker tag %q, instructions %q", tag, paper)
	}
}

// TestBrowserRulesPhoneWidth checks that a result with an option ruled out
// and the answers that decided it fits a phone's width.
func TestBrowserRulesPhoneWidth(t *testing.T) {
	base := serveChecklist(t, rulesPage)
	tab := browsertest.New(t).NewTab()
	tab.Do(chromedp.EmulateViewport(360, 740))
	tab.Navigate(base + "/checklists/arch/#answers=on-call:no,team:yes,response:yes,move:no")
	tab.WaitFor(`!document.querySelector('.checklist-decided').hidden`, 5*time.Second)
	if w := browsertest.Eval[float64](tab, `document.documentElement.scrollWidth - window.innerWidth`); w > 0 {
		t.Errorf("the page scrolls sideways by %vpx at 360px wide", w)
	}
}
