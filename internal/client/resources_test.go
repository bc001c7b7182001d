package client_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// Happy paths, one test per resource file: create, get by id and by slug/name/e-mail, list
// page by page and iterate, update with the version read, delete.

func TestMe(t *testing.T) {
	t.Parallel()
	e := setup(t, "")
	me := must(e.c.Me.Get(ctx(t)))(t)
	if me.Type != client.PrincipalUser || me.Email != e.owner || me.UserID == "" || me.TokenID == "" {
		t.Errorf("user me: %+v", me)
	}
	key := must(e.c.APIKeys.Create(ctx(t), "acme", client.APIKeyCreateOptions{Name: "ci", Access: client.AccessReadOnly}))(t)
	kme := must(newClient(t, fastConfig(e.srv.URL, key.Secret.Reveal(), nil)).Me.Get(ctx(t)))(t)
	if kme.Type != client.PrincipalAPIKey || kme.APIKeyID != key.ID || kme.WorkspaceSlug != "acme" || kme.Access != string(client.AccessReadOnly) {
		t.Errorf("api key me: %+v", kme)
	}
}

func TestTokens(t *testing.T) {
	t.Parallel()
	e := setup(t, "")
	c := ctx(t)
	tok := must(e.c.Tokens.Create(c, client.TokenCreateOptions{Name: "laptop"}))(t)
	if tok.ID == "" || tok.Name != "laptop" || !strings.HasPrefix(tok.Secret.Reveal(), "pt_") || !strings.HasPrefix(tok.Secret.Reveal(), tok.Prefix) {
		t.Fatalf("created token: %+v", tok)
	}
	laptop := newClient(t, fastConfig(e.srv.URL, tok.Secret.Reveal(), nil))
	if me := must(laptop.Me.Get(c))(t); me.TokenID != tok.ID {
		t.Errorf("new token authenticates as %+v", me)
	}
	page := must(e.c.Tokens.List(c, client.ListOptions{PageSize: 1}))(t)
	if len(page.Items) != 1 || page.NextPageToken == "" {
		t.Errorf("first page: %+v", page)
	}
	all := must(client.Collect(e.c.Tokens.All(c)))(t)
	if !slices.ContainsFunc(all, func(x client.UserToken) bool { return x.ID == tok.ID }) || len(all) < 2 {
		t.Errorf("all tokens: %+v", all)
	}
	if got := must(e.c.Tokens.Get(c, tok.ID))(t); got.ID != tok.ID || got.Name != tok.Name {
		t.Errorf("get token: %+v", got)
	}
	if err := e.c.Tokens.Delete(c, tok.ID); err != nil {
		t.Fatal(err)
	}
	_, err := laptop.Me.Get(c)
	wantCode(t, err, client.ErrUnauthenticated)

	admin := newClient(t, fastConfig(e.srv.URL, e.srv.AdminToken, nil))
	minted := must(admin.Tokens.CreateForUser(c, "Dave+test@Example.com", client.TokenCreateOptions{Name: "demo"}))(t)
	if me := must(newClient(t, fastConfig(e.srv.URL, minted.Secret.Reveal(), nil)).Me.Get(c))(t); !strings.EqualFold(me.Email, "dave+test@example.com") {
		t.Errorf("minted token is %+v", me)
	}
	_, err = e.c.Tokens.CreateForUser(c, "eve@example.com", client.TokenCreateOptions{Name: "x"})
	wantCode(t, err, client.ErrPermissionDenied)
}

