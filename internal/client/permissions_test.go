package client_test

import (
	"maps"
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

// TestRolePermissionsMatchServer fails when a built-in role's permissions change on the server
// and the client's copy (the provider's role_permissions and has_permission functions) does not
// follow.
func TestRolePermissionsMatchServer(t *testing.T) {
	names := func(s platform.PermissionSet) []string {
		var out []string
		for _, p := range s.List() {
			out = append(out, string(p))
		}
		slices.Sort(out)
		return out
	}
	for _, tc := range []struct {
		scope  string
		client map[string][]string
		server func(string) (platform.PermissionSet, bool)
		roles  []string
	}{
		{"workspace", client.WorkspaceRolePermissions, platform.WorkspaceRolePermissions,
			[]string{platform.RoleOwner, platform.RoleAdmin, platform.RoleMember, platform.RoleViewer}},
		{"project", client.ProjectRolePermissions, platform.ProjectRolePermissions,
			[]string{platform.ProjectRoleAdmin, platform.ProjectRoleMember, platform.ProjectRoleViewer}},
	} {
		if got := slices.Sorted(maps.Keys(tc.client)); !slices.Equal(got, slices.Sorted(slices.Values(tc.roles))) {
			t.Errorf("client %s roles = %v, server %v", tc.scope, got, tc.roles)
		}
		for _, role := range tc.roles {
			s, ok := tc.server(role)
			if !ok {
				t.Fatalf("server has no %s role %q", tc.scope, role)
			}
			if got := tc.client[role]; !slices.IsSorted(got) || !slices.Equal(got, names(s)) {
				t.Errorf("client %s role %q = %v\nserver = %v (sorted)\nUpdate internal/client/permissions.go.",
					tc.scope, role, got, names(s))
			}
		}
	}
}
