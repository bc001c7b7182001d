package client_test

import (
	"slices"
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// TestPermissionsMatchServer fails when the server's permission catalogue changes and the
// client's copy (which the provider validates against at plan time) does not follow.
func TestPermissionsMatchServer(t *testing.T) {
	server := make([]string, len(platform.Catalogue))
	for i, p := range platform.Catalogue {
		server[i] = string(p)
	}
	if !slices.Equal(client.Permissions, server) {
		t.Errorf("client.Permissions = %v\nserver catalogue   = %v\nUpdate internal/client/permissions.go.", client.Permissions, server)
	}
}