func TestOrganizations(t *testing.T) {
	t.Parallel()
	e := setup(t, "")
	c := ctx(t)
	org := must(e.c.Organizations.Create(c, client.OrganizationCreateOptions{Slug: "acme-inc", Name: "Acme Inc"}))(t)
	must(e.c.Organizations.Create(c, client.OrganizationCreateOptions{Slug: "other-inc", Name: "Other"}))(t)
	if org.ID == "" || org.Version != 1 {
		t.Fatalf("created: %+v", org)
	}
	byID := must(e.c.Organizations.Get(c, org.ID))(t)
	bySlug := must(e.c.Organizations.Get(c, "acme-inc"))(t)
	if *byID != *org || *bySlug != *org {
		t.Errorf("get: %+v %+v, want %+v", byID, bySlug, org)
	}
	page := must(e.c.Organizations.List(c, client.ListOptions{PageSize: 1}))(t)
	next := must(e.c.Organizations.List(c, client.ListOptions{PageSize: 1, PageToken: page.NextPageToken}))(t)
	if len(page.Items) != 1 || page.Items[0].ID != org.ID || len(next.Items) != 1 || next.NextPageToken != "" {
		t.Errorf("pages: %+v then %+v", page, next)
	}
	if all := must(client.Collect(e.c.Organizations.All(c)))(t); len(all) != 2 {
		t.Errorf("all: %d", len(all))
	}
	_, err := e.c.Organizations.Update(c, org.ID, client.OrganizationUpdateOptions{Name: client.String("X"), IfVersion: org.Version + 1})
	wantCode(t, err, client.ErrAborted)
	upd := must(e.c.Organizations.Update(c, org.ID, client.OrganizationUpdateOptions{Name: client.String("Acme, Inc."), IfVersion: org.Version}))(t)
	if upd.Name != "Acme, Inc." || upd.Slug != "acme-inc" || upd.Version != org.Version+1 {
		t.Errorf("update: %+v", upd)
	}
	wantCode(t, e.c.Organizations.Delete(c, "acme-inc", org.Version), client.ErrAborted)
	if err := e.c.Organizations.Delete(c, "acme-inc", upd.Version); err != nil {
		t.Fatal(err)
	}
	_, err = e.c.Organizations.Get(c, org.ID)
	wantCode(t, err, client.ErrNotFound)
}

func TestOrganizationMembers(t *testing.T) {
	t.Parallel()
	e := setup(t, "")
	c := ctx(t)
	must(e.c.Organizations.Create(c, client.OrganizationCreateOptions{Slug: "acme-inc", Name: "Acme Inc"}))(t)
	m := must(e.c.OrganizationMembers.Create(c, "acme-inc", client.OrganizationMemberCreateOptions{Email: "bob@example.com", Role: client.OrganizationRoleMember}))(t)
	if m.UserID == "" || m.Role != client.OrganizationRoleMember || m.Email != "bob@example.com" {
		t.Fatalf("created: %+v", m)
	}
	for _, ref := range []string{m.UserID, "bob@example.com", "Bob@Example.COM"} {
		if got := must(e.c.OrganizationMembers.Get(c, "acme-inc", ref))(t); got.UserID != m.UserID {
			t.Errorf("get %q: %+v", ref, got)
		}
	}
	page := must(e.c.OrganizationMembers.List(c, "acme-inc", client.ListOptions{}))(t)
	all := must(client.Collect(e.c.OrganizationMembers.All(c, "acme-inc")))(t)
	if len(page.Items) != 2 || len(all) != 2 {
		t.Errorf("list %d, all %d, want owner and bob", len(page.Items), len(all))
	}
	upd := must(e.c.OrganizationMembers.Update(c, "acme-inc", "bob@example.com", client.OrganizationMemberUpdateOptions{
		Role: client.String(client.OrganizationRoleOwner), IfVersion: m.Version,
	}))(t)
	if upd.Role != client.OrganizationRoleOwner || upd.Version != m.Version+1 {
		t.Errorf("update: %+v", upd)
	}
	if err := e.c.OrganizationMembers.Delete(c, "acme-inc", m.UserID, upd.Version); err != nil {
		t.Fatal(err)
	}
	_, err := e.c.OrganizationMembers.Get(c, "acme-inc", m.UserID)
	wantCode(t, err, client.ErrNotFound)
}

