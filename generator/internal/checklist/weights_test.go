package checklist

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseBlock(t *testing.T) {
	yes := func(ws ...BlockWeight) []BlockAnswer { return []BlockAnswer{{Value: Yes, Off: 1, Weights: ws}} }
	w := func(opt string, off int, v float64, voff int) BlockWeight {
		return BlockWeight{Option: opt, Off: off, Value: v, ValueOff: voff}
	}
	tests := []struct {
		src  string
		want Block
	}{
		{"{servers +1}", Block{Answers: yes(w("servers", 1, 1, 9))}},
		{"{servers 2}", Block{Answers: yes(w("servers", 1, 2, 9))}},
		{"{servers -0.5}", Block{Answers: yes(w("servers", 1, -0.5, 9))}},
		{"{servers +.5}", Block{Answers: yes(w("servers", 1, 0.5, 9))}},
		{"{a +1 b -2}", Block{Answers: yes(w("a", 1, 1, 3), w("b", 6, -2, 8))}},
		{"{a +1, b -2}", Block{Answers: yes(w("a", 1, 1, 3), w("b", 7, -2, 9))}},
		{"{ a\t+1 ,b -2 }", Block{Answers: []BlockAnswer{{Value: Yes, Off: 2, Weights: []BlockWeight{w("a", 2, 1, 4), w("b", 8, -2, 10)}}}}},
		{"{a +100}", Block{Answers: yes(w("a", 1, 100, 3))}},
		{"{self_hosted-2 +1}", Block{Answers: yes(w("self_hosted-2", 1, 1, 15))}},
		{"{#peak-load}", Block{ID: "peak-load", IDOff: 2}},
		{"{#peak a +1}", Block{ID: "peak", IDOff: 2, Answers: []BlockAnswer{{Value: Yes, Off: 7, Weights: []BlockWeight{w("a", 7, 1, 9)}}}}},
		{"{yes: servers +2; no: serverless +1}", Block{YesNo: true, Answers: []BlockAnswer{
			{Value: Yes, Off: 1, Weights: []BlockWeight{w("servers", 6, 2, 14)}},
			{Value: No, Off: 18, Weights: []BlockWeight{w("serverless", 22, 1, 33)}},
		}}},
		{"{no: a -1; unsure: b +0.5;}", Block{YesNo: true, Answers: []BlockAnswer{
			{Value: No, Off: 1, Weights: []BlockWeight{w("a", 5, -1, 7)}},
			{Value: Unsure, Off: 11, Weights: []BlockWeight{w("b", 19, 0.5, 21)}},
		}}},
		{"{yes: a +1, b +1}", Block{YesNo: true, Answers: []BlockAnswer{{Value: Yes, Off: 1, Weights: []BlockWeight{w("a", 6, 1, 8), w("b", 12, 1, 14)}}}}},
		{"{yes:}", Block{YesNo: true, Answers: []BlockAnswer{{Value: Yes, Off: 1}}}},
		{"{#q yes: a +1;\n  no: b +1}", Block{ID: "q", IDOff: 2, YesNo: true, Answers: []BlockAnswer{
			{Value: Yes, Off: 4, Weights: []BlockWeight{w("a", 9, 1, 11)}},
			{Value: No, Off: 17, Weights: []BlockWeight{w("b", 21, 1, 23)}},
		}}},
		// Gates and blockers: yes / no questions that rule options out.
		{"{gate: split}", Block{YesNo: true, Rule: Gate, RuleOff: 1, Guards: []BlockOption{{"split", 7}}}},
		{"{blocker: split}", Block{YesNo: true, Rule: Blocker, RuleOff: 1, Guards: []BlockOption{{"split", 10}}}},
		{"{gate: a, b}", Block{YesNo: true, Rule: Gate, RuleOff: 1, Guards: []BlockOption{{"a", 7}, {"b", 10}}}},
		{"{gate:a b;}", Block{YesNo: true, Rule: Gate, RuleOff: 1, Guards: []BlockOption{{"a", 6}, {"b", 8}}}},
		{"{#on-call gate: split}", Block{ID: "on-call", IDOff: 2, YesNo: true, Rule: Gate, RuleOff: 10, Guards: []BlockOption{{"split", 16}}}},
		{"{#tx\n  blocker:\n  split}", Block{ID: "tx", IDOff: 2, YesNo: true, Rule: Blocker, RuleOff: 7, Guards: []BlockOption{{"split", 18}}}},
		// An option may be called like the keywords' neighbours.
		{"{gateway +1}", Block{Answers: yes(w("gateway", 1, 1, 9))}},
	}
	for _, tt := range tests {
		got, err := ParseBlock(tt.src)
		if err != nil {
			t.Errorf("ParseBlock(%q): unexpected error at %d: %s", tt.src, err.Off, err.Msg)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseBlock(%q)\n got %+v\nwant %+v", tt.src, got, tt.want)
		}
	}
}

