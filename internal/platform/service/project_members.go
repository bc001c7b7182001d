package service

import (
	"context"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// ProjectMemberInput adds a project override for a workspace member, named by e-mail or user id.
type ProjectMemberInput struct {
	Email  string `json:"email,omitempty"`
	UserID string `json:"user_id,omitempty"`
	Role   string `json:"role"`
}

// ProjectMemberPatch changes an override's role.
type ProjectMemberPatch struct {
	Role *string `json:"role,omitempty"`
}

// requireManageProjectMembers: project_members.manage on the project, or members.manage on the
// workspace (so a workspace admin with a viewer override can still remove that override).
func (p *projectScope) requireManageProjectMembers() error {
	if p.access.Permissions.Has(platform.PermProjectMembersManage) || p.wsScope.access.Permissions.Has(platform.PermMembersManage) {
		return nil
	}
	return platform.PermissionDenied(platform.PermProjectMembersManage)
}

// checkProjectGrant validates a project role and enforces no escalation: the caller must hold
// on this project every project permission the role grants.
func (t *txn) checkProjectGrant(p *projectScope, role string) error {
	perms, err := t.rolePermissions(p.ws.ID, "role", role, platform.ProjectRolePermissions)
	if err != nil {
		return err
	}
	if perms&platform.ProjectPermissions == 0 {
		// It would make the project visible yet unreadable.
		return invalid("role", "custom role "+role+" holds no project permission (project.read, ...), so it cannot be a project role")
	}
	return platform.CheckGrant(p.access.Permissions, perms&platform.ProjectPermissions)
}

// AddProjectMember gives a workspace member a project role override.
func (s *Service) AddProjectMember(ctx context.Context, caller *platform.Principal, ref, prj string, in ProjectMemberInput) (*platform.ProjectMember, error) {
	var v platform.Violations
	target := in.UserID
	switch {
	case in.Email != "" && in.UserID != "":
		v.Add("email", "give exactly one of email or user_id")
	case in.UserID != "":
		platform.ValidateResourceRef(&v, "user_id", in.UserID, platform.PrefixUser)
	default:
		target = platform.NormalizeEmail(in.Email)
		platform.ValidateEmail(&v, "email", target)
	}
	platform.ValidateProjectRole(&v, "role", in.Role)
	if err := v.Err(); err != nil {
		return nil, err
	}
	return update(ctx, s, caller, func(t *txn) (*platform.ProjectMember, error) {
		ps, err := t.projectFor(ref, prj, platform.PermProjectRead)
		if err != nil {
			return nil, err
		}
		if err := ps.requireManageProjectMembers(); err != nil {
			return nil, err
		}
		if err := t.checkProjectGrant(ps, in.Role); err != nil {
			return nil, err
		}
		u, err := t.userByRef(target, "user")
		if platform.IsCode(err, platform.CodeNotFound) {
			return nil, platform.Errorf(platform.CodeFailedPrecondition, "%s is not a member of workspace %s: invite them to the workspace first", target, ps.ws.Slug)
		}
		if err != nil {
			return nil, err
		}
		wm, err := t.GetWorkspaceMember(ps.ws.ID, u.ID)
		if platform.IsCode(err, platform.CodeNotFound) {
			return nil, platform.Errorf(platform.CodeFailedPrecondition, "%s is not a member of workspace %s: invite them to the workspace first", target, ps.ws.Slug)
		}
		if err != nil {
			return nil, err
		}
		if wm.Role == platform.RoleOwner {
			return nil, platform.Errorf(platform.CodeFailedPrecondition, "%s is a workspace owner and is admin on every project: owners cannot have project overrides", target)
		}
		if err := t.planCreate(platform.PlannedProjectMember, ps.ws.ID, platform.PlannedKey(ps.project.ID, u.Email)); err != nil {
			return nil, err
		}
		m := &platform.ProjectMember{WorkspaceID: ps.ws.ID, ProjectID: ps.project.ID, UserID: u.ID, Email: u.Email, Role: in.Role}
		m.Stamp(t.now)
		if err := t.CreateProjectMember(m); platform.IsCode(err, platform.CodeAlreadyExists) {
			return nil, platform.Errorf(platform.CodeAlreadyExists, "%s is already a member of project %s in workspace %s",
				u.Email, ps.project.Slug, ps.ws.Slug)
		} else if err != nil {
			return nil, err
		}
		return m, t.audit(ps.ws.ID, "", "project_member.create", ps.project.ID+"/"+u.ID)
	})
}

func (t *txn) projectMember(p *projectScope, ref string) (*platform.ProjectMember, error) {
	u, err := t.userByRef(ref, "member")
	if err != nil {
		return nil, err
	}
	m, err := t.GetProjectMember(p.project.ID, u.ID)
	if platform.IsCode(err, platform.CodeNotFound) {
		return nil, platform.NotFound("member", ref)
	}
	return m, err
}

// GetProjectMember reads one project override.
func (s *Service) GetProjectMember(ctx context.Context, caller *platform.Principal, ref, prj, member string) (*platform.ProjectMember, error) {
	return view(ctx, s, caller, func(t *txn) (*platform.ProjectMember, error) {
		ps, err := t.projectFor(ref, prj, platform.PermProjectRead)
		if err != nil {
			return nil, err
		}
		return t.projectMember(ps, member)
	})
}

// ListProjectMembers lists a project's overrides.
func (s *Service) ListProjectMembers(ctx context.Context, caller *platform.Principal, ref, prj string, opts ListOptions) (Page[platform.ProjectMember], error) {
	return view(ctx, s, caller, func(t *txn) (Page[platform.ProjectMember], error) {
		ps, err := t.projectFor(ref, prj, platform.PermProjectRead)
		if err != nil {
			return Page[platform.ProjectMember]{}, err
		}
		return paginate(opts, func(p platform.Page) ([]platform.ProjectMember, error) { return t.ListProjectMembers(ps.project.ID, p) },
			func(x *platform.ProjectMember) int64 { return x.Seq })
	})
}

// UpdateProjectMember changes an override's role in place.
func (s *Service) UpdateProjectMember(ctx context.Context, caller *platform.Principal, ref, prj, member string, in ProjectMemberPatch, ifVersion int64) (*platform.ProjectMember, error) {
	if in.Role != nil {
		var v platform.Violations
		platform.ValidateProjectRole(&v, "role", *in.Role)
		if err := v.Err(); err != nil {
			return nil, err
		}
	}
	return update(ctx, s, caller, func(t *txn) (*platform.ProjectMember, error) {
		ps, err := t.projectFor(ref, prj, platform.PermProjectRead)
		if err != nil {
			return nil, err
		}
		if err := ps.requireManageProjectMembers(); err != nil {
			return nil, err
		}
		m, err := t.projectMember(ps, member)
		if err != nil {
			return nil, err
		}
		if err := checkVersion("project member", m.Version, ifVersion); err != nil {
			return nil, err
		}
		if in.Role == nil || *in.Role == m.Role {
			return m, nil
		}
		if err := t.checkProjectGrant(ps, *in.Role); err != nil {
			return nil, err
		}
		m.Role = *in.Role
		m.Touch(t.now)
		if err := t.UpdateProjectMember(m); err != nil {
			return nil, err
		}
		return m, t.audit(ps.ws.ID, "", "project_member.update", ps.project.ID+"/"+m.UserID)
	})
}

// RemoveProjectMember removes an override; the member falls back to their workspace role.
func (s *Service) RemoveProjectMember(ctx context.Context, caller *platform.Principal, ref, prj, member string, ifVersion int64) error {
	_, err := update(ctx, s, caller, func(t *txn) (struct{}, error) {
		// Removing a project member takes access away, as removing a workspace member does:
		// allowed while read-only (docs/platform.md section 12).
		t.callIs(platform.CallWriteWhileReadOnly)
		ps, err := t.projectFor(ref, prj, platform.PermProjectRead)
		if err != nil {
			return struct{}{}, err
		}
		if err := ps.requireManageProjectMembers(); err != nil {
			return struct{}{}, err
		}
		m, err := t.projectMember(ps, member)
		if err != nil {
			return struct{}{}, err
		}
		t.planDelete(platform.PlannedProjectMember, ps.ws.ID, ps.project.ID+"/"+m.UserID)
		if err := checkVersion("project member", m.Version, ifVersion); err != nil {
			return struct{}{}, err
		}
		if err := t.DeleteProjectMember(ps.project.ID, m.UserID); err != nil {
			return struct{}{}, err
		}
		return struct{}{}, t.audit(ps.ws.ID, "", "project_member.delete", ps.project.ID+"/"+m.UserID)
	})
	return err
}
