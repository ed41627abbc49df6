// Interactive checklists: the reader's answers to a checklist page's
// questions add up to a recommendation, with the answers that made it.
//
// The page works without this script as a paper checklist; the script only
// adds to it. checklist-score.js, which this module imports, turns answers
// into the result; this file shows it. It reads the markup rendered by the Go package
// generator/internal/checklist (its doc comment is the contract):
//   form.checklist[data-checklist]          one checklist
//   script.checklist-model                  its model, JSON data
//   [data-question] input[name="q-ID"]      a question's checkbox or radios
//   .checklist-status, .checklist-progress-bar, .checklist-progress
//   .checklist-paper / .checklist-live      result without / with the script
//   .checklist-summary, .checklist-scores   the live recommendation
//   .checklist-decided(-list)               the answers that decided it
//   .checklist-evidence                     a question's cases, in its guidance
//   .checklist-copy, .checklist-copy-status, .checklist-share(-link)
// Answers are saved in localStorage under "checklist:" + the checklist id,
// and shared as a fragment "#answers=id:value,id:value" that wins over the
// saved answers when the page opens.
//
// The result can be exported as a decision-record draft (markdown, MADR's
// format, written by checklist-draft.js): copied to the clipboard, or
// downloaded from a Blob URL, with no server. The buttons are made here:
// .checklist-export-copy, .checklist-export-download,
// .checklist-export-status, and .checklist-export, a box showing the draft
// to copy by hand when the clipboard refuses.
import { scoring } from "./checklist-score.js";
import * as checklistDraft from "./checklist-draft.js";
import { el as make } from "./dom.js";

