package service

import (
	"context"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// OrganizationMemberInput adds a member by e-mail.
type OrganizationMemberInput struct {
	Email string `json:"email"`
	Role  string `json:"role"`
}

// OrganizationMemberPatch changes a member's role.
type OrganizationMemberPatch struct {
	Role *string `json:"role,omitempty"`
}

// AddOrganizationMember adds a user (created if new) to an organization (owners only).
func (s *Service) AddOrganizationMember(ctx context.Context, caller *platform.Principal, ref string, in OrganizationMemberInput) (*platform.OrganizationMember, error) {
	email := platform.NormalizeEmail(in.Email)
	var v platform.Violations
	platform.ValidateEmail(&v, "email", email)
	platform.ValidateOrganizationRole(&v, "role", in.Role)
	if err := v.Err(); err != nil {
		return nil, err
	}
	return update(ctx, s, caller, func(t *txn) (*platform.OrganizationMember, error) {
		o, err := t.organization(ref)
		if err != nil {
			return nil, err
		}
		if err := o.requireOwner(); err != nil {
			return nil, err
		}
		u, err := t.userForInvite(email)
		if err != nil {
			return nil, err
		}
		if err := t.planCreate(platform.PlannedOrganizationMember, "", platform.PlannedKey(o.org.ID, u.Email)); err != nil {
			return nil, err
		}
		m := &platform.OrganizationMember{OrganizationID: o.org.ID, UserID: u.ID, Email: u.Email, Role: in.Role}
		m.Stamp(t.now)
		if err := t.CreateOrganizationMember(m); platform.IsCode(err, platform.CodeAlreadyExists) {
			return nil, platform.Errorf(platform.CodeAlreadyExists, "%s is already a member of organization %s", u.Email, o.org.Slug)
		} else if err != nil {
			return nil, err
		}
		return m, t.audit("", o.org.ID, "organization_member.create", u.ID)
	})
}

func (t *txn) organizationMember(o *orgScope, ref string) (*platform.OrganizationMember, error) {
	u, err := t.userByRef(ref, "member")
	if err != nil {
		return nil, err
	}
	m, err := t.GetOrganizationMember(o.org.ID, u.ID)
	if platform.IsCode(err, platform.CodeNotFound) {
		return nil, platform.NotFound("member", ref)
	}
	return m, err
}

// GetOrganizationMember reads one member by user id or e-mail.
func (s *Service) GetOrganizationMember(ctx context.Context, caller *platform.Principal, ref, member string) (*platform.OrganizationMember, error) {
	return view(ctx, s, caller, func(t *txn) (*platform.OrganizationMember, error) {
		o, err := t.organization(ref)
		if err != nil {
			return nil, err
		}
		return t.organizationMember(o, member)
	})
}

// ListOrganizationMembers lists an organization's members.
func (s *Service) ListOrganizationMembers(ctx context.Context, caller *platform.Principal, ref string, opts ListOptions) (Page[platform.OrganizationMember], error) {
	return view(ctx, s, caller, func(t *txn) (Page[platform.OrganizationMember], error) {
		o, err := t.organization(ref)
		if err != nil {
			return Page[platform.OrganizationMember]{}, err
		}
		return paginate(opts, func(p platform.Page) ([]platform.OrganizationMember, error) {
			return t.ListOrganizationMembers(o.org.ID, p)
		}, func(x *platform.OrganizationMember) int64 { return x.Seq })
	})
}

// UpdateOrganizationMember changes a member's role (owners only); the last owner stays.
func (s *Service) UpdateOrganizationMember(ctx context.Context, caller *platform.Principal, ref, member string, in OrganizationMemberPatch, ifVersion int64) (*platform.OrganizationMember, error) {
	return update(ctx, s, caller, func(t *txn) (*platform.OrganizationMember, error) {
		o, err := t.organization(ref)
		if err != nil {
			return nil, err
		}
		if err := o.requireOwner(); err != nil {
			return nil, err
		}
		m, err := t.organizationMember(o, member)
		if err != nil {
			return nil, err
		}
		if err := checkVersion("member", m.Version, ifVersion); err != nil {
			return nil, err
		}
		if in.Role == nil || *in.Role == m.Role {
			return m, nil
		}
		var v platform.Violations
		platform.ValidateOrganizationRole(&v, "role", *in.Role)
		if err := v.Err(); err != nil {
			return nil, err
		}
		if err := t.checkLastOrgOwner(o.org.ID, m.Role, *in.Role); err != nil {
			return nil, err
		}
		m.Role = *in.Role
		m.Touch(t.now)
		if err := t.UpdateOrganizationMember(m); err != nil {
			return nil, err
		}
		return m, t.audit("", o.org.ID, "organization_member.update", m.UserID)
	})
}

// RemoveOrganizationMember removes a member: owners remove anyone, a member may leave.
func (s *Service) RemoveOrganizationMember(ctx context.Context, caller *platform.Principal, ref, member string, ifVersion int64) error {
	_, err := update(ctx, s, caller, func(t *txn) (struct{}, error) {
		o, err := t.organization(ref)
		if err != nil {
			return struct{}{}, err
		}
		m, err := t.organizationMember(o, member)
		if err != nil {
			return struct{}{}, err
		}
		if m.UserID != caller.UserID {
			if err := o.requireOwner(); err != nil {
				return struct{}{}, err
			}
		}
		if err := checkVersion("member", m.Version, ifVersion); err != nil {
			return struct{}{}, err
		}
		if err := t.checkLastOrgOwner(o.org.ID, m.Role, ""); err != nil {
			return struct{}{}, err
		}
		if err := t.DeleteOrganizationMember(o.org.ID, m.UserID); err != nil {
			return struct{}{}, err
		}
		return struct{}{}, t.audit("", o.org.ID, "organization_member.delete", m.UserID)
	})
	return err
}

func (t *txn) checkLastOrgOwner(orgID, currentRole, newRole string) error {
	if currentRole != platform.OrgRoleOwner || newRole == platform.OrgRoleOwner {
		return nil
	}
	n, err := t.CountOrganizationOwners(orgID)
	if err != nil {
		return err
	}
	if n <= 1 {
		return platform.Errorf(platform.CodeFailedPrecondition, "an organization must keep at least one owner: this is the last owner")
	}
	return nil
}
