package platform

import (
	"slices"
	"strings"
	"testing"
)

// The expectations in this file are transcribed from docs/platform.md section 2, by permission
// name, and never computed from the code under test.

// specColumns are the columns of the permission table of docs/platform.md section 2, in order.
var specColumns = []string{"owner", "admin", "member", "viewer", "read_write key", "read_only key"}

// specSubjects are the callers that each column describes.
var specSubjects = map[string]Subject{
	"owner":          {MemberRole: "owner"},
	"admin":          {MemberRole: "admin"},
	"member":         {MemberRole: "member"},
	"viewer":         {MemberRole: "viewer"},
	"read_write key": {APIKey: true, KeyAccess: "read_write"},
	"read_only key":  {APIKey: true, KeyAccess: "read_only"},
}

// specTable is the permission table of docs/platform.md section 2, one row per permission (rows
// naming two permissions are split), columns in specColumns order.
var specTable = []struct {
	perm Permission
	yes  [6]bool // owner, admin, member, viewer, read_write key, read_only key
}{
	{"workspace.read", [6]bool{true, true, true, true, true, true}},
	{"workspace.update", [6]bool{true, true, false, false, true, false}},
	{"workspace.delete", [6]bool{true, false, false, false, false, false}},
	{"ownership.transfer", [6]bool{true, false, false, false, false, false}},
	{"billing.manage", [6]bool{true, true, false, false, false, false}},
	{"members.read", [6]bool{true, true, true, true, true, true}},
	{"members.manage", [6]bool{true, true, false, false, true, false}},
	{"roles.manage", [6]bool{true, true, false, false, true, false}},
	{"api_keys.manage", [6]bool{true, true, false, false, false, false}},
	{"projects.create", [6]bool{true, true, true, false, true, false}},
	{"regions.manage", [6]bool{true, true, false, false, true, false}},
	{"clusters.manage", [6]bool{true, true, false, false, true, false}},
	{"clusters.read", [6]bool{true, true, true, true, true, true}},
	{"regions.read", [6]bool{true, true, true, true, true, true}},
	{"products.manage", [6]bool{true, true, false, false, true, false}},
	{"installations.manage", [6]bool{true, true, false, false, true, false}},
	{"secrets.manage", [6]bool{true, true, false, false, true, false}},
	{"integrations.manage", [6]bool{true, true, false, false, false, false}},
	{"products.read", [6]bool{true, true, true, true, true, true}},
	{"installations.read", [6]bool{true, true, true, true, true, true}},
	{"secrets.read", [6]bool{true, true, true, true, true, true}},
	{"integrations.read", [6]bool{true, true, true, true, true, true}},
}

// specProjectPermissions are the project permissions of docs/platform.md section 2, in order.
var specProjectPermissions = []Permission{"project.read", "project.update", "project.delete", "project_members.manage",
	"deployments.write", "deployments.read", "logs.read"}

// specProjectRoles are the project roles of docs/platform.md section 2.
var specProjectRoles = map[string][]Permission{
	"admin":  {"project.read", "project.update", "project.delete", "project_members.manage", "deployments.write", "deployments.read", "logs.read"},
	"member": {"project.read", "project.update", "deployments.write", "deployments.read", "logs.read"},
	"viewer": {"project.read", "deployments.read", "logs.read"},
}

// specColumn returns the workspace permissions the spec table gives column col.
func specColumn(t testing.TB, col string) PermissionSet {
	t.Helper()
	i := slices.Index(specColumns, col)
	if i < 0 {
		t.Fatalf("no column %q in the spec table", col)
	}
	var names []Permission
	for _, row := range specTable {
		if row.yes[i] {
			names = append(names, row.perm)
		}
	}
	return mustPerms(t, names...)
}

// mustPerms builds a set, failing the test if a name is not in the catalogue (Perms would
// silently ignore it and make the expectation wrong).
func mustPerms(t testing.TB, names ...Permission) PermissionSet {
	t.Helper()
	for _, n := range names {
		if !KnownPermission(n) {
			t.Fatalf("permission %q of docs/platform.md is not in the catalogue", n)
		}
	}
	return Perms(names...)
}

func specYesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// TestPermissionTable checks every cell of the permission table of docs/platform.md section 2.
func TestPermissionTable(t *testing.T) {
	for ci, col := range specColumns {
		ws, ok := ResolveWorkspaceAccess(specSubjects[col])
		if !ok {
			t.Fatalf("%s: no workspace access", col)
		}
		for _, row := range specTable {
			want := row.yes[ci]
			t.Run(string(row.perm)+"/"+col+"="+specYesNo(want), func(t *testing.T) {
				if !KnownPermission(row.perm) {
					t.Fatalf("%s is not in the catalogue", row.perm)
				}
				if got := ws.Permissions.Has(row.perm); got != want {
					t.Errorf("%s has %s = %s, docs/platform.md says %s", col, row.perm, specYesNo(got), specYesNo(want))
				}
			})
		}
		t.Run(col+" holds exactly its column, no project permission among workspace permissions", func(t *testing.T) {
			if want := specColumn(t, col); ws.Permissions != want {
				t.Errorf("%s workspace permissions = %v, docs/platform.md column = %v", col, ws.Permissions.List(), want.List())
			}
		})
	}
	t.Run("the table names every workspace permission of the catalogue", func(t *testing.T) {
		var names []Permission
		for _, row := range specTable {
			names = append(names, row.perm)
		}
		if want := mustPerms(t, names...); WorkspacePermissions != want || len(names) != 22 {
			t.Errorf("WorkspacePermissions = %v, docs/platform.md = %v", WorkspacePermissions.List(), names)
		}
	})
}

