package search

// Scripts are the browser client's scripts (theme/static/js) that every
// page with a search box loads, deferred, in this order: the tokenizer,
// stemmer and query parser; the index files; matching and scoring;
// filtering, counting and what a result shows; the search box.
var Scripts = []string{"search-text.js", "search-engine.js", "search-rank.js", "search-results.js", "search.js"}

// PageScript is the results page's own script, which it loads after
// Scripts.
const PageScript = "search-page.js"
