package service_test

import (
	"strings"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/service"
)

// Bad input: every create reports each bad field at once; nothing panics or turns into an
// internal error.

func TestBadInput_EveryCreateListsEachBadField(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	owner := f.newUser("owner")
	ws := f.workspace(owner, platform.PlanEnterprise)
	prj := f.project(ws, owner)
	org, err := f.svc.CreateOrganization(f.ctx, owner, service.OrganizationInput{Slug: "org", Name: "Org"})
	must(t, err)
	key, _ := f.apiKey(ws, owner, platform.AccessReadOnly)
	past := f.clock.Now().Add(-time.Hour)
	long := strings.Repeat("x", 1001)

	cases := []struct {
		name   string
		call   func() error
		fields []string
	}{
		{"workspace", func() error {
			_, err := f.svc.CreateWorkspace(f.ctx, owner, service.WorkspaceInput{Slug: "Bad--Slug", Name: "", Description: "a\x01b",
				Plan: "gold", ManagingOrganizationID: "org_!", Settings: map[string]string{"1key": "v", "ok": "\xff"}})
			return err
		}, []string{"slug", "name", "description", "plan", "managing_organization_id", "settings.1key", "settings.ok"}},
		{"workspace reserved slug", func() error {
			_, err := f.svc.CreateWorkspace(f.ctx, owner, service.WorkspaceInput{Slug: "admin", Name: " padded "})
			return err
		}, []string{"slug", "name"}},
		{"project", func() error {
			_, err := f.svc.CreateProject(f.ctx, owner, ws.Slug, service.ProjectInput{Slug: "ab", Name: strings.Repeat("n", 101), Description: long})
			return err
		}, []string{"slug", "name", "description"}},
		{"organization", func() error {
			_, err := f.svc.CreateOrganization(f.ctx, owner, service.OrganizationInput{Slug: "v1", Name: ""})
			return err
		}, []string{"slug", "name"}},
		{"member", func() error {
			_, err := f.svc.InviteMember(f.ctx, owner, ws.Slug, service.MemberInput{Email: "Alice <alice@example.com>", Role: "superuser"})
			return err
		}, []string{"email", "role"}},
		{"member with malformed custom role", func() error {
			_, err := f.svc.InviteMember(f.ctx, owner, ws.Slug, service.MemberInput{Email: "alice@gmail", Role: "role_ABC"})
			return err
		}, []string{"email", "role"}},
		{"member with unknown custom role", func() error {
			_, err := f.svc.InviteMember(f.ctx, owner, ws.Slug, service.MemberInput{Email: "alice@example.com", Role: "role_aaaaaaaaaaaaaaaa"})
			return err
		}, []string{"role"}},
		{"project member", func() error {
			_, err := f.svc.AddProjectMember(f.ctx, owner, ws.Slug, prj.Slug, service.ProjectMemberInput{UserID: "usr_!", Role: "owner"})
			return err
		}, []string{"user_id", "role"}},
		{"project member with both references", func() error {
			_, err := f.svc.AddProjectMember(f.ctx, owner, ws.Slug, prj.Slug, service.ProjectMemberInput{Email: "a@example.com", UserID: owner.UserID, Role: "admin"})
			return err
		}, []string{"email"}},
		{"role", func() error {
			_, err := f.svc.CreateRole(f.ctx, owner, ws.Slug, service.RoleInput{Name: "owner", Description: long,
				Permissions: []platform.Permission{"workspace.read", "root.access", "workspace.read"}})
			return err
		}, []string{"name", "description", "permissions[1]", "permissions[2]"}},
		{"role without permissions", func() error {
			_, err := f.svc.CreateRole(f.ctx, owner, ws.Slug, service.RoleInput{Name: "Empty Role"})
			return err
		}, []string{"name", "permissions"}},
		{"api key", func() error {
			_, err := f.svc.CreateAPIKey(f.ctx, owner, ws.Slug, service.APIKeyInput{Name: "", Access: "admin", ExpiresAt: &past})
			return err
		}, []string{"name", "access", "expires_at"}},
		{"rotate", func() error {
			_, err := f.svc.RotateAPIKey(f.ctx, owner, ws.Slug, key.ID, service.RotateInput{GracePeriodSeconds: -5})
			return err
		}, []string{"grace_period_seconds"}},
		{"region", func() error {
			_, err := f.svc.CreateRegion(f.ctx, owner, ws.Slug, service.RegionInput{Name: "eu_west", Description: long})
			return err
		}, []string{"name", "description"}},
		{"cluster", func() error {
			_, err := f.svc.CreateCluster(f.ctx, owner, ws.Slug, service.ClusterInput{Name: "", RegionID: "region-1", ProjectID: "prj_short",
				Cloud: "ibm", Location: "-eu", KubernetesVersion: "1.9",
				NodePools: []platform.NodePool{{Name: "", MachineType: "", MinNodes: -1, MaxNodes: 0}, {Name: "b", MachineType: "m", MinNodes: 3, MaxNodes: 2000}}})
			return err
		}, []string{"name", "region_id", "project_id", "cloud", "location", "kubernetes_version",
			"node_pools[0].name", "node_pools[0].machine_type", "node_pools[0].min_nodes", "node_pools[0].max_nodes",
			"node_pools[1].max_nodes"}},
		{"cluster without node pools", func() error {
			_, err := f.svc.CreateCluster(f.ctx, owner, ws.Slug, service.ClusterInput{Name: "c-one", Cloud: "aws", Location: "eu-central-1", KubernetesVersion: "1.31"})
			return err
		}, []string{"node_pools"}},
		{"cluster with unknown region", func() error {
			in := f.clusterInput("eu-central-1")
			in.RegionID = "reg_aaaaaaaaaaaaaaaa"
			_, err := f.svc.CreateCluster(f.ctx, owner, ws.Slug, in)
			return err
		}, []string{"region_id"}},
		{"user token", func() error {
			_, err := f.svc.CreateToken(f.ctx, owner, service.TokenInput{Name: "", ExpiresAt: &past})
			return err
		}, []string{"name", "expires_at"}},
		{"organization member", func() error {
			_, err := f.svc.AddOrganizationMember(f.ctx, owner, org.Slug, service.OrganizationMemberInput{Email: "", Role: "admin"})
			return err
		}, []string{"email", "role"}},
		{"project patch", func() error {
			_, err := f.svc.UpdateProject(f.ctx, owner, ws.Slug, prj.Slug, service.ProjectPatch{Slug: new("new"), Name: new("")}, 0)
			return err
		}, []string{"slug", "name"}},
		{"workspace patch", func() error {
			_, err := f.svc.UpdateWorkspace(f.ctx, owner, ws.Slug, service.WorkspacePatch{Name: new("\x00"), Plan: new(platform.Plan(""))}, 0)
			return err
		}, []string{"name", "plan"}},
		{"member patch", func() error {
			_, err := f.svc.UpdateMember(f.ctx, owner, ws.Slug, owner.Email, service.MemberPatch{Role: new("root")}, 0)
			return err
		}, []string{"role"}},
		{"page size", func() error {
			_, err := f.svc.ListProjects(f.ctx, owner, ws.Slug, service.ListOptions{PageSize: service.MaxPageSize + 1})
			return err
		}, []string{"page_size"}},
		{"negative page size", func() error {
			_, err := f.svc.ListMembers(f.ctx, owner, ws.Slug, service.ListOptions{PageSize: -1})
			return err
		}, []string{"page_size"}},
	}
	events := len(f.auditEvents(ws, owner))
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.call()
			wantFields(t, err, c.fields...)
			// Every detail has a reason, and the message mentions every field.
			e := wantCode(t, err, platform.CodeInvalidArgument)
			for _, d := range e.Details {
				if d.Reason == "" || !strings.Contains(e.Message, d.Field) {
					t.Errorf("detail %+v: empty reason or not in message %q", d, e.Message)
				}
			}
		})
	}
	if got := len(f.auditEvents(ws, owner)); got != events {
		t.Errorf("invalid requests wrote %d audit events", got-events)
	}
}