// TestBuiltinRolePermissions checks the exported lookups agree with the spec table.
func TestBuiltinRolePermissions(t *testing.T) {
	for _, role := range []string{"owner", "admin", "member", "viewer"} {
		t.Run("workspace role "+role, func(t *testing.T) {
			got, ok := WorkspaceRolePermissions(role)
			if want := specColumn(t, role); !ok || got != want {
				t.Errorf("WorkspaceRolePermissions(%q) = %v, %v; want %v", role, got.List(), ok, want.List())
			}
		})
	}
	for _, key := range []struct {
		access Access
		col    string
	}{{"read_write", "read_write key"}, {"read_only", "read_only key"}} {
		t.Run("api key "+string(key.access), func(t *testing.T) {
			if got, want := KeyPermissions(key.access), specColumn(t, key.col); got != want {
				t.Errorf("KeyPermissions(%q) = %v; want %v", key.access, got.List(), want.List())
			}
		})
	}
	for _, role := range []string{"role_abc", "superuser", "", "Owner"} {
		t.Run("not a built-in workspace role: "+role, func(t *testing.T) {
			if _, ok := WorkspaceRolePermissions(role); ok {
				t.Errorf("WorkspaceRolePermissions(%q) is ok", role)
			}
		})
	}
	t.Run("unknown key access has no permission", func(t *testing.T) {
		if got := KeyPermissions("admin"); got != 0 {
			t.Errorf("KeyPermissions(admin) = %v", got.List())
		}
	})
}

// TestProjectRoles checks each cell of the project roles of docs/platform.md section 2.
func TestProjectRoles(t *testing.T) {
	for _, role := range []string{"admin", "member", "viewer"} {
		got, ok := ProjectRolePermissions(role)
		if !ok {
			t.Fatalf("project role %q unknown", role)
		}
		for _, p := range specProjectPermissions {
			want := slices.Contains(specProjectRoles[role], p)
			t.Run("project "+role+"/"+string(p)+"="+specYesNo(want), func(t *testing.T) {
				if got.Has(p) != want {
					t.Errorf("project %s has %s = %s, docs/platform.md says %s", role, p, specYesNo(got.Has(p)), specYesNo(want))
				}
			})
		}
		t.Run("project "+role+" holds only project permissions", func(t *testing.T) {
			if want := mustPerms(t, specProjectRoles[role]...); got != want {
				t.Errorf("project %s = %v; want %v", role, got.List(), want.List())
			}
		})
	}
	for _, role := range []string{"owner", "role_abc", ""} {
		t.Run("not a built-in project role: "+role, func(t *testing.T) {
			if _, ok := ProjectRolePermissions(role); ok {
				t.Errorf("ProjectRolePermissions(%q) is ok", role)
			}
		})
	}
	t.Run("API keys: read_write is project admin, read_only is project viewer", func(t *testing.T) {
		if got := KeyProjectRole("read_write"); got != "admin" {
			t.Errorf("KeyProjectRole(read_write) = %q", got)
		}
		if got := KeyProjectRole("read_only"); got != "viewer" {
			t.Errorf("KeyProjectRole(read_only) = %q", got)
		}
	})
}

// projectRole is an override as the service passes it: name and permissions.
func specProjectRole(t testing.TB, role string) (string, PermissionSet) {
	t.Helper()
	perms, ok := specProjectRoles[role]
	if !ok {
		t.Fatalf("no project role %q", role)
	}
	return role, mustPerms(t, perms...)
}

