package service

import (
	"context"
	"slices"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// RoleInput creates a custom role.
type RoleInput struct {
	Name        string                `json:"name"`
	Description string                `json:"description,omitempty"`
	Permissions []platform.Permission `json:"permissions"`
}

// RolePatch changes a custom role; nil fields stay. Permissions replaces the whole set.
type RolePatch struct {
	Name        *string                `json:"name,omitempty"`
	Description *string                `json:"description,omitempty"`
	Permissions *[]platform.Permission `json:"permissions,omitempty"`
}

// sortedPermissions keeps stored permission lists in catalogue order, so a role reads back the
// same whatever order it was written in.
func sortedPermissions(ps []platform.Permission) []platform.Permission {
	return platform.Perms(ps...).List()
}

func (t *txn) roleByRef(w *wsScope, ref string) (*platform.Role, error) {
	var (
		r   *platform.Role
		err error
	)
	if platform.IsCustomRole(ref) {
		r, err = t.GetRole(w.ws.ID, ref)
	} else {
		r, err = t.GetRoleByName(w.ws.ID, ref)
	}
	if platform.IsCode(err, platform.CodeNotFound) {
		return nil, platform.NotFound("role", ref)
	}
	return r, err
}

// CreateRole creates a custom role (enterprise plan). Nobody creates a role holding a
// permission they do not hold themselves.
func (s *Service) CreateRole(ctx context.Context, caller *platform.Principal, ref string, in RoleInput) (*platform.Role, error) {
	r := &platform.Role{ID: platform.NewID(platform.PrefixRole), Name: in.Name, Description: in.Description, Permissions: in.Permissions}
	if err := r.Validate(); err != nil {
		return nil, err
	}
	r.Permissions = sortedPermissions(r.Permissions)
	return update(ctx, s, caller, func(t *txn) (*platform.Role, error) {
		w, err := t.workspaceRequiring(ref, platform.PermRolesManage)
		if err != nil {
			return nil, err
		}
		if err := platform.CheckGrant(w.access.AllPermissions(), platform.Perms(r.Permissions...)); err != nil {
			return nil, err
		}
		if err := t.checkCreate(w.ws, platform.QuotaCustomRoles, platform.PlannedKey(w.ws.ID, r.Name)); err != nil {
			return nil, err
		}
		r.WorkspaceID = w.ws.ID
		r.Stamp(t.now)
		if err := t.CreateRole(r); err != nil {
			return nil, err
		}
		return r, t.audit(w.ws.ID, "", "role.create", r.ID)
	})
}

// GetRole reads a custom role by id or name; anyone who can read members can read roles.
func (s *Service) GetRole(ctx context.Context, caller *platform.Principal, ref, role string) (*platform.Role, error) {
	return view(ctx, s, caller, func(t *txn) (*platform.Role, error) {
		w, err := t.workspaceRequiring(ref, platform.PermMembersRead)
		if err != nil {
			return nil, err
		}
		return t.roleByRef(w, role)
	})
}

// ListRoles lists a workspace's custom roles.
func (s *Service) ListRoles(ctx context.Context, caller *platform.Principal, ref string, opts ListOptions) (Page[platform.Role], error) {
	return listInWorkspace(ctx, s, caller, ref, platform.PermMembersRead, opts, (*txn).ListRoles,
		func(x *platform.Role) int64 { return x.Seq })
}

// UpdateRole changes a custom role in place; its holders get the new permissions at once. The
// caller must hold every permission the role grants now and every one it is to grant: nobody
// changes (even narrows) a role that grants more than they hold.
func (s *Service) UpdateRole(ctx context.Context, caller *platform.Principal, ref, role string, in RolePatch, ifVersion int64) (*platform.Role, error) {
	return update(ctx, s, caller, func(t *txn) (*platform.Role, error) {
		w, err := t.workspaceRequiring(ref, platform.PermRolesManage)
		if err != nil {
			return nil, err
		}
		cur, err := t.roleByRef(w, role)
		if err != nil {
			return nil, err
		}
		if err := platform.CheckGrant(w.access.AllPermissions(), platform.Perms(cur.Permissions...)); err != nil {
			return nil, err
		}
		if err := checkVersion("role", cur.Version, ifVersion); err != nil {
			return nil, err
		}
		r := *cur
		setIf(&r.Name, in.Name)
		setIf(&r.Description, in.Description)
		if in.Permissions != nil {
			r.Permissions = slices.Clone(*in.Permissions)
		}
		if err := r.Validate(); err != nil {
			return nil, err
		}
		r.Permissions = sortedPermissions(r.Permissions)
		if unchanged(&r, cur) {
			return cur, nil
		}
		if err := platform.CheckGrant(w.access.AllPermissions(), platform.Perms(r.Permissions...)); err != nil {
			return nil, err
		}
		r.Touch(t.now)
		if err := t.UpdateRole(&r); err != nil {
			return nil, err
		}
		return &r, t.audit(w.ws.ID, "", "role.update", r.ID)
	})
}

// DeleteRole deletes a custom role that nobody holds; the caller must hold every permission it
// grants.
func (s *Service) DeleteRole(ctx context.Context, caller *platform.Principal, ref, role string, ifVersion int64) error {
	_, err := update(ctx, s, caller, func(t *txn) (struct{}, error) {
		w, err := t.workspace(ref)
		if err != nil {
			return struct{}{}, err
		}
		if err := w.require(platform.PermRolesManage); err != nil {
			return struct{}{}, err
		}
		r, err := t.roleByRef(w, role)
		if err != nil {
			return struct{}{}, err
		}
		t.planDelete(platform.PlannedRole, w.ws.ID, r.ID)
		// Authorization before every other refusal: nobody deletes a role that grants more than
		// they hold, assigned or not.
		if err := platform.CheckGrant(w.access.AllPermissions(), platform.Perms(r.Permissions...)); err != nil {
			return struct{}{}, err
		}
		if err := checkVersion("role", r.Version, ifVersion); err != nil {
			return struct{}{}, err
		}
		n, err := t.CountRoleAssignments(w.ws.ID, r.ID)
		if err != nil {
			return struct{}{}, err
		}
		if n > 0 {
			return struct{}{}, platform.Errorf(platform.CodeFailedPrecondition,
				"role %s is still assigned to %s: change their role first", r.Name, platform.Count(n, "member"))
		}
		if err := t.DeleteRole(w.ws.ID, r.ID); err != nil {
			return struct{}{}, err
		}
		return struct{}{}, t.audit(w.ws.ID, "", "role.delete", r.ID)
	})
	return err
}
