package sqlite

import (
	"database/sql"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// workspaceCols are a workspace's columns and its subscription's, read FROM workspaceFrom: every
// workspace lookup carries the subscription, so that the access state costs no second query.
const workspaceCols = `w.seq, w.id, w.slug, w.name, w.description, w.plan, w.managing_organization_id, w.settings,
	w.created_at, w.updated_at, w.version,
	s.seq, s.status, s.current_period_end, s.cancel_at_period_end, s.status_changed_at, s.created_at, s.updated_at, s.version`

const workspaceFrom = `workspaces w LEFT JOIN subscriptions s ON s.workspace_id = w.id`

func scanWorkspace(s scanner, w *platform.Workspace) error {
	var sub subscriptionDest
	if err := s.Scan(workspaceDest(w, &sub)...); err != nil {
		return err
	}
	sub.into(w)
	return nil
}

// workspaceDest are the scan destinations of workspaceCols.
func workspaceDest(w *platform.Workspace, sub *subscriptionDest) []any {
	return []any{&w.Seq, &w.ID, &w.Slug, &w.Name, &w.Description, stringCol[platform.Plan]{&w.Plan},
		refCol{&w.ManagingOrganizationID}, jsonCol{&w.Settings},
		timeCol{&w.CreatedAt}, timeCol{&w.UpdatedAt}, &w.Version,
		&sub.seq, refCol{&sub.status}, nullTimeCol{&sub.periodEnd}, &sub.cancel, nullTimeCol{&sub.statusChanged},
		nullTimeCol{&sub.created}, nullTimeCol{&sub.updated}, &sub.version}
}

// subscriptionDest scans the subscription columns of a workspace lookup: NULL when the
// workspace has none.
type subscriptionDest struct {
	seq, version                               sql.NullInt64
	status                                     string
	cancel                                     sql.NullBool
	periodEnd, statusChanged, created, updated *time.Time
}

// into completes w after a scan: settings never nil, the subscription when there is one.
func (d *subscriptionDest) into(w *platform.Workspace) {
	if w.Settings == nil {
		w.Settings = map[string]string{}
	}
	w.Subscription = nil
	if !d.seq.Valid {
		return
	}
	w.Subscription = &platform.Subscription{WorkspaceID: w.ID, Plan: w.Plan, Status: platform.SubscriptionStatus(d.status),
		CurrentPeriodEnd: *d.periodEnd, CancelAtPeriodEnd: d.cancel.Bool, StatusChangedAt: *d.statusChanged,
		Meta: platform.Meta{Seq: d.seq.Int64, CreatedAt: *d.created, UpdatedAt: *d.updated, Version: d.version.Int64}}
}

func (t *tx) GetWorkspaceWithMember(ref, userID string) (*platform.Workspace, *platform.WorkspaceMember, error) {
	where := `w.slug = ?`
	if platform.HasIDPrefix(ref, platform.PrefixWorkspace) {
		where = `w.id = ?`
	}
	var (
		m                platform.WorkspaceMember
		seq, version     sql.NullInt64
		created, updated *time.Time
		isMember         bool
	)
	ws, err := one(t, "workspace", ref, func(s scanner, w *platform.Workspace) error {
		var sub subscriptionDest
		err := s.Scan(append(workspaceDest(w, &sub), &seq, refCol{&m.UserID}, refCol{&m.Email}, refCol{&m.Role}, refCol{&m.Status},
			nullTimeCol{&created}, nullTimeCol{&updated}, &version)...)
		if err != nil {
			return err
		}
		sub.into(w)
		isMember = seq.Valid
		return nil
	}, `SELECT `+workspaceCols+`, m.seq, m.user_id, u.email, m.role, m.status, m.created_at, m.updated_at, m.version
	    FROM `+workspaceFrom+`
	    LEFT JOIN workspace_members m ON m.workspace_id = w.id AND m.user_id = ?
	    LEFT JOIN users u ON u.id = m.user_id
	    WHERE `+where, userID, ref)
	if err != nil || !isMember {
		return ws, nil, err
	}
	m.Seq, m.WorkspaceID, m.Version = seq.Int64, ws.ID, version.Int64
	m.CreatedAt, m.UpdatedAt = *created, *updated
	return ws, &m, nil
}

func (t *tx) CreateWorkspace(w *platform.Workspace) error {
	settings, err := jsonText(w.Settings, "{}")
	if err != nil {
		return fail("create workspace", err)
	}
	seq, err := t.insert("create workspace",
		`INSERT INTO workspaces (id, slug, name, description, plan, managing_organization_id, settings,
		 created_at, updated_at, version)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
		[]any{w.ID, w.Slug, w.Name, w.Description, string(w.Plan), nullable(w.ManagingOrganizationID), settings,
			formatTime(w.CreatedAt), formatTime(w.UpdatedAt), w.Version},
		taken(alreadyExists("workspace slug %q already exists", w.Slug), `SELECT 1 FROM workspaces WHERE slug = ?`, w.Slug),
		taken(alreadyExists("workspace %q already exists", w.ID), `SELECT 1 FROM workspaces WHERE id = ?`, w.ID),
		missingRef(w.ManagingOrganizationID, platform.NotFound("organization", w.ManagingOrganizationID),
			`SELECT 1 FROM organizations WHERE id = ?`),
	)
	if err != nil {
		return err
	}
	w.Seq = seq
	return nil
}

func (t *tx) GetWorkspace(id string) (*platform.Workspace, error) {
	return one(t, "workspace", id, scanWorkspace,
		`SELECT `+workspaceCols+` FROM `+workspaceFrom+` WHERE w.id = ?`, id)
}

func (t *tx) GetWorkspaceBySlug(slug string) (*platform.Workspace, error) {
	return one(t, "workspace", slug, scanWorkspace,
		`SELECT `+workspaceCols+` FROM `+workspaceFrom+` WHERE w.slug = ?`, slug)
}

// ListWorkspacesForUser selects through IN (... UNION ...) so that a workspace the user
// reaches both ways is listed once, and each way uses its index.
func (t *tx) ListWorkspacesForUser(userID string, page platform.Page) ([]platform.Workspace, error) {
	return many(t, "list workspaces", page.Limit, scanWorkspace,
		`SELECT `+workspaceCols+` FROM `+workspaceFrom+`
		 WHERE w.id IN (
		     SELECT wm.workspace_id FROM workspace_members wm WHERE wm.user_id = ?
		     UNION
		     SELECT mw.id FROM workspaces mw
		     JOIN organization_members om ON om.organization_id = mw.managing_organization_id
		     WHERE om.user_id = ?)
		 AND w.seq > ? ORDER BY w.seq LIMIT ?`,
		userID, userID, page.After, limit(page.Limit))
}

func (t *tx) UpdateWorkspace(w *platform.Workspace) error {
	settings, err := jsonText(w.Settings, "{}")
	if err != nil {
		return fail("update workspace", err)
	}
	return t.update(row{kind: "workspace", ref: w.ID, table: "workspaces", where: "id = ?", args: []any{w.ID}}, w.Version,
		`slug = ?, name = ?, description = ?, plan = ?, managing_organization_id = ?, settings = ?,
		 updated_at = ?, version = ?`,
		[]any{w.Slug, w.Name, w.Description, string(w.Plan), nullable(w.ManagingOrganizationID), settings,
			formatTime(w.UpdatedAt), w.Version},
		taken(alreadyExists("workspace slug %q already exists", w.Slug),
			`SELECT 1 FROM workspaces WHERE slug = ? AND id <> ?`, w.Slug, w.ID),
		missingRef(w.ManagingOrganizationID, platform.NotFound("organization", w.ManagingOrganizationID),
			`SELECT 1 FROM organizations WHERE id = ?`),
	)
}

// DeleteWorkspace relies on ON DELETE CASCADE for everything in the workspace; audit events
// have no foreign key and stay. It is refused while another workspace runs one of its products.
func (t *tx) DeleteWorkspace(id string) error {
	return t.remove(row{kind: "workspace", ref: id, table: "workspaces", where: "id = ?", args: []any{id}},
		taken(platform.Errorf(platform.CodeFailedPrecondition, "workspace %q has products installed in other workspaces", id),
			`SELECT 1 FROM installations i JOIN products p ON p.id = i.source_product_id
			 WHERE p.workspace_id = ? AND i.workspace_id <> p.workspace_id`, id),
	)
}

func (t *tx) WorkspaceUsage(workspaceID string) (platform.Usage, error) {
	u, err := one(t, "workspace", workspaceID,
		func(s scanner, u *platform.Usage) error {
			return s.Scan(&u.Projects, &u.Members, &u.APIKeys, &u.Regions, &u.Clusters, &u.CustomRoles,
				&u.Products, &u.Installations, &u.Deployments, &u.Secrets, &u.GitHubInstallations, &u.PaidListedProducts)
		},
		`SELECT
		     (SELECT COUNT(*) FROM projects WHERE workspace_id = w.id),
		     (SELECT COUNT(*) FROM workspace_members WHERE workspace_id = w.id),
		     (SELECT COUNT(*) FROM api_keys WHERE workspace_id = w.id),
		     (SELECT COUNT(*) FROM regions WHERE workspace_id = w.id),
		     (SELECT COUNT(*) FROM clusters WHERE workspace_id = w.id),
		     (SELECT COUNT(*) FROM roles WHERE workspace_id = w.id),
		     (SELECT COUNT(*) FROM products WHERE workspace_id = w.id),
		     (SELECT COUNT(*) FROM installations WHERE workspace_id = w.id),
		     (SELECT COUNT(*) FROM deployments WHERE workspace_id = w.id),
		     (SELECT COUNT(*) FROM secrets WHERE workspace_id = w.id),
		     (SELECT COUNT(*) FROM github_installations WHERE workspace_id = w.id),
		     (SELECT COUNT(*) FROM products WHERE workspace_id = w.id AND visibility = 'listed' AND price_amount_cents > 0)
		 FROM workspaces w WHERE w.id = ?`, workspaceID)
	if err != nil {
		return platform.Usage{}, err
	}
	return *u, nil
}
