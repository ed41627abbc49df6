// Site search, part 1 of 3: folding, tokenizing and stemming words and
// parsing queries exactly as the generator's search package does
// (tokenize.go, query.go), so that a query finds the terms the index holds.
// The Porter2 stemmer is a port of github.com/kljensen/snowball/english;
// tests compare both on tens of thousands of words.
//
// Load order (all deferred): search-text.js, search-engine.js, search.js.
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

  var ns = window.tradeoffsSearch = window.tradeoffsSearch || {};
  ns.text = Object.freeze({ fold: fold, scan: scan, tokenize: tokenize, stem: stem, isStop: isStop,
    parse: parse, cmp: cmp });
})();