// TestBadInput_NegativeCursorNamesPageToken: a bad cursor is the page token's fault, not the
// page size's.
func TestBadInput_NegativeCursorNamesPageToken(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	owner := f.newUser("owner")
	ws := f.workspace(owner, platform.PlanFree)
	_, err := f.svc.ListProjects(f.ctx, owner, ws.Slug, service.ListOptions{PageSize: 10, After: -1})
	wantFields(t, err, "page_token")
}

func TestBadInput_NoPanicsAndNoInternalErrors(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	prj := f.project(tm.ws, tm.owner)
	_, key := f.apiKey(tm.ws, tm.owner, platform.AccessReadWrite)
	refs := []string{"", " ", "ws_", "prj_", "usr_", "role_", "key_", "reg_", "cls_", "op_", "org_", "%", "_", "'", `"; DROP TABLE workspaces; --`,
		"../../etc/passwd", "\x00", "\xff\xfe", strings.Repeat("a", 10000), "ws_aaaaaaaaaaaaaaaa", "a@b", "@", "ÄÖÜ", "\u202e", tm.ws.Slug}
	callers := []*platform.Principal{tm.owner, key}
	if !raceEnabled {
		callers = append(callers, tm.viewer, f.admin)
	}

	check := func(what string, err error) {
		t.Helper()
		if err != nil && platform.ErrorCode(err) == platform.CodeInternal {
			t.Errorf("%s: internal error %v", what, err)
		}
	}
	for _, c := range callers {
		for _, r := range refs {
			_, err := f.svc.GetWorkspace(f.ctx, c, r)
			check("GetWorkspace", err)
			_, err = f.svc.GetProject(f.ctx, c, tm.ws.Slug, r)
			check("GetProject", err)
			_, err = f.svc.GetProject(f.ctx, c, r, prj.Slug)
			check("GetProject ws", err)
			_, err = f.svc.GetMember(f.ctx, c, tm.ws.Slug, r)
			check("GetMember", err)
			_, err = f.svc.ProjectAccess(f.ctx, c, tm.ws.Slug, prj.Slug, r)
			check("ProjectAccess", err)
			_, err = f.svc.GetRole(f.ctx, c, tm.ws.Slug, r)
			check("GetRole", err)
			_, err = f.svc.GetAPIKey(f.ctx, c, tm.ws.Slug, r)
			check("GetAPIKey", err)
			_, err = f.svc.GetRegion(f.ctx, c, tm.ws.Slug, r)
			check("GetRegion", err)
			_, err = f.svc.GetCluster(f.ctx, c, tm.ws.Slug, r)
			check("GetCluster", err)
			_, err = f.svc.GetOperation(f.ctx, c, r)
			check("GetOperation", err)
			_, err = f.svc.GetOrganization(f.ctx, c, r)
			check("GetOrganization", err)
			_, err = f.svc.GetProjectMember(f.ctx, c, tm.ws.Slug, prj.Slug, r)
			check("GetProjectMember", err)
			_, err = f.svc.Authenticate(f.ctx, r)
			check("Authenticate", err)
			check("DeleteProject", f.svc.DeleteProject(f.ctx, c, tm.ws.Slug, r, 0))
			check("RemoveMember", f.svc.RemoveMember(f.ctx, c, tm.ws.Slug, r, 0))
			check("DeleteToken", f.svc.DeleteToken(f.ctx, c, r))
			_, err = f.svc.TransferOwnership(f.ctx, c, tm.ws.Slug, service.TransferOwnershipInput{Email: r})
			check("TransferOwnership", err)
			_, err = f.svc.AddProjectMember(f.ctx, c, tm.ws.Slug, prj.Slug, service.ProjectMemberInput{Email: r, Role: r})
			check("AddProjectMember", err)
			_, err = f.svc.InviteMember(f.ctx, c, tm.ws.Slug, service.MemberInput{Email: r, Role: r})
			check("InviteMember", err)
			_, err = f.svc.CreateProject(f.ctx, c, tm.ws.Slug, service.ProjectInput{Slug: r, Name: r, Description: r})
			check("CreateProject", err)
			_, err = f.svc.CreateCluster(f.ctx, c, tm.ws.Slug, service.ClusterInput{Name: r, RegionID: r, ProjectID: r, Cloud: platform.Cloud(r),
				Location: r, KubernetesVersion: r, NodePools: []platform.NodePool{{Name: r, MachineType: r, MinNodes: -1 << 62, MaxNodes: 1 << 62}}})
			check("CreateCluster", err)
			_, err = f.svc.UpdateCluster(f.ctx, c, tm.ws.Slug, r, service.ClusterPatch{KubernetesVersion: &r}, -1)
			check("UpdateCluster", err)
			_, err = f.svc.CreateRole(f.ctx, c, tm.ws.Slug, service.RoleInput{Name: r, Permissions: []platform.Permission{platform.Permission(r)}})
			check("CreateRole", err)
			_, err = f.svc.UpdateWorkspace(f.ctx, c, tm.ws.Slug, service.WorkspacePatch{Settings: &map[string]string{r: r}}, -5)
			check("UpdateWorkspace", err)
		}
		for _, opts := range []service.ListOptions{{PageSize: -1}, {PageSize: 1 << 40}, {After: -1}, {After: 1 << 62}, {PageSize: 1, After: 1}} {
			_, err := f.svc.ListProjects(f.ctx, c, tm.ws.Slug, opts)
			check("ListProjects", err)
			_, err = f.svc.ListWorkspaces(f.ctx, c, opts)
			check("ListWorkspaces", err)
			_, err = f.svc.ListAuditEvents(f.ctx, c, tm.ws.Slug, opts)
			check("ListAuditEvents", err)
		}
	}
	// The workspace and project are still there and intact.
	got, err := f.svc.GetProject(f.ctx, tm.owner, tm.ws.Slug, prj.Slug)
	must(t, err)
	if got.Version != prj.Version {
		t.Errorf("project changed by garbage input: %+v", got)
	}
}

func TestPagination_WalksEveryItemOnceInCreationOrder(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	owner := f.newUser("owner")
	ws := f.workspace(owner, platform.PlanPro)
	var want []string
	for range 7 {
		want = append(want, f.project(ws, owner).ID)
	}
	var got []string
	opts := service.ListOptions{PageSize: 3}
	pages := 0
	for {
		page, err := f.svc.ListProjects(f.ctx, owner, ws.Slug, opts)
		must(t, err)
		pages++
		got = append(got, projectIDs(page.Items)...)
		if page.Next == 0 {
			break
		}
		opts.After = page.Next
	}
	if pages != 3 || strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("paging by 3: %d pages %v, want 3 pages %v", pages, got, want)
	}
	// An exact multiple of the page size ends without an empty extra page.
	page, err := f.svc.ListProjects(f.ctx, owner, ws.Slug, service.ListOptions{PageSize: 7})
	must(t, err)
	if len(page.Items) != 7 || page.Next != 0 {
		t.Errorf("page of 7 out of 7: %d items, next %d", len(page.Items), page.Next)
	}
}
