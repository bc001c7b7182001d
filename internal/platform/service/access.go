package service

import (
	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// wsScope is a workspace as one caller sees it.
type wsScope struct {
	ws     *platform.Workspace
	access platform.WorkspaceAccess
}

// require refuses when the caller lacks p on the workspace.
func (w *wsScope) require(p platform.Permission) error {
	if !w.access.Permissions.Has(p) {
		return platform.PermissionDenied(p)
	}
	return nil
}

// workspaceByRef finds a workspace by id or slug, without any authorization.
func (t *txn) workspaceByRef(ref string) (*platform.Workspace, error) {
	var (
		ws  *platform.Workspace
		err error
	)
	if platform.HasIDPrefix(ref, platform.PrefixWorkspace) {
		ws, err = t.GetWorkspace(ref)
	} else {
		ws, err = t.GetWorkspaceBySlug(ref)
	}
	if platform.IsCode(err, platform.CodeNotFound) {
		return nil, platform.NotFound("workspace", ref)
	}
	return ws, err
}

// workspace resolves ref and the caller's access to it. A workspace the caller cannot see
// answers not_found exactly like a missing one, so existence never leaks.
func (t *txn) workspace(ref string) (*wsScope, error) {
	var (
		ws      *platform.Workspace
		subject platform.Subject
		err     error
	)
	if t.caller.IsAPIKey() {
		if ws, err = t.workspaceByRef(ref); err != nil {
			return nil, err
		}
		subject, err = t.subjectFor(ws, t.caller)
	} else {
		// Every request of a user needs the workspace and their membership: one lookup.
		var m *platform.WorkspaceMember
		ws, m, err = t.GetWorkspaceWithMember(ref, t.caller.UserID)
		if platform.IsCode(err, platform.CodeNotFound) {
			return nil, platform.NotFound("workspace", ref)
		}
		if err != nil {
			return nil, err
		}
		if m != nil && m.Status == platform.MemberInvited {
			t.firstUse = m // this call is the member's first use of the workspace
		}
		subject, err = t.memberSubject(ws, m, t.caller.UserID)
	}
	if err != nil {
		return nil, err
	}
	access, ok := platform.ResolveWorkspaceAccess(subject)
	if !ok {
		return nil, platform.NotFound("workspace", ref)
	}
	// The one place where the access state is enforced, for every call of every entity, after
	// visibility (an outsider still gets not_found) and before any permission check.
	if err := t.checkAccessState(ws); err != nil {
		return nil, err
	}
	return &wsScope{ws: ws, access: access}, nil
}

// workspaceRequiring resolves the workspace ref and requires perm on it.
func (t *txn) workspaceRequiring(ref string, perm platform.Permission) (*wsScope, error) {
	w, err := t.workspace(ref)
	if err != nil {
		return nil, err
	}
	if err := w.require(perm); err != nil {
		return nil, err
	}
	return w, nil
}

// subjectFor gathers what the access rules need to know about caller in ws.
func (t *txn) subjectFor(ws *platform.Workspace, caller *platform.Principal) (platform.Subject, error) {
	if caller.IsAPIKey() {
		if caller.WorkspaceID != ws.ID {
			return platform.Subject{}, nil // a key never reaches outside its workspace (rule 5)
		}
		return platform.Subject{APIKey: true, KeyAccess: caller.Access}, nil
	}
	return t.userSubject(ws, caller.UserID)
}

func (t *txn) userSubject(ws *platform.Workspace, userID string) (platform.Subject, error) {
	m, err := t.GetWorkspaceMember(ws.ID, userID)
	if platform.IsCode(err, platform.CodeNotFound) {
		m, err = nil, nil
	}
	if err != nil {
		return platform.Subject{}, err
	}
	return t.memberSubject(ws, m, userID)
}

// memberSubject is userSubject with the membership already looked up (nil: not a member).
func (t *txn) memberSubject(ws *platform.Workspace, m *platform.WorkspaceMember, userID string) (platform.Subject, error) {
	var s platform.Subject
	if m != nil {
		s.MemberRole = m.Role
		if platform.IsCustomRole(m.Role) {
			var err error
			if s.CustomPermissions, err = t.customRolePermissions(ws.ID, m.Role); err != nil {
				return s, err
			}
		}
	}
	if ws.ManagingOrganizationID != "" {
		_, err := t.GetOrganizationMember(ws.ManagingOrganizationID, userID)
		switch {
		case err == nil:
			s.ManagingOrgMember = true
		case !platform.IsCode(err, platform.CodeNotFound):
			return s, err
		}
	}
	return s, nil
}

func (t *txn) customRolePermissions(workspaceID, roleID string) (platform.PermissionSet, error) {
	r, err := t.GetRole(workspaceID, roleID)
	if platform.IsCode(err, platform.CodeNotFound) {
		return 0, nil // a role deleted under a member grants nothing
	}
	if err != nil {
		return 0, err
	}
	return platform.Perms(r.Permissions...), nil
}

// rolePermissions returns the permissions of a built-in project or workspace role, or of a
// custom role of the workspace. A custom role that does not exist is an invalid argument.
func (t *txn) rolePermissions(workspaceID, field, role string, builtin func(string) (platform.PermissionSet, bool)) (platform.PermissionSet, error) {
	if platform.IsCustomRole(role) {
		r, err := t.GetRole(workspaceID, role)
		if platform.IsCode(err, platform.CodeNotFound) {
			return 0, invalid(field, "custom role "+role+" does not exist in this workspace")
		}
		if err != nil {
			return 0, err
		}
		return platform.Perms(r.Permissions...), nil
	}
	perms, ok := builtin(role)
	if !ok {
		return 0, invalid(field, "unknown role "+role)
	}
	return perms, nil
}

// projectScope is a project as one caller sees it.
type projectScope struct {
	*wsScope
	project *platform.Project
	access  platform.ProjectAccess
}

// requireProject refuses when the caller lacks the project permission p.
func (p *projectScope) requireProject(perm platform.Permission) error {
	if !p.access.Permissions.Has(perm) {
		return platform.PermissionDenied(perm)
	}
	return nil
}

// projectByRef finds a project of ws by id or slug, without any authorization.
func (t *txn) projectByRef(ws *platform.Workspace, ref string) (*platform.Project, error) {
	var (
		p   *platform.Project
		err error
	)
	if platform.HasIDPrefix(ref, platform.PrefixProject) {
		p, err = t.GetProject(ws.ID, ref)
	} else {
		p, err = t.GetProjectBySlug(ws.ID, ref)
	}
	if platform.IsCode(err, platform.CodeNotFound) {
		return nil, platform.NotFound("project", ref)
	}
	return p, err
}

// project resolves a project of a visible workspace and the caller's effective access to it.
// An invisible project answers not_found (rule 3).
func (t *txn) project(w *wsScope, ref string) (*projectScope, error) {
	p, err := t.projectByRef(w.ws, ref)
	if err != nil {
		return nil, err
	}
	var userID string
	if !t.caller.IsAPIKey() {
		userID = t.caller.UserID
	}
	access, ok, err := t.projectAccess(w.ws, w.access, p, userID)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, platform.NotFound("project", ref)
	}
	return &projectScope{wsScope: w, project: p, access: access}, nil
}

