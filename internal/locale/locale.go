// Package locale is talksite's one door to golang.org/x/text (issue 16): language tags
// (BCP 47), the names of languages and countries in a given language (CLDR), a language's
// text direction, the plural forms it needs, and Unicode normalisation. Every other package
// goes through it, so that a new x/text is a one-package change.
//
// # Tags
//
// Tag is x/text's language.Tag (a type alias, because go-i18n takes that type). Parse
// reads a tag; a tag is written canonically when Parse(code).String() == code.
//
// # Direction
//
// Direction derives a tag's direction from its script: "pa" is written in Gurmukhi (ltr),
// "pa-Arab" in Arabic script (rtl).
//
// # Plural forms
//
// CardinalForms lists the CLDR plural forms a language uses for whole numbers, always with
// "other", in CLDR order (zero, one, two, few, many, other).
package locale

import (
	"slices"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/unicode/norm"
)

// Tag is a BCP 47 language tag.
type Tag = language.Tag

// Parse reads a BCP 47 language tag.
func Parse(code string) (Tag, error) { return language.Parse(code) }

// rtlScripts are the scripts written right to left (ISO 15924).
var rtlScripts = []string{"Adlm", "Arab", "Hebr", "Mand", "Mend", "Nkoo", "Rohg", "Samr", "Syrc", "Thaa", "Yezi"}

// Direction is "rtl" for a tag whose script is written right to left, else "ltr".
func Direction(tag Tag) string {
	script, _ := tag.Script()
	if slices.Contains(rtlScripts, script.String()) {
		return "rtl"
	}
	return "ltr"
}

// Name is the name of the language of tag in the language in, or "" when CLDR has none.
func Name(in, tag Tag) string { return display.Languages(in).Name(tag) }

// SelfName is the name of the language of tag in itself ("Deutsch" for de), or "".
func SelfName(tag Tag) string { return display.Self.Name(tag) }

// IsCountry reports whether code is an ISO 3166-1 country code written canonically (in
// capitals); "UK" is one (reserved for the United Kingdom), so callers that want "GB"
// say so themselves.
func IsCountry(code string) bool {
	region, err := language.ParseRegion(code)
	return err == nil && region.IsCountry() && region.String() == code
}

// CountryName is the name of the country (an ISO 3166-1 code) in the language in, or ""
// when the code is not one or CLDR has no name.
func CountryName(in Tag, code string) string {
	region, err := language.ParseRegion(code)
	if err != nil {
		return ""
	}
	return display.Regions(in).Name(region)
}

// CardinalForms returns the plural forms a language uses for whole numbers, plus "other",
// in CLDR order; an unparsable code gets only "other".
func CardinalForms(code string) []string {
	tag, err := language.Parse(code)
	if err != nil {
		return []string{"other"}
	}
	// "other" is always needed: it is every language's fallback form (and Polish uses it
	// for fractions).
	seen := map[plural.Form]bool{plural.Other: true}
	for n := 0; n <= 1000; n++ {
		seen[plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0)] = true
	}
	var out []string
	for _, f := range []struct {
		form plural.Form
		name string
	}{{plural.Zero, "zero"}, {plural.One, "one"}, {plural.Two, "two"}, {plural.Few, "few"}, {plural.Many, "many"}, {plural.Other, "other"}} {
		if seen[f.form] {
			out = append(out, f.name)
		}
	}
	return out
}

// NFC is s in Unicode normalisation form C (composed).
func NFC(s string) string { return norm.NFC.String(s) }

// NFD is s in Unicode normalisation form D (decomposed: base letters, then their marks).
func NFD(s string) string { return norm.NFD.String(s) }