// TestProjectAccessRules checks project access rules 1-6 of docs/platform.md section 2 and the
// managing organization (section 4) through ResolveWorkspaceAccess and ResolveProjectAccess.
func TestProjectAccessRules(t *testing.T) {
	admin := specProjectRoles["admin"]
	member := specProjectRoles["member"]
	viewer := specProjectRoles["viewer"]
	type tc struct {
		name    string
		subject Subject
		// override is a built-in project role name ("" for none) unless customOverride is set.
		override       string
		customOverride []Permission
		// The workspace level.
		wantWSOK     bool
		wantWSRole   string
		wantWSSource Source
		wantWSPerms  []Permission // exact; nil means "do not check"
		wantWSHas    []Permission
		// The project level.
		wantOK     bool
		wantRole   string
		wantSource Source
		wantPerms  []Permission // exact
	}
	const customID = "role_ops"
	cases := []tc{
		// Rule 1.
		{
			name:     "rule 1: a workspace owner is project admin on every project",
			subject:  Subject{MemberRole: "owner"},
			wantWSOK: true, wantWSRole: "owner", wantWSSource: SourceOwner,
			wantOK: true, wantRole: "admin", wantSource: SourceOwner, wantPerms: admin,
		},
		{
			name:     "rule 1: an owner stays project admin even when a viewer override is passed in",
			subject:  Subject{MemberRole: "owner"},
			override: "viewer",
			wantWSOK: true, wantWSRole: "owner", wantWSSource: SourceOwner,
			wantOK: true, wantRole: "admin", wantSource: SourceOwner, wantPerms: admin,
		},
		{
			name:           "rule 1: an owner ignores a custom-role override",
			subject:        Subject{MemberRole: "owner"},
			override:       customID,
			customOverride: []Permission{"project.read"},
			wantWSOK:       true, wantWSRole: "owner", wantWSSource: SourceOwner,
			wantOK: true, wantRole: "admin", wantSource: SourceOwner, wantPerms: admin,
		},
		{
			name:     "rule 1: an owner who is also in the managing organization is owner",
			subject:  Subject{MemberRole: "owner", ManagingOrgMember: true},
			wantWSOK: true, wantWSRole: "owner", wantWSSource: SourceOwner,
			wantOK: true, wantRole: "admin", wantSource: SourceOwner, wantPerms: admin,
		},
		// Rule 2.
		{
			name:     "rule 2: a workspace viewer with an admin override is project admin",
			subject:  Subject{MemberRole: "viewer"},
			override: "admin",
			wantWSOK: true, wantWSRole: "viewer", wantWSSource: SourceWorkspaceRole,
			wantOK: true, wantRole: "admin", wantSource: SourceOverride, wantPerms: admin,
		},
		{
			name:     "rule 2: a workspace admin with a viewer override is project viewer but keeps members.manage",
			subject:  Subject{MemberRole: "admin"},
			override: "viewer",
			wantWSOK: true, wantWSRole: "admin", wantWSSource: SourceWorkspaceRole,
			wantWSHas: []Permission{"members.manage"},
			wantOK:    true, wantRole: "viewer", wantSource: SourceOverride, wantPerms: viewer,
		},
		{
			name:     "rule 2: a workspace member with a member override is project member",
			subject:  Subject{MemberRole: "member"},
			override: "member",
			wantWSOK: true, wantWSRole: "member", wantWSSource: SourceWorkspaceRole,
			wantOK: true, wantRole: "member", wantSource: SourceOverride, wantPerms: member,
		},
		{
			name:     "rule 2: a workspace admin with a member override is project member",
			subject:  Subject{MemberRole: "admin"},
			override: "member",
			wantWSOK: true, wantWSRole: "admin", wantWSSource: SourceWorkspaceRole,
			wantOK: true, wantRole: "member", wantSource: SourceOverride, wantPerms: member,
		},
		// Rule 3.
		{
			name:     "rule 3: a workspace admin is project admin on every project",
			subject:  Subject{MemberRole: "admin"},
			wantWSOK: true, wantWSRole: "admin", wantWSSource: SourceWorkspaceRole,
			wantOK: true, wantRole: "admin", wantSource: SourceWorkspaceRole, wantPerms: admin,
		},
		{
			name:     "rule 3: a workspace member without an override does not see the project",
			subject:  Subject{MemberRole: "member"},
			wantWSOK: true, wantWSRole: "member", wantWSSource: SourceWorkspaceRole,
			wantOK: false,
		},
		{
			name:     "rule 3: a workspace viewer without an override does not see the project",
			subject:  Subject{MemberRole: "viewer"},
			wantWSOK: true, wantWSRole: "viewer", wantWSSource: SourceWorkspaceRole,
			wantOK: false,
		},
		// Rule 4.
		{
			name:     "rule 4: a managing-organization member without membership is an implicit admin",
			subject:  Subject{ManagingOrgMember: true},
			wantWSOK: true, wantWSRole: "admin", wantWSSource: SourceManagingOrganization,
			wantWSPerms: []Permission{"workspace.read", "workspace.update", "billing.manage", "members.read",
				"members.manage", "roles.manage", "api_keys.manage", "projects.create", "regions.manage",
				"clusters.manage", "clusters.read", "regions.read", "products.manage", "installations.manage", "secrets.manage", "integrations.manage", "products.read", "installations.read", "secrets.read", "integrations.read"},
			wantOK: true, wantRole: "admin", wantSource: SourceManagingOrganization, wantPerms: admin,
		},
		{
			name:     "rule 4: a managing-organization member with an explicit viewer membership is still admin",
			subject:  Subject{MemberRole: "viewer", ManagingOrgMember: true},
			wantWSOK: true, wantWSRole: "admin", wantWSSource: SourceManagingOrganization,
			wantWSHas: []Permission{"members.manage", "billing.manage", "api_keys.manage"},
			wantOK:    true, wantRole: "admin", wantSource: SourceManagingOrganization, wantPerms: admin,
		},
		{
			name:     "rule 4: a managing-organization member with an explicit member membership is still admin",
			subject:  Subject{MemberRole: "member", ManagingOrgMember: true},
			wantWSOK: true, wantWSRole: "admin", wantWSSource: SourceManagingOrganization,
			wantWSHas: []Permission{"members.manage", "billing.manage", "api_keys.manage"},
			wantOK:    true, wantRole: "admin", wantSource: SourceManagingOrganization, wantPerms: admin,
		},
		{
			name:     "rule 4: a managing-organization member with an explicit owner membership is owner",
			subject:  Subject{MemberRole: "owner", ManagingOrgMember: true},
			wantWSOK: true, wantWSRole: "owner", wantWSSource: SourceOwner,
			wantWSHas: []Permission{"workspace.delete", "ownership.transfer"},
			wantOK:    true, wantRole: "admin", wantSource: SourceOwner, wantPerms: admin,
		},
		{
			name:     "rule 4: a managing-organization member with an explicit admin membership is admin by workspace role",
			subject:  Subject{MemberRole: "admin", ManagingOrgMember: true},
			wantWSOK: true, wantWSRole: "admin", wantWSSource: SourceWorkspaceRole,
			wantOK: true, wantRole: "admin", wantSource: SourceWorkspaceRole, wantPerms: admin,
		},
		{
			name:     "rule 4: managing organization grants no workspace.delete or ownership.transfer",
			subject:  Subject{ManagingOrgMember: true},
			wantWSOK: true, wantWSRole: "admin", wantWSSource: SourceManagingOrganization,
			wantOK: true, wantRole: "admin", wantSource: SourceManagingOrganization, wantPerms: admin,
		},
		{
			// Rule 2 comes before rules 3 and 4: an explicit override wins over the implicit admin.
			name:     "rule 2 before rule 4: a managing-organization member's explicit override is the effective role",
			subject:  Subject{MemberRole: "viewer", ManagingOrgMember: true},
			override: "viewer",
			wantWSOK: true, wantWSRole: "admin", wantWSSource: SourceManagingOrganization,
			wantWSHas: []Permission{"members.manage"},
			wantOK:    true, wantRole: "viewer", wantSource: SourceOverride, wantPerms: viewer,
		},
		{
			// Documented choice of ResolveWorkspaceAccess: no explicit grant is ever lost.
			name: "rule 4: a managing-organization member with a custom role is admin plus the custom role",
			subject: Subject{MemberRole: customID, ManagingOrgMember: true,
				CustomPermissions: Perms("workspace.delete", "clusters.read")},
			wantWSOK: true, wantWSRole: "admin", wantWSSource: SourceManagingOrganization,
			wantWSPerms: []Permission{"workspace.read", "workspace.update", "workspace.delete", "billing.manage",
				"members.read", "members.manage", "roles.manage", "api_keys.manage", "projects.create",
				"regions.manage", "clusters.manage", "clusters.read", "regions.read", "products.manage", "installations.manage", "secrets.manage", "integrations.manage", "products.read", "installations.read", "secrets.read", "integrations.read"},
			wantOK: true, wantRole: "admin", wantSource: SourceManagingOrganization, wantPerms: admin,
		},
		// Rule 5.
		{
			name:     "rule 5: a read_write key is project admin on every project",
			subject:  Subject{APIKey: true, KeyAccess: "read_write"},
			wantWSOK: true, wantWSRole: "read_write", wantWSSource: SourceAPIKey,
			wantOK: true, wantRole: "admin", wantSource: SourceAPIKey, wantPerms: admin,
		},
		{
			name:     "rule 5: a read_only key is project viewer on every project",
			subject:  Subject{APIKey: true, KeyAccess: "read_only"},
			wantWSOK: true, wantWSRole: "read_only", wantWSSource: SourceAPIKey,
			wantOK: true, wantRole: "viewer", wantSource: SourceAPIKey, wantPerms: viewer,
		},
		{
			name:     "rule 5: overrides never apply to keys (read_only key with admin override)",
			subject:  Subject{APIKey: true, KeyAccess: "read_only"},
			override: "admin",
			wantWSOK: true, wantWSRole: "read_only", wantWSSource: SourceAPIKey,
			wantOK: true, wantRole: "viewer", wantSource: SourceAPIKey, wantPerms: viewer,
		},
		{
			name:     "rule 5: overrides never apply to keys (read_write key with viewer override)",
			subject:  Subject{APIKey: true, KeyAccess: "read_write"},
			override: "viewer",
			wantWSOK: true, wantWSRole: "read_write", wantWSSource: SourceAPIKey,
			wantOK: true, wantRole: "admin", wantSource: SourceAPIKey, wantPerms: admin,
		},
		{
			name:     "rule 5: a key is never a member: member role and managing organization are ignored",
			subject:  Subject{APIKey: true, KeyAccess: "read_only", MemberRole: "owner", ManagingOrgMember: true},
			wantWSOK: true, wantWSRole: "read_only", wantWSSource: SourceAPIKey,
			wantWSPerms: []Permission{"workspace.read", "members.read", "clusters.read", "regions.read", "products.read", "installations.read", "secrets.read", "integrations.read"},
			wantOK:      true, wantRole: "viewer", wantSource: SourceAPIKey, wantPerms: viewer,
		},
		{
			name:     "rule 5: a key with an unknown access has no access",
			subject:  Subject{APIKey: true, KeyAccess: "admin"},
			wantWSOK: false,
		},
		// Rule 6 (the creator gets an admin override; creating it is the service's job).
		{
			name:     "rule 6: a workspace member with the creator's admin override is full project admin",
			subject:  Subject{MemberRole: "member"},
			override: "admin",
			wantWSOK: true, wantWSRole: "member", wantWSSource: SourceWorkspaceRole,
			wantOK: true, wantRole: "admin", wantSource: SourceOverride, wantPerms: admin,
		},
		// No access at all.
		{
			name:     "a user with no membership and not in the managing organization has no access",
			subject:  Subject{},
			wantWSOK: false,
		},
		{
			name:     "a built-in role ignores custom permissions passed with it",
			subject:  Subject{MemberRole: "member", CustomPermissions: Perms("workspace.delete", "project.read")},
			wantWSOK: true, wantWSRole: "member", wantWSSource: SourceWorkspaceRole,
			wantWSPerms: []Permission{"workspace.read", "members.read", "projects.create", "clusters.read", "regions.read", "products.read", "installations.read", "secrets.read", "integrations.read"},
			wantOK:      false,
		},
		{
			name:     "an unknown workspace role gives no access",
			subject:  Subject{MemberRole: "superuser"},
			wantWSOK: false,
		},
		// Custom workspace roles.
		{
			name:     "custom role: its workspace permissions plus workspace.read, and no project without project permissions",
			subject:  Subject{MemberRole: customID, CustomPermissions: Perms("members.manage", "clusters.read")},
			wantWSOK: true, wantWSRole: customID, wantWSSource: SourceWorkspaceRole,
			wantWSPerms: []Permission{"workspace.read", "members.manage", "clusters.read"},
			wantOK:      false,
		},
		{
			name:     "custom role: an empty custom role still reads the workspace",
			subject:  Subject{MemberRole: customID},
			wantWSOK: true, wantWSRole: customID, wantWSSource: SourceWorkspaceRole,
			wantWSPerms: []Permission{"workspace.read"},
			wantOK:      false,
		},
		{
			name: "custom role: its project permissions apply to every project",
			subject: Subject{MemberRole: customID,
				CustomPermissions: Perms("regions.read", "project.read", "project.update")},
			wantWSOK: true, wantWSRole: customID, wantWSSource: SourceWorkspaceRole,
			wantWSPerms: []Permission{"workspace.read", "regions.read"},
			wantOK:      true, wantRole: customID, wantSource: SourceWorkspaceRole,
			wantPerms: []Permission{"project.read", "project.update"},
		},
		{
			name: "custom role: a project override still wins over the custom role's project permissions",
			subject: Subject{MemberRole: customID,
				CustomPermissions: Perms("project.read", "project.update", "project.delete")},
			override: "viewer",
			wantWSOK: true, wantWSRole: customID, wantWSSource: SourceWorkspaceRole,
			wantWSPerms: []Permission{"workspace.read"},
			wantOK:      true, wantRole: "viewer", wantSource: SourceOverride, wantPerms: viewer,
		},
		{
			name:           "custom role as a project override uses only its project permissions",
			subject:        Subject{MemberRole: "viewer"},
			override:       customID,
			customOverride: []Permission{"workspace.delete", "clusters.manage", "project.read", "project_members.manage"},
			wantWSOK:       true, wantWSRole: "viewer", wantWSSource: SourceWorkspaceRole,
			wantWSPerms: []Permission{"workspace.read", "members.read", "clusters.read", "regions.read", "products.read", "installations.read", "secrets.read", "integrations.read"},
			wantOK:      true, wantRole: customID, wantSource: SourceOverride,
			wantPerms: []Permission{"project.read", "project_members.manage"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ws, ok := ResolveWorkspaceAccess(c.subject)
			if ok != c.wantWSOK {
				t.Fatalf("workspace access ok = %v, want %v (%+v)", ok, c.wantWSOK, ws)
			}
			if !ok {
				return
			}
			if ws.Role != c.wantWSRole || ws.Source != c.wantWSSource {
				t.Errorf("workspace role, source = %q, %q; want %q, %q", ws.Role, ws.Source, c.wantWSRole, c.wantWSSource)
			}
			if c.wantWSPerms != nil {
				if want := mustPerms(t, c.wantWSPerms...); ws.Permissions != want {
					t.Errorf("workspace permissions = %v; want %v", ws.Permissions.List(), want.List())
				}
			}
			for _, p := range c.wantWSHas {
				if !ws.Permissions.Has(p) {
					t.Errorf("workspace permissions %v lack %s", ws.Permissions.List(), p)
				}
			}
			if ws.Permissions&mustPerms(t, specProjectPermissions...) != 0 {
				t.Errorf("workspace permissions %v hold project permissions", ws.Permissions.List())
			}
			if got := ws.IsOwner(); got != (c.wantWSSource == SourceOwner) {
				t.Errorf("IsOwner = %v", got)
			}

			override, overridePerms := c.override, PermissionSet(0)
			switch {
			case c.customOverride != nil:
				overridePerms = mustPerms(t, c.customOverride...)
			case c.override != "":
				override, overridePerms = specProjectRole(t, c.override)
			}
			pa, ok := ResolveProjectAccess(ws, override, overridePerms)
			if ok != c.wantOK {
				t.Fatalf("project access ok = %v, want %v (%+v)", ok, c.wantOK, pa)
			}
			if !ok {
				if pa != (ProjectAccess{}) {
					t.Errorf("invisible project leaks access %+v", pa)
				}
				return
			}
			if pa.Role != c.wantRole || pa.Source != c.wantSource {
				t.Errorf("project role, source = %q, %q; want %q, %q", pa.Role, pa.Source, c.wantRole, c.wantSource)
			}
			if want := mustPerms(t, c.wantPerms...); pa.Permissions != want {
				t.Errorf("project permissions = %v; want %v", pa.Permissions.List(), want.List())
			}
		})
	}
}

