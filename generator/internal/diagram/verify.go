package diagram

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

const (
	nsSVG   = "http://www.w3.org/2000/svg"
	nsXHTML = "http://www.w3.org/1999/xhtml"
	nsXLink = "http://www.w3.org/1999/xlink"
)

// svgElement reports whether a diagram may contain an SVG element: those
// D2 draws with. Whatever runs code, animates attributes (SMIL can set an
// href), embeds documents or links is absent.
func svgElement(name string) bool {
	switch name {
	case "svg", "g", "rect", "path", "polygon", "polyline", "line", "circle", "ellipse",
		"text", "tspan", "style", "defs", "marker", "mask", "clipPath", "pattern", "linearGradient",
		"radialGradient", "stop", "filter", "feGaussianBlur", "feFlood", "feComposite", "feOffset",
		"feBlend", "feColorMatrix", "feMerge", "feMergeNode", "title", "desc", "use", "symbol",
		"foreignObject", "image":
		return true
	}
	return false
}

// htmlElement reports whether a diagram may contain an XHTML element
// (inside foreignObject): what D2's markdown labels render to, less links
// and images.
func htmlElement(name string) bool {
	switch name {
	case "div", "p", "span", "strong", "b", "em", "i", "del", "s", "u", "code", "pre",
		"samp", "kbd", "dfn", "mark", "sub", "sup", "ul", "ol", "li", "br", "hr", "h1", "h2", "h3", "h4",
		"h5", "h6", "blockquote", "table", "thead", "tbody", "tfoot", "tr", "th", "td":
		return true
	}
	return false
}

// verify checks a rendered SVG against the allow lists and returns its
// size, from the root element's viewBox. It is the guarantee that nothing
// in a published diagram runs, links or loads from elsewhere, whatever D2
// let through: the SVG must be well-formed XML (a browser shows nothing
// otherwise), with only the allowed elements and no event handler, no
// reference but to a fragment of the same file or an embedded image or
// font, and no CSS import.
func verify(svg []byte) (width, height int, err error) {
	d := xml.NewDecoder(bytes.NewReader(svg))
	d.Strict = true
	depth, styleDepth := 0, 0 // styleDepth > 0 inside a <style>
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return 0, 0, fmt.Errorf("the diagram's SVG is not well-formed: %v (raw HTML in a markdown label?): use markdown only", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := checkElement(t); err != nil {
				return 0, 0, err
			}
			if depth == 0 {
				if width, height, err = viewBoxSize(t); err != nil {
					return 0, 0, err
				}
			}
			depth++
			if t.Name.Local == "style" {
				styleDepth++
			}
		case xml.EndElement:
			depth--
			if t.Name.Local == "style" {
				styleDepth--
			}
		case xml.CharData:
			if styleDepth == 0 {
				continue // text is drawn, never interpreted
			}
			if err := checkCSS(string(t)); err != nil {
				return 0, 0, err
			}
		case xml.Directive:
			return 0, 0, errors.New("the diagram's SVG has a <!DOCTYPE> or <!ENTITY> declaration, which diagrams may not contain")
		case xml.ProcInst:
			if t.Target != "xml" {
				return 0, 0, fmt.Errorf("the diagram's SVG has a <?%s?> instruction, which diagrams may not contain", t.Target)
			}
		}
	}
	if width <= 0 || height <= 0 {
		return 0, 0, errors.New("the diagram's SVG has no size: is the diagram empty?")
	}
	return width, height, nil
}

func checkElement(t xml.StartElement) error {
	ok := (t.Name.Space == nsSVG && svgElement(t.Name.Local)) || (t.Name.Space == nsXHTML && htmlElement(t.Name.Local))
	if !ok && t.Name.Local == "a" {
		return errors.New("the diagram has a link (a markdown label's [text](url)?): links are not allowed in diagrams, which are shown as pictures; link from the text around the diagram instead")
	}
	if !ok {
		return fmt.Errorf("the diagram's SVG has a <%s> element, which diagrams may not contain: remove raw HTML from markdown labels", t.Name.Local)
	}
	for _, a := range t.Attr {
		if err := checkAttr(t.Name.Local, a); err != nil {
			return err
		}
	}
	return nil
}

