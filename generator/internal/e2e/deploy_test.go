package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// A deploy restores the Go build and module caches and the generator's
// build cache (netlify.toml's plugin), so it compiles only what changed:
// each build command must point Go's caches into a folder the plugin keeps,
// and the plugin must be there.
func TestDeployKeepsItsCaches(t *testing.T) {
	root, err := findRoot()
	if err != nil {
		t.Fatal(err)
	}
	c := netlifyConfig(t)
	var cached []string
	for _, p := range c.Plugins {
		dir := filepath.Join(root, filepath.FromSlash(p.Package))
		js, err := os.ReadFile(filepath.Join(dir, "index.js"))
		if err != nil {
			t.Fatalf("netlify.toml names the plugin %s: %v", p.Package, err)
		}
		if _, err := os.Stat(filepath.Join(dir, "manifest.yml")); err != nil {
			t.Errorf("plugin %s has no manifest.yml: %v", p.Package, err)
		}
		if !regexp.MustCompile(`CONTEXT !== 'production'\)\s*\{[^;]*;\s*return;\s*\}\s*await utils\.cache\.save`).Match(js) {
			t.Errorf("plugin %s saves the caches from any build: a deploy preview runs a pull request's code and must not write what production reads", p.Package)
		}
		if m := regexp.MustCompile(`const paths = \[([^\]]*)\]`).FindSubmatch(js); m != nil {
			for _, q := range strings.Split(string(m[1]), ",") {
				cached = append(cached, strings.Trim(strings.TrimSpace(q), `'"`))
			}
		}
	}
	if len(cached) == 0 {
		t.Fatal("no plugin in netlify.toml keeps a cache between deploys")
	}
	keeps := func(dir string) bool {
		for _, c := range cached {
			if dir == c || strings.HasPrefix(dir, c+"/") {
				return true
			}
		}
		return false
	}
	if !keeps(".cache") {
		t.Errorf("the generator's build cache .cache/ is not kept between deploys (kept: %v)", cached)
	}
	env := regexp.MustCompile(`\b(GOCACHE|GOMODCACHE)=\$PWD/(\S+)`)
	for _, cmd := range c.Commands() {
		set := map[string]bool{}
		for _, m := range env.FindAllStringSubmatch(cmd, -1) {
			set[m[1]] = true
			if !keeps(m[2]) {
				t.Errorf("%s=%s is not in a folder the deploy keeps (%v): %s", m[1], m[2], cached, cmd)
			}
		}
		if !set["GOCACHE"] || !set["GOMODCACHE"] {
			t.Errorf("the build command does not point GOCACHE and GOMODCACHE into a kept folder: %s", cmd)
		}
	}
	if !strings.Contains(c.Build.Environment["GOFLAGS"], "-modcacherw") {
		t.Error("GOFLAGS lacks -modcacherw: Go's read-only module files could not be moved into Netlify's cache")
	}
}