func TestParseBlockErrors(t *testing.T) {
	tests := []struct {
		src string
		col int // 1-based column in src
		msg string
	}{
		{"{}", 1, "empty weight block: write {option +1} or {yes: option +1; no: option -1}, or remove the braces"},
		{"{ , }", 1, "empty weight block: write {option +1} or {yes: option +1; no: option -1}, or remove the braces"},
		{"{servers}", 2, `missing weight after "servers": write a signed number, e.g. servers +1`},
		{"{servers +1 serverless}", 13, `missing weight after "serverless": write a signed number, e.g. serverless +1`},
		{"{servers+1}", 2, `write a space between the option and its weight: "servers +1"`},
		{"{servers-1}", 2, `write a space between the option and its weight: "servers -1"`},
		{"{+1}", 2, "weight +1 has no option: write the option id before it, e.g. {servers +1}"},
		{"{servers +1 +2}", 13, "weight +2 has no option: write the option id before it, e.g. {servers +2}"},
		{"{servers 0}", 10, `a weight of 0 changes nothing: remove "servers 0"`},
		{"{servers -0.0}", 10, `a weight of 0 changes nothing: remove "servers -0.0"`},
		{"{servers +101}", 10, "weight +101 is too large: use a number from -100 to 100"},
		{"{servers 1" + strings.Repeat("0", 400) + "}", 10, "weight 1" + strings.Repeat("0", 400) + " is too large: use a number from -100 to 100"},
		{"{servers +1.}", 10, `malformed number "+1.": write a whole or decimal number such as +2 or -0.5`},
		{"{servers 1.2.3}", 10, `malformed number "1.2.3": write a whole or decimal number such as +2 or -0.5`},
		{"{servers ++1}", 10, `malformed number "++1": write a whole or decimal number such as +2 or -0.5`},
		{"{a.b +1}", 2, `malformed option id "a.b": option ids use letters, digits, "-" and "_"`},
		{"{servers = 1}", 10, `unexpected '=' in weight block: write option +N pairs, e.g. {servers +1}, or escape a literal brace as \{`},
		{"{sérvers +1}", 3, `unexpected 'é' in weight block: write option +N pairs, e.g. {servers +1}, or escape a literal brace as \{`},
		{"{a {b +1}", 4, `unexpected '{' in weight block: write option +N pairs, e.g. {servers +1}, or escape a literal brace as \{`},
		{"{a +1 a +2}", 7, `option "a" is weighted twice here: add the weights into one`},
		{"{a +1; b +1}", 6, `unexpected ";": separate weights with spaces or commas (";" separates yes:, no: and unsure: answers)`},
		{"{yes servers +2}", 2, "write a colon after yes, as in {yes: option +1}"},
		{"{maybe: a +1}", 2, `unknown answer "maybe": use yes, no or unsure`},
		{"{Yes: a +1}", 2, `unknown answer "Yes": use yes, no or unsure`},
		{"{yes: a +1; yes: b +1}", 13, `answer "yes" is given twice: merge its weights into one`},
		{"{yes: a +1 no: b +1}", 12, `missing ";" before "no:"`},
		{"{a +1; no: b +1}", 2, `expected yes:, no: or unsure: before "a" (";" separates the answers)`},
		{"{yes: a +1; +2}", 13, `expected yes:, no: or unsure: before "+2" (";" separates the answers)`},
		{"{yes: : a +1}", 7, `unexpected ":": a colon follows yes, no or unsure`},
		{"{yes: a}", 7, `missing weight after "a": write a signed number, e.g. a +1`},
		{"{#}", 2, `missing question id after "#": write {#my-question ...}`},
		{"{# +1}", 2, `missing question id after "#": write {#my-question ...}`},
		{"{#Peak a +1}", 3, `question id "Peak" may use only lowercase letters, digits, "-" and "_"`},
		{"{a +1 #peak}", 7, "the question id comes first in the block: {#id ...}"},
		{"{#q yes: a +1\n  no: b +1}", 3, `missing ";" before "no:"`},
		{"servers +1", 1, "a weight block is written between { and }"},
		// Gates and blockers.
		{"{gate:}", 2, "gate: names the options it rules out: write {gate: option}"},
		{"{blocker: ;}", 2, "blocker: names the options it rules out: write {blocker: option}"},
		{"{gate: split +1}", 14, `a gate carries no weight: remove "+1" (it rules options out whatever the scores)`},
		{"{blocker: split 2}", 17, `a blocker carries no weight: remove "2" (it rules options out whatever the scores)`},
		{"{gate: split; no: keep +1}", 15, "a gate or blocker stands alone in its block and carries no weights: write {gate: option} or {blocker: option}, and ask any weighted question separately"},
		{"{gate: split no: keep +1}", 14, "a gate or blocker stands alone in its block and carries no weights: write {gate: option} or {blocker: option}, and ask any weighted question separately"},
		{"{yes: keep +1; blocker: split}", 16, "a gate or blocker stands alone in its block and carries no weights: write {gate: option} or {blocker: option}, and ask any weighted question separately"},
		{"{gate: split; blocker: split}", 15, "a gate or blocker stands alone in its block and carries no weights: write {gate: option} or {blocker: option}, and ask any weighted question separately"},
		{"{gate: split split}", 14, `option "split" is named twice here: name it once`},
		{"{gate split}", 2, "write a colon after gate, as in {gate: option}"},
		{"{blocker split}", 2, "write a colon after blocker, as in {blocker: option}"},
		{"{gate: split #id}", 14, "the question id comes first in the block: {#id gate: option}"},
		{"{gate: : split}", 8, `unexpected ":": write {gate: option}`},
		{"{Gate: split}", 2, `unknown answer "Gate": use yes, no or unsure`},
	}
	for _, tt := range tests {
		_, err := ParseBlock(tt.src)
		if err == nil {
			t.Errorf("ParseBlock(%q): no error, want %q", tt.src, tt.msg)
			continue
		}
		line := tt.src[:err.Off]
		if i := strings.LastIndexByte(line, '\n'); i >= 0 {
			line = line[i+1:]
		}
		if col := utf8.RuneCountInString(line) + 1; col != tt.col || err.Msg != tt.msg {
			t.Errorf("ParseBlock(%q):\n got col %d: %s\nwant col %d: %s", tt.src, col, err.Msg, tt.col, tt.msg)
		}
	}
}

