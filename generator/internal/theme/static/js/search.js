// Site search, part 3 of 3: the search box and the results page. It
// answers queries in the browser from the static index files
// that the generator's search package writes (format: see the package
// documentation of generator/internal/search).
//
// Contract with the layout:
//   <form role="search" action="/search/" data-search-index="/search/entry.HASH.json">
//     <input type="search" name="q" ...>
//   </form>
// in the page header, and on the results page a container
//   <div id="search-results"> (no-JavaScript text) </div>
// that this script fills. Nothing is fetched until a search box gets focus.
//
// Load order: search-text.js and search-engine.js (deferred), then this
// module, which makes its elements with dom.js.
import { el } from "./dom.js";

(function () {
  "use strict";

  var ns = window.tradeoffsSearch;
  var fold = ns.text.fold, scan = ns.text.scan, tokenize = ns.text.tokenize, stem = ns.text.stem,
    parse = ns.text.parse;
  var Index = ns.engine.Index, search = ns.engine.search, display = ns.engine.display,
    tagCounts = ns.engine.tagCounts, matcher = ns.engine.matcher;

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
  }

  // href links a result to its heading. Index URLs are root-relative or
  // http(s); anything else (a javascript: URL slipped into a page's
  // address) links nowhere.
  function href(d) {
    if (!/^(\/|https?:)/i.test(d.url)) return "#";
    return d.url + (d.anchor ? "#" + encodeURIComponent(d.anchor) : "");
  }

  function resultNode(tag, d, match, id) {
    var li = el(tag, "search-result");
    if (id) li.id = id;
    var a = el("a", "search-result-link");
    a.href = href(d);
    a.tabIndex = -1;
    var title = el("span", "search-result-title");
    highlight(title, d.title, match);
    a.appendChild(title);
    var meta = el("span", "search-result-meta");
    meta.textContent = [d.section, d.heading].filter(Boolean).join(" › ");
    a.appendChild(meta);
    var snip = el("span", "search-result-snippet");
    highlight(snip, d.snippet, match);
    a.appendChild(snip);
    li.appendChild(a);
    return li;
  }

  // ---- Query string ----

  function readURL() {
    var p = new URLSearchParams(location.search);
    return { q: p.get("q") || "", section: p.get("section") || "", tag: p.get("tag") || "" };
  }

  function writeURL(form, st) {
    var p = new URLSearchParams();
    if (st.q) p.set("q", st.q);
    if (st.section) p.set("section", st.section);
    if (st.tag) p.set("tag", st.tag);
    var qs = p.toString();
    history.replaceState(history.state, "", location.pathname + (qs ? "?" + qs : ""));
  }

  function resultsURL(form, st) {
    var u = new URL(form.getAttribute("action") || "/search/", location.href);
    if (st.q) u.searchParams.set("q", st.q);
    if (st.section) u.searchParams.set("section", st.section);
    if (st.tag) u.searchParams.set("tag", st.tag);
    return u.pathname + u.search;
  }

  // ---- Shared UI pieces ----

  var DEBOUNCE_MS = 60, DROPDOWN_MAX = 8, PAGE_SIZE = 20;
  var uid = 0;

  function filterChips(parent, label, items, active, onPick) {
    if (items.length === 0) return;
    var group = el("div", "search-filter-group");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", label);
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
    parent.appendChild(group);
  }

  function sectionItems(ix, res) {
    return ix.e.sections.filter(function (s) { return s[0] && res.sections.get(s[0]); }).map(function (s) {
      return { value: s[0], label: s[1] || s[0], count: res.sections.get(s[0]) };
    });
  }

  // ---- Dropdown (ARIA combobox) ----

  function Box(form, input, ix) {
    this.form = form;
    this.input = input;
    this.ix = ix;
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
    form.appendChild(this.panel);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id);
    input.setAttribute("autocomplete", "off");
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
  }

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
    var self = this, q = this.input.value, seq = ++this.seq;
    if (!q.trim()) { this.close(); return; }
    var st = { q: q, section: this.section, tag: "" };
    this.more.href = resultsURL(this.form, st);
    search(this.ix, q, st).then(function (res) {
      if (seq !== self.seq) return null;
      if (res.words.length === 0) { self.close(); return null; }
      var hits = res.hits.slice(0, DROPDOWN_MAX);
      return Promise.all(hits.map(function (h) { return display(self.ix, res, h); })).then(function (ds) {
        if (seq === self.seq) self.render(res, ds);
      });
    }).catch(function (err) { self.fail(err); });
  };

  Box.prototype.render = function (res, ds) {
    var self = this, match = matcher(res);
    this.filters.replaceChildren();
    filterChips(this.filters, "Filter by section", sectionItems(this.ix, res), this.section, function (v) {
      self.section = v;
      self.run();
    });
    var keep = this.active >= 0 && this.options[this.active] ? this.options[this.active].getAttribute("data-href") : null;
    this.list.replaceChildren();
    this.list.setAttribute("data-query", res.query);
    this.options = ds.map(function (d, i) {
      var li = resultNode("li", d, match, self.list.id + "-" + i);
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.setAttribute("data-href", href(d));
      li.addEventListener("click", function () { location.assign(href(d)); });
      self.list.appendChild(li);
      return li;
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

  function statusText(res) {
    var n = res.hits.length;
    if (n === 0) return "No results for " + res.query.trim();
    return (n === 1 ? "1 result" : n + " results") + (res.partial ? " (not all words match)" : "");
  }

  // ---- Results page ----

  function ResultsPage(container, form, input, ix) {
    this.c = container;
    this.form = form;
    this.input = input;
    this.ix = ix;
    this.seq = 0;
    this.st = readURL();
    input.value = this.st.q;
    var self = this, timer = 0;
    container.replaceChildren();
    this.filters = el("div", "search-filters");
    this.status = el("p", "search-status");
    this.status.setAttribute("role", "status");
    this.list = el("ol", "search-results-list");
    this.moreBtn = el("button", "search-more", "More results");
    this.moreBtn.type = "button";
    this.moreBtn.hidden = true;
    container.append(this.filters, this.status, this.list, this.moreBtn);
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        self.st.q = input.value;
        self.run();
      }, DEBOUNCE_MS);
    });
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      self.st.q = input.value;
      self.run();
    });
    this.moreBtn.addEventListener("click", function () { self.page(); });
    this.run();
  }

  ResultsPage.prototype.run = function () {
    var self = this, seq = ++this.seq, st = this.st;
    writeURL(this.form, st);
    if (!st.q.trim()) {
      this.list.replaceChildren();
      this.filters.replaceChildren();
      this.moreBtn.hidden = true;
      this.status.textContent = "Type words to search for.";
      return;
    }
    search(this.ix, st.q, { section: "", tag: "" }).then(function (all) {
      return search(self.ix, st.q, st).then(function (res) {
        return tagCounts(self.ix, all, st, all.hits.map(function (h) { return h.id; })).then(function (tc) {
          if (seq !== self.seq) return;
          // The old results stay until the new ones are ready: no flicker
          // while the reader types.
          self.res = res;
          self.shown = 0;
          self.list.replaceChildren();
          self.filters.replaceChildren();
          self.moreBtn.hidden = true;
          self.renderFilters(res, tc);
          self.status.textContent = statusText(res);
          self.page();
        });
      });
    }).catch(function (err) {
      self.status.textContent = "Search is unavailable right now.";
      console.warn(err);
    });
  };

  ResultsPage.prototype.renderFilters = function (res, tagCountList) {
    var self = this, st = this.st;
    filterChips(this.filters, "Filter by section", sectionItems(this.ix, res), st.section, function (v) {
      st.section = v;
      self.run();
    });
    filterChips(this.filters, "Filter by tag", tagCountList.map(function (t) {
      return { value: t[0], label: t[0], count: t[1] };
    }), st.tag, function (v) {
      st.tag = v;
      self.run();
    });
  };

  ResultsPage.prototype.page = function () {
    var self = this, res = this.res, seq = this.seq, match = matcher(res);
    var hits = res.hits.slice(this.shown, this.shown + PAGE_SIZE);
    this.shown += hits.length;
    Promise.all(hits.map(function (h) { return display(self.ix, res, h); })).then(function (ds) {
      if (seq !== self.seq) return;
      ds.forEach(function (d) {
        var li = resultNode("li", d, match);
        li.querySelector("a").tabIndex = 0;
        self.list.appendChild(li);
      });
      self.moreBtn.hidden = self.shown >= res.hits.length;
    });
  };

  // ---- Wiring ----

  var indexes = new Map();

  function indexFor(url) {
    var ix = indexes.get(url);
    if (!ix) {
      ix = new Index(url);
      indexes.set(url, ix);
    }
    return ix;
  }

  function forms() {
    return Array.prototype.filter.call(document.querySelectorAll("form[role=search][data-search-index]"), function (f) {
      return f.querySelector("input[type=search]");
    });
  }

  function setup() {
    var page = document.getElementById("search-results");
    // The results page is driven by the form beside the results (the page's
    // own box), or by the first form when the layout has only the header's.
    var pageForm = null;
    if (page) {
      var near = page.parentElement && page.parentElement.querySelector("form[role=search][data-search-index]");
      pageForm = near || forms()[0];
    }
    forms().forEach(function (form) {
      var input = form.querySelector("input[type=search]");
      var url = form.getAttribute("data-search-index");
      if (page && form === pageForm) {
        new ResultsPage(page, form, input, indexFor(url));
        return;
      }
      var box = null;
      function wake() {
        if (!box) box = new Box(form, input, indexFor(url));
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

  // A small API for tests and tools; it changes nothing on the page.
  ns.fold = fold;
  ns.tokenize = tokenize;
  ns.stem = stem;
  ns.parse = parse;
  // query runs a search against an index and resolves to the ranked
  // results with what each shows (first `limit` of them).
  ns.query = function (indexURL, q, filters, limit) {
    var ix = indexFor(indexURL);
    return ix.entry.then(function () {
      return search(ix, q, filters || {});
    }).then(function (res) {
      var hits = res.hits.slice(0, limit || 10);
      return Promise.all(hits.map(function (h) { return display(ix, res, h); })).then(function (ds) {
        return { total: res.hits.length, partial: res.partial, scoreMs: res.scoreMs, rankMs: res.rankMs,
          results: ds.map(function (d) { return { url: d.url, href: href(d), title: d.title, section: d.section,
            heading: d.heading, snippet: d.snippet }; }),
          sections: Object.fromEntries(res.sections) };
      });
    });
  };
  Object.freeze(ns);

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
