// Package csp owns the site's Content Security Policy: the header every
// page is served with (by the preview server, and by the host through
// netlify.toml, which a test keeps equal to the policy sent), what that
// policy lets a page load, and how a site's img_src (the origins it shows
// remote images from, in content/_site.yaml) widens its img-src. The build asks it, rather than repeating the policy,
// so that content the policy would block (an image from another host) is
// reported at build time, and the check follows any change to the policy.
//
// csp imports only the standard library.
package csp

import (
	"net/url"
	"strings"
)

// Policy is the Content-Security-Policy header of every page: scripts,
// styles, fonts and images from the site itself only (images also as
// data: URLs), no inline script or style, no eval, no plugins, no framing.
const Policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

// For returns the policy of a site whose img_src lists the origins imgSrc
// ("https://img.shields.io"): Policy with those origins added to img-src.
// With none, it is Policy.
func For(imgSrc []string) string {
	if len(imgSrc) == 0 {
		return Policy
	}
	ds := strings.Split(Policy, ";")
	for i, d := range ds {
		n, _, _ := strings.Cut(strings.TrimSpace(d), " ")
		if strings.EqualFold(n, "img-src") {
			ds[i] = d + " " + strings.Join(imgSrc, " ")
		}
	}
	return strings.Join(ds, ";")
}

// Directive returns the directive of the policy of a site with img_src
// imgSrc (see For) that governs name ("img-src"), as written, such as
// "img-src 'self' data:". A fetch directive the policy does not set falls
// back to default-src, as in browsers.
func Directive(name string, imgSrc ...string) string {
	var fallback string
	for d := range strings.SplitSeq(For(imgSrc), ";") {
		d = strings.TrimSpace(d)
		n, _, _ := strings.Cut(d, " ")
		switch {
		case strings.EqualFold(n, name):
			return d
		case strings.EqualFold(n, "default-src") && strings.HasSuffix(name, "-src"):
			fallback = d
		}
	}
	return fallback
}

// AllowsImage reports whether a page of the site published at base (its
// absolute base URL), with img_src imgSrc, may show the image at the
// absolute URL raw.
func AllowsImage(raw, base string, imgSrc ...string) bool {
	return allows("img-src", raw, base, imgSrc)
}

// allows reports whether the directive name lets a page at base load raw.
func allows(name, raw, base string, imgSrc []string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	self, _ := url.Parse(base)
	sources := strings.Fields(Directive(name, imgSrc...))
	if len(sources) > 0 {
		sources = sources[1:] // the directive's name
	}
	for _, src := range sources {
		if matches(strings.ToLower(src), u, self) {
			return true
		}
	}
	return false
}

// matches reports whether one source expression of a CSP source list
// matches u: a keyword ('self'), a scheme ("https:"), or a host with an
// optional scheme, port and path ("https://*.example.org/img/").
func matches(src string, u, self *url.URL) bool {
	switch {
	case src == "'self'":
		return self != nil && self.Host != "" && strings.EqualFold(u.Host, self.Host) && sameScheme(u.Scheme, self.Scheme)
	case strings.HasPrefix(src, "'"): // 'none', nonces, hashes: no URL
		return false
	case src == "*":
		return u.Scheme == "http" || u.Scheme == "https"
	case strings.HasSuffix(src, ":"):
		return sameScheme(u.Scheme, strings.TrimSuffix(src, ":"))
	}
	scheme, rest, ok := strings.Cut(src, "://")
	if !ok {
		scheme, rest = "", src
	}
	if scheme != "" && !sameScheme(u.Scheme, scheme) || scheme == "" && u.Scheme != "http" && u.Scheme != "https" {
		return false
	}
	host, path, _ := strings.Cut(rest, "/")
	host, port, _ := strings.Cut(host, ":")
	if port != "" && port != "*" && port != u.Port() {
		return false
	}
	h := strings.ToLower(u.Hostname())
	if wild, ok := strings.CutPrefix(host, "*."); ok {
		if !strings.HasSuffix(h, "."+wild) {
			return false
		}
	} else if h != host {
		return false
	}
	p := strings.TrimPrefix(u.Path, "/")
	if path == "" || strings.HasSuffix(path, "/") {
		return strings.HasPrefix(p, path)
	}
	return p == path
}

// sameScheme reports whether a URL with scheme got matches a source with
// scheme want: a source for http matches https too (the upgrade CSP allows).
func sameScheme(got, want string) bool {
	got, want = strings.ToLower(got), strings.ToLower(want)
	return got == want || want == "http" && got == "https"
}
