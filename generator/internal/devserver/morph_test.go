package devserver

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/tradeoffs/tradeoffs/generator/internal/browsertest"
)

// morphCase is a page body before and after a save. setup runs in the page
// before the update (it tags elements with expando properties, types into
// fields); check runs after it and pushes what is wrong into bad.
type morphCase struct {
	name, before, after, setup, check string
}

var morphCases = []morphCase{{
	name:   "list items inserted without ids",
	before: `<ul><li>a</li><li>b</li><li>c</li></ul>`,
	after:  `<ul><li>new</li><li>a</li><li>b, changed</li><li>c</li><li>end</li></ul>`,
	setup:  `document.querySelectorAll("li").forEach(li => li.__k = li.textContent)`,
	check: `const k = [...document.querySelectorAll("li")].map(li => li.__k || "-").join(",");
		if (k !== "-,a,b,c,-") bad.push("kept items " + k + ", want -,a,b,c,-")`,
}, {
	name:   "list item removed from the middle",
	before: `<ul><li>a</li><li>b</li><li>c</li><li>d</li></ul>`,
	after:  `<ul><li>a</li><li>c</li><li>d</li></ul>`,
	setup:  `document.querySelectorAll("li").forEach(li => li.__k = li.textContent)`,
	check: `const k = [...document.querySelectorAll("li")].map(li => li.__k || "-").join(",");
		if (k !== "a,c,d") bad.push("kept items " + k + ", want a,c,d")`,
}, {
	name:   "items with ids reordered keep element and typed value",
	before: `<ul><li id="x">x <input name="x"></li><li id="y">y <input name="y"></li><li id="z">z <input name="z"></li></ul>`,
	after:  `<ul><li id="z">z <input name="z"></li><li id="x">x <input name="x"></li><li id="y">y, changed <input name="y"></li></ul>`,
	setup: `document.querySelectorAll("li").forEach(li => li.__k = li.id);
		document.querySelectorAll("input").forEach(i => i.value = "typed " + i.name)`,
	check: `document.querySelectorAll("li").forEach(li => { if (li.__k !== li.id) bad.push(li.id + " is a new element") });
		document.querySelectorAll("input").forEach(i => { if (i.value !== "typed " + i.name) bad.push(i.name + " = " + i.value) })`,
}, {
	name:   "items without ids reordered",
	before: `<ol><li>one</li><li>two</li><li>three</li></ol>`,
	after:  `<ol><li>three</li><li>one</li><li>two</li></ol>`,
	setup:  `document.querySelectorAll("li").forEach(li => li.__k = li.textContent)`,
	check:  `document.querySelectorAll("li").forEach(li => { if (li.__k !== li.textContent) bad.push(li.textContent + " is a new element") })`,
}, {
	name:   "text changed in place",
	before: `<p id="t">Hello <b>world</b>!</p>`,
	after:  `<p id="t">Hello, <b>there</b>!</p>`,
	setup: `const p = document.getElementById("t"); p.__k = 1; p.firstChild.__k = 2;
		p.querySelector("b").__k = 3; p.querySelector("b").firstChild.__k = 4`,
	check: `const p = document.getElementById("t");
		if (p.__k !== 1) bad.push("new paragraph");
		if (p.firstChild.__k !== 2) bad.push("new first text node");
		if (p.querySelector("b").__k !== 3) bad.push("new <b>");
		if (p.querySelector("b").firstChild.__k !== 4) bad.push("new text node in <b>")`,
}, {
	name:   "attributes changed, added and removed",
	before: `<a id="l" href="/x" class="c" title="t" data-k="1">link</a>`,
	after:  `<a id="l" href="/y" data-k="2" rel="next">link</a>`,
	setup:  `document.getElementById("l").__k = 1`,
	check: `const a = document.getElementById("l");
		if (a.__k !== 1) bad.push("new element");
		const attrs = a.getAttributeNames().sort().map(n => n + "=" + a.getAttribute(n)).join(" ");
		if (attrs !== "data-k=2 href=/y id=l rel=next") bad.push("attributes " + attrs)`,
}, {
	name:   "element changes tag",
	before: `<div id="box"><p id="t" class="a">text</p></div>`,
	after:  `<div id="box"><section id="t" class="a">text</section></div>`,
	setup:  `window.__old = document.getElementById("t"); document.getElementById("box").__k = 1`,
	check: `if (document.getElementById("t").nodeName !== "SECTION") bad.push("still " + document.getElementById("t").nodeName);
		if (window.__old.isConnected) bad.push("the old <p> is still in the page");
		if (document.getElementById("box").__k !== 1) bad.push("the parent was replaced")`,
}, {
	name: "field inserted before typed fields of a nested form",
	before: `<form id="f"><fieldset><legend>L</legend><label>A <input name="a"></label>
<label>B <input name="b"></label><label><input type="checkbox" name="c"> C</label></fieldset></form>`,
	after: `<form id="f"><fieldset><legend>L</legend><label>Z <input name="z"></label>
<label>A, renamed <input name="a" placeholder="new"></label>
<label>B <input name="b"></label><label><input type="checkbox" name="c"> C</label></fieldset></form>`,
	setup: `const f = document.getElementById("f");
		f.elements.a.value = "1"; f.elements.b.value = "2"; f.elements.c.checked = true;
		f.elements.a.__k = "a"; f.elements.b.__k = "b"`,
	check: `const f = document.getElementById("f");
		if (f.elements.a.value !== "1" || f.elements.a.__k !== "a") bad.push("a: " + f.elements.a.value);
		if (f.elements.b.value !== "2" || f.elements.b.__k !== "b") bad.push("b: " + f.elements.b.value);
		if (f.elements.z.value !== "") bad.push("z took a typed value: " + f.elements.z.value);
		if (!f.elements.c.checked) bad.push("checkbox c unchecked")`,
}, {
	name:   "elements without ids reordered and edited keep their fields",
	before: `<div><label>A <input name="a"></label><label>B <input name="b"></label></div>`,
	after:  `<div><label>B, edited <input name="b"></label><label>A <input name="a"></label></div>`,
	setup:  `document.querySelectorAll("input").forEach(i => { i.value = "typed " + i.name; i.__k = i.name; })`,
	check: `document.querySelectorAll("input").forEach(i => {
			if (i.value !== "typed " + i.name || i.__k !== i.name) bad.push(i.name + " = " + i.value + " (element of " + i.__k + ")");
		})`,
}, {
	name: "the author changes defaults the reader has overridden",
	before: `<fieldset><input type="radio" name="r" value="s" checked><input type="radio" name="r" value="m"><input type="radio" name="r" value="l"></fieldset>
<select name="s"><option selected>a</option><option>b</option><option>c</option></select>`,
	after: `<fieldset><input type="radio" name="r" value="s"><input type="radio" name="r" value="m" checked><input type="radio" name="r" value="l"></fieldset>
<select name="s"><option>a</option><option>b</option><option selected>c</option></select>`,
	setup: `document.querySelector('[value="l"]').click(); document.querySelector("select").value = "b"`,
	check: `const r = document.querySelector('[name="r"]:checked');
		if (!r || r.value !== "l") bad.push("radio " + (r && r.value) + ", want the reader's l");
		if (document.querySelector("select").value !== "b") bad.push("select " + document.querySelector("select").value + ", want the reader's b")`,
}, {
	// Browsers without Element.moveBefore blur an element when it moves.
	name:   "focused field moved, without moveBefore",
	before: `<ul><li id="x"><input name="x"></li><li id="y"><input name="y"></li><li id="z"><input name="z" value="hello"></li></ul>`,
	after:  `<ul><li id="z"><input name="z" value="hello"></li><li id="x"><input name="x"></li><li id="y"><input name="y"></li></ul>`,
	setup: `delete Element.prototype.moveBefore;
		const z = document.querySelector('[name="z"]'); z.focus(); z.setSelectionRange(2, 4)`,
	check: `const z = document.querySelector('[name="z"]');
		if (document.activeElement !== z) bad.push("focus on " + (document.activeElement && document.activeElement.outerHTML));
		if (z.selectionStart !== 2 || z.selectionEnd !== 4) bad.push("selection " + z.selectionStart + "-" + z.selectionEnd)`,
}, {
	name:   "select and textarea keep the reader's input",
	before: `<select name="s"><option>a</option><option>b</option></select><textarea name="t">default</textarea>`,
	after:  `<select name="s"><option>a</option><option>b</option><option>c</option></select><textarea name="t">new default</textarea>`,
	setup:  `document.querySelector("select").value = "b"; document.querySelector("textarea").value = "mine"`,
	check: `if (document.querySelector("select").value !== "b") bad.push("select = " + document.querySelector("select").value);
		if (document.querySelector("textarea").value !== "mine") bad.push("textarea = " + document.querySelector("textarea").value);
		if (document.querySelector("textarea").defaultValue !== "new default") bad.push("textarea default " + document.querySelector("textarea").defaultValue)`,
}, {
	name:   "svg attributes",
	before: `<svg id="s" viewBox="0 0 10 10"><circle cx="1" cy="1" r="1"></circle><use href="#c"></use></svg>`,
	after:  `<svg id="s" viewBox="0 0 20 20"><circle cx="5" cy="1" r="1"></circle><use href="#d"></use></svg>`,
	setup:  `document.querySelector("circle").__k = 1`,
	check: `if (document.querySelector("circle").__k !== 1) bad.push("new circle");
		if (document.getElementById("s").getAttribute("viewBox") !== "0 0 20 20") bad.push("viewBox " + document.getElementById("s").getAttribute("viewBox"))`,
}, {
	name:   "structure replaced",
	before: `<main><article><h1>a</h1><!-- note --></article></main>`,
	after:  `<div class="x"><p>new</p></div><main><h1>b</h1>text<!-- other --></main>`,
}, {
	name:   "duplicate ids",
	before: `<p id="d">1</p><p id="d">2</p>`,
	after:  `<p id="d">2</p><p id="d">1</p><p id="d">3</p>`,
}, {
	name:   "element becomes text and text becomes element",
	before: `<p><b>x</b> y</p>`,
	after:  `<p>x <i>y</i></p>`,
}, {
	name:   "open details and elements added by page scripts",
	before: `<details id="d"><summary>s</summary>body</details><div id="w"></div>`,
	after:  `<details id="d"><summary>s, changed</summary>body</details><div id="w"><p>server</p></div>`,
	setup:  `document.getElementById("d").open = true; document.getElementById("w").append(document.createElement("button"))`,
	check: `if (!document.getElementById("d").open) bad.push("details closed");
		if (document.querySelector("#w button")) bad.push("script-made button kept (the page's scripts re-add theirs on tradeoffs:updated)")`,
}}

