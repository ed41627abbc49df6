package site

// makePager finds, for each page of a section, the pages before and after
// it in the section's list order (see byListOrder): the previous and next
// links at the end of a page. It is made before the pages are signed and
// rendered, which then only read it; it is keyed by URL, which the quick
// path's fresh copy of a page shares with the page it replaces.
func (s *build) makePager() {
	s.pagerOf = map[string][2]*page{}
	for _, sec := range s.sections {
		ps := s.sectionPages(sec)
		for i, p := range ps {
			var n [2]*page
			if i > 0 {
				n[0] = ps[i-1]
			}
			if i+1 < len(ps) {
				n[1] = ps[i+1]
			}
			s.pagerOf[p.URL] = n
		}
	}
}

// pager fills a page's previous and next links.
func (s *build) pager(v *PageView, p *page) {
	n := s.pagerOf[p.URL]
	if n[0] != nil {
		v.Prev = s.link(n[0])
	}
	if n[1] != nil {
		v.Next = s.link(n[1])
	}
}

// signPager hashes what pager puts in a page's view.
func (sg *signer) pager(x *sum, p *page) {
	for _, q := range sg.s.pagerOf[p.URL] {
		if q == nil {
			x.u64(0)
		} else {
			x.u64(sg.link(q))
		}
	}
}