func TestWorkspaces(t *testing.T) {
	t.Parallel()
	e := setup(t, "")
	c := ctx(t)
	if got := must(e.c.Workspaces.Get(c, e.ws.ID))(t); got.Slug != "acme" || got.Plan != client.PlanFree {
		t.Errorf("get by id: %+v", got)
	}
	beta := must(e.c.Workspaces.Create(c, client.WorkspaceCreateOptions{
		Slug: "beta", Name: "Beta", Description: "second", Settings: map[string]string{"region": "eu"},
	}))(t)
	if got := must(e.c.Workspaces.Get(c, "beta"))(t); got.ID != beta.ID || got.Settings["region"] != "eu" {
		t.Errorf("get by slug: %+v", got)
	}
	dry := must(e.c.Workspaces.Create(client.WithValidateOnly(c), client.WorkspaceCreateOptions{Slug: "gamma", Name: "Gamma"}))(t)
	if dry.ID != "" || dry.Slug != "gamma" {
		t.Errorf("dry run: %+v", dry)
	}
	page := must(e.c.Workspaces.List(c, client.ListOptions{PageSize: 1}))(t)
	next := must(e.c.Workspaces.List(c, client.ListOptions{PageSize: 1, PageToken: page.NextPageToken}))(t)
	if page.Items[0].Slug != "acme" || next.Items[0].Slug != "beta" || next.NextPageToken != "" {
		t.Errorf("pages: %+v then %+v", page, next)
	}
	if all := must(client.Collect(e.c.Workspaces.All(c)))(t); len(all) != 2 {
		t.Errorf("all: %d workspaces (the dry run must create nothing)", len(all))
	}
	settings := map[string]string{"tier": "gold"}
	upd := must(e.c.Workspaces.Update(c, "beta", client.WorkspaceUpdateOptions{
		Description: client.String(""), Settings: &settings, IfVersion: beta.Version,
	}))(t)
	if upd.Description != "" || upd.Name != "Beta" || upd.Settings["tier"] != "gold" || len(upd.Settings) != 1 || upd.Version != beta.Version+1 {
		t.Errorf("update: %+v", upd)
	}

	must(e.c.WorkspaceMembers.Create(c, "beta", client.WorkspaceMemberCreateOptions{Email: "bob@example.com", Role: client.RoleAdmin}))(t)
	owner := must(e.c.Workspaces.TransferOwnership(c, "beta", client.TransferOwnershipOptions{Email: "bob@example.com"}))(t)
	if owner.Role != client.RoleOwner || owner.Email != "bob@example.com" {
		t.Errorf("transfer: %+v", owner)
	}

	// The previous owner is no longer owner, so the new one deletes.
	bob := e.clientFor(t, "bob@example.com")
	must(bob.Projects.Create(c, "beta", client.ProjectCreateOptions{Slug: "web", Name: "Web"}))(t)
	wantCode(t, bob.Workspaces.Delete(c, "beta", client.WorkspaceDeleteOptions{}), client.ErrFailedPrecondition)
	if err := bob.Workspaces.Delete(c, "beta", client.WorkspaceDeleteOptions{Force: true}); err != nil {
		t.Fatal(err)
	}
	_, err := bob.Workspaces.Get(c, "beta")
	wantCode(t, err, client.ErrNotFound)
}

func TestWorkspaceMembers(t *testing.T) {
	t.Parallel()
	e := setup(t, "")
	c := ctx(t)
	const email = "alice+ops@example.com" // '+' must survive path escaping
	m := must(e.c.WorkspaceMembers.Create(c, "acme", client.WorkspaceMemberCreateOptions{Email: email, Role: client.RoleViewer}))(t)
	if m.Status != client.MemberInvited || m.Role != client.RoleViewer || m.UserID == "" {
		t.Fatalf("invited: %+v", m)
	}
	must(e.clientFor(t, email).Workspaces.Get(c, "acme"))(t) // alice uses the workspace once
	for _, ref := range []string{m.UserID, email} {
		got := must(e.c.WorkspaceMembers.Get(c, "acme", ref))(t)
		if got.UserID != m.UserID || got.Status != client.MemberActive {
			t.Errorf("get %q: %+v", ref, got)
		}
	}
	page := must(e.c.WorkspaceMembers.List(c, "acme", client.ListOptions{PageSize: 1}))(t)
	all := must(client.Collect(e.c.WorkspaceMembers.All(c, "acme")))(t)
	if len(page.Items) != 1 || page.NextPageToken == "" || len(all) != 2 || all[1].Email != email {
		t.Errorf("list: %+v; all: %+v", page, all)
	}
	upd := must(e.c.WorkspaceMembers.Update(c, "acme", email, client.WorkspaceMemberUpdateOptions{Role: client.String(client.RoleMember), IfVersion: m.Version}))(t)
	if upd.Role != client.RoleMember || upd.Version != m.Version+1 {
		t.Errorf("update: %+v", upd)
	}
	if err := e.c.WorkspaceMembers.Delete(c, "acme", email, upd.Version); err != nil {
		t.Fatal(err)
	}
	_, err := e.c.WorkspaceMembers.Get(c, "acme", m.UserID)
	wantCode(t, err, client.ErrNotFound)
}

