// Package diagram owns D2 diagrams written in pages: a fenced block whose
// info string is `d2 {alt="..."}` becomes a picture, rendered at build time
// by the D2 library (oss.terrastruct.com/d2) with the dagre layout.
//
// Each diagram is written as its own SVG file under /diagrams/, named by a
// hash of its content, and the page shows it with an <img> inside a
// <figure class="diagram">. An <img> rather than inline SVG because the
// site's Content Security Policy (style-src 'self', font-src 'self')
// blocks the <style> element and the data: fonts D2 puts in its SVG when
// that SVG is part of the page; inside an image they are the image's own
// and apply. The SVG carries a light and a dark theme switched by
// prefers-color-scheme, which Chromium evaluates for the image with the
// reader's scheme. An image is also inert: no script in it ever runs and
// it loads nothing from the network.
//
// Diagram sources come from pull requests, so they are untrusted:
//   - imports (@file, ...@file) are refused, and D2 is given a file system
//     that opens nothing, so no file outside the block is ever read;
//   - icon, link and tooltip are refused (an icon would point the picture
//     at another host; links and tooltips do nothing in an image), and so
//     are layers, scenarios and steps (only one board is shown);
//   - the SVG D2 produces is parsed as XML and checked against an allow
//     list (verify.go) before it is published: no script, no event
//     handler, no link, no reference outside the file. Markdown labels
//     pass raw HTML through D2, and this check is what stops it;
//   - a diagram has at most 60 shapes and 80 connections (dagre's time in
//     the JavaScript engine grows steeply), and a panic inside D2 becomes
//     an error instead of ending the build;
//   - a connected shape's name may not hold ` or ${: D2 passes connection
//     names to dagre inside a JavaScript template string, where they would
//     run as code.
//
// What dagre cannot lay out (a connection between a container and what it
// holds, or from a container to itself; top and left; width and height on
// a container; near another shape) is refused at its line before layout,
// as D2's own command does, rather than drawn wrong or empty. When dagre
// fails anyway, the message says so and what to try, without the place in
// dagre's code.
//
// Rendering runs dagre in an embedded JavaScript engine and costs tens to
// hundreds of milliseconds, so a Renderer caches results by a hash of the
// source, the render options and the D2 version; Export and Import let a
// caller keep the cache between builds.
//
// diagram imports diag, markdown (for the Embed type), oss.terrastruct.com/d2
// (the D2 library) and the standard library. It writes its files through the small Output
// interface, which output.Files implements.
package diagram
