// Package search builds the site's full-text search index: static files
// that the browser client (theme/static/js/search*.js) fetches on demand and
// queries with no server, on any static host.
//
// It owns the tokenizer, the stemmer (Porter2 through
// github.com/kljensen/snowball; the client's search-text.js carries a port
// of the same code, tested to agree word for word), the ranking weights, the file
// format and its sharding. It is fed plain Docs (rendered text split at
// headings). It imports snowball (the stemmer), golang.org/x/text, wire
// and the standard library; nothing in the generator imports upward into
// it.
//
// # Using it
//
// A one-off build:
//
//	files, err := search.Build(docs, search.Options{})
//	// write every files.Data[path] under the output root;
//	// put "/"+files.Entry in each search form's data-search-index.
//
// The preview server keeps an Index and updates it as pages are saved:
//
//	ix := search.NewIndex(search.Options{})
//	ix.Add(docs...)             // analysed in parallel
//	files, _ := ix.Files()
//	ix.Add(doc)                 // a page again: replaces the one with its URL
//	ix.Remove(url)
//	files, changes := ix.Files() // changes.Added / changes.Removed paths
//
// An Index's files are byte-identical to Build's for the same pages, and
// Build's files depend only on the set of pages, not their order.
//
// # Contract with the layout
//
// Every page's header holds
//
//	<form role="search" action="/search/" method="get" data-search-index="/search/entry.HASH.json">
//	  <label for="site-search">Search</label>
//	  <input type="search" id="site-search" name="q">
//	</form>
//
// and loads the client's scripts (Scripts) in this order, the deferred
// ones first (a module runs after the deferred scripts before it):
//
//	<script src="/js/search-text.js" defer></script>    (tokenizer, stemmer, query parser)
//	<script src="/js/search-engine.js" defer></script>  (index files)
//	<script src="/js/search-rank.js" defer></script>    (matching and scoring)
//	<script src="/js/search-results.js" defer></script> (filters, counts, what a result shows)
//	<script type="module" src="/js/search.js"></script> (search box; imports dom.js)
//
// with theme/static/css/search.css in the site stylesheet. The results page,
// at the form's action, also loads PageScript (the module search-page.js,
// which imports dom.js too) and holds a
// <div id="search-results"> whose content, in a <noscript> ("search needs
// JavaScript", links to sections and tags), the script replaces with
// results and filters. Its URL carries the state:
// ?q=words&section=SECTION-ID&tag=TAG-NAME, and one parameter per facet
// (Options.Facets) by its name: company=NAME, year=2016-2020. Filters with
// no words list every page that passes them.
//
// A result shows its page's title, linking to the page, an excerpt of the
// page as a whole when its words are there (summary, intro), and up to
// three sub-results: the headings under which its words weigh most, each
// linking to its anchor, with an excerpt of the text under it.
//
// In the preview server, a "tradeoffs:search-updated" event on document
// makes the client read the entry file again (the files it names keep their
// names while their content is the same, so only the changed ones are
// fetched) and search again what is on screen.
//
// # Tokens and terms
//
// A word is a run of letters, decimal digits and combining marks, with
// apostrophes inside it dropped ("don't" is "dont"). Words are folded:
// NFKD, lower case, combining marks removed ("Café" is "cafe"), final sigma
// made plain; a word over 40 characters once folded is not indexed. A word
// of the letters a-z that is not a stop word is stemmed with Porter2; other
// words are their own term. Stop words (the Snowball English list) are
// indexed with their best pages only and are dropped from queries that
// have other words. Code blocks are not indexed.
//
// # Ranking
//
// Each (term, page) pair gets a weight at build time, stored as one byte:
// BM25 saturation (k1 1.2, b 0.75, the average page length rounded to a
// quarter octave as pivot) over body occurrences plus heading and summary
// boosts, and bonuses for a title or tag match (see encode.go). The client
// multiplies it by the term's idf. Multi-word queries rank pages having all
// words first (AND), then, when none has them all, pages having most. The
// last word of a query still being typed also matches completions (x0.85),
// a word of 5 letters or more that matches nothing matches words one edit
// away (x0.6), and a quoted phrase must appear with its words in order.
// A result's sub-results are the blocks most of its words are in, then
// those where they weigh most.
//
// # Files
//
// All files live in Options.Dir ("search") and are named KIND.HASH.EXT,
// HASH being 10 base32 characters of the SHA-256 of the content, so they
// can be cached forever (with Options.StableEntry, the entry file is
// entry.json, for the preview server). Binary files are gzip-compressed (the client
// inflates them with DecompressionStream), so a host that does not
// compress still sends few bytes. Inside, "uv" is an unsigned LEB128
// varint, "str" a uv byte length and UTF-8 bytes, "strs" a uv count of str.
//
// entry.HASH.json, the only file a page names:
//
//	{"v": 2, "docs": N, "topK": K,
//	 "sections": [[id, title, first page id, end page id], ...],
//	 "tags": [name, ...], "tagFile": "g.HASH.bin",
//	 "facets": [[name, label, "values" or "range"], ...], "facetFile": "f.HASH.bin",
//	 "metaSize": pages per meta file, "meta": ["m.HASH.bin", ...],
//	 "shards": [[first term, "t.HASH.bin"], ...]}
//
// "facets" lists the facets some page has a value for ("facetFile" is ""
// when there is none).
//
// Page ids number the pages sorted by section id, then URL, so a section is
// an id range. Term shards cover consecutive ranges of terms in code point
// order; the first shard's first term is "".
//
// t.HASH.bin, a term shard:
//
//	uv version; str name of its positions file ("" if none)
//	uv count of pages shown; per page: uv id delta, str URL, str title, str date
//	uv count of terms; per term, in order:
//	  str term; strs surface words folding to it (when not the term itself)
//	  uv df; byte 1 if a stop word (no postings follow), else 0 and
//	    df × uv page id delta, df × byte weight, df × byte block index
//	  uv k; k × (uv page id, byte weight, uv n, n × sub-result):
//	    the term's k best pages, best first, each with the n (1 to 3)
//	    places of the page where the term weighs most, best first:
//	  sub-result: byte block; unless block is 255, str anchor, str heading;
//	    then str excerpt. Block 255 is the page as a whole (the term is in
//	    no block: the excerpt comes from the summary or the page's start).
//
// p.HASH.bin, the word positions of a shard's terms (for phrases):
//
//	uv count of terms; per term: uv byte length, then per posting:
//	uv count, count × uv position delta
//
// Positions count every word of the page, stop words included, with gaps
// between fields and blocks so that a phrase never spans two.
//
// m.HASH.bin, page metadata for results no top list covers:
//
//	uv first page id; uv count; per page: str URL, str title, str summary,
//	str date, strs tags, uv count of blocks, per block: str anchor, str heading
//
// g.HASH.bin, pages per tag, in the entry's tag order:
//
//	uv count of tags; per tag: uv count, count × uv page id delta
//
// f.HASH.bin, pages per facet value, in the entry's facet order:
//
//	per facet: uv count of values; per value (by code point, or by number
//	for a range): str value, uv count, count × uv page id delta
//
// # Size
//
// A one-word search fetches the scripts, the entry file and the shard(s) of
// the word: the stored top list gives titles, excerpts and sub-results with
// no per-result file. Whatever the site's size there are at most 360 term
// shards, as many positions files and 250 meta files, so the entry file
// stays under 20 KB (7 KB compressed).
//
// On the 10,000-page synthetic benchmark corpus (TestPayload checks every
// figure of this paragraph and the last): 940 files, 12 MB; a first search
// for "latency" (on 90% of pages) fetches at most 44 KB on the wire,
// scripts included, and one for "zenith" (9 pages) at most 27 KB (a KB is
// 1,000 bytes), sub-results included, within issue 20's budgets of 60 and
// 35 KB. BenchmarkBuild times the build; the benchmark command
// (go run ./generator/bench) times searches beside Pagefind's.
package search
