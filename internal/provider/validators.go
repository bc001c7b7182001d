package provider

import (
	"context"
	"fmt"
	"net/mail"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// Plan-time validators for the API's field rules (docs/platform.md section 1, docs/design.md), so
// that a bad value fails `terraform plan` with the rule instead of failing half-way through an
// apply. The provider may not import the server's packages, so the rules are restated here with
// the server's wording; the server still checks everything.

// Limits and patterns of the API.
const (
	slugPattern        = `^[a-z][a-z0-9-]*[a-z0-9]$`
	locationPattern    = `^[a-z0-9][a-z0-9-]*[a-z0-9]$`
	machineTypePattern = `^[a-z0-9][a-z0-9._-]*$`
	settingKeyPattern  = `^[a-zA-Z][a-zA-Z0-9_.-]*$`
	nodePoolPattern    = `^[a-z][a-z0-9-]{0,38}[a-z0-9]$|^[a-z]$`

	slugMinLen         = 3
	slugMaxLen         = 40
	displayNameMaxLen  = 100
	descriptionMaxLen  = 1000
	emailMaxLen        = 254
	locationMinLen     = 2
	locationMaxLen     = 63
	machineTypeMaxLen  = 64
	nodePoolNameMaxLen = 40
	maxSettings        = 50
	settingKeyMaxLen   = 64
	settingValueMaxLen = 1024
	returnURLMaxLen    = 2048
	customRolePrefix   = "role_"
	// idBodyLen and idChars: an id is its prefix and 16 characters a-z and 2-7.
	idBodyLen = 16
	idChars   = "abcdefghijklmnopqrstuvwxyz234567"
)

var reservedSlugs = []string{"api", "admin", "new", "settings", "v1"}

// ruleValidator checks a string against one rule; check returns the broken rule ("" when the
// value is fine) and the diagnostic reads "<attribute> <rule>, got <value>".
type ruleValidator struct {
	description string
	check       func(string) string
}

var _ validator.String = ruleValidator{}

func (v ruleValidator) Description(context.Context) string         { return v.description }
func (v ruleValidator) MarkdownDescription(context.Context) string { return v.description }

func (v ruleValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return // unknown values are checked by the server at apply time
	}
	s := req.ConfigValue.ValueString()
	if reason := v.check(s); reason != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(),
			fmt.Sprintf("%s %s, got %q.", req.Path, reason, s))
	}
}

// slugValidator checks workspace, project and organization slugs.
func slugValidator() validator.String {
	return ruleValidator{"must be a slug: 3-40 characters matching " + slugPattern + ", no \"--\", not reserved", slugReason}
}

// nameValidator checks names of custom roles, regions and clusters: they appear in URLs and
// import ids like slugs and follow the same rules.
func nameValidator() validator.String {
	return ruleValidator{"must be 3-40 characters matching " + slugPattern + ", no \"--\", not reserved", slugReason}
}

func slugReason(s string) string {
	if r := nameReason(s, slugMinLen, slugMaxLen, slugPattern); r != "" {
		return r
	}
	if slices.Contains(reservedSlugs, s) {
		return "is reserved (" + strings.Join(reservedSlugs, ", ") + " are)"
	}
	return ""
}

func nameReason(s string, minLen, maxLen int, pattern string) string {
	const chars = "lower-case letters, digits and single hyphens"
	if s == "" {
		return "is required"
	}
	if n := utf8.RuneCountInString(s); n < minLen || n > maxLen {
		return fmt.Sprintf("must be %d-%d characters", minLen, maxLen)
	}
	if !isLower(s[0]) {
		return fmt.Sprintf("must match %s (%s); the first character must be a lower-case letter", pattern, chars)
	}
	for _, r := range s {
		if r > unicode.MaxASCII || !(isLower(byte(r)) || isDigit(byte(r)) || r == '-') {
			return fmt.Sprintf("must match %s (%s); %q is not allowed", pattern, chars, string(r))
		}
	}
	if s[len(s)-1] == '-' {
		return fmt.Sprintf("must match %s (%s); the last character must not be a hyphen", pattern, chars)
	}
	if strings.Contains(s, "--") {
		return `must not contain "--"`
	}
	return ""
}

