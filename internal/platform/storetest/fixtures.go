package storetest

import (
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// Builders: each creates one object in its own transaction, checks that Create* filled Seq
// and changed nothing else, and returns the object as stored (without joined fields).

// stored stamps x (whose metadata is m) as new, creates it with create in its own transaction
// and checks that the create filled Seq and changed nothing else.
func stored[T any](e *env, what string, x *T, m *platform.Meta, create func(tx platform.Tx) error) {
	e.t.Helper()
	m.Stamp(e.now())
	before := *x
	e.update(create)
	created(e.t, what, before, *x, m.Seq)
}

func (e *env) user(email string) *platform.User {
	e.t.Helper()
	u := &platform.User{ID: platform.NewID(platform.PrefixUser), Email: email}
	stored(e, "user", u, &u.Meta, func(tx platform.Tx) error { return tx.CreateUser(u) })
	return u
}

func (e *env) activeUser(email string) *platform.User {
	e.t.Helper()
	u := &platform.User{ID: platform.NewID(platform.PrefixUser), Email: email, Active: true}
	u.Stamp(e.now())
	e.update(func(tx platform.Tx) error { return tx.CreateUser(u) })
	return u
}

func (e *env) userToken(u *platform.User, name, secret string) *platform.UserToken {
	e.t.Helper()
	k := &platform.UserToken{ID: platform.NewID(platform.PrefixUserToken), UserID: u.ID, Name: name,
		Prefix: platform.DisplayPrefix(secret), SecretHash: platform.HashSecret(secret)}
	stored(e, "user token", k, &k.Meta, func(tx platform.Tx) error { return tx.CreateUserToken(k) })
	return k
}

func (e *env) org(slug string) *platform.Organization {
	e.t.Helper()
	o := &platform.Organization{ID: platform.NewID(platform.PrefixOrganization), Slug: slug, Name: "Org " + slug}
	stored(e, "organization", o, &o.Meta, func(tx platform.Tx) error { return tx.CreateOrganization(o) })
	return o
}

func (e *env) orgMember(o *platform.Organization, u *platform.User, role string) *platform.OrganizationMember {
	e.t.Helper()
	m := &platform.OrganizationMember{OrganizationID: o.ID, UserID: u.ID, Role: role}
	stored(e, "organization member", m, &m.Meta, func(tx platform.Tx) error { return tx.CreateOrganizationMember(m) })
	m.Email = u.Email
	return m
}

func (e *env) workspace(slug string, opts ...func(*platform.Workspace)) *platform.Workspace {
	e.t.Helper()
	w := &platform.Workspace{ID: platform.NewID(platform.PrefixWorkspace), Slug: slug, Name: "Workspace " + slug,
		Description: "the " + slug + " workspace", Plan: platform.PlanEnterprise, Settings: map[string]string{"tier": "gold"}}
	for _, o := range opts {
		o(w)
	}
	stored(e, "workspace", w, &w.Meta, func(tx platform.Tx) error { return tx.CreateWorkspace(w) })
	return w
}

func managedBy(o *platform.Organization) func(*platform.Workspace) {
	return func(w *platform.Workspace) { w.ManagingOrganizationID = o.ID }
}

func (e *env) member(w *platform.Workspace, u *platform.User, role string) *platform.WorkspaceMember {
	e.t.Helper()
	// An active user's fixture membership is active, as if they had used the workspace.
	m := &platform.WorkspaceMember{WorkspaceID: w.ID, UserID: u.ID, Role: role, Status: platform.MemberInvited}
	if u.Active {
		m.Status = platform.MemberActive
	}
	stored(e, "workspace member", m, &m.Meta, func(tx platform.Tx) error { return tx.CreateWorkspaceMember(m) })
	m.Email = u.Email
	return m
}

func (e *env) project(w *platform.Workspace, slug string) *platform.Project {
	e.t.Helper()
	p := &platform.Project{ID: platform.NewID(platform.PrefixProject), WorkspaceID: w.ID, Slug: slug,
		Name: "Project " + slug, Description: "the " + slug + " project"}
	stored(e, "project", p, &p.Meta, func(tx platform.Tx) error { return tx.CreateProject(p) })
	return p
}

func (e *env) projectMember(p *platform.Project, u *platform.User, role string) *platform.ProjectMember {
	e.t.Helper()
	m := &platform.ProjectMember{WorkspaceID: p.WorkspaceID, ProjectID: p.ID, UserID: u.ID, Role: role}
	stored(e, "project member", m, &m.Meta, func(tx platform.Tx) error { return tx.CreateProjectMember(m) })
	m.Email = u.Email
	return m
}

func (e *env) role(w *platform.Workspace, name string, perms ...platform.Permission) *platform.Role {
	e.t.Helper()
	r := &platform.Role{ID: platform.NewID(platform.PrefixRole), WorkspaceID: w.ID, Name: name,
		Description: "role " + name, Permissions: perms}
	stored(e, "role", r, &r.Meta, func(tx platform.Tx) error { return tx.CreateRole(r) })
	if r.Permissions == nil {
		r.Permissions = []platform.Permission{}
	}
	return r
}

func (e *env) apiKey(w *platform.Workspace, name, secret string) *platform.APIKey {
	e.t.Helper()
	k := &platform.APIKey{ID: platform.NewID(platform.PrefixAPIKey), WorkspaceID: w.ID, Name: name,
		Access: platform.AccessReadWrite, Prefix: platform.DisplayPrefix(secret), CreatedBy: "usr_creator",
		SecretHash: platform.HashSecret(secret)}
	stored(e, "api key", k, &k.Meta, func(tx platform.Tx) error { return tx.CreateAPIKey(k) })
	return k
}

func (e *env) region(w *platform.Workspace, name string) *platform.Region {
	e.t.Helper()
	r := &platform.Region{ID: platform.NewID(platform.PrefixRegion), WorkspaceID: w.ID, Name: name,
		Description: "region " + name}
	stored(e, "region", r, &r.Meta, func(tx platform.Tx) error { return tx.CreateRegion(r) })
	return r
}

func newCluster(w *platform.Workspace, name string) *platform.Cluster {
	return &platform.Cluster{ID: platform.NewID(platform.PrefixCluster), WorkspaceID: w.ID, Name: name,
		Cloud: platform.CloudHetzner, Location: "fsn1", KubernetesVersion: "1.31",
		NodePools: []platform.NodePool{
			{Name: "system", MachineType: "cx22", MinNodes: 1, MaxNodes: 3},
			{Name: "work", MachineType: "cx42", MinNodes: 0, MaxNodes: 10},
		},
		Status: platform.ClusterProvisioning}
}

func (e *env) cluster(w *platform.Workspace, name string, opts ...func(*platform.Cluster)) *platform.Cluster {
	e.t.Helper()
	c := newCluster(w, name)
	for _, o := range opts {
		o(c)
	}
	stored(e, "cluster", c, &c.Meta, func(tx platform.Tx) error { return tx.CreateCluster(c) })
	return c
}

func inRegion(r *platform.Region) func(*platform.Cluster) {
	return func(c *platform.Cluster) { c.RegionID = r.ID }
}

func inProject(p *platform.Project) func(*platform.Cluster) {
	return func(c *platform.Cluster) { c.ProjectID = p.ID }
}

func (e *env) operation(w *platform.Workspace, status string, target *platform.Cluster) *platform.Operation {
	e.t.Helper()
	o := &platform.Operation{ID: platform.NewID(platform.PrefixOperation), WorkspaceID: w.ID,
		Kind: platform.OpClusterCreate, Status: status}
	if target != nil {
		// The target is desired state, not a stored row: its Seq means nothing there.
		desired := *target
		desired.Seq = 0
		if err := o.SetTarget(&desired); err != nil {
			e.t.Fatal(err)
		}
		o.TargetID = target.ID
	}
	o.Stamp(e.now())
	o.DueAt = o.CreatedAt.Add(2500 * time.Millisecond)
	before := *o
	e.update(func(tx platform.Tx) error { return tx.CreateOperation(o) })
	created(e.t, "operation", before, *o, o.Seq)
	return o
}

func (e *env) auditEvent(workspaceID, orgID, action string) *platform.AuditEvent {
	e.t.Helper()
	ev := &platform.AuditEvent{ID: platform.NewID(platform.PrefixAuditEvent), WorkspaceID: workspaceID,
		OrganizationID: orgID, Actor: "usr_actor", Action: action, Target: "target-of-" + action, At: e.now()}
	before := *ev
	e.update(func(tx platform.Tx) error { return tx.CreateAuditEvent(ev) })
	created(e.t, "audit event", before, *ev, ev.Seq)
	return ev
}

// Applications (docs/platform.md section 11). Fixtures fill every map and list with something
// non-nil; the tests give nil where they check that it reads back empty.

func newProduct(w *platform.Workspace, slug string) *platform.Product {
	return &platform.Product{ID: platform.NewID(platform.PrefixProduct), WorkspaceID: w.ID, Slug: slug,
		Name: "Product " + slug, Description: "the " + slug + " product", Visibility: platform.VisibilityPrivate,
		Price: platform.DefaultPrice()}
}

func (e *env) product(w *platform.Workspace, slug string, opts ...func(*platform.Product)) *platform.Product {
	e.t.Helper()
	p := newProduct(w, slug)
	for _, o := range opts {
		o(p)
	}
	stored(e, "product", p, &p.Meta, func(tx platform.Tx) error { return tx.CreateProduct(p) })
	return p
}

// listed makes a product listed in the marketplace at a price (0 is free).
func listed(cents int64) func(*platform.Product) {
	return func(p *platform.Product) {
		p.Visibility = platform.VisibilityListed
		p.Price = platform.Price{AmountCents: cents, Currency: "eur", Interval: platform.IntervalYear}
	}
}

func newRelease(p *platform.Product, tag string) *platform.Release {
	return &platform.Release{ID: platform.NewID(platform.PrefixRelease), WorkspaceID: p.WorkspaceID, ProductID: p.ID,
		Tag: tag, Chart: "oci://charts.example.com/" + p.Slug + ":" + tag, Notes: "release " + tag + "\n\n* fixes"}
}

func (e *env) release(p *platform.Product, tag string) *platform.Release {
	e.t.Helper()
	r := newRelease(p, tag)
	stored(e, "release", r, &r.Meta, func(tx platform.Tx) error { return tx.CreateRelease(r) })
	return r
}

func newSecret(w *platform.Workspace, name string, now time.Time) *platform.Secret {
	s := &platform.Secret{ID: platform.NewID(platform.PrefixSecret), WorkspaceID: w.ID, Name: name,
		Description: "secret " + name, ValueVersion: 1, ValueUpdatedAt: now,
		// Sealed values are binary: NUL, bytes that are not UTF-8, a trailing newline.
		SealedValue: []byte("sealed\x00\xff\xfe:" + name + "\n")}
	s.Stamp(now)
	return s
}

func (e *env) secret(w *platform.Workspace, name string) *platform.Secret {
	e.t.Helper()
	s := newSecret(w, name, e.now())
	before := *s
	e.update(func(tx platform.Tx) error { return tx.CreateSecret(s) })
	created(e.t, "secret", before, *s, s.Seq)
	return s
}

func newGitHubInstallation(w *platform.Workspace, githubID int64) *platform.GitHubInstallation {
	return &platform.GitHubInstallation{ID: platform.NewID(platform.PrefixGitHubInstallation), WorkspaceID: w.ID,
		InstallationID: githubID, AccountLogin: "acme-" + w.Slug, AccountType: platform.GitHubAccountOrganization,
		RepositorySelection: platform.RepositorySelectionSelected, Repositories: []string{"acme/web", "acme/api"},
		Status: platform.GitHubActive}
}

func (e *env) githubInstallation(w *platform.Workspace, githubID int64, opts ...func(*platform.GitHubInstallation)) *platform.GitHubInstallation {
	e.t.Helper()
	g := newGitHubInstallation(w, githubID)
	for _, o := range opts {
		o(g)
	}
	stored(e, "github installation", g, &g.Meta, func(tx platform.Tx) error { return tx.CreateGitHubInstallation(g) })
	return g
}

// newInstallation is a direct chart install on c (in c's workspace), in a namespace named
// like the installation.
func newInstallation(c *platform.Cluster, name string) *platform.Installation {
	id := platform.NewID(platform.PrefixInstallation)
	return &platform.Installation{ID: id, WorkspaceID: c.WorkspaceID, Name: name, ClusterID: c.ID, Namespace: name,
		Source: platform.InstallationSource{Chart: "oci://charts.example.com/redis:7.4.0"},
		Values: map[string]string{"replicaCount": "2"}, Secrets: []string{}, Status: platform.InstallationInstalling,
		RepositoryURL: "oci://packages.example.com/" + id}
}

func (e *env) installation(c *platform.Cluster, name string, opts ...func(*platform.Installation)) *platform.Installation {
	e.t.Helper()
	in := newInstallation(c, name)
	for _, o := range opts {
		o(in)
	}
	stored(e, "installation", in, &in.Meta, func(tx platform.Tx) error { return tx.CreateInstallation(in) })
	return in
}

// fromRelease makes an installation run release r (of any workspace's product).
func fromRelease(r *platform.Release) func(*platform.Installation) {
	return func(in *platform.Installation) {
		in.Source = platform.InstallationSource{ProductID: r.ProductID, Tag: r.Tag}
	}
}

func installationSecrets(names ...string) func(*platform.Installation) {
	return func(in *platform.Installation) { in.Secrets = names }
}

// newDeployment is a deployment of an image (no GitHub source) in project p on cluster c.
func newDeployment(p *platform.Project, c *platform.Cluster, name string) *platform.Deployment {
	return &platform.Deployment{ID: platform.NewID(platform.PrefixDeployment), WorkspaceID: p.WorkspaceID,
		ProjectID: p.ID, Name: name, ClusterID: c.ID, Image: "registry.example.com/" + p.Slug + "/" + name + ":1.0.0",
		Replicas: 2, Env: map[string]string{"LOG_LEVEL": "info"}, Secrets: []string{}, Status: platform.DeploymentDeploying,
		Revision: 1, URL: "https://" + name + "." + p.Slug + ".example.com"}
}

func (e *env) deployment(p *platform.Project, c *platform.Cluster, name string, opts ...func(*platform.Deployment)) *platform.Deployment {
	e.t.Helper()
	d := newDeployment(p, c, name)
	for _, o := range opts {
		o(d)
	}
	stored(e, "deployment", d, &d.Meta, func(tx platform.Tx) error { return tx.CreateDeployment(d) })
	return d
}

// fromGitHub makes a deployment follow repository's branch through the connection g.
func fromGitHub(g *platform.GitHubInstallation, repository, branch string) func(*platform.Deployment) {
	return func(d *platform.Deployment) {
		d.Source = &platform.DeploymentSource{GitHubInstallationID: g.ID, Repository: repository, Branch: branch}
		d.CommitSHA = "0123456789abcdef0123456789abcdef01234567"
	}
}

func deploymentSecrets(names ...string) func(*platform.Deployment) {
	return func(d *platform.Deployment) { d.Secrets = names }
}

func (e *env) deploymentLog(d *platform.Deployment, at time.Time, message string) *platform.DeploymentLogLine {
	e.t.Helper()
	l := &platform.DeploymentLogLine{DeploymentID: d.ID, At: at, Revision: d.Revision, Message: message}
	before := *l
	e.update(func(tx platform.Tx) error { return tx.AppendDeploymentLog(l) })
	created(e.t, "deployment log line", before, *l, l.Seq)
	return l
}
