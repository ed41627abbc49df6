// Package theme holds the default layouts and browser assets embedded in the
// generator binary, so any folder of markdown builds with no files of its own.
//
// A site overrides a default layout by putting a file with the same path
// under its own layouts/ folder. Browser code is plain JavaScript, one file
// per concern under static/js (no framework, no build step); styles are plain
// CSS under static/css, joined in name order into one fingerprinted file.
//
// theme is data only: it imports the standard library only (embed).
package theme

import "embed"

// FS holds layouts/ and static/.
//
//go:embed layouts static
var FS embed.FS