func TestProjects(t *testing.T) {
	t.Parallel()
	e := setup(t, client.PlanPro)
	c := ctx(t)
	var created []*client.Project
	for _, slug := range []string{"p-one", "p-two", "p-three", "p-four", "p-five"} {
		created = append(created, must(e.c.Projects.Create(c, "acme", client.ProjectCreateOptions{Slug: slug, Name: strings.ToUpper(slug), Description: "d"}))(t))
	}
	web := created[0]
	if web.ID == "" || web.WorkspaceID != e.ws.ID || web.Description != "d" || web.Version != 1 || web.CreatedAt.IsZero() {
		t.Fatalf("created: %+v", web)
	}
	for _, ref := range []string{web.ID, "p-one"} {
		if got := must(e.c.Projects.Get(c, e.ws.ID, ref))(t); *got != *web {
			t.Errorf("get %q: %+v", ref, got)
		}
	}
	// Page by page, in creation order.
	var slugs []string
	opts := client.ListOptions{PageSize: 2}
	pages := 0
	for {
		page := must(e.c.Projects.List(c, "acme", opts))(t)
		pages++
		for _, p := range page.Items {
			slugs = append(slugs, p.Slug)
		}
		if page.NextPageToken == "" {
			break
		}
		opts.PageToken = page.NextPageToken
	}
	if pages != 3 || strings.Join(slugs, ",") != "p-one,p-two,p-three,p-four,p-five" {
		t.Errorf("%d pages: %v", pages, slugs)
	}
	n := 0
	for p, err := range e.c.Projects.All(c, "acme") {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 3 {
			if p.Slug != "p-three" {
				t.Errorf("third project %q", p.Slug)
			}
			break // stopping early must be safe
		}
	}
	upd := must(e.c.Projects.Update(c, "acme", "p-one", client.ProjectUpdateOptions{Slug: client.String("web"), IfVersion: web.Version}))(t)
	if upd.Slug != "web" || upd.Name != "P-ONE" || upd.Version != 2 {
		t.Errorf("update: %+v", upd)
	}
	acc := must(e.c.Projects.Access(c, "acme", "web", e.owner))(t)
	if acc.Role != client.ProjectRoleAdmin || acc.Source != client.SourceOwner || !slices.Contains(acc.Permissions, "project.delete") {
		t.Errorf("owner access: %+v", acc)
	}
	if err := e.c.Projects.Delete(client.WithValidateOnly(c), "acme", "web", upd.Version); err != nil {
		t.Fatalf("dry-run delete: %v", err)
	}
	must(e.c.Projects.Get(c, "acme", "web"))(t) // still there
	if err := e.c.Projects.Delete(c, "acme", "web", upd.Version); err != nil {
		t.Fatal(err)
	}
	_, err := e.c.Projects.Get(c, "acme", web.ID)
	wantCode(t, err, client.ErrNotFound)
	// Refs are escaped as one path segment: the server sees the whole odd ref.
	_, err = e.c.Projects.Get(c, "acme", "no such/slug?x=1#y%2F")
	if apiErr := wantCode(t, err, client.ErrNotFound); !strings.Contains(apiErr.Message, `"no such/slug?x=1#y%2F"`) {
		t.Errorf("odd ref reached the server as %q", apiErr.Message)
	}
	_, err = e.c.Projects.Get(c, "acme", "")
	if !errors.Is(err, client.ErrInvalidArgument) {
		t.Errorf("empty ref: %v", err)
	}
}

