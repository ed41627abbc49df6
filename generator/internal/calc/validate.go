package calc

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"time"
)

// Limits on the size of a definition, so rendering a hostile one (every
// chart point evaluates every output) stays cheap.
const (
	MaxInputs    = 40
	MaxConstants = 100
	MaxOutputs   = 60
	MaxCharts    = 4
	MaxChoices   = 20
	MaxSeries    = 6
	MaxPoints    = 201
	maxNameLen   = 40
)

var (
	idPattern   = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	namePattern = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
)

// compile validates a decoded definition and builds the Calculator,
// reporting every problem with its position.
func (s *source) compile(def *definition, fileID string) *Calculator {
	c := &Calculator{Title: def.Title, Description: def.Description, Pos: s.at(1, 1)}
	c.ID = s.checkID(def.ID, fileID)
	if def.Title == "" {
		s.errorf(s.keyPos("title"), "the calculator has no title: add title: <heading>")
	}
	s.checkCount("inputs", len(def.Inputs), 1, MaxInputs)
	s.checkCount("outputs", len(def.Outputs), 1, MaxOutputs)
	s.checkCount("constants", len(def.Constants), 0, MaxConstants)
	s.checkCount("charts", len(def.Charts), 0, MaxCharts)
	names := map[string]string{} // name -> path of its definition
	for i := range def.Inputs {
		c.Inputs = append(c.Inputs, s.input(&def.Inputs[i], fmt.Sprintf("inputs[%d]", i), names))
	}
	for i := range def.Constants {
		c.Constants = append(c.Constants, s.constant(&def.Constants[i], fmt.Sprintf("constants[%d]", i), names))
	}
	s.outputs(c, def.Outputs, names)
	for i := range def.Charts {
		c.Charts = append(c.Charts, s.chart(c, &def.Charts[i], fmt.Sprintf("charts[%d]", i)))
	}
	return c
}

func (s *source) checkID(id, fileID string) string {
	switch {
	case fileID == "" && id == "":
		s.errorf(s.at(1, 1), "a calculator block needs an id: add id: <name> (lower-case letters, digits and hyphens)")
		return ""
	case fileID != "" && !idPattern.MatchString(fileID):
		s.errorf(s.at(1, 1), "calculator file name %q is not a valid id: use lower-case letters, digits and hyphens, e.g. network-tax.yaml", fileID)
		return fileID
	case fileID != "" && id != "" && id != fileID:
		s.errorf(s.valuePos("id"), "id %q differs from the file name %q: remove the id or rename the file", id, fileID)
		return fileID
	case fileID != "":
		return fileID
	case !idPattern.MatchString(id) || len(id) > 64:
		s.errorf(s.valuePos("id"), "invalid id %q: use lower-case letters, digits and hyphens (at most 64), e.g. network-tax", id)
	}
	return id
}

func (s *source) checkCount(key string, n, least, most int) {
	switch {
	case n < least:
		s.errorf(s.keyPos(key), "the calculator needs at least %d item in %s", least, key)
	case n > most:
		s.errorf(s.keyPos(fmt.Sprintf("%s[%d]", key, most)), "too many %s (%d, the limit is %d): split the calculator", key, n, most)
	}
}

// checkName validates a name and records it, so names are unique across
// inputs, constants and outputs.
func (s *source) checkName(name, path string, names map[string]string) {
	pos := s.valuePos(path + ".name")
	switch {
	case name == "":
		s.errorf(s.keyPos(path), "this item has no name: add name: <name> (a-z, 0-9, _)")
		return
	case !namePattern.MatchString(name) || len(name) > maxNameLen:
		s.errorf(pos, "invalid name %q: use lower-case letters, digits and _, starting with a letter (at most %d)", name, maxNameLen)
		return
	case isKeyword(name) || name == "true" || name == "false" || functions[name] != arity{}:
		s.errorf(pos, "%q is a reserved word of formulas: choose another name", name)
		return
	}
	if prev, ok := names[name]; ok {
		s.errorf(pos, "name %q is already used at line %d: names of inputs, constants and outputs must be unique", name, s.valuePos(prev+".name").Line)
		return
	}
	names[name] = path
}

func (s *source) requireText(v, path, key, example string) {
	if v == "" {
		s.errorf(s.keyPos(path+"."+key), "missing %s: add %s: %s", key, key, example)
	}
}

func (s *source) input(d *inputDef, path string, names map[string]string) Input {
	s.checkName(d.Name, path, names)
	s.requireText(d.Label, path, "label", "<text shown next to the field>")
	in := Input{Name: d.Name, Label: d.Label, Kind: d.Type, Unit: d.Unit, Help: d.Help, Min: d.Min, Max: d.Max, Step: d.Step}
	if in.Kind == "" {
		in.Kind = KindNumber
	}
	if d.Default == nil {
		s.errorf(s.keyPos(path+".default"), "input %q has no default: add default: <number>", d.Name)
	} else {
		in.Default = *d.Default
	}
	switch in.Kind {
	case KindNumber:
		s.numberInput(d, path)
	case KindChoice:
		in.Choices = s.choiceInput(d, path)
	case KindToggle:
		s.toggleInput(d, path)
	default:
		s.errorf(s.valuePos(path+".type"), "unknown input type %q%s", d.Type, didYouMean(d.Type, []string{KindNumber, KindChoice, KindToggle}, "use number, choice or toggle"))
	}
	return in
}