func checkAttr(elem string, a xml.Attr) error {
	name := strings.ToLower(a.Name.Local)
	bad := func(why string) error {
		return fmt.Errorf("the diagram's SVG has a %s attribute %s=%q on <%s>, which diagrams may not contain: remove raw HTML from markdown labels", why, a.Name.Local, a.Value, elem)
	}
	switch {
	case a.Name.Space == "xmlns" || (a.Name.Space == "" && name == "xmlns"):
		if a.Value != nsSVG && a.Value != nsXHTML && a.Value != nsXLink {
			return bad("namespace")
		}
		return nil
	case strings.HasPrefix(name, "on"):
		return bad("event handler")
	case name == "href":
		if !localRef(a.Value) && !(elem == "image" && embeddedImage(a.Value)) {
			return bad("link")
		}
	case name == "src" || name == "srcset" || name == "action" || name == "formaction" || name == "base" || name == "srcdoc":
		return bad("resource")
	case a.Name.Space != "" && a.Name.Space != nsXLink:
		return bad("foreign")
	}
	if strings.Contains(strings.ToLower(a.Value), "javascript:") {
		return bad("script")
	}
	if err := checkURLs(a.Value); err != nil {
		return bad("reference")
	}
	return nil
}

// checkCSS checks the text of a <style> element: no imports, no scripts, no references outside the file.
func checkCSS(s string) error {
	low := strings.ToLower(s)
	if strings.Contains(low, "@import") || strings.Contains(low, "javascript:") || strings.Contains(low, "expression(") {
		return errors.New("the diagram's SVG has a style sheet with @import, javascript: or expression(), which diagrams may not contain")
	}
	return checkURLs(s)
}

// checkURLs checks every CSS url(...) in s: it must point into the file
// (url(#id)) or hold a font or image (url("data:...")).
func checkURLs(s string) error {
	low := strings.ToLower(s)
	for {
		i := strings.Index(low, "url(")
		if i < 0 {
			return nil
		}
		low = low[i+len("url("):]
		ref := strings.TrimLeft(low, " \t\n\r\"'")
		if !localRef(ref) && !embeddedFont(ref) && !embeddedImage(ref) {
			end := min(len(ref), 40)
			return fmt.Errorf("the diagram's SVG refers to url(%s…), outside the diagram: diagrams may only use their own fragments and embedded fonts", ref[:end])
		}
	}
}

func localRef(v string) bool { return strings.HasPrefix(v, "#") }

func embeddedFont(v string) bool {
	return strings.HasPrefix(v, "data:application/font-woff;") || strings.HasPrefix(v, "data:font/")
}

func embeddedImage(v string) bool {
	for _, t := range []string{"png", "jpeg", "gif", "webp"} {
		if strings.HasPrefix(v, "data:image/"+t+";") {
			return true
		}
	}
	return false
}

// viewBoxSize reads the size from the root <svg viewBox="0 0 w h">.
func viewBoxSize(t xml.StartElement) (w, h int, err error) {
	if t.Name.Local != "svg" {
		return 0, 0, fmt.Errorf("the diagram's SVG starts with <%s>, not <svg>", t.Name.Local)
	}
	for _, a := range t.Attr {
		if a.Name.Local != "viewBox" {
			continue
		}
		f := strings.Fields(a.Value)
		if len(f) == 4 {
			w, err1 := strconv.ParseFloat(f[2], 64)
			h, err2 := strconv.ParseFloat(f[3], 64)
			if err1 == nil && err2 == nil {
				return int(w + 0.5), int(h + 0.5), nil
			}
		}
		return 0, 0, fmt.Errorf("the diagram's SVG has an unreadable viewBox %q", a.Value)
	}
	return 0, 0, errors.New("the diagram's SVG has no viewBox")
}
