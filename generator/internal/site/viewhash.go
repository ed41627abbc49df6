package site

import (
	"encoding/binary"
	"hash"
	"math"
	"reflect"
	"time"

	"github.com/cespare/xxhash/v2"
)

// A page's output is a function of its layout and its view: everything a
// template can reach from the *PageView it is given. viewHasher hashes that
// data, so an unchanged page is not rendered again. It walks the view by
// reflection, so a field added to view.go is covered without anyone
// remembering to; two parts are hashed by proxy, because hashing them
// directly would cost more than it saves:
//
//   - Content is the page's converted markdown, which is a function of the
//     conversion's cache key (PageView.contentKey);
//   - Site is the same for every page and hashed once per build.
//
// PageLinks are shared by every list a page appears in; each is hashed once.
type viewHasher struct {
	links map[*PageLink]uint64
}

func newViewHasher() *viewHasher { return &viewHasher{links: map[*PageLink]uint64{}} }

var (
	typeTime     = reflect.TypeFor[time.Time]()
	typeSiteView = reflect.TypeFor[*SiteView]()
	typePageLink = reflect.TypeFor[*PageLink]()
)

// page hashes a view for layout, given the site's hash.
func (vh *viewHasher) page(layout string, v *PageView, site uint64) uint64 {
	h := xxhash.New()
	w := hw{h}
	w.str(layout)
	w.u64(site)
	h.Write(v.contentKey[:])
	vh.value(w, reflect.ValueOf(v).Elem())
	return h.Sum64()
}

// site hashes the data shared by every page.
func (vh *viewHasher) site(v *SiteView, extra ...string) uint64 {
	h := xxhash.New()
	w := hw{h}
	for _, x := range extra {
		w.str(x)
	}
	vh.value(w, reflect.ValueOf(v).Elem())
	return h.Sum64()
}

type hw struct{ hash.Hash64 }

func (w hw) u64(x uint64) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], x)
	w.Write(b[:])
}

func (w hw) str(s string) {
	w.u64(uint64(len(s)))
	w.Write([]byte(s))
}

func (vh *viewHasher) value(w hw, v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		switch {
		case v.IsNil():
			w.u64(0)
		case v.Type() == typeSiteView:
			w.u64(1) // hashed once per build, into every page's hash
		case v.Type() == typePageLink:
			w.u64(vh.link(v.Interface().(*PageLink)))
		default:
			w.u64(2)
			vh.value(w, v.Elem())
		}
	case reflect.Struct:
		if v.Type() == typeTime {
			t := v.Interface().(time.Time)
			_, offset := t.Zone()
			w.u64(uint64(t.UnixNano()))
			w.u64(uint64(offset))
			return
		}
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if !f.IsExported() || f.Name == "Content" && v.Type() == reflect.TypeFor[PageView]() {
				continue
			}
			vh.value(w, v.Field(i))
		}
	case reflect.Slice, reflect.Array:
		w.u64(uint64(v.Len()))
		for i := range v.Len() {
			vh.value(w, v.Index(i))
		}
	case reflect.String:
		w.str(v.String())
	case reflect.Bool:
		if v.Bool() {
			w.u64(1)
		} else {
			w.u64(0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		w.u64(uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		w.u64(v.Uint())
	case reflect.Float32, reflect.Float64:
		w.u64(math.Float64bits(v.Float()))
	case reflect.Interface:
		if !v.IsNil() {
			vh.value(w, v.Elem())
		}
	default:
		panic("viewHasher: no hashing for " + v.Type().String() + ": add it")
	}
}

func (vh *viewHasher) link(l *PageLink) uint64 {
	if x, ok := vh.links[l]; ok {
		return x
	}
	h := xxhash.New()
	vh.value(hw{h}, reflect.ValueOf(l).Elem())
	x := h.Sum64()
	vh.links[l] = x
	return x
}
