// dom.js: helpers that make page elements, shared as an ES module by the
// theme's scripts (search.js, checklist.js) and by the preview server's
// live client (generator/internal/devserver serves this same file as
// /_tradeoffs/dom.js), so each is written once. Text goes in as text: no
// helper here parses a string as HTML.

// el makes an element: tag, with class cls when given, and text as its
// text when given.
export function el(tag, cls, text) {
  var e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}
