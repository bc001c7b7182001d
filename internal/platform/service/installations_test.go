package service_test

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/service"
)

// Installations (docs/platform.md section 11). Products, releases and secrets have their own
// use cases; these tests put them straight into the store.

// seedProduct stores a product of ws: listed or private, with a price in cents (0 is free).
func (f *fixture) seedProduct(ws *platform.Workspace, vis platform.Visibility, cents int64) *platform.Product {
	f.tb.Helper()
	n := f.seq()
	p := &platform.Product{ID: platform.NewID(platform.PrefixProduct), WorkspaceID: ws.ID, Slug: fmt.Sprintf("prod-%d", n),
		Name: fmt.Sprintf("Product %d", n), Visibility: vis, Price: platform.DefaultPrice()}
	p.Price.AmountCents = cents
	p.Stamp(f.svc.Now())
	must(f.tb, f.store.Update(f.ctx, func(tx platform.Tx) error { return tx.CreateProduct(p) }))
	return p
}

// chartOf is a well-formed chart reference for a product's release.
func chartOf(p *platform.Product, tag string) string {
	return fmt.Sprintf("oci://charts.example.com/%s:%s", p.Slug, tag)
}

// seedRelease stores a release of p with chart (chartOf when empty).
func (f *fixture) seedRelease(p *platform.Product, tag, chart string, yanked bool) *platform.Release {
	f.tb.Helper()
	if chart == "" {
		chart = chartOf(p, tag)
	}
	r := &platform.Release{ID: platform.NewID(platform.PrefixRelease), WorkspaceID: p.WorkspaceID, ProductID: p.ID, Tag: tag,
		Chart: chart, Notes: "notes of " + tag, Yanked: yanked}
	r.Stamp(f.svc.Now())
	must(f.tb, f.store.Update(f.ctx, func(tx platform.Tx) error { return tx.CreateRelease(r) }))
	return r
}

// seedSecret stores a secret of ws (its value is irrelevant here).
func (f *fixture) seedSecret(ws *platform.Workspace, name string) *platform.Secret {
	f.tb.Helper()
	now := f.svc.Now()
	s := &platform.Secret{ID: platform.NewID(platform.PrefixSecret), WorkspaceID: ws.ID, Name: name,
		SealedValue: []byte("sealed"), ValueVersion: 1, ValueUpdatedAt: now}
	s.Stamp(now)
	must(f.tb, f.store.Update(f.ctx, func(tx platform.Tx) error { return tx.CreateSecret(s) }))
	return s
}

// storedProduct reads a product straight from the store (install_count included).
func (f *fixture) storedProduct(p *platform.Product) *platform.Product {
	f.tb.Helper()
	var got *platform.Product
	must(f.tb, f.store.View(f.ctx, func(tx platform.Tx) error {
		var err error
		got, err = tx.GetProduct(p.WorkspaceID, p.ID)
		return err
	}))
	return got
}

// apps is a workspace ready for installations: a team, a running cluster and a private product
// with releases 1.0.0 and 2.0.0.
type apps struct {
	*team
	cluster *platform.Cluster
	product *platform.Product
}

func (f *fixture) apps(plan platform.Plan) *apps {
	f.tb.Helper()
	a := &apps{team: f.team(plan)}
	a.cluster = f.storeClusterRunning(a.ws, "1.31")
	a.product = f.seedProduct(a.ws, platform.VisibilityPrivate, 0)
	f.seedRelease(a.product, "1.0.0", "", false)
	f.seedRelease(a.product, "2.0.0", "", false)
	return a
}

// release is an installation of a's product at tag, with a fresh name.
func (f *fixture) releaseSource(a *apps, tag string) service.InstallationInput {
	return service.InstallationInput{Name: fmt.Sprintf("inst-%d", f.seq()), ClusterID: a.cluster.ID,
		Source: platform.InstallationSource{ProductID: a.product.ID, Tag: tag}}
}

// chart is a direct install of chart on a's cluster, with a fresh name.
func (f *fixture) chart(a *apps, chart string) service.InstallationInput {
	return service.InstallationInput{Name: fmt.Sprintf("inst-%d", f.seq()), ClusterID: a.cluster.ID,
		Source: platform.InstallationSource{Chart: chart}}
}

func (f *fixture) install(ws *platform.Workspace, by *platform.Principal, in service.InstallationInput) *service.InstallationChange {
	f.tb.Helper()
	ch, err := f.svc.CreateInstallation(f.ctx, by, ws.Slug, in)
	must(f.tb, err)
	return ch
}

// installed creates an installation and finishes its operation.
func (f *fixture) installed(ws *platform.Workspace, by *platform.Principal, in service.InstallationInput) *platform.Installation {
	f.tb.Helper()
	ch := f.install(ws, by, in)
	f.finishOperations()
	return f.getInstallation(ws, by, ch.Installation.ID)
}

func (f *fixture) getInstallation(ws *platform.Workspace, caller *platform.Principal, ref string) *platform.Installation {
	f.tb.Helper()
	in, err := f.svc.GetInstallation(f.ctx, caller, ws.Slug, ref)
	must(f.tb, err)
	return in
}

// actions lists the audit actions of ws on target, in order.
func (f *fixture) actions(ws *platform.Workspace, target string) []string {
	f.tb.Helper()
	var out []string
	for _, e := range f.storedAuditEvents(ws.ID) {
		if e.Target == target {
			out = append(out, e.Action)
		}
	}
	return out
}

