// How a checklist's answers become a recommendation: pure functions from
// the checklist's model (see generator/internal/checklist) and the reader's
// answers to a result. checklist.js shows the result; this file touches no
// page, so the rules live in one place:
//   - each answer adds its weights to the options' totals;
//   - an answer listed in a question's "blocks" rules options out (an unmet
//     prerequisite, a hard blocker), whatever their totals;
//   - the recommendation is the best option left; the answers that decided
//     it are the ones that ruled options out, then the fewest of the
//     leader's largest weights that outweigh the runner-up on their own.
// It is an ES module: checklist.js imports scoring from it.
export const scoring = (function () {
  "use strict";

  // Numbers shown to the reader: at most two decimals, a real minus sign.
  function num(n) {
    var s = String(Math.round(Math.abs(n) * 100) / 100);
    return n < 0 ? "\u2212" + s : s;
  }

  function signed(n) {
    return n < 0 ? num(n) : "+" + num(n);
  }

  function points(n) {
    return num(n) + (Math.abs(n) === 1 ? " point" : " points");
  }

  function has(obj, key) {
    return !!obj && Object.prototype.hasOwnProperty.call(obj, key);
  }

  // score adds up each option's weights, keeping the answers that moved it
  // (largest first), the answers that ruled it out, and the unanswered
  // questions that could still rule it out. Options come back best first,
  // ties in declared order.
  function score(model, answers) {
    var rows = model.options.map(function (o, i) {
      return { option: o, index: i, total: 0, reasons: [], blockers: [], pending: [] };
    });
    var byId = {};
    rows.forEach(function (r) { byId[r.option.id] = r; });
    model.questions.forEach(function (q) {
      var v = has(answers, q.id) ? answers[q.id] : "";
      var weights = (v && has(q.answers, v) && q.answers[v]) || [];
      weights.forEach(function (w) {
        var r = byId[w.option];
        if (!r) return;
        r.total += w.weight;
        r.reasons.push({ question: q, answer: v, weight: w.weight });
      });
      if (!q.blocks) return;
      if (v) {
        ((has(q.blocks, v) && q.blocks[v]) || []).forEach(function (id) {
          if (byId[id]) byId[id].blockers.push({ question: q, answer: v });
        });
        return;
      }
      var could = {};
      Object.keys(q.blocks).forEach(function (a) {
        q.blocks[a].forEach(function (id) { could[id] = true; });
      });
      Object.keys(could).forEach(function (id) {
        if (byId[id]) byId[id].pending.push(q);
      });
    });
    rows.forEach(function (r) {
      r.total = Math.round(r.total * 100) / 100;
      r.reasons.sort(function (a, b) { return Math.abs(b.weight) - Math.abs(a.weight); });
    });
    return rows.sort(function (a, b) { return b.total - a.total || a.index - b.index; });
  }

  // leader is the recommended option among those left, or null when none
  // is: all are ruled out, the leaders are tied, or no answer has counted.
  function leader(rows, open) {
    if (!open.length) return null;
    if (open.length === 1) return rows.length > 1 || open[0].reasons.length ? open[0] : null;
    if (!open.some(function (r) { return r.reasons.length; })) return null;
    return open[0].total > open[1].total ? open[0] : null;
  }

  // deciders lists the answers that decided the result: every answer that
  // ruled an option out (one entry per question), then, when the leader won
  // on points, its largest weights until they alone outweigh the runner-up.
  function deciders(rows, open, lead) {
    var out = [];
    var byQuestion = {};
    rows.forEach(function (r) {
      r.blockers.forEach(function (b) {
        var d = byQuestion[b.question.id];
        if (!d) {
          d = byQuestion[b.question.id] = { question: b.question, answer: b.answer, rulesOut: [] };
          out.push(d);
        }
        d.rulesOut.push(r.option);
      });
    });
    if (!lead || open.length < 2) return out;
    var against = open[1].total;
    var sum = lead.reasons.reduce(function (s, r) { return r.weight < 0 ? s + r.weight : s; }, 0);
    lead.reasons.some(function (r) {
      if (r.weight <= 0) return false;
      sum += r.weight;
      out.push({ question: r.question, answer: r.answer, weight: r.weight });
      return sum > against;
    });
    return out;
  }

  function labels(rows) {
    return rows.map(function (r) { return r.option.label; }).join(", ");
  }

  function byPoints(rows) {
    if (!rows.some(function (r) { return r.reasons.length; })) {
      return "Your answers so far favour no option.";
    }
    var best = rows[0];
    var tied = rows.filter(function (r) { return r.total === best.total; });
    if (tied.length > 1) {
      return "Tied at " + points(best.total) + ": " + labels(tied) + ". More answers may break the tie.";
    }
    var s = "Recommendation: " + best.option.label + " (" + points(best.total) + ")";
    if (rows.length > 1) s += ", ahead of " + rows[1].option.label + " (" + points(rows[1].total) + ")";
    return s + ".";
  }

  function summary(rows, open, lead, done) {
    if (done === 0) return "Answer the questions to see a recommendation.";
    var blocked = rows.filter(function (r) { return r.blockers.length; });
    if (blocked.length && !open.length) {
      return "Every option is ruled out by your answers: " + labels(blocked) + ". Settle what rules them out before choosing.";
    }
    var s = open.length === 1 && blocked.length ?
      "Recommendation: " + open[0].option.label + " (" + points(open[0].total) + ")." :
      byPoints(open);
    if (blocked.length) {
      s += " Ruled out whatever the score: " + blocked.map(function (r) {
        return r.option.label + " (" + points(r.total) + ")";
      }).join(", ") + ".";
    }
    if (lead && lead.pending.length) {
      s += lead.pending.length === 1 ?
        " Before acting on it, answer the question that could still rule it out." :
        " Before acting on it, answer the " + lead.pending.length + " questions that could still rule it out.";
    }
    return s;
  }

  // outcome is everything the result shows for these answers.
  function outcome(model, answers) {
    var rows = score(model, answers);
    var open = rows.filter(function (r) { return !r.blockers.length; });
    var lead = leader(rows, open);
    return {
      rows: rows,
      leader: lead,
      deciders: deciders(rows, open, lead),
      summary: summary(rows, open, lead, Object.keys(answers).length)
    };
  }

  return { outcome: outcome, num: num, signed: signed, points: points };
})();
