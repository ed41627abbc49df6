package houserules

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A sentence bears a number when it states a quantity a reader could quote:
// money, a percentage, a magnitude, a measurement, or a count of ten or
// more. Prose that only names things does not: "two teams" (a number
// word), "HTTP/2", "S3", "us-east-1", "Python 3" (digits glued to a name or
// a single digit without a unit), "Istio 1.5" (a version: a decimal without
// a unit), "19 October 2022", "Q4 2016", "in 2008" (dates and years).
//
// figureIn returns the first quantity in s, as written ("$3.2 million",
// "90%", "1,600"), or "".
func figureIn(s string) string {
	for _, m := range numberPattern.FindAllStringSubmatchIndex(s, -1) {
		start, end := m[0], m[1]
		if f := quantity(s, start, end); f != "" {
			return f
		}
	}
	return ""
}

// numberPattern finds a number with an optional currency sign: "$3.2",
// "1,600", "90", "0.000025".
var numberPattern = regexp.MustCompile(`(?:[$€£]\s?)?\d[\d,]*(?:\.\d+)?`)

// quantity decides whether the number at s[start:end] is a figure, and
// returns it with the unit that made it one.
func quantity(s string, start, end int) string {
	num := strings.TrimRight(s[start:end], ",")
	end = start + len(num)
	if r, _ := utf8.DecodeLastRuneInString(s[:start]); start > 0 && glued(r) {
		return "" // S3, HTTP/2, us-east-1, x86, v1.2, m7g
	}
	rest := s[end:]
	money := strings.IndexAny(num, "$€£") == 0
	digits := strings.TrimLeft(num, "$€£ ")
	if next, _ := utf8.DecodeRuneInString(rest); unicode.IsLetter(next) {
		// A suffix written without a space: "$3.2M", "10x", "100ms", but
		// not "2nd", "3D", or a decade: "the 2000s".
		if u := unitPrefix(rest, suffixUnits); u != "" && !isYear(digits) {
			return num + u
		}
		return ""
	}
	switch {
	case money:
		return num + magnitudeAfter(rest)
	case strings.HasPrefix(strings.TrimLeft(rest, " "), "%"):
		return num + "%"
	}
	word := strings.TrimLeft(rest, " \u00a0")
	if hasPrefixFold(word, "per cent") || hasPrefixFold(word, "percent") {
		return num + " per cent"
	}
	if isMultiplier(rest) {
		return num + "×"
	}
	if u := unitPrefix(word, unitWords); u != "" {
		if isYear(digits) && !isMagnitude(u) && !isDataUnit(u) {
			return "" // "2023 plan" is not a unit; "in 2016 months" never happens
		}
		return num + " " + u
	}
	switch {
	case strings.Contains(digits, ","):
		return num
	case strings.Contains(digits, "."):
		return "" // a version: Istio 1.5, Go 1.22
	}
	n, err := strconv.Atoi(digits)
	if err != nil || n < 10 || isYear(digits) || nextToMonth(s, start, end) || isDayAndTime(rest) {
		return ""
	}
	return num
}

// glued reports whether a number after r is part of a name or code:
// letters, digits, "/", "-", "_", "." and "#" glue.
func glued(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("/-_.#", r)
}

// isYear reports whether digits is a four-digit year from 1900 to 2099.
func isYear(digits string) bool {
	if len(digits) != 4 {
		return false
	}
	n, err := strconv.Atoi(digits)
	return err == nil && n >= 1900 && n <= 2099
}

// isMultiplier reports whether rest starts with "×" or "x" used as a
// factor ("10× cheaper", "8x"), not as in "24×7" or "1,000 × 5".
func isMultiplier(rest string) bool {
	for _, m := range []string{"×", "x"} {
		if after, ok := strings.CutPrefix(rest, m); ok {
			r, _ := utf8.DecodeRuneInString(after)
			return !unicode.IsDigit(r) && !unicode.IsLetter(r)
		}
	}
	return false
}

// isDayAndTime reports "24×7" and "24/7": a duty, not a quantity.
func isDayAndTime(rest string) bool {
	return strings.HasPrefix(rest, "×7") || strings.HasPrefix(rest, "/7") || strings.HasPrefix(rest, "x7")
}

var months = strings.Fields("january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec")

// nextToMonth reports whether the number is the day of a date: a month
// name right before or after it ("19 October", "October 19").
func nextToMonth(s string, start, end int) bool {
	after := strings.Fields(s[end:])
	before := strings.Fields(s[:start])
	isMonth := func(w string) bool {
		w = strings.ToLower(strings.Trim(w, ".,;:()"))
		for _, m := range months {
			if w == m {
				return true
			}
		}
		return false
	}
	return len(after) > 0 && isMonth(after[0]) || len(before) > 0 && isMonth(before[len(before)-1])
}

// magnitudeAfter returns " million" and the like after a money amount.
func magnitudeAfter(rest string) string {
	if u := unitPrefix(strings.TrimLeft(rest, " "), magnitudes); u != "" {
		return " " + u
	}
	return ""
}

func isMagnitude(u string) bool { return contains(magnitudes, u) }

func isDataUnit(u string) bool { return contains(dataUnits, u) }

func contains(list []string, u string) bool {
	for _, m := range list {
		if strings.EqualFold(m, u) {
			return true
		}
	}
	return false
}

var (
	magnitudes = strings.Fields("million billion trillion thousand bn m")
	dataUnits  = strings.Fields("KB MB GB TB PB EB KiB MiB GiB TiB PiB petabytes terabytes gigabytes megabytes kilobytes bytes Gbit/s Mbit/s Gbps Mbps")
	timeUnits  = strings.Fields("ms milliseconds seconds second minutes minute hours hour days day weeks week months month years year")
	// unitWords may follow a number after a space; any of them makes even
	// a single digit a figure ("1 vCPU", "5 minutes").
	unitWords = append(append(append(append([]string{}, magnitudes...), dataUnits...), timeUnits...),
		strings.Fields("vCPU vCPUs CPUs cores times GB-seconds GB-hours req/s rps")...)
	// suffixUnits may follow a number directly: "$3.2M", "100ms", "5PB".
	suffixUnits = append(append([]string{}, dataUnits...), strings.Fields("M B K k bn x ms s h")...)
)

// unitPrefix returns the unit of list that word starts with, as a whole
// word, or "".
func unitPrefix(word string, list []string) string {
	best := ""
	for _, u := range list {
		if len(u) > len(best) && hasPrefixFold(word, u) {
			r, _ := utf8.DecodeRuneInString(word[len(u):])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				best = u
			}
		}
	}
	if best == "" {
		return ""
	}
	return word[:len(best)]
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}