func TestInstallation_CreateInstallsThenInstalled(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.apps(platform.PlanPro)
	in := f.releaseSource(a, "1.0.0")
	in.Values = map[string]string{"replicas": "2"}
	in.Secrets = []string{f.seedSecret(a.ws, "DB_PASSWORD").Name}

	ch, err := f.svc.CreateInstallation(f.ctx, a.admin, a.ws.Slug, in)
	must(t, err)
	inst, op := ch.Installation, ch.Operation
	if inst.Status != platform.InstallationInstalling || inst.Namespace != in.Name || inst.InstalledTag != "" ||
		inst.WorkspaceID != a.ws.ID || inst.ClusterID != a.cluster.ID || inst.Source != in.Source ||
		!maps.Equal(inst.Values, in.Values) || !slices.Equal(inst.Secrets, in.Secrets) || inst.Version != 1 {
		t.Errorf("created installation: %+v", inst)
	}
	if want := "oci://localhost/" + a.ws.ID + "/" + inst.ID; inst.RepositoryURL != want || !strings.HasPrefix(inst.ID, platform.PrefixInstallation) {
		t.Errorf("repository_url %q, want %q", inst.RepositoryURL, want)
	}
	if op == nil || ch.OperationID != op.ID || op.Kind != platform.OpInstallationCreate || op.TargetID != inst.ID || op.Status != platform.OpPending {
		t.Fatalf("create operation: %+v (id %q)", op, ch.OperationID)
	}
	var target platform.Installation
	if ok, err := op.DecodeTarget(&target); !ok || err != nil || target.ID != inst.ID || target.Source != in.Source {
		t.Errorf("operation target: %+v (%v, %v)", target, ok, err)
	}
	if got := f.getOperation(a.viewer, op.ID); got.Status != platform.OpPending {
		t.Errorf("operation read by a viewer: %+v", got)
	}

	f.advanceUntilIdle()
	f.clock.Advance(testClusterDelay - time.Millisecond)
	f.advanceUntilIdle()
	if got := f.getInstallation(a.ws, a.viewer, inst.Name); got.Status != platform.InstallationInstalling {
		t.Errorf("before the delay: %q", got.Status)
	}
	f.clock.Advance(time.Millisecond)
	f.advanceUntilIdle()
	got := f.getInstallation(a.ws, a.viewer, inst.ID)
	if got.Status != platform.InstallationInstalled || got.InstalledTag != "1.0.0" || got.RepositoryURL != inst.RepositoryURL || got.Version != 2 {
		t.Errorf("after the delay: %+v", got)
	}
	if done := f.getOperation(a.owner, op.ID); done.Status != platform.OpSucceeded || done.Error != "" {
		t.Errorf("finished operation: %+v", done)
	}
	list, err := f.svc.ListInstallations(f.ctx, a.viewer, a.ws.Slug, service.ListOptions{})
	must(t, err)
	if len(list.Items) != 1 || list.Items[0].ID != inst.ID || list.Items[0].Status != platform.InstallationInstalled {
		t.Errorf("list: %+v", list.Items)
	}
	if n := f.storedProduct(a.product).InstallCount; n != 1 {
		t.Errorf("install_count: %d, want 1", n)
	}
	if u := f.usage(a.ws, a.owner); u.Usage.Installations != 1 {
		t.Errorf("usage: %+v", u.Usage)
	}
	if got := f.actions(a.ws, inst.ID); !slices.Equal(got, []string{"installation.create", "installation.installed"}) {
		t.Errorf("audit actions: %v", got)
	}
	for _, e := range f.storedAuditEvents(a.ws.ID) {
		if e.Target == inst.ID && e.Action == "installation.create" && e.Actor != a.admin.UserID ||
			e.Target == inst.ID && e.Action == "installation.installed" && e.Actor != "system" {
			t.Errorf("audit event %s by %q", e.Action, e.Actor)
		}
	}
	// Names are unique in the workspace, namespaces in the cluster.
	_, err = f.svc.CreateInstallation(f.ctx, a.admin, a.ws.Slug, in)
	wantCode(t, err, platform.CodeAlreadyExists, in.Name)
	again := f.releaseSource(a, "1.0.0")
	again.Namespace = in.Name
	_, err = f.svc.CreateInstallation(f.ctx, a.admin, a.ws.Slug, again)
	wantCode(t, err, platform.CodeAlreadyExists, "namespace")
	// Another cluster takes the same namespace.
	again.ClusterID = f.storeClusterRunning(a.ws, "1.31").ID
	f.install(a.ws, a.admin, again)
}

func TestInstallation_DirectChartAndPackages(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.apps(platform.PlanPro)
	for _, tag := range []string{"1.10.0", "1.2.0", "2.0.0-rc.1", "0.9.0"} {
		f.seedRelease(a.product, tag, "", false)
	}
	f.seedRelease(a.product, "3.0.0", "", true) // yanked: not in the repository

	rel := f.installed(a.ws, a.owner, f.releaseSource(a, "1.0.0"))
	pk, err := f.svc.ListInstallationPackages(f.ctx, a.viewer, a.ws.Slug, rel.Name)
	must(t, err)
	var tags []string
	for _, p := range pk.Items {
		tags = append(tags, p.Tag)
		if p.Chart != chartOf(a.product, p.Tag) || p.Notes != "notes of "+p.Tag || p.CreatedAt.IsZero() {
			t.Errorf("package %+v", p)
		}
	}
	if want := []string{"2.0.0", "2.0.0-rc.1", "1.10.0", "1.2.0", "1.0.0", "0.9.0"}; !slices.Equal(tags, want) {
		t.Errorf("packages %v, want %v", tags, want)
	}

	chart := "https://charts.example.com/nginx-1.2.3.tgz"
	direct := f.installed(a.ws, a.owner, f.chart(a, chart))
	if direct.Status != platform.InstallationInstalled || direct.InstalledTag != "" {
		t.Errorf("direct install: %+v", direct)
	}
	pk, err = f.svc.ListInstallationPackages(f.ctx, a.viewer, a.ws.Slug, direct.ID)
	must(t, err)
	if len(pk.Items) != 1 || pk.Items[0] != (service.InstallationPackage{Chart: chart, CreatedAt: direct.CreatedAt}) {
		t.Errorf("packages of a direct install: %+v", pk.Items)
	}
	_, err = f.svc.ListInstallationPackages(f.ctx, a.viewer, a.ws.Slug, "nope")
	wantCode(t, err, platform.CodeNotFound)
}

