// A checklist's result as a decision-record draft: markdown in MADR's
// format (https://adr.github.io/madr/), with the question, the answers that
// decided it and the cases behind them, the options with their points and
// the recommendation. checklist.js gathers what the result shows and offers
// the draft to copy or download; this module is a pure function of that
// and touches no page. The draft is a record the site's own decisions/
// section accepts as it is: status proposed, MADR's sections, consequences
// left for the team to write.

// inline escapes text for a markdown line: nothing in a question can
// become a link, emphasis or HTML.
function inline(s) {
  return String(s).replace(/\s+/g, " ").trim().replace(/[\\`*_[\]<>#|]/g, "\\$&");
}

// link writes a markdown link; the address is the page's absolute URL,
// so the draft's links work wherever it is pasted.
function link(text, url) {
  return "[" + inline(text) + "](" + String(url).replace(/[()\s]/g, encodeURIComponent) + ")";
}

function list(items) {
  return items.map(function (s) { return "* " + s; }).join("\n");
}

// effect says what an answer did: "rules out X" or "+2 for X".
function effect(d, lead) {
  if (d.rulesOut && d.rulesOut.length) return "rules out " + d.rulesOut.map(inline).join(", ");
  return d.weight + (lead ? " for " + inline(lead) : "");
}

// because is the outcome's justification, from the options' points and
// the ones the answers ruled out.
function because(input) {
  var lead = input.options.filter(function (o) { return o.chosen; })[0];
  var open = input.options.filter(function (o) { return !o.chosen && !o.ruledOut; });
  var out = input.options.filter(function (o) { return o.ruledOut; }).map(function (o) { return inline(o.label); });
  if (!open.length) return "the answers above rule out " + out.join(", ") + ", whatever the score.";
  var s = "it scores highest (" + lead.points + "), ahead of " +
    open.map(function (o) { return inline(o.label) + " (" + o.points + ")"; }).join(", ");
  if (out.length) s += ", and the answers above rule out " + out.join(", ");
  return s + ".";
}

// markdown returns the draft. input:
//   title     the checklist's title (its page's heading)
//   url       the checklist page's URL; share: the URL with the answers
//   date      today, YYYY-MM-DD
//   answered, total   how many questions are answered, of how many
//   summary   the result's summary sentence
//   pending   a sentence about questions that could still rule the
//             recommendation out, or ""
//   options   [{label, points, chosen, ruledOut}], best first
//   deciders  [{question, answer, weight, rulesOut: [labels], cases: [{text, url}]}]
export function markdown(input) {
  var lead = input.options.filter(function (o) { return o.chosen; })[0];
  var out = [];
  out.push("---", "status: proposed", "date: " + input.date, "decision-makers:", "---", "");
  var question = String(input.title).trim().replace(/[?.!:]+$/, "");
  out.push("# " + inline(question) + ": " + (lead ? inline(lead.label) : "undecided"), "");
  out.push("## Context and Problem Statement", "");
  out.push(inline(input.title) + " We worked through the checklist " + link(input.title, input.url) +
    " on " + input.date + " and answered " + input.answered + " of its " + input.total + " questions; " +
    link("these answers", input.share) + " open it as we left it.", "");
  if (input.deciders.length) {
    out.push("## Decision Drivers", "", "The answers that decided it:", "");
    out.push(list(input.deciders.map(function (d) {
      var s = inline(d.question) + " " + inline(d.answer) + "; " + effect(d, lead && lead.label) + ".";
      if (d.cases.length) s += " Evidence: " + d.cases.map(function (c) { return link(c.text, c.url); }).join(", ") + ".";
      return s;
    })), "");
  }
  out.push("## Considered Options", "");
  out.push(list(input.options.map(function (o) {
    return inline(o.label) + " (" + o.points + (o.ruledOut ? ", ruled out" : "") + ")";
  })), "");
  out.push("## Decision Outcome", "");
  if (lead) {
    out.push("Chosen option: \"" + inline(lead.label) + "\", because " + because(input));
    if (input.pending) out.push("", inline(input.pending));
  } else {
    out.push("No option is chosen yet: " + inline(input.summary));
  }
  out.push("", "### Consequences", "", "* Good, because {what becomes easier}", "* Bad, because {what becomes harder}", "");
  var cases = [];
  var seen = {};
  input.deciders.forEach(function (d) {
    d.cases.forEach(function (c) {
      if (!seen[c.url]) {
        seen[c.url] = true;
        cases.push(link(c.text, c.url));
      }
    });
  });
  out.push("## More Information", "");
  out.push("Drafted from the checklist's result: " + inline(input.summary));
  if (cases.length) out.push("", "The evidence behind the deciding answers:", "", list(cases));
  return out.join("\n") + "\n";
}

// fileName is the draft's name for download, as adr-tools names records
// (the team gives it its number).
export function fileName(title) {
  var slug = String(title).toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60).replace(/-+$/, "");
  return "NNNN-" + (slug || "decision") + ".md";
}