// TestAllPermissions checks the basis of no escalation for grants that reach every project.
func TestAllPermissions(t *testing.T) {
	projectAdmin := mustPerms(t, specProjectRoles["admin"]...)
	cases := []struct {
		name    string
		subject Subject
		want    PermissionSet
	}{
		{"owner holds every permission", Subject{MemberRole: "owner"}, specColumn(t, "owner") | projectAdmin},
		{"admin holds the admin column and project admin", Subject{MemberRole: "admin"}, specColumn(t, "admin") | projectAdmin},
		{"member holds only the member column", Subject{MemberRole: "member"}, specColumn(t, "member")},
		{"viewer holds only the viewer column", Subject{MemberRole: "viewer"}, specColumn(t, "viewer")},
		{"read_write key holds its column and project admin", Subject{APIKey: true, KeyAccess: "read_write"},
			specColumn(t, "read_write key") | projectAdmin},
		{"read_only key holds its column and project viewer", Subject{APIKey: true, KeyAccess: "read_only"},
			specColumn(t, "read_only key") | mustPerms(t, "project.read", "deployments.read", "logs.read")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ws, ok := ResolveWorkspaceAccess(c.subject)
			if !ok {
				t.Fatal("no access")
			}
			if got := ws.AllPermissions(); got != c.want {
				t.Errorf("AllPermissions = %v; want %v", got.List(), c.want.List())
			}
		})
	}
}

