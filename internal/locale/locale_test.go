package locale

import (
	"slices"
	"testing"
)

func TestCardinalForms(t *testing.T) {
	for code, want := range map[string][]string{
		"en":    {"one", "other"},
		"pl":    {"one", "few", "many", "other"},
		"ar":    {"zero", "one", "two", "few", "many", "other"},
		"zh":    {"other"},
		"xx-!!": {"other"},
	} {
		if got := CardinalForms(code); !slices.Equal(got, want) {
			t.Errorf("CardinalForms(%q) = %v, want %v", code, got, want)
		}
	}
}

func TestNamesAndCountries(t *testing.T) {
	if got := SelfName(MustParse("de")); got != "Deutsch" {
		t.Errorf("SelfName(de) = %q", got)
	}
	if got := Name(MustParse("en"), MustParse("fr")); got != "French" {
		t.Errorf("Name(en, fr) = %q", got)
	}
	if got := CountryName(MustParse("en"), "GB"); got != "United Kingdom" {
		t.Errorf("CountryName(en, GB) = %q", got)
	}
	if CountryName(MustParse("en"), "!!") != "" {
		t.Error("CountryName of a bad code is not empty")
	}
	for code, want := range map[string]bool{"GB": true, "gb": false, "ZZ": false, "EU": false} {
		if IsCountry(code) != want {
			t.Errorf("IsCountry(%q) = %v", code, !want)
		}
	}
	if NFC(NFD("é")) != "é" || len(NFD("é")) != 3 {
		t.Error("NFC/NFD do not round-trip")
	}
}