func testMorphCases(t *testing.T, b *browsertest.Browser) {
	site := newFakeSite()
	site.set("/start/", doc("start", testHead, ""), 1)
	tab := liveTest(t, b, site, "/start/")
	for i, c := range morphCases {
		t.Run(c.name, func(t *testing.T) {
			path := fmt.Sprintf("/morph/%d/", i)
			site.set(path, doc(c.name, testHead, c.before), int64(2*i+2))
			navigate(t, tab, site, path)
			if c.setup != "" {
				browsertest.Eval[bool](tab, "(() => { window.__marker = 42; "+c.setup+"; return true; })()")
			}
			site.set(path, doc(c.name, testHead, c.after), int64(2*i+3))
			site.push(t, "update", update(int64(2*i+3), path))
			tab.WaitFor(`window.__updated === 1`, 10*time.Second)
			if c.setup != "" && !browsertest.Eval[bool](tab, `window.__marker === 42`) {
				t.Fatal("the page reloaded")
			}
			if c.name != "open details and elements added by page scripts" {
				if diff := bodyDiff(t, tab); diff != "" {
					t.Errorf("the morphed body differs from the new page:\n%s", diff)
				}
			}
			if c.check != "" {
				for _, bad := range browsertest.Eval[[]string](tab, "(() => { const bad = []; "+c.check+"; return bad; })()") {
					t.Error(bad)
				}
			}
		})
	}
}

