package service

import (
	"context"
	"fmt"
	"maps"
	"strconv"
	"strings"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// WorkspaceInput creates a workspace.
type WorkspaceInput struct {
	Slug                   string            `json:"slug"`
	Name                   string            `json:"name"`
	Description            string            `json:"description,omitempty"`
	Plan                   platform.Plan     `json:"plan,omitempty"`
	ManagingOrganizationID string            `json:"managing_organization_id,omitempty"`
	Settings               map[string]string `json:"settings,omitempty"`
}

// WorkspacePatch changes a workspace; nil fields stay. Settings replaces the whole map.
// ManagingOrganizationID "" clears it.
type WorkspacePatch struct {
	Slug                   *string            `json:"slug,omitempty"`
	Name                   *string            `json:"name,omitempty"`
	Description            *string            `json:"description,omitempty"`
	Plan                   *platform.Plan     `json:"plan,omitempty"`
	ManagingOrganizationID *string            `json:"managing_organization_id,omitempty"`
	Settings               *map[string]string `json:"settings,omitempty"`
}

// CreateWorkspace creates a workspace owned by the calling user (user tokens only).
func (s *Service) CreateWorkspace(ctx context.Context, caller *platform.Principal, in WorkspaceInput) (*platform.Workspace, error) {
	if err := requireUser(caller, "creating a workspace"); err != nil {
		return nil, err
	}
	ws := &platform.Workspace{
		ID: platform.NewID(platform.PrefixWorkspace), Slug: in.Slug, Name: in.Name, Description: in.Description,
		Plan: in.Plan, ManagingOrganizationID: in.ManagingOrganizationID, Settings: in.Settings,
	}
	if ws.Plan == "" {
		ws.Plan = platform.PlanFree
	}
	if ws.Settings == nil {
		ws.Settings = map[string]string{}
	}
	if err := ws.Validate(); err != nil {
		return nil, err
	}
	return update(ctx, s, caller, func(t *txn) (*platform.Workspace, error) {
		if err := t.checkManagingOrganization(ws.ManagingOrganizationID); err != nil {
			return nil, err
		}
		if err := t.planCreate(platform.PlannedWorkspace, "", ws.Slug); err != nil {
			return nil, err
		}
		ws.Stamp(t.now)
		if err := t.CreateWorkspace(ws); err != nil {
			return nil, err
		}
		m := &platform.WorkspaceMember{WorkspaceID: ws.ID, UserID: caller.UserID, Email: caller.Email,
			Role: platform.RoleOwner, Status: platform.MemberActive}
		m.Stamp(t.now)
		if err := t.CreateWorkspaceMember(m); err != nil {
			return nil, err
		}
		// Every workspace has its subscription from the start, active on the workspace's plan.
		ws.Subscription = platform.NewSubscription(ws.ID, ws.Plan, t.now)
		if err := t.CreateSubscription(ws.Subscription); err != nil {
			return nil, err
		}
		return ws, t.audit(ws.ID, "", "workspace.create", ws.ID)
	})
}

// checkManagingOrganization: setting a managing organization needs owner on it. An
// organization the caller is not in is reported as not existing.
func (t *txn) checkManagingOrganization(orgID string) error {
	if orgID == "" {
		return nil
	}
	if _, err := t.GetOrganization(orgID); platform.IsCode(err, platform.CodeNotFound) {
		return invalid("managing_organization_id", "organization "+orgID+" not found")
	} else if err != nil {
		return err
	}
	m, err := t.GetOrganizationMember(orgID, t.caller.UserID)
	if platform.IsCode(err, platform.CodeNotFound) {
		return invalid("managing_organization_id", "organization "+orgID+" not found")
	}
	if err != nil {
		return err
	}
	if m.Role != platform.OrgRoleOwner {
		return platform.Errorf(platform.CodePermissionDenied,
			"setting managing_organization_id needs owner on organization %s", orgID)
	}
	return nil
}

// GetWorkspace reads a workspace by id or slug.
func (s *Service) GetWorkspace(ctx context.Context, caller *platform.Principal, ref string) (*platform.Workspace, error) {
	return view(ctx, s, caller, func(t *txn) (*platform.Workspace, error) {
		t.callIs(platform.CallBilling) // a suspended workspace still answers itself
		w, err := t.workspace(ref)
		if err != nil {
			return nil, err
		}
		return w.ws, w.require(platform.PermWorkspaceRead)
	})
}

// ListWorkspaces lists the workspaces the caller can see: a user's memberships and managed
// workspaces, or an API key's own workspace.
func (s *Service) ListWorkspaces(ctx context.Context, caller *platform.Principal, opts ListOptions) (Page[platform.Workspace], error) {
	return view(ctx, s, caller, func(t *txn) (Page[platform.Workspace], error) {
		list := func(p platform.Page) ([]platform.Workspace, error) { return t.ListWorkspacesForUser(caller.UserID, p) }
		if caller.IsAPIKey() {
			list = func(p platform.Page) ([]platform.Workspace, error) {
				ws, err := t.GetWorkspace(caller.WorkspaceID)
				if err != nil || ws.Seq <= p.After {
					return nil, err
				}
				return []platform.Workspace{*ws}, nil
			}
		}
		return paginate(opts, list, func(x *platform.Workspace) int64 { return x.Seq })
	})
}

// UpdateWorkspace changes a workspace: name, slug, description and settings need
// workspace.update; the plan needs billing.manage; setting, changing or clearing the managing
// organization needs workspace owner (it hands admin rights to people who are not members).
func (s *Service) UpdateWorkspace(ctx context.Context, caller *platform.Principal, ref string, in WorkspacePatch, ifVersion int64) (*platform.Workspace, error) {
	return update(ctx, s, caller, func(t *txn) (*platform.Workspace, error) {
		if in.Plan != nil && in == (WorkspacePatch{Plan: in.Plan}) {
			// A plan-only patch is a billing call (the subscription's plan), answered in every
			// access state exactly as PATCH .../subscription {plan}.
			t.callIs(platform.CallBilling)
		}
		w, err := t.workspace(ref)
		if err != nil {
			return nil, err
		}
		// Authorization first, for every field the patch names, whether or not its value
		// changes (docs/platform.md section 7, "PATCH").
		if in.Slug != nil || in.Name != nil || in.Description != nil || in.Settings != nil {
			if err := w.require(platform.PermWorkspaceUpdate); err != nil {
				return nil, err
			}
		}
		if in.Plan != nil {
			if err := w.require(platform.PermBillingManage); err != nil {
				return nil, err
			}
		}
		if in.ManagingOrganizationID != nil && !w.access.IsOwner() {
			return nil, platform.Errorf(platform.CodePermissionDenied,
				"only a workspace owner can set, change or clear the managing organization: its members become admins "+
					"without being listed as members")
		}
		if err := checkVersion("workspace", w.ws.Version, ifVersion); err != nil {
			return nil, err
		}
		ws := *w.ws
		setIf(&ws.Slug, in.Slug)
		setIf(&ws.Name, in.Name)
		setIf(&ws.Description, in.Description)
		if in.Settings != nil {
			ws.Settings = maps.Clone(*in.Settings)
			if ws.Settings == nil {
				ws.Settings = map[string]string{}
			}
		}
		planChange := in.Plan != nil && *in.Plan != ws.Plan
		orgChange := in.ManagingOrganizationID != nil && *in.ManagingOrganizationID != ws.ManagingOrganizationID
		setIf(&ws.Plan, in.Plan)
		setIf(&ws.ManagingOrganizationID, in.ManagingOrganizationID)
		if unchanged(&ws, w.ws) {
			return w.ws, nil
		}
		if err := ws.Validate(); err != nil {
			return nil, err
		}
		if orgChange {
			if err := t.checkManagingOrganization(ws.ManagingOrganizationID); err != nil {
				return nil, err
			}
		}
		// The plan is the subscription's too: one code path with PATCH .../subscription.
		var cur *platform.Subscription
		if planChange {
			if cur, err = t.currentSubscription(w.ws); err != nil {
				return nil, err
			}
		}
		if err := t.saveWorkspace(w.ws, &ws, cur); err != nil {
			return nil, err
		}
		return &ws, nil
	})
}

// DeleteWorkspace deletes a workspace (owners only). One that still holds projects, clusters,
// regions, API keys or custom roles is refused unless force, which deletes all of it; the
// refusal names each object by id (details), so that a client can tell which of them block.
// A dry run in a plan session does not count what the session plans to delete.
func (s *Service) DeleteWorkspace(ctx context.Context, caller *platform.Principal, ref string, force bool, ifVersion int64) error {
	_, err := update(ctx, s, caller, func(t *txn) (struct{}, error) {
		t.callIs(platform.CallBilling) // deleting the workspace is allowed in every access state
		w, err := t.workspace(ref)
		if err != nil {
			return struct{}{}, err
		}
		if force {
			t.planForcedWorkspaceDelete(w.ws.ID)
		} else {
			t.planDelete(platform.PlannedWorkspace, w.ws.ID, w.ws.ID)
		}
		if err := w.require(platform.PermWorkspaceDelete); err != nil {
			return struct{}{}, err
		}
		if err := checkVersion("workspace", w.ws.Version, ifVersion); err != nil {
			return struct{}{}, err
		}
		if !force {
			if err := t.checkWorkspaceEmpty(w.ws); err != nil {
				return struct{}{}, err
			}
		}
		if err := t.checkProductsNotInstalledElsewhere(w.ws); err != nil {
			return struct{}{}, err
		}
		if err := t.DeleteWorkspace(w.ws.ID); err != nil {
			return struct{}{}, err
		}
		return struct{}{}, t.audit(w.ws.ID, "", "workspace.delete", w.ws.ID)
	})
	return err
}

// checkProductsNotInstalledElsewhere refuses deleting ws, with force too, while another
// workspace runs one of its products. A dry run in a plan session judges it as the plan would
// leave it: without the installations, in any workspace, that the session deletes. The details
// name each product as "products/<id>" (never the installing workspaces), so that a client can
// tell this refusal, which the rest of a plan may lift, from one it cannot.
func (t *txn) checkProductsNotInstalledElsewhere(ws *platform.Workspace) error {
	var products []platform.Product
	for page := (platform.Page{Limit: MaxPageSize}); ; {
		xs, err := t.ListProducts(ws.ID, page)
		if err != nil {
			return err
		}
		products = append(products, xs...)
		if len(xs) < page.Limit {
			break
		}
		page.After = xs[len(xs)-1].Seq
	}
	if len(products) == 0 {
		return nil
	}
	ids := make(map[string]bool, len(products))
	for _, p := range products {
		ids[p.ID] = true
	}
	if _, err := t.dropPlannedInstallations(func(in *platform.Installation) bool { return ids[in.Source.ProductID] }); err != nil {
		return err
	}
	// Its own installations go with the workspace. Dependents are named, and names are unique
	// per workspace only: count the workspace's own installations of each product instead.
	own := map[string]int{}
	for page := (platform.Page{Limit: MaxPageSize}); ; {
		xs, err := t.ListInstallations(ws.ID, page)
		if err != nil {
			return err
		}
		for _, in := range xs {
			own[in.Source.ProductID]++
		}
		if len(xs) < page.Limit {
			break
		}
		page.After = xs[len(xs)-1].Seq
	}
	var held []string
	var details []platform.FieldViolation
	for _, p := range products {
		deps, err := t.ProductDependents(p.ID, "")
		if err != nil {
			return err
		}
		elsewhere := len(deps.Installations) - own[p.ID]
		if elsewhere == 0 {
			continue
		}
		held = append(held, fmt.Sprintf("%s (%s)", p.Slug, platform.Count(elsewhere, "installation")))
		details = append(details, platform.FieldViolation{Field: "products/" + p.ID,
			Reason: fmt.Sprintf("product %q is installed in other workspaces (%s): uninstall it there first",
				p.Slug, platform.Count(elsewhere, "installation"))})
	}
	if len(held) == 0 {
		return nil
	}
	e := platform.Errorf(platform.CodeFailedPrecondition,
		"workspace %s has products installed in other workspaces: %s; they must be uninstalled first, even with force=true",
		ws.Slug, strings.Join(held, ", "))
	e.Details = details
	return e
}

// workspaceContent is one kind of object that keeps a workspace from being deleted without
// force: detail is the field name of its details ("projects/prj_..."), planned its kind in plan
// sessions.
type workspaceContent struct {
	noun, detail, planned string
	count                 func(platform.Usage) int
	list                  func(t *txn, ws string, p platform.Page) ([]blockingObject, error)
}

// blockingObject names one object of a workspace in a refusal.
type blockingObject struct{ id, name string }

// maxBlockingDetails bounds the details of a not-empty refusal (the message still counts all).
const maxBlockingDetails = 100

var workspaceContents = []workspaceContent{
	{"project", "projects", platform.PlannedProject, func(u platform.Usage) int { return u.Projects },
		func(t *txn, ws string, p platform.Page) ([]blockingObject, error) {
			xs, err := t.ListProjects(ws, p)
			return blockingObjects(xs, err, func(x *platform.Project) (string, string) { return x.ID, x.Slug })
		}},
	{"cluster", "clusters", platform.PlannedCluster, func(u platform.Usage) int { return u.Clusters },
		func(t *txn, ws string, p platform.Page) ([]blockingObject, error) {
			xs, err := t.ListClusters(ws, p)
			return blockingObjects(xs, err, func(x *platform.Cluster) (string, string) { return x.ID, x.Name })
		}},
	{"region", "regions", platform.PlannedRegion, func(u platform.Usage) int { return u.Regions },
		func(t *txn, ws string, p platform.Page) ([]blockingObject, error) {
			xs, err := t.ListRegions(ws, p)
			return blockingObjects(xs, err, func(x *platform.Region) (string, string) { return x.ID, x.Name })
		}},
	{"api key", "api_keys", platform.PlannedAPIKey, func(u platform.Usage) int { return u.APIKeys },
		func(t *txn, ws string, p platform.Page) ([]blockingObject, error) {
			xs, err := t.ListAPIKeys(ws, p)
			return blockingObjects(xs, err, func(x *platform.APIKey) (string, string) { return x.ID, x.Name })
		}},
	{"custom role", "custom_roles", platform.PlannedRole, func(u platform.Usage) int { return u.CustomRoles },
		func(t *txn, ws string, p platform.Page) ([]blockingObject, error) {
			xs, err := t.ListRoles(ws, p)
			return blockingObjects(xs, err, func(x *platform.Role) (string, string) { return x.ID, x.Name })
		}},
	{"product", "products", platform.PlannedProduct, func(u platform.Usage) int { return u.Products },
		func(t *txn, ws string, p platform.Page) ([]blockingObject, error) {
			xs, err := t.ListProducts(ws, p)
			return blockingObjects(xs, err, func(x *platform.Product) (string, string) { return x.ID, x.Slug })
		}},
	{"installation", "installations", platform.PlannedInstallation, func(u platform.Usage) int { return u.Installations },
		func(t *txn, ws string, p platform.Page) ([]blockingObject, error) {
			xs, err := t.ListInstallations(ws, p)
			return blockingObjects(xs, err, func(x *platform.Installation) (string, string) { return x.ID, x.Name })
		}},
	{"secret", "secrets", platform.PlannedSecret, func(u platform.Usage) int { return u.Secrets },
		func(t *txn, ws string, p platform.Page) ([]blockingObject, error) {
			xs, err := t.ListSecrets(ws, p)
			return blockingObjects(xs, err, func(x *platform.Secret) (string, string) { return x.ID, x.Name })
		}},
	{"GitHub App installation", "github_installations", platform.PlannedGitHubInstallation,
		func(u platform.Usage) int { return u.GitHubInstallations },
		func(t *txn, ws string, p platform.Page) ([]blockingObject, error) {
			xs, err := t.ListGitHubInstallations(ws, p)
			return blockingObjects(xs, err, func(x *platform.GitHubInstallation) (string, string) {
				return x.ID, strconv.FormatInt(x.InstallationID, 10)
			})
		}},
}

// blockingObjects converts a list of one kind of object.
func blockingObjects[T any](xs []T, err error, f func(*T) (id, name string)) ([]blockingObject, error) {
	if err != nil {
		return nil, err
	}
	out := make([]blockingObject, len(xs))
	for i := range xs {
		out[i].id, out[i].name = f(&xs[i])
	}
	return out, nil
}

// checkWorkspaceEmpty refuses deleting ws (without force) while it holds anything of
// workspaceContents, other than what the dry run's plan session plans to delete. The message
// counts what is left by kind with the first few names; the details name every object (up to
// maxBlockingDetails) as "<kind>/<id>".
func (t *txn) checkWorkspaceEmpty(ws *platform.Workspace) error {
	u, err := t.usage(ws)
	if err != nil {
		return err
	}
	planned, err := t.sessionDeletes(ws.ID)
	if err != nil {
		return err
	}
	var held []string
	var details []platform.FieldViolation
	for _, c := range workspaceContents {
		if c.count(u) == 0 {
			continue
		}
		// Every object of the kind: at most the plan's quota, so one list.
		objs, err := c.list(t, ws.ID, platform.Page{Limit: c.count(u) + 1})
		if err != nil {
			return err
		}
		var left []blockingObject
		for _, o := range objs {
			if !planned[c.planned+"/"+o.id] {
				left = append(left, o)
			}
		}
		if len(left) == 0 {
			continue
		}
		held = append(held, platform.Count(len(left), c.noun)+" ("+namesOf(left, 5)+")")
		for _, o := range left {
			if len(details) < maxBlockingDetails {
				details = append(details, platform.FieldViolation{Field: c.detail + "/" + o.id,
					Reason: fmt.Sprintf("%s %q is still in the workspace", c.noun, o.name)})
			}
		}
	}
	if len(held) == 0 {
		return nil
	}
	besides := ""
	if planned != nil {
		besides = "besides what this plan deletes, "
	}
	e := platform.Errorf(platform.CodeFailedPrecondition,
		"workspace %s is not empty: %sit still has %s; delete them first or delete with force=true",
		ws.Slug, besides, strings.Join(held, ", "))
	e.Details = details
	return e
}

// namesOf lists up to n names, then how many more.
func namesOf(objs []blockingObject, n int) string {
	var names []string
	for i, o := range objs {
		if i == n {
			names = append(names, fmt.Sprintf("and %d more", len(objs)-n))
			break
		}
		names = append(names, o.name)
	}
	return strings.Join(names, ", ")
}

// TransferOwnershipInput names the member who becomes owner (user id or e-mail).
type TransferOwnershipInput struct {
	UserID string `json:"user_id,omitempty"`
	Email  string `json:"email,omitempty"`
}

// TransferOwnership makes an existing member the owner; the calling owner becomes admin.
func (s *Service) TransferOwnership(ctx context.Context, caller *platform.Principal, ref string, in TransferOwnershipInput) (*platform.WorkspaceMember, error) {
	target := in.UserID
	if target == "" {
		target = in.Email
	}
	if target == "" || (in.UserID != "" && in.Email != "") {
		return nil, invalid("user_id", "give exactly one of user_id or email")
	}
	return update(ctx, s, caller, func(t *txn) (*platform.WorkspaceMember, error) {
		w, err := t.workspace(ref)
		if err != nil {
			return nil, err
		}
		// Only owners make owners: a custom role holding ownership.transfer is not enough, and
		// the message says so rather than naming a permission the caller may well hold.
		if !w.access.IsOwner() {
			return nil, platform.Errorf(platform.CodePermissionDenied,
				"only a workspace owner can transfer ownership: only owners make owners (a custom role holding %s is not enough)",
				platform.PermOwnershipTransfer)
		}
		if err := requireUser(caller, "transferring ownership"); err != nil {
			return nil, err
		}
		m, err := t.workspaceMember(w, target)
		if err != nil {
			return nil, err
		}
		if m.UserID == caller.UserID {
			return nil, platform.Errorf(platform.CodeFailedPrecondition, "you already own this workspace")
		}
		if m.Role != platform.RoleOwner {
			m.Role = platform.RoleOwner
			m.Touch(t.now)
			if err := t.UpdateWorkspaceMember(m); err != nil {
				return nil, err
			}
		}
		me, err := t.GetWorkspaceMember(w.ws.ID, caller.UserID)
		if err != nil {
			return nil, err
		}
		me.Role = platform.RoleAdmin
		me.Touch(t.now)
		if err := t.UpdateWorkspaceMember(me); err != nil {
			return nil, err
		}
		return m, t.audit(w.ws.ID, "", "workspace.transfer_ownership", m.UserID)
	})
}

// ListManagingOrganizationMembers lists the members of the workspace's managing organization:
// each is an implicit admin of the workspace (unless they hold a higher explicit membership),
// though not a listed member. It needs members.read, like the member list: this is where the
// workspace's members audit who administers it. A workspace without a managing organization
// has none.
func (s *Service) ListManagingOrganizationMembers(ctx context.Context, caller *platform.Principal, ref string, opts ListOptions) (Page[platform.OrganizationMember], error) {
	return view(ctx, s, caller, func(t *txn) (Page[platform.OrganizationMember], error) {
		w, err := t.workspace(ref)
		if err != nil {
			return Page[platform.OrganizationMember]{}, err
		}
		if err := w.require(platform.PermMembersRead); err != nil {
			return Page[platform.OrganizationMember]{}, err
		}
		org := w.ws.ManagingOrganizationID
		return paginate(opts, func(p platform.Page) ([]platform.OrganizationMember, error) {
			if org == "" {
				return nil, nil
			}
			return t.ListOrganizationMembers(org, p)
		}, func(x *platform.OrganizationMember) int64 { return x.Seq })
	})
}

// WorkspaceUsage is the answer of GET /v1/workspaces/{ws}/usage.
type WorkspaceUsage struct {
	Plan   platform.Plan   `json:"plan"`
	Limits platform.Limits `json:"limits"`
	Usage  platform.Usage  `json:"usage"`
}

// Usage reports a workspace's plan limits and current usage.
func (s *Service) Usage(ctx context.Context, caller *platform.Principal, ref string) (*WorkspaceUsage, error) {
	return view(ctx, s, caller, func(t *txn) (*WorkspaceUsage, error) {
		w, err := t.workspaceRequiring(ref, platform.PermWorkspaceRead)
		if err != nil {
			return nil, err
		}
		u, err := t.usage(w.ws)
		if err != nil {
			return nil, err
		}
		limits, _ := platform.PlanLimits(w.ws.Plan)
		return &WorkspaceUsage{Plan: w.ws.Plan, Limits: limits, Usage: u}, nil
	})
}

// ListAuditEvents lists a workspace's audit trail. It needs workspace.update: the trail shows
// who changed what, which is for those who administer the workspace.
func (s *Service) ListAuditEvents(ctx context.Context, caller *platform.Principal, ref string, opts ListOptions) (Page[platform.AuditEvent], error) {
	return listInWorkspace(ctx, s, caller, ref, platform.PermWorkspaceUpdate, opts, (*txn).ListAuditEvents,
		func(x *platform.AuditEvent) int64 { return x.Seq })
}
