// Site search: answers queries in the browser from the static index files
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
(function () {
  "use strict";

  // ---- Text: the same folding, tokenizing and stemming as tokenize.go ----

  var MAX_WORD = 40;
  var WORD_RE = /[\p{L}\p{Nd}\p{Mn}]+(?:['\u2019][\p{L}\p{Nd}\p{Mn}]+)*/gu;
  var STRIP_RE = /[\p{Mn}'\u2019]/gu;

  function fold(raw) {
    var s = raw.normalize("NFKD").toLowerCase().replace(STRIP_RE, "").replace(/ς/g, "σ");
    var n = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c < 0xdc00 || c > 0xdfff) n++;
    }
    return n > MAX_WORD ? "" : s;
  }

  // scan calls f(raw, start, end) for each word of s (UTF-16 offsets).
  function scan(s, f) {
    WORD_RE.lastIndex = 0;
    var m;
    while ((m = WORD_RE.exec(s)) !== null) f(m[0], m.index, m.index + m[0].length);
  }

  function tokenize(s) {
    var out = [];
    scan(s, function (raw) {
      var w = fold(raw);
      if (w) out.push(w);
    });
    return out;
  }

  var STOP = new Set(("a about above after again against all am an and any are as at be because been before " +
    "being below between both but by can did do does doing don down during each few for from further had has " +
    "have having he her here hers herself him himself his how i if in into is it its itself just me more most " +
    "my myself no nor not now of off on once only or other our ours ourselves out over own s same she should " +
    "so some such t than that the their theirs them themselves then there these they this those through to too " +
    "under until up very was we were what when where which while who whom why will with you your yours " +
    "yourself yourselves").split(" "));

  function isStop(w) { return STOP.has(w); }

  var SPECIAL = new Map([["skis", "ski"], ["skies", "sky"], ["dying", "die"], ["lying", "lie"], ["tying", "tie"],
    ["idly", "idl"], ["gently", "gentl"], ["ugly", "ugli"], ["early", "earli"], ["only", "onli"], ["singly", "singl"],
    ["sky", "sky"], ["news", "news"], ["howe", "howe"], ["atlas", "atlas"], ["cosmos", "cosmos"], ["bias", "bias"],
    ["andes", "andes"], ["inning", "inning"], ["innings", "inning"], ["outing", "outing"], ["outings", "outing"],
    ["canning", "canning"], ["cannings", "canning"], ["herring", "herring"], ["herrings", "herring"],
    ["earring", "earring"], ["earrings", "earring"], ["proceed", "proceed"], ["proceeds", "proceed"],
    ["proceeded", "proceed"], ["proceeding", "proceed"], ["exceed", "exceed"], ["exceeds", "exceed"],
    ["exceeded", "exceed"], ["exceeding", "exceed"], ["succeed", "succeed"], ["succeeds", "succeed"],
    ["succeeded", "succeed"], ["succeeding", "succeed"]]);

  // stem returns the index term of a folded word (Go: search.Stem).
  function stem(w) {
    return /^[a-z]+$/.test(w) ? porter2(w) : w;
  }

  // porter2 mirrors github.com/kljensen/snowball/english.Stem(w, false) for
  // words of the letters a-z, step by step and quirk by quirk.
  function porter2(word) {
    if (word.length <= 2 || STOP.has(word)) return word;
    var sp = SPECIAL.get(word);
    if (sp !== undefined) return sp;
    var w = { rs: word.split(""), r1: 0, r2: 0 };
    for (var i = 0; i < w.rs.length; i++) {
      if (w.rs[i] === "y" && (i === 0 || isV(w.rs[i - 1]))) w.rs[i] = "Y";
    }
    var pre = ["gener", "commun", "arsen"].find(function (p) { return word.startsWith(p); });
    w.r1 = pre ? pre.length : vnv(w, 0);
    w.r2 = vnv(w, w.r1);
    step1a(w); step1b(w); step1c(w); step2(w); step3(w); step4(w); step5(w);
    return w.rs.join("").replace(/Y/g, "y");
  }

  function isV(c) { return c === "a" || c === "e" || c === "i" || c === "o" || c === "u" || c === "y"; }

  function vnv(w, start) {
    for (var i = 1; i < w.rs.length - start; i++) {
      var j = start + i;
      if (isV(w.rs[j - 1]) && !isV(w.rs[j])) return j + 1;
    }
    return w.rs.length;
  }

  function endsWith(w, suf) {
    var n = w.rs.length, m = suf.length;
    if (m > n) return false;
    for (var i = 0; i < m; i++) if (w.rs[n - m + i] !== suf[i]) return false;
    return true;
  }

  function firstSuffix(w, list) {
    for (var i = 0; i < list.length; i++) if (endsWith(w, list[i])) return list[i];
    return "";
  }

  function clampR(w) {
    if (w.r1 > w.rs.length) w.r1 = w.rs.length;
    if (w.r2 > w.rs.length) w.r2 = w.rs.length;
  }

  function replaceSuffix(w, n, repl) {
    w.rs.length -= n;
    for (var i = 0; i < repl.length; i++) w.rs.push(repl[i]);
    clampR(w);
  }

  function endsShortSyllable(w, i) {
    var rs = w.rs;
    if (i === 2) return isV(rs[0]) && !isV(rs[1]);
    if (i >= 3) {
      var s1 = rs[i - 1], s2 = rs[i - 2], s3 = rs[i - 3];
      return !isV(s1) && s1 !== "w" && s1 !== "x" && s1 !== "Y" && isV(s2) && !isV(s3);
    }
    return false;
  }

  function isShortWord(w) { return w.r1 >= w.rs.length && endsShortSyllable(w, w.rs.length); }

  function step1a(w) {
    var suf = firstSuffix(w, ["sses", "ied", "ies", "us", "ss", "s"]);
    if (suf === "sses") replaceSuffix(w, 4, "ss");
    else if (suf === "ies" || suf === "ied") replaceSuffix(w, 3, w.rs.length > 4 ? "i" : "ie");
    else if (suf === "s") {
      for (var i = 0; i < w.rs.length - 2; i++) {
        if (isV(w.rs[i])) { replaceSuffix(w, 1, ""); return; }
      }
    }
  }

  var DOUBLES = ["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"];

  function step1b(w) {
    var suf = firstSuffix(w, ["eedly", "ingly", "edly", "ing", "eed", "ed"]);
    if (suf === "") return;
    if (suf === "eed" || suf === "eedly") {
      if (suf.length <= w.rs.length - w.r1) replaceSuffix(w, suf.length, "ee");
      return;
    }
    var has = false;
    for (var i = 0; i < w.rs.length - suf.length; i++) if (isV(w.rs[i])) { has = true; break; }
    if (!has) return;
    var o1 = w.r1, o2 = w.r2;
    replaceSuffix(w, suf.length, "");
    var ns = firstSuffix(w, ["at", "bl", "iz"].concat(DOUBLES));
    if (ns === "") {
      if (isShortWord(w)) {
        w.rs.push("e");
        w.r1 = w.r2 = w.rs.length;
        return;
      }
    } else if (ns === "at" || ns === "bl" || ns === "iz") {
      replaceSuffix(w, 2, ns + "e");
    } else {
      replaceSuffix(w, 1, "");
    }
    w.r1 = Math.min(o1, w.rs.length);
    w.r2 = Math.min(o2, w.rs.length);
  }

  function step1c(w) {
    var n = w.rs.length;
    if (n > 2 && (w.rs[n - 1] === "y" || w.rs[n - 1] === "Y") && !isV(w.rs[n - 2])) w.rs[n - 1] = "i";
  }

  var STEP2 = ["ational", "fulness", "iveness", "ization", "ousness", "biliti", "lessli", "tional", "alism",
    "aliti", "ation", "entli", "fulli", "iviti", "ousli", "anci", "abli", "alli", "ator", "enci", "izer", "bli",
    "ogi", "li"];
  var STEP2_REPL = { tional: "tion", enci: "ence", anci: "ance", abli: "able", entli: "ent", izer: "ize",
    ization: "ize", ational: "ate", ation: "ate", ator: "ate", alism: "al", aliti: "al", alli: "al",
    fulness: "ful", ousli: "ous", ousness: "ous", iveness: "ive", iviti: "ive", biliti: "ble", bli: "ble",
    fulli: "ful", lessli: "less" };

  function step2(w) {
    var suf = firstSuffix(w, STEP2);
    var n = w.rs.length;
    if (suf === "" || suf.length > n - w.r1) return;
    if (suf === "li") {
      if (n >= 3 && "cdeghkmnrt".indexOf(w.rs[n - 3]) >= 0) replaceSuffix(w, 2, "");
      return;
    }
    if (suf === "ogi") {
      if (n >= 4 && w.rs[n - 4] === "l") replaceSuffix(w, 3, "og");
      return;
    }
    replaceSuffix(w, suf.length, STEP2_REPL[suf]);
  }

  var STEP3 = ["ational", "tional", "alize", "icate", "ative", "iciti", "ical", "ful", "ness"];
  var STEP3_REPL = { ational: "ate", tional: "tion", alize: "al", icate: "ic", iciti: "ic", ical: "ic",
    ful: "", ness: "" };

  function step3(w) {
    var suf = firstSuffix(w, STEP3);
    if (suf === "" || suf.length > w.rs.length - w.r1) return;
    if (suf === "ative") {
      if (w.rs.length - w.r2 >= 5) replaceSuffix(w, 5, "");
      return;
    }
    replaceSuffix(w, suf.length, STEP3_REPL[suf]);
  }

  var STEP4 = ["ement", "ance", "ence", "able", "ible", "ment", "ent", "ant", "ism", "ate", "iti", "ous",
    "ive", "ize", "ion", "al", "er", "ic"];

  function step4(w) {
    var suf = firstSuffix(w, STEP4);
    var n = w.rs.length;
    if (suf.length > n - w.r2 || suf === "") return;
    if (suf === "ion") {
      if (n >= 4 && (w.rs[n - 4] === "s" || w.rs[n - 4] === "t")) replaceSuffix(w, 3, "");
      return;
    }
    replaceSuffix(w, suf.length, "");
  }

  function step5(w) {
    var lri = w.rs.length - 1;
    if (w.r1 > lri) return;
    if (w.rs[lri] === "e") {
      if (w.r2 <= lri || !endsShortSyllable(w, lri)) replaceSuffix(w, 1, "");
    } else if (w.r2 <= lri && w.rs[lri] === "l" && lri >= 1 && w.rs[lri - 1] === "l") {
      replaceSuffix(w, 1, "");
    }
  }

  // cmp orders strings by code point, as Go orders them by UTF-8 bytes.
  function cmp(a, b) {
    var n = Math.min(a.length, b.length);
    for (var i = 0; i < n; i++) {
      var x = a.charCodeAt(i), y = b.charCodeAt(i);
      if (x !== y) {
        if (x >= 0xd800 && y >= 0xd800) {
          x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
          y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
        }
        return x - y;
      }
    }
    return a.length - b.length;
  }

  // ---- Query parsing (mirror of query.go) ----

  var MAX_QUERY = 256;

  // parse splits a query into words and phrases. A closed "quoted phrase"
  // must match as a phrase; an unclosed quote is read as plain words. The
  // last word is a prefix when the query ends inside it.
  function parse(q) {
    q = q.slice(0, MAX_QUERY);
    var words = [], phrases = [];
    var parts = q.split(/["\u201c\u201d]/);
    var closed = parts.length % 2 === 1;
    parts.forEach(function (part, i) {
      var inPhrase = i % 2 === 1 && (closed || i < parts.length - 1);
      var ws = tokenize(part);
      var group = [];
      ws.forEach(function (w) {
        group.push(words.length);
        words.push({ word: w, stem: stem(w), prefix: false, phrase: inPhrase });
      });
      if (inPhrase && group.length > 1) phrases.push(group);
    });
    var last = words[words.length - 1];
    if (last && !last.phrase && /[\p{L}\p{Nd}\p{Mn}]$/u.test(q)) last.prefix = true;
    return { words: words, phrases: phrases };
  }

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

  // score adds up, per page, the best variant of each word.
  function score(ix, vs) {
    var n = ix.e.docs, total = new Float64Array(n), count = new Uint8Array(n);
    var best = vs.map(function () { return new Map(); });
    vs.forEach(function (list, wi) {
      var word = new Float64Array(n), blk = new Map();
      list.forEach(function (v) {
        var t = v.t, ids = termIds(t), f = v.f * idf(n, t.df) / 255;
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

  // ---- Rendering (DOM nodes only: index text is never parsed as HTML) ----

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

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
    forms().forEach(function (form) {
      var input = form.querySelector("input[type=search]");
      var url = form.getAttribute("data-search-index");
      if (page && form === forms()[0]) {
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
  window.tradeoffsSearch = Object.freeze({
    fold: fold,
    tokenize: tokenize,
    stem: stem,
    parse: parse,
    // query runs a search against an index and resolves to the ranked
    // results with what each shows (first `limit` of them).
    query: function (indexURL, q, filters, limit) {
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
    }
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
