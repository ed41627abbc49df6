package assets

import (
	"errors"
	"fmt"
	"path"
	"regexp"

	"github.com/tdewolff/minify/v2"
)

var (
	// moduleLine finds the import or export statement that makes a
	// script an ES module.
	moduleLine = regexp.MustCompile(`(?m)^(?:import|export)\b`)
	// importFrom finds the names a module imports from: from "./name.js",
	// or import "./name.js" for one imported for its effects.
	importFrom = regexp.MustCompile(`(?m)(\bfrom\s*|^import\s*)"\./([\w.-]+\.js)"`)
)

// scriptSet adds the theme's scripts to a bundle, each module after the
// scripts it imports.
type scriptSet struct {
	src   map[string][]byte // logical name → source
	min   *minify.M
	b     *Bundle
	doing map[string]bool // modules whose imports are being added
}

// add minifies the script called name and adds it under its fingerprinted
// name, once; a module's imports are added first, and named by theirs.
func (s *scriptSet) add(name string) error {
	if _, done := s.b.urls[name]; done {
		return nil
	}
	src := s.src[name]
	if moduleLine.Match(src) {
		if s.doing[name] {
			return errors.New("it imports itself, through the scripts it imports: a module cycle")
		}
		s.doing[name] = true
		var err error
		if src, err = s.link(name, src); err != nil {
			return err
		}
		s.b.modules[name] = true
	}
	out, err := s.min.Bytes("text/javascript", src)
	if err != nil {
		return fmt.Errorf("minifying: %w", err)
	}
	s.b.add(name, out)
	return nil
}

// link rewrites the names module name imports to their fingerprinted ones.
func (s *scriptSet) link(name string, src []byte) ([]byte, error) {
	var err error
	out := importFrom.ReplaceAllFunc(src, func(m []byte) []byte {
		sub := importFrom.FindSubmatch(m)
		dep := path.Join(path.Dir(name), string(sub[2]))
		if _, ok := s.src[dep]; !ok {
			err = errors.Join(err, fmt.Errorf("it imports %q, which is not one of the theme's scripts", sub[2]))
			return m
		}
		if e := s.add(dep); e != nil {
			err = errors.Join(err, fmt.Errorf("%s: %w", dep, e))
			return m
		}
		return append(append([]byte{}, sub[1]...), `"./`+path.Base(s.b.urls[dep])+`"`...)
	})
	return out, err
}
