package site

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// edit is one kind of random edit of incrementalRun's site.
type edit struct {
	name string
	do   func()
}

// writeKinds writes the inputs of every kind that incrementalRun's notes,
// case study and figures leave out: a page bundle with its resources, a
// checklist, a calculator's own page, the site's settings and layouts that
// override the theme's.
func writeKinds(write func(name, data string)) {
	write("content/notes/bundle/index.md", bundlePage(0))
	write("content/notes/bundle/data.csv", "year,cost\n2024,100\n")
	write("content/notes/bundle/chart.svg", chartSVG(0))
	write("content/checklists/_index.md", "---\ntitle: Checklists\n---\nPick one.\n")
	write("content/checklists/pick.md", checklistPage(0))
	write("content/calculators/double.md", calculatorPage(0))
	write("layouts/notes/page.html", sectionLayout(0))
}

// kindEdits are the random edits of what writeKinds wrote: each changes one
// input in a way that changes the output, or breaks it, or puts it back.
func kindEdits(r *rand.Rand, write func(name, data string), remove func(name string)) []edit {
	return []edit{
		{"edit a bundle's page", func() { write("content/notes/bundle/index.md", bundlePage(r.IntN(4))) }},
		{"change a bundle's resource", func() {
			if r.IntN(2) == 0 {
				write("content/notes/bundle/data.csv", fmt.Sprintf("year,cost\n2024,%d\n", r.IntN(1000)))
			} else {
				write("content/notes/bundle/chart.svg", chartSVG(r.IntN(3)))
			}
		}},
		{"add or remove a bundle's resource", func() {
			if r.IntN(2) == 0 {
				write("content/notes/bundle/extra.txt", fmt.Sprintf("extra %d\n", r.IntN(10)))
			} else {
				remove("content/notes/bundle/" + []string{"extra.txt", "chart.svg", "data.csv"}[r.IntN(3)])
			}
		}},
		{"turn the bundle into a page and back", func() {
			// Its resources stay in the folder, beside no page.
			if r.IntN(2) == 0 {
				remove("content/notes/bundle/index.md")
				write("content/notes/bundle.md", bundlePage(r.IntN(4)))
			} else {
				remove("content/notes/bundle.md")
				write("content/notes/bundle/index.md", bundlePage(r.IntN(4)))
			}
		}},
		{"edit a checklist", func() { write("content/checklists/pick.md", checklistPage(r.IntN(5))) }},
		{"edit a calculator's page", func() { write("content/calculators/double.md", calculatorPage(r.IntN(3))) }},
		{"break or remove a calculator", func() {
			if r.IntN(2) == 0 {
				remove("content/calculators/double.yaml")
			} else {
				write("content/calculators/double.yaml", "title: Double\ninputs:\n  - name: x\n    label: X\n    default: 2\noutputs:\n  - name: y\n    label: Y\n    formula: x * z\n    format: number\n")
			}
		}},
		{"override a layout", func() {
			switch r.IntN(4) {
			case 0:
				write("layouts/notes/page.html", sectionLayout(r.IntN(3)))
			case 1:
				write("layouts/page.html", fmt.Sprintf("{{define \"main\"}}<article class=\"every-page-%d\"><h1>{{.Title}}</h1>{{.Content}}</article>{{end}}\n", r.IntN(3)))
			case 2:
				write("layouts/partials/footer.html", fmt.Sprintf("<footer class=\"own-footer-%d\">{{.Site.Title}}</footer>\n", r.IntN(3)))
			default:
				write("layouts/partials/toc.html", "{{if .TOC}}<nav class=\"own-toc\">{{range .TOC}}{{.Text}} {{end}}</nav>{{end}}\n")
			}
		}},
		{"remove a layout override", func() {
			remove([]string{"layouts/notes/page.html", "layouts/page.html", "layouts/partials/footer.html", "layouts/partials/toc.html", "layouts/partials/breadcrumbs.html"}[r.IntN(5)])
		}},
		{"change the site's settings", func() { write("content/_site.yaml", siteSettings(r)) }},
	}
}