// TestInstallation_Permissions walks every permission cell of installations.manage and
// installations.read: built-in roles, custom roles, both kinds of API key, a managing
// organization's member and an outsider.
func TestInstallation_Permissions(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.apps(platform.PlanEnterprise)
	_, rw := f.apiKey(a.ws, a.owner, platform.AccessReadWrite)
	_, ro := f.apiKey(a.ws, a.owner, platform.AccessReadOnly)
	manager := f.member(a.ws, a.owner, f.role(a.ws, a.owner, platform.PermInstallationsManage, platform.PermInstallationsRead).ID)
	reader := f.member(a.ws, a.owner, f.role(a.ws, a.owner, platform.PermInstallationsRead).ID)
	blind := f.member(a.ws, a.owner, f.role(a.ws, a.owner, platform.PermClustersRead).ID)
	existing := f.installed(a.ws, a.owner, f.releaseSource(a, "1.0.0"))
	dry := service.WithValidateOnly(f.ctx)

	const none, read, manage = "none", "read", "manage"
	for name, tc := range map[string]struct {
		who  *platform.Principal
		want string
	}{
		"owner": {a.owner, manage}, "admin": {a.admin, manage}, "member": {a.member, read}, "viewer": {a.viewer, read},
		"custom manager": {manager, manage}, "custom reader": {reader, read}, "custom role without installations.read": {blind, none},
		"read_write key": {rw, manage}, "read_only key": {ro, read},
	} {
		t.Run(name, func(t *testing.T) {
			_, errGet := f.svc.GetInstallation(f.ctx, tc.who, a.ws.Slug, existing.Name)
			_, errList := f.svc.ListInstallations(f.ctx, tc.who, a.ws.Slug, service.ListOptions{})
			_, errPk := f.svc.ListInstallationPackages(f.ctx, tc.who, a.ws.Slug, existing.ID)
			for _, err := range []error{errGet, errList, errPk} {
				if tc.want == none {
					wantCode(t, err, platform.CodePermissionDenied, string(platform.PermInstallationsRead))
				} else {
					must(t, err)
				}
			}
			_, errCreate := f.svc.CreateInstallation(dry, tc.who, a.ws.Slug, f.releaseSource(a, "2.0.0"))
			_, errUpdate := f.svc.UpdateInstallation(dry, tc.who, a.ws.Slug, existing.Name,
				service.InstallationPatch{Source: &platform.InstallationSource{Tag: "2.0.0"}}, 0)
			_, errRename := f.svc.UpdateInstallation(dry, tc.who, a.ws.Slug, existing.Name, service.InstallationPatch{Name: new("x-renamed")}, 0)
			_, errDelete := f.svc.DeleteInstallation(dry, tc.who, a.ws.Slug, existing.Name, 0)
			for _, err := range []error{errCreate, errUpdate, errRename, errDelete} {
				if tc.want == manage {
					must(t, err)
				} else {
					wantCode(t, err, platform.CodePermissionDenied, string(platform.PermInstallationsManage))
				}
			}
		})
	}

	t.Run("managing organization member", func(t *testing.T) {
		m := f.managed()
		c := f.storeClusterRunning(m.ws, "1.31")
		ch, err := f.svc.CreateInstallation(f.ctx, m.orgMember, m.ws.Slug, service.InstallationInput{Name: "by-msp", ClusterID: c.ID,
			Source: platform.InstallationSource{Chart: "oci://charts.example.com/msp:1.0.0"}})
		must(t, err)
		f.finishOperations()
		_, err = f.svc.UpdateInstallation(f.ctx, m.orgMember, m.ws.Slug, ch.Installation.ID, service.InstallationPatch{Values: &map[string]string{"a": "b"}}, 0)
		must(t, err)
		_, err = f.svc.GetInstallation(f.ctx, m.customer, m.ws.Slug, "by-msp")
		must(t, err)
	})

	t.Run("outsiders and other workspaces' keys see nothing", func(t *testing.T) {
		outsider := f.newUser("outsider")
		_, otherKey := f.apiKey(f.workspace(outsider, platform.PlanFree), outsider, platform.AccessReadWrite)
		for _, who := range []*platform.Principal{outsider, otherKey, f.admin} {
			_, err := f.svc.GetInstallation(f.ctx, who, a.ws.Slug, existing.ID)
			wantCode(t, err, platform.CodeNotFound)
			_, err = f.svc.CreateInstallation(f.ctx, who, a.ws.Slug, f.releaseSource(a, "1.0.0"))
			wantCode(t, err, platform.CodeNotFound)
			_, err = f.svc.DeleteInstallation(f.ctx, who, a.ws.Slug, existing.ID, 0)
			wantCode(t, err, platform.CodeNotFound)
		}
	})

	// Operations of installations are read with installations.read.
	up, err := f.svc.UpdateInstallation(f.ctx, a.owner, a.ws.Slug, existing.Name, service.InstallationPatch{Source: &platform.InstallationSource{Tag: "2.0.0"}}, 0)
	must(t, err)
	for _, who := range []*platform.Principal{a.viewer, reader, ro} {
		f.getOperation(who, up.OperationID)
	}
	_, err = f.svc.GetOperation(f.ctx, blind, up.OperationID)
	wantCode(t, err, platform.CodeNotFound)

	// Nothing the dry runs did remains.
	list, err := f.svc.ListInstallations(f.ctx, a.owner, a.ws.Slug, service.ListOptions{})
	must(t, err)
	if len(list.Items) != 1 || list.Items[0].Name != existing.Name {
		t.Errorf("installations after dry runs: %+v", list.Items)
	}
}

func TestInstallation_ListedProductsOfOtherWorkspaces(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.apps(platform.PlanPro)
	vendor := f.team(platform.PlanPro)
	listed := f.seedProduct(vendor.ws, platform.VisibilityListed, 0)
	f.seedRelease(listed, "1.0.0", "", false)
	hidden := f.seedProduct(vendor.ws, platform.VisibilityPrivate, 0)
	f.seedRelease(hidden, "1.0.0", "", false)

	in := f.releaseSource(a, "1.0.0")
	in.Source.ProductID = listed.ID
	got := f.installed(a.ws, a.owner, in)
	if got.Status != platform.InstallationInstalled || got.InstalledTag != "1.0.0" {
		t.Errorf("installation of a listed product: %+v", got)
	}
	if n := f.storedProduct(listed).InstallCount; n != 1 {
		t.Errorf("install_count of the listed product: %d", n)
	}
	pk, err := f.svc.ListInstallationPackages(f.ctx, a.viewer, a.ws.Slug, got.Name)
	must(t, err)
	if len(pk.Items) != 1 || pk.Items[0].Chart != chartOf(listed, "1.0.0") {
		t.Errorf("packages of a listed product: %+v", pk.Items)
	}
	// The vendor's workspace does not see the customer's installation.
	_, err = f.svc.GetInstallation(f.ctx, vendor.owner, a.ws.Slug, got.ID)
	wantCode(t, err, platform.CodeNotFound)

	// Another workspace's private product is not found, like one that does not exist.
	in = f.releaseSource(a, "1.0.0")
	in.Source.ProductID = hidden.ID
	_, err = f.svc.CreateInstallation(f.ctx, a.owner, a.ws.Slug, in)
	wantFields(t, err, "source.product_id")
	wantCode(t, err, platform.CodeInvalidArgument, "not found")
	in.Source.ProductID = "prod_aaaaaaaaaaaaaaaa"
	_, err = f.svc.CreateInstallation(f.ctx, a.owner, a.ws.Slug, in)
	wantFields(t, err, "source.product_id")
	if n := f.storedProduct(hidden).InstallCount; n != 0 {
		t.Errorf("install_count of the refused private product: %d", n)
	}
	// The vendor installs its own private product.
	vc := f.storeClusterRunning(vendor.ws, "1.31")
	f.install(vendor.ws, vendor.owner, service.InstallationInput{Name: "own", ClusterID: vc.ID,
		Source: platform.InstallationSource{ProductID: hidden.ID, Tag: "1.0.0"}})
	if n := f.storedProduct(hidden).InstallCount; n != 1 {
		t.Errorf("install_count of the private product installed by its vendor: %d", n)
	}
}

func TestInstallation_PaidListedProductNeedsBillingManage(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.apps(platform.PlanEnterprise)
	vendor := f.team(platform.PlanPro)
	paid := f.seedProduct(vendor.ws, platform.VisibilityListed, 1500)
	f.seedRelease(paid, "1.0.0", "", false)
	_, rw := f.apiKey(a.ws, a.owner, platform.AccessReadWrite)
	manager := f.member(a.ws, a.owner, f.role(a.ws, a.owner, platform.PermInstallationsManage, platform.PermInstallationsRead).ID)
	in := f.releaseSource(a, "1.0.0")
	in.Source.ProductID = paid.ID

	for name, who := range map[string]*platform.Principal{"read_write key": rw, "custom role without billing.manage": manager} {
		_, err := f.svc.CreateInstallation(f.ctx, who, a.ws.Slug, in)
		wantCode(t, err, platform.CodePermissionDenied, string(platform.PermBillingManage))
		_, err = f.svc.CreateInstallation(service.WithValidateOnly(f.ctx), who, a.ws.Slug, in)
		wantCode(t, err, platform.CodePermissionDenied, string(platform.PermBillingManage))
		t.Logf("%s refused", name)
	}
	f.install(a.ws, a.admin, in)
	// A free product needs no billing.manage.
	f.install(a.ws, rw, f.releaseSource(a, "1.0.0"))
}

