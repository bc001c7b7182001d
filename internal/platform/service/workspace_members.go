package service

import (
	"context"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// MemberInput invites a member: role is a built-in workspace role or a custom role id.
type MemberInput struct {
	Email string `json:"email"`
	Role  string `json:"role"`
}

// MemberPatch changes a member's role.
type MemberPatch struct {
	Role *string `json:"role,omitempty"`
}

// workspaceMember finds a member of w by user id or e-mail.
func (t *txn) workspaceMember(w *wsScope, ref string) (*platform.WorkspaceMember, error) {
	u, err := t.userByRef(ref, "member")
	if err != nil {
		return nil, err
	}
	m, err := t.GetWorkspaceMember(w.ws.ID, u.ID)
	if platform.IsCode(err, platform.CodeNotFound) {
		return nil, platform.NotFound("member", ref)
	}
	return m, err
}

// checkAssignWorkspaceRole validates role and enforces no escalation for the caller.
func (t *txn) checkAssignWorkspaceRole(w *wsScope, role string) error {
	perms, err := t.rolePermissions(w.ws.ID, "role", role, platform.WorkspaceRolePermissions)
	if err != nil {
		return err
	}
	return platform.CheckAssignWorkspaceRole(w.access, role, perms)
}

// checkChangeMember refuses touching a member whose current role the caller could not grant:
// nobody below an owner changes or removes an owner, and nobody changes a member who holds
// permissions they do not hold themselves.
func (t *txn) checkChangeMember(w *wsScope, m *platform.WorkspaceMember) error {
	if m.Role == platform.RoleOwner && !w.access.IsOwner() {
		return platform.Errorf(platform.CodePermissionDenied,
			"only owners can change or remove an owner (missing permission %s)", platform.PermOwnershipTransfer)
	}
	perms, err := t.rolePermissions(w.ws.ID, "role", m.Role, platform.WorkspaceRolePermissions)
	if platform.IsCode(err, platform.CodeInvalidArgument) {
		return nil // a deleted custom role grants nothing
	}
	if err != nil {
		return err
	}
	return platform.CheckGrant(w.access.AllPermissions(), perms)
}

// InviteMember adds a user (created if new) to a workspace; the member is "invited" until they
// first use the workspace.
func (s *Service) InviteMember(ctx context.Context, caller *platform.Principal, ref string, in MemberInput) (*platform.WorkspaceMember, error) {
	email := platform.NormalizeEmail(in.Email)
	var v platform.Violations
	platform.ValidateEmail(&v, "email", email)
	platform.ValidateWorkspaceRole(&v, "role", in.Role)
	if err := v.Err(); err != nil {
		return nil, err
	}
	return update(ctx, s, caller, func(t *txn) (*platform.WorkspaceMember, error) {
		w, err := t.workspaceRequiring(ref, platform.PermMembersManage)
		if err != nil {
			return nil, err
		}
		if err := t.checkAssignWorkspaceRole(w, in.Role); err != nil {
			return nil, err
		}
		if err := t.checkCreate(w.ws, platform.QuotaMembers, platform.PlannedKey(w.ws.ID, email)); err != nil {
			return nil, err
		}
		u, err := t.userForInvite(email)
		if err != nil {
			return nil, err
		}
		// Invited until they first use this workspace, whoever they are: the status never tells
		// whether the e-mail belongs to an existing user.
		m := &platform.WorkspaceMember{WorkspaceID: w.ws.ID, UserID: u.ID, Email: u.Email, Role: in.Role, Status: platform.MemberInvited}
		m.Stamp(t.now)
		if err := t.CreateWorkspaceMember(m); platform.IsCode(err, platform.CodeAlreadyExists) {
			return nil, platform.Errorf(platform.CodeAlreadyExists, "%s is already a member of workspace %s", u.Email, w.ws.Slug)
		} else if err != nil {
			return nil, err
		}
		return m, t.audit(w.ws.ID, "", "member.create", u.ID)
	})
}

// GetMember reads a workspace member by user id or e-mail.
func (s *Service) GetMember(ctx context.Context, caller *platform.Principal, ref, member string) (*platform.WorkspaceMember, error) {
	return view(ctx, s, caller, func(t *txn) (*platform.WorkspaceMember, error) {
		w, err := t.workspaceRequiring(ref, platform.PermMembersRead)
		if err != nil {
			return nil, err
		}
		return t.workspaceMember(w, member)
	})
}

// ListMembers lists a workspace's explicit members (managing-organization members are not listed).
func (s *Service) ListMembers(ctx context.Context, caller *platform.Principal, ref string, opts ListOptions) (Page[platform.WorkspaceMember], error) {
	return listInWorkspace(ctx, s, caller, ref, platform.PermMembersRead, opts, (*txn).ListWorkspaceMembers,
		func(x *platform.WorkspaceMember) int64 { return x.Seq })
}

// UpdateMember changes a member's role, in place.
func (s *Service) UpdateMember(ctx context.Context, caller *platform.Principal, ref, member string, in MemberPatch, ifVersion int64) (*platform.WorkspaceMember, error) {
	if in.Role != nil {
		var v platform.Violations
		platform.ValidateWorkspaceRole(&v, "role", *in.Role)
		if err := v.Err(); err != nil {
			return nil, err
		}
	}
	return update(ctx, s, caller, func(t *txn) (*platform.WorkspaceMember, error) {
		w, err := t.workspaceRequiring(ref, platform.PermMembersManage)
		if err != nil {
			return nil, err
		}
		m, err := t.workspaceMember(w, member)
		if err != nil {
			return nil, err
		}
		changes := in.Role != nil && *in.Role != m.Role
		if changes {
			if err := t.checkChangeMember(w, m); err != nil {
				return nil, err
			}
			if err := t.checkAssignWorkspaceRole(w, *in.Role); err != nil {
				return nil, err
			}
		}
		if err := checkVersion("member", m.Version, ifVersion); err != nil {
			return nil, err
		}
		if !changes {
			return m, nil
		}
		owners, err := t.CountWorkspaceOwners(w.ws.ID)
		if err != nil {
			return nil, err
		}
		if err := platform.CheckLastOwner(m.Role, *in.Role, owners); err != nil {
			return nil, err
		}
		m.Role = *in.Role
		m.Touch(t.now)
		if err := t.UpdateWorkspaceMember(m); err != nil {
			return nil, err
		}
		if m.Role == platform.RoleOwner {
			// An owner is admin on every project (rule 1): overrides would only lie about it,
			// and come back into force on a later demotion. They go.
			if err := t.removeProjectOverrides(w.ws.ID, m.UserID); err != nil {
				return nil, err
			}
		}
		return m, t.audit(w.ws.ID, "", "member.update", m.UserID)
	})
}

// RemoveMember removes a member and their project overrides. Members may always remove
// themselves; removing someone else needs members.manage. The last owner stays.
func (s *Service) RemoveMember(ctx context.Context, caller *platform.Principal, ref, member string, ifVersion int64) error {
	_, err := update(ctx, s, caller, func(t *txn) (struct{}, error) {
		t.callIs(platform.CallWriteWhileReadOnly) // taking access away: allowed while read-only
		w, err := t.workspace(ref)
		if err != nil {
			return struct{}{}, err
		}
		m, err := t.workspaceMember(w, member)
		if err != nil {
			return struct{}{}, err
		}
		t.planDelete(platform.PlannedWorkspaceMember, w.ws.ID, m.UserID)
		if caller.IsAPIKey() || m.UserID != caller.UserID {
			if err := w.require(platform.PermMembersManage); err != nil {
				return struct{}{}, err
			}
			if err := t.checkChangeMember(w, m); err != nil {
				return struct{}{}, err
			}
		}
		if err := checkVersion("member", m.Version, ifVersion); err != nil {
			return struct{}{}, err
		}
		// A plan that also deletes the workspace may remove its last owner: the membership goes
		// with the workspace.
		withWorkspace, err := t.sessionPlansDelete(w.ws.ID, platform.PlannedWorkspace, w.ws.ID)
		if err != nil {
			return struct{}{}, err
		}
		owners, err := t.CountWorkspaceOwners(w.ws.ID)
		if err != nil {
			return struct{}{}, err
		}
		if err := platform.CheckLastOwner(m.Role, "", owners); err != nil && !withWorkspace {
			return struct{}{}, err
		}
		if err := t.DeleteWorkspaceMember(w.ws.ID, m.UserID); err != nil {
			return struct{}{}, err
		}
		return struct{}{}, t.audit(w.ws.ID, "", "member.delete", m.UserID)
	})
	return err
}

// removeProjectOverrides deletes every project override of userID in workspace ws.
func (t *txn) removeProjectOverrides(ws, userID string) error {
	for {
		prjs, err := t.ListProjectsForMember(ws, userID, platform.Page{Limit: MaxPageSize})
		if err != nil || len(prjs) == 0 {
			return err
		}
		for _, p := range prjs {
			if err := t.DeleteProjectMember(p.ID, userID); err != nil {
				return err
			}
		}
	}
}
