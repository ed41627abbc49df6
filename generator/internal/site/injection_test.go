package site

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestNoScriptFromContent builds sites with hostile content in every place
// a pull request can put text (markdown, front matter, calculator and
// checklist definitions, diagrams, static files) and checks that nothing in
// any output page can run: no script element but the site's own (a src
// under /js/, a script or a module, or JSON data), no event-handler or style attribute, no
// javascript:, data: or vbscript: URL, no frame or object, and no data
// island that a "</script>" in a string could have closed (each holds
// valid JSON: the structured data in every page's head, made of titles,
// summaries and tags, is checked here).
func TestNoScriptFromContent(t *testing.T) {
	const x = `<script>alert(1)</script><img src=x onerror=alert(2)>"'&`
	tests := []struct {
		name  string
		files map[string]string
	}{
		{"raw HTML in markdown", map[string]string{"content/notes/x.md": "---\ntitle: X\n---\n" + x + "\n\n<iframe src=\"https://evil.example\"></iframe>\n\nInline <svg onload=alert(3)>.\n"}},
		{"javascript and data links", map[string]string{"content/notes/x.md": "---\ntitle: X\n---\n[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](data:text/html,<script>alert(1)</script>) ![d](data:image/svg+xml,<svg onload=alert(1)>) <vbscript:msgbox(1)> [e](&#106;avascript:alert(1))\n"}},
		{"heading attributes", map[string]string{"content/notes/x.md": "---\ntitle: X\n---\n## Title {onclick=\"alert(1)\" style=\"color:red\" #ok}\n"}},
		{"front matter strings", map[string]string{"content/case-studies/x.md": "---\ntitle: \"" + strings.ReplaceAll(x, `"`, `\"`) + "\"\nsummary: \"</title><script>alert(1)</script>\"\ntags: [\"<script>alert(1)</script>\"]\ndate: 2024-01-01\ncompany: \"<b onmouseover=alert(1)>\"\nyear: 2024\nfrom: \"x\\\" onmouseover=\\\"alert(1)\"\nto: y\noutcome: z\nmetrics:\n  - label: \"<script>\"\n    before: \"</td><script>alert(1)</script>\"\nsources:\n  - title: \"<script>alert(1)</script>\"\n    url: \"https://example.org/?q=\\\"><script>alert(1)</script>\"\n---\nBody.\n"}},
		{"calculator definition", map[string]string{
			"content/calculators/evil.yaml": "title: \"</script><script>alert(1)</script>\"\ndescription: \"<img src=x onerror=alert(1)>\"\ninputs:\n  - name: x\n    label: \"</script><script>alert(2)</script>\"\n    unit: \"<b>\"\n    default: 1\nconstants:\n  - name: p\n    label: \"</script>\"\n    value: 1\n    unit: \"<script>\"\n    source: \"https://example.org/\\\"><script>alert(1)</script>\"\n    as_of: 2024-01-01\noutputs:\n  - name: y\n    label: \"<script>alert(3)</script>\"\n    formula: x * p\n    format: number\n",
			"content/notes/x.md":            "---\ntitle: X\n---\n::calculator[evil]\n",
		}},
		{"checklist", map[string]string{"content/checklists/x.md": "---\ntitle: X\nsummary: S.\noptions:\n  - id: a\n    label: \"</script><script>alert(1)</script>\"\n---\n## Group\n\n- [ ] Is it </script><script>alert(1)</script> safe? {a +1}\n\n  Guidance <script>alert(2)</script> [link](javascript:alert(3)).\n"}},
		{"diagram", map[string]string{"content/notes/x.md": "---\ntitle: X\n---\n```d2 {alt=\"</figure><script>alert(1)</script>\"}\na: \"<script>alert(1)</script>\"\nb: |md <img src=x onerror=alert(1)> |\na -> b: \"</svg><script>alert(2)</script>\"\n```\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := buildSite(t, siteFS(tt.files))
			for _, path := range s.Files.Paths() {
				if !strings.HasSuffix(path, ".html") {
					continue
				}
				f, _ := s.Files.Get(path)
				for _, problem := range executable(f.Data) {
					t.Errorf("%s: %s", path, problem)
				}
			}
		})
	}
}

// TestTheInjectionCheckCatchesScript makes sure the check above can fail:
// with raw HTML turned on (a site's own choice), the script gets through
// and is reported.
func TestTheInjectionCheckCatchesScript(t *testing.T) {
	s := buildSite(t, siteFS(map[string]string{
		"content/_site.yaml": "unsafe_html: true\n",
		"content/notes/x.md": "---\ntitle: X\n---\n<script>alert(1)</script>\n\n<p onclick=\"x()\">p</p>\n",
	}))
	f, _ := s.Files.Get("notes/x/index.html")
	if got := executable(f.Data); len(got) != 2 {
		t.Errorf("the check found %d problems in a page with a script and a handler, want 2: %q", len(got), got)
	}
}

// executable lists what in page could run script or restyle the page.
func executable(page []byte) []string {
	var out []string
	z := html.NewTokenizer(bytes.NewReader(page))
	inScript, scriptType := false, ""
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return out
		case html.TextToken:
			if inScript && isData(scriptType) && !json.Valid(z.Text()) {
				out = append(out, "a JSON data island that is not JSON (closed early?): "+string(z.Text()))
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == "script" {
				inScript = false
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			switch tok.Data {
			case "iframe", "object", "embed", "frame", "base", "form-action":
				out = append(out, "a <"+tok.Data+"> element")
			case "script":
				inScript, scriptType = true, attr(tok, "type")
				src := attr(tok, "src")
				own := strings.HasPrefix(src, "/js/") && (scriptType == "" || scriptType == "module")
				if !own && !(src == "" && isData(scriptType)) {
					out = append(out, "a script that is not the site's own: "+tok.String())
				}
			}
			for _, a := range tok.Attr {
				key := strings.ToLower(a.Key)
				val := strings.ToLower(strings.TrimSpace(a.Val))
				switch {
				case strings.HasPrefix(key, "on"):
					out = append(out, "an event handler: "+tok.String())
				case key == "style":
					out = append(out, "a style attribute: "+tok.String())
				case (key == "href" || key == "src" || key == "action" || key == "formaction" || key == "xlink:href") &&
					(strings.HasPrefix(val, "javascript:") || strings.HasPrefix(val, "vbscript:") || strings.HasPrefix(val, "data:")):
					out = append(out, "a script or data URL: "+tok.String())
				}
			}
		}
	}
}

// isData reports the script types that are data, which no browser runs.
func isData(scriptType string) bool {
	return scriptType == "application/json" || scriptType == "application/ld+json"
}

func attr(tok html.Token, key string) string {
	for _, a := range tok.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