// bundlePage is the bundle's page in one of four versions: showing its
// chart and linking its data, with other words, without the chart, and
// linking a resource the bundle lacks.
func bundlePage(v int) string {
	body := []string{
		"![The chart](chart.svg)\n\nThe [data](data.csv) behind it.\n",
		"![The chart, again](chart.svg)\n\nThe [raw data](data.csv), with more words.\n",
		"The [data](data.csv) alone.\n",
		"![The chart](chart.svg)\n\nThe [extra](extra.txt) file.\n",
	}[v]
	// A third-level heading, which the table of contents lists or not
	// as the settings say, and raw HTML, filtered unless they allow it.
	return "---\ntitle: Bundle\ndate: 2024-01-05\ntags: [a]\n---\n## Figures\n\n" + body +
		"\n### Detail\n\n<div style=\"color: red\" onclick=\"x()\">Raw HTML.</div>\n"
}

// chartSVG is the bundle's picture in one of three versions.
func chartSVG(v int) string {
	return fmt.Sprintf("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"%d\" height=\"5\"/></svg>\n", 2+v)
}

// checklistPage is a checklist in one of five versions: weights changed,
// an option renamed, a gate added, and a weight for an option it does not
// have (an error).
func checklistPage(v int) string {
	options := []string{"fast", "slow"}
	questions := []string{
		"- [ ] Is the load steady? {yes: slow +2; no: fast +1}\n- [ ] Do you have a team? {slow +1}\n",
		"- [ ] Is the load steady? {yes: slow +3; no: fast +2}\n- [ ] Do you have a team? {slow +1}\n",
		"- [ ] Is the load steady? {yes: steady +2; no: fast +1}\n- [ ] Do you have a team? {steady +1}\n",
		"- [ ] Is the load steady? {yes: slow +2; no: fast +1}\n- [ ] Is someone on call? {gate: slow}\n",
		"- [ ] Is the load steady? {yes: never +2; no: fast +1}\n",
	}[v]
	if v == 2 {
		options[1] = "steady"
	}
	var opts strings.Builder
	for _, o := range options {
		fmt.Fprintf(&opts, "  - id: %s\n    label: %s option\n", o, o)
	}
	return "---\ntitle: Pick\nsummary: Fast or slow.\ndate: 2024-01-02\ntags: [c]\noptions:\n" + opts.String() + "---\nAnswer these.\n\n## Load\n\n" + questions
}

// calculatorPage is the double calculator's own page in one of three
// versions: the calculator with words, other words, and a calculator that
// does not exist (an error).
func calculatorPage(v int) string {
	body := []string{
		"Doubles a number.\n\n::calculator[double]\n",
		"Doubles it, and says so at length.\n\n::calculator[double]\n",
		"::calculator[triple]\n",
	}[v]
	return "---\ntitle: Double calculator\nsummary: Doubles.\ndate: 2024-01-03\ntags: [c]\n---\n" + body
}

// sectionLayout is the notes' own page layout in one of three versions; the
// last does not parse.
func sectionLayout(v int) string {
	return []string{
		"{{define \"main\"}}<article class=\"note\"><h1>{{.Title}}</h1>{{.Content}}</article>{{end}}\n",
		"{{define \"main\"}}<article class=\"note v2\"><h1>{{.Title}}</h1>{{.Content}}<p>{{.SectionTitle}}</p></article>{{end}}\n",
		"{{define \"main\"}}<article>{{.Title}</article>{{end}}\n",
	}[v]
}

// siteSettings is the site's settings with random values for what every
// page shows: the table of contents' levels, the menu, the edit links, the
// code styles, raw HTML and how broken links count.
func siteSettings(r *rand.Rand) string {
	var b strings.Builder
	fmt.Fprintf(&b, "title: Site %d\n", r.IntN(3))
	if r.IntN(2) == 0 {
		min := 1 + r.IntN(3)
		fmt.Fprintf(&b, "toc:\n  min: %d\n  max: %d\n", min, min+r.IntN(3))
	}
	if r.IntN(2) == 0 {
		fmt.Fprintf(&b, "menu:\n  - title: Notes %d\n    url: /notes/\n", r.IntN(3))
	}
	if r.IntN(2) == 0 {
		fmt.Fprintf(&b, "repo: https://github.com/example/site%d\nbranch: %s\n", r.IntN(2), []string{"main", "dev"}[r.IntN(2)])
	}
	if r.IntN(3) == 0 {
		fmt.Fprintf(&b, "highlight:\n  light: %s\n", []string{"github", "friendly"}[r.IntN(2)])
	}
	if r.IntN(3) == 0 {
		b.WriteString("unsafe_html: true\n")
	}
	if r.IntN(3) == 0 {
		fmt.Fprintf(&b, "broken_links: %s\n", []string{"warning", "error"}[r.IntN(2)])
	}
	return b.String()
}
