package e2e

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/tradeoffs/tradeoffs/generator/internal/browsertest"
	"github.com/tradeoffs/tradeoffs/generator/internal/devserver"
)

// checklistModel is the part of a checklist page's JSON model (see package
// checklist) this test reads.
type checklistModel struct {
	Options []struct {
		ID    string `json:"id"`
		Label string `json:"label"`
	} `json:"options"`
	Questions []struct {
		ID     string              `json:"id"`
		Text   string              `json:"text"`
		Rule   string              `json:"rule"`
		Blocks map[string][]string `json:"blocks"`
	} `json:"questions"`
}

// answerWord is how the result names an answer.
var answerWord = map[string]string{"yes": "yes", "no": "no", "unsure": "not sure"}

// TestEveryChecklistRulesOptionsOutInBrowser opens every checklist of the
// repository's site, so a new one is covered without being listed, and for
// each prerequisite and hard blocker, each answer that rules options out:
// the result must recommend none of them whatever the points, say which
// answer ruled them out, and list the cases behind it. Each checklist must
// have at least one such question.
func TestEveryChecklistRulesOptionsOutInBrowser(t *testing.T) {
	s := builtSite(t)
	pages := bySection(repoContent(t), "checklists")
	if len(pages) == 0 {
		t.Fatal("no checklist pages")
	}
	url := browsertest.Serve(t, devserver.NewHandler(s.Files))
	tab := browsertest.New(t).NewTab()
	for _, p := range pages {
		t.Run(strings.Trim(p.URL, "/"), func(t *testing.T) {
			if _, ok := s.Files.Get(strings.TrimPrefix(p.URL, "/") + "index.html"); !ok {
				t.Fatalf("%s was not built", p.URL)
			}
			tab.Navigate(url + p.URL)
			var m checklistModel
			raw := browsertest.Eval[string](tab, `document.querySelector("form.checklist script.checklist-model").textContent`)
			if err := json.Unmarshal([]byte(raw), &m); err != nil {
				t.Fatalf("the checklist model: %v", err)
			}
			labels := map[string]string{}
			order := map[string]int{}
			for i, o := range m.Options {
				labels[o.ID] = o.Label
				order[o.ID] = i
			}
			rules := 0
			for _, q := range m.Questions {
				answers := make([]string, 0, len(q.Blocks))
				for a := range q.Blocks {
					answers = append(answers, a)
				}
				sort.Strings(answers)
				for _, a := range answers {
					rules++
					blocked := slices.Clone(q.Blocks[a])
					sort.Slice(blocked, func(i, j int) bool { return order[blocked[i]] < order[blocked[j]] })
					checkRuledOut(t, tab, url+p.URL, rules, q.ID, q.Text, a, blocked, labels)
				}
			}
			if rules == 0 {
				t.Errorf("%s has no prerequisite or hard blocker", p.Source)
			}
		})
	}
}

// checkRuledOut opens the page with one answer given (a fresh load, with
// nothing saved) and checks the result. blocked is in the options' order,
// the order the result names them in.
func checkRuledOut(t *testing.T, tab *browsertest.Tab, page string, n int, qid, text, answer string, blocked []string, labels map[string]string) {
	t.Helper()
	browsertest.Eval[bool](tab, `(localStorage.clear(), true)`)
	tab.Navigate(fmt.Sprintf("%s?case=%d#answers=%s:%s", page, n, qid, answer))
	tab.WaitFor(`!document.querySelector(".checklist-decided").hidden`, 5*time.Second)
	summary := browsertest.Eval[string](tab, `document.querySelector(".checklist-summary").textContent`)
	decided := browsertest.Eval[string](tab, `Array.from(document.querySelectorAll(".checklist-decided .checklist-decider")).map(li => li.textContent).join(" | ")`)
	cases := browsertest.Eval[int](tab, `document.querySelectorAll(".checklist-decided .checklist-decider-cases a").length`)
	names := make([]string, 0, len(blocked))
	for _, id := range blocked {
		names = append(names, labels[id])
	}
	if want := "Rules out " + strings.Join(names, ", ") + ": " + text + " (" + answerWord[answer] + ")"; !strings.Contains(decided, want) {
		t.Errorf("%s=%s: \"what decided it\" lacks %q:\n%s", qid, answer, want, decided)
	}
	for _, id := range blocked {
		label := labels[id]
		if label == "" {
			t.Errorf("%s=%s rules out %q, which is not an option", qid, answer, id)
			continue
		}
		if !strings.Contains(summary, "Ruled out whatever the score: ") || !strings.Contains(summary, label) ||
			strings.HasPrefix(summary, "Recommendation: "+label) {
			t.Errorf("%s=%s: the summary does not rule out %q:\n%s", qid, answer, label, summary)
		}
		if !browsertest.Eval[bool](tab, `document.querySelector('.checklist-score[data-option="`+id+`"]').classList.contains("is-blocked")`) {
			t.Errorf("%s=%s: the score of %s is not marked as ruled out", qid, answer, id)
		}
	}
	if cases == 0 {
		t.Errorf("%s=%s: no cases listed beside the answer that decided it; give the question an Evidence paragraph", qid, answer)
	}
}