func isLower(c byte) bool { return c >= 'a' && c <= 'z' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// displayNameValidator checks required human-readable names.
func displayNameValidator() validator.String {
	return ruleValidator{fmt.Sprintf("must be 1-%d characters, without control characters or surrounding white space", displayNameMaxLen),
		func(s string) string {
			switch {
			case s == "":
				return "is required"
			case !utf8.ValidString(s):
				return "must be valid UTF-8"
			case utf8.RuneCountInString(s) > displayNameMaxLen:
				return fmt.Sprintf("must be 1-%d characters", displayNameMaxLen)
			case strings.ContainsFunc(s, unicode.IsControl):
				return "must not contain control characters"
			case strings.TrimFunc(s, unicode.IsSpace) != s:
				return "must not start or end with white space"
			}
			return ""
		}}
}

// descriptionValidator checks optional free text (newlines and tabs allowed).
func descriptionValidator() validator.String {
	return ruleValidator{fmt.Sprintf("must be at most %d characters", descriptionMaxLen), func(s string) string {
		switch {
		case !utf8.ValidString(s):
			return "must be valid UTF-8"
		case utf8.RuneCountInString(s) > descriptionMaxLen:
			return fmt.Sprintf("must be at most %d characters", descriptionMaxLen)
		case strings.ContainsFunc(s, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }):
			return "must not contain control characters other than newline and tab"
		}
		return ""
	}}
}

// emailValidator requires a plain address such as alice@example.com.
func emailValidator() validator.String {
	return ruleValidator{"must be a plain e-mail address such as alice@example.com", func(s string) string {
		const plain = "must be a plain e-mail address such as alice@example.com"
		switch {
		case s == "":
			return "is required"
		case len(s) > emailMaxLen:
			return fmt.Sprintf("must be at most %d characters", emailMaxLen)
		case !utf8.ValidString(s):
			return "must be valid UTF-8"
		case strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }):
			return "must not contain spaces or control characters"
		}
		addr, err := mail.ParseAddress(s)
		if err != nil || addr.Name != "" || addr.Address != s {
			return plain
		}
		domain := s[strings.LastIndexByte(s, '@')+1:]
		if strings.HasPrefix(domain, "[") || !(strings.Contains(domain, ".") || strings.EqualFold(domain, "localhost")) {
			return plain + " (the domain needs a dot, as in example.com)"
		}
		return ""
	}}
}

// idValidator requires an id with the given prefix, e.g. idValidator("ws_", "workspace"). The
// message points at the usual way to get one, since a slug in an id attribute is the common
// mistake.
func idValidator(prefix, kind string) validator.String {
	article := "a"
	if strings.ContainsRune("aeiou", rune(kind[0])) {
		article = "an"
	}
	rule := fmt.Sprintf("must be %s %s id (%s...)", article, kind, prefix)
	return ruleValidator{rule, func(s string) string {
		if len(s) <= len(prefix) || !strings.HasPrefix(s, prefix) {
			return fmt.Sprintf("%s, such as the id attribute of a platform_%s resource or data source", rule, kind)
		}
		return ""
	}}
}

// refValidator is idValidator for the ids the API stores (region_id, project_id,
// managing_organization_id): it also requires a well-formed id, as the server does. Ids that
// only name an object in a request's path keep idValidator (the server answers not_found).
func refValidator(prefix, kind string) validator.String {
	v, ok := idValidator(prefix, kind).(ruleValidator)
	if !ok {
		panic("idValidator is not a ruleValidator")
	}
	isID := v.check
	v.check = func(s string) string {
		if reason := isID(s); reason != "" {
			return reason
		}
		if body := s[len(prefix):]; len(body) != idBodyLen || strings.Trim(body, idChars) != "" {
			return fmt.Sprintf("must be a well-formed %s id: %q followed by %d characters a-z and 2-7", kind, prefix, idBodyLen)
		}
		return ""
	}
	return v
}