func TestProjectMembers(t *testing.T) {
	t.Parallel()
	e := setup(t, "")
	c := ctx(t)
	must(e.c.Projects.Create(c, "acme", client.ProjectCreateOptions{Slug: "web", Name: "Web"}))(t)
	bob := must(e.c.WorkspaceMembers.Create(c, "acme", client.WorkspaceMemberCreateOptions{Email: "bob@example.com", Role: client.RoleViewer}))(t)
	carol := must(e.c.WorkspaceMembers.Create(c, "acme", client.WorkspaceMemberCreateOptions{Email: "carol@example.com", Role: client.RoleViewer}))(t)

	_, err := e.c.ProjectMembers.Create(c, "acme", "web", client.ProjectMemberCreateOptions{Email: "stranger@example.com", Role: client.ProjectRoleViewer})
	wantCode(t, err, client.ErrFailedPrecondition)
	pm := must(e.c.ProjectMembers.Create(c, "acme", "web", client.ProjectMemberCreateOptions{Email: "bob@example.com", Role: client.ProjectRoleAdmin}))(t)
	must(e.c.ProjectMembers.Create(c, "acme", "web", client.ProjectMemberCreateOptions{UserID: carol.UserID, Role: client.ProjectRoleViewer}))(t)
	if pm.UserID != bob.UserID || pm.Role != client.ProjectRoleAdmin {
		t.Fatalf("created: %+v", pm)
	}
	for _, ref := range []string{bob.UserID, "bob@example.com"} {
		if got := must(e.c.ProjectMembers.Get(c, "acme", "web", ref))(t); got.UserID != bob.UserID {
			t.Errorf("get %q: %+v", ref, got)
		}
	}
	page := must(e.c.ProjectMembers.List(c, "acme", "web", client.ListOptions{PageSize: 1}))(t)
	all := must(client.Collect(e.c.ProjectMembers.All(c, "acme", "web")))(t)
	if len(page.Items) != 1 || page.NextPageToken == "" || len(all) != 2 {
		t.Errorf("list: %+v; all: %d", page, len(all))
	}
	acc := must(e.c.Projects.Access(c, "acme", "web", "bob@example.com"))(t)
	if acc.Role != client.ProjectRoleAdmin || acc.Source != client.SourceOverride {
		t.Errorf("access: %+v", acc)
	}
	upd := must(e.c.ProjectMembers.Update(c, "acme", "web", bob.UserID, client.ProjectMemberUpdateOptions{Role: client.String(client.ProjectRoleMember), IfVersion: pm.Version}))(t)
	if upd.Role != client.ProjectRoleMember || upd.Version != pm.Version+1 {
		t.Errorf("update: %+v", upd)
	}
	if err := e.c.ProjectMembers.Delete(c, "acme", "web", "bob@example.com", upd.Version); err != nil {
		t.Fatal(err)
	}
	_, err = e.c.ProjectMembers.Get(c, "acme", "web", bob.UserID)
	wantCode(t, err, client.ErrNotFound)
}

