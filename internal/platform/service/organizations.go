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
		if err := t.planCreate(platform.PlannedOrganization, "", o.Slug); err != nil {
			return nil, err
		}
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
