package platform

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Plan is a workspace billing plan.
type Plan string

const (
	PlanFree       Plan = "free"
	PlanPro        Plan = "pro"
	PlanEnterprise Plan = "enterprise"
)

// Workspace is the top-level container for resources and billing.
type Workspace struct {
	ID                     string            `json:"id"`
	Slug                   string            `json:"slug"`
	Name                   string            `json:"name"`
	Description            string            `json:"description"`
	Plan                   Plan              `json:"plan"`
	ManagingOrganizationID string            `json:"managing_organization_id"`
	Settings               map[string]string `json:"settings"`
	// Subscription is the workspace's subscription, read with the workspace (one query) so that
	// the access state of every call costs nothing more; nil only for a workspace stored
	// without one (store tests).
	Subscription *Subscription `json:"-"`
	Meta
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
