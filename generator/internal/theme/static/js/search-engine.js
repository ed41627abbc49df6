// Site search, part 2 of 3: reads the index files (format: the package
// documentation of generator/internal/search), fetching only the shards a
// query needs, and ranks the pages.
(function () {
  "use strict";

  var t = window.tradeoffsSearch.text;
  var stem = t.stem, isStop = t.isStop, parse = t.parse, cmp = t.cmp;

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
    for (var i = 0; i < k; i++) {
      t.top.push({ id: r.u(), w: r.byte(), block: r.byte(), anchor: r.str(), heading: r.str(), snippet: r.str() });
    }
    if (stop) {
      // A stop word lists only its best pages: they are its postings.
      t.ids = Int32Array.from(t.top, function (x) { return x.id; });
      t.w = Uint8Array.from(t.top, function (x) { return x.w; });
      t.blocks = Uint8Array.from(t.top, function (x) { return x.block; });
      t.stop = true;
    }
    t.bytes = r.b;
    return t;
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

  // ---- The index: entry, shards and page metadata, fetched on demand ----

  function Index(url) {
    this.base = new URL(url, location.href);
    this.files = new Map();
    var self = this;
    this.entry = fetch(this.base).then(function (r) {
      if (!r.ok) throw new Error("search: " + url + ": HTTP " + r.status);
      return r.json();
    }).then(function (e) {
      if (e.v !== 1) throw new Error("search: index format " + e.v + " is not supported");
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

  Index.prototype.tags = function () {
    var e = this.e;
    return this.file(e.tagFile, function (bytes) {
      var r = new Reader(bytes), n = r.u(), m = new Map();
      for (var i = 0; i < n; i++) {
        var c = r.u(), ids = new Set(), id = 0;
        for (var j = 0; j < c; j++) { id += r.u(); ids.add(id); }
        m.set(e.tags[i], ids);
      }
      return m;
    });
  };

  Index.prototype.sectionOf = function (id) {
    var ss = this.e.sections;
    for (var i = 0; i < ss.length; i++) if (id >= ss[i][2] && id < ss[i][3]) return ss[i];
    return null;
  };

  // ---- Search ----

  var MAX_END = "\u{10FFFF}";
  var PREFIX_FACTOR = 0.85, TYPO_FACTOR = 0.6, MAX_VARIANTS = 24;

  // plan returns the query words to match: stop words are dropped unless
  // the query has nothing else.
  function plan(pq) {
    var ws = pq.words.filter(function (w) { return !isStop(w.stem); });
    if (ws.length === 0) ws = pq.words.slice();
    if (ws.length === 1 && ws[0].prefix && ws[0].word.length < 2) return []; // wait for a second letter
    return ws;
  }

  function prefixLow(w) { return w.slice(0, Math.max(3, w.length - 5)); }

  // MAX_RANGE caps the shards one prefix or typo lookup may fetch: those
  // nearest the word typed win.
  var MAX_RANGE = 4;

  function near(list, center, n) {
    if (list.length <= n) return list;
    var i = Math.max(0, list.indexOf(center));
    var lo = Math.max(0, Math.min(i - (n >> 1), list.length - n));
    return list.slice(lo, lo + n);
  }

  // needShards lists the shards a word's terms can live in: its stem's,
  // and for a prefix of three letters or more (or a possible typo) the
  // shards around it.
  function needShards(ix, w, typo) {
    var own = ix.shardRange(w.stem, w.stem), at = ix.shardRange(w.word, w.word)[0];
    var out = own;
    if (w.prefix && w.word.length >= 3) {
      out = out.concat(near(ix.shardRange(prefixLow(w.word), w.word + MAX_END), at, MAX_RANGE));
    }
    if (typo) {
      var p = w.word.slice(0, 3);
      out = out.concat(near(ix.shardRange(p, p + MAX_END), at, MAX_RANGE));
    }
    return Array.from(new Set(out));
  }

  function findTerm(sh, s) {
    var ts = sh.terms, a = 0, b = ts.length - 1;
    while (a <= b) {
      var m = (a + b) >> 1, c = cmp(ts[m].stem, s);
      if (c === 0) return ts[m];
      if (c < 0) a = m + 1; else b = m - 1;
    }
    return null;
  }

  // within1 reports whether a and b are at most one edit apart (insertion,
  // deletion, substitution or swap of two neighbours).
  function within1(a, b) {
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) i++;
    if (i === la && i === lb) return true;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  // variants returns the terms a query word matches, with a factor: 1 for
  // its own stem, less for completions of a prefix and for typo fixes.
  function variants(w, shards, typo) {
    var out = [], seen = new Set();
    function add(t, f) {
      if (!seen.has(t)) { seen.add(t); out.push({ t: t, f: f }); }
    }
    shards.forEach(function (sh) {
      var t = findTerm(sh, w.stem);
      if (t) add(t, 1);
    });
    if (w.prefix && w.word.length >= 2) {
      var comp = [];
      shards.forEach(function (sh) {
        sh.terms.forEach(function (t) {
          if (seen.has(t)) return;
          if (t.stem.startsWith(w.word) || t.words.some(function (x) { return x.startsWith(w.word); })) comp.push(t);
        });
      });
      comp.sort(function (a, b) { return b.df - a.df || cmp(a.stem, b.stem); });
      comp.slice(0, MAX_VARIANTS).forEach(function (t) { add(t, PREFIX_FACTOR); });
    }
    if (typo) {
      shards.forEach(function (sh) {
        sh.terms.forEach(function (t) {
          if (!seen.has(t) && (within1(w.word, t.stem) || t.words.some(function (x) { return within1(w.word, x); }))) {
            add(t, TYPO_FACTOR);
          }
        });
      });
    }
    return out;
  }

  function idf(n, df) { return Math.log(1 + (n - df + 0.5) / (df + 0.5)); }

  // resolve loads the shards of every word (a second round for words that
  // may be typos) and returns each word's variants.
  function resolve(ix, ws) {
    function load(typos) {
      return Promise.all(ws.map(function (w, i) {
        var list = needShards(ix, w, typos && typos[i]);
        return Promise.all(list.map(function (s) { return ix.shard(s); }));
      }));
    }
    return load(null).then(function (shardsPerWord) {
      var vs = ws.map(function (w, i) { return variants(w, shardsPerWord[i], false); });
      var typos = ws.map(function (w, i) {
        return vs[i].length === 0 && w.word.length >= 5 && !isStop(w.stem) && !/^\d+$/.test(w.word);
      });
      if (!typos.some(Boolean)) return vs;
      return load(typos).then(function (again) {
        return ws.map(function (w, i) { return typos[i] ? variants(w, again[i], true) : vs[i]; });
      });
    });
  }

  // score adds up, per page, the best variant of each word. A completion
  // or a near spelling never counts for more than the word as typed: its
  // rarity is capped at the word's own, or "cloud" would rank the pages
  // that say "CloudFront" above those about the cloud.
  function score(ix, vs) {
    var n = ix.e.docs, total = new Float64Array(n), count = new Uint8Array(n);
    var best = vs.map(function () { return new Map(); });
    vs.forEach(function (list, wi) {
      var word = new Float64Array(n), blk = new Map();
      var exact = list.filter(function (v) { return v.f === 1; })[0];
      var cap = exact ? idf(n, exact.t.df) : Infinity;
      list.forEach(function (v) {
        var t = v.t, ids = termIds(t), f = v.f * Math.min(idf(n, t.df), cap) / 255;
        for (var i = 0; i < ids.length; i++) {
          var s = t.w[i] * f, id = ids[i];
          if (s > word[id]) { word[id] = s; blk.set(id, t.blocks[i]); }
        }
      });
      blk.forEach(function (b, id) {
        total[id] += word[id];
        count[id]++;
        best[wi].set(id, { s: word[id], block: b });
      });
    });
    return { total: total, count: count, best: best };
  }

  // phraseOK reports whether page id has the phrase: each word of the
  // phrase at consecutive positions (stop words count as positions).
  function phraseOK(id, phrase, posMaps) {
    var first = null, off0 = 0;
    for (var i = 0; i < phrase.length; i++) {
      if (posMaps[i]) { first = posMaps[i].get(id); off0 = i; break; }
    }
    if (!first) return true;
    outer: for (var k = 0; k < first.length; k++) {
      var start = first[k] - off0;
      for (var j = 0; j < phrase.length; j++) {
        var m = posMaps[j];
        if (!m) continue;
        var ps = m.get(id);
        if (!ps || !hasPos(ps, start + j)) continue outer;
      }
      return true;
    }
    return false;
  }

  function hasPos(ps, p) {
    var a = 0, b = ps.length - 1;
    while (a <= b) {
      var m = (a + b) >> 1;
      if (ps[m] === p) return true;
      if (ps[m] < p) a = m + 1; else b = m - 1;
    }
    return false;
  }

  // phraseMaps loads, for each word of a phrase, its positions (exact stem
  // only; stop words have none and only hold their place).
  function phraseMaps(ix, pq, phrase, ws, vs) {
    return Promise.all(phrase.map(function (wi) {
      var w = pq.words[wi], k = ws.indexOf(w);
      if (k < 0 || isStop(w.stem)) return null;
      var exact = vs[k].filter(function (v) { return v.f === 1; })[0];
      if (!exact) return new Map();
      return ix.positions(exact.t.shard).then(function (b) { return termPositions(exact.t, b); });
    }));
  }

  // search runs a query and returns the ranked matches with facet counts.
  // filters: {section: id or "", tag: name or ""}.
  function search(ix, q, filters) {
    var pq = parse(q), ws = plan(pq);
    var res = { query: q, parsed: pq, words: ws, hits: [], partial: false, sections: new Map(), tags: new Map(), variants: [] };
    if (ws.length === 0) return Promise.resolve(res);
    return ix.entry.then(function () { return resolve(ix, ws); }).then(function (vs) {
      res.variants = vs;
      var t0 = performance.now();
      var sc = score(ix, vs), need = ws.length, n = ix.e.docs;
      var ids = [];
      for (var id = 0; id < n; id++) if (sc.count[id] === need) ids.push(id);
      if (ids.length === 0 && need > 1) {
        res.partial = true;
        for (id = 0; id < n; id++) if (sc.count[id] > 0) ids.push(id);
      }
      res.scoreMs = performance.now() - t0;
      var phrases = pq.phrases.filter(function (p) { return !res.partial && p.length > 1; });
      return Promise.all(phrases.map(function (p) { return phraseMaps(ix, pq, p, ws, vs); })).then(function (maps) {
        if (maps.length) {
          ids = ids.filter(function (id) {
            return phrases.every(function (p, i) { return phraseOK(id, p, maps[i]); });
          });
        }
        return finish(ix, res, sc, ids, filters || {});
      });
    });
  }

  function finish(ix, res, sc, ids, filters) {
    var t0 = performance.now();
    var want = filters.tag ? ix.tags() : Promise.resolve(null);
    return want.then(function (tags) {
      var tagSet = tags && filters.tag ? tags.get(filters.tag) || new Set() : null;
      var sec = filters.section ? ix.e.sections.find(function (s) { return s[0] === filters.section; }) : null;
      ids.forEach(function (id) {
        var inTag = !tagSet || tagSet.has(id);
        var s = ix.sectionOf(id);
        if (inTag && s) res.sections.set(s[0], (res.sections.get(s[0]) || 0) + 1);
      });
      ids = ids.filter(function (id) {
        return (!tagSet || tagSet.has(id)) && (!filters.section || (sec && id >= sec[2] && id < sec[3]));
      });
      ids.sort(function (a, b) {
        return (sc.count[b] - sc.count[a]) || (sc.total[b] - sc.total[a]) || (a - b);
      });
      res.hits = ids.map(function (id) { return { id: id, score: sc.total[id], block: bestBlock(sc, id) }; });
      res.scores = sc;
      res.rankMs = performance.now() - t0;
      return res;
    });
  }

  // bestBlock picks the block a result links to: the one most query words
  // point to, weighted by their scores.
  function bestBlock(sc, id) {
    var votes = new Map(), top = -1, topV = -1;
    sc.best.forEach(function (m) {
      var b = m.get(id);
      if (!b) return;
      var v = (votes.get(b.block) || 0) + b.s;
      votes.set(b.block, v);
      if (v > topV || (v === topV && b.block < top)) { top = b.block; topV = v; }
    });
    return Math.max(0, top);
  }

  // tagCounts counts the tags of the matching pages within the section
  // filter.
  function tagCounts(ix, res, filters, all) {
    return ix.tags().then(function (tags) {
      var sec = filters.section ? ix.e.sections.find(function (s) { return s[0] === filters.section; }) : null;
      var out = [];
      tags.forEach(function (ids, name) {
        var c = 0;
        all.forEach(function (id) {
          if (ids.has(id) && (!sec || (id >= sec[2] && id < sec[3]))) c++;
        });
        if (c > 0) out.push([name, c]);
      });
      out.sort(function (a, b) { return b[1] - a[1] || cmp(a[0], b[0]); });
      return out;
    });
  }

  // display returns what a result shows: a term's stored snippet when a
  // query word lists the page among its best, else the page's summary.
  function display(ix, res, hit) {
    var rec = null, recScore = -1, doc = null;
    res.variants.forEach(function (list, wi) {
      var b = res.scores.best[wi].get(hit.id);
      list.forEach(function (v) {
        var r = v.t.top.find(function (x) { return x.id === hit.id; });
        if (r && b && b.s > recScore) {
          rec = r; recScore = b.s; doc = v.t.shard.docs.get(hit.id);
        }
      });
    });
    var s = ix.sectionOf(hit.id);
    var sectionTitle = s ? s[1] : "";
    // A stored snippet comes with its own heading: link there, so the
    // snippet and the link agree, and no metadata file is needed.
    if (rec && doc) {
      return Promise.resolve({ url: doc.url, title: doc.title, date: doc.date, section: sectionTitle,
        anchor: rec.anchor, heading: rec.heading, snippet: rec.snippet });
    }
    return ix.meta(hit.id).then(function (m) {
      var bl = m.blocks[hit.block] || { anchor: "", heading: "" };
      return { url: m.url, title: m.title, date: m.date, section: sectionTitle, anchor: bl.anchor,
        heading: bl.heading, snippet: rec ? rec.snippet : m.summary, tags: m.tags };
    });
  }

  // matcher returns a function telling whether a word of the text shown
  // matches the query (to be highlighted).
  function matcher(res) {
    var stems = new Set(), words = new Set(), prefixes = [];
    res.words.forEach(function (w) {
      stems.add(w.stem);
      if (w.prefix) prefixes.push(w.word);
    });
    res.variants.forEach(function (list) {
      list.forEach(function (v) {
        stems.add(v.t.stem);
        v.t.words.forEach(function (x) { words.add(x); });
      });
    });
    return function (w) {
      return stems.has(stem(w)) || prefixes.some(function (p) { return w.startsWith(p); });
    };
  }

  window.tradeoffsSearch.engine = Object.freeze({ Index: Index, search: search, display: display,
    tagCounts: tagCounts, matcher: matcher });
})();
