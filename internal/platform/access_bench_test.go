package platform

import "testing"

// Sinks keep the compiler from discarding the benchmarked work.
var (
	benchWorkspace WorkspaceAccess
	benchProject   ProjectAccess
	benchOK        bool
	benchErr       error
)

// benchSubjects are representative callers resolving access to one project.
var benchSubjects = []struct {
	name          string
	subject       Subject
	override      string
	overridePerms PermissionSet
	wantOK        bool
}{
	{name: "owner", subject: Subject{MemberRole: RoleOwner}, wantOK: true},
	{name: "admin", subject: Subject{MemberRole: RoleAdmin}, wantOK: true},
	{name: "member_with_override", subject: Subject{MemberRole: RoleMember},
		override: ProjectRoleMember, overridePerms: Perms(PermProjectRead, PermProjectUpdate), wantOK: true},
	{name: "viewer_without_override", subject: Subject{MemberRole: RoleViewer}, wantOK: false},
	{name: "managing_org_member", subject: Subject{ManagingOrgMember: true}, wantOK: true},
	{name: "api_key_read_write", subject: Subject{APIKey: true, KeyAccess: AccessReadWrite}, wantOK: true},
	{name: "api_key_read_only", subject: Subject{APIKey: true, KeyAccess: AccessReadOnly}, wantOK: true},
	{name: "custom_role", subject: Subject{MemberRole: "role_ops",
		CustomPermissions: Perms(PermMembersManage, PermClustersManage, PermProjectRead, PermProjectUpdate)}, wantOK: true},
}

// BenchmarkResolveAccess measures ResolveWorkspaceAccess followed by ResolveProjectAccess,
// the check run on every project request. Target: 0 allocs/op.
func BenchmarkResolveAccess(b *testing.B) {
	for _, bs := range benchSubjects {
		b.Run(bs.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				ws, ok := ResolveWorkspaceAccess(bs.subject)
				if ok {
					benchProject, benchOK = ResolveProjectAccess(ws, bs.override, bs.overridePerms)
				}
				benchWorkspace = ws
			}
			if benchOK != bs.wantOK {
				b.Fatalf("project access ok = %v, want %v", benchOK, bs.wantOK)
			}
		})
	}
}

// BenchmarkCheck measures the per-request permission checks.
func BenchmarkCheck(b *testing.B) {
	admin, _ := ResolveWorkspaceAccess(Subject{MemberRole: RoleAdmin})
	b.Run("Has", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			benchOK = admin.Permissions.Has(PermClustersManage)
		}
	})
	b.Run("CheckGrant_allowed", func(b *testing.B) {
		b.ReportAllocs()
		key := KeyPermissions(AccessReadWrite) | ProjectPermissions
		for b.Loop() {
			benchErr = CheckGrant(admin.AllPermissions(), key)
		}
	})
	b.Run("CheckAssignWorkspaceRole_allowed", func(b *testing.B) {
		b.ReportAllocs()
		member, _ := WorkspaceRolePermissions(RoleMember)
		for b.Loop() {
			benchErr = CheckAssignWorkspaceRole(admin, RoleMember, member)
		}
	})
}

// TestResolveAccessDoesNotAllocate guards the 0 allocs/op target of the benchmarks.
func TestResolveAccessDoesNotAllocate(t *testing.T) {
	if testing.Short() {
		t.Skip("allocation counts in -short mode are not checked")
	}
	for _, bs := range benchSubjects {
		allocs := testing.AllocsPerRun(100, func() {
			ws, ok := ResolveWorkspaceAccess(bs.subject)
			if ok {
				benchProject, benchOK = ResolveProjectAccess(ws, bs.override, bs.overridePerms)
			}
			benchWorkspace = ws
		})
		if allocs != 0 {
			t.Errorf("%s: %v allocs per access check; want 0", bs.name, allocs)
		}
	}
}