// bodyDiff compares the page's body (without the client's own element) with
// the body of the page as the server serves it now; "" when they are equal.
func bodyDiff(t *testing.T, tab *browsertest.Tab) string {
	t.Helper()
	return browsertest.Eval[string](tab, `(async () => {
		const res = await fetch(location.href, { cache: "no-store" });
		const want = new DOMParser().parseFromString(await res.text(), "text/html").body;
		const got = document.body.cloneNode(true);
		got.querySelectorAll("#tradeoffs-live").forEach(e => e.remove());
		return got.isEqualNode(want) ? "" : "got:  " + got.outerHTML + "\nwant: " + want.outerHTML;
	})()`)
}

// randomBody writes random markup from a small vocabulary, with few ids and
// names so that matches, collisions and moves are frequent.
func randomBody(r *rand.Rand, depth int) string {
	var b strings.Builder
	for range r.IntN(6) {
		randomNode(r, &b, depth)
	}
	return b.String()
}

func randomNode(r *rand.Rand, b *strings.Builder, depth int) {
	pick := func(xs ...string) string { return xs[r.IntN(len(xs))] }
	switch n := r.IntN(10); {
	case n < 3:
		b.WriteString(pick("alpha", "beta ", " gamma", "\n", "delta\n", "é"))
		return
	case n == 3:
		b.WriteString("<!--" + pick("c1", "c2") + "-->")
		return
	case n == 4:
		fmt.Fprintf(b, `<input name="%s" type="%s" value="%s">`, pick("x", "y", "z"), pick("text", "checkbox", "text"), pick("1", "2"))
		return
	}
	tag := pick("div", "p", "span", "ul", "li", "b", "section", "label", "em")
	b.WriteString("<" + tag)
	if r.IntN(4) == 0 {
		b.WriteString(` id="` + pick("a", "b", "c", "d") + `"`)
	}
	if r.IntN(3) == 0 {
		b.WriteString(` class="` + pick("k1", "k2", "k1 k2") + `"`)
	}
	if r.IntN(5) == 0 {
		b.WriteString(` data-n="` + pick("1", "2", "3") + `"`)
	}
	b.WriteString(">")
	if depth > 0 {
		b.WriteString(randomBody(r, depth-1))
	}
	b.WriteString("</" + tag + ">")
}

