package platform

import (
	"fmt"
	"net/mail"
	"slices"
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

// Clouds lists the supported cloud providers.
var Clouds = []Cloud{CloudAWS, CloudGCP, CloudAzure, CloudHetzner}

// AccessLevels lists the API key access levels.
var AccessLevels = []Access{AccessReadOnly, AccessReadWrite}

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

// ValidateSlug checks a workspace, project or organization slug (PLATFORM.md section 1).
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
	// user is admin@localhost (PLATFORM.md section 9). A domain literal ([192.0.2.1]) is valid
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

// ValidateWorkspaceRole accepts a built-in workspace role or a custom role id.
func ValidateWorkspaceRole(v *Violations, field, role string) {
	validateRole(v, field, role, RoleOwner, RoleAdmin, RoleMember, RoleViewer)
}

// ValidateProjectRole accepts a built-in project role or a custom role id.
func ValidateProjectRole(v *Violations, field, role string) {
	validateRole(v, field, role, ProjectRoleAdmin, ProjectRoleMember, ProjectRoleViewer)
}

// ValidateOrganizationRole accepts an organization role (no custom roles there).
func ValidateOrganizationRole(v *Violations, field, role string) {
	ValidateEnum(v, field, role, OrgRoleOwner, OrgRoleMember)
}

// ValidateLocation checks a cloud location such as eu-central-1, fsn1 or westeurope.
func ValidateLocation(v *Violations, field, s string) {
	if s == "" {
		v.Add(field, "is required")
		return
	}
	if n := utf8.RuneCountInString(s); n < LocationMinLen || n > LocationMaxLen {
		v.Addf(field, "must be %d-%d characters", LocationMinLen, LocationMaxLen)
		return
	}
	ok := s[0] != '-' && s[len(s)-1] != '-'
	for i := 0; i < len(s) && ok; i++ {
		ok = isLowerLetter(s[i]) || isDigit(s[i]) || s[i] == '-'
	}
	if !ok {
		v.Addf(field, "must match %s (lower-case letters, digits and hyphens, not starting or ending with a hyphen)", LocationPattern)
	}
}

// machineTypeReason checks s against MachineTypePattern and the length limit.
func machineTypeReason(s string) string {
	if s == "" {
		return "is required"
	}
	if len(s) > MachineTypeMaxLen {
		return fmt.Sprintf("must be 1-%d characters", MachineTypeMaxLen)
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(isLowerLetter(c) || isDigit(c) || (i > 0 && (c == '.' || c == '_' || c == '-'))) {
			return fmt.Sprintf(`must match %s (lower-case letters, digits, ".", "_" and "-", starting with a letter or digit)`, MachineTypePattern)
		}
	}
	return ""
}

// ValidateNodePools checks a cluster's node pools; sub-fields are named like
// "node_pools[1].max_nodes".
func ValidateNodePools(v *Violations, field string, pools []NodePool) {
	if len(pools) < 1 || len(pools) > MaxNodePools {
		// With too many pools, per-pool details would only bury this one.
		v.Addf(field, "must have 1-%d node pools", MaxNodePools)
		return
	}
	seen := make(map[string]int, len(pools))
	for i, p := range pools {
		at := fmt.Sprintf("%s[%d].", field, i)
		if reason := nameReason(p.Name, 1, NodePoolNameMaxLen, NodePoolPattern); reason != "" {
			v.Add(at+"name", reason)
		} else if j, dup := seen[p.Name]; dup {
			v.Addf(at+"name", "must be unique: %q is also the name of %s[%d]", p.Name, field, j)
		} else {
			seen[p.Name] = i
		}
		if reason := machineTypeReason(p.MachineType); reason != "" {
			v.Add(at+"machine_type", reason)
		}
		switch {
		case p.MinNodes < 0:
			v.Add(at+"min_nodes", "must be >= 0")
		case p.MinNodes > p.MaxNodes:
			v.Add(at+"min_nodes", "min_nodes must be <= max_nodes")
		}
		switch {
		case p.MaxNodes < 1:
			v.Add(at+"max_nodes", "must be >= 1")
		case p.MaxNodes > MaxNodesPerPool:
			v.Addf(at+"max_nodes", "must be <= %d", MaxNodesPerPool)
		}
	}
}

// settingKeyReason checks a settings key against SettingKeyPattern and its length limit.
func settingKeyReason(k string) string {
	if n := utf8.RuneCountInString(k); n < 1 || n > SettingKeyMaxLen {
		return fmt.Sprintf("key must be 1-%d characters", SettingKeyMaxLen)
	}
	ok := isASCIILetter(k[0])
	for i := 1; i < len(k) && ok; i++ {
		c := k[i]
		ok = isASCIILetter(c) || isDigit(c) || c == '_' || c == '.' || c == '-'
	}
	if !ok {
		return fmt.Sprintf(`key must match %s (letters, digits, "_", "." and "-", starting with a letter)`, SettingKeyPattern)
	}
	return ""
}

// settingField names the field of a settings key; an over-long key is shortened so that one
// bad key cannot blow up the error message.
func settingField(field, k string) string {
	if len(k) > SettingKeyMaxLen {
		k = strings.ToValidUTF8(k[:SettingKeyMaxLen], "") + "..."
	}
	return field + "." + k
}

// ValidateSettings checks a workspace's settings map. Keys are visited in sorted order so
// that messages are deterministic.
func ValidateSettings(v *Violations, field string, m map[string]string) {
	if len(m) > MaxSettings {
		// Per-key details would only bury the one thing to fix first.
		v.Addf(field, "must have at most %d keys (has %d)", MaxSettings, len(m))
		return
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		f := settingField(field, k)
		if reason := settingKeyReason(k); reason != "" {
			v.Add(f, reason)
		}
		switch val := m[k]; {
		case !utf8.ValidString(val):
			v.Add(f, "value must be valid UTF-8")
		case utf8.RuneCountInString(val) > SettingValueMaxLen:
			v.Addf(f, "value must be at most %d characters", SettingValueMaxLen)
		}
	}
}

// ValidatePermissions checks a custom role's permissions: at least one, all known, no repeats.
func ValidatePermissions(v *Violations, field string, ps []Permission) {
	if len(ps) == 0 {
		v.Add(field, "must list at least one permission")
		return
	}
	seen := make(map[Permission]bool, len(ps))
	for i, p := range ps {
		at := fmt.Sprintf("%s[%d]", field, i)
		switch {
		case !KnownPermission(p):
			v.Addf(at, "unknown permission %q: must be one of %s", p, catalogueList())
		case seen[p]:
			v.Addf(at, "%q is listed more than once", p)
		}
		seen[p] = true
	}
}

func catalogueList() string {
	names := make([]string, len(Catalogue))
	for i, p := range Catalogue {
		names[i] = string(p)
	}
	return strings.Join(names, ", ")
}

// ValidateGracePeriod checks an API key rotation's grace period in seconds.
func ValidateGracePeriod(v *Violations, field string, seconds int) {
	if seconds < 0 || seconds > MaxGracePeriodSeconds {
		v.Addf(field, "must be 0-%d seconds", MaxGracePeriodSeconds)
	}
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

// Validate checks an organization's own fields.
func (o *Organization) Validate() error {
	var v Violations
	ValidateSlug(&v, "slug", o.Slug)
	ValidateDisplayName(&v, "name", o.Name)
	return v.Err()
}

// Validate checks a workspace's own fields; who may set them is the service's business.
func (w *Workspace) Validate() error {
	var v Violations
	ValidateSlug(&v, "slug", w.Slug)
	ValidateDisplayName(&v, "name", w.Name)
	ValidateDescription(&v, "description", w.Description)
	ValidateEnum(&v, "plan", w.Plan, Plans...)
	ValidateSettings(&v, "settings", w.Settings)
	ValidateResourceRef(&v, "managing_organization_id", w.ManagingOrganizationID, PrefixOrganization)
	return v.Err()
}

// Validate checks a project's own fields.
func (p *Project) Validate() error {
	var v Violations
	ValidateSlug(&v, "slug", p.Slug)
	ValidateDisplayName(&v, "name", p.Name)
	ValidateDescription(&v, "description", p.Description)
	return v.Err()
}

// Validate checks a custom role. A built-in role name is refused so that a role argument
// such as "admin" is never ambiguous.
func (r *Role) Validate() error {
	var v Violations
	if slices.Contains(BuiltinRoles, r.Name) {
		v.Add("name", "is a built-in role")
	} else {
		ValidateResourceName(&v, "name", r.Name)
	}
	ValidateDescription(&v, "description", r.Description)
	ValidatePermissions(&v, "permissions", r.Permissions)
	return v.Err()
}

// Validate checks an API key's fields; expires_at must lie after now.
func (k *APIKey) Validate(now time.Time) error {
	var v Violations
	ValidateDisplayName(&v, "name", k.Name)
	ValidateEnum(&v, "access", k.Access, AccessLevels...)
	ValidateExpiry(&v, "expires_at", k.ExpiresAt, now)
	return v.Err()
}

// Validate checks a region's fields.
func (r *Region) Validate() error {
	var v Violations
	ValidateResourceName(&v, "name", r.Name)
	ValidateDescription(&v, "description", r.Description)
	return v.Err()
}

// Validate checks a cluster's user-set fields (status and endpoint are computed).
func (c *Cluster) Validate() error {
	var v Violations
	ValidateResourceName(&v, "name", c.Name)
	ValidateResourceRef(&v, "region_id", c.RegionID, PrefixRegion)
	ValidateResourceRef(&v, "project_id", c.ProjectID, PrefixProject)
	ValidateEnum(&v, "cloud", c.Cloud, Clouds...)
	ValidateLocation(&v, "location", c.Location)
	ValidateKubernetesVersion(&v, "kubernetes_version", c.KubernetesVersion)
	ValidateNodePools(&v, "node_pools", c.NodePools)
	return v.Err()
}

// Validate checks a user token's fields; expires_at must lie after now.
func (t *UserToken) Validate(now time.Time) error {
	var v Violations
	ValidateDisplayName(&v, "name", t.Name)
	ValidateExpiry(&v, "expires_at", t.ExpiresAt, now)
	return v.Err()
}