func TestInstallation_BadInputIs400OnTheField(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.apps(platform.PlanPro)
	other := f.workspace(a.owner, platform.PlanPro)
	foreignCluster := f.storeClusterRunning(other, "1.31")
	f.seedSecret(a.ws, "API_TOKEN")
	f.seedSecret(other, "ELSEWHERE")

	for name, tc := range map[string]struct {
		in     func(*service.InstallationInput)
		fields []string
	}{
		"missing cluster":              {func(in *service.InstallationInput) { in.ClusterID = "cls_aaaaaaaaaaaaaaaa" }, []string{"cluster_id"}},
		"cluster of another workspace": {func(in *service.InstallationInput) { in.ClusterID = foreignCluster.ID }, []string{"cluster_id"}},
		"cluster by name":              {func(in *service.InstallationInput) { in.ClusterID = a.cluster.Name }, []string{"cluster_id"}},
		"no cluster":                   {func(in *service.InstallationInput) { in.ClusterID = "" }, []string{"cluster_id"}},
		"missing product":              {func(in *service.InstallationInput) { in.Source.ProductID = "prod_aaaaaaaaaaaaaaaa" }, []string{"source.product_id"}},
		"missing release":              {func(in *service.InstallationInput) { in.Source.Tag = "9.9.9" }, []string{"source.tag"}},
		"secret of another workspace":  {func(in *service.InstallationInput) { in.Secrets = []string{"API_TOKEN", "ELSEWHERE"} }, []string{"secrets[1]"}},
		"every missing reference": {func(in *service.InstallationInput) {
			in.ClusterID, in.Source.Tag, in.Secrets = "cls_aaaaaaaaaaaaaaaa", "9.9.9", []string{"NOPE"}
		}, []string{"cluster_id", "source.tag", "secrets[0]"}},
		"chart and release":   {func(in *service.InstallationInput) { in.Source.Chart = "oci://charts.example.com/x:1" }, []string{"source"}},
		"no source":           {func(in *service.InstallationInput) { in.Source = platform.InstallationSource{} }, []string{"source"}},
		"tag without product": {func(in *service.InstallationInput) { in.Source.ProductID = "" }, []string{"source.product_id"}},
		"bad tag":             {func(in *service.InstallationInput) { in.Source.Tag = "v1" }, []string{"source.tag"}},
		"bad chart":           {func(in *service.InstallationInput) { in.Source = platform.InstallationSource{Chart: "http://x/y.tgz"} }, []string{"source.chart"}},
		"bad name, namespace, secrets": {func(in *service.InstallationInput) {
			in.Name, in.Namespace, in.Secrets = "Bad", "-ns", []string{"lower"}
		}, []string{"name", "namespace", "secrets[0]"}},
		"too many values": {func(in *service.InstallationInput) { in.Values = manyValues(platform.MaxValues + 1) }, []string{"values"}},
	} {
		t.Run(name, func(t *testing.T) {
			in := f.releaseSource(a, "1.0.0")
			tc.in(&in)
			_, err := f.svc.CreateInstallation(f.ctx, a.owner, a.ws.Slug, in)
			wantFields(t, err, tc.fields...)
			_, errDry := f.svc.CreateInstallation(service.WithValidateOnly(f.ctx), a.owner, a.ws.Slug, in)
			wantFields(t, errDry, tc.fields...)
		})
	}
	if u := f.usage(a.ws, a.owner); u.Usage.Installations != 0 {
		t.Errorf("installations after refusals: %d", u.Usage.Installations)
	}
}

func manyValues(n int) map[string]string {
	m := map[string]string{}
	for i := range n {
		m[fmt.Sprintf("k%d", i)] = "v"
	}
	return m
}

func TestInstallation_FailedPreconditions(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.apps(platform.PlanPro)
	f.seedRelease(a.product, "0.1.0", "", true)

	// The cluster must be running.
	provisioning := f.cluster(a.ws, a.owner)
	in := f.releaseSource(a, "1.0.0")
	in.ClusterID = provisioning.Cluster.ID
	_, err := f.svc.CreateInstallation(f.ctx, a.owner, a.ws.Slug, in)
	wantCode(t, err, platform.CodeFailedPrecondition, provisioning.Cluster.Name, "provisioning")
	_, err = f.svc.CreateInstallation(service.WithValidateOnly(f.ctx), a.owner, a.ws.Slug, in)
	wantCode(t, err, platform.CodeFailedPrecondition, "provisioning")

	// A yanked release is not installed.
	_, err = f.svc.CreateInstallation(f.ctx, a.owner, a.ws.Slug, f.releaseSource(a, "0.1.0"))
	wantCode(t, err, platform.CodeFailedPrecondition, "0.1.0", "yanked")

	// No change while installing; no second uninstall.
	ch := f.install(a.ws, a.owner, f.releaseSource(a, "1.0.0"))
	_, err = f.svc.UpdateInstallation(f.ctx, a.owner, a.ws.Slug, ch.Installation.Name,
		service.InstallationPatch{Source: &platform.InstallationSource{Tag: "2.0.0"}}, 0)
	wantCode(t, err, platform.CodeFailedPrecondition, "installing")
	_, err = f.svc.UpdateInstallation(f.ctx, a.owner, a.ws.Slug, ch.Installation.Name, service.InstallationPatch{Values: &map[string]string{"a": "b"}}, 0)
	wantCode(t, err, platform.CodeFailedPrecondition, "installing")
	// A rename is fine meanwhile.
	rn, err := f.svc.UpdateInstallation(f.ctx, a.owner, a.ws.Slug, ch.Installation.Name, service.InstallationPatch{Name: new("renamed-early")}, 0)
	must(t, err)
	if rn.Operation != nil || rn.Installation.Status != platform.InstallationInstalling {
		t.Errorf("rename while installing: %+v", rn)
	}
	_, err = f.svc.DeleteInstallation(f.ctx, a.owner, a.ws.Slug, "renamed-early", 0)
	must(t, err)
	_, err = f.svc.DeleteInstallation(f.ctx, a.owner, a.ws.Slug, "renamed-early", 0)
	wantCode(t, err, platform.CodeFailedPrecondition, "already being uninstalled")
	_, err = f.svc.UpdateInstallation(f.ctx, a.owner, a.ws.Slug, "renamed-early", service.InstallationPatch{Values: &map[string]string{"a": "b"}}, 0)
	wantCode(t, err, platform.CodeFailedPrecondition, "uninstalling")
	f.finishOperations()

	// Upgrading to a yanked release is refused too.
	inst := f.installed(a.ws, a.owner, f.releaseSource(a, "1.0.0"))
	_, err = f.svc.UpdateInstallation(f.ctx, a.owner, a.ws.Slug, inst.Name, service.InstallationPatch{Source: &platform.InstallationSource{Tag: "0.1.0"}}, 0)
	wantCode(t, err, platform.CodeFailedPrecondition, "yanked")

	// A cluster that installations use cannot be deleted; the message names them.
	_, err = f.svc.DeleteCluster(f.ctx, a.owner, a.ws.Slug, a.cluster.Name, 0)
	wantCode(t, err, platform.CodeFailedPrecondition, a.cluster.Name, "1 installation ("+inst.Name+")")
	if c := f.getCluster(a.ws, a.owner, a.cluster.ID); c.Status != platform.ClusterRunning {
		t.Errorf("cluster after a refused delete: %q", c.Status)
	}
}

