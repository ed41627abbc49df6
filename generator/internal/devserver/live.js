// live.js: the browser side of the preview server (`go run ./generator
// serve`). The server injects it into every HTML page it serves; it is never
// part of a built site. Every save shows in the open tab at once, without a
// reload when possible: pages are morphed in place, stylesheets swapped, and
// a failed build shows an error overlay.
//
// Protocol (the Go side is generator/internal/devserver, client.go):
//   The page says which build it comes from:
//     <meta name="tradeoffs-build" content="7">
//   GET /_tradeoffs/events is a Server-Sent Events stream of
//     event: hello     data: {"build": 7, "search": 3}
//       on every (re)connect: the build served now, and how many times the
//       search index has changed.
//     event: update    data: {"build": 8, "pages": ["/x/", "/"], "all": false,
//                             "css": ["/css/main.ab12cd34.css"], "js": false,
//                             "search": false}
//       a rebuild finished: the URLs whose HTML changed (all: every page),
//       the new stylesheet URLs if a stylesheet changed, js: a script changed,
//       search: the search index changed (it is made a moment after the
//       pages, so it comes as an update of its own).
//     event: problems  data: {"build": 8, "failed": true, "problems": [
//                             {"file": "content/x.md", "line": 3, "col": 7,
//                              "severity": "error", "message": "..."}]}
//       after every build and on connect: failed means the build failed and
//       the server still serves the last good site.
// What a tab does:
//   js: true, or a new page whose set of <script src> differs: reload,
//     keeping the scroll position (sessionStorage).
//   css: the stylesheet with the same name but another fingerprint is
//     replaced; the new one loads before the old one goes (no unstyled flash).
//   its URL in pages, or all: fetch the page, morph <body> and the head's
//     title, meta and link elements in place (elements, listeners, focus,
//     caret, scroll, open <details> and typed form values survive), then
//     dispatch "tradeoffs:updated" on document so widgets can re-scan.
//   search: dispatch "tradeoffs:search-updated" on document, so the search
//     client reads the index again (a word saved since is found).
//   hello with another build than the tab has, or after a lost connection:
//     the same as an update of this page (catch up); with another search
//     count than the last hello's, the same as an update with search.
//   problems: failed shows a modal error overlay (Esc or its button dismiss
//     it); otherwise problems are listed in a small dismissible panel.
// A lost stream is retried with backoff; a hidden tab closes its stream
// (browsers allow few connections per host) and catches up when shown.
// Our own elements live in the shadow root of <tradeoffs-live
// id="tradeoffs-live">, styled by /_tradeoffs/live.css, out of the page's way.
// It is an ES module: it makes elements with the theme's dom.js, which the
// server serves beside it as /_tradeoffs/dom.js.
import { el as make } from "./dom.js";

