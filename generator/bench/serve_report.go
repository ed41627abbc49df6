package main

import (
	"fmt"
	"path/filepath"
	"strconv"

	"github.com/tradeoffs/tradeoffs/generator/bench/internal/stats"
)

// runServe measures both preview servers on each corpus: ours, then Hugo's.
func runServe(b *bench) error {
	hugo, err := b.hugo()
	if err != nil {
		return err
	}
	site, err := b.hugoSiteCopy()
	if err != nil {
		return err
	}
	ours := previewServer{name: "ours", listen: listenOurs, match: isOurUpdate, retitle: true}
	hg := previewServer{name: "Hugo", listen: listenHugo, match: isHugoReload}
	b.section("Preview server: start-up and live reload, ours vs hugo server", "go run ./generator/bench serve"+b.flagsLine())
	var all []servePair
	for _, n := range b.o.sizes {
		root, err := b.corpus(n)
		if err != nil {
			return err
		}
		// Each start is cold: no highlighting kept from earlier runs.
		ours.pre = removeDir(filepath.Join(root, ".cache"))
		ours.args = func(port int) []string {
			return []string{b.generator, "serve", "--root", root, "--port", strconv.Itoa(port)}
		}
		hg.args = func(port int) []string {
			return []string{hugo, "server", "-s", site, "--contentDir", filepath.Join(root, "content"), "--bind", "127.0.0.1",
				"--port", strconv.Itoa(port), "--baseURL", fmt.Sprintf("http://127.0.0.1:%d/", port), "--appendPort=false", "--quiet"}
		}
		us, err := b.measureServer(ours, root, n, b.o.startsFor(n))
		if err != nil {
			return err
		}
		peer, err := b.measureServer(hg, root, n, b.o.startsFor(n))
		if err != nil {
			return err
		}
		all = append(all, servePair{n, us, peer})
	}
	b.serveTables(all)
	b.note("Each edit appends a line to the first page of the first section; t0 is taken just before the write; %s between edits. Ours runs first, then Hugo, on the same corpus.", b.o.settle)
	b.note("Ours, then, edits of that page's title (half as many): its entry in the lists that show it changes, so the section page, its tag pages and the related lists of other pages are rendered again (not a goal of its own; for the record):\n")
	b.table("pages", "title edit → live-reload message ms", "title edit → page with the edit served ms", "missed")
	for _, p := range all {
		if t := p.us.retitled; t != nil {
			b.row(thousands(int64(p.n)), msSummary(t.toEvent), msSummary(t.toFresh), strconv.Itoa(t.missed))
		}
	}
	return nil
}

// servePair is one corpus size's two servers.
type servePair struct {
	n        int
	us, peer serveResult
}

func (b *bench) serveTables(all []servePair) {
	b.table("pages", "server", "start → first serve of / ms", "start → the edited page ms", "edit → live-reload message ms", "edit → page with the edit served ms", "missed", "server VmHWM MiB")
	for _, p := range all {
		for _, x := range []struct {
			name string
			r    serveResult
		}{{"ours (SSE `update` naming the page)", p.us}, {"Hugo (LiveReload `reload`)", p.peer}} {
			b.row(thousands(int64(p.n)), x.name, spread(x.r.firstRoot, 0), spread(x.r.firstPage, 0), msSummary(x.r.toEvent), msSummary(x.r.toFresh),
				strconv.Itoa(x.r.missed), fmt.Sprintf("%.0f", float64(x.r.hwm)/(1<<20)))
		}
	}
	b.note("Ratios ours / Hugo, and the goals:\n")
	b.table("pages", "first serve (page)", "edit → message (median)", "edit → message (p90)", "memory", "goal: edit → message median", "goal: p90 ≤ 2× median", "goal: first serve ≤ 5 s at 10k", "goal: memory ≤ ½ Hugo's at 10k")
	for _, p := range all {
		evMed := median(p.us.toEvent)
		limit := 50.0
		if p.n > 1000 {
			limit = 100
		}
		first := median(p.us.firstPage)
		memRatio := float64(p.us.hwm) / float64(p.peer.hwm)
		firstGoal, memGoal := "(set at 10,000)", "(set at 10,000)"
		if p.n >= 10000 {
			firstGoal = verdict(first, first <= 5000)
			memGoal = verdict(memRatio, memRatio <= 0.5)
		}
		p90 := stats.Percentile(p.us.toEvent, 90)
		b.row(thousands(int64(p.n)), stats.Ratio(first, median(p.peer.firstPage)),
			stats.Ratio(evMed, median(p.peer.toEvent)), stats.Ratio(stats.Percentile(p.us.toEvent, 90), stats.Percentile(p.peer.toEvent, 90)),
			stats.Ratio(float64(p.us.hwm), float64(p.peer.hwm)),
			fmt.Sprintf("≤ %.0f ms: %s", limit, verdict(evMed, evMed <= limit)), fmt.Sprintf("%.0f ms: %s", p90, verdict(p90, p90 <= 2*evMed)), firstGoal, memGoal)
	}
}
