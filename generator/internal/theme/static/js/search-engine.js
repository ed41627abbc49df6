// Site search, part 2 of 5: reads the index files (format: the package
// documentation of generator/internal/search), fetching each only when a
// query needs it. search-rank.js ranks the pages they hold.
(function () {
  "use strict";

  var FORMAT = 2;
  // PAGE is a sub-result's block when it is the page as a whole (its
  // summary or first words), not the text under one heading.
  var PAGE = 255;

  // ---- Binary files ----

  var utf8 = new TextDecoder();

  function Reader(bytes) { this.b = bytes; this.i = 0; }
  Reader.prototype.u = function () {
    var x = 0, s = 1, c;
    do {
      c = this.b[this.i++];
      x += (c & 127) * s;
      s *= 128;
    } while (c & 128);
    return x;
  };
  Reader.prototype.byte = function () { return this.b[this.i++]; };
  Reader.prototype.bytes = function (n) {
    var v = this.b.subarray(this.i, this.i + n);
    this.i += n;
    return v;
  };
  Reader.prototype.str = function () {
    var n = this.u();
    return n === 0 ? "" : utf8.decode(this.bytes(n));
  };
  Reader.prototype.strs = function () {
    var n = this.u(), out = [];
    for (var i = 0; i < n; i++) out.push(this.str());
    return out;
  };
  Reader.prototype.skipVarints = function (n) {
    var b = this.b, i = this.i;
    while (n > 0) if (!(b[i++] & 128)) n--;
    this.i = i;
  };
  // ids reads a count and that many page id deltas.
  Reader.prototype.ids = function () {
    var c = this.u(), ids = new Set(), id = 0;
    for (var j = 0; j < c; j++) { id += this.u(); ids.add(id); }
    return ids;
  };

  function fetchBytes(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error("search: " + url + ": HTTP " + r.status);
      return new Response(r.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
    }).then(function (b) { return new Uint8Array(b); });
  }

  function parseShard(bytes) {
    var r = new Reader(bytes);
    var sh = { version: r.u(), pos: r.str(), docs: new Map(), terms: [], positions: null };
    var nd = r.u(), id = 0;
    for (var i = 0; i < nd; i++) {
      id += r.u();
      sh.docs.set(id, { url: r.str(), title: r.str(), date: r.str() });
    }
    var nt = r.u();
    for (var t = 0; t < nt; t++) sh.terms.push(parseTerm(r, sh, t));
    return sh;
  }

  function parseTerm(r, sh, index) {
    var t = { stem: r.str(), words: r.strs(), df: r.u(), shard: sh, index: index, ids: null, w: null, blocks: null };
    var stop = r.byte() === 1;
    if (!stop) {
      t.idsAt = r.i;
      r.skipVarints(t.df);
      t.w = r.bytes(t.df);
      t.blocks = r.bytes(t.df);
    }
    var k = r.u();
    t.top = [];
    for (var i = 0; i < k; i++) t.top.push(parseRecord(r));
    if (stop) {
      // A stop word lists only its best pages: they are its postings.
      t.ids = Int32Array.from(t.top, function (x) { return x.id; });
      t.w = Uint8Array.from(t.top, function (x) { return x.w; });
      t.blocks = Uint8Array.from(t.top, function (x) { return x.subs[0].block === PAGE ? 0 : x.subs[0].block; });
      t.stop = true;
    }
    t.bytes = r.b;
    return t;
  }

  // parseRecord reads one page of a term's top list: the places of the
  // page it shows, best first, each with an excerpt.
  function parseRecord(r) {
    var rec = { id: r.u(), w: r.byte(), subs: [] };
    for (var n = r.u(); n > 0; n--) {
      var s = { block: r.byte(), anchor: "", heading: "" };
      if (s.block !== PAGE) {
        s.anchor = r.str();
        s.heading = r.str();
      }
      s.snippet = r.str();
      rec.subs.push(s);
    }
    return rec;
  }

  function termIds(t) {
    if (!t.ids) {
      var r = new Reader(t.bytes), ids = new Int32Array(t.df), id = 0;
      r.i = t.idsAt;
      for (var i = 0; i < t.df; i++) { id += r.u(); ids[i] = id; }
      t.ids = ids;
    }
    return t.ids;
  }

  // termPositions returns a Map from page id to the term's word positions.
  function termPositions(t, posBytes) {
    if (t.posMap) return t.posMap;
    var r = new Reader(posBytes), n = r.u(), m = new Map();
    for (var i = 0; i < t.index; i++) {
      var skip = r.u(); // (r.i += r.u() would read r.i before the varint moves it)
      r.i += skip;
    }
    var len = r.u(), ids = termIds(t);
    if (n > t.index && len > 0) {
      for (var j = 0; j < t.df; j++) {
        var c = r.u(), ps = new Int32Array(c), p = 0;
        for (var k = 0; k < c; k++) { p += r.u(); ps[k] = p; }
        m.set(ids[j], ps);
      }
    }
    t.posMap = m;
    return m;
  }

  function parseMeta(bytes) {
    var r = new Reader(bytes), first = r.u(), n = r.u(), m = new Map();
    for (var i = 0; i < n; i++) {
      var d = { url: r.str(), title: r.str(), summary: r.str(), date: r.str(), tags: r.strs(), blocks: [] };
      var nb = r.u();
      for (var j = 0; j < nb; j++) d.blocks.push({ anchor: r.str(), heading: r.str() });
      m.set(first + i, d);
    }
    return m;
  }

  // ---- The index: entry, shards and page metadata, fetched on demand ----

  // Index reads the index whose entry file is at url. Files are named after
  // their content, so an Index made again for a new entry (the preview
  // server's index changed) takes the files of the old one: those still
  // named are not fetched again.
  function Index(url, files) {
    this.url = url;
    this.base = new URL(url, location.href);
    this.files = files || new Map();
    var self = this;
    this.entry = fetch(this.base).then(function (r) {
      if (!r.ok) throw new Error("search: " + url + ": HTTP " + r.status);
      return r.json();
    }).then(function (e) {
      if (e.v !== FORMAT) throw new Error("search: index format " + e.v + " is not supported");
      self.e = e;
      return e;
    });
  }

  Index.prototype.file = function (name, parse) {
    var p = this.files.get(name);
    if (!p) {
      p = fetchBytes(new URL(name, this.base)).then(parse);
      this.files.set(name, p);
    }
    return p;
  };

  // shardRange returns the indexes of the shards holding terms in [lo, hi].
  Index.prototype.shardRange = function (lo, hi) {
    var cmp = window.tradeoffsSearch.text.cmp;
    var s = this.e.shards, a = 0, b = s.length - 1;
    while (a < b) {
      var m = (a + b + 1) >> 1;
      if (cmp(s[m][0], lo) <= 0) a = m; else b = m - 1;
    }
    var out = [];
    for (var i = a; i < s.length && (i === a || cmp(s[i][0], hi) <= 0); i++) out.push(i);
    return out;
  };

  Index.prototype.shard = function (i) {
    return this.file(this.e.shards[i][1], parseShard);
  };

  Index.prototype.positions = function (sh) {
    if (!sh.pos) return Promise.resolve(new Uint8Array([0]));
    return this.file(sh.pos, function (b) { return b; });
  };

  Index.prototype.meta = function (id) {
    var e = this.e, i = Math.floor(id / e.metaSize);
    return this.file(e.meta[i], parseMeta).then(function (m) { return m.get(id); });
  };

  // tags resolves to a Map from tag name to the Set of its page ids.
  Index.prototype.tags = function () {
    var e = this.e;
    return this.file(e.tagFile, function (bytes) {
      var r = new Reader(bytes), n = r.u(), m = new Map();
      for (var i = 0; i < n; i++) m.set(e.tags[i], r.ids());
      return m;
    });
  };

  // facets resolves to the facets as the entry lists them, each {name,
  // label, range, values: [[value, Set of page ids], ...]}, values in
  // order (by number for a range).
  Index.prototype.facets = function () {
    var e = this.e, list = e.facets || [];
    if (!e.facetFile || list.length === 0) return Promise.resolve([]);
    return this.file(e.facetFile, function (bytes) {
      var r = new Reader(bytes);
      return list.map(function (f) {
        var values = [];
        for (var n = r.u(); n > 0; n--) values.push([r.str(), r.ids()]);
        return { name: f[0], label: f[1], range: f[2] === "range", values: values };
      });
    });
  };

  Index.prototype.sectionOf = function (id) {
    var ss = this.e.sections;
    for (var i = 0; i < ss.length; i++) if (id >= ss[i][2] && id < ss[i][3]) return ss[i];
    return null;
  };

  window.tradeoffsSearch.engine = Object.freeze({ Index: Index, termIds: termIds, termPositions: termPositions,
    PAGE: PAGE });
})();
