package config

import (
	"slices"
	"strings"
	"testing"

	"github.com/talksite/talksite/internal/diag"
)

const base = `
name = "Default"
country = "GB"
[languages.en]
name = "English"
order = 1
[languages.cy]
name = "Cymraeg"
order = 2
`

func TestLayering(t *testing.T) {
	c, err := Load([]byte(base), []byte(`name = "Hilltop Primary"`))
	if err != nil {
		t.Fatal(err)
	}
	if c.Name != "Hilltop Primary" || c.Country != "GB" || len(c.Langs) != 2 || c.ExitURL != DefaultExitURL {
		t.Errorf("site keys must override one by one: %+v", c)
	}
	// Declaring languages replaces the whole list.
	c, err = Load([]byte(base), []byte("[languages.pl]\nname = \"Polski\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Langs) != 1 || c.DefaultLang.Code != "pl" {
		t.Errorf("languages %+v, default %v", c.Langs, c.DefaultLang)
	}
}

func TestChainsAndDirection(t *testing.T) {
	c, err := Load([]byte(`
defaultLanguage = "en"
[languages.en]
name = "English"
[languages.pt]
name = "Português"
order = 2
[languages.pt-BR]
name = "Português do Brasil"
order = 3
fallback = ["pt"]
[languages.ar]
name = "العربية"
order = 4
[languages.pa-Arab]
name = "پنجابی"
order = 5
[languages.pa]
name = "ਪੰਜਾਬੀ"
order = 6
[languages.he]
name = "עברית"
order = 7
dir = "rtl"
[languages.dv]
name = "Dhivehi"
order = 8
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	for code, want := range map[string]string{"en": "ltr", "ar": "rtl", "pa-Arab": "rtl", "pa": "ltr", "he": "rtl", "dv": "rtl", "pt-BR": "ltr"} {
		if got := c.Lang(code).Dir; got != want {
			t.Errorf("%s: dir %s, want %s", code, got, want)
		}
	}
	if got := c.Lang("pt-BR").Chain; !slices.Equal(got, []string{"pt-BR", "pt", "en"}) {
		t.Errorf("pt-BR chain %v", got)
	}
	if got := c.Lang("en").Chain; !slices.Equal(got, []string{"en"}) {
		t.Errorf("en chain %v", got)
	}
	var order []string
	for _, l := range c.Langs {
		order = append(order, l.Code)
	}
	if !slices.Equal(order, []string{"en", "pt", "pt-BR", "ar", "pa-Arab", "pa", "he", "dv"}) {
		t.Errorf("order %v", order)
	}
}

// TestErrors checks each kind of problem, and that it names the file the value was set in
// and the line of the key.
func TestErrors(t *testing.T) {
	for _, tc := range []struct{ def, site, want string }{
		// Unknown keys and bad TOML, in either file.
		{base, "nmae = \"x\"", `site.toml:1: unknown key "nmae" (did you mean "name"?)`},
		{base, "\n\nbrandColour = \"#fff\"", `site.toml:3: unknown key "brandColour" (did you mean "brandColor"?)`},
		{base, "[languages.en]\nname = \"English\"\nordr = 1", `site.toml:3: unknown key "languages.en.ordr" (did you mean "order"?)`},
		{base, "[[contacts]]\nname = \"A\"\n[[contacts]]\nname = \"B\"\nmail = \"b@example.org\"", `site.toml:5: unknown key "contacts.mail" (did you mean "email"?)`},
		{base, "name = ", "site.toml:1:7: unexpected EOF"},
		{base, "name = 1", "site.toml:1: incompatible types"},
		{"\n\nexitAddress = \"x\"" + base, "", `default site.toml:3: unknown key "exitAddress"`},
		{"exitUrl = \"x\"" + base, "", `default site.toml:1: exitURL "x" must be a full https:// address`}, // keys match ignoring case,
		{"name = \"x", "", "default site.toml:1:"},
		// An unknown key does not hide the problems of the values.
		{base, "nmae = \"x\"\ncountry = \"UK\"", `site.toml:2: country "UK" is not`},
		{base, "nmae = \"x\"\ncountry = \"UK\"", `site.toml:1: unknown key "nmae"`},

		// Languages: the site's [languages] replaces the default's.
		{base, "[languages.english]\nname = \"English\"", `site.toml:1: [languages.english]: "english" is not a BCP 47 language tag`},
		{base, "\n[languages.pt-br]\nname = \"P\"", `site.toml:2: [languages.pt-br]: write the tag as "pt-BR"`},
		{base, "[languages.en]\nname = \"E\"\n[languages.cy]\nname = \"C\"\nfallback = [\"fr\"]", `site.toml:5: [languages.cy]: fallback "fr" is not a declared language`},
		{base, "[languages.en]\nname = \"E\"\ndir = \"up\"", `site.toml:3: [languages.en]: dir must be "ltr" or "rtl"`},
		{base, "[languages.en]", "site.toml:1: [languages.en]: name is missing"},
		{base, "[languages.en]\norder = 1\n[languages.cy]\norder = 2", "site.toml:3: [languages.cy]: name is missing"},
		{"[languages.en]\nname = \"E\"\ndir = \"up\"", "name = \"x\"", `default site.toml:3: [languages.en]: dir must be "ltr" or "rtl"`},
		{"name = \"x\"", "", "default site.toml: no languages declared"},
		{"name = \"x\"", "country = \"GB\"", "site.toml: no languages declared"},
		{base, "\ndefaultLanguage = \"fr\"", `site.toml:2: defaultLanguage "fr" is not one of the declared languages`},

		// Settings.
		{base, "\nexitURL = \"http://weather.example\"", `site.toml:2: exitURL "http://weather.example" must be a full https:// address`},
		{"exitURL = \"http://weather.example\"\n" + base, "name = \"x\"", `default site.toml:1: exitURL "http://weather.example" must be a full https:// address`},
		{base, "name = \"x\"\nbrandColor = \"teal\"", `site.toml:2: brandColor "teal" must be written as #rrggbb`},
		{base, "brandColor = \"#ffdd00\"", "site.toml:1: brandColor #ffdd00: white text on it has contrast 1.35:1, below the 4.5:1 WCAG AA needs; #877500 is the nearest colour that passes"},
		{base, "baseURL = \"school.example\"", `site.toml:1: baseURL "school.example" must be a full address`},
		{base, "logo = \"logo.gif\"", `site.toml:1: logo "logo.gif": put an SVG or PNG file`},
		{base, "country = \"UK\"", `site.toml:1: country "UK" is not a two-letter ISO 3166 country code, such as GB, IE, US or AU (the United Kingdom's code is "GB")`},
		{base, "country = \"XY\"", `site.toml:1: country "XY" is not a two-letter ISO 3166`},
		{base, "country = \"<script>\"", `site.toml:1: country "<SCRIPT>" is not a two-letter ISO 3166`},
		{base, "country = \"826\"", `site.toml:1: country "826" is not a two-letter ISO 3166`},
		{base, "\n\ncountry = \"xx\"", `site.toml:3: country "XX" is not`},
		{"\n\nlogo = \"x.gif\"" + base, "", `default site.toml:3: logo "x.gif"`},

		// Contacts: each at its own [[contacts]], or at the key at fault.
		{base, "[[contacts]]\nemail = \"x@example.org\"", "site.toml:1: contacts[1]: give at least a name or a role"},
		{base, "[[contacts]]\nname = \"A\"\n[[contacts]]\nname = \"B\"\nurl = \"javascript:alert(1)\"", `site.toml:5: contacts[2]: url "javascript:alert(1)" must start with https://`},
		{base, "[[contacts]]\nname = \"A\"\nemail = \"x\"\n[[contacts]]\nname = \"B\"\nemail = \"y\"", `site.toml:6: contacts[2]: email "y" is not an email address`},
		{base, "[[contacts]]\nname = \"A\"\nemail = \"x\"\n[[contacts]]\nname = \"B\"\nemail = \"y\"", `site.toml:3: contacts[1]: email "x" is not an email address`},
		{base, "[[contacts]]\nrole = \"R\"\n[[contacts]]\nphone = \"1\"", "site.toml:3: contacts[2]: give at least a name or a role"},
		{base + "[[contacts]]\nrole = \"R\"\nurl = \"http://x.example\"\n", "", `default site.toml:12: contacts[1]: url "http://x.example" must start with https://`},
	} {
		var site []byte
		if tc.site != "" {
			site = []byte(tc.site)
		}
		_, err := Load([]byte(tc.def), site)
		var list diag.List
		list.AddError("", 0, err)
		var got []string
		for _, d := range list.Sorted() {
			got = append(got, d.String())
		}
		if !slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, tc.want) }) {
			t.Errorf("default %q, site %q:\n got %q\nwant %q", tc.def, tc.site, got, tc.want)
		}
		for _, d := range list.Sorted() {
			if d.File != File && d.File != DefaultFile {
				t.Errorf("%q names no file", d)
			}
		}
	}
}