func mustResolve(t testing.TB, s Subject) WorkspaceAccess {
	t.Helper()
	ws, ok := ResolveWorkspaceAccess(s)
	if !ok {
		t.Fatalf("no workspace access for %+v", s)
	}
	return ws
}

// wantPermissionDenied checks err is permission_denied naming perm (when perm is not empty) and
// naming none of notNamed.
func wantPermissionDenied(t *testing.T, err error, perm Permission, notNamed ...Permission) {
	t.Helper()
	if !IsCode(err, CodePermissionDenied) {
		t.Fatalf("err = %v; want permission_denied", err)
	}
	if perm != "" && !strings.Contains(err.Error(), string(perm)) {
		t.Errorf("error %q does not name %s", err, perm)
	}
	for _, p := range notNamed {
		if strings.Contains(err.Error(), string(p)) {
			t.Errorf("error %q names %s, which is not the first missing permission", err, p)
		}
	}
}

// TestNoEscalation checks "No escalation" and "Only owners can make owners" of docs/platform.md
// section 2.
func TestNoEscalation(t *testing.T) {
	owner := mustResolve(t, Subject{MemberRole: "owner"})
	admin := mustResolve(t, Subject{MemberRole: "admin"})
	member := mustResolve(t, Subject{MemberRole: "member"})
	managing := mustResolve(t, Subject{ManagingOrgMember: true})
	memberManager := mustResolve(t, Subject{MemberRole: "role_hr",
		CustomPermissions: Perms("workspace.read", "members.read", "members.manage", "clusters.read")})
	transferer := mustResolve(t, Subject{MemberRole: "role_tr",
		CustomPermissions: Perms("ownership.transfer", "members.manage")})
	rwKey := mustResolve(t, Subject{APIKey: true, KeyAccess: "read_write"})
	roKey := mustResolve(t, Subject{APIKey: true, KeyAccess: "read_only"})

	t.Run("only owners can make owners: an admin cannot make an owner", func(t *testing.T) {
		err := CheckAssignWorkspaceRole(admin, "owner", specColumn(t, "owner"))
		wantPermissionDenied(t, err, "")
		if !strings.Contains(err.Error(), "only owners can make owners") {
			t.Errorf("error %q does not say only owners can make owners", err)
		}
	})
	t.Run("only owners can make owners: a managing-organization admin cannot make an owner", func(t *testing.T) {
		wantPermissionDenied(t, CheckAssignWorkspaceRole(managing, "owner", specColumn(t, "owner")), "")
	})
	t.Run("only owners can make owners: a custom role with ownership.transfer is not an owner", func(t *testing.T) {
		wantPermissionDenied(t, CheckAssignWorkspaceRole(transferer, "owner", specColumn(t, "owner")), "")
	})
	t.Run("only owners can make owners: a read_write key cannot make an owner", func(t *testing.T) {
		wantPermissionDenied(t, CheckAssignWorkspaceRole(rwKey, "owner", specColumn(t, "owner")), "")
	})
	t.Run("no escalation: a read_write key cannot make an admin (names billing.manage)", func(t *testing.T) {
		wantPermissionDenied(t, CheckAssignWorkspaceRole(rwKey, "admin", specColumn(t, "admin")), "billing.manage")
	})
	for _, role := range []string{"member", "viewer"} {
		t.Run("a read_write key (members.manage) can assign "+role, func(t *testing.T) {
			if err := CheckAssignWorkspaceRole(rwKey, role, specColumn(t, role)); err != nil {
				t.Errorf("read_write key assigning %s: %v", role, err)
			}
		})
	}
	t.Run("only owners can make owners: an owner can", func(t *testing.T) {
		if err := CheckAssignWorkspaceRole(owner, "owner", specColumn(t, "owner")); err != nil {
			t.Errorf("owner making an owner: %v", err)
		}
	})
	for _, role := range []string{"admin", "member", "viewer"} {
		t.Run("an admin can assign "+role, func(t *testing.T) {
			if err := CheckAssignWorkspaceRole(admin, role, specColumn(t, role)); err != nil {
				t.Errorf("admin assigning %s: %v", role, err)
			}
		})
		t.Run("an owner can assign "+role, func(t *testing.T) {
			if err := CheckAssignWorkspaceRole(owner, role, specColumn(t, role)); err != nil {
				t.Errorf("owner assigning %s: %v", role, err)
			}
		})
	}
	t.Run("an admin can assign a custom role within the admin's permissions", func(t *testing.T) {
		perms := mustPerms(t, "workspace.read", "billing.manage", "api_keys.manage", "clusters.manage",
			"project.read", "project.update", "project.delete", "project_members.manage")
		if err := CheckAssignWorkspaceRole(admin, "role_x", perms); err != nil {
			t.Errorf("admin assigning a custom role: %v", err)
		}
	})
	t.Run("no escalation: an admin cannot assign a custom role holding workspace.delete", func(t *testing.T) {
		err := CheckAssignWorkspaceRole(admin, "role_x", mustPerms(t, "workspace.read", "workspace.delete"))
		wantPermissionDenied(t, err, "workspace.delete")
	})
	t.Run("no escalation: an admin cannot assign a custom role holding ownership.transfer", func(t *testing.T) {
		err := CheckAssignWorkspaceRole(admin, "role_x", mustPerms(t, "members.manage", "ownership.transfer"))
		wantPermissionDenied(t, err, "ownership.transfer")
	})
	t.Run("no escalation: members.manage without roles.manage cannot assign a role holding roles.manage", func(t *testing.T) {
		err := CheckAssignWorkspaceRole(memberManager, "role_y", mustPerms(t, "workspace.read", "members.read", "roles.manage"))
		wantPermissionDenied(t, err, "roles.manage")
	})
	t.Run("no escalation: members.manage can assign a custom role within its permissions", func(t *testing.T) {
		if err := CheckAssignWorkspaceRole(memberManager, "role_y", mustPerms(t, "workspace.read", "members.manage")); err != nil {
			t.Errorf("assigning a role within own permissions: %v", err)
		}
	})
	t.Run("no escalation: members.manage alone cannot assign admin (names workspace.update, the first missing)", func(t *testing.T) {
		err := CheckAssignWorkspaceRole(memberManager, "admin", specColumn(t, "admin")|mustPerms(t, specProjectRoles["admin"]...))
		wantPermissionDenied(t, err, "workspace.update")
	})
	t.Run("CheckGrant: permission_denied naming the first missing permission", func(t *testing.T) {
		err := CheckGrant(specColumn(t, "member"), mustPerms(t, "roles.manage", "billing.manage", "workspace.update", "project.delete"))
		wantPermissionDenied(t, err, "workspace.update", "billing.manage", "roles.manage", "project.delete")
	})
	t.Run("CheckGrant: a project permission not held is named", func(t *testing.T) {
		err := CheckGrant(mustPerms(t, "project.read", "project.update"), mustPerms(t, "project.read", "project_members.manage"))
		wantPermissionDenied(t, err, "project_members.manage")
	})
	t.Run("CheckGrant: granting a subset of what one holds is fine", func(t *testing.T) {
		if err := CheckGrant(specColumn(t, "admin"), specColumn(t, "member")); err != nil {
			t.Error(err)
		}
		if err := CheckGrant(specColumn(t, "viewer"), specColumn(t, "viewer")); err != nil {
			t.Error(err)
		}
		if err := CheckGrant(0, 0); err != nil {
			t.Error(err)
		}
	})
	t.Run("CheckGrant: bits outside the catalogue grant nothing and never panic", func(t *testing.T) {
		if err := CheckGrant(0, PermissionSet(1)<<31); err != nil {
			t.Errorf("stray bit: %v", err)
		}
		err := CheckGrant(0, PermissionSet(1)<<31|mustPerms(t, "regions.read"))
		wantPermissionDenied(t, err, "regions.read")
	})
	t.Run("admins can mint read_write keys: the key's permissions are within admin's", func(t *testing.T) {
		if !admin.AllPermissions().Contains(rwKey.AllPermissions()) {
			t.Errorf("read_write key %v not within admin %v", rwKey.AllPermissions().List(), admin.AllPermissions().List())
		}
		if err := CheckGrant(admin.AllPermissions(), rwKey.AllPermissions()); err != nil {
			t.Error(err)
		}
		if err := CheckGrant(managing.AllPermissions(), rwKey.AllPermissions()); err != nil {
			t.Errorf("managing-organization admin: %v", err)
		}
	})
	t.Run("no escalation: a read_write key's permissions are not within a member's", func(t *testing.T) {
		if member.AllPermissions().Contains(rwKey.AllPermissions()) {
			t.Error("member holds every permission of a read_write key")
		}
		wantPermissionDenied(t, CheckGrant(member.AllPermissions(), rwKey.AllPermissions()), "workspace.update")
	})
	t.Run("a read_only key's permissions are within a viewer's workspace permissions and project viewer", func(t *testing.T) {
		viewerWithProject := specColumn(t, "viewer") | mustPerms(t, "project.read", "deployments.read", "logs.read")
		if !viewerWithProject.Contains(roKey.AllPermissions()) {
			t.Errorf("read_only key %v", roKey.AllPermissions().List())
		}
	})
}