func TestInstallation_QuotaOfThePlan(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.apps(platform.PlanFree)
	limits, _ := platform.PlanLimits(platform.PlanFree)
	limit := limits.Installations
	for range limit {
		f.install(a.ws, a.owner, f.chart(a, "oci://charts.example.com/x:1"))
	}
	_, err := f.svc.CreateInstallation(f.ctx, a.owner, a.ws.Slug, f.chart(a, "oci://charts.example.com/x:1"))
	wantCode(t, err, platform.CodeQuotaExceeded, "free", fmt.Sprintf("allows %d installations", limit), fmt.Sprintf("has %d", limit))
	_, err = f.svc.CreateInstallation(service.WithValidateOnly(f.ctx), a.owner, a.ws.Slug, f.chart(a, "oci://charts.example.com/x:1"))
	wantCode(t, err, platform.CodeQuotaExceeded, "free")
}

func TestInstallation_UpgradeRollbackValuesAndSecrets(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.apps(platform.PlanPro)
	f.seedSecret(a.ws, "TOKEN")
	inst := f.installed(a.ws, a.owner, f.releaseSource(a, "2.0.0"))

	// Rollback to a lower tag is an upgrade like any other.
	up, err := f.svc.UpdateInstallation(f.ctx, a.admin, a.ws.Slug, inst.Name, service.InstallationPatch{Source: &platform.InstallationSource{Tag: "1.0.0"}}, inst.Version)
	must(t, err)
	if up.Installation.Status != platform.InstallationUpgrading || up.Installation.Source.Tag != "1.0.0" || up.Installation.InstalledTag != "2.0.0" ||
		up.Operation == nil || up.Operation.Kind != platform.OpInstallationUpdate || up.OperationID != up.Operation.ID {
		t.Fatalf("rollback: %+v", up)
	}
	if got := f.getInstallation(a.ws, a.viewer, inst.ID); got.Status != platform.InstallationUpgrading || got.InstalledTag != "2.0.0" {
		t.Errorf("stored while upgrading: %+v", got)
	}
	f.finishOperations()
	got := f.getInstallation(a.ws, a.viewer, inst.ID)
	if got.Status != platform.InstallationInstalled || got.InstalledTag != "1.0.0" || got.Source.ProductID != a.product.ID {
		t.Errorf("after rollback: %+v", got)
	}
	if op := f.getOperation(a.owner, up.OperationID); op.Status != platform.OpSucceeded {
		t.Errorf("upgrade operation: %+v", op)
	}

	// Values and secrets upgrade too, and replace the whole map or list.
	vals := map[string]string{"image.tag": "stable", "replicas": "3"}
	up, err = f.svc.UpdateInstallation(f.ctx, a.owner, a.ws.Slug, inst.ID, service.InstallationPatch{Values: &vals}, 0)
	must(t, err)
	if up.Operation == nil || !maps.Equal(up.Installation.Values, vals) {
		t.Errorf("values change: %+v", up)
	}
	f.finishOperations()
	_, err = f.svc.UpdateInstallation(f.ctx, a.owner, a.ws.Slug, inst.ID, service.InstallationPatch{Secrets: &[]string{"TOKEN", "MISSING"}}, 0)
	wantFields(t, err, "secrets[1]")
	up, err = f.svc.UpdateInstallation(f.ctx, a.owner, a.ws.Slug, inst.ID, service.InstallationPatch{Secrets: &[]string{"TOKEN"}}, 0)
	must(t, err)
	if up.Operation == nil || !slices.Equal(up.Installation.Secrets, []string{"TOKEN"}) {
		t.Errorf("secrets change: %+v", up)
	}
	f.finishOperations()

	// A new name alone is immediate; repeating everything is no change at all.
	cur := f.getInstallation(a.ws, a.owner, inst.ID)
	rn, err := f.svc.UpdateInstallation(f.ctx, a.owner, a.ws.Slug, inst.ID, service.InstallationPatch{Name: new("renamed")}, 0)
	must(t, err)
	if rn.Operation != nil || rn.OperationID != "" || rn.Installation.Name != "renamed" || rn.Installation.Version != cur.Version+1 ||
		rn.Installation.Status != platform.InstallationInstalled {
		t.Errorf("rename: %+v", rn)
	}
	cur = rn.Installation
	same, err := f.svc.UpdateInstallation(f.ctx, a.owner, a.ws.Slug, "renamed", service.InstallationPatch{
		Name: new(cur.Name), ClusterID: new(cur.ClusterID), Namespace: new(cur.Namespace), Source: &cur.Source,
		Values: &cur.Values, Secrets: &cur.Secrets}, 0)
	must(t, err)
	if same.Operation != nil || same.Installation.Version != cur.Version {
		t.Errorf("repeating every field: %+v", same)
	}
	// A new source tag with the product repeated is a change of tag only.
	_, err = f.svc.UpdateInstallation(f.ctx, a.owner, a.ws.Slug, "renamed", service.InstallationPatch{
		Source: &platform.InstallationSource{ProductID: a.product.ID, Tag: "2.0.0"}}, 0)
	must(t, err)
	f.finishOperations()
	if got := f.getInstallation(a.ws, a.owner, "renamed"); got.InstalledTag != "2.0.0" {
		t.Errorf("after upgrade: %+v", got)
	}
	wantActions := []string{"installation.create", "installation.installed", "installation.update", "installation.upgraded",
		"installation.update", "installation.upgraded", "installation.update", "installation.upgraded", "installation.update",
		"installation.update", "installation.upgraded"}
	if got := f.actions(a.ws, inst.ID); !slices.Equal(got, wantActions) {
		t.Errorf("audit actions:\n got %v\nwant %v", got, wantActions)
	}

	// A direct install changes its chart the same way.
	direct := f.installed(a.ws, a.owner, f.chart(a, "oci://charts.example.com/web:1.0.0"))
	up, err = f.svc.UpdateInstallation(f.ctx, a.owner, a.ws.Slug, direct.ID, service.InstallationPatch{
		Source: &platform.InstallationSource{Chart: "oci://charts.example.com/web:1.1.0"}}, 0)
	must(t, err)
	if up.Operation == nil || up.Installation.Source.Chart != "oci://charts.example.com/web:1.1.0" {
		t.Errorf("chart change: %+v", up)
	}
}