func TestRoles(t *testing.T) {
	t.Parallel()
	e := setup(t, client.PlanEnterprise)
	c := ctx(t)
	r := must(e.c.Roles.Create(c, "acme", client.RoleCreateOptions{Name: "deployer", Description: "ships", Permissions: []string{"projects.create", "project.read"}}))(t)
	if !strings.HasPrefix(r.ID, "role_") || !slices.Contains(r.Permissions, "projects.create") {
		t.Fatalf("created: %+v", r)
	}
	must(e.c.Roles.Create(c, "acme", client.RoleCreateOptions{Name: "auditor", Permissions: []string{"members.read"}}))(t)
	for _, ref := range []string{r.ID, "deployer"} {
		if got := must(e.c.Roles.Get(c, "acme", ref))(t); got.ID != r.ID || got.Description != "ships" {
			t.Errorf("get %q: %+v", ref, got)
		}
	}
	page := must(e.c.Roles.List(c, "acme", client.ListOptions{PageSize: 1}))(t)
	all := must(client.Collect(e.c.Roles.All(c, "acme")))(t)
	if len(page.Items) != 1 || page.NextPageToken == "" || len(all) != 2 {
		t.Errorf("list: %+v; all: %d", page, len(all))
	}
	m := must(e.c.WorkspaceMembers.Create(c, "acme", client.WorkspaceMemberCreateOptions{Email: "bob@example.com", Role: r.ID}))(t)
	if m.Role != r.ID {
		t.Errorf("member with custom role: %+v", m)
	}
	perms := []string{"project.read"}
	upd := must(e.c.Roles.Update(c, "acme", "deployer", client.RoleUpdateOptions{Permissions: &perms, IfVersion: r.Version}))(t)
	if len(upd.Permissions) != 1 || upd.Name != "deployer" || upd.Version != r.Version+1 {
		t.Errorf("update: %+v", upd)
	}
	wantCode(t, e.c.Roles.Delete(c, "acme", r.ID, 0), client.ErrFailedPrecondition) // still assigned
	if err := e.c.WorkspaceMembers.Delete(c, "acme", m.UserID, 0); err != nil {
		t.Fatal(err)
	}
	if err := e.c.Roles.Delete(c, "acme", "deployer", upd.Version); err != nil {
		t.Fatal(err)
	}
	_, err := e.c.Roles.Get(c, "acme", r.ID)
	wantCode(t, err, client.ErrNotFound)
}

func TestAPIKeys(t *testing.T) {
	t.Parallel()
	e := setup(t, "")
	c := ctx(t)
	k := must(e.c.APIKeys.Create(c, "acme", client.APIKeyCreateOptions{Name: "deploy", Access: client.AccessReadWrite}))(t)
	secret := k.Secret.Reveal()
	if !strings.HasPrefix(k.ID, "key_") || !strings.HasPrefix(secret, "pk_") || k.Prefix != secret[:12] || k.Access != client.AccessReadWrite {
		t.Fatalf("created: %+v", k)
	}
	must(e.c.APIKeys.Create(c, "acme", client.APIKeyCreateOptions{Name: "read", Access: client.AccessReadOnly}))(t)
	if got := must(e.c.APIKeys.Get(c, "acme", k.ID))(t); *got != k.APIKey {
		t.Errorf("get: %+v, want %+v", got, k.APIKey)
	}
	page := must(e.c.APIKeys.List(c, "acme", client.ListOptions{PageSize: 1}))(t)
	all := must(client.Collect(e.c.APIKeys.All(c, "acme")))(t)
	if len(page.Items) != 1 || page.NextPageToken == "" || len(all) != 2 {
		t.Errorf("list: %+v; all: %d", page, len(all))
	}
	upd := must(e.c.APIKeys.Update(c, "acme", k.ID, client.APIKeyUpdateOptions{Name: client.String("deployer"), IfVersion: k.Version}))(t)
	if upd.Name != "deployer" || upd.Version != k.Version+1 || upd.Prefix != k.Prefix {
		t.Errorf("update: %+v", upd)
	}
	rot := must(e.c.APIKeys.Rotate(c, "acme", k.ID, client.APIKeyRotateOptions{GracePeriodSeconds: 60}))(t)
	if rot.Secret == k.Secret || rot.Prefix != rot.Secret.Reveal()[:12] {
		t.Fatalf("rotated: %+v", rot)
	}
	for _, s := range []string{secret, rot.Secret.Reveal()} { // both work during the grace period
		if me := must(newClient(t, fastConfig(e.srv.URL, s, nil)).Me.Get(c))(t); me.APIKeyID != k.ID {
			t.Errorf("secret authenticates as %+v", me)
		}
	}
	if err := e.c.APIKeys.Delete(c, "acme", k.ID, rot.Version); err != nil {
		t.Fatal(err)
	}
	_, err := newClient(t, fastConfig(e.srv.URL, rot.Secret.Reveal(), nil)).Me.Get(c)
	wantCode(t, err, client.ErrUnauthenticated)
	_, err = e.c.APIKeys.Get(c, "acme", k.ID)
	wantCode(t, err, client.ErrNotFound)
}