func TestFormatWeight(t *testing.T) {
	for v, want := range map[float64]string{1: "+1", -2: "-2", 0.5: "+0.5", -0.25: "-0.25", 100: "+100"} {
		if got := formatWeight(v); got != want {
			t.Errorf("formatWeight(%v) = %q, want %q", v, got, want)
		}
	}
}

func FuzzParseBlock(f *testing.F) {
	for _, s := range []string{"{servers +1}", "{yes: a +2; no: b -1; unsure: c +.5}", "{#id}", "{a+1}", "{yes a}", "{}", "{é}",
		"{gate: split}", "{#tx blocker: a, b;}", "{gate: a +1}", "{yes: a +1; gate: b}", "{gate}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		b, err := ParseBlock(src)
		if err != nil {
			if err.Off < 0 || err.Off > len(src) || err.Msg == "" {
				t.Fatalf("ParseBlock(%q): error offset %d outside the input or empty message %q", src, err.Off, err.Msg)
			}
			return
		}
		if b.Rule != "" && (len(b.Answers) != 0 || len(b.Guards) == 0 || !b.YesNo || !isRule(string(b.Rule))) {
			t.Fatalf("ParseBlock(%q): a rule must name options and carry nothing else: %+v", src, b)
		}
		for _, g := range b.Guards {
			if !isWord(g.Option) || src[g.Off:g.Off+len(g.Option)] != g.Option {
				t.Fatalf("ParseBlock(%q): guard %+v does not point at an option", src, g)
			}
		}
		for _, a := range b.Answers {
			if !isAnswer(a.Value) {
				t.Fatalf("ParseBlock(%q): answer %q", src, a.Value)
			}
			for _, w := range a.Weights {
				if !isWord(w.Option) || w.Value == 0 || w.Value > MaxWeight || w.Value < -MaxWeight {
					t.Fatalf("ParseBlock(%q): bad weight %+v accepted", src, w)
				}
				if src[w.Off:w.Off+len(w.Option)] != w.Option {
					t.Fatalf("ParseBlock(%q): option offset %d does not point at %q", src, w.Off, w.Option)
				}
			}
		}
	})
}
