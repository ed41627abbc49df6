// Package e2e holds the end-to-end tests of the whole product: the
// repository's own site, built the way a new user or Netlify builds it,
// opened in headless Chromium under the site's real Content Security Policy
// and checked by the Nu HTML validator. It has no code of its own.
package e2e
