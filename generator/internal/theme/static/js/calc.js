// calc.js: live calculators. Each <form class="calculator"> carries its
// parsed definition as JSON (<script type="application/json"
// class="calc-data">); this script evaluates that definition on every input
// event, writes the results into the <output> elements, redraws the charts
// and keeps the scenario in the URL fragment (#calc-ID:name=value&...;
// calc-OTHER:...) so it can be shared.
//
// Every computation here mirrors the Go package generator/internal/calc
// step by step (same operations in the same order on doubles), so the page
// shows the same text with and without JavaScript. Change both together.
// No eval, no Function, no innerHTML: the site's CSP forbids them.
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";
  var UNDEFINED = "\u2014";
  var POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6];
  // Chart geometry. WIDE has the same numbers as chart.go, which draws the
  // chart for the page without JavaScript; it is drawn when the chart has
  // 640 px or more, where its 12-unit text is 12 px or larger. Narrower,
  // the chart is drawn at its real size in pixels (see narrowGeom), so its
  // text stays 13 px on a phone and the vertical axis's title goes above
  // the plot instead of beside the ticks.
  var WIDE = { w: 640, h: 300, l: 64, r: 16, t: 12, b: 44, xTicks: 6, narrow: false };
  var NARROW_BELOW = 640;
  var BISECT_STEPS = 50, BREAK_STEPS = 16, BREAK_TOLERANCE = 1e-9, MAX_CROSSINGS = 4;
  var DURATION_UNITS = [
    ["years", "year", "years", 31536000],
    ["months", "month", "months", 2628000],
    ["days", "day", "days", 86400],
    ["h", "hour", "hours", 3600],
    ["min", "minute", "minutes", 60],
    ["s", "second", "seconds", 1],
    ["ms", "millisecond", "milliseconds", 0.001]
  ];
  var BINARY = { "+": 1, "-": 1, "*": 1, "/": 1, "^": 1, "<": 1, "<=": 1, ">": 1, ">=": 1, "==": 1, "!=": 1, "and": 1, "or": 1 };

  // ---- expression evaluation (expr_eval.go) ----

  function fin(x) { return x === Infinity || x === -Infinity ? NaN : x; }
  function bool(b) { return b ? 1 : 0; }

  function evaluate(n, env) {
    if (typeof n === "number") { return n; }
    if (typeof n === "boolean") { return n ? 1 : 0; }
    if (typeof n === "string") {
      return Object.prototype.hasOwnProperty.call(env, n) ? env[n] : NaN;
    }
    var op = n[0];
    if (op === "neg") { return fin(-evaluate(n[1], env)); }
    if (op === "not") {
      var x = evaluate(n[1], env);
      return x !== x ? NaN : bool(x === 0);
    }
    if (op === "if") {
      var c = evaluate(n[1], env);
      if (c !== c) { return NaN; }
      return c !== 0 ? evaluate(n[2], env) : evaluate(n[3], env);
    }
    if (BINARY[op] === 1) { return binary(op, evaluate(n[1], env), evaluate(n[2], env)); }
    var args = [];
    for (var i = 1; i < n.length; i++) {
      var v = evaluate(n[i], env);
      if (v !== v) { return NaN; }
      args.push(v);
    }
    return fin(apply(op, args));
  }

  function binary(op, a, b) {
    if (a !== a || b !== b) { return NaN; }
    switch (op) {
      case "+": return fin(a + b);
      case "-": return fin(a - b);
      case "*": return fin(a * b);
      case "/": return b === 0 ? NaN : fin(a / b);
      case "^": return fin(Math.pow(a, b));
      case "<": return bool(a < b);
      case "<=": return bool(a <= b);
      case ">": return bool(a > b);
      case ">=": return bool(a >= b);
      case "==": return bool(a === b);
      case "!=": return bool(a !== b);
      case "and": return bool(a !== 0 && b !== 0);
      case "or": return bool(a !== 0 || b !== 0);
    }
    return NaN;
  }

  function apply(fn, a) {
    var x = a[0];
    switch (fn) {
      case "min":
      case "max":
        var r = a[0];
        for (var i = 1; i < a.length; i++) {
          if ((fn === "min" && a[i] < r) || (fn === "max" && a[i] > r)) { r = a[i]; }
        }
        return r;
      case "abs": return Math.abs(x);
      case "ceil": return Math.ceil(x);
      case "floor": return Math.floor(x);
      case "round": return x < 0 ? -Math.round(-x) : Math.round(x); // half away from zero
      case "log": return x < 0 ? NaN : Math.log(x);
      case "log10": return x < 0 ? NaN : Math.log(x) / Math.LN10;
      case "sqrt": return x < 0 ? NaN : Math.sqrt(x);
      case "exp": return Math.exp(x);
    }
    return NaN;
  }

  // run evaluates every output in order into env (Calculator.run).
  function run(def, env) {
    for (var i = 0; i < def.outputs.length; i++) {
      env[def.outputs[i].name] = evaluate(def.outputs[i].expr, env);
    }
  }

  // ---- formatting (format.go) ----

  function formatFixed(x, d) {
    var n = Math.round(Math.abs(x) * POW10[d]);
    if (!(n < 1e21)) { return null; }
    var digits = n.toFixed(0);
    if (digits.length <= d) { digits = "0".repeat(d - digits.length + 1) + digits; }
    var intPart = digits.slice(0, digits.length - d), frac = digits.slice(digits.length - d);
    var out = x < 0 && n !== 0 ? "-" : "";
    for (var i = 0; i < intPart.length; i++) {
      if (i > 0 && (intPart.length - i) % 3 === 0) { out += ","; }
      out += intPart[i];
    }
    return d > 0 ? out + "." + frac : out;
  }

  function durationUnit(name) {
    for (var i = 0; i < DURATION_UNITS.length; i++) {
      if (DURATION_UNITS[i][0] === name) { return DURATION_UNITS[i]; }
    }
    return DURATION_UNITS[5];
  }

  function formatDuration(v, unit, d) {
    var u = durationUnit(unit);
    var secs = v * u[3];
    for (var i = 0; i < DURATION_UNITS.length; i++) {
      if (Math.abs(secs) >= DURATION_UNITS[i][3]) { u = DURATION_UNITS[i]; break; }
    }
    var s = formatFixed(secs / u[3], d);
    if (s === null) { return UNDEFINED; }
    return s + " " + (s === "1" || s === "-1" ? u[1] : u[2]);
  }

  function format(o, v) {
    if (v !== v || v === Infinity || v === -Infinity) { return UNDEFINED; }
    var s;
    switch (o.format) {
      case "flag": return v !== 0 ? o.if_true : o.if_false;
      case "currency":
        s = formatFixed(v, o.decimals);
        if (s !== null && s[0] === "-") { return "-$" + s.slice(1); }
        return s === null ? UNDEFINED : "$" + s;
      case "percent":
        s = formatFixed(v * 100, o.decimals);
        return s === null ? UNDEFINED : s + "%";
      case "duration": return formatDuration(v, o.unit, o.decimals);
    }
    s = formatFixed(v, o.decimals);
    return s === null ? UNDEFINED : s;
  }

  function plainNumber(v) {
    var s = formatFixed(v, 6);
    if (s === null) { return UNDEFINED; }
    s = s.replace(/0+$/, "");
    return s.replace(/\.$/, "");
  }

  // ---- charts (chart.go, breakeven.go) ----

  function niceStep(span, target) {
    var raw = span / target, mag = 1;
    while (mag * 10 <= raw) { mag *= 10; }
    while (mag > raw) { mag /= 10; }
    var r = raw / mag;
    if (r <= 1) { return mag; }
    if (r <= 2) { return 2 * mag; }
    if (r <= 5) { return 5 * mag; }
    return 10 * mag;
  }

  function coord(v) { return formatFixed(v, 1); }

  function compact(v, step, fmt) {
    if (fmt === "percent") { v = v * 100; step = step * 100; }
    var scale = 1, suffix = "";
    if (v === 0) { step = 1; }
    var units = [[1e9, "B"], [1e6, "M"], [1e3, "k"]];
    for (var i = 0; i < units.length; i++) {
      if (Math.abs(v) >= units[i][0]) { scale = units[i][0]; suffix = units[i][1]; break; }
    }
    var d = 0;
    while (d < 6 && step / scale * POW10[d] < 1 - 1e-9) { d++; }
    var s = formatFixed(v / scale, d);
    if (fmt === "currency") { return s[0] === "-" ? "-$" + s.slice(1) + suffix : "$" + s + suffix; }
    if (fmt === "percent") { return s + suffix + "%"; }
    return s + suffix;
  }

  function sigDecimals(x) {
    var a = Math.abs(x), d = 2, mag;
    for (mag = 1; d > 0 && a >= mag * 10; mag *= 10) { d--; }
    for (mag = 1; d < 6 && a > 0 && a < mag; mag /= 10) { d++; }
    return d;
  }

  // seriesAt evaluates only the outputs the chart's series depend on
  // (Chart.needed in Go), hundreds of times per change.
  function seriesAt(calc, ch, env, x) {
    env[ch.x] = x;
    var outs = calc.def.outputs, need = needed(calc.def, ch);
    for (var i = 0; i < need.length; i++) {
      env[outs[need[i]].name] = evaluate(outs[need[i]].expr, env);
    }
    return ch.series.map(function (name) { return env[name]; });
  }

  // needed: the indexes, in order, of the outputs ch's series depend on
  // (calculator.go, neededOutputs); worked out once per chart.
  function needed(def, ch) {
    if (ch.needed) { return ch.needed; }
    var want = {}, idx = [];
    ch.series.forEach(function (n) { want[n] = true; });
    function refs(n) {
      if (typeof n === "string") { want[n] = true; return; }
      if (Array.isArray(n)) { for (var k = 1; k < n.length; k++) { refs(n[k]); } }
    }
    for (var i = def.outputs.length - 1; i >= 0; i--) {
      if (want[def.outputs[i].name]) { idx.unshift(i); refs(def.outputs[i].expr); }
    }
    ch.needed = idx;
    return idx;
  }

  // crossings: the sample pairs around each place where a and b swap order
  // (at most MAX_CROSSINGS), as crossings in breakeven.go.
  function crossings(a, b) {
    var out = [], last = -1;
    for (var k = 0; k < a.length; k++) {
      var d = a[k] - b[k];
      if (d !== d) { last = -1; } else if (d === 0) { continue; } else if (last >= 0 && (d < 0) !== (a[last] - b[last] < 0)) {
        out.push([last, k]);
        if (out.length === MAX_CROSSINGS) { return out; }
        last = k;
      } else { last = k; }
    }
    return out;
  }

  // straight and findBreak: Calculator.straight and findBreak in chart.go.
  function straight(calc, ch, env, a, va, b, vb) {
    var m = (a + b) / 2, vm = seriesAt(calc, ch, env, m);
    for (var s = 0; s < vm.length; s++) {
      var d = Math.abs(vm[s] - (va[s] + vb[s]) / 2);
      if (d > BREAK_TOLERANCE * (Math.abs(va[s]) + Math.abs(vb[s]))) { return [false, m, vm]; }
    }
    return [true, m, vm];
  }

  function findBreak(calc, ch, env, a, va, b, vb) {
    var first = straight(calc, ch, env, a, va, b, vb);
    if (first[0]) { return null; }
    var lo = a, vlo = va, hi = b, vhi = vb, m = first[1], vm = first[2];
    for (var n = 0; n < BREAK_STEPS; n++) {
      if (!straight(calc, ch, env, lo, vlo, m, vm)[0]) { hi = m; vhi = vm; } else if (!straight(calc, ch, env, m, vm, hi, vhi)[0]) { lo = m; vlo = vm; } else { return [m, vm, m, vm]; }
      m = (lo + hi) / 2;
      vm = seriesAt(calc, ch, env, m);
    }
    return [lo, vlo, hi, vhi];
  }

  // sample: Calculator.sample in chart.go.
  function sample(calc, ch, env) {
    var xs = [], ys = ch.series.map(function () { return []; }), px = 0, pv = null;
    function add(x, vals) {
      xs.push(x);
      for (var s = 0; s < vals.length; s++) { ys[s].push(vals[s]); }
    }
    for (var i = 0; i < ch.points; i++) {
      var x = ch.from + (ch.to - ch.from) * i / (ch.points - 1);
      var vals = seriesAt(calc, ch, env, x);
      if (i > 0) {
        var br = findBreak(calc, ch, env, px, pv, x, vals);
        if (br !== null) { add(br[0], br[1]); add(br[2], br[3]); }
      }
      add(x, vals);
      px = x; pv = vals;
    }
    return [xs, ys];
  }

  function bisect(calc, ch, env, i, j, lo, hi) {
    function diff(x) { var y = seriesAt(calc, ch, env, x); return y[i] - y[j]; }
    var dlo = diff(lo);
    if (dlo === 0) { return lo; }
    for (var n = 0; n < BISECT_STEPS; n++) {
      var mid = (lo + hi) / 2, d = diff(mid);
      if (d !== d || d === 0) { return mid; }
      if ((d < 0) === (dlo < 0)) { lo = mid; dlo = d; } else { hi = mid; }
    }
    return (lo + hi) / 2;
  }

  function chartView(calc, ch, values, g) {
    var env = baseEnv(calc, values), sampled = sample(calc, ch, env), xs = sampled[0], ys = sampled[1];
    var s, k;
    var lo = 0, hi = 0;
    ys.forEach(function (line) {
      line.forEach(function (y) { if (y === y) { lo = Math.min(lo, y); hi = Math.max(hi, y); } });
    });
    if (hi === lo) { hi = lo + 1; }
    var step = niceStep(hi - lo, 5);
    var y0 = Math.floor(lo / step) * step, y1 = Math.ceil(hi / step) * step;
    var first = calc.outputs[ch.series[0]];
    var plotW = g.w - g.l - g.r, plotH = g.h - g.t - g.b;
    function px(x) { return g.l + (x - ch.from) / (ch.to - ch.from) * plotW; }
    function py(y) { return g.t + plotH - (y - y0) / (y1 - y0) * plotH; }
    var v = { xTicks: [], yTicks: [], series: [], marks: [], summary: "" };
    var xstep = niceStep(ch.to - ch.from, g.xTicks);
    for (k = 0; ; k++) {
      var tx = Math.ceil(ch.from / xstep) * xstep + k * xstep;
      if (tx > ch.to + xstep * 1e-9) { break; }
      v.xTicks.push([coord(px(tx)), compact(tx, xstep, "number")]);
    }
    for (k = 0; y0 + k * step <= y1 + step * 1e-9; k++) {
      var ty = y0 + k * step;
      v.yTicks.push([coord(py(ty)), compact(ty, step, first.format)]);
    }
    for (s = 0; s < ys.length; s++) { v.series.push(pathData(xs, ys[s], px, py)); }
    breakEvens(calc, ch, env, xs, ys, v, px, py, g.l + plotW / 2);
    return v;
  }

  function pathData(xs, ys, px, py) {
    var out = "", pen = false;
    for (var i = 0; i < xs.length; i++) {
      if (ys[i] !== ys[i]) { pen = false; continue; }
      if (out.length > 0) { out += " "; }
      out += (pen ? "L" : "M") + coord(px(xs[i])) + "," + coord(py(ys[i]));
      pen = true;
    }
    return out;
  }

  function breakEvens(calc, ch, env, xs, ys, v, px, py, mid) {
    var summary = [], xin = calc.inputs[ch.x], unit = xin.unit ? " " + xin.unit : "";
    for (var i = 0; i < ys.length; i++) {
      for (var j = i + 1; j < ys.length; j++) {
        var found = crossings(ys[i], ys[j]), texts = [];
        for (var n = 0; n < found.length; n++) {
          var c = found[n];
          var x = bisect(calc, ch, env, i, j, xs[c[0]], xs[c[1]]);
          var y = seriesAt(calc, ch, env, x)[i];
          if (y !== y) { continue; }
          var o = calc.outputs[ch.series[i]], xText = formatFixed(x, sigDecimals(x));
          var mx = px(x), my = py(y), anchor = "start", tx = mx + 8;
          if (mx > mid) { anchor = "end"; tx = mx - 8; }
          v.marks.push({ x: coord(mx), y: coord(my), tx: coord(tx), ty: coord(my - 10), anchor: anchor, label: "break-even " + xText + unit });
          if (texts.length === 0) {
            texts.push(o.label + " and " + calc.outputs[ch.series[j]].label + " cost the same, " + format(o, y) + ", at " + xText + unit + ".");
          } else {
            texts.push("They swap places again at " + xText + unit + ".");
          }
        }
        summary = summary.concat(texts);
      }
    }
    v.summary = summary.join(" ");
  }

  function el(tag, attrs, text) {
    var e = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  // narrowGeom is the geometry for a chart drawn w px wide (under 640):
  // one user unit is one pixel.
  function narrowGeom(w) {
    w = Math.max(240, Math.round(w));
    return { w: w, h: 260, l: 52, r: 12, t: 30, b: 44, xTicks: 4, narrow: true };
  }

  // figWidths holds each chart figure's width, read once and then kept by
  // a ResizeObserver: reading it at every change would make the browser
  // lay out the page again before each chart is drawn.
  var figWidths = new WeakMap();

  // geomFor picks the geometry for a chart figure from its width.
  function geomFor(fig) {
    var w = figWidths.get(fig);
    if (w === undefined) {
      w = fig.clientWidth;
      figWidths.set(fig, w);
    }
    return w > 0 && w < NARROW_BELOW ? narrowGeom(w) : WIDE;
  }

  function str(n) { return String(n); }

  // drawChart rebuilds the SVG with the same elements as calc.html, in
  // geometry g.
  function drawChart(fig, v, g) {
    var svg = fig.querySelector("svg.calc-chart-svg");
    var axisLabels = svg.querySelectorAll(".calc-axis-label");
    var xLabel = axisLabels[0] ? axisLabels[0].textContent : "", yLabel = axisLabels[1] ? axisLabels[1].textContent : "";
    while (svg.firstChild) { svg.removeChild(svg.firstChild); }
    svg.setAttribute("viewBox", "0 0 " + g.w + " " + g.h);
    svg.classList.toggle("calc-chart-narrow", g.narrow);
    var left = str(g.l), right = str(g.w - g.r), top = str(g.t), bottom = str(g.h - g.b);
    var grid = el("g", { "class": "calc-grid" }), axis = el("g", { "class": "calc-axis" });
    v.yTicks.forEach(function (t) { grid.appendChild(el("line", { x1: left, x2: right, y1: t[0], y2: t[0] })); });
    axis.appendChild(el("line", { x1: left, x2: right, y1: bottom, y2: bottom }));
    axis.appendChild(el("line", { x1: left, x2: left, y1: top, y2: bottom }));
    var tickY = str(g.h - g.b + 16), tickX = str(g.l - 6);
    v.xTicks.forEach(function (t) { axis.appendChild(el("text", { "class": "calc-tick", x: t[0], y: tickY, "text-anchor": "middle" }, t[1])); });
    v.yTicks.forEach(function (t) { axis.appendChild(el("text", { "class": "calc-tick", x: tickX, y: t[0], "text-anchor": "end", "dominant-baseline": "middle" }, t[1])); });
    var xMid = coord(g.l + (g.w - g.l - g.r) / 2);
    if (g.narrow) {
      axis.appendChild(el("text", { "class": "calc-axis-label", x: xMid, y: str(g.h - 6), "text-anchor": "middle" }, xLabel));
      axis.appendChild(el("text", { "class": "calc-axis-label", x: "0", y: "14", "text-anchor": "start" }, yLabel));
    } else {
      axis.appendChild(el("text", { "class": "calc-axis-label", x: "344", y: "294", "text-anchor": "middle" }, xLabel));
      axis.appendChild(el("text", { "class": "calc-axis-label", x: "-134", y: "14", transform: "rotate(-90)", "text-anchor": "middle" }, yLabel));
    }
    var lines = el("g", { "class": "calc-lines" }), marks = el("g", { "class": "calc-marks" });
    v.series.forEach(function (d, i) { lines.appendChild(el("path", { "class": "calc-series calc-series-" + (i + 1), d: d })); });
    v.marks.forEach(function (m) {
      marks.appendChild(el("circle", { "class": "calc-mark", cx: m.x, cy: m.y, r: "5" }));
      marks.appendChild(el("text", { "class": "calc-mark-label", x: m.tx, y: m.ty, "text-anchor": m.anchor }, m.label));
    });
    [grid, axis, lines, marks].forEach(function (gr) { svg.appendChild(gr); });
    var summary = fig.querySelector(".calc-chart-summary");
    if (summary) { summary.textContent = v.summary; }
  }

  // drawCharts draws every chart of calc for values.
  function drawCharts(calc, values) {
    calc.def.charts.forEach(function (ch, i) {
      var fig = calc.form.querySelector('figure.calc-chart[data-chart="' + i + '"]');
      if (fig) {
        var g = geomFor(fig);
        fig.setAttribute("data-width", String(g.w));
        drawChart(fig, chartView(calc, ch, values, g), g);
      }
    });
  }

  // ---- the summary of key results ----

  // ANNOUNCE_AFTER is how long the inputs must rest before the summary is
  // read out: typing "1500" is one change, not four.
  var ANNOUNCE_AFTER = 600;

  // showSummary writes the key results into the summary and, after a
  // reader's change, reads them out once through its one live region.
  function showSummary(calc, env, fromUser) {
    var items = calc.form.querySelectorAll(".calc-summary [data-output]"), said = [];
    for (var i = 0; i < items.length; i++) {
      var o = calc.outputs[items[i].getAttribute("data-output")];
      if (!o) { continue; }
      var text = format(o, env[o.name]);
      items[i].textContent = text;
      said.push(o.label + ": " + text + (o.unit && o.format !== "duration" ? " " + o.unit : ""));
    }
    clearTimeout(calc.announceTimer);
    if (!fromUser || said.length === 0) { return; }
    calc.announceTimer = setTimeout(function () {
      var region = calc.form.querySelector(".calc-announce");
      if (region) { region.textContent = said.join(". ") + "."; }
    }, ANNOUNCE_AFTER);
  }

  // ---- reading inputs ----

  function baseEnv(calc, values) {
    var env = Object.create(null), k;
    for (k in values) { env[k] = values[k]; }
    for (k in calc.def.constants) { env[k] = calc.def.constants[k]; }
    return env;
  }

  // check returns why v is not acceptable for input inp, or "" (the
  // messages of Input.check in calculator.go).
  function check(inp, v) {
    if (v !== v || v === Infinity || v === -Infinity) { return "enter a number"; }
    if (inp.kind === "toggle") { return v === 0 || v === 1 ? "" : "must be 0 or 1"; }
    if (inp.kind === "choice") { return ""; }
    if (inp.min !== undefined && v < inp.min) { return "must be at least " + plainNumber(inp.min); }
    if (inp.max !== undefined && v > inp.max) { return "must be at most " + plainNumber(inp.max); }
    return "";
  }

  function readField(calc, inp) {
    var field = calc.form.elements.namedItem(inp.name);
    if (inp.kind === "toggle") { return field.checked ? 1 : 0; }
    if (inp.kind === "choice") { return Number(field.value); }
    var raw = field.value.trim();
    if (raw === "" || field.validity.badInput) { return NaN; }
    return Number(raw);
  }

  function showFieldError(calc, inp, msg) {
    var field = calc.form.elements.namedItem(inp.name);
    var box = document.getElementById(field.id + "-error");
    if (msg) {
      field.setAttribute("aria-invalid", "true");
      if (box) { box.textContent = msg.charAt(0).toUpperCase() + msg.slice(1) + "."; box.hidden = false; }
    } else {
      field.removeAttribute("aria-invalid");
      if (box) { box.textContent = ""; box.hidden = true; }
    }
  }

  // update reads the fields; when all are valid it recomputes the outputs
  // and charts (and, after a reader's edit, the URL); otherwise it marks
  // the bad fields and leaves the last valid results in place.
  function update(calc, fromUser) {
    var values = Object.create(null), bad = 0;
    calc.def.inputs.forEach(function (inp) {
      var v = readField(calc, inp), msg = check(inp, v);
      showFieldError(calc, inp, msg);
      if (msg) { bad++; } else { values[inp.name] = v; }
    });
    var status = calc.form.querySelector(".calc-status");
    calc.form.classList.toggle("calc-stale", bad > 0);
    if (bad > 0) {
      clearTimeout(calc.announceTimer);
      if (status) { status.textContent = "Check the marked field" + (bad > 1 ? "s" : "") + ": the results below are for the last valid values."; }
      return;
    }
    if (status) { status.textContent = ""; }
    var env = baseEnv(calc, values);
    run(calc.def, env);
    calc.def.outputs.forEach(function (o) {
      var out = calc.form.querySelector('output[name="' + o.name + '"]');
      if (out) {
        out.textContent = format(o, env[o.name]);
        out.setAttribute("data-value", env[o.name] === env[o.name] ? String(env[o.name]) : "");
      }
    });
    showSummary(calc, env, fromUser);
    calc.values = values;
    drawCharts(calc, values);
    if (fromUser) { writeHash(); }
  }

  // ---- URL fragment: #calc-ID:name=value&name=value;calc-ID2:... ----

  function fieldText(calc, inp) {
    var field = calc.form.elements.namedItem(inp.name);
    if (inp.kind === "toggle") { return field.checked ? "1" : "0"; }
    return field.value.trim();
  }

  function writeHash() {
    var segments = [];
    calcs.forEach(function (calc) {
      var pairs = [];
      calc.def.inputs.forEach(function (inp) {
        var text = fieldText(calc, inp);
        if (Number(text) !== inp.default) { pairs.push(inp.name + "=" + encodeURIComponent(text)); }
      });
      if (pairs.length > 0) { segments.push("calc-" + calc.def.id + ":" + pairs.join("&")); }
    });
    var url = location.pathname + location.search + (segments.length > 0 ? "#" + segments.join(";") : "");
    history.replaceState(history.state, "", url);
  }

  function readHash() {
    var state = Object.create(null);
    location.hash.replace(/^#/, "").split(";").forEach(function (seg) {
      var m = /^calc-([a-z0-9-]+):(.*)$/.exec(seg);
      if (!m) { return; }
      var pairs = Object.create(null);
      m[2].split("&").forEach(function (p) {
        var kv = p.split("=");
        if (kv.length === 2) {
          try { pairs[kv[0]] = decodeURIComponent(kv[1]); } catch (e) { /* a mangled value is ignored */ }
        }
      });
      state[m[1]] = pairs;
    });
    return state;
  }

  function restore(calc, pairs) {
    calc.def.inputs.forEach(function (inp) {
      if (!Object.prototype.hasOwnProperty.call(pairs, inp.name)) { return; }
      var field = calc.form.elements.namedItem(inp.name), text = pairs[inp.name];
      if (inp.kind === "toggle") { field.checked = text === "1"; return; }
      if (inp.kind === "choice") {
        for (var i = 0; i < field.options.length; i++) {
          if (Number(field.options[i].value) === Number(text)) { field.selectedIndex = i; }
        }
        return;
      }
      field.value = text;
    });
  }

  function restoreAll() {
    var state = readHash();
    calcs.forEach(function (calc) {
      if (state[calc.def.id]) { restore(calc, state[calc.def.id]); }
      update(calc, false);
    });
  }

  // ---- wiring ----

  var calcs = [];
  var started = new WeakMap();

  // define reads a calculator's definition into calc; it runs again when
  // the preview server has updated the page in place.
  function define(calc, def) {
    calc.def = def;
    calc.inputs = Object.create(null);
    calc.outputs = Object.create(null);
    def.inputs.forEach(function (inp) { calc.inputs[inp.name] = inp; });
    def.outputs.forEach(function (o) { calc.outputs[o.name] = o; });
  }

  function setup(form) {
    var data = form.querySelector("script.calc-data");
    if (!data) { return; }
    var def = JSON.parse(data.textContent);
    var known = started.get(form);
    if (known) {
      define(known, def);
      form.classList.add("calc-live");
      update(known, false);
      return;
    }
    var calc = { form: form };
    define(calc, def);
    started.set(form, calc);
    form.addEventListener("input", function () { update(calc, true); });
    form.addEventListener("change", function () { update(calc, true); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.addEventListener("reset", function () {
      setTimeout(function () { update(calc, true); }, 0);
    });
    form.classList.add("calc-live");
    calcs.push(calc);
    if ("ResizeObserver" in window) {
      // A chart is drawn for its width: redraw when the width calls for
      // another geometry (a phone turned, a window resized).
      var ro = new ResizeObserver(function (entries) {
        var stale = false;
        entries.forEach(function (e) {
          figWidths.set(e.target, e.target.clientWidth);
          if (String(geomFor(e.target).w) !== e.target.getAttribute("data-width")) { stale = true; }
        });
        if (stale && calc.values) { drawCharts(calc, calc.values); }
      });
      var figs = form.querySelectorAll("figure.calc-chart");
      for (var i = 0; i < figs.length; i++) { ro.observe(figs[i]); }
    }
  }

  function init() {
    var forms = document.querySelectorAll("form.calculator[data-calculator]");
    for (var i = 0; i < forms.length; i++) { setup(forms[i]); }
    if (calcs.length === 0) { return; }
    restoreAll();
    window.addEventListener("hashchange", restoreAll);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
  // The preview server morphs pages in place: take the new definitions, and
  // recompute from the values in the fields (which the morph keeps).
  document.addEventListener("tradeoffs:updated", function () {
    var forms = document.querySelectorAll("form.calculator[data-calculator]");
    for (var i = 0; i < forms.length; i++) { setup(forms[i]); }
  });
}());
