// Package checklist owns interactive checklist pages: the markdown syntax of
// their questions and weights, its checks at build time, the checklist
// model, and the HTML that generator/internal/theme's checklist-score.js,
// checklist.js and checklist.css bring to life. It is a goldmark extension.
//
// # Writing a checklist (for CONTRIBUTING.md)
//
// A checklist page declares in its front matter the options the answers
// lean toward:
//
//	options:
//	  - id: serverless
//	    label: Serverless functions and managed workflows
//	  - id: servers
//	    label: Long-running services on containers or VMs
//
// Option ids use lowercase letters, digits, "-" and "_"; yes, no, unsure,
// gate and blocker are reserved. Its body asks questions as GFM task list items; headings
// group them:
//
//	## Usage and scale
//
//	- [ ] Does the workload run near its peak for most of the day? {yes: servers +2; no: serverless +1}
//
//	  Steady load pays the serverless premium on every request. See the
//	  [serverless vs. containers calculator](/calculators/serverless-vs-containers/).
//
//	- [ ] Do you have a team to run servers? {servers +1}
//	- [ ] Is this only for our notes?
//
// The first paragraph of a task item is the question. A {...} block at its
// end gives the weights:
//
//   - {servers +1}: a checkbox; checking it adds 1 to servers. Several
//     "option ±N" pairs may follow each other, separated by spaces or commas:
//     {serverless +2, servers -1}.
//   - {yes: servers +2; no: serverless +1}: a yes / no / not sure question,
//     each answer with its own weights; "unsure:" may carry weights too.
//     Answers are separated by ";", and may come in any order.
//   - {gate: servers}: a prerequisite of servers, asked yes / no / not sure.
//     Only Yes meets it; No and Not sure rule servers out, whatever its
//     score ("on call", "tracing", "deployment automation").
//   - {blocker: serverless}: a hard blocker of serverless. Only No clears
//     it; Yes and Not sure rule serverless out, whatever its score ("a
//     transaction must span the boundary"). Not sure counts against the
//     option in both: a prerequisite nobody can confirm is not met, and a
//     blocker nobody can exclude is still there.
//     A gate or blocker may name several options, {gate: a, b}, and stands
//     alone in its block: it carries no weights, because points cannot
//     outweigh it. The result recommends the best option not ruled out.
//   - no block: a checkbox without weight, which only counts for progress.
//   - {#peak-load ...}: an id for the question, written first in the block;
//     {#peak-load} alone pins the id of an unweighted checkbox. Without one,
//     a question's id is a slug of its text (the first 48 characters,
//     accents dropped), deduplicated in page order with -2, -3, ... Saved
//     and shared answers are keyed by question id: they survive edits
//     elsewhere on the page, and a pinned id also survives rewording.
//
// Weights are whole or decimal numbers from -100 to 100, with or without a
// sign (+2, -0.5, 1), never 0. The block may wrap onto the next lines of the
// paragraph. Braces elsewhere in a question stay text, and so does an
// escaped \{. In a checklist page every task item is a question, "- [x]"
// included (it starts unanswered).
//
// Content nested under the item (paragraphs, lists, links, code) is the
// question's guidance, always shown below it. A paragraph of the guidance
// that starts with "Evidence:" names the cases behind the question:
//
//	Evidence: [Segment](/case-studies/segment-goodbye-microservices/), [Istio](/case-studies/istio-istiod/).
//
// The result lists its links beside each answer that decided the
// recommendation. A question has at most one such paragraph, with at least
// one link.
//
// # Diagnostics
//
// Each is reported at file:line:col in the page file: a malformed weight
// block (with what to write instead; a gate or blocker with weights, with
// answers, without options or naming one twice), an unclosed block, an
// unknown option (with the closest declared one), weights in a page without
// options, a duplicate {#id}, an empty question, an "Evidence:" paragraph
// without links or given twice, bad options (id, reserved id, duplicate, no
// label); warnings for an option no question weighs toward
// (only when there is no error), a "[x]" item, and a checklist without
// questions.
//
// # Using the extension
//
// Add Extension to the converter next to GFM (which brings task lists):
//
//	md := goldmark.New(goldmark.WithExtensions(extension.GFM, checklist.Extension{}), ...)
//
// Converters are shared by every page a worker converts, so all
// per-document state lives in the parser.Context. For a checklist page:
//
//	pc := parser.NewContext()
//	checklist.Enable(pc, checklist.Config{ID: "should-we-split-this-service", Options: opts,
//		File: "content/checklists/should-we-split-this-service.md", BodyLine: 12})
//	err := md.Convert(body, &buf, parser.WithContext(pc))
//	model, diags := checklist.Result(pc)
//
// Pages converted without Enable are untouched: their task lists render as
// GFM's disabled checkboxes and braces stay text. Option.Pos (the position
// of the option in the front matter) places the warnings about options;
// without it they name the file only.
//
// The transformer runs at priority 900, late among AST transformers, and
// wraps the document's blocks in a Form node: code that looks for headings
// or links must walk the tree (ast.Walk), not only the document's top
// level. Question text and guidance stay ordinary goldmark nodes under
// QuestionNode and Guidance, so link rewriting and plain-text extraction
// see them as usual.
//
// # The HTML contract
//
// This is the markup checklist.js and checklist.css rely on; the golden
// files in testdata/ show it whole.
//
//	<form class="checklist" id="checklist-ID" data-checklist="ID">
//	  <p class="checklist-status" hidden>            progress, shown by the script
//	    <progress class="checklist-progress-bar" max="N" value="0"></progress>
//	    <span class="checklist-progress">0 of N answered</span></p>
//	  ... the page's blocks; headings keep their ids ...
//	  <ul class="checklist-questions">                 (or <ol>) a list holding questions
//	    <li id="q-QID" class="checklist-item">         ANCHOR = q-QID, deduplicated against heading ids
//	      <div class="checklist-question" data-question="QID">          a checkbox question
//	        <label class="checklist-check"><input type="checkbox" name="q-QID" value="yes"
//	          aria-describedby="ANCHOR-guidance"> <span class="checklist-text">question</span>
//	          <span class="checklist-hint">servers +1</span></label></div>
//	      <fieldset class="checklist-question" data-question="QID">     a yes / no question
//	        <legend class="checklist-text"><span class="checklist-tag">Prerequisite|Hard blocker</span>
//	          question</legend>                        the tag only for a gate or blocker
//	        <div class="checklist-answers"><label class="checklist-answer">
//	          <input type="radio" name="q-QID" value="yes|no|unsure"> Yes|No|Not sure
//	          <span class="checklist-hint">...</span>          the answer's weights
//	          <span class="checklist-hint checklist-rules-out">rules out OPTION</span>
//	          </label> ...</div></fieldset>
//	      <div class="checklist-guidance" id="ANCHOR-guidance">nested content
//	        <div class="checklist-evidence"><p>Evidence: links</p></div></div>
//	    </li></ul>
//	  <section class="checklist-result">
//	    <h2 class="checklist-result-title">Your result</h2>
//	    <div class="checklist-paper">how to add up by hand (and what "rules out"
//	      means, when there are gates or blockers), and the options' labels</div>
//	    <div class="checklist-live" hidden>
//	      <output class="checklist-summary" aria-live="polite">...</output>
//	      <div class="checklist-decided" hidden><h3 class="checklist-decided-title">
//	        <ul class="checklist-decided-list"></ul></div>    the answers that decided it
//	      <ol class="checklist-scores"></ol></div>     filled by the script
//	    <p class="checklist-actions"><button type="reset" class="checklist-reset">
//	      <button type="button" class="checklist-copy" hidden>
//	      <span class="checklist-copy-status" role="status"></span></p>
//	    <p class="checklist-share" hidden><a class="checklist-share-link"></a></p>
//	  </section>
//	  <script type="application/json" class="checklist-model">Checklist as JSON</script>
//	</form>
//
// The paper and live parts are left out when the page has no options. Input
// names carry a "q-" prefix so that a question id such as "reset" cannot
// shadow the form's own properties. Hints show each answer's weights, so
// the page is a complete checklist on paper and without JavaScript: the
// inputs work, the reset button works, and .checklist-paper says how to add
// up the numbers. Everything is written by html/template: the JSON model
// escapes "<", so no question can close its <script>.
//
// The JSON model gives each gate or blocker question "rule" and "blocks"
// (answer -> the options it rules out); checklist-score.js applies them and
// never needs to know the difference between the two.
//
// The layout must link the site's joined stylesheet (checklist.css is one of
// its files) and load the module js/checklist.js (<script type="module">),
// which imports js/checklist-score.js and js/checklist-draft.js; the
// scripts do nothing on pages without a form.checklist, so loading them
// everywhere is harmless. The script adds buttons to .checklist-actions
// that copy or download the result as a decision record in MADR's format
// (checklist-draft.js writes it). It saves answers in localStorage under "checklist:" + ID and shares them as
// "#answers=QID:yes,QID:no" (a fragment, never sent to the server), which
// wins over the saved answers when the page opens.
package checklist