// roleValidator accepts one of the built-in roles or a custom role id (role_ and characters
// a-z and 2-7).
func roleValidator(builtins ...string) validator.String {
	msg := fmt.Sprintf("must be one of %s, or a custom role id (%s...)", strings.Join(builtins, ", "), customRolePrefix)
	return ruleValidator{msg, func(s string) string {
		if slices.Contains(builtins, s) {
			return ""
		}
		if body, ok := strings.CutPrefix(s, customRolePrefix); ok && body != "" {
			if strings.Trim(body, idChars) != "" {
				return fmt.Sprintf("must be a custom role id: %q followed by lower-case letters and digits 2-7", customRolePrefix)
			}
			return ""
		}
		return msg
	}}
}

// locationValidator checks a cloud location such as eu-central-1.
func locationValidator() validator.String {
	return ruleValidator{fmt.Sprintf("must be %d-%d characters matching %s", locationMinLen, locationMaxLen, locationPattern), func(s string) string {
		if n := utf8.RuneCountInString(s); n < locationMinLen || n > locationMaxLen {
			return fmt.Sprintf("must be %d-%d characters", locationMinLen, locationMaxLen)
		}
		ok := s[0] != '-' && s[len(s)-1] != '-'
		for i := 0; i < len(s) && ok; i++ {
			ok = isLower(s[i]) || isDigit(s[i]) || s[i] == '-'
		}
		if !ok {
			return fmt.Sprintf("must match %s (lower-case letters, digits and hyphens, not starting or ending with a hyphen)", locationPattern)
		}
		return ""
	}}
}

// nodePoolNameValidator checks a node pool's name (1-40 characters, slug characters).
func nodePoolNameValidator() validator.String {
	return ruleValidator{"must be 1-40 characters matching " + nodePoolPattern, func(s string) string {
		return nameReason(s, 1, nodePoolNameMaxLen, nodePoolPattern)
	}}
}

// machineTypeValidator checks a node pool's machine type.
func machineTypeValidator() validator.String {
	return ruleValidator{"must match " + machineTypePattern, func(s string) string {
		if s == "" {
			return "is required"
		}
		if len(s) > machineTypeMaxLen {
			return fmt.Sprintf("must be 1-%d characters", machineTypeMaxLen)
		}
		for i := 0; i < len(s); i++ {
			c := s[i]
			if !(isLower(c) || isDigit(c) || (i > 0 && (c == '.' || c == '_' || c == '-'))) {
				return fmt.Sprintf(`must match %s (lower-case letters, digits, ".", "_" and "-", starting with a letter or digit)`, machineTypePattern)
			}
		}
		return ""
	}}
}

// durationValidator requires a positive Go duration such as "30s".
func durationValidator() validator.String {
	return ruleValidator{"must be a positive duration such as 30s or 2m", func(s string) string {
		d, err := time.ParseDuration(s)
		if err != nil || d <= 0 {
			return "must be a positive duration such as 30s or 2m"
		}
		return ""
	}}
}

// rfc3339Validator requires a timestamp such as 2030-01-02T15:04:05Z whose UTC time lies in
// the years 0000-9999 (the API cannot encode others).
func rfc3339Validator() validator.String {
	return ruleValidator{"must be an RFC 3339 timestamp such as 2030-01-02T15:04:05Z", func(s string) string {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			return "must be an RFC 3339 timestamp such as 2030-01-02T15:04:05Z"
		}
		if y := t.UTC().Year(); y < 0 || y > 9999 {
			return "must lie between 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z"
		}
		return ""
	}}
}