func TestRegions(t *testing.T) {
	t.Parallel()
	e := setup(t, "")
	c := ctx(t)
	r := must(e.c.Regions.Create(c, "acme", client.RegionCreateOptions{Name: "eu-west", Description: "Europe"}))(t)
	must(e.c.Regions.Create(c, "acme", client.RegionCreateOptions{Name: "us-east"}))(t)
	for _, ref := range []string{r.ID, "eu-west"} {
		if got := must(e.c.Regions.Get(c, "acme", ref))(t); *got != *r {
			t.Errorf("get %q: %+v", ref, got)
		}
	}
	page := must(e.c.Regions.List(c, "acme", client.ListOptions{PageSize: 1}))(t)
	all := must(client.Collect(e.c.Regions.All(c, "acme")))(t)
	if len(page.Items) != 1 || page.NextPageToken == "" || len(all) != 2 {
		t.Errorf("list: %+v; all: %d", page, len(all))
	}
	upd := must(e.c.Regions.Update(c, "acme", "eu-west", client.RegionUpdateOptions{Name: client.String("eu-central"), IfVersion: r.Version}))(t)
	if upd.Name != "eu-central" || upd.Description != "Europe" || upd.Version != r.Version+1 {
		t.Errorf("update: %+v", upd)
	}
	if err := e.c.Regions.Delete(c, "acme", "eu-central", upd.Version); err != nil {
		t.Fatal(err)
	}
	_, err := e.c.Regions.Get(c, "acme", r.ID)
	wantCode(t, err, client.ErrNotFound)
}

func TestUsage(t *testing.T) {
	t.Parallel()
	e := setup(t, "")
	c := ctx(t)
	must(e.c.Projects.Create(c, "acme", client.ProjectCreateOptions{Slug: "web", Name: "Web"}))(t)
	must(e.c.Regions.Create(c, "acme", client.RegionCreateOptions{Name: "eu-west"}))(t)
	u := must(e.c.Usage.Get(c, "acme"))(t)
	if u.Plan != client.PlanFree || u.Limits.Projects != 3 || u.Limits.CustomRoles != 0 || u.Usage.Projects != 1 ||
		u.Usage.Regions != 1 || u.Usage.Members != 1 {
		t.Errorf("usage: %+v", u)
	}
}

func TestAuditEvents(t *testing.T) {
	t.Parallel()
	e := setup(t, "")
	c := ctx(t)
	prj := must(e.c.Projects.Create(c, "acme", client.ProjectCreateOptions{Slug: "web", Name: "Web"}))(t)
	me := must(e.c.Me.Get(c))(t)
	page := must(e.c.AuditEvents.List(c, "acme", client.ListOptions{PageSize: 1}))(t)
	if len(page.Items) != 1 || page.NextPageToken == "" {
		t.Errorf("first page: %+v", page)
	}
	var found *client.AuditEvent
	for ev, err := range e.c.AuditEvents.All(c, "acme") {
		if err != nil {
			t.Fatal(err)
		}
		if ev.Action == "project.create" {
			found = ev
		}
	}
	if found == nil || found.Target != prj.ID || found.Actor != me.UserID || found.At.IsZero() || !strings.HasPrefix(found.ID, "evt_") {
		t.Errorf("project.create event: %+v", found)
	}
}

func TestKubernetesVersions(t *testing.T) {
	t.Parallel()
	e := setup(t, "")
	v := must(e.c.KubernetesVersions.List(ctx(t)))(t)
	if len(v) == 0 || !slices.Contains(v, "1.29") || !slices.Contains(v, "1.30") {
		t.Errorf("versions: %v", v)
	}
}
