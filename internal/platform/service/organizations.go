package service

import (
	"context"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// Organizations are people-only: API keys belong to a workspace and cannot see or manage them.
// Members read an organization and its member list; owners change it.

// OrganizationInput creates an organization.
type OrganizationInput struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
}

// OrganizationPatch changes an organization; nil fields stay.
type OrganizationPatch struct {
	Slug *string `json:"slug,omitempty"`
	Name *string `json:"name,omitempty"`
}

// OrganizationMemberInput adds a member by e-mail.
type OrganizationMemberInput struct {
	Email string `json:"email"`
	Role  string `json:"role"`
}

// OrganizationMemberPatch changes a member's role.
type OrganizationMemberPatch struct {
	Role *string `json:"role,omitempty"`
}

type orgScope struct {
	org  *platform.Organization
	role string
}

func (o *orgScope) requireOwner() error {
	if o.role != platform.OrgRoleOwner {
		return platform.Errorf(platform.CodePermissionDenied, "only organization owners can do this (caller is %s)", o.role)
	}
	return nil
}

// organization resolves ref (id or slug) for the calling user; non-members get not_found.
func (t *txn) organization(ref string) (*orgScope, error) {
	if err := requireUser(t.caller, "organization access"); err != nil {
		return nil, err
	}
	var (
		o   *platform.Organization
		err error
	)
	if platform.HasIDPrefix(ref, platform.PrefixOrganization) {
		o, err = t.GetOrganization(ref)
	} else {
		o, err = t.GetOrganizationBySlug(ref)
	}
	if platform.IsCode(err, platform.CodeNotFound) {
		return nil, platform.NotFound("organization", ref)
	}
	if err != nil {
		return nil, err
	}
	m, err := t.GetOrganizationMember(o.ID, t.caller.UserID)
	if platform.IsCode(err, platform.CodeNotFound) {
		return nil, platform.NotFound("organization", ref)
	}
	if err != nil {
		return nil, err
	}
	return &orgScope{org: o, role: m.Role}, nil
}

// CreateOrganization creates an organization whose creator is its owner.
func (s *Service) CreateOrganization(ctx context.Context, caller *platform.Principal, in OrganizationInput) (*platform.Organization, error) {
	if err := requireUser(caller, "creating an organization"); err != nil {
		return nil, err
	}
	o := &platform.Organization{ID: platform.NewID(platform.PrefixOrganization), Slug: in.Slug, Name: in.Name}
	if err := o.Validate(); err != nil {
		return nil, err
	}
	return update(ctx, s, caller, func(t *txn) (*platform.Organization, error) {
		o.Stamp(t.now)
		if err := t.CreateOrganization(o); err != nil {
			return nil, err
		}
		m := &platform.OrganizationMember{OrganizationID: o.ID, UserID: caller.UserID, Email: caller.Email, Role: platform.OrgRoleOwner}
		m.Stamp(t.now)
		if err := t.CreateOrganizationMember(m); err != nil {
			return nil, err
		}
		return o, t.audit("", o.ID, "organization.create", o.ID)
	})
}

// GetOrganization reads an organization the caller belongs to.
func (s *Service) GetOrganization(ctx context.Context, caller *platform.Principal, ref string) (*platform.Organization, error) {
	return view(ctx, s, caller, func(t *txn) (*platform.Organization, error) {
		o, err := t.organization(ref)
		if err != nil {
			return nil, err
		}
		return o.org, nil
	})
}

// ListOrganizations lists the organizations the caller belongs to.
func (s *Service) ListOrganizations(ctx context.Context, caller *platform.Principal, opts ListOptions) (Page[platform.Organization], error) {
	if err := requireUser(caller, "listing organizations"); err != nil {
		return Page[platform.Organization]{}, err
	}
	return view(ctx, s, caller, func(t *txn) (Page[platform.Organization], error) {
		return paginate(opts, func(p platform.Page) ([]platform.Organization, error) {
			return t.ListOrganizationsForUser(caller.UserID, p)
		}, func(x *platform.Organization) int64 { return x.Seq })
	})
}

// UpdateOrganization renames an organization (owners only).
func (s *Service) UpdateOrganization(ctx context.Context, caller *platform.Principal, ref string, in OrganizationPatch, ifVersion int64) (*platform.Organization, error) {
	return update(ctx, s, caller, func(t *txn) (*platform.Organization, error) {
		o, err := t.organization(ref)
		if err != nil {
			return nil, err
		}
		if err := o.requireOwner(); err != nil {
			return nil, err
		}
		if err := checkVersion("organization", o.org.Version, ifVersion); err != nil {
			return nil, err
		}
		org := *o.org
		setIf(&org.Slug, in.Slug)
		setIf(&org.Name, in.Name)
		if unchanged(&org, o.org) {
			return o.org, nil
		}
		if err := org.Validate(); err != nil {
			return nil, err
		}
		org.Touch(t.now)
		if err := t.UpdateOrganization(&org); err != nil {
			return nil, err
		}
		return &org, t.audit("", org.ID, "organization.update", org.ID)
	})
}

// DeleteOrganization deletes an organization (owners only) unless it manages workspaces.
func (s *Service) DeleteOrganization(ctx context.Context, caller *platform.Principal, ref string, ifVersion int64) error {
	_, err := update(ctx, s, caller, func(t *txn) (struct{}, error) {
		o, err := t.organization(ref)
		if err != nil {
			return struct{}{}, err
		}
		if err := o.requireOwner(); err != nil {
			return struct{}{}, err
		}
		if err := checkVersion("organization", o.org.Version, ifVersion); err != nil {
			return struct{}{}, err
		}
		n, err := t.CountWorkspacesManagedBy(o.org.ID)
		if err != nil {
			return struct{}{}, err
		}
		if n > 0 {
			return struct{}{}, platform.Errorf(platform.CodeFailedPrecondition,
				"organization %s still manages %s: clear their managing organization first", o.org.Slug, platform.Count(n, "workspace"))
		}
		if err := t.DeleteOrganization(o.org.ID); err != nil {
			return struct{}{}, err
		}
		return struct{}{}, t.audit("", o.org.ID, "organization.delete", o.org.ID)
	})
	return err
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

func setIf[T any](dst *T, src *T) {
	if src != nil {
		*dst = *src
	}
}
