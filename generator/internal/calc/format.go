package calc

import (
	"math"
	"strconv"
	"strings"
)

// Formats of an output.
const (
	FormatCurrency = "currency"
	FormatPercent  = "percent"
	FormatNumber   = "number"
	FormatDuration = "duration"
	FormatFlag     = "flag"
)

// Undefined is the text shown for a value that is not a number (a division
// by zero at run time, say): never NaN or Infinity.
const Undefined = "—"

// defaultDecimals per format, when an output sets none.
var defaultDecimals = map[string]int{
	FormatCurrency: 2, FormatPercent: 1, FormatNumber: 0, FormatDuration: 1,
}

// durationUnits are the units a duration value may be given in, with their
// length in seconds; a month is 730 hours and a year 12 such months (the
// convention of the cloud providers' calculators). Largest first: the text
// uses the largest unit the value reaches.
var durationUnits = []durationUnitDef{
	{"years", "year", "years", 31536000},
	{"months", "month", "months", 2628000},
	{"days", "day", "days", 86400},
	{"h", "hour", "hours", 3600},
	{"min", "minute", "minutes", 60},
	{"s", "second", "seconds", 1},
	{"ms", "millisecond", "milliseconds", 0.001},
}

type durationUnitDef struct {
	name, one, many string
	seconds         float64
}

// pow10 holds exact powers of ten for the supported decimals (0-6).
var pow10 = [...]float64{1, 10, 100, 1e3, 1e4, 1e5, 1e6}

// format renders v as the page shows it. calc.js implements the same
// algorithm step by step (see formatFixed), so texts agree exactly.
func (o *Output) format(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return Undefined
	}
	var s string
	var ok bool
	switch o.Format {
	case FormatFlag:
		if v != 0 {
			return o.IfTrue
		}
		return o.IfFalse
	case FormatCurrency:
		s, ok = formatFixed(v, o.Decimals)
		if ok && strings.HasPrefix(s, "-") {
			return "-$" + s[1:]
		}
		s = "$" + s
	case FormatPercent:
		s, ok = formatFixed(v*100, o.Decimals)
		s += "%"
	case FormatDuration:
		return formatDuration(v, o.Unit, o.Decimals)
	default:
		s, ok = formatFixed(v, o.Decimals)
	}
	if !ok {
		return Undefined
	}
	return s
}

// formatFixed writes x with d decimals, rounded half away from zero, and
// commas between thousands. It works on doubles only (scale, round, print
// an integer), the operations JavaScript has too, so both sides produce
// the same digits. Magnitudes of 1e21 and above (after scaling) cannot be
// printed that way and report false.
func formatFixed(x float64, d int) (string, bool) {
	n := math.Round(math.Abs(x) * pow10[d])
	if !(n < 1e21) {
		return "", false
	}
	digits := strconv.FormatFloat(n, 'f', 0, 64)
	if len(digits) <= d {
		digits = strings.Repeat("0", d-len(digits)+1) + digits
	}
	intPart, frac := digits[:len(digits)-d], digits[len(digits)-d:]
	var b strings.Builder
	if x < 0 && n != 0 {
		b.WriteByte('-')
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if d > 0 {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String(), true
}

// formatDuration converts v, given in unit, to the largest unit it reaches
// (at least 1 of it) and writes it with d decimals: "5.3 months".
func formatDuration(v float64, unit string, d int) string {
	u := durationUnit(unit)
	secs := v * u.seconds
	for _, cand := range durationUnits {
		if math.Abs(secs) >= cand.seconds {
			u = cand
			break
		}
	}
	s, ok := formatFixed(secs/u.seconds, d)
	if !ok {
		return Undefined
	}
	if s == "1" || s == "-1" {
		return s + " " + u.one
	}
	return s + " " + u.many
}

// durationUnit returns the unit named unit (seconds when unknown; the
// definition check rejects unknown units).
func durationUnit(unit string) durationUnitDef {
	for _, u := range durationUnits {
		if u.name == unit {
			return u
		}
	}
	return durationUnits[5]
}

// plainNumber writes v for messages and axis ends: grouped, with up to six
// decimals and no trailing zeros.
func plainNumber(v float64) string {
	s, ok := formatFixed(v, 6)
	if !ok {
		return Undefined
	}
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}
