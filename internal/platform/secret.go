package platform

import (
	"regexp"
	"time"
)

// Limits of secrets.
const (
	SecretNamePattern   = `^[A-Z][A-Z0-9_]{0,63}$`
	SecretValueMaxBytes = 65536
)

var secretNameRegexp = regexp.MustCompile(SecretNamePattern)

// Secret is a named value that deployments and installations receive. The value is write-only:
// answers hold its version, never the value, which is stored sealed with a key that is not in
// the database (docs/platform.md section 11).
type Secret struct {
	ID             string    `json:"id"`
	WorkspaceID    string    `json:"workspace_id"`
	Name           string    `json:"name"`
	Description    string    `json:"description"`
	ValueVersion   int64     `json:"value_version"`
	ValueUpdatedAt time.Time `json:"value_updated_at"`
	// SealedValue is the value, encrypted; never shown, never logged.
	SealedValue []byte `json:"-"`
	Meta
}

// Validate checks a secret's own fields (the value is checked where it is given).
func (s *Secret) Validate() error {
	var v Violations
	ValidateSecretName(&v, "name", s.Name)
	ValidateDescription(&v, "description", s.Description)
	return v.Err()
}

// ValidateSecretName checks the name of a secret, as deployments receive it in their
// environment: ^[A-Z][A-Z0-9_]{0,63}$.
func ValidateSecretName(v *Violations, field, s string) {
	if !secretNameRegexp.MatchString(s) {
		v.Addf(field, "must match %s (upper-case letters, digits and underscores, starting with a letter, at most 64)", SecretNamePattern)
	}
}

// ValidateSecretValue checks a secret value: 1-65536 bytes. The reason never quotes the value.
func ValidateSecretValue(v *Violations, field string, value []byte) {
	if len(value) == 0 || len(value) > SecretValueMaxBytes {
		v.Addf(field, "must be 1-%d bytes", SecretValueMaxBytes)
	}
}

// ValidateSecretRefs checks a list of secret names (at most 100, each well-formed, no repeats).
func ValidateSecretRefs(v *Violations, field string, names []string) {
	if len(names) > MaxSecretRefs {
		v.Addf(field, "must name at most %d secrets", MaxSecretRefs)
		return
	}
	seen := map[string]bool{}
	for i, n := range names {
		f := field + "[" + itoa(i) + "]"
		ValidateSecretName(v, f, n)
		if seen[n] {
			v.Addf(f, "%s is named twice", n)
		}
		seen[n] = true
	}
}

// MaxSecretRefs bounds the secrets one installation or deployment receives.
const MaxSecretRefs = 100
