// Site search: the results page, loaded after search.js on that page only.
// It fills the results container with the results of the query in the URL,
// twenty at a time, each with its sub-results, and the filters: section,
// tag and the index's facets (a range of years as two lists), each value
// with the number of pages choosing it would show. The URL carries the
// whole state, so a search is shared by its address:
//   /search/?q=words&section=ID&tag=NAME&company=NAME&year=2016-2020
// A filter with no words lists every page that passes it.
//
// A module (loaded after the module search.js), which makes its elements
// with dom.js.
import { el } from "./dom.js";

(function () {
  "use strict";

  var ns = window.tradeoffsSearch, ui = ns.ui;
  var search = ns.results.search, display = ns.results.display, hasFilter = ns.results.hasFilter,
    parseRange = ns.results.parseRange, matcher = ns.rank.matcher;
  var PAGE_SIZE = 20;
  // WIDE is where the filters stand beside the results, open.
  var WIDE = "(min-width: 64rem)";

  // ---- Query string ----

  function readURL() {
    var p = new URLSearchParams(location.search);
    var st = { q: p.get("q") || "", section: p.get("section") || "", tag: p.get("tag") || "", facets: {} };
    p.forEach(function (v, k) {
      if (k !== "q" && k !== "section" && k !== "tag" && v) st.facets[k] = v;
    });
    return st;
  }

  function writeURL(st) {
    var p = new URLSearchParams();
    if (st.q) p.set("q", st.q);
    if (st.section) p.set("section", st.section);
    if (st.tag) p.set("tag", st.tag);
    Object.keys(st.facets).forEach(function (k) { if (st.facets[k]) p.set(k, st.facets[k]); });
    var qs = p.toString();
    history.replaceState(history.state, "", location.pathname + (qs ? "?" + qs : ""));
  }

  // ---- The page ----

  function ResultsPage(container, form, input) {
    this.c = container;
    this.url = form.getAttribute("data-search-index");
    this.seq = 0;
    this.st = readURL();
    input.value = this.st.q;
    var self = this, timer = 0;
    this.filterBox = el("details", "search-filter-box");
    this.filterBox.open = window.matchMedia(WIDE).matches;
    this.summary = el("summary", "", "Filters");
    this.filters = el("div", "search-filters");
    this.filterBox.append(this.summary, this.filters);
    this.status = el("p", "search-status");
    this.status.setAttribute("role", "status");
    this.list = el("ol", "search-results-list");
    this.moreBtn = el("button", "search-more", "More results");
    this.moreBtn.type = "button";
    this.moreBtn.hidden = true;
    this.main = el("div", "search-main");
    this.main.append(this.status, this.list, this.moreBtn);
    this.mount();
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        self.st.q = input.value;
        self.run();
      }, ui.DEBOUNCE_MS);
    });
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      self.st.q = input.value;
      self.run();
    });
    this.moreBtn.addEventListener("click", function () { self.page(); });
    ui.onReload(function () { self.run(); });
    // The preview server's live client may have made the container as the
    // new page has it: the results go back in.
    document.addEventListener("tradeoffs:updated", function () { self.mount(); });
    this.run();
  }

  ResultsPage.prototype.mount = function () {
    if (this.main.parentNode !== this.c || this.filterBox.parentNode !== this.c || this.c.childElementCount !== 2) {
      this.c.replaceChildren(this.filterBox, this.main);
    }
    this.c.classList.add("search-results-live");
  };

  ResultsPage.prototype.run = function () {
    var self = this, seq = ++this.seq, st = this.st, ix = ui.indexFor(this.url);
    writeURL(st);
    if (!st.q.trim() && !hasFilter(st)) {
      this.show(null, [], "Type words to search for.");
      return;
    }
    search(ix, st.q, st, "all").then(function (res) {
      var hits = res.hits.slice(0, PAGE_SIZE);
      return Promise.all(hits.map(function (h) { return display(ix, res, h); })).then(function (ds) {
        if (seq !== self.seq) return;
        // The old results stay until the new ones are ready, and the new
        // ones replace them at once: no flicker while the reader types.
        self.ix = ix;
        self.res = res;
        self.shown = hits.length;
        self.show(res, ds, ui.statusText(res));
      });
    }).catch(function (err) {
      if (seq !== self.seq) return;
      self.status.textContent = "Search is unavailable right now.";
      console.warn(err);
    });
  };

  // show replaces the filters, status and results with those of res.
  ResultsPage.prototype.show = function (res, ds, status) {
    var self = this;
    this.filters.replaceChildren();
    if (res && res.facets) this.renderFilters(res);
    this.filterBox.hidden = this.filters.childElementCount === 0;
    var active = activeCount(this.st);
    this.summary.textContent = active ? "Filters (" + active + " active)" : "Filters";
    this.status.textContent = status;
    var match = res ? matcher(res) : null;
    this.list.replaceChildren.apply(this.list, ds.map(function (d) { return self.result(d, match); }));
    this.moreBtn.hidden = !res || this.shown >= res.hits.length;
  };

  function activeCount(st) {
    var n = (st.section ? 1 : 0) + (st.tag ? 1 : 0);
    Object.keys(st.facets).forEach(function (k) { if (st.facets[k]) n++; });
    return n;
  }

  // result returns a result's item: its own line, linking to the page, and
  // its sub-results, each linking to its heading.
  ResultsPage.prototype.result = function (d, match) {
    var li = el("li", "search-result");
    var a = el("a", "search-result-link");
    a.href = ui.href(d.url);
    a.append.apply(a, ui.resultParts(d, match));
    li.appendChild(a);
    if (d.subs.length) {
      var subs = el("ul", "search-subs");
      d.subs.forEach(function (s) {
        var sa = el("a", "search-result-link search-sub-link");
        sa.href = ui.href(d.url, s.anchor);
        sa.append.apply(sa, ui.subParts(s, match));
        var sli = el("li", "search-sub");
        sli.appendChild(sa);
        subs.appendChild(sli);
      });
      li.appendChild(subs);
    }
    return li;
  };

  ResultsPage.prototype.page = function () {
    var self = this, res = this.res, ix = this.ix, seq = this.seq, match = matcher(res);
    var hits = res.hits.slice(this.shown, this.shown + PAGE_SIZE);
    this.shown += hits.length;
    Promise.all(hits.map(function (h) { return display(ix, res, h); })).then(function (ds) {
      if (seq !== self.seq) return;
      ds.forEach(function (d) { self.list.appendChild(self.result(d, match)); });
      self.moreBtn.hidden = self.shown >= res.hits.length;
    });
  };

  // ---- Filters ----

  ResultsPage.prototype.renderFilters = function (res) {
    var self = this, st = this.st, f = this.filters;
    function pick(set) {
      return function (v) {
        set(v);
        self.run();
      };
    }
    ui.filterChips(f, "Filter by section", ui.sectionItems(this.ix, res), st.section,
      pick(function (v) { st.section = v; }), "Section");
    ui.filterChips(f, "Filter by tag", res.tags.map(function (t) {
      return { value: t[0], label: t[0], count: t[1] };
    }), st.tag, pick(function (v) { st.tag = v; }), "Tag");
    res.facets.forEach(function (fc) {
      var set = pick(function (v) { st.facets[fc.name] = v; });
      if (fc.range) {
        self.rangeFilter(fc, st.facets[fc.name] || "", set);
        return;
      }
      ui.filterChips(f, "Filter by " + fc.label.toLowerCase(), fc.values.map(function (x) {
        return { value: x[0], label: x[0], count: x[1] };
      }), st.facets[fc.name] || "", set, fc.label);
    });
  };

  // rangeFilter adds a range facet's two lists: its lowest and its highest
  // value, each value with its number of pages.
  ResultsPage.prototype.rangeFilter = function (fc, value, set) {
    if (fc.values.length === 0 && !value) return;
    var r = value ? parseRange(value) : [-Infinity, Infinity];
    var group = ui.filterGroup(this.filters, "Filter by " + fc.label.toLowerCase(), fc.label);
    group.classList.add("search-range");
    var lists = ["from", "to"].map(function (end, i) {
      var id = "search-range-" + fc.name + "-" + end;
      var label = el("label", "search-range-end", end);
      label.htmlFor = id;
      var sel = el("select", "search-range-select");
      sel.id = id;
      sel.setAttribute("aria-label", fc.label + " " + end);
      sel.appendChild(el("option", "", "any")).value = "";
      fc.values.forEach(function (x) {
        var o = el("option", "", x[0] + " (" + x[1] + ")");
        o.value = x[0];
        sel.appendChild(o);
      });
      var cur = r[i];
      if (isFinite(cur)) {
        if (!fc.values.some(function (x) { return +x[0] === cur; })) sel.appendChild(el("option", "", String(cur))).value = String(cur);
        sel.value = String(cur);
      }
      var pair = el("span", "search-range-pair");
      pair.append(label, sel);
      group.appendChild(pair);
      return sel;
    });
    lists.forEach(function (sel) {
      sel.addEventListener("change", function () {
        var lo = lists[0].value, hi = lists[1].value;
        if (lo && hi && +lo > +hi) {
          if (sel === lists[0]) hi = lo; else lo = hi;
        }
        set(lo || hi ? (lo === hi ? lo : lo + "-" + hi) : "");
      });
    });
  };

  // ---- Wiring ----

  function setup() {
    var container = document.getElementById("search-results"), form = ui.pageForm();
    if (!container || !form) return;
    new ResultsPage(container, form, form.querySelector("input[type=search]"));
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
