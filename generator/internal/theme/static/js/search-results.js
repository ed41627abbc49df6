// Site search, part 4 of 5: the results of a query. It filters the pages
// search-rank.js found by section, tag and the index's facets, counts the
// pages behind each filter value, orders them, and says what each result
// shows: an excerpt of the page and its best places (sub-results), each
// under its heading with an excerpt.
(function () {
  "use strict";

  var ns = window.tradeoffsSearch, rank = ns.rank, PAGE = ns.engine.PAGE;
  // MAX_SUBS is how many places of a page a result shows.
  var MAX_SUBS = 3;

  // hasFilter reports whether filters narrow the pages at all.
  function hasFilter(f) {
    var fs = f.facets || {};
    return !!(f.section || f.tag || Object.keys(fs).some(function (k) { return fs[k]; }));
  }

  // search runs a query and resolves to its results: the ranked pages
  // (hits) that pass the filters, {section, tag, facets: {name: value}}
  // ("2016-2020", "2016-" or "2016" for a range), with the count of pages
  // behind each section (counts: "sections") or each value of every
  // filter (counts: "all"; see finish). With no words but a filter, every
  // page that passes is a result, in page order (res.browse).
  function search(ix, q, filters, counts) {
    filters = filters || {};
    if (!q.trim() && hasFilter(filters)) {
      var res = { query: q, words: [], hits: [], partial: false, browse: true, variants: [], scores: null };
      return ix.entry.then(function (e) {
        var ids = [];
        for (var id = 0; id < e.docs; id++) ids.push(id);
        return finish(ix, res, ids, filters, counts);
      });
    }
    return rank.match(ix, q).then(function (m) {
      if (m.res.words.length === 0) {
        m.res.sections = new Map();
        return m.res;
      }
      return finish(ix, m.res, m.ids, filters, counts);
    });
  }

  // parseRange reads a range facet's value: "lo-hi", "lo-", "-hi" or "n".
  function parseRange(v) {
    var m = /^(\d*)(-?)(\d*)$/.exec(v) || ["", "", "-", ""];
    var lo = m[1] ? +m[1] : -Infinity, hi = m[3] ? +m[3] : Infinity;
    if (!m[2]) hi = lo;
    return [lo, hi];
  }

  // predicates returns a test per active filter, keyed by what it filters
  // ("section", "tag" or a facet's name). A filter of a facet the index
  // does not have is ignored; of a section or tag it does not have, it
  // passes no page.
  function predicates(ix, f, tags, facets) {
    var out = [];
    if (f.section) {
      var sec = ix.e.sections.find(function (s) { return s[0] === f.section; });
      out.push({ key: "section", test: function (id) { return !!sec && id >= sec[2] && id < sec[3]; } });
    }
    if (f.tag) {
      var tagged = tags.get(f.tag) || new Set();
      out.push({ key: "tag", test: function (id) { return tagged.has(id); } });
    }
    facets.forEach(function (fc) {
      var v = f.facets && f.facets[fc.name];
      if (!v) return;
      var set = new Set();
      if (fc.range) {
        var r = parseRange(v);
        fc.values.forEach(function (x) {
          if (+x[0] >= r[0] && +x[0] <= r[1]) x[1].forEach(function (id) { set.add(id); });
        });
      } else {
        var hit = fc.values.find(function (x) { return x[0] === v; });
        if (hit) set = hit[1];
      }
      out.push({ key: fc.name, test: function (id) { return set.has(id); } });
    });
    return out;
  }

  // finish keeps the pages that pass every filter, in rank order, and
  // counts, for each filter, the pages that pass all the others: what
  // choosing one of its values would show. res.sections maps section ids
  // to counts; with counts "all", res.tags is [[tag, count], ...] and
  // res.facets the index's facets, each {name, label, range, values:
  // [[value, count], ...]}; values with no page are left out.
  function finish(ix, res, ids, filters, counts) {
    var t0 = performance.now(), all = counts === "all";
    var fs = filters.facets || {};
    var wantFacets = all || Object.keys(fs).some(function (k) { return fs[k]; });
    return Promise.all([filters.tag || all ? ix.tags() : null, wantFacets ? ix.facets() : []]).then(function (got) {
      var tags = got[0], facets = got[1], preds = predicates(ix, filters, tags, facets);
      // fails[i] has bit k set when ids[i] fails preds[k].
      var fails = ids.map(function (id) {
        var bits = 0;
        preds.forEach(function (p, k) { if (!p.test(id)) bits |= 1 << k; });
        return bits;
      });
      function passing(key) {
        var k = preds.findIndex(function (p) { return p.key === key; });
        var mask = k < 0 ? 0 : 1 << k;
        return ids.filter(function (id, i) { return (fails[i] & ~mask) === 0; });
      }
      res.sections = new Map();
      passing("section").forEach(function (id) {
        var s = ix.sectionOf(id);
        if (s) res.sections.set(s[0], (res.sections.get(s[0]) || 0) + 1);
      });
      if (all) {
        res.tags = countSets(tags, passing("tag"));
        res.facets = facets.map(function (fc) {
          var ok = passing(fc.name);
          return { name: fc.name, label: fc.label, range: fc.range, values: fc.values.map(function (x) {
            return [x[0], countIn(x[1], ok)];
          }).filter(function (x) { return x[1] > 0; }) };
        });
        res.tags.sort(function (a, b) { return b[1] - a[1] || ns.text.cmp(a[0], b[0]); });
      }
      var hits = ids.filter(function (id, i) { return fails[i] === 0; });
      var sc = res.scores;
      if (sc) {
        hits.sort(function (a, b) {
          return (sc.count[b] - sc.count[a]) || (sc.total[b] - sc.total[a]) || (a - b);
        });
      }
      res.hits = hits.map(function (id) {
        return { id: id, score: sc ? sc.total[id] : 0, block: sc ? rank.bestBlock(sc, id) : 0 };
      });
      res.rankMs = performance.now() - t0;
      return res;
    });
  }

  function countIn(set, ids) {
    var c = 0;
    ids.forEach(function (id) { if (set.has(id)) c++; });
    return c;
  }

  // countSets returns [[name, count], ...] of the sets holding some of ids.
  function countSets(m, ids) {
    var out = [];
    m.forEach(function (set, name) {
      var c = countIn(set, ids);
      if (c > 0) out.push([name, c]);
    });
    return out;
  }

  // ---- What a result shows ----

  // wordRecords returns, for each query word, the top-list record of the
  // page from the word's best variant that lists it (null if none does),
  // with the word's score on the page.
  function wordRecords(res, id) {
    return res.variants.map(function (list, wi) {
      var b = res.scores.best[wi].get(id), out = null;
      if (!b) return null;
      list.forEach(function (v) {
        if (out && out.f >= v.f) return;
        var r = v.t.top.find(function (x) { return x.id === id; });
        if (r) out = { r: r, doc: v.t.shard.docs.get(id), s: b.s, f: v.f };
      });
      return out;
    });
  }

  // mergeSubs gathers the places the words' records show: the page as a
  // whole (or its untitled intro), and the blocks under headings, those
  // where more words occur first, then by the words' scores, earlier ranks
  // counting more.
  function mergeSubs(recs) {
    var byBlock = new Map(), page = null, pageS = -1;
    recs.forEach(function (x) {
      if (!x) return;
      x.r.subs.forEach(function (sub, rank) {
        if (sub.block === PAGE || !sub.heading) {
          if (x.s > pageS) { page = sub; pageS = x.s; }
          return;
        }
        var m = byBlock.get(sub.block);
        if (!m) {
          m = { block: sub.block, anchor: sub.anchor, heading: sub.heading, snippet: sub.snippet, words: 0, score: 0 };
          byBlock.set(sub.block, m);
        }
        m.words++;
        m.score += x.s / (rank + 1);
      });
    });
    var blocks = Array.from(byBlock.values()).sort(function (a, b) {
      return b.words - a.words || b.score - a.score || a.block - b.block;
    });
    return { page: page, blocks: blocks };
  }

  // display resolves to what a result shows: its title and URL, an excerpt
  // of the page as a whole, and up to MAX_SUBS sub-results, each a heading
  // of the page with its anchor and an excerpt of the text under it. The
  // words' top lists hold them for the pages they rank best; for another
  // page the metadata file gives its summary and the headings of the blocks
  // where the words weigh most, without excerpts.
  function display(ix, res, hit) {
    var s = ix.sectionOf(hit.id), section = s ? s[1] : "";
    if (res.browse) {
      return ix.meta(hit.id).then(function (m) { return shown(m, section, { page: null, blocks: [] }, m); });
    }
    var recs = wordRecords(res, hit.id), doc = null, missing = [];
    recs.forEach(function (x, wi) {
      if (x && !doc) doc = x.doc;
      var b = res.scores.best[wi].get(hit.id);
      if (!x && b) missing.push(b);
    });
    var merged = mergeSubs(recs);
    if (doc && missing.length === 0) return Promise.resolve(shown(doc, section, merged, null));
    return ix.meta(hit.id).then(function (m) {
      missing.sort(function (a, b) { return b.s - a.s; }).forEach(function (b) {
        var bl = m.blocks[b.block];
        if (bl && bl.heading && !merged.blocks.some(function (x) { return x.block === b.block; })) {
          merged.blocks.push({ block: b.block, anchor: bl.anchor, heading: bl.heading, snippet: "" });
        }
      });
      return shown(doc || m, section, merged, m);
    });
  }

  function shown(doc, section, merged, meta) {
    var subs = merged.blocks.slice(0, MAX_SUBS).map(function (x) {
      return { anchor: x.anchor, heading: x.heading, snippet: x.snippet };
    });
    var snippet = merged.page ? merged.page.snippet : "";
    if (!snippet && meta && !subs.some(function (x) { return x.snippet; })) snippet = meta.summary;
    return { url: doc.url, title: doc.title, date: doc.date, section: section, snippet: snippet, subs: subs,
      tags: meta ? meta.tags : undefined };
  }

  ns.results = Object.freeze({ search: search, display: display, hasFilter: hasFilter, parseRange: parseRange,
    MAX_SUBS: MAX_SUBS });
})();