func TestInstallation_ImmutableFieldsAre400(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.apps(platform.PlanPro)
	rel := f.installed(a.ws, a.owner, f.releaseSource(a, "1.0.0"))
	direct := f.installed(a.ws, a.owner, f.chart(a, "oci://charts.example.com/web:1.0.0"))
	otherCluster := f.storeClusterRunning(a.ws, "1.31")
	otherProduct := f.seedProduct(a.ws, platform.VisibilityPrivate, 0)
	f.seedRelease(otherProduct, "1.0.0", "", false)

	for name, tc := range map[string]struct {
		inst   *platform.Installation
		patch  service.InstallationPatch
		fields []string
	}{
		"cluster":          {rel, service.InstallationPatch{ClusterID: new(otherCluster.ID)}, []string{"cluster_id"}},
		"namespace":        {rel, service.InstallationPatch{Namespace: new("elsewhere")}, []string{"namespace"}},
		"product":          {rel, service.InstallationPatch{Source: &platform.InstallationSource{ProductID: otherProduct.ID, Tag: "1.0.0"}}, []string{"source.product_id"}},
		"release to chart": {rel, service.InstallationPatch{Source: &platform.InstallationSource{Chart: "oci://charts.example.com/web:2"}}, []string{"source.chart"}},
		"chart to release": {direct, service.InstallationPatch{Source: &platform.InstallationSource{ProductID: a.product.ID, Tag: "1.0.0"}},
			[]string{"source.product_id", "source.tag"}},
		"everything": {rel, service.InstallationPatch{ClusterID: new(otherCluster.ID), Namespace: new("x"),
			Source: &platform.InstallationSource{ProductID: otherProduct.ID, Chart: "oci://charts.example.com/web:2"}},
			[]string{"cluster_id", "namespace", "source.product_id", "source.chart"}},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := f.svc.UpdateInstallation(f.ctx, a.owner, a.ws.Slug, tc.inst.ID, tc.patch, 0)
			wantFields(t, err, tc.fields...)
			wantCode(t, err, platform.CodeInvalidArgument, "cannot change")
			if got := f.getInstallation(a.ws, a.owner, tc.inst.ID); got.Version != tc.inst.Version {
				t.Errorf("refused patch changed the installation: %+v", got)
			}
		})
	}
	// Malformed new values are 400 too.
	_, err := f.svc.UpdateInstallation(f.ctx, a.owner, a.ws.Slug, rel.ID, service.InstallationPatch{Name: new("Bad Name"),
		Source: &platform.InstallationSource{Tag: "latest"}}, 0)
	wantFields(t, err, "name", "source.tag")
	_, err = f.svc.UpdateInstallation(f.ctx, a.owner, a.ws.Slug, rel.ID, service.InstallationPatch{Source: &platform.InstallationSource{Tag: "7.7.7"}}, 0)
	wantFields(t, err, "source.tag")
}

func TestInstallation_FailChartFailsTheOperation(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.apps(platform.PlanPro)
	bad := chartOf(a.product, "fail-3.0.0")
	f.seedRelease(a.product, "3.0.0", bad, false)

	ch := f.install(a.ws, a.owner, f.releaseSource(a, "3.0.0"))
	f.finishOperations()
	got := f.getInstallation(a.ws, a.owner, ch.Installation.ID)
	if got.Status != platform.InstallationFailed || got.InstalledTag != "" {
		t.Errorf("installation of a fail- chart: %+v", got)
	}
	op := f.getOperation(a.viewer, ch.OperationID)
	if op.Status != platform.OpFailed || op.Error != "install failed: chart "+bad+" could not be pulled" {
		t.Errorf("operation: %q %q", op.Status, op.Error)
	}
	// A failed installation can be upgraded to a good release.
	_, err := f.svc.UpdateInstallation(f.ctx, a.owner, a.ws.Slug, got.Name, service.InstallationPatch{Source: &platform.InstallationSource{Tag: "1.0.0"}}, 0)
	must(t, err)
	f.finishOperations()
	if got := f.getInstallation(a.ws, a.owner, got.ID); got.Status != platform.InstallationInstalled || got.InstalledTag != "1.0.0" {
		t.Errorf("after upgrading a failed installation: %+v", got)
	}
	// An upgrade to a failing chart keeps the installed tag.
	up, err := f.svc.UpdateInstallation(f.ctx, a.owner, a.ws.Slug, got.Name, service.InstallationPatch{Source: &platform.InstallationSource{Tag: "3.0.0"}}, 0)
	must(t, err)
	f.finishOperations()
	if got := f.getInstallation(a.ws, a.owner, got.ID); got.Status != platform.InstallationFailed || got.InstalledTag != "1.0.0" || got.Source.Tag != "3.0.0" {
		t.Errorf("after a failed upgrade: %+v", got)
	}
	if op := f.getOperation(a.owner, up.OperationID); op.Status != platform.OpFailed || !strings.Contains(op.Error, "could not be pulled") {
		t.Errorf("failed upgrade operation: %+v", op)
	}
	// Direct charts fail the same way.
	direct := f.install(a.ws, a.owner, f.chart(a, "https://charts.example.com/fail-me.tgz"))
	f.finishOperations()
	if op := f.getOperation(a.owner, direct.OperationID); op.Error != "install failed: chart https://charts.example.com/fail-me.tgz could not be pulled" {
		t.Errorf("direct chart failure: %+v", op)
	}
	want := []string{"installation.create", "installation.failed", "installation.update", "installation.upgraded",
		"installation.update", "installation.failed"}
	if acts := f.actions(a.ws, got.ID); !slices.Equal(acts, want) {
		t.Errorf("audit actions %v, want %v", acts, want)
	}
	// A failed installation can be uninstalled.
	_, err = f.svc.DeleteInstallation(f.ctx, a.owner, a.ws.Slug, direct.Installation.ID, 0)
	must(t, err)
	f.finishOperations()
	_, err = f.svc.GetInstallation(f.ctx, a.owner, a.ws.Slug, direct.Installation.ID)
	wantCode(t, err, platform.CodeNotFound)
}

