// Site search, part 5 of 5: the search box in the header, with its list of
// results as the reader types, and what the results page (search-page.js)
// shares with it. It answers queries in the browser from the static index
// files that the generator's search package writes (format: see the
// package documentation of generator/internal/search).
//
// Contract with the layout:
//   <form role="search" action="/search/" data-search-index="/search/entry.json">
//     <input type="search" name="q" ...>
//   </form>
// in the page header; on the results page, a container
//   <div id="search-results"><noscript>(no-JavaScript text)</noscript></div>
// that search-page.js fills. Nothing is fetched until a search box gets
// focus.
//
// Load order: search-text.js, search-engine.js, search-rank.js and
// search-results.js (deferred), then this module, which makes its elements
// with dom.js, then on the results page the module search-page.js.
//
// In the preview server, a "tradeoffs:search-updated" event on document
// (sent by its live client when the index changed) makes every index be
// read again from its entry file, and the open results be searched again.
import { el } from "./dom.js";

(function () {
  "use strict";

  var ns = window.tradeoffsSearch;
  var fold = ns.text.fold, scan = ns.text.scan, tokenize = ns.text.tokenize, stem = ns.text.stem,
    parse = ns.text.parse;
  var Index = ns.engine.Index, search = ns.results.search, display = ns.results.display, matcher = ns.rank.matcher;

  // ---- Rendering (DOM nodes only: index text is never parsed as HTML) ----

  // highlight appends text to parent with matching words in <mark>.
  function highlight(parent, text, match) {
    var last = 0;
    scan(text, function (raw, start, end) {
      var w = fold(raw);
      if (!w || !match(w)) return;
      if (start > last) parent.appendChild(document.createTextNode(text.slice(last, start)));
      parent.appendChild(el("mark", "", text.slice(start, end)));
      last = end;
    });
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
    return parent;
  }

  // href links to a page, or to a heading of it. Index URLs are
  // root-relative or http(s); anything else (a javascript: URL slipped into
  // a page's address) links nowhere.
  function href(url, anchor) {
    if (!/^(\/|https?:)/i.test(url)) return "#";
    return url + (anchor ? "#" + encodeURIComponent(anchor) : "");
  }

  // resultParts returns the nodes of a result's own line: its title, its
  // section, and the excerpt of the page as a whole, if any.
  function resultParts(d, match) {
    var out = [highlight(el("span", "search-result-title"), d.title, match)];
    if (d.section) out.push(el("span", "search-result-meta", d.section));
    if (d.snippet) out.push(highlight(el("span", "search-result-snippet"), d.snippet, match));
    return out;
  }

  // subParts returns the nodes of a sub-result: its heading and excerpt.
  function subParts(s, match) {
    var out = [highlight(el("span", "search-sub-heading"), s.heading, match)];
    if (s.snippet) out.push(highlight(el("span", "search-result-snippet"), s.snippet, match));
    return out;
  }

  function statusText(res) {
    var n = res.hits.length;
    if (n === 0) return "No results for " + (res.browse ? "these filters" : res.query.trim());
    return (n === 1 ? "1 result" : n + " results") + (res.partial ? " (not all words match)" : "");
  }

  // filterGroup adds a group of filter controls named label ("Filter by
  // tag"), with a visible caption if given.
  function filterGroup(parent, label, caption) {
    var group = el("div", "search-filter-group");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", label);
    if (caption) group.appendChild(el("span", "search-filter-label", caption)).setAttribute("aria-hidden", "true");
    parent.appendChild(group);
    return group;
  }

  // filterChips adds a group of toggle buttons, one per value with its
  // count; the value chosen is kept even when no result has it.
  function filterChips(parent, label, items, active, onPick, caption) {
    if (active && !items.some(function (it) { return it.value === active; })) {
      items = [{ value: active, label: active, count: 0 }].concat(items);
    }
    if (items.length === 0) return;
    var group = filterGroup(parent, label, caption);
    items.forEach(function (it) {
      var b = el("button", "search-chip");
      b.type = "button";
      b.setAttribute("data-value", it.value);
      b.setAttribute("aria-pressed", it.value === active ? "true" : "false");
      b.appendChild(document.createTextNode(it.label + " "));
      b.appendChild(el("span", "search-chip-count", String(it.count)));
      b.addEventListener("mousedown", function (ev) { ev.preventDefault(); });
      b.addEventListener("click", function () { onPick(it.value === active ? "" : it.value); });
      group.appendChild(b);
    });
  }

  function sectionItems(ix, res) {
    return ix.e.sections.filter(function (s) { return s[0] && res.sections.get(s[0]); }).map(function (s) {
      return { value: s[0], label: s[1] || s[0], count: res.sections.get(s[0]) };
    });
  }

  // ---- Indexes, one per entry URL, read again when the index changes ----

  var indexes = new Map(), reloads = [];

  function indexFor(url) {
    var ix = indexes.get(url);
    if (!ix) {
      ix = new Index(url);
      indexes.set(url, ix);
    }
    return ix;
  }

  document.addEventListener("tradeoffs:search-updated", function () {
    indexes.forEach(function (ix, url) { indexes.set(url, new Index(url, ix.files)); });
    reloads.forEach(function (f) { f(); });
  });

  // ---- Dropdown (ARIA combobox) ----

  var DEBOUNCE_MS = 60, DROPDOWN_MAX = 8;
  var uid = 0;

  function resultsURL(form, st) {
    var u = new URL(form.getAttribute("action") || "/search/", location.href);
    if (st.q) u.searchParams.set("q", st.q);
    if (st.section) u.searchParams.set("section", st.section);
    return u.pathname + u.search;
  }

  function Box(form, input, url) {
    this.form = form;
    this.input = input;
    this.url = url;
    this.section = "";
    this.seq = 0;
    this.active = -1;
    this.options = [];
    var id = "search-listbox-" + (++uid);
    this.panel = el("div", "search-panel");
    this.panel.hidden = true;
    this.filters = el("div", "search-filters");
    this.status = el("p", "search-status");
    this.status.setAttribute("role", "status");
    this.list = el("ul", "search-listbox");
    this.list.id = id;
    this.list.setAttribute("role", "listbox");
    this.list.setAttribute("aria-label", "Search results");
    this.more = el("a", "search-all", "All results");
    this.panel.append(this.filters, this.status, this.list, this.more);
    this.mount();
    var self = this, timer = 0;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { self.run(); }, DEBOUNCE_MS);
    });
    input.addEventListener("keydown", function (ev) { self.key(ev); });
    input.addEventListener("focus", function () { if (input.value.trim()) self.run(); });
    form.addEventListener("focusout", function (ev) {
      if (!form.contains(ev.relatedTarget)) self.close();
    });
    this.list.addEventListener("mousedown", function (ev) { ev.preventDefault(); });
    // Enter on an active option opens it; the keypress that follows must
    // not also submit the form to the results page.
    form.addEventListener("submit", function (ev) {
      if (self.opening) ev.preventDefault();
    });
    reloads.push(function () { if (!self.panel.hidden) self.run(); });
    // The preview server's live client may have made the form as the new
    // page has it: without the list, and without the combobox's roles.
    document.addEventListener("tradeoffs:updated", function () {
      self.mount();
      self.setActive(self.active);
    });
  }

  // mount puts the list in the form and makes the input its combobox.
  Box.prototype.mount = function () {
    var input = this.input;
    if (!this.form.contains(this.panel)) this.form.appendChild(this.panel);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", this.panel.hidden ? "false" : "true");
    input.setAttribute("aria-controls", this.list.id);
    input.setAttribute("autocomplete", "off");
  };

  Box.prototype.open = function () {
    this.panel.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
  };

  Box.prototype.close = function () {
    this.panel.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.setActive(-1);
  };

  Box.prototype.setActive = function (i) {
    if (this.active >= 0 && this.options[this.active]) this.options[this.active].setAttribute("aria-selected", "false");
    this.active = i;
    if (i >= 0 && this.options[i]) {
      this.options[i].setAttribute("aria-selected", "true");
      this.input.setAttribute("aria-activedescendant", this.options[i].id);
      this.options[i].scrollIntoView({ block: "nearest" });
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  };

  Box.prototype.key = function (ev) {
    var n = this.options.length;
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (this.panel.hidden) {
        if (this.input.value.trim()) this.run();
        return;
      }
      ev.preventDefault();
      if (n === 0) return;
      var d = ev.key === "ArrowDown" ? 1 : -1;
      this.setActive(this.active < 0 ? (d > 0 ? 0 : n - 1) : (this.active + d + n) % n);
    } else if (ev.key === "Enter") {
      if (!this.panel.hidden && this.active >= 0 && this.options[this.active]) {
        ev.preventDefault();
        this.opening = true;
        location.assign(this.options[this.active].querySelector("a").href);
      }
    } else if (ev.key === "Escape") {
      ev.preventDefault();
      if (!this.panel.hidden) this.close();
      else this.input.value = "";
    }
  };

  Box.prototype.run = function () {
    var self = this, q = this.input.value, seq = ++this.seq, ix = indexFor(this.url);
    if (!q.trim()) { this.close(); return; }
    this.more.href = resultsURL(this.form, { q: q, section: this.section });
    search(ix, q, { section: this.section }, "sections").then(function (res) {
      if (seq !== self.seq) return null;
      if (res.words.length === 0) { self.close(); return null; }
      var hits = res.hits.slice(0, DROPDOWN_MAX);
      return Promise.all(hits.map(function (h) { return display(ix, res, h); })).then(function (ds) {
        if (seq === self.seq) self.render(ix, res, ds);
      });
    }).catch(function (err) { self.fail(err); });
  };

  // option adds one option to the list: a result's own line (kind "page")
  // or one of its sub-results ("sub"), which names the page for screen
  // readers.
  Box.prototype.option = function (kind, link, parts, pageTitle) {
    var self = this, li = el("li", "search-result search-" + kind);
    li.id = this.list.id + "-" + this.options.length;
    li.setAttribute("role", "option");
    li.setAttribute("aria-selected", "false");
    li.setAttribute("data-kind", kind);
    li.setAttribute("data-href", link);
    var a = el("a", "search-result-link");
    a.href = link;
    a.tabIndex = -1;
    if (pageTitle) a.appendChild(el("span", "search-sr", pageTitle + ", section: "));
    a.append.apply(a, parts);
    li.appendChild(a);
    li.addEventListener("click", function () { location.assign(link); });
    this.list.appendChild(li);
    self.options.push(li);
  };

  Box.prototype.render = function (ix, res, ds) {
    var self = this, match = matcher(res);
    this.filters.replaceChildren();
    filterChips(this.filters, "Filter by section", sectionItems(ix, res), this.section, function (v) {
      self.section = v;
      self.run();
    });
    var keep = this.active >= 0 && this.options[this.active] ? this.options[this.active].getAttribute("data-href") : null;
    this.list.replaceChildren();
    this.list.setAttribute("data-query", res.query);
    this.options = [];
    ds.forEach(function (d) {
      self.option("page", href(d.url), resultParts(d, match));
      d.subs.forEach(function (s) { self.option("sub", href(d.url, s.anchor), subParts(s, match), d.title); });
    });
    // A new render keeps the option the reader had moved to, if it is
    // still there.
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    var again = this.options.findIndex(function (li) { return li.getAttribute("data-href") === keep; });
    if (keep !== null && again >= 0) this.setActive(again);
    this.status.textContent = statusText(res);
    this.more.hidden = res.hits.length <= DROPDOWN_MAX;
    this.open();
  };

  Box.prototype.fail = function (err) {
    this.list.replaceChildren();
    this.options = [];
    this.status.textContent = "Search is unavailable right now.";
    this.open();
    console.warn(err);
  };

  // ---- Wiring ----

  function forms() {
    return Array.prototype.filter.call(document.querySelectorAll("form[role=search][data-search-index]"), function (f) {
      return f.querySelector("input[type=search]");
    });
  }

  // pageForm is the form that drives the results page: the one beside the
  // results (the page's own box), or the first when the layout has only
  // the header's.
  function pageForm() {
    var page = document.getElementById("search-results");
    if (!page) return null;
    var near = page.parentElement && page.parentElement.querySelector("form[role=search][data-search-index]");
    return near || forms()[0] || null;
  }

  function setup() {
    var mine = pageForm();
    forms().forEach(function (form) {
      if (form === mine) return; // search-page.js's
      var input = form.querySelector("input[type=search]");
      var url = form.getAttribute("data-search-index");
      var box = null;
      function wake() {
        if (!box) box = new Box(form, input, url);
      }
      input.addEventListener("focus", wake);
      input.addEventListener("input", wake);
      if (document.activeElement === input) wake();
    });
    document.addEventListener("keydown", function (ev) {
      var t = ev.target;
      var typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
      var slash = ev.key === "/" && !ev.ctrlKey && !ev.metaKey && !ev.altKey;
      var k = (ev.key === "k" || ev.key === "K") && (ev.ctrlKey || ev.metaKey);
      if ((slash && !typing) || k) {
        var f = forms()[0];
        if (!f) return;
        ev.preventDefault();
        var input = f.querySelector("input[type=search]");
        input.focus();
        input.select();
      }
    });
  }

  ns.ui = Object.freeze({ highlight: highlight, href: href, resultParts: resultParts, subParts: subParts,
    statusText: statusText, filterGroup: filterGroup, filterChips: filterChips, sectionItems: sectionItems, indexFor: indexFor,
    pageForm: pageForm, onReload: function (f) { reloads.push(f); }, DEBOUNCE_MS: DEBOUNCE_MS });

  // A small API for tests and tools; it changes nothing on the page.
  ns.fold = fold;
  ns.tokenize = tokenize;
  ns.stem = stem;
  ns.parse = parse;
  // query runs a search against an index and resolves to the ranked
  // results with what each shows (first `limit` of them), and the counts
  // of each filter value (counts: "all"; by default those of sections).
  ns.query = function (indexURL, q, filters, limit, counts) {
    var ix = indexFor(indexURL);
    return ix.entry.then(function () {
      return search(ix, q, filters || {}, counts || "sections");
    }).then(function (res) {
      var hits = res.hits.slice(0, limit || 10);
      return Promise.all(hits.map(function (h) { return display(ix, res, h); })).then(function (ds) {
        return { total: res.hits.length, partial: res.partial, scoreMs: res.scoreMs, rankMs: res.rankMs,
          results: ds.map(function (d) {
            return { url: d.url, href: href(d.url), title: d.title, section: d.section, snippet: d.snippet,
              subs: d.subs.map(function (s) { return { href: href(d.url, s.anchor), heading: s.heading, snippet: s.snippet }; }) };
          }),
          sections: Object.fromEntries(res.sections), tags: Object.fromEntries(res.tags || []),
          facets: Object.fromEntries((res.facets || []).map(function (f) { return [f.name, Object.fromEntries(f.values)]; })) };
      });
    });
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
