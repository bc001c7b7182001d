package platform

import (
	"fmt"
	"net/mail"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Input validation. Every Validate* function appends at most one violation per field it checks
// (the first rule broken, named specifically), so that a request reports every bad field at
// once without burying the user in consequences of one mistake. Reasons are written for the
// person who sent the request and never contain secrets.

// Patterns quoted in reasons, so users see the exact rule. The checks themselves are written
// out by hand so that each broken rule gets its own, specific reason.
const (
	SlugPattern        = `^[a-z][a-z0-9-]*[a-z0-9]$`
	NodePoolPattern    = `^[a-z][a-z0-9-]{0,38}[a-z0-9]$|^[a-z]$`
	LocationPattern    = `^[a-z0-9][a-z0-9-]*[a-z0-9]$`
	MachineTypePattern = `^[a-z0-9][a-z0-9._-]*$`
	SettingKeyPattern  = `^[a-zA-Z][a-zA-Z0-9_.-]*$`
)

// Limits. Lengths count characters (runes), except EmailMaxLen, which counts bytes as
// RFC 5321 does (the other ASCII-only fields make the difference moot).
const (
	SlugMinLen            = 3
	SlugMaxLen            = 40
	DisplayNameMaxLen     = 100
	DescriptionMaxLen     = 1000
	EmailMaxLen           = 254
	LocationMinLen        = 2
	LocationMaxLen        = 63
	NodePoolNameMaxLen    = 40
	MachineTypeMaxLen     = 64
	MaxNodePools          = 10
	MaxNodesPerPool       = 1000
	MaxSettings           = 50
	SettingKeyMaxLen      = 64
	SettingValueMaxLen    = 1024
	MaxGracePeriodSeconds = 86400
	// idBodyLen is the length of the random part of an id: 80 bits in base32 (see NewID).
	idBodyLen = 16
)

// ReservedSlugs cannot be used as slugs or names: they would be ambiguous in URLs.
var ReservedSlugs = []string{"api", "admin", "new", "settings", "v1"}

// BuiltinRoles are the built-in workspace role names; a custom role may not take one.
var BuiltinRoles = []string{RoleOwner, RoleAdmin, RoleMember, RoleViewer}

func isLowerLetter(c byte) bool { return c >= 'a' && c <= 'z' }
func isASCIILetter(c byte) bool { return isLowerLetter(c) || (c >= 'A' && c <= 'Z') }
func isDigit(c byte) bool       { return c >= '0' && c <= '9' }
func isIDChar(c byte) bool      { return isLowerLetter(c) || (c >= '2' && c <= '7') }

// nameReason checks a slug-like name against ^[a-z][a-z0-9-]*[a-z0-9]$ within minLen-maxLen
// characters, without "--", and returns the first broken rule ("" when s is fine).
func nameReason(s string, minLen, maxLen int, pattern string) string {
	const chars = "lower-case letters, digits and single hyphens"
	if s == "" {
		return "is required"
	}
	if n := utf8.RuneCountInString(s); n < minLen || n > maxLen {
		return fmt.Sprintf("must be %d-%d characters", minLen, maxLen)
	}
	if !isLowerLetter(s[0]) {
		return fmt.Sprintf("must match %s (%s); the first character must be a lower-case letter", pattern, chars)
	}
	for _, r := range s {
		if r > unicode.MaxASCII || !(isLowerLetter(byte(r)) || isDigit(byte(r)) || r == '-') {
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

// ValidateSlug checks a workspace, project or organization slug (docs/platform.md section 1).
func ValidateSlug(v *Violations, field, s string) {
	reason := nameReason(s, SlugMinLen, SlugMaxLen, SlugPattern)
	if reason == "" && slices.Contains(ReservedSlugs, s) {
		reason = "is reserved"
	}
	if reason != "" {
		v.Add(field, reason)
	}
}

// ValidateResourceName checks the name of a custom role, region or cluster. Names appear in
// URLs and import ids exactly like slugs, so they follow the same rules.
func ValidateResourceName(v *Violations, field, s string) { ValidateSlug(v, field, s) }

// ValidateDisplayName checks a required human-readable name.
func ValidateDisplayName(v *Violations, field, s string) {
	switch {
	case s == "":
		v.Add(field, "is required")
	case !utf8.ValidString(s):
		v.Add(field, "must be valid UTF-8")
	case utf8.RuneCountInString(s) > DisplayNameMaxLen:
		v.Addf(field, "must be 1-%d characters", DisplayNameMaxLen)
	case strings.ContainsFunc(s, unicode.IsControl):
		v.Add(field, "must not contain control characters")
	case strings.TrimFunc(s, unicode.IsSpace) != s:
		v.Add(field, "must not start or end with white space")
	}
}

// ValidateDescription checks optional free text; newlines and tabs are allowed for paragraphs
// and lists, other control characters are not (they hide text in terminals and logs).
func ValidateDescription(v *Violations, field, s string) {
	switch {
	case s == "":
	case !utf8.ValidString(s):
		v.Add(field, "must be valid UTF-8")
	case utf8.RuneCountInString(s) > DescriptionMaxLen:
		v.Addf(field, "must be at most %d characters", DescriptionMaxLen)
	case strings.ContainsFunc(s, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }):
		v.Add(field, "must not contain control characters other than newline and tab")
	}
}

// NormalizeEmail is the form in which e-mails are stored and compared (case-insensitive).
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// ValidateEmail requires a plain address local@domain: no display name, comment, quoting or
// angle brackets, so that what is stored is exactly what the user typed; the domain must
// contain a dot or be localhost.
func ValidateEmail(v *Violations, field, s string) {
	const plain = "must be a plain e-mail address such as alice@example.com"
	if s == "" {
		v.Add(field, "is required")
		return
	}
	if len(s) > EmailMaxLen {
		v.Addf(field, "must be at most %d characters", EmailMaxLen)
		return
	}
	if !utf8.ValidString(s) {
		v.Add(field, "must be valid UTF-8")
		return
	}
	// net/mail accepts non-breaking and other Unicode spaces inside atoms; an address with
	// them is almost certainly a copy-and-paste mistake.
	if strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) {
		v.Add(field, "must not contain spaces or control characters")
		return
	}
	addr, err := mail.ParseAddress(s)
	if err != nil || addr.Name != "" || addr.Address != s {
		v.Add(field, plain)
		return
	}
	at := strings.LastIndexByte(s, '@')
	domain := s[at+1:]
	// A dotless domain is almost always a typo (alice@gmail), except localhost: the bootstrap
	// user is admin@localhost (docs/platform.md section 9). A domain literal ([192.0.2.1]) is valid
	// RFC 5322, but no one invites a colleague by IP address.
	dotted := strings.Contains(domain, ".") || strings.EqualFold(domain, "localhost")
	if strings.HasPrefix(domain, "[") || !dotted {
		v.Add(field, plain+" (the domain needs a dot, as in example.com)")
	}
}

// ValidateEnum requires got to be one of allowed.
func ValidateEnum[T ~string](v *Violations, field string, got T, allowed ...T) {
	if slices.Contains(allowed, got) {
		return
	}
	names := make([]string, len(allowed))
	for i, a := range allowed {
		names[i] = string(a)
	}
	v.Add(field, "must be one of "+strings.Join(names, ", "))
}

// IsWellFormedID reports whether ref is prefix followed by a random part in NewID's format.
// Unlike HasIDPrefix it cannot mistake an e-mail such as usr_x@example.com for an id.
func IsWellFormedID(ref, prefix string) bool {
	body, ok := strings.CutPrefix(ref, prefix)
	if !ok || len(body) != idBodyLen {
		return false
	}
	for i := 0; i < len(body); i++ {
		if !isIDChar(body[i]) {
			return false
		}
	}
	return true
}

// isCustomRoleID reports whether role is CustomRolePrefix followed by id characters.
func isCustomRoleID(role string) bool {
	body, ok := strings.CutPrefix(role, CustomRolePrefix)
	if !ok || body == "" {
		return false
	}
	for i := 0; i < len(body); i++ {
		if !isIDChar(body[i]) {
			return false
		}
	}
	return true
}

// validateRole accepts one of builtins or a custom role id.
func validateRole(v *Violations, field, role string, builtins ...string) {
	if slices.Contains(builtins, role) {
		return
	}
	if IsCustomRole(role) {
		if !isCustomRoleID(role) {
			v.Addf(field, "must be a custom role id: %q followed by lower-case letters and digits 2-7", CustomRolePrefix)
		}
		return
	}
	v.Addf(field, "must be one of %s, or a custom role id (%s...)", strings.Join(builtins, ", "), CustomRolePrefix)
}

// ValidateExpiry accepts no expiry (nil) or a time after now.
func ValidateExpiry(v *Violations, field string, t *time.Time, now time.Time) {
	switch {
	case t == nil:
	case !t.After(now):
		v.Add(field, "must be in the future")
	case t.UTC().Year() > 9999:
		// Such a time cannot be written back as RFC 3339: every later read would fail.
		v.Add(field, "must lie between 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z")
	}
}

// ParseRFC3339 parses an optional RFC 3339 time into UTC: "" is nil, a bad value is a
// violation (and nil).
func ParseRFC3339(v *Violations, field, s string) *time.Time {
	if s == "" {
		return nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		v.Add(field, "must be an RFC 3339 time such as 2030-01-02T15:04:05Z")
		return nil
	}
	t = t.UTC()
	// An offset can push a four-digit year out of 0000-9999 in UTC, where the time could no
	// longer be written back as RFC 3339 (JSON encoding of the resource would fail).
	if t.Year() < 0 || t.Year() > 9999 {
		v.Add(field, "must lie between 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z")
		return nil
	}
	return &t
}

// ValidateResourceRef checks an optional reference by id: "" or prefix + 16 id characters.
func ValidateResourceRef(v *Violations, field, ref, prefix string) {
	switch {
	case ref == "":
	case !strings.HasPrefix(ref, prefix):
		v.Addf(field, "must be an id starting with %q", prefix)
	case !IsWellFormedID(ref, prefix):
		v.Addf(field, "must be a well-formed id: %q followed by %d characters a-z and 2-7", prefix, idBodyLen)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