(function () {
  "use strict";

  var EVENTS_URL = "/_tradeoffs/events";
  var STYLE_URL = "/_tradeoffs/live.css";
  var BUILD_META = 'meta[name="tradeoffs-build"]';
  var UPDATED = "tradeoffs:updated";
  var SEARCH_UPDATED = "tradeoffs:search-updated";
  var SCROLL_KEY = "tradeoffs-live:scroll:";
  var BUST = "tradeoffs-build";
  var HOST_ID = "tradeoffs-live";
  var RETRY_MIN = 250;
  var RETRY_MAX = 4000;
  var OFFLINE_AFTER = 1000; // ms without a server before saying so
  var SCAN = 64;            // old siblings searched for a match
  var LOOKAHEAD = 8;        // new siblings that may claim an old element
  var FINGERPRINT = /\.[0-9a-f]{8,}(\.[a-z]+)$/;

  function parse(json) {
    try {
      var v = JSON.parse(json);
      return v && typeof v === "object" ? v : null;
    } catch (e) {
      return null;
    }
  }

  function plural(n, word) {
    return n + " " + word + (n === 1 ? "" : "s");
  }

  // ---- URLs

  function absolute(href) {
    try {
      var u = new URL(href, location.href);
      u.searchParams.delete(BUST);
      u.hash = "";
      return u.origin === location.origin ? u.href : "";
    } catch (e) {
      return "";
    }
  }

  // pageKey names a page whatever the spelling: "/x/", "/x/index.html".
  function pageKey(href) {
    var u = absolute(href);
    if (!u) return "";
    var path = new URL(u).pathname.replace(/\/index\.html$/, "/");
    try {
      return decodeURIComponent(path);
    } catch (e) {
      return path;
    }
  }

  // family names a stylesheet without its fingerprint: main.ab12cd34.css and
  // main.99ff00aa.css are two versions of one stylesheet.
  function family(href) {
    return href.replace(/[?#].*$/, "").replace(FINGERPRINT, "$1");
  }

  function buildOf(doc) {
    var m = doc.querySelector(BUILD_META);
    return m ? m.getAttribute("content") || "" : "";
  }

  function scriptsOf(doc) {
    var srcs = [];
    doc.querySelectorAll("script[src]").forEach(function (s) {
      srcs.push(absolute(s.getAttribute("src")));
    });
    return srcs.sort().join("\n");
  }

  // ---- Stylesheets

  function sheetsOf(doc) {
    return Array.prototype.slice.call(doc.head ? doc.head.querySelectorAll('link[rel~="stylesheet" i][href]') : []);
  }

  function hrefOf(link) {
    return absolute(link.getAttribute("href"));
  }

  // addSheet inserts a copy of model loading href after the element after,
  // and resolves true once it has loaded, or false (and removes it) if it
  // failed to.
  function addSheet(model, href, after) {
    var link = model.ownerDocument === document ? model.cloneNode(false) : document.importNode(model, false);
    if (model.ownerDocument === document) link.removeAttribute("integrity");
    if (href) link.setAttribute("href", href);
    return new Promise(function (resolve) {
      link.addEventListener("load", function () { resolve(true); }, { once: true });
      link.addEventListener("error", function () {
        link.remove();
        resolve(false);
      }, { once: true });
      if (after && after.parentNode) {
        after.parentNode.insertBefore(link, after.nextSibling);
      } else {
        document.head.appendChild(link);
      }
    });
  }

  // swapSheets replaces each stylesheet of the page whose family is that of
  // one of urls. A URL without fingerprint that did not change name gets a
  // query so the browser fetches it again.
  function swapSheets(urls, build) {
    var jobs = [];
    sheetsOf(document).forEach(function (old) {
      var href = hrefOf(old);
      urls.forEach(function (raw) {
        var next = absolute(raw);
        if (!next || family(next) !== family(href)) return;
        var u = new URL(next);
        if (next === href) u.searchParams.set(BUST, String(build));
        next = u.pathname + u.search;
        jobs.push(addSheet(old, next, old).then(function (ok) {
          if (ok) old.remove();
        }));
      });
    });
    return Promise.all(jobs);
  }

  // syncSheets loads the stylesheets of doc that the page lacks, each after
  // the one it replaces, and resolves with the old ones to remove once the
  // page has been morphed (an old one whose replacement failed stays).
  function syncSheets(doc) {
    var have = sheetsOf(document), want = sheetsOf(doc);
    var haveHrefs = have.map(hrefOf), wantHrefs = want.map(hrefOf);
    var stale = have.filter(function (l, i) { return wantHrefs.indexOf(haveHrefs[i]) < 0; });
    var keep = new Set();
    var jobs = want.map(function (model, i) {
      if (haveHrefs.indexOf(wantHrefs[i]) >= 0) return true;
      var old = stale.filter(function (l) { return family(hrefOf(l)) === family(wantHrefs[i]); })[0];
      return addSheet(model, "", old || have[have.length - 1]).then(function (ok) {
        if (!ok && old) keep.add(old);
      });
    });
    return Promise.all(jobs).then(function () {
      return stale.filter(function (l) { return !keep.has(l); });
    });
  }

  // ---- Morphing: make the live DOM equal to a parsed document while keeping
  // the elements that can be kept, so listeners, focus and state survive.

  function isOurs(node) {
    return node.nodeType === 1 && node.id === HOST_ID;
  }

  function skipOurs(node) {
    while (node && isOurs(node)) node = node.nextSibling;
    return node;
  }

  function idOf(node) {
    return node.nodeType === 1 ? node.getAttribute("id") || "" : "";
  }

  // sameKind reports whether old can become want by changing attributes and
  // children: same tag, same input type, no conflicting names.
  function sameKind(old, want) {
    if (old.nodeName !== want.nodeName || old.namespaceURI !== want.namespaceURI) return false;
    if (old.nodeName === "INPUT" && (old.getAttribute("type") || "").toLowerCase() !== (want.getAttribute("type") || "").toLowerCase()) return false;
    var a = old.getAttribute("name"), b = want.getAttribute("name");
    return !a || !b || a === b;
  }

  // keysOf lists the ids and form names in an element and its descendants:
  // two elements sharing one are versions of the same thing.
  function keysOf(el, cache) {
    var keys = cache.get(el);
    if (keys) return keys;
    keys = new Set();
    var add = function (e) {
      var id = e.getAttribute("id"), name = e.getAttribute("name");
      if (id) keys.add("#" + id);
      if (name) keys.add("@" + name);
    };
    add(el);
    el.querySelectorAll("[id],[name]").forEach(add);
    cache.set(el, keys);
    return keys;
  }

  function shareKey(a, b, cache) {
    var kb = keysOf(b, cache);
    var found = false;
    keysOf(a, cache).forEach(function (k) { if (kb.has(k)) found = true; });
    return found;
  }

  // scan returns the first old element from node on, within SCAN elements,
  // that test accepts.
  function scan(node, test) {
    for (var seen = 0; node && seen < SCAN; node = node.nextSibling) {
      if (node.nodeType !== 1 || isOurs(node)) continue;
      seen++;
      if (test(node)) return node;
    }
    return null;
  }

  // claimed reports whether one of the next new siblings is old, or shares
  // a key with it: then old waits for that one.
  function claimed(old, want, i, cache) {
    for (var j = i + 1, seen = 0; j < want.length && seen < LOOKAHEAD; j++) {
      if (want[j].nodeType !== 1) continue;
      seen++;
      if (old.isEqualNode(want[j]) || shareKey(old, want[j], cache)) return true;
    }
    return false;
  }

  function takeId(byId, w) {
    var list = byId.get(idOf(w)) || [];
    for (var k = 0; k < list.length; k++) {
      if (sameKind(list[k], w)) return list.splice(k, 1)[0];
    }
    return null;
  }

  // match finds the old node that becomes want[i]: by id; else an equal
  // element; else one sharing an id or form name inside; else the next
  // element if it is of the same kind and no later new sibling claims it.
  // Text and comments are reused in place. equal means nothing to change.
  function match(want, i, cursor, m) {
    var w = want[i];
    if (w.nodeType !== 1) {
      if (!cursor || cursor.nodeType !== w.nodeType) return null;
      return { node: cursor, equal: cursor.nodeValue === w.nodeValue };
    }
    var free = function (n) { return !m.ids.has(idOf(n)); };
    var node = idOf(w) ? takeId(m.byId, w) : null;
    if (node) return { node: node, equal: false };
    node = scan(cursor, function (n) { return free(n) && n.isEqualNode(w); });
    if (node) return { node: node, equal: true };
    if (keysOf(w, m.cache).size > 0) {
      node = scan(cursor, function (n) { return free(n) && sameKind(n, w) && shareKey(n, w, m.cache); });
      if (node) return { node: node, equal: false };
    }
    node = scan(cursor, free);
    if (node && sameKind(node, w) && !claimed(node, want, i, m.cache)) return { node: node, equal: false };
    return null;
  }

  // move puts node before ref, keeping focus and state where the browser can
  // (moveBefore), else as insertBefore does.
  function move(parent, node, ref) {
    if (typeof parent.moveBefore === "function") {
      try {
        parent.moveBefore(node, ref);
        return;
      } catch (e) {
        // fall back below
      }
    }
    parent.insertBefore(node, ref);
  }

  function morphChildren(parent, model, cache) {
    var want = Array.prototype.slice.call(model.childNodes);
    var m = { ids: new Set(), byId: new Map(), cache: cache };
    want.forEach(function (n) { if (idOf(n)) m.ids.add(idOf(n)); });
    for (var c = parent.firstChild; c; c = c.nextSibling) {
      var id = idOf(c);
      if (!id || !m.ids.has(id) || isOurs(c)) continue;
      if (!m.byId.has(id)) m.byId.set(id, []);
      m.byId.get(id).push(c);
    }
    var cursor = skipOurs(parent.firstChild);
    for (var i = 0; i < want.length; i++) {
      var found = match(want, i, cursor, m);
      if (!found) {
        parent.insertBefore(document.importNode(want[i], true), cursor);
        continue;
      }
      if (found.node === cursor) {
        cursor = skipOurs(cursor.nextSibling);
      } else {
        move(parent, found.node, cursor);
      }
      if (!found.equal) morphNode(found.node, want[i], cache);
    }
    while (cursor) {
      var next = skipOurs(cursor.nextSibling);
      parent.removeChild(cursor);
      cursor = next;
    }
  }

  // userAttr: attributes that hold the reader's state or the page scripts'
  // (style cannot be set from markup under the CSP anyway).
  function userAttr(el, name) {
    return name === "style" || (name === "open" && (el.nodeName === "DETAILS" || el.nodeName === "DIALOG"));
  }

  // Attributes of HTML elements have no namespace (and may hold a colon,
  // which the namespaced methods refuse); SVG's xlink:href has one.
  function getAttr(el, a) {
    return a.namespaceURI ? el.getAttributeNS(a.namespaceURI, a.localName) : el.getAttribute(a.name);
  }

  function morphAttributes(el, model) {
    var i, a;
    for (i = 0; i < model.attributes.length; i++) {
      a = model.attributes[i];
      if (userAttr(el, a.name) || getAttr(el, a) === a.value) continue;
      if (a.namespaceURI) el.setAttributeNS(a.namespaceURI, a.name, a.value);
      else el.setAttribute(a.name, a.value);
    }
    for (i = el.attributes.length - 1; i >= 0; i--) {
      a = el.attributes[i];
      if (userAttr(el, a.name) || getAttr(model, a) !== null) continue;
      if (a.namespaceURI) el.removeAttributeNS(a.namespaceURI, a.localName);
      else el.removeAttribute(a.name);
    }
  }

  function morphNode(node, model, cache) {
    if (node.nodeType !== 1) {
      if (node.nodeValue !== model.nodeValue) node.nodeValue = model.nodeValue;
      return;
    }
    morphAttributes(node, model);
    if (node.nodeName === "NOSCRIPT") return; // parsed as text here, as markup there
    if (node.nodeName === "TEMPLATE") {
      if (!node.content.isEqualNode(model.content)) {
        node.content.replaceChildren(document.importNode(model.content, true));
      }
      return;
    }
    morphChildren(node, model, cache);
  }

  function morphHead(doc) {
    if (document.title !== doc.title) document.title = doc.title;
    ["lang", "dir"].forEach(function (name) {
      var v = doc.documentElement.getAttribute(name);
      if (v === null) document.documentElement.removeAttribute(name);
      else if (document.documentElement.getAttribute(name) !== v) document.documentElement.setAttribute(name, v);
    });
    var pick = 'meta:not([charset]), link:not([rel~="stylesheet" i])';
    var have = Array.prototype.slice.call(document.head.querySelectorAll(pick));
    var want = Array.prototype.slice.call(doc.head.querySelectorAll(pick));
    have.forEach(function (el) {
      if (!want.some(function (w) { return w.isEqualNode(el); })) el.remove();
    });
    want.forEach(function (w) {
      if (!have.some(function (el) { return el.isConnected && el.isEqualNode(w); })) {
        document.head.appendChild(document.importNode(w, false));
      }
    });
  }

  // ---- What the reader has done to the page, kept across a morph.

  function fieldState(el) {
    if (el.type === "checkbox" || el.type === "radio") {
      return el.checked !== el.defaultChecked ? el.checked : null;
    }
    if (el.nodeName === "SELECT") {
      var opts = Array.prototype.slice.call(el.options);
      if (!opts.some(function (o) { return o.selected !== o.defaultSelected; })) return null;
      return opts.filter(function (o) { return o.selected; }).map(function (o) { return o.value; });
    }
    if (el.type === "file") return null;
    return el.value !== el.defaultValue ? el.value : null;
  }

  function setField(el, v) {
    if (!el.isConnected) return;
    if (el.type === "checkbox" || el.type === "radio") {
      el.checked = v;
    } else if (el.nodeName === "SELECT") {
      Array.prototype.forEach.call(el.options, function (o) { o.selected = v.indexOf(o.value) >= 0; });
    } else if (el.value !== v) {
      el.value = v;
    }
  }

  function saveView() {
    var v = { x: window.scrollX, y: window.scrollY, focus: document.activeElement, caret: null, fields: [] };
    try {
      var f = v.focus;
      if (f && typeof f.selectionStart === "number") v.caret = [f.selectionStart, f.selectionEnd, f.selectionDirection, f.value];
    } catch (e) {
      v.caret = null; // inputs without a caret (type=number) throw in some browsers
    }
    document.body.querySelectorAll("input, textarea, select").forEach(function (el) {
      var s = fieldState(el);
      if (s !== null) v.fields.push([el, s]);
    });
    return v;
  }

  function restoreView(v) {
    v.fields.forEach(function (f) { setField(f[0], f[1]); });
    var f = v.focus;
    if (f && f !== document.body && !f.isConnected && f.id) f = document.getElementById(f.id);
    if (f && f !== document.body && f.isConnected && document.activeElement !== f && typeof f.focus === "function") {
      f.focus({ preventScroll: true });
    }
    if (v.caret && f === v.focus && document.activeElement === f && f.value === v.caret[3]) {
      try {
        f.setSelectionRange(v.caret[0], v.caret[1], v.caret[2]);
      } catch (e) {
        // the field has no caret any more
      }
    }
    if (window.scrollX !== v.x || window.scrollY !== v.y) window.scrollTo(v.x, v.y);
  }

  // ---- Reloading, keeping the scroll position.

  function scrollKey() {
    return SCROLL_KEY + location.pathname + location.search;
  }

  function reload() {
    try {
      sessionStorage.setItem(scrollKey(), JSON.stringify([window.scrollX, window.scrollY]));
    } catch (e) {
      // no session storage: reload at the top
    }
    live.stop();
    location.reload();
    return new Promise(function () {}); // nothing else happens in this page
  }

  function restoreScroll() {
    var xy;
    try {
      xy = JSON.parse(sessionStorage.getItem(scrollKey()) || "null");
      sessionStorage.removeItem(scrollKey());
    } catch (e) {
      return;
    }
    if (!Array.isArray(xy) || typeof xy[0] !== "number" || typeof xy[1] !== "number") return;
    var go = function () { window.scrollTo(xy[0], xy[1]); };
    go();
    if (document.readyState !== "complete") window.addEventListener("load", go, { once: true });
  }

  // ---- Applying builds.

  function applyDocument(doc, build) {
    if (scriptsOf(doc) !== live.scripts) return reload();
    return syncSheets(doc).then(function (stale) {
      try {
        var view = saveView();
        morphHead(doc);
        morphAttributes(document.body, doc.body);
        morphChildren(document.body, doc.body, new WeakMap());
        restoreView(view);
      } catch (e) {
        // The reader still sees the new page; the warning tells us the morph
        // has a case to learn.
        console.warn("tradeoffs live preview: reloading, the page could not be updated in place:", e);
        return reload();
      }
      stale.forEach(function (l) { l.remove(); });
      live.build = buildOf(document) || String(build);
      document.dispatchEvent(new CustomEvent(UPDATED, { detail: { build: build } }));
    });
  }

  // refresh fetches this page again and applies it. A failed fetch leaves the
  // page as it is until the next connection catches up.
  function refresh(build) {
    return fetch(location.href.split("#")[0], { cache: "no-store", credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (res) {
        var html = (res.headers.get("Content-Type") || "").indexOf("text/html") === 0;
        if (!html || (!res.ok && res.status !== 404)) return null;
        return res.text();
      })
      .then(function (text) {
        if (text === null) {
          live.lost = true;
          return undefined;
        }
        return applyDocument(new DOMParser().parseFromString(text, "text/html"), build);
      }, function () {
        live.lost = true;
      });
  }

  function onUpdate(u) {
    if (u.js === true) return reload();
    var here = pageKey(location.href);
    var mine = u.all === true || (Array.isArray(u.pages) && u.pages.some(function (p) {
      return typeof p === "string" && pageKey(p) === here;
    }));
    var css = Array.isArray(u.css) ? u.css.filter(function (c) { return typeof c === "string"; }) : [];
    return swapSheets(css, u.build).then(function () {
      if (u.search === true) {
        if (live.search !== null) live.search++;
        searchUpdated();
      }
      if (mine) return refresh(u.build);
      live.build = String(u.build);
      return undefined;
    });
  }

  function searchUpdated() {
    document.dispatchEvent(new CustomEvent(SEARCH_UPDATED));
  }

  function onHello(h) {
    var stale = String(h.build) !== live.build || live.lost;
    live.lost = false;
    if (typeof h.search === "number") {
      if (live.search !== null && h.search !== live.search) searchUpdated();
      live.search = h.search;
    }
    if (stale) return refresh(h.build);
    return undefined;
  }

  // ---- The connection.

  var live = {
    build: buildOf(document),
    search: null, // the search count of the last hello
    scripts: scriptsOf(document),
    source: null,
    retry: RETRY_MIN,
    timer: 0,
    offlineTimer: 0,
    lost: false,
    queue: Promise.resolve(),
    ui: null,

    // run queues work, so builds apply one after the other, in order.
    run: function (work, data) {
      live.queue = live.queue.then(function () { return work(data); }).then(null, function (e) {
        console.warn("tradeoffs live preview:", e);
      });
    },

    on: function (source, name, work) {
      source.addEventListener(name, function (e) {
        var data = parse(e.data);
        if (data && source === live.source) work(data);
      });
    },

    start: function () {
      if (live.source || document.visibilityState === "hidden") return;
      clearTimeout(live.timer);
      var source = live.source = new EventSource(EVENTS_URL);
      live.on(source, "hello", function (h) {
        live.retry = RETRY_MIN;
        clearTimeout(live.offlineTimer);
        live.offlineTimer = 0;
        live.ui.offline(false);
        live.run(onHello, h);
      });
      live.on(source, "update", function (u) { live.run(onUpdate, u); });
      live.on(source, "problems", function (p) { live.ui.problems(p); });
      source.addEventListener("error", function () {
        if (source !== live.source) return;
        live.stop();
        live.lost = true;
        live.timer = setTimeout(live.start, live.retry);
        live.retry = Math.min(live.retry * 2, RETRY_MAX);
        if (!live.offlineTimer) live.offlineTimer = setTimeout(function () { live.ui.offline(true); }, OFFLINE_AFTER);
      });
    },

    stop: function () {
      clearTimeout(live.timer);
      if (live.source) live.source.close();
      live.source = null;
    },

    visibility: function () {
      if (document.visibilityState === "hidden") {
        live.stop();
        clearTimeout(live.offlineTimer);
        live.offlineTimer = 0;
      } else {
        live.start();
      }
    }
  };

  // ---- The reader-facing part: error overlay, problems panel, status, in a
  // shadow root so the page's CSS and ours never meet.

  function position(p) {
    var s = typeof p.file === "string" ? p.file : "";
    if (s && p.line > 0) s += ":" + p.line + (p.col > 0 ? ":" + p.col : "");
    return s;
  }

  function problemItem(p) {
    var sev = typeof p.severity === "string" && p.severity ? p.severity : "error";
    var li = make("li", "tl-problem tl-" + (sev === "warning" ? "warning" : sev === "error" ? "error" : "note"));
    var head = make("p", "tl-head");
    var where = position(p);
    if (where) head.append(make("code", "tl-where", where), " ");
    head.append(make("span", "tl-severity", sev));
    li.append(head, make("p", "tl-message", p.message == null ? "" : String(p.message)));
    return li;
  }

  function UI() {
    this.box = null;
    this.now = { failed: false, list: [], key: "" };
    this.dismissedOverlay = "";
    this.dismissedPanel = "";
    this.wasOffline = false;
  }

  UI.prototype.mount = function () {
    if (this.box) {
      if (!this.host.isConnected) document.body.appendChild(this.host);
      return;
    }
    var host = this.host = document.createElement("tradeoffs-live");
    host.id = HOST_ID;
    var shadow = host.attachShadow({ mode: "open" });
    var link = make("link");
    link.rel = "stylesheet";
    link.href = STYLE_URL;
    var self = this;
    var box = this.box = make("div", "tl-root");
    // Hidden until styled: never a flash of raw markup in the page, and the
    // dialog opens (and takes focus) once it can be seen.
    box.hidden = true;
    var show = function () {
      box.hidden = false;
      self.render();
    };
    link.addEventListener("load", show);
    link.addEventListener("error", show);
    this.status = make("p", "tl-status");
    this.status.setAttribute("role", "status");
    box.append(this.status, this.makePanel(), this.makeOverlay());
    shadow.append(link, box);
    document.body.appendChild(host);
  };

  UI.prototype.makeOverlay = function () {
    var self = this;
    var d = this.dialog = make("dialog", "tl-overlay");
    d.setAttribute("role", "alertdialog");
    d.setAttribute("aria-labelledby", "tl-overlay-title");
    d.setAttribute("aria-describedby", "tl-overlay-desc");
    var bar = make("div", "tl-bar");
    this.title = make("h2", "tl-title", "Build failed");
    this.title.id = "tl-overlay-title";
    var close = make("button", "tl-button", "Dismiss");
    close.type = "button";
    close.setAttribute("aria-keyshortcuts", "Escape");
    close.addEventListener("click", function () { self.dismiss("dismissedOverlay"); });
    bar.append(this.title, close);
    var desc = make("p", "tl-desc", "The preview still shows the last good build. Fix the problems below and save: this page updates by itself.");
    desc.id = "tl-overlay-desc";
    this.overlayList = make("ol", "tl-list");
    d.append(bar, desc, this.overlayList);
    // Esc closes the dialog by itself: remember it as a dismissal.
    d.addEventListener("close", function () {
      if (self.now.failed && self.dismissedOverlay !== self.now.key) self.dismiss("dismissedOverlay");
    });
    return d;
  };

  UI.prototype.makePanel = function () {
    var self = this;
    var panel = this.panel = make("section", "tl-panel");
    panel.setAttribute("aria-label", "Build problems");
    panel.hidden = true;
    var details = make("details", "tl-details");
    this.summary = make("summary", "tl-summary");
    this.panelList = make("ol", "tl-list");
    details.append(this.summary, this.panelList);
    var dismiss = make("button", "tl-dismiss", "\u00d7");
    dismiss.type = "button";
    dismiss.setAttribute("aria-label", "Dismiss build problems");
    dismiss.addEventListener("click", function () { self.dismiss("dismissedPanel"); });
    panel.append(details, dismiss);
    return panel;
  };

  UI.prototype.dismiss = function (which) {
    this[which] = this.now.key;
    this.render();
  };

  UI.prototype.problems = function (data) {
    var list = (Array.isArray(data.problems) ? data.problems : []).filter(function (p) {
      return p && typeof p === "object";
    });
    var failed = data.failed === true;
    var was = this.now;
    this.now = { failed: failed, list: list, key: JSON.stringify([failed, list]) };
    if (!this.box && !failed && list.length === 0) return;
    this.mount();
    if (this.now.key !== was.key) {
      var count = plural(list.length, "problem");
      this.title.textContent = "Build failed" + (list.length ? ": " + count : "");
      this.summary.textContent = failed ? "Build failed: " + count : count;
      this.overlayList.replaceChildren.apply(this.overlayList, list.map(problemItem));
      this.panelList.replaceChildren.apply(this.panelList, list.map(problemItem));
      this.status.textContent = failed ? "Build failed: " + count + "." : was.failed ? "Build fixed." : list.length ? count + " in the last build." : "";
    }
    this.render();
  };

  UI.prototype.render = function () {
    if (this.box.hidden) return;
    var now = this.now;
    var overlay = now.failed && this.dismissedOverlay !== now.key;
    if (overlay && !this.dialog.open) {
      try {
        this.dialog.showModal();
      } catch (e) {
        this.dialog.show();
      }
    } else if (!overlay && this.dialog.open) {
      this.dialog.close();
    }
    this.panel.hidden = overlay || this.dismissedPanel === now.key || (!now.failed && now.list.length === 0);
    this.panel.classList.toggle("tl-failed", now.failed);
  };

  UI.prototype.offline = function (on) {
    if (!this.box && !on) return;
    this.mount();
    if (!on && !this.wasOffline) return;
    this.wasOffline = on;
    this.status.classList.toggle("tl-visible", on);
    this.status.textContent = on ? "Preview server unreachable: reconnecting\u2026" : "Preview server reconnected.";
  };

  live.ui = new UI();
  restoreScroll();
  live.start();
  document.addEventListener("visibilitychange", live.visibility);
  window.addEventListener("pageshow", function (e) {
    if (e.persisted) live.start();
  });
  window.addEventListener("pagehide", function (e) {
    if (e.persisted) live.stop();
  });
})();