func (s *source) numberInput(d *inputDef, path string) {
	if d.Choices != nil {
		s.errorf(s.keyPos(path+".choices"), "choices need type: choice")
	}
	if d.Min != nil && d.Max != nil && *d.Min > *d.Max {
		s.errorf(s.valuePos(path+".max"), "max %s is below min %s", plainNumber(*d.Max), plainNumber(*d.Min))
	}
	if d.Step != nil && *d.Step <= 0 {
		s.errorf(s.valuePos(path+".step"), "step must be greater than 0")
	}
	if d.Default == nil {
		return
	}
	if msg := (&Input{Kind: KindNumber, Min: d.Min, Max: d.Max}).check(*d.Default); msg != "" {
		s.errorf(s.valuePos(path+".default"), "default %s is out of range: it %s", plainNumber(*d.Default), msg)
	}
}

func (s *source) choiceInput(d *inputDef, path string) []Choice {
	for _, k := range []string{"min", "max", "step"} {
		if _, ok := s.keys[path+"."+k]; ok {
			s.errorf(s.keys[path+"."+k], "%s applies to number inputs only: remove it from this choice input", k)
		}
	}
	if len(d.Choices) < 2 || len(d.Choices) > MaxChoices {
		s.errorf(s.keyPos(path+".choices"), "a choice input needs 2 to %d choices, got %d", MaxChoices, len(d.Choices))
	}
	var out []Choice
	for i, ch := range d.Choices {
		cp := fmt.Sprintf("%s.choices[%d]", path, i)
		s.requireText(ch.Label, cp, "label", "<option text>")
		if ch.Value == nil {
			s.errorf(s.keyPos(cp+".value"), "this choice has no value: add value: <number>")
			continue
		}
		if j := slices.IndexFunc(out, func(o Choice) bool { return o.Value == *ch.Value }); j >= 0 {
			s.errorf(s.valuePos(cp+".value"), "value %s is already used by choice %q: each choice needs its own value", plainNumber(*ch.Value), out[j].Label)
		}
		out = append(out, Choice{Label: ch.Label, Value: *ch.Value})
	}
	if d.Default != nil && len(out) > 0 && !slices.ContainsFunc(out, func(o Choice) bool { return o.Value == *d.Default }) {
		s.errorf(s.valuePos(path+".default"), "default %s is not the value of any choice", plainNumber(*d.Default))
	}
	return out
}

func (s *source) toggleInput(d *inputDef, path string) {
	for _, k := range []string{"min", "max", "step", "choices"} {
		if _, ok := s.keys[path+"."+k]; ok {
			s.errorf(s.keys[path+"."+k], "%s does not apply to a toggle: remove it", k)
		}
	}
	if d.Default != nil && *d.Default != 0 && *d.Default != 1 {
		s.errorf(s.valuePos(path+".default"), "a toggle's default is 0 (off) or 1 (on), got %s", plainNumber(*d.Default))
	}
}

func (s *source) constant(d *constDef, path string, names map[string]string) Constant {
	s.checkName(d.Name, path, names)
	s.requireText(d.Label, path, "label", "<what the number is>")
	s.requireText(d.Unit, path, "unit", "<e.g. USD per GB>")
	k := Constant{Name: d.Name, Label: d.Label, Unit: d.Unit, Kind: d.Kind, Source: d.Source, AsOf: d.AsOf, ThirdParty: d.ThirdParty, ThirdName: d.ThirdPartyName, Note: d.Note}
	if d.Value == nil {
		s.errorf(s.keyPos(path+".value"), "constant %q has no value: add value: <number>", d.Name)
	} else {
		k.Value = *d.Value
	}
	if k.Kind == "" {
		k.Kind = "price"
	}
	if k.Kind != "price" && k.Kind != "quota" && k.Kind != "convention" {
		s.errorf(s.valuePos(path+".kind"), "unknown kind %q%s", d.Kind, didYouMean(d.Kind, []string{"price", "quota", "convention"}, "use price, quota or convention"))
	}
	sourced := k.Kind != "convention"
	s.checkSource(d.Source, path, "source", sourced)
	s.checkDate(d.AsOf, path, sourced && d.ThirdParty == "")
	if d.ThirdParty != "" {
		s.checkSource(d.ThirdParty, path, "third_party", false)
		if d.ThirdPartyName == "" {
			s.errorf(s.keyPos(path+".third_party"), "third_party needs third_party_name: the table's name, shown in the price table")
		}
	} else if d.ThirdPartyName != "" {
		s.errorf(s.keyPos(path+".third_party_name"), "third_party_name without third_party: add third_party: <https URL of the table>")
	}
	return k
}

func (s *source) checkSource(src, path, key string, required bool) {
	if src == "" {
		if required {
			s.errorf(s.keyPos(path+"."+key), "missing %s: add %s: <https URL of the vendor's page for this number>", key, key)
		}
		return
	}
	u, err := url.Parse(src)
	switch {
	case err != nil || u.Host == "":
		s.errorf(s.valuePos(path+"."+key), "%s %q is not a valid URL: write the full https://… address", key, src)
	case u.Scheme != "https":
		s.errorf(s.valuePos(path+"."+key), "%s %q must use https", key, src)
	}
}

func (s *source) checkDate(date, path string, required bool) {
	if date == "" {
		if required {
			s.errorf(s.keyPos(path+".as_of"), "missing as_of: add as_of: <YYYY-MM-DD, the date you checked the number on the vendor's page>, or third_party: <https URL of the table it came from> if you could not check it")
		}
		return
	}
	if _, err := time.Parse(time.DateOnly, date); err != nil {
		s.errorf(s.valuePos(path+".as_of"), "as_of %q is not a valid date: write YYYY-MM-DD, e.g. 2026-09-20", date)
	}
}