// TestLastOwner checks "a workspace always has at least one owner" of docs/platform.md section 2.
func TestLastOwner(t *testing.T) {
	cases := []struct {
		name             string
		current, newRole string
		owners           int
		refused          bool
	}{
		{"removing the last owner is refused", "owner", "", 1, true},
		{"demoting the last owner to admin is refused", "owner", "admin", 1, true},
		{"demoting the last owner to viewer is refused", "owner", "viewer", 1, true},
		{"demoting the last owner to a custom role is refused", "owner", "role_x", 1, true},
		{"removing one of two owners is fine", "owner", "", 2, false},
		{"demoting one of two owners is fine", "owner", "member", 2, false},
		{"owner -> owner is fine", "owner", "owner", 1, false},
		{"removing an admin is fine", "admin", "", 1, false},
		{"demoting a member is fine", "member", "viewer", 1, false},
		{"promoting a viewer to owner is fine", "viewer", "owner", 1, false},
		{"changing a custom role is fine", "role_x", "member", 1, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := CheckLastOwner(c.current, c.newRole, c.owners)
			if !c.refused {
				if err != nil {
					t.Errorf("refused: %v", err)
				}
				return
			}
			if !IsCode(err, CodeFailedPrecondition) {
				t.Fatalf("err = %v; want failed_precondition", err)
			}
			if !strings.Contains(err.Error(), "owner") {
				t.Errorf("error %q does not mention the owner", err)
			}
		})
	}
}

