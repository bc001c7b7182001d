package platform

import (
	"crypto/rand"
	"encoding/base32"
	"strings"
)

// ID prefixes (docs/platform.md section 1).
const (
	PrefixUser         = "usr_"
	PrefixUserToken    = "tok_"
	PrefixOrganization = "org_"
	PrefixWorkspace    = "ws_"
	PrefixProject      = "prj_"
	PrefixRole         = CustomRolePrefix
	PrefixAPIKey       = "key_"
	PrefixRegion       = "reg_"
	PrefixCluster      = "cls_"
	PrefixOperation    = "op_"
	PrefixAuditEvent   = "evt_"
	// Applications (docs/platform.md section 11).
	PrefixProduct            = "prod_"
	PrefixRelease            = "rel_"
	PrefixInstallation       = "inst_"
	PrefixDeployment         = "dep_"
	PrefixSecret             = "sec_"
	PrefixGitHubInstallation = "ghi_"
	// Billing (docs/platform.md section 12).
	PrefixStripeAccount = "acct_"
)

var idEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// NewID returns prefix followed by 80 random bits in lower-case base32: opaque, never reused.
func NewID(prefix string) string {
	var b [10]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms
	return prefix + idEncoding.EncodeToString(b[:])
}

// HasIDPrefix reports whether ref is an id of the given prefix rather than a slug or name.
// Slugs and names cannot contain "_", so the two never collide.
func HasIDPrefix(ref, prefix string) bool { return strings.HasPrefix(ref, prefix) }