// projectAccess applies rules 1-6 for userID (empty for an API key) whose workspace access is wa.
func (t *txn) projectAccess(ws *platform.Workspace, wa platform.WorkspaceAccess, p *platform.Project, userID string) (platform.ProjectAccess, bool, error) {
	var override string
	var overridePerms platform.PermissionSet
	if userID != "" && wa.Source != platform.SourceOwner {
		m, err := t.GetProjectMember(p.ID, userID)
		switch {
		case err == nil:
			override = m.Role
			if platform.IsCustomRole(m.Role) {
				if overridePerms, err = t.customRolePermissions(ws.ID, m.Role); err != nil {
					return platform.ProjectAccess{}, false, err
				}
			} else {
				overridePerms, _ = platform.ProjectRolePermissions(m.Role)
			}
		case !platform.IsCode(err, platform.CodeNotFound):
			return platform.ProjectAccess{}, false, err
		}
	}
	access, ok := platform.ResolveProjectAccess(wa, override, overridePerms)
	return access, ok, nil
}

// userByRef finds a user by id or e-mail.
func (t *txn) userByRef(ref, kind string) (*platform.User, error) {
	var (
		u   *platform.User
		err error
	)
	// E-mails may start with "usr_" too, so only a well-formed id is looked up as one.
	if platform.IsWellFormedID(ref, platform.PrefixUser) {
		u, err = t.GetUser(ref)
	} else {
		u, err = t.GetUserByEmail(platform.NormalizeEmail(ref))
	}
	if platform.IsCode(err, platform.CodeNotFound) {
		return nil, platform.NotFound(kind, ref)
	}
	return u, err
}

// userForInvite finds the user with e-mail email, creating it (not yet active) when new.
func (t *txn) userForInvite(email string) (*platform.User, error) {
	u, err := t.GetUserByEmail(email)
	if err == nil || !platform.IsCode(err, platform.CodeNotFound) {
		return u, err
	}
	u = &platform.User{ID: platform.NewID(platform.PrefixUser), Email: email}
	u.Stamp(t.now)
	return u, t.CreateUser(u)
}

// usage counts what ws holds.
func (t *txn) usage(ws *platform.Workspace) (platform.Usage, error) {
	return t.WorkspaceUsage(ws.ID)
}

// checkQuota refuses one more q in ws when its plan is at the limit. A dry run in a plan
// session also counts what the session's earlier dry runs create in ws.
func (t *txn) checkQuota(ws *platform.Workspace, q platform.Quota) error {
	u, err := t.usage(ws)
	if err != nil {
		return err
	}
	planned := 0
	if t.session != "" {
		if planned, err = t.CountPlannedCreates(t.caller.Actor(), t.session, ws.ID, q.PlannedKind()); err != nil {
			return err
		}
	}
	return platform.CheckQuotaPlanned(ws.Plan, q, u, planned)
}

// checkCreate is checkQuota for creating an object whose unique name is key (platform.PlannedKey;
// "" for none), noting the create in the dry run's plan session.
func (t *txn) checkCreate(ws *platform.Workspace, q platform.Quota, key string) error {
	if err := t.checkQuota(ws, q); err != nil {
		return err
	}
	return t.planCreate(q.PlannedKind(), ws.ID, key)
}
