// A Netlify build plugin of the site's own (no dependencies: Netlify gives
// it utils.cache). It keeps, from one deploy to the next, what makes a
// deploy fast: the Go build and module caches (.gocache/, where
// netlify.toml's build commands point GOCACHE and GOMODCACHE), so the
// generator is compiled once rather than on every deploy, and the
// generator's own build cache (.cache/: highlighted code and diagrams,
// each verified before use). A restored cache is only ever a hint: with
// none, the deploy compiles and builds from scratch.
//
// Only a production build saves the caches. A deploy preview runs the pull
// request's own code, which could write a cache whose checksums are right
// and whose content is not (a Go build cache entry is compiled code): it
// may read the caches production left, never replace them.
const paths = ['.gocache', '.cache'];

module.exports = {
  async onPreBuild({ utils }) {
    await utils.cache.restore(paths);
  },
  async onPostBuild({ utils }) {
    if (process.env.CONTEXT !== 'production') {
      console.log(`caches not saved: a ${process.env.CONTEXT || 'local'} build only reads them`);
      return;
    }
    await utils.cache.save(paths);
  },
};
