// Package calc owns calculators: widgets embedded in pages that compute
// costs live from the reader's inputs. A calculator is data (YAML), checked
// when the site builds, evaluated in Go for the page's defaults and in the
// browser (calc.js) as the reader types. calc owns the definition format,
// the expression language (parse, check, evaluate), number formatting, the
// charts and the widget's HTML.
//
// calc imports diag, suggest (the names a misspelt one may have meant),
// github.com/goccy/go-yaml (the YAML parser) and the standard library.
// It does not parse markdown: the page renderer finds the directive and the
// fenced blocks described below and calls ParseFile, ParseBlock and Render.
//
// # Using a calculator in a page
//
// A calculator lives in content/calculators/<id>.yaml (the file name is its
// id). A page embeds it with a line of its own:
//
//	::calculator[serverless-vs-containers]
//
// A calculator used by one page only can be written in the page, as a
// fenced block whose body is the same YAML with an id key:
//
//	```calculator
//	id: lambda-quick-check
//	title: ...
//	```
//
// Ids are lower-case letters, digits and hyphens, unique across the site.
//
// # Definition format
//
// Keys are checked strictly: an unknown key, a value of the wrong type, a
// missing required key, a bad date or a non-https source is a build error
// at its file:line:col. Schema lists every key with its documentation
// (generated into CONTRIBUTING.md). In short:
//
//	title: Serverless vs. containers      # required
//	description: What it answers; say which defaults are illustrative.
//	inputs:                               # required, in display order
//	  - name: rps                         # used in formulas and in the URL
//	    label: Average load               # required
//	    unit: req/s
//	    default: 10                       # required
//	    min: 0
//	    max: 100000
//	    step: 1
//	    help: Requests per second averaged over the month.
//	  - name: arch
//	    label: Architecture
//	    type: choice                      # a drop-down list
//	    default: 0                        # one of the choice values
//	    choices:
//	      - {label: x86_64, value: 0}
//	      - {label: arm64, value: 1}
//	  - name: free_tier
//	    label: Apply the free tier
//	    type: toggle                      # a checkbox: 1 or 0; true/false in formulas
//	    default: 0
//	constants:                            # the price table
//	  - name: lambda_request_price
//	    label: Lambda requests
//	    value: 0.20
//	    unit: USD per million requests    # required
//	    source: https://aws.amazon.com/lambda/pricing/   # required, https: the vendor's page
//	    as_of: 2026-09-20                 # the day the number was checked on that page
//	    note: A provenance note, if one is needed.
//	  - name: fargate_vcpu_arm
//	    label: Fargate vCPU, Linux/ARM
//	    value: 0.03238
//	    unit: USD per vCPU-hour
//	    source: https://aws.amazon.com/fargate/pricing/
//	    third_party: https://example.org/aws-prices   # where the number came from,
//	    third_party_name: A price table               # when the vendor's page could
//	                                      # not be read: no as_of then; the table
//	                                      # says "not checked against the vendor's page"
//	  - name: month_seconds
//	    label: Seconds in a month
//	    value: 2628000
//	    unit: s
//	    kind: convention                  # price (default), quota, or convention:
//	                                      # a convention needs no source or date
//	outputs:                              # required, computed in order
//	  - name: lambda_cost
//	    label: Lambda
//	    formula: rps * month_seconds * lambda_request_price / 1000000
//	    format: currency                  # currency, percent, number, duration, flag
//	    unit: per month                   # shown after the number
//	    decimals: 2
//	    note: A sentence under the result.
//	    hidden: false                     # true: a helper value, not shown
//	    key: true                         # a key result: repeated in the summary
//	charts:
//	  - title: Monthly cost by load
//	    x: rps                            # a number input
//	    from: 0
//	    to: 100
//	    points: 41                        # 2 to 201
//	    series: [lambda_cost, fargate_cost]   # shown outputs of one format
//	    x_label: ...                      # default: the input's label and unit
//	    y_label: USD per month            # default: the first series' unit
//
// Limits keep a hostile definition cheap to build: 128 KiB of YAML, 40
// inputs, 100 constants, 60 outputs, 4 charts of at most 6 series and 201
// points, 20 choices per input, formulas of 1,000 characters nested at most
// 40 deep. Anchors, aliases, merge keys and tags are not accepted.
//
// # Formulas
//
// A formula is an expression over numbers and true/false values:
//
//   - numbers: 42, 0.5, 1e-6, 2_628_000 (underscores between digits);
//     true and false;
//   - names of inputs, constants and outputs defined above the formula;
//   - arithmetic: + - * / and ^ (power, right-associative: 2^3^2 is 2^9;
//     -2^2 is -4); unary minus; parentheses;
//   - comparisons: < <= > >= == != (not chained: write a < b and b < c);
//   - logic: and, or, not (words, not symbols);
//   - functions: min(a, b, ...), max(a, b, ...), abs, ceil, floor,
//     round (half away from zero), log (natural), log10, sqrt, exp, and
//     if(condition, value if true, value if false).
//
// Precedence, loosest first: or; and; not; comparisons; + -; * /; unary
// minus; ^.
//
// Types are checked when the site builds: arithmetic and functions need
// numbers, and/or/not and the condition of if need true/false values, the
// two branches of if must have the same type, == and != compare values of
// one type. A toggle input is a true/false value; a choice input is a
// number. An output whose formula is true/false has format flag (shown as
// if_true / if_false, default yes / no). Also build errors, each at the
// column in the formula: an unknown name (with the closest known name
// suggested), a reference to the output itself or to one defined below it,
// an unknown function, a wrong number of arguments, and a division whose
// divisor is always 0.
//
// Evaluation is on IEEE-754 doubles, identical in Go and in calc.js: true
// is 1 and false 0; a result that is not finite (x/0 at run time, log(0),
// sqrt(-1), overflow) is the undefined state, and anything computed from
// it is undefined too (comparisons, min/max and if conditions included).
// An undefined output shows "—", never NaN or Infinity.
//
// # Formats
//
//   - currency: "$1,234.57" ("-$5.00" below zero), 2 decimals by default;
//   - percent: the value is a fraction, 0.25 shows as "25.0%", 1 decimal;
//   - number: "1,234", 0 decimals;
//   - duration: unit says the value's unit (ms, s, min, h, days, months,
//     years; a month is 730 hours, a year 12 months); shown in the largest
//     unit it reaches: "5.3 months", "1.2 years", 1 decimal;
//   - flag: if_true or if_false.
//
// Rounding is half away from zero. Values of 1e21 and more after scaling
// show "—".
//
// # HTML contract
//
// Render returns one element; calc.js, the tests and other tools rely on:
//
//   - <form class="calculator" id="calc-ID" data-calculator="ID" novalidate>;
//   - per input, <input name="NAME" id="calc-ID-NAME"> (type number with
//     min, max and step, or a checkbox) or <select name="NAME">, with a
//     <label>, the unit in .calc-unit, help in .calc-help and an error
//     box <p class="calc-error" id="calc-ID-NAME-error" hidden>; an
//     invalid field gets aria-invalid="true" and a visible message;
//   - per shown output, <output name="NAME" id="calc-ID-out-NAME"
//     data-value="NUMBER">TEXT</output> holding the formatted result
//     (data-value is the raw number, empty when undefined), prefilled
//     with the defaults evaluated in Go;
//   - <div class="calc-summary"> (when there are key results, see
//     KeyOutputs): each key result's label and text, in <dd
//     class="calc-summary-value" data-output="NAME">, and <p
//     class="calc-announce" role="status">, the one live region of the
//     results: calc.js writes the key results there once after a change
//     (the <output>s are aria-live="off", so a change is announced once);
//     the stylesheet keeps the summary in view while the inputs scroll;
//   - <p class="calc-status" role="status">, which explains that results
//     are stale while a field is invalid (the form then has calc-stale);
//   - per chart, <figure class="calc-chart" data-chart="INDEX"> with an
//     <svg class="calc-chart-svg"> drawn for the defaults (sampled at the
//     chart's points, plus two points either side of any step or kink
//     found between neighbours, so a cost that rises in steps is drawn
//     with vertical rises): .calc-grid,
//     .calc-axis (.calc-tick, .calc-axis-label), one <path class="calc-series
//     calc-series-N"> per series, .calc-marks with a <circle
//     class="calc-mark"> and a .calc-mark-label at each break-even point
//     (up to four per pair of series, as curves can swap places at steps),
//     a .calc-legend and a .calc-chart-summary sentence;
//   - the price table <table class="calc-prices"> listing every constant
//     with its value, unit, source link (and .calc-third-party naming the
//     table a number came from) and the date it was checked;
//   - <script type="application/json" class="calc-data"> holding the
//     parsed definition (formulas as compact trees, see Node.MarshalJSON);
//     html/template escapes "<" in it, so no string can close the element.
//
// calc.js recomputes on every input event, marks invalid fields and keeps
// the last valid results, redraws charts (in the server's 640-unit
// geometry from 640 px wide, and at their real size in pixels below, so
// their text stays readable on a phone), and writes the scenario to the URL
// fragment: #calc-ID:name=value&name=value, one segment per calculator whose
// inputs differ from the defaults, segments joined by ";". Opening such a
// URL restores the scenario. Pages that embed a calculator load calc.js
// (defer) and the stylesheet, which includes calc.css.
package calc