// settingsValidator checks a workspace's settings map: at most 50 keys matching
// ^[a-zA-Z][a-zA-Z0-9_.-]*$ (1-64 characters), values at most 1024 characters.
func settingsValidator() validator.Map {
	return stringMapValidator{maxKeys: maxSettings, valueMaxLen: settingValueMaxLen, keyReason: settingKeyReason,
		keyRule: fmt.Sprintf("matching %s (1-%d characters)", settingKeyPattern, settingKeyMaxLen)}
}

// stringMapValidator checks a map of strings: at most maxKeys keys, each key accepted by
// keyReason (which returns the broken rule, or ""), values at most valueMaxLen characters.
type stringMapValidator struct {
	maxKeys     int
	valueMaxLen int
	keyRule     string // for the description: "matching ..."
	keyReason   func(key string) string
}

var _ validator.Map = stringMapValidator{}

func (v stringMapValidator) Description(context.Context) string {
	return fmt.Sprintf("at most %d keys %s, values at most %d characters", v.maxKeys, v.keyRule, v.valueMaxLen)
}

func (v stringMapValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v stringMapValidator) ValidateMap(_ context.Context, req validator.MapRequest, resp *validator.MapResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	elems := req.ConfigValue.Elements()
	if len(elems) > v.maxKeys {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(),
			fmt.Sprintf("%s must have at most %d keys (has %d).", req.Path, v.maxKeys, len(elems)))
		return
	}
	keys := make([]string, 0, len(elems))
	for k := range elems {
		keys = append(keys, k)
	}
	slices.Sort(keys) // deterministic diagnostics
	for _, k := range keys {
		p := req.Path.AtMapKey(k)
		if reason := v.keyReason(k); reason != "" {
			resp.Diagnostics.AddAttributeError(p, "Invalid "+req.Path.String()+" key", fmt.Sprintf("%s: %s, got %q.", p, reason, k))
		}
		sv, ok := elems[k].(interface {
			IsNull() bool
			IsUnknown() bool
			ValueString() string
		})
		if !ok || sv.IsNull() || sv.IsUnknown() {
			continue
		}
		if val := sv.ValueString(); utf8.RuneCountInString(val) > v.valueMaxLen {
			resp.Diagnostics.AddAttributeError(p, "Invalid "+req.Path.String()+" value",
				fmt.Sprintf("%s: value must be at most %d characters (has %d).", p, v.valueMaxLen, utf8.RuneCountInString(val)))
		}
	}
}

func settingKeyReason(k string) string {
	if n := utf8.RuneCountInString(k); n < 1 || n > settingKeyMaxLen {
		return fmt.Sprintf("key must be 1-%d characters", settingKeyMaxLen)
	}
	c0 := k[0]
	ok := isLower(c0) || (c0 >= 'A' && c0 <= 'Z')
	for i := 1; i < len(k) && ok; i++ {
		c := k[i]
		ok = isLower(c) || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '_' || c == '.' || c == '-'
	}
	if !ok {
		return fmt.Sprintf(`key must match %s (letters, digits, "_", "." and "-", starting with a letter)`, settingKeyPattern)
	}
	return ""
}

// returnURLValidator checks a billing portal session's return_url as the server does: an
// absolute https URL, or http to this machine (localhost, 127.0.0.1 or [::1]) where a local tool
// may wait for the user; no credentials in it; at most 2048 characters.
func returnURLValidator() validator.String {
	const rule = "must be an absolute https:// URL (http:// only to localhost, 127.0.0.1 or [::1]) without credentials"
	return ruleValidator{rule, func(s string) string {
		if len(s) > returnURLMaxLen {
			return fmt.Sprintf("must be at most %d characters", returnURLMaxLen)
		}
		u, err := url.Parse(s)
		if err != nil || !u.IsAbs() || u.Host == "" || u.Opaque != "" || u.User != nil {
			return rule
		}
		switch strings.ToLower(u.Scheme) {
		case "https":
			return ""
		case "http":
			if slices.Contains([]string{"localhost", "127.0.0.1", "::1"}, strings.ToLower(u.Hostname())) {
				return ""
			}
		}
		return rule
	}}
}
