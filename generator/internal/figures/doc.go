// Package figures owns the site's shared figures: numbers used on more
// than one page, kept once in content/_figures.yaml so that a correction is
// made in one place, and the inline syntax that places them in a page.
//
// # The figures file
//
//	figures:
//	  - id: prime-sfn-standard-month
//	    value: "$328,500"
//	    text: "Step Functions Standard charges for a month of the illustrative Prime Video workload"
//	    ours: true
//	    how: "13.14 billion state transitions at $0.000025 each"
//	    sources:
//	      - title: "AWS Step Functions pricing"
//	        url: "https://aws.amazon.com/step-functions/pricing/"
//	        publisher: "Amazon Web Services"
//	        note: "us-east-1, $0.025 per 1,000 transitions; AWS Price List, July 2024"
//
// value is the text shown in the page. text says what the number is. ours
// marks the site's own calculation or reconstruction (a hypothetical, an
// example, arithmetic on a company's figures): it needs how, the working. A
// figure that is not ours is a published figure and needs at least one
// source; sources are https.
//
// # In a page
//
// :figure[prime-sfn-standard-month] anywhere in running text, a table or a
// list shows the value. Every use is marked: "ours" for the site's own
// calculation, "source" for a published figure, linking to a note at the
// end of the page that says what the number is, how it was worked out and
// what it rests on. An unknown id is an error at the page's file:line:col.
//
// It is a goldmark extension (Extension, with Enable and Result per page,
// like package checklist); it imports diag, yamldoc, suggest (the ids a
// misspelt one may have meant), goldmark and the standard library.
package figures