// TestPermissionSet checks the bit-set helpers against the catalogue of docs/platform.md section 2.
func TestPermissionSet(t *testing.T) {
	// The catalogue in the order of docs/platform.md section 2: the table rows, then the project permissions.
	specCatalogue := []Permission{"workspace.read", "workspace.update", "workspace.delete",
		"ownership.transfer", "billing.manage", "members.read", "members.manage", "roles.manage",
		"api_keys.manage", "projects.create", "regions.manage", "clusters.manage", "clusters.read",
		"regions.read", "products.manage", "installations.manage", "secrets.manage", "integrations.manage",
		"products.read", "installations.read", "secrets.read", "integrations.read",
		"project.read", "project.update", "project.delete", "project_members.manage",
		"deployments.write", "deployments.read", "logs.read"}

	t.Run("the catalogue is the permissions of docs/platform.md in order", func(t *testing.T) {
		if !slices.Equal(Catalogue, specCatalogue) {
			t.Errorf("Catalogue = %v\nwant %v", Catalogue, specCatalogue)
		}
	})
	t.Run("KnownPermission", func(t *testing.T) {
		for _, p := range specCatalogue {
			if !KnownPermission(p) {
				t.Errorf("%s unknown", p)
			}
		}
		for _, p := range []Permission{"", "workspace", "Workspace.Read", "workspace.read ", "project.admin", "owner", "*"} {
			if KnownPermission(p) {
				t.Errorf("%q known", p)
			}
		}
	})
	t.Run("Perms and Has", func(t *testing.T) {
		s := Perms("clusters.read", "project.delete")
		for _, p := range specCatalogue {
			if want := p == "clusters.read" || p == "project.delete"; s.Has(p) != want {
				t.Errorf("Has(%s) = %v", p, s.Has(p))
			}
		}
		if s.Has("nope") {
			t.Error("Has(unknown)")
		}
		if Perms() != 0 {
			t.Error("Perms() not empty")
		}
		if Perms("nope", "") != 0 {
			t.Error("unknown names are not ignored")
		}
		if Perms("regions.read", "regions.read") != Perms("regions.read") {
			t.Error("duplicates change the set")
		}
		if Perms(specCatalogue...).Len() != len(specCatalogue) {
			t.Error("every catalogue permission has its own bit")
		}
	})
	t.Run("Contains", func(t *testing.T) {
		big := Perms("workspace.read", "members.read", "project.read")
		for _, c := range []struct {
			o    PermissionSet
			want bool
		}{
			{0, true},
			{Perms("members.read"), true},
			{big, true},
			{Perms("members.read", "members.manage"), false},
			{Perms("project.update"), false},
		} {
			if got := big.Contains(c.o); got != c.want {
				t.Errorf("Contains(%v) = %v", c.o.List(), got)
			}
		}
		if PermissionSet(0).Contains(Perms("workspace.read")) {
			t.Error("empty set contains workspace.read")
		}
	})
	t.Run("List is in catalogue order", func(t *testing.T) {
		got := Perms("project_members.manage", "regions.read", "workspace.read", "regions.manage").List()
		want := []Permission{"workspace.read", "regions.manage", "regions.read", "project_members.manage"}
		if !slices.Equal(got, want) {
			t.Errorf("List = %v; want %v", got, want)
		}
		if l := PermissionSet(0).List(); len(l) != 0 {
			t.Errorf("empty List = %v", l)
		}
		if !slices.Equal(Perms(specCatalogue...).List(), specCatalogue) {
			t.Error("the full set does not list the catalogue")
		}
	})
	t.Run("First", func(t *testing.T) {
		for _, c := range []struct {
			s    PermissionSet
			want Permission
		}{
			{0, ""},
			{Perms("project_members.manage"), "project_members.manage"},
			{Perms("project.read", "roles.manage", "billing.manage"), "billing.manage"},
			{Perms(specCatalogue...), "workspace.read"},
			{PermissionSet(1) << 31, ""},
			{PermissionSet(1)<<30 | Perms("regions.read"), "regions.read"},
		} {
			if got := c.s.First(); got != c.want {
				t.Errorf("First(%v) = %q; want %q", c.s.List(), got, c.want)
			}
		}
	})
	t.Run("Len", func(t *testing.T) {
		for _, c := range []struct {
			s    PermissionSet
			want int
		}{
			{0, 0},
			{Perms("project.read"), 1},
			{Perms("workspace.read", "workspace.update", "project.delete"), 3},
			{Perms(specCatalogue...), 29},
			{PermissionSet(1)<<31 | Perms("project.read"), 1},
		} {
			if got := c.s.Len(); got != c.want || got != len(c.s.List()) {
				t.Errorf("Len(%v) = %d; want %d", c.s.List(), got, c.want)
			}
		}
	})
	t.Run("bits outside the catalogue are ignored", func(t *testing.T) {
		stray := PermissionSet(1) << 31
		if !PermissionSet(0).Contains(stray) {
			t.Error("a stray bit counts as a permission for Contains")
		}
		if l := stray.List(); len(l) != 0 {
			t.Errorf("stray List = %v", l)
		}
	})
	t.Run("ProjectPermissions and WorkspacePermissions partition the catalogue", func(t *testing.T) {
		wantProject := Perms("project.read", "project.update", "project.delete", "project_members.manage",
			"deployments.write", "deployments.read", "logs.read")
		if ProjectPermissions != wantProject {
			t.Errorf("ProjectPermissions = %v", ProjectPermissions.List())
		}
		if WorkspacePermissions&ProjectPermissions != 0 {
			t.Errorf("overlap %v", (WorkspacePermissions & ProjectPermissions).List())
		}
		if all := WorkspacePermissions | ProjectPermissions; all != Perms(specCatalogue...) {
			t.Errorf("union = %v", all.List())
		}
		if WorkspacePermissions.Len() != 22 || ProjectPermissions.Len() != 7 {
			t.Errorf("sizes %d, %d; want 22, 7", WorkspacePermissions.Len(), ProjectPermissions.Len())
		}
	})
	t.Run("IsCustomRole", func(t *testing.T) {
		for role, want := range map[string]bool{"role_abc": true, "owner": false, "admin": false, "": false, "rol_x": false} {
			if IsCustomRole(role) != want {
				t.Errorf("IsCustomRole(%q) = %v", role, !want)
			}
		}
	})
}
