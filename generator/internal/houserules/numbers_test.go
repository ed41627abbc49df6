package houserules

import "testing"

// TestFigureIn lists what states a figure and what does not: the rule must
// catch money, percentages, magnitudes and counts, and leave names, dates,
// versions and number words alone.
func TestFigureIn(t *testing.T) {
	tests := []struct{ in, want string }{
		// Figures.
		{"37signals spent $3.2 million on cloud in 2022.", "$3.2 million"},
		{"It cut cost by over 90%.", "90%"},
		{"Uber runs 1,600 services.", "1,600"},
		{"a saving of 43 per cent", "43 per cent"},
		{"The bill fell to $1.3M.", "$1.3M"},
		{"about 500 petabytes of user data", "500 petabytes"},
		{"13.14 billion transitions", "13.14 billion"},
		{"pays back in about 4.4 months", "4.4 months"},
		{"1 vCPU busy all day", "1 vCPU"},
		{"Express runs for at most 5 minutes", "5 minutes"},
		{"10× cheaper", "10×"},
		{"a 10x improvement", "10x"},
		{"It ran on 11 web servers.", "11"},
		{"46 improvements in the year after", "46"},
		{"at 22.71 ms on average", "22.71 ms"},
		{"$0.000025 per transition", "$0.000025"},
		{"€5 a month", "€5"},
		{"a 64 MB execution", "64 MB"},
		{"100ms of latency", "100ms"},
		{"2,000 vCPU in each data centre", "2,000 vCPU"},
		{"“3000+ processes”", "3000"},
		{"(140+)", "140"},
		// Not figures.
		{"two teams own it", ""},
		{"HTTP/2 and HTTP/3", ""},
		{"files in S3, servers on EC2", ""},
		{"in us-east-1 and eu-west-1", ""},
		{"x86 and arm64", ""},
		{"Python 3 and Go", ""},
		{"Istio 1.5 shipped it; 1.8 removed Mixer.", ""},
		{"in 2008, and again in 2016", ""},
		{"published on 19 October 2022", ""},
		{"on October 19, 2022", ""},
		{"around 2012–2013", ""},
		{"in the early 2000s", ""},
		{"Q4 2016", ""},
		{"Tier-1 requests", ""},
		{"one vCPU busy 24×7", ""},
		{"the m7g.large instance", ""},
		{"a 2nd attempt", ""},
		{"three orders of magnitude", ""},
		{"Law IV of the Frugal Architect", ""},
		{"3 full-time engineers", ""},
	}
	for _, tt := range tests {
		if got := figureIn(tt.in); got != tt.want {
			t.Errorf("figureIn(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestSentences checks where sentences end and which citations each keeps.
func TestSentences(t *testing.T) {
	tests := []struct {
		in    string
		cites map[int]int // footnote index at byte → sentence it belongs to
		want  []string
	}{
		{in: "Cost fell by 90%. Six weeks later it was news.", want: []string{"Cost fell by 90%.", "Six weeks later it was news."}},
		{in: "Serverless vs. containers is the question. Ask it.", want: []string{"Serverless vs. containers is the question.", "Ask it."}},
		{in: "See e.g. the post. And J. Evans' talk.", want: []string{"See e.g. the post.", "And J. Evans' talk."}},
		{in: "Version 1.5 shipped. 2016 was later.", want: []string{"Version 1.5 shipped.", "2016 was later."}},
		{in: "He said “it was cheap.” Then it was not.", want: []string{"He said “it was cheap.”", "Then it was not."}},
		{in: "it was cheap. then it was not.", want: []string{"it was cheap. then it was not."}},
		{in: "Cost fell by 90%. Six weeks later.", cites: map[int]int{17: 0, 35: 1}, want: []string{"Cost fell by 90%.", "Six weeks later."}},
	}
	for _, tt := range tests {
		var p prose
		p.write(tt.in, 0)
		for at := range tt.in {
			if _, ok := tt.cites[at]; ok {
				p.cites = append(p.cites, mark{at: at, footnote: at})
			}
		}
		got := p.sentences()
		if len(got) != len(tt.want) {
			t.Errorf("%q: %d sentences %q, want %q", tt.in, len(got), texts(got), tt.want)
			continue
		}
		for i, s := range got {
			if s.text != tt.want[i] {
				t.Errorf("%q: sentence %d = %q, want %q", tt.in, i, s.text, tt.want[i])
			}
			for _, m := range s.cites {
				if tt.cites[m.footnote] != i {
					t.Errorf("%q: the citation at %d is in sentence %d, want %d", tt.in, m.footnote, i, tt.cites[m.footnote])
				}
			}
		}
	}
}

func texts(ss []sentence) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.text)
	}
	return out
}
