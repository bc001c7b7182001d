package client_test

import (
	"strings"
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// TestSecretFormatMatchesServer fails when the server's secret format changes and the client's
// offline check (the provider's api_key_well_formed function) does not follow: both must judge
// fresh keys, and every kind of damage to them, alike.
func TestSecretFormatMatchesServer(t *testing.T) {
	for range 50 {
		key := platform.NewSecret(platform.SecretPrefixAPIKey)
		token := platform.NewSecret(platform.SecretPrefixUserToken)
		flip := func(s string, i int) string {
			c := byte('a')
			if s[i] == 'a' {
				c = 'b'
			}
			return s[:i] + string(c) + s[i+1:]
		}
		cases := []string{
			key, token, "", "pk_", key[:len(key)-1], key + "x", key[:len(key)-7] + "-" + key[len(key)-6:],
			flip(key, 3), flip(key, 20), flip(key, len(key)-1), strings.Replace(key, "pk_", "pt_", 1),
			key[:10] + "!" + key[11:], strings.ToUpper(key[:3]) + key[3:],
		}
		for _, s := range cases {
			want := platform.SecretKind(s) == platform.SecretPrefixAPIKey
			if got := client.APIKeyWellFormed(s); got != want {
				t.Fatalf("APIKeyWellFormed(%q) = %v, server says %v: update internal/client/secret_format.go", s, got, want)
			}
		}
		if !client.APIKeyWellFormed(key) {
			t.Fatal("a fresh key is not well-formed")
		}
	}
}
