// A Netlify build plugin of the site's own (no dependencies: Netlify gives
// it utils.cache). It keeps, from one deploy to the next, what makes a
// deploy fast: the Go build and module caches (.gocache/, where
// netlify.toml's build commands point GOCACHE and GOMODCACHE), so the
// generator is compiled once rather than on every deploy, and the
// generator's own build cache (.cache/: highlighted code and diagrams,
// each verified before use). A restored cache is only ever a hint: with
// none, the deploy compiles and builds from scratch.
const paths = ['.gocache', '.cache'];

module.exports = {
  async onPreBuild({ utils }) {
    await utils.cache.restore(paths);
  },
  async onPostBuild({ utils }) {
    await utils.cache.save(paths);
  },
};
