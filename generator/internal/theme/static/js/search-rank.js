// Site search, part 3 of 5: finds and scores the pages of a query in the
// index (search-engine.js reads its files): plain words, prefixes, other
// forms of a word, typos and quoted phrases. search-results.js filters
// and orders them.
(function () {
  "use strict";

  var ns = window.tradeoffsSearch, t = ns.text, en = ns.engine;
  var stem = t.stem, isStop = t.isStop, parse = t.parse, cmp = t.cmp;
  var termIds = en.termIds, termPositions = en.termPositions;

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

  // match finds the pages of a query: it resolves to the query's result
  // so far (its words, their variants and scores: see score) and the ids
  // of the pages that have every word (when none has them all, those that
  // have some: res.partial), phrases checked.
  function match(ix, q) {
    var pq = parse(q), ws = plan(pq);
    var res = { query: q, parsed: pq, words: ws, hits: [], partial: false, variants: [], scores: null };
    if (ws.length === 0) return Promise.resolve({ res: res, ids: [] });
    return ix.entry.then(function () { return resolve(ix, ws); }).then(function (vs) {
      res.variants = vs;
      var t0 = performance.now();
      var sc = score(ix, vs), need = ws.length, n = ix.e.docs;
      res.scores = sc;
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
        return { res: res, ids: ids };
      });
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

  // matcher returns a function telling whether a word of the text shown
  // matches the query (to be highlighted).
  function matcher(res) {
    var stems = new Set(), prefixes = [];
    res.words.forEach(function (w) {
      stems.add(w.stem);
      if (w.prefix) prefixes.push(w.word);
    });
    res.variants.forEach(function (list) {
      list.forEach(function (v) { stems.add(v.t.stem); });
    });
    return function (w) {
      return stems.has(stem(w)) || prefixes.some(function (p) { return w.startsWith(p); });
    };
  }

  ns.rank = Object.freeze({ match: match, matcher: matcher, bestBlock: bestBlock });
})();
