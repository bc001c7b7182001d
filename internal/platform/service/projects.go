package service

import (
	"context"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// ProjectInput creates a project.
type ProjectInput struct {
	Slug        string `json:"slug"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
}

// ProjectPatch changes a project; nil fields stay.
type ProjectPatch struct {
	Slug        *string `json:"slug,omitempty"`
	Name        *string `json:"name,omitempty"`
	Description *string `json:"description,omitempty"`
}

// CreateProject creates a project. A creator who is not already admin on every project becomes
// the project's admin through an override (rule 6).
func (s *Service) CreateProject(ctx context.Context, caller *platform.Principal, ref string, in ProjectInput) (*platform.Project, error) {
	p := &platform.Project{ID: platform.NewID(platform.PrefixProject), Slug: in.Slug, Name: in.Name, Description: in.Description}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return update(ctx, s, caller, func(t *txn) (*platform.Project, error) {
		w, err := t.workspaceRequiring(ref, platform.PermProjectsCreate)
		if err != nil {
			return nil, err
		}
		if err := t.checkCreate(w.ws, platform.QuotaProjects, platform.PlannedKey(w.ws.ID, p.Slug)); err != nil {
			return nil, err
		}
		p.WorkspaceID = w.ws.ID
		p.Stamp(t.now)
		if err := t.CreateProject(p); err != nil {
			return nil, err
		}
		if !caller.IsAPIKey() && !w.access.ProjectPermissions.Contains(platform.ProjectPermissions) {
			m := &platform.ProjectMember{WorkspaceID: w.ws.ID, ProjectID: p.ID, UserID: caller.UserID,
				Email: caller.Email, Role: platform.ProjectRoleAdmin}
			m.Stamp(t.now)
			if err := t.CreateProjectMember(m); err != nil {
				return nil, err
			}
		}
		return p, t.audit(w.ws.ID, "", "project.create", p.ID)
	})
}

func (t *txn) projectFor(ref, prj string, perm platform.Permission) (*projectScope, error) {
	w, err := t.workspace(ref)
	if err != nil {
		return nil, err
	}
	p, err := t.project(w, prj)
	if err != nil {
		return nil, err
	}
	return p, p.requireProject(perm)
}

// GetProject reads a project the caller can see.
func (s *Service) GetProject(ctx context.Context, caller *platform.Principal, ref, prj string) (*platform.Project, error) {
	return view(ctx, s, caller, func(t *txn) (*platform.Project, error) {
		p, err := t.projectFor(ref, prj, platform.PermProjectRead)
		if err != nil {
			return nil, err
		}
		return p.project, nil
	})
}

// ListProjects lists the projects the caller can see: all of them for those with access to
// every project, otherwise the ones they have an override on.
func (s *Service) ListProjects(ctx context.Context, caller *platform.Principal, ref string, opts ListOptions) (Page[platform.Project], error) {
	return view(ctx, s, caller, func(t *txn) (Page[platform.Project], error) {
		w, err := t.workspace(ref)
		if err != nil {
			return Page[platform.Project]{}, err
		}
		list := func(p platform.Page) ([]platform.Project, error) { return t.ListProjects(w.ws.ID, p) }
		if !w.access.ProjectPermissions.Has(platform.PermProjectRead) {
			list = func(p platform.Page) ([]platform.Project, error) {
				return t.ListProjectsForMember(w.ws.ID, caller.UserID, p)
			}
		}
		return paginate(opts, list, func(x *platform.Project) int64 { return x.Seq })
	})
}

// UpdateProject renames or re-describes a project.
func (s *Service) UpdateProject(ctx context.Context, caller *platform.Principal, ref, prj string, in ProjectPatch, ifVersion int64) (*platform.Project, error) {
	return update(ctx, s, caller, func(t *txn) (*platform.Project, error) {
		ps, err := t.projectFor(ref, prj, platform.PermProjectUpdate)
		if err != nil {
			return nil, err
		}
		if err := checkVersion("project", ps.project.Version, ifVersion); err != nil {
			return nil, err
		}
		p := *ps.project
		setIf(&p.Slug, in.Slug)
		setIf(&p.Name, in.Name)
		setIf(&p.Description, in.Description)
		if unchanged(&p, ps.project) {
			return ps.project, nil
		}
		if err := p.Validate(); err != nil {
			return nil, err
		}
		p.Touch(t.now)
		if err := t.UpdateProject(&p); err != nil {
			return nil, err
		}
		return &p, t.audit(p.WorkspaceID, "", "project.update", p.ID)
	})
}

// DeleteProject deletes a project with its overrides; its clusters stay, detached. A project
// that still has deployments is refused, naming them.
func (s *Service) DeleteProject(ctx context.Context, caller *platform.Principal, ref, prj string, ifVersion int64) error {
	_, err := update(ctx, s, caller, func(t *txn) (struct{}, error) {
		ps, err := t.projectFor(ref, prj, platform.PermProjectDelete)
		if err != nil {
			return struct{}{}, err
		}
		t.planDelete(platform.PlannedProject, ps.ws.ID, ps.project.ID)
		if err := checkVersion("project", ps.project.Version, ifVersion); err != nil {
			return struct{}{}, err
		}
		if err := t.checkProjectEmpty(ps); err != nil {
			return struct{}{}, err
		}
		if err := t.DeleteProject(ps.ws.ID, ps.project.ID); err != nil {
			return struct{}{}, err
		}
		return struct{}{}, t.audit(ps.ws.ID, "", "project.delete", ps.project.ID)
	})
	return err
}

// NoProjectRole is the role reported for a user who can see the workspace but not the project.
const NoProjectRole = "none"