// testMorphRandom morphs one tab through a chain of random pages and checks
// after each step that the DOM equals the new page, with no reload.
func testMorphRandom(t *testing.T, b *browsertest.Browser) {
	r := rand.New(rand.NewPCG(1, 2))
	site := newFakeSite()
	site.set("/r/", doc("r", testHead, randomBody(r, 3)), 1)
	tab := liveTest(t, b, site, "/r/")
	browsertest.Eval[bool](tab, `(() => { window.__marker = 42; return true; })()`)
	const steps = 60
	for step := 1; step <= steps; step++ {
		body := randomBody(r, 3)
		if r.IntN(3) == 0 {
			// Small edits of the page before are the common case.
			body = randomBody(r, 1) + "<main>" + body + "</main>"
		}
		site.set("/r/", doc("r", testHead, body), int64(step+1))
		site.push(t, "update", update(int64(step+1), "/r/"))
		tab.WaitFor(fmt.Sprintf(`window.__updated === %d`, step), 10*time.Second)
		if diff := bodyDiff(t, tab); diff != "" {
			t.Fatalf("step %d: the morphed body differs from the new page:\n%s", step, diff)
		}
	}
	if !browsertest.Eval[bool](tab, `window.__marker === 42`) {
		t.Error("the page reloaded")
	}
}
