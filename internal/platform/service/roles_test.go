package service_test

import (
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/service"
)

// Custom roles are read with members.read (docs/platform.md section 2): whoever may see the
// members may see what their roles grant; a custom role without members.read may not.
func TestRoles_ReadWithMembersRead(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanEnterprise)
	r := f.role(tm.ws, tm.owner, platform.PermWorkspaceRead, platform.PermClustersRead)
	_, ro := f.apiKey(tm.ws, tm.owner, platform.AccessReadOnly)
	for who, caller := range map[string]*platform.Principal{"viewer": tm.viewer, "member": tm.member, "read_only key": ro} {
		if _, err := f.svc.GetRole(f.ctx, caller, tm.ws.Slug, r.Name); err != nil {
			t.Errorf("%s reads a custom role: %v", who, err)
		}
		if list, err := f.svc.ListRoles(f.ctx, caller, tm.ws.Slug, service.ListOptions{}); err != nil || len(list.Items) != 1 {
			t.Errorf("%s lists custom roles: %v, %v", who, list.Items, err)
		}
	}
	holder := f.member(tm.ws, tm.owner, r.ID) // holds workspace.read and clusters.read only
	_, err := f.svc.GetRole(f.ctx, holder, tm.ws.Slug, r.Name)
	wantCode(t, err, platform.CodePermissionDenied, string(platform.PermMembersRead))
	_, err = f.svc.ListRoles(f.ctx, holder, tm.ws.Slug, service.ListOptions{})
	wantCode(t, err, platform.CodePermissionDenied, string(platform.PermMembersRead))
}