func TestInstallation_DeleteCancelsChangesThenGoes(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.apps(platform.PlanPro)
	ch := f.install(a.ws, a.owner, f.releaseSource(a, "1.0.0"))
	f.advanceUntilIdle() // the create operation is running

	_, err := f.svc.DeleteInstallation(f.ctx, a.member, a.ws.Slug, ch.Installation.ID, 0)
	wantCode(t, err, platform.CodePermissionDenied)
	del, err := f.svc.DeleteInstallation(f.ctx, a.admin, a.ws.Slug, ch.Installation.Name, 0)
	must(t, err)
	if del.Installation.Status != platform.InstallationUninstalling || del.Operation == nil ||
		del.Operation.Kind != platform.OpInstallationDelete || del.OperationID != del.Operation.ID {
		t.Fatalf("delete answer: %+v", del)
	}
	if op := f.getOperation(a.owner, ch.OperationID); op.Status != platform.OpFailed || op.Error != "cancelled: the installation is being uninstalled" {
		t.Errorf("create operation after the delete: %+v", op)
	}
	if got := f.getInstallation(a.ws, a.viewer, ch.Installation.ID); got.Status != platform.InstallationUninstalling {
		t.Errorf("while uninstalling: %q", got.Status)
	}
	f.finishOperations()
	_, err = f.svc.GetInstallation(f.ctx, a.owner, a.ws.Slug, ch.Installation.ID)
	wantCode(t, err, platform.CodeNotFound)
	if op := f.getOperation(a.viewer, del.OperationID); op.Status != platform.OpSucceeded || op.TargetID != ch.Installation.ID {
		t.Errorf("delete operation: %+v", op)
	}
	if u := f.usage(a.ws, a.owner); u.Usage.Installations != 0 {
		t.Errorf("installations after delete: %d", u.Usage.Installations)
	}
	if n := f.storedProduct(a.product).InstallCount; n != 0 {
		t.Errorf("install_count after uninstall: %d", n)
	}
	if got, want := f.actions(a.ws, ch.Installation.ID), []string{"installation.create", "installation.delete", "installation.uninstalled"}; !slices.Equal(got, want) {
		t.Errorf("audit actions %v, want %v", got, want)
	}
	// The cluster is free again.
	_, err = f.svc.DeleteCluster(f.ctx, a.owner, a.ws.Slug, a.cluster.ID, 0)
	must(t, err)
}

// TestInstallation_FinisherRefusesStaleOperations: an operation whose installation is gone, or
// a change overtaken by an uninstall, fails instead of resurrecting the installation.
func TestInstallation_FinisherRefusesStaleOperations(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.apps(platform.PlanPro)
	inst := f.installed(a.ws, a.owner, f.releaseSource(a, "1.0.0"))
	_, err := f.svc.DeleteInstallation(f.ctx, a.owner, a.ws.Slug, inst.ID, 0)
	must(t, err)
	now := f.svc.Now()
	stale := func(targetID string) *platform.Operation {
		op := &platform.Operation{ID: platform.NewID(platform.PrefixOperation), WorkspaceID: a.ws.ID, Kind: platform.OpInstallationUpdate,
			TargetID: targetID, Status: platform.OpRunning, DueAt: now}
		op.Stamp(now)
		must(t, f.store.Update(f.ctx, func(tx platform.Tx) error { return tx.CreateOperation(op) }))
		return op
	}
	overtaken := stale(inst.ID)
	gone := stale("inst_aaaaaaaaaaaaaaaa")
	f.advanceUntilIdle()
	if op := f.getOperation(a.owner, overtaken.ID); op.Status != platform.OpFailed || op.Error != "cancelled: the installation is being uninstalled" {
		t.Errorf("update overtaken by an uninstall: %+v", op)
	}
	if op := f.getOperation(a.owner, gone.ID); op.Status != platform.OpFailed || op.Error != "the installation no longer exists" {
		t.Errorf("operation of a missing installation: %+v", op)
	}
	if got := f.getInstallation(a.ws, a.owner, inst.ID); got.Status != platform.InstallationUninstalling {
		t.Errorf("installation after stale operations: %q", got.Status)
	}
	f.finishOperations()
	_, err = f.svc.GetInstallation(f.ctx, a.owner, a.ws.Slug, inst.ID)
	wantCode(t, err, platform.CodeNotFound)
}

func TestInstallation_OperationsResumeAfterRestart(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.apps(platform.PlanPro)
	running := f.install(a.ws, a.owner, f.releaseSource(a, "1.0.0"))
	f.advanceUntilIdle() // running now
	pending := f.install(a.ws, a.owner, f.chart(a, "oci://charts.example.com/web:1.0.0"))
	oldSvc := f.svc

	f.reopen()
	if f.svc == oldSvc {
		t.Fatal("reopen kept the service")
	}
	f.finishOperations()
	for _, ch := range []*service.InstallationChange{running, pending} {
		got := f.getInstallation(a.ws, a.owner, ch.Installation.ID)
		if got.Status != platform.InstallationInstalled || got.RepositoryURL != ch.Installation.RepositoryURL {
			t.Errorf("installation %s after restart: %+v", got.Name, got)
		}
		if op := f.getOperation(a.owner, ch.OperationID); op.Status != platform.OpSucceeded {
			t.Errorf("operation %s after restart: %+v", op.ID, op)
		}
	}
}

func TestInstallation_DryRunsWriteNothing(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.apps(platform.PlanPro)
	dry := service.WithValidateOnly(f.ctx)
	events := len(f.storedAuditEvents(a.ws.ID))

	in := f.releaseSource(a, "1.0.0")
	ch, err := f.svc.CreateInstallation(dry, a.owner, a.ws.Slug, in)
	must(t, err)
	if ch.Installation.Name != in.Name || ch.Installation.Status != platform.InstallationInstalling || ch.Installation.Namespace != in.Name ||
		ch.Installation.RepositoryURL != "" || ch.Operation == nil {
		t.Errorf("dry-run create: %+v", ch.Installation)
	}
	_, err = f.svc.GetInstallation(f.ctx, a.owner, a.ws.Slug, in.Name)
	wantCode(t, err, platform.CodeNotFound)
	_, err = f.svc.GetOperation(f.ctx, a.owner, ch.OperationID)
	wantCode(t, err, platform.CodeNotFound)
	if got := len(f.storedAuditEvents(a.ws.ID)); got != events {
		t.Errorf("dry-run create wrote %d audit events", got-events)
	}

	inst := f.installed(a.ws, a.owner, f.releaseSource(a, "1.0.0"))
	events = len(f.storedAuditEvents(a.ws.ID))
	up, err := f.svc.UpdateInstallation(dry, a.owner, a.ws.Slug, inst.ID, service.InstallationPatch{Source: &platform.InstallationSource{Tag: "2.0.0"}}, inst.Version)
	must(t, err)
	if up.Installation.Status != platform.InstallationUpgrading || up.Installation.Source.Tag != "2.0.0" {
		t.Errorf("dry-run update: %+v", up.Installation)
	}
	del, err := f.svc.DeleteInstallation(dry, a.owner, a.ws.Slug, inst.ID, inst.Version)
	must(t, err)
	if del.Installation.Status != platform.InstallationUninstalling {
		t.Errorf("dry-run delete: %+v", del.Installation)
	}
	if got := f.getInstallation(a.ws, a.owner, inst.ID); got.Version != inst.Version || got.Status != platform.InstallationInstalled {
		t.Errorf("after dry runs: %+v", got)
	}
	if got := len(f.storedAuditEvents(a.ws.ID)); got != events {
		t.Errorf("dry runs wrote %d audit events", got-events)
	}
	// A dry run fails exactly like the real call.
	_, errDry := f.svc.UpdateInstallation(dry, a.owner, a.ws.Slug, inst.ID, service.InstallationPatch{Namespace: new("x")}, 0)
	_, errReal := f.svc.UpdateInstallation(f.ctx, a.owner, a.ws.Slug, inst.ID, service.InstallationPatch{Namespace: new("x")}, 0)
	if errDry == nil || errReal == nil || errDry.Error() != errReal.Error() {
		t.Errorf("dry run %v, real call %v", errDry, errReal)
	}
}