(function () {
  "use strict";

  var STORAGE_PREFIX = "checklist:";
  var HASH_PREFIX = "#answers=";
  var ANSWER_WORDS = { yes: "yes", no: "no", unsure: "not sure" };

  function Checklist(form, model) {
    this.form = form;
    this.use(model);
  }

  // use takes the model and finds the parts of the form. It runs again when
  // the preview server has updated the page in place (the checklist's
  // questions may have changed, and parts may be new elements).
  Checklist.prototype.use = function (model) {
    var form = this.form;
    this.model = model;
    this.key = STORAGE_PREFIX + model.id;
    var el = this.el = {};
    ["status", "progress-bar", "progress", "paper", "live", "summary", "scores",
      "decided", "decided-list", "copy", "copy-status", "share", "share-link"].forEach(function (name) {
      el[name] = form.querySelector(".checklist-" + name);
    });
  };

  // show replaces the paper checklist with the live one.
  Checklist.prototype.show = function () {
    var self = this;
    ["status", "live", "copy"].forEach(function (n) { if (self.el[n]) self.el[n].hidden = false; });
    if (this.el.paper) this.el.paper.hidden = true;
    this.addExport();
  };

  // addExport makes the export buttons, once per form: the preview server
  // may have replaced the form's markup since.
  Checklist.prototype.addExport = function () {
    var actions = this.form.querySelector(".checklist-actions");
    if (!actions || !this.model.options.length ||
      actions.querySelector(".checklist-export-copy")) return;
    var copy = make("button", "checklist-export-copy", "Copy as a decision record");
    var save = make("button", "checklist-export-download", "Download as a decision record");
    copy.type = save.type = "button";
    var status = make("span", "checklist-export-status");
    status.setAttribute("role", "status");
    [copy, save, status].forEach(function (e) {
      actions.appendChild(document.createTextNode(" "));
      actions.appendChild(e);
    });
    var box = make("div", "checklist-export");
    box.hidden = true;
    var label = make("label", null, "Decision record draft, in MADR's format ");
    var text = make("textarea");
    text.readOnly = true;
    text.rows = 14;
    label.appendChild(text);
    box.appendChild(label);
    actions.parentNode.insertBefore(box, actions.nextSibling);
  };

  // exportEl finds an export control (made by addExport).
  Checklist.prototype.exportEl = function (name) {
    return this.form.querySelector(".checklist-export" + (name ? "-" + name : ""));
  };

  Checklist.prototype.inputs = function (id) {
    return this.form.querySelectorAll('input[name="q-' + id + '"]');
  };

  // clean keeps the answers that fit a question of this checklist.
  Checklist.prototype.clean = function (answers) {
    var out = {};
    if (!answers || typeof answers !== "object") return out;
    this.model.questions.forEach(function (q) {
      var v = answers[q.id];
      if (q.kind === "check" ? v === "yes" : Object.prototype.hasOwnProperty.call(ANSWER_WORDS, v)) out[q.id] = v;
    });
    return out;
  };

  Checklist.prototype.read = function () {
    var answers = {};
    this.model.questions.forEach(function (q) {
      this.inputs(q.id).forEach(function (input) {
        if (input.checked) answers[q.id] = input.value;
      });
    }, this);
    return answers;
  };

  Checklist.prototype.write = function (answers) {
    this.model.questions.forEach(function (q) {
      this.inputs(q.id).forEach(function (input) {
        input.checked = answers[q.id] === input.value;
      });
    }, this);
  };

  // Storage can be full, disabled or blocked: the checklist then works for
  // the visit only.
  Checklist.prototype.load = function () {
    try {
      var raw = window.localStorage.getItem(this.key);
      return raw ? this.clean(JSON.parse(raw).answers) : null;
    } catch (e) {
      return null;
    }
  };

  Checklist.prototype.save = function (answers) {
    try {
      if (Object.keys(answers).length === 0) {
        window.localStorage.removeItem(this.key);
      } else {
        window.localStorage.setItem(this.key, JSON.stringify({ answers: answers }));
      }
    } catch (e) { /* see load */ }
  };

  Checklist.prototype.fromHash = function (hash) {
    if (hash.indexOf(HASH_PREFIX) !== 0) return null;
    var answers = Object.create(null); // keys come from the URL
    hash.slice(HASH_PREFIX.length).split(",").forEach(function (pair) {
      var i = pair.indexOf(":");
      if (i > 0) answers[pair.slice(0, i)] = pair.slice(i + 1);
    });
    return this.clean(answers);
  };

  Checklist.prototype.shareURL = function (answers) {
    var pairs = this.model.questions.filter(function (q) {
      return answers.hasOwnProperty(q.id);
    }).map(function (q) { return q.id + ":" + answers[q.id]; });
    var base = window.location.href.split("#")[0];
    return pairs.length ? base + HASH_PREFIX + pairs.join(",") : base;
  };

  // applyHash restores answers shared in the URL, saves them, and takes the
  // fragment out of the address so that a reload shows later changes.
  Checklist.prototype.applyHash = function () {
    var shared = this.fromHash(window.location.hash);
    if (!shared) return false;
    this.write(shared);
    this.save(shared);
    var loc = window.location;
    window.history.replaceState(window.history.state, "", loc.pathname + loc.search);
    return true;
  };

  Checklist.prototype.start = function () {
    var self = this;
    if (!this.applyHash()) {
      var stored = this.load();
      if (stored) this.write(stored);
    }
    this.show();
    this.form.addEventListener("change", function () { self.changed(); });
    // The reset event comes before the inputs are cleared.
    this.form.addEventListener("reset", function () {
      window.setTimeout(function () { self.changed(); }, 0);
    });
    this.form.addEventListener("submit", function (e) { e.preventDefault(); });
    // Delegated, so a copy button the preview server replaced still works.
    this.form.addEventListener("click", function (e) {
      if (!e.target.closest) return;
      if (e.target.closest(".checklist-copy")) self.copy();
      if (e.target.closest(".checklist-export-copy")) self.exportCopy();
      if (e.target.closest(".checklist-export-download")) self.exportDownload();
    });
    window.addEventListener("hashchange", function () {
      if (self.applyHash()) self.update(self.read());
    });
    this.update(this.read());
  };

  Checklist.prototype.changed = function () {
    var answers = this.read();
    this.save(answers);
    this.update(answers);
  };

  Checklist.prototype.update = function (answers) {
    var total = this.model.questions.length;
    var done = Object.keys(answers).length;
    if (this.el["progress-bar"]) this.el["progress-bar"].value = done;
    if (this.el.progress) this.el.progress.textContent = done + " of " + total + " answered";
    ["copy", "download"].forEach(function (n) {
      var b = this.exportEl(n);
      if (b) b.hidden = done === 0;
    }, this);
    if (this.el.share && !this.el.share.hidden) this.showLink(this.shareURL(answers));
    if (this.el.summary && this.model.options.length) this.recommend(answers);
  };

  Checklist.prototype.recommend = function (answers) {
    var result = scoring.outcome(this.model, answers);
    this.el.summary.textContent = result.summary;
    this.showDeciders(result.deciders);
    var rows = result.rows;
    var list = document.createDocumentFragment();
    var top = Math.max.apply(null, rows.map(function (r) { return Math.abs(r.total); }).concat([1]));
    rows.forEach(function (r) { list.appendChild(scoreItem(r, r === result.leader, top)); });
    this.el.scores.replaceChildren(list);
  };

  // showDeciders lists the answers that decided the result, each with the
  // cases its question names in its "Evidence:" paragraph.
  Checklist.prototype.showDeciders = function (deciders) {
    var box = this.el.decided;
    if (!box) return;
    var list = document.createDocumentFragment();
    deciders.forEach(function (d) { list.appendChild(this.deciderItem(d)); }, this);
    this.el["decided-list"].replaceChildren(list);
    box.hidden = deciders.length === 0;
  };

  Checklist.prototype.deciderItem = function (d) {
    var item = make("li", "checklist-decider");
    item.setAttribute("data-question", d.question.id);
    var effect = d.rulesOut ?
      "Rules out " + d.rulesOut.map(function (o) { return o.label; }).join(", ") + ":" :
      scoring.signed(d.weight);
    item.appendChild(make("span", "checklist-decider-effect" + (d.rulesOut ? " is-rule" : ""), effect));
    item.appendChild(document.createTextNode(" "));
    appendQuestion(item, d.question, d.answer);
    var cases = this.evidence(d.question);
    if (cases.length) {
      var span = make("span", "checklist-decider-cases", "Cases: ");
      cases.forEach(function (a, i) {
        if (i) span.appendChild(document.createTextNode(", "));
        span.appendChild(a);
      });
      item.appendChild(document.createTextNode(" "));
      item.appendChild(span);
    }
    return item;
  };

  // evidence copies the links of a question's "Evidence:" paragraph.
  Checklist.prototype.evidence = function (q) {
    var li = document.getElementById(q.anchor);
    var ev = li && li.querySelector(":scope > .checklist-guidance > .checklist-evidence");
    if (!ev) return [];
    return Array.prototype.filter.call(ev.querySelectorAll("a[href]"), function (a) {
      return !a.classList.contains("footnote-ref") && !a.closest("sup");
    }).map(function (a) {
      var copy = make("a", null, a.textContent);
      copy.href = a.getAttribute("href");
      return copy;
    });
  };

  function appendQuestion(item, q, answer) {
    var link = make("a", "checklist-reason-question", q.text);
    link.href = "#" + q.anchor;
    item.appendChild(link);
    var word = q.kind === "check" ? "checked" : ANSWER_WORDS[answer];
    item.appendChild(document.createTextNode(" "));
    item.appendChild(make("span", "checklist-reason-answer", "(" + word + ")"));
  }

  function scoreItem(r, isTop, top) {
    var points = scoring.points;
    var li = make("li", "checklist-score" + (isTop ? " is-top" : "") + (r.blockers.length ? " is-blocked" : ""));
    li.setAttribute("data-option", r.option.id);
    var head = make("p", "checklist-score-head");
    head.appendChild(make("span", "checklist-score-label", r.option.label));
    head.appendChild(document.createTextNode(" "));
    head.appendChild(make("span", "checklist-score-value", points(r.total)));
    li.appendChild(head);
    var track = make("span", "checklist-score-track");
    var bar = make("span", "checklist-score-bar");
    bar.style.width = (Math.max(0, r.total) / top * 100) + "%";
    track.appendChild(bar);
    li.appendChild(track);
    if (r.blockers.length) {
      li.appendChild(make("p", "checklist-blocked", "Ruled out whatever the score, by " +
        (r.blockers.length === 1 ? "one answer." : r.blockers.length + " answers.")));
    }
    if (!r.reasons.length) {
      li.appendChild(make("p", "checklist-reasons-none", "No answer counts toward this yet."));
      return li;
    }
    var ul = make("ul", "checklist-reasons");
    r.reasons.forEach(function (reason) { ul.appendChild(reasonItem(reason)); });
    li.appendChild(ul);
    return li;
  }

  function reasonItem(reason) {
    var item = make("li", "checklist-reason");
    item.appendChild(make("span", "checklist-reason-weight", scoring.signed(reason.weight)));
    item.appendChild(document.createTextNode(" "));
    appendQuestion(item, reason.question, reason.answer);
    return item;
  }

  Checklist.prototype.showLink = function (url) {
    this.el["share-link"].href = url;
    this.el["share-link"].textContent = url;
    this.el.share.hidden = false;
  };

  Checklist.prototype.copy = function () {
    var url = this.shareURL(this.read());
    var status = this.el["copy-status"];
    this.showLink(url);
    var say = function (ok) {
      status.textContent = ok ? "Link copied." : "Copy the link below.";
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(url).then(function () { say(true); }, function () { say(false); });
    } else {
      say(false);
    }
  };

  // draft is the decision-record draft of the answers given so far.
  Checklist.prototype.draft = function () {
    var score = scoring;
    var answers = this.read();
    var result = score.outcome(this.model, answers);
    var lead = result.leader;
    var pending = lead && lead.pending.length ? (lead.pending.length === 1 ?
      "Before acting on it, answer the question that could still rule it out." :
      "Before acting on it, answer the " + lead.pending.length + " questions that could still rule it out.") : "";
    // The page's address without its query or fragment, so the draft's
    // links name the checklist and the answers alone.
    var page = window.location.origin + window.location.pathname;
    var share = this.shareURL(answers);
    return checklistDraft.markdown({
      title: this.draftTitle(),
      url: page,
      share: page + (share.indexOf("#") < 0 ? "" : share.slice(share.indexOf("#"))),
      date: today(),
      answered: Object.keys(answers).length,
      total: this.model.questions.length,
      summary: result.summary,
      pending: pending,
      options: result.rows.map(function (r) {
        return { label: r.option.label, points: score.points(r.total), chosen: r === lead, ruledOut: r.blockers.length > 0 };
      }),
      deciders: result.deciders.map(function (d) {
        return {
          question: d.question.text,
          answer: "Answer: " + (d.question.kind === "check" ? "checked" : ANSWER_WORDS[d.answer]),
          weight: d.rulesOut ? "" : score.signed(d.weight),
          rulesOut: d.rulesOut ? d.rulesOut.map(function (o) { return o.label; }) : null,
          cases: this.evidence(d.question).map(function (a) { return { text: a.textContent, url: a.href }; })
        };
      }, this)
    });
  };

  function today() {
    var d = new Date();
    var two = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  Checklist.prototype.exportCopy = function () {
    var text = this.draft();
    var status = this.exportEl("status");
    var self = this;
    var done = function () {
      status.textContent = "Decision record copied: paste it into your decisions folder and fill in its consequences.";
      self.exportEl().hidden = true;
    };
    var byHand = function () {
      var box = self.exportEl();
      var area = box.querySelector("textarea");
      area.value = text;
      box.hidden = false;
      area.focus();
      area.select();
      status.textContent = "Copy the decision record below.";
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, byHand);
    } else {
      byHand();
    }
  };

  // exportDownload saves the draft as a file, from a Blob URL made on the
  // spot: nothing leaves the browser.
  Checklist.prototype.exportDownload = function () {
    var text = this.draft();
    var name = checklistDraft.fileName(this.draftTitle());
    if (this.blobURL) URL.revokeObjectURL(this.blobURL);
    this.blobURL = URL.createObjectURL(new Blob([text], { type: "text/markdown;charset=utf-8" }));
    var a = make("a");
    a.href = this.blobURL;
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
    this.exportEl("status").textContent = "Decision record saved as " + name + ": give it its number and fill in its consequences.";
  };

  Checklist.prototype.draftTitle = function () {
    var h1 = document.querySelector("h1");
    return (h1 && h1.textContent.trim()) || this.model.id;
  };

  var started = new WeakMap();

  function init() {
    document.querySelectorAll("form.checklist[data-checklist]").forEach(function (form) {
      var data = form.querySelector("script.checklist-model");
      var model;
      try {
        model = JSON.parse(data.textContent);
      } catch (e) {
        return; // no usable model: the paper checklist stays
      }
      var c = started.get(form);
      if (c) {
        c.use(model);
        c.show();
        c.update(c.read());
        return;
      }
      c = new Checklist(form, model);
      started.set(form, c);
      c.start();
    });
  }

  init();
  // The preview server morphs pages in place; bring the new markup to life.
  document.addEventListener("tradeoffs:updated", init);
})();