func TestInstallation_IfMatch(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.apps(platform.PlanPro)
	inst := f.installed(a.ws, a.owner, f.releaseSource(a, "1.0.0"))
	_, err := f.svc.UpdateInstallation(f.ctx, a.owner, a.ws.Slug, inst.ID, service.InstallationPatch{Name: new("x-1")}, inst.Version-1)
	wantCode(t, err, platform.CodeAborted)
	_, err = f.svc.DeleteInstallation(f.ctx, a.owner, a.ws.Slug, inst.ID, inst.Version+1)
	wantCode(t, err, platform.CodeAborted)
	// Authorization comes first.
	_, err = f.svc.UpdateInstallation(f.ctx, a.viewer, a.ws.Slug, inst.ID, service.InstallationPatch{Name: new("x-1")}, inst.Version-1)
	wantCode(t, err, platform.CodePermissionDenied)
	_, err = f.svc.UpdateInstallation(f.ctx, a.owner, a.ws.Slug, inst.ID, service.InstallationPatch{Name: new("x-1")}, inst.Version)
	must(t, err)
}

// TestInstallation_ClusterDeleteNamesUsersAndPlanSessions: a cluster's delete is refused while
// installations or deployments use it, naming both; a dry run in a plan session that also
// deletes them passes.
func TestInstallation_ClusterDeleteNamesUsersAndPlanSessions(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.apps(platform.PlanPro)
	inst := f.installed(a.ws, a.owner, f.releaseSource(a, "1.0.0"))
	prj := f.project(a.ws, a.owner)
	dep := &platform.Deployment{ID: platform.NewID(platform.PrefixDeployment), WorkspaceID: a.ws.ID, ProjectID: prj.ID, Name: "frontend",
		ClusterID: a.cluster.ID, Image: "registry.example.com/web:1.0", Replicas: 1, Env: map[string]string{}, Secrets: []string{},
		Status: platform.DeploymentRunning, Revision: 1, URL: "https://frontend.example"}
	dep.Stamp(f.svc.Now())
	must(t, f.store.Update(f.ctx, func(tx platform.Tx) error { return tx.CreateDeployment(dep) }))

	_, err := f.svc.DeleteCluster(f.ctx, a.owner, a.ws.Slug, a.cluster.ID, 0)
	wantCode(t, err, platform.CodeFailedPrecondition, "1 installation ("+inst.Name+")", "1 deployment ("+prj.Slug+"/frontend)")

	session := service.WithPlanSession(service.WithValidateOnly(f.ctx), "plan-installations-1")
	_, err = f.svc.DeleteCluster(session, a.owner, a.ws.Slug, a.cluster.ID, 0)
	wantCode(t, err, platform.CodeFailedPrecondition, "installation")
	_, err = f.svc.DeleteInstallation(session, a.owner, a.ws.Slug, inst.Name, 0)
	must(t, err)
	_, err = f.svc.DeleteCluster(session, a.owner, a.ws.Slug, a.cluster.ID, 0)
	wantCode(t, err, platform.CodeFailedPrecondition, "1 deployment")
	if e := wantCode(t, err, platform.CodeFailedPrecondition); strings.Contains(e.Message, "installation") {
		t.Errorf("the session's planned uninstall still counts: %v", e)
	}
	_, err = f.svc.DeclarePlannedDeletes(f.ctx, a.owner, "plan-installations-1", service.PlannedDeletesInput{WorkspaceID: a.ws.ID,
		Deletes: []service.PlannedTarget{{Kind: platform.PlannedDeployment, TargetID: dep.ID}}})
	must(t, err)
	_, err = f.svc.DeleteCluster(session, a.owner, a.ws.Slug, a.cluster.ID, 0)
	must(t, err)
	ps, err := f.svc.GetPlanSession(f.ctx, a.owner, "plan-installations-1")
	must(t, err)
	var kinds []string
	for _, d := range ps.Deletes {
		kinds = append(kinds, d.Kind+"/"+d.TargetID)
	}
	if !slices.Contains(kinds, platform.PlannedInstallation+"/"+inst.ID) {
		t.Errorf("plan session: %v", kinds)
	}
	// Real calls ignore the session.
	_, err = f.svc.DeleteCluster(service.WithPlanSession(f.ctx, "plan-installations-1"), a.owner, a.ws.Slug, a.cluster.ID, 0)
	wantCode(t, err, platform.CodeFailedPrecondition, "installation")
	if got := f.getInstallation(a.ws, a.owner, inst.ID); got.Status != platform.InstallationInstalled {
		t.Errorf("the dry-run uninstall changed the installation: %+v", got)
	}
}

// TestInstallation_CreateKeepsEveryInputField: every field of InstallationInput reaches the
// stored installation; a new field fails here until the test gives it a value.
func TestInstallation_CreateKeepsEveryInputField(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.apps(platform.PlanPro)
	f.seedSecret(a.ws, "ONE")
	values := map[string]any{
		"name": "every-field", "cluster_id": a.cluster.ID, "namespace": "custom-ns",
		"source":  platform.InstallationSource{ProductID: a.product.ID, Tag: "2.0.0"},
		"values":  map[string]string{"a": "1"},
		"secrets": []string{"ONE"},
	}
	for _, name := range jsonFieldNames(reflect.TypeFor[service.InstallationInput]()) {
		if _, ok := values[name]; !ok {
			t.Errorf("service.InstallationInput field %q has no value in this test: add one", name)
		}
	}
	in := service.InstallationInput{Name: "every-field", ClusterID: a.cluster.ID, Namespace: "custom-ns",
		Source: platform.InstallationSource{ProductID: a.product.ID, Tag: "2.0.0"}, Values: map[string]string{"a": "1"}, Secrets: []string{"ONE"}}
	ch := f.install(a.ws, a.owner, in)
	got := f.getInstallation(a.ws, a.owner, ch.Installation.ID)
	if got.Name != in.Name || got.ClusterID != in.ClusterID || got.Namespace != in.Namespace || got.Source != in.Source ||
		!maps.Equal(got.Values, in.Values) || !slices.Equal(got.Secrets, in.Secrets) {
		t.Errorf("stored: %+v", got)
	}
}
