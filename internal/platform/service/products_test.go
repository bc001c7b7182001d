package service_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/service"
)

// Products (docs/platform.md section 11), through the service on the real store.

// chargesRefusal is the message of a paid listing in a workspace without a Stripe account.
const chargesRefusal = "charges are not enabled: the workspace has no Stripe account"

// productInput is a valid product with a fresh slug.
func (f *fixture) productInput() service.ProductInput {
	slug := fmt.Sprintf("prod-%d", f.seq())
	return service.ProductInput{Slug: slug, Name: "Product " + slug}
}

// product creates a product in ws as by.
func (f *fixture) product(ws *platform.Workspace, by *platform.Principal, in service.ProductInput) *platform.Product {
	f.tb.Helper()
	p, err := f.svc.CreateProduct(f.ctx, by, ws.Slug, in)
	must(f.tb, err)
	return p
}

// release publishes tag of product (an id or slug) in ws as by.
func (f *fixture) release(ws *platform.Workspace, by *platform.Principal, product, tag string) *platform.Release {
	f.tb.Helper()
	r, err := f.svc.CreateRelease(f.ctx, by, ws.Slug, product, service.ReleaseInput{
		Tag: tag, Chart: "oci://charts.example.com/shop:" + tag, Notes: "Release " + tag})
	must(f.tb, err)
	return r
}

// storeInstallation installs tag of productID in ws straight through the store (installations
// have their own use cases; here they only need to exist), on a new running cluster.
func (f *fixture) storeInstallation(ws *platform.Workspace, productID, tag string) *platform.Installation {
	f.tb.Helper()
	now := f.svc.Now()
	n := f.seq()
	c := &platform.Cluster{ID: platform.NewID(platform.PrefixCluster), WorkspaceID: ws.ID, Name: fmt.Sprintf("cls-%d", n),
		Cloud: platform.CloudGCP, Location: "europe-west3", KubernetesVersion: "1.31", Status: platform.ClusterRunning,
		NodePools: []platform.NodePool{{Name: "a", MachineType: "e2-standard-4", MinNodes: 1, MaxNodes: 1}}}
	c.Stamp(now)
	id := platform.NewID(platform.PrefixInstallation)
	in := &platform.Installation{ID: id, WorkspaceID: ws.ID, Name: fmt.Sprintf("secret-name-%d", n), ClusterID: c.ID,
		Namespace: "shop", Source: platform.InstallationSource{ProductID: productID, Tag: tag}, Values: map[string]string{},
		Secrets: []string{}, Status: platform.InstallationInstalled, InstalledTag: tag, RepositoryURL: "oci://localhost/" + id}
	in.Stamp(now)
	must(f.tb, f.store.Update(f.ctx, func(tx platform.Tx) error {
		if err := tx.CreateCluster(c); err != nil {
			return err
		}
		return tx.CreateInstallation(in)
	}))
	return in
}

// productCell is one caller of the permission matrix and what it may do in ws.
type productCell struct {
	name   string
	who    *platform.Principal
	ws     *platform.Workspace
	read   bool // products.read
	manage bool // products.manage
	hidden bool // the workspace is invisible: 404
}

// productCells are every kind of caller of docs/platform.md section 2: built-in roles, custom
// roles, API keys, a managing organization's member and strangers.
func (f *fixture) productCells() []productCell {
	tm := f.team(platform.PlanEnterprise)
	_, rw := f.apiKey(tm.ws, tm.owner, platform.AccessReadWrite)
	_, ro := f.apiKey(tm.ws, tm.owner, platform.AccessReadOnly)
	publisher := f.role(tm.ws, tm.owner, platform.PermProductsManage, platform.PermProductsRead)
	reader := f.role(tm.ws, tm.owner, viewerReads...)
	blind := f.role(tm.ws, tm.owner, platform.PermMembersRead)
	otherOwner := f.newUser("other-owner")
	other := f.workspace(otherOwner, platform.PlanFree)
	_, otherKey := f.apiKey(other, otherOwner, platform.AccessReadWrite)

	m := f.managed()
	_, err := f.svc.UpdateWorkspace(f.ctx, m.customer, m.ws.Slug, service.WorkspacePatch{Plan: new(platform.PlanEnterprise)}, 0)
	must(f.tb, err)

	return []productCell{
		{name: "owner", who: tm.owner, ws: tm.ws, read: true, manage: true},
		{name: "admin", who: tm.admin, ws: tm.ws, read: true, manage: true},
		{name: "member", who: tm.member, ws: tm.ws, read: true},
		{name: "viewer", who: tm.viewer, ws: tm.ws, read: true},
		{name: "read_write key", who: rw, ws: tm.ws, read: true, manage: true},
		{name: "read_only key", who: ro, ws: tm.ws, read: true},
		{name: "custom role with products.manage", who: f.member(tm.ws, tm.owner, publisher.ID), ws: tm.ws, read: true, manage: true},
		{name: "custom role with viewer reads", who: f.member(tm.ws, tm.owner, reader.ID), ws: tm.ws, read: true},
		{name: "custom role without products.read", who: f.member(tm.ws, tm.owner, blind.ID), ws: tm.ws},
		{name: "managing organization member", who: m.orgMember, ws: m.ws, read: true, manage: true},
		{name: "managed workspace's owner", who: m.customer, ws: m.ws, read: true, manage: true},
		{name: "non-member", who: f.newUser("stranger"), ws: tm.ws, hidden: true},
		{name: "another workspace's key", who: otherKey, ws: tm.ws, hidden: true},
	}
}

// ownerOf returns an owner of the cell's workspace, to set up what the cell then acts on.
func (f *fixture) ownerOf(ws *platform.Workspace, cells []productCell) *platform.Principal {
	for _, c := range cells {
		if c.ws.ID == ws.ID && (c.name == "owner" || c.name == "managed workspace's owner") {
			return c.who
		}
	}
	f.tb.Fatalf("no owner of %s among the cells", ws.Slug)
	return nil
}

// wantAllowed fails unless err matches what the cell may do: nil, 403 naming perm, or 404.
func wantAllowed(t *testing.T, c productCell, allowed bool, perm platform.Permission, what string, err error) {
	t.Helper()
	switch {
	case c.hidden:
		wantCode(t, err, platform.CodeNotFound, "workspace")
	case allowed && err != nil:
		t.Errorf("%s: %s refused: %v", c.name, what, err)
	case !allowed:
		wantCode(t, err, platform.CodePermissionDenied, string(perm))
	}
}

// TestProduct_EveryPermissionCell runs every product and release use case as every kind of
// caller: products.read reads, products.manage changes, and a workspace the caller cannot see
// is not found.
func TestProduct_EveryPermissionCell(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	cells := f.productCells()
	for _, c := range cells {
		t.Run(c.name, func(t *testing.T) {
			owner := f.ownerOf(c.ws, cells)
			p := f.product(c.ws, owner, f.productInput())
			r := f.release(c.ws, owner, p.ID, "1.0.0")
			ws := c.ws.Slug

			got, err := f.svc.GetProduct(f.ctx, c.who, ws, p.Slug)
			wantAllowed(t, c, c.read, platform.PermProductsRead, "get product", err)
			if err == nil && got.ID != p.ID {
				t.Errorf("get product: %+v", got)
			}
			_, err = f.svc.ListProducts(f.ctx, c.who, ws, service.ListOptions{})
			wantAllowed(t, c, c.read, platform.PermProductsRead, "list products", err)
			_, err = f.svc.GetRelease(f.ctx, c.who, ws, p.Slug, r.Tag)
			wantAllowed(t, c, c.read, platform.PermProductsRead, "get release", err)
			_, err = f.svc.ListReleases(f.ctx, c.who, ws, p.ID, service.ListOptions{})
			wantAllowed(t, c, c.read, platform.PermProductsRead, "list releases", err)

			// What the cell changes: its own new product, or (refused) the owner's.
			mine := p
			created, err := f.svc.CreateProduct(f.ctx, c.who, ws, f.productInput())
			wantAllowed(t, c, c.manage, platform.PermProductsManage, "create product", err)
			if err == nil {
				mine = created
			}
			_, err = f.svc.UpdateProduct(f.ctx, c.who, ws, mine.ID, service.ProductPatch{Name: new("Renamed")}, 0)
			wantAllowed(t, c, c.manage, platform.PermProductsManage, "update product", err)
			// Authorization comes first, even for a patch that would change nothing.
			_, err = f.svc.UpdateProduct(f.ctx, c.who, ws, p.ID, service.ProductPatch{}, 0)
			wantAllowed(t, c, c.manage, platform.PermProductsManage, "empty patch", err)
			_, err = f.svc.CreateRelease(f.ctx, c.who, ws, p.ID, service.ReleaseInput{Tag: "2.0.0", Chart: "https://charts.example.com/shop-2.0.0.tgz"})
			wantAllowed(t, c, c.manage, platform.PermProductsManage, "create release", err)
			_, err = f.svc.UpdateRelease(f.ctx, c.who, ws, p.ID, r.ID, service.ReleasePatch{Yanked: new(true)}, 0)
			wantAllowed(t, c, c.manage, platform.PermProductsManage, "update release", err)
			err = f.svc.DeleteRelease(f.ctx, c.who, ws, p.Slug, "2.0.0", 0)
			wantAllowed(t, c, c.manage, platform.PermProductsManage, "delete release", err)
			err = f.svc.DeleteProduct(f.ctx, c.who, ws, mine.ID, 0)
			wantAllowed(t, c, c.manage, platform.PermProductsManage, "delete product", err)
		})
	}
}

func TestProduct_CreateDefaultsAndLookups(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	p := f.product(tm.ws, tm.owner, service.ProductInput{Slug: "shop", Name: "Shop"})
	if p.Visibility != platform.VisibilityPrivate || p.Price != platform.DefaultPrice() || p.InstallCount != 0 ||
		p.WorkspaceID != tm.ws.ID || p.Version != 1 || !strings.HasPrefix(p.ID, platform.PrefixProduct) {
		t.Errorf("defaults: %+v", p)
	}
	// A partial price takes the defaults for what it leaves out.
	priced := f.product(tm.ws, tm.owner, service.ProductInput{Slug: "priced", Name: "Priced",
		Price: &service.PriceInput{AmountCents: new(int64(2500))}})
	if want := (platform.Price{AmountCents: 2500, Currency: "usd", Interval: "month"}); priced.Price != want {
		t.Errorf("partial price: %+v, want %+v", priced.Price, want)
	}
	yearly := f.product(tm.ws, tm.owner, service.ProductInput{Slug: "yearly", Name: "Yearly", Visibility: platform.VisibilityListed,
		Price: &service.PriceInput{Currency: new("eur"), Interval: new("year")}})
	if want := (platform.Price{AmountCents: 0, Currency: "eur", Interval: "year"}); yearly.Price != want || yearly.Visibility != platform.VisibilityListed {
		t.Errorf("free listed yearly product: %+v", yearly)
	}
	for _, ref := range []string{"shop", p.ID} {
		got, err := f.svc.GetProduct(f.ctx, tm.viewer, tm.ws.ID, ref)
		must(t, err)
		if got.ID != p.ID || got.Slug != "shop" {
			t.Errorf("get %s: %+v", ref, got)
		}
	}
	_, err := f.svc.GetProduct(f.ctx, tm.owner, tm.ws.Slug, "nope")
	wantCode(t, err, platform.CodeNotFound, "product", "nope")
	_, err = f.svc.CreateProduct(f.ctx, tm.owner, tm.ws.Slug, service.ProductInput{Slug: "shop", Name: "Again"})
	wantCode(t, err, platform.CodeAlreadyExists, "shop")

	// Another workspace's product is not found by slug or id.
	other := f.workspace(tm.owner, platform.PlanFree)
	_, err = f.svc.GetProduct(f.ctx, tm.owner, other.Slug, p.ID)
	wantCode(t, err, platform.CodeNotFound)

	list, err := f.svc.ListProducts(f.ctx, tm.member, tm.ws.Slug, service.ListOptions{PageSize: 2})
	must(t, err)
	if len(list.Items) != 2 || list.Items[0].ID != p.ID || list.Next == 0 {
		t.Errorf("first page: %+v", list)
	}
	rest, err := f.svc.ListProducts(f.ctx, tm.member, tm.ws.Slug, service.ListOptions{PageSize: 2, After: list.Next})
	must(t, err)
	if len(rest.Items) != 1 || rest.Items[0].ID != yearly.ID || rest.Next != 0 {
		t.Errorf("second page: %+v", rest)
	}
}

func TestProduct_BadInputNamesEveryField(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	_, err := f.svc.CreateProduct(f.ctx, tm.owner, tm.ws.Slug, service.ProductInput{
		Slug: "Shop!", Name: "", Description: strings.Repeat("d", 1001), Visibility: "public",
		Price: &service.PriceInput{AmountCents: new(int64(-1)), Currency: new("USD"), Interval: new("week")},
	})
	wantFields(t, err, "slug", "name", "description", "visibility", "price.amount_cents", "price.currency", "price.interval")
	_, err = f.svc.CreateProduct(f.ctx, tm.owner, tm.ws.Slug, service.ProductInput{Slug: "shop", Name: "Shop",
		Price: &service.PriceInput{AmountCents: new(int64(platform.MaxPriceCents + 1))}})
	wantFields(t, err, "price.amount_cents")

	p := f.product(tm.ws, tm.owner, service.ProductInput{Slug: "shop", Name: "Shop"})
	_, err = f.svc.UpdateProduct(f.ctx, tm.owner, tm.ws.Slug, p.Slug, service.ProductPatch{
		Visibility: new(platform.Visibility("")), Price: &service.PriceInput{Currency: new("dollars")}}, 0)
	wantFields(t, err, "visibility", "price.currency")
}

func TestProduct_PatchSemantics(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	p := f.product(tm.ws, tm.owner, service.ProductInput{Slug: "shop", Name: "Shop", Description: "Sells things.",
		Price: &service.PriceInput{AmountCents: new(int64(900)), Currency: new("eur")}})
	events := len(f.auditEvents(tm.ws, tm.owner))

	// Absent fields stay; a price patch changes only the fields it names.
	up, err := f.svc.UpdateProduct(f.ctx, tm.admin, tm.ws.Slug, "shop", service.ProductPatch{
		Slug: new("store"), Price: &service.PriceInput{Interval: new("year")}}, p.Version)
	must(t, err)
	want := *p
	want.Slug, want.Price.Interval, want.Version, want.UpdatedAt = "store", "year", p.Version+1, up.UpdatedAt
	if *up != want {
		t.Errorf("patched product:\n got %+v\nwant %+v", up, want)
	}
	// The old slug is free again, the new one finds it.
	if _, err := f.svc.GetProduct(f.ctx, tm.owner, tm.ws.Slug, "shop"); !platform.IsCode(err, platform.CodeNotFound) {
		t.Errorf("old slug: %v", err)
	}

	// A patch that changes nothing writes nothing: no new version, no audit event.
	same, err := f.svc.UpdateProduct(f.ctx, tm.owner, tm.ws.Slug, "store", service.ProductPatch{
		Name: new("Shop"), Description: new("Sells things."), Visibility: new(platform.VisibilityPrivate),
		Price: &service.PriceInput{AmountCents: new(int64(900)), Currency: new("eur"), Interval: new("year")}}, 0)
	must(t, err)
	if same.Version != up.Version {
		t.Errorf("a patch without change moved the version: %d -> %d", up.Version, same.Version)
	}
	if got := len(f.auditEvents(tm.ws, tm.owner)); got != events+1 {
		t.Errorf("audit events: %d new, want 1 (the real change)", got-events)
	}

	// If-Match: a stale version is aborted; authorization still comes first.
	_, err = f.svc.UpdateProduct(f.ctx, tm.owner, tm.ws.Slug, "store", service.ProductPatch{Name: new("x")}, p.Version)
	wantCode(t, err, platform.CodeAborted, "version")
	_, err = f.svc.UpdateProduct(f.ctx, tm.viewer, tm.ws.Slug, "store", service.ProductPatch{Name: new("x")}, p.Version)
	wantCode(t, err, platform.CodePermissionDenied, string(platform.PermProductsManage))
	wantCode(t, f.svc.DeleteProduct(f.ctx, tm.owner, tm.ws.Slug, "store", p.Version), platform.CodeAborted)

	// A slug taken by another product of the workspace.
	f.product(tm.ws, tm.owner, service.ProductInput{Slug: "other", Name: "Other"})
	_, err = f.svc.UpdateProduct(f.ctx, tm.owner, tm.ws.Slug, "store", service.ProductPatch{Slug: new("other")}, 0)
	wantCode(t, err, platform.CodeAlreadyExists, "other")
}

// TestProduct_QuotaEveryPlan fills each plan's product quota and checks the next create (and
// its dry run) is quota_exceeded, naming the plan, the limit and the usage.
func TestProduct_QuotaEveryPlan(t *testing.T) {
	t.Parallel()
	for _, plan := range platform.Plans {
		t.Run(string(plan), func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			owner := f.newUser("owner")
			ws := f.workspace(owner, plan)
			limits, _ := platform.PlanLimits(plan)
			now := f.svc.Now()
			must(t, f.store.Update(f.ctx, func(tx platform.Tx) error {
				for i := range limits.Products - 1 {
					p := &platform.Product{ID: platform.NewID(platform.PrefixProduct), WorkspaceID: ws.ID,
						Slug: fmt.Sprintf("seed-%d", i), Name: "Seed", Visibility: platform.VisibilityPrivate, Price: platform.DefaultPrice()}
					p.Stamp(now)
					if err := tx.CreateProduct(p); err != nil {
						return err
					}
				}
				return nil
			}))
			f.product(ws, owner, f.productInput()) // the last free slot
			if got := f.usage(ws, owner).Usage.Products; got != limits.Products {
				t.Fatalf("usage: %d products, want %d", got, limits.Products)
			}
			_, err := f.svc.CreateProduct(f.ctx, owner, ws.Slug, f.productInput())
			noun := "products"
			if limits.Products == 1 {
				noun = "product"
			}
			wantCode(t, err, platform.CodeQuotaExceeded, string(plan), fmt.Sprintf("allows %d %s", limits.Products, noun),
				fmt.Sprintf("has %d", limits.Products))
			_, errDry := f.svc.CreateProduct(service.WithValidateOnly(f.ctx), owner, ws.Slug, f.productInput())
			sameError(t, "dry run at quota", errDry, err)
		})
	}
}

// TestProduct_PaidListing: a listed product with a price needs a plan that allows it
// (quota_exceeded) and charges enabled (failed_precondition: here the workspace has no Stripe
// account; TestStripeAccount_PaidListingNeedsChargesEnabled covers the others), on create and on
// the update that makes one; private priced and free listed products work on any plan.
func TestProduct_PaidListing(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	paid := &service.PriceInput{AmountCents: new(int64(4900))}

	free := f.team(platform.PlanFree)
	_, err := f.svc.CreateProduct(f.ctx, free.owner, free.ws.Slug, service.ProductInput{Slug: "shop", Name: "Shop",
		Visibility: platform.VisibilityListed, Price: paid})
	wantCode(t, err, platform.CodeQuotaExceeded, "paid listed products are not allowed on the free plan")
	_, errDry := f.svc.CreateProduct(service.WithValidateOnly(f.ctx), free.owner, free.ws.Slug, service.ProductInput{
		Slug: "shop", Name: "Shop", Visibility: platform.VisibilityListed, Price: paid})
	sameError(t, "paid listing on free", errDry, err)
	// Private with a price, then listed for free: both fine; listing the priced one is not.
	p := f.product(free.ws, free.owner, service.ProductInput{Slug: "shop", Name: "Shop", Price: paid})
	_, err = f.svc.UpdateProduct(f.ctx, free.owner, free.ws.Slug, "shop", service.ProductPatch{Visibility: new(platform.VisibilityListed)}, 0)
	wantCode(t, err, platform.CodeQuotaExceeded, "free plan")
	_, err = f.svc.UpdateProduct(f.ctx, free.owner, free.ws.Slug, "shop", service.ProductPatch{
		Visibility: new(platform.VisibilityListed), Price: &service.PriceInput{AmountCents: new(int64(0))}}, 0)
	must(t, err)
	_, err = f.svc.UpdateProduct(f.ctx, free.owner, free.ws.Slug, p.ID, service.ProductPatch{Price: paid}, 0)
	wantCode(t, err, platform.CodeQuotaExceeded, "free plan")

	pro := f.team(platform.PlanPro)
	for _, caller := range []*platform.Principal{pro.owner, pro.admin} {
		_, err = f.svc.CreateProduct(f.ctx, caller, pro.ws.Slug, service.ProductInput{Slug: "shop", Name: "Shop",
			Visibility: platform.VisibilityListed, Price: paid})
		wantCode(t, err, platform.CodeFailedPrecondition, chargesRefusal, "stripe-account")
	}
	f.product(pro.ws, pro.owner, service.ProductInput{Slug: "shop", Name: "Shop", Visibility: platform.VisibilityListed})
	_, err = f.svc.UpdateProduct(service.WithValidateOnly(f.ctx), pro.owner, pro.ws.Slug, "shop", service.ProductPatch{Price: paid}, 0)
	wantCode(t, err, platform.CodeFailedPrecondition, chargesRefusal)
	// The refusals wrote nothing.
	got, err := f.svc.GetProduct(f.ctx, pro.owner, pro.ws.Slug, "shop")
	must(t, err)
	if got.Paid() || got.Version != 1 {
		t.Errorf("refused listing changed the product: %+v", got)
	}

	// A product that already is paid listed (made before, straight in the store) stays
	// changeable: the checks are for making one.
	now := f.svc.Now()
	seeded := &platform.Product{ID: platform.NewID(platform.PrefixProduct), WorkspaceID: pro.ws.ID, Slug: "premium", Name: "Premium",
		Visibility: platform.VisibilityListed, Price: platform.Price{AmountCents: 9900, Currency: "usd", Interval: "month"}}
	seeded.Stamp(now)
	must(t, f.store.Update(f.ctx, func(tx platform.Tx) error { return tx.CreateProduct(seeded) }))
	up, err := f.svc.UpdateProduct(f.ctx, pro.owner, pro.ws.Slug, "premium", service.ProductPatch{
		Name: new("Premium+"), Price: &service.PriceInput{AmountCents: new(int64(12900))}}, 0)
	must(t, err)
	if up.Name != "Premium+" || up.Price.AmountCents != 12900 || !up.Paid() {
		t.Errorf("update of a paid listed product: %+v", up)
	}
}

// TestProduct_DeleteInUseRefusedWithCountOnly: a product or release that installations use
// (here in another workspace) cannot be deleted; the message counts them without naming them
// or their workspace. install_count counts them too.
func TestProduct_DeleteInUseRefusedWithCountOnly(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	vendor := f.team(platform.PlanPro)
	p := f.product(vendor.ws, vendor.owner, service.ProductInput{Slug: "shop", Name: "Shop", Visibility: platform.VisibilityListed})
	r1 := f.release(vendor.ws, vendor.owner, "shop", "1.0.0")
	r2 := f.release(vendor.ws, vendor.owner, "shop", "1.1.0")
	f.release(vendor.ws, vendor.owner, "shop", "2.0.0-rc.1")
	customer := f.workspace(f.newUser("customer"), platform.PlanFree)
	in1 := f.storeInstallation(customer, p.ID, "1.0.0")
	in2 := f.storeInstallation(customer, p.ID, "1.0.0")

	got, err := f.svc.GetProduct(f.ctx, vendor.viewer, vendor.ws.Slug, "shop")
	must(t, err)
	if got.InstallCount != 2 {
		t.Errorf("install_count: %d, want 2", got.InstallCount)
	}
	list, err := f.svc.ListProducts(f.ctx, vendor.viewer, vendor.ws.Slug, service.ListOptions{})
	must(t, err)
	if len(list.Items) != 1 || list.Items[0].InstallCount != 2 {
		t.Errorf("listed install_count: %+v", list.Items)
	}

	leaks := []string{customer.Slug, customer.ID, in1.Name, in2.Name, in1.ID}
	noLeak := func(err error) {
		t.Helper()
		for _, s := range leaks {
			if strings.Contains(err.Error(), s) {
				t.Errorf("refusal %q names %q of another workspace", err, s)
			}
		}
	}
	err = f.svc.DeleteProduct(f.ctx, vendor.owner, vendor.ws.Slug, "shop", 0)
	wantCode(t, err, platform.CodeFailedPrecondition, "product shop is still installed (2 installations)")
	noLeak(err)
	errDry := f.svc.DeleteProduct(service.WithValidateOnly(f.ctx), vendor.owner, vendor.ws.Slug, "shop", 0)
	sameError(t, "delete installed product", errDry, err)
	err = f.svc.DeleteRelease(f.ctx, vendor.owner, vendor.ws.Slug, "shop", r1.ID, 0)
	wantCode(t, err, platform.CodeFailedPrecondition, "release 1.0.0 of product shop is still used by 2 installations")
	noLeak(err)

	// A release that runs nowhere goes; a used one can still be yanked (installations keep it).
	must(t, f.svc.DeleteRelease(f.ctx, vendor.admin, vendor.ws.Slug, "shop", r2.Tag, 0))
	yanked, err := f.svc.UpdateRelease(f.ctx, vendor.owner, vendor.ws.Slug, "shop", "1.0.0", service.ReleasePatch{Yanked: new(true)}, r1.Version)
	must(t, err)
	if !yanked.Yanked || yanked.Version != r1.Version+1 {
		t.Errorf("yanked release: %+v", yanked)
	}

	// Once uninstalled, the product goes with its releases.
	must(t, f.store.Update(f.ctx, func(tx platform.Tx) error {
		if err := tx.DeleteInstallation(customer.ID, in1.ID); err != nil {
			return err
		}
		return tx.DeleteInstallation(customer.ID, in2.ID)
	}))
	must(t, f.svc.DeleteProduct(f.ctx, vendor.owner, vendor.ws.Slug, p.ID, 0))
	_, err = f.svc.GetProduct(f.ctx, vendor.owner, vendor.ws.Slug, p.ID)
	wantCode(t, err, platform.CodeNotFound)
	must(t, f.store.View(f.ctx, func(tx platform.Tx) error {
		if rels, err := tx.ListReleases(p.ID, platform.Page{Limit: 10}); err != nil || len(rels) != 0 {
			t.Errorf("releases left after the product's delete: %v %v", rels, err)
		}
		return nil
	}))
}

// TestProduct_DryRunsWriteNothing: creates, updates and deletes of products and releases with
// validate_only answer what the real call would and change nothing.
func TestProduct_DryRunsWriteNothing(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	dry := service.WithValidateOnly(f.ctx)
	p := f.product(tm.ws, tm.owner, service.ProductInput{Slug: "shop", Name: "Shop"})
	r := f.release(tm.ws, tm.owner, "shop", "1.0.0")
	events := len(f.auditEvents(tm.ws, tm.owner))

	np, err := f.svc.CreateProduct(dry, tm.owner, tm.ws.Slug, service.ProductInput{Slug: "dry", Name: "Dry"})
	must(t, err)
	if np.Slug != "dry" || np.WorkspaceID != tm.ws.ID || np.Visibility != platform.VisibilityPrivate || np.Version != 1 {
		t.Errorf("dry-run product: %+v", np)
	}
	nr, err := f.svc.CreateRelease(dry, tm.owner, tm.ws.Slug, "shop", service.ReleaseInput{Tag: "1.1.0", Chart: "oci://charts.example.com/shop:1.1.0"})
	must(t, err)
	if nr.Tag != "1.1.0" || nr.ProductID != p.ID {
		t.Errorf("dry-run release: %+v", nr)
	}
	up, err := f.svc.UpdateProduct(dry, tm.owner, tm.ws.Slug, "shop", service.ProductPatch{Name: new("Would be")}, 0)
	must(t, err)
	if up.Name != "Would be" || up.Version != p.Version+1 {
		t.Errorf("dry-run update: %+v", up)
	}
	ur, err := f.svc.UpdateRelease(dry, tm.owner, tm.ws.Slug, "shop", "1.0.0", service.ReleasePatch{Notes: new("would be")}, 0)
	must(t, err)
	if ur.Notes != "would be" {
		t.Errorf("dry-run release update: %+v", ur)
	}
	must(t, f.svc.DeleteRelease(dry, tm.owner, tm.ws.Slug, "shop", "1.0.0", 0))
	must(t, f.svc.DeleteProduct(dry, tm.owner, tm.ws.Slug, "shop", 0))

	list, err := f.svc.ListProducts(f.ctx, tm.owner, tm.ws.Slug, service.ListOptions{})
	must(t, err)
	if len(list.Items) != 1 || list.Items[0] != *p {
		t.Errorf("products after dry runs: %+v, want only %+v", list.Items, p)
	}
	rels, err := f.svc.ListReleases(f.ctx, tm.owner, tm.ws.Slug, "shop", service.ListOptions{})
	must(t, err)
	if len(rels.Items) != 1 || rels.Items[0] != *r {
		t.Errorf("releases after dry runs: %+v, want only %+v", rels.Items, r)
	}
	if got := len(f.auditEvents(tm.ws, tm.owner)); got != events {
		t.Errorf("dry runs wrote %d audit events", got-events)
	}
}

// TestProduct_AuditEvents: every change of a product or release writes one event; a release's
// events target the release id.
func TestProduct_AuditEvents(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	_, rw := f.apiKey(tm.ws, tm.owner, platform.AccessReadWrite)
	var p *platform.Product
	var r *platform.Release
	steps := []struct {
		actor  *platform.Principal
		action string
		run    func(c *platform.Principal) (string, error)
	}{
		{tm.owner, "product.create", func(c *platform.Principal) (string, error) {
			var err error
			if p, err = f.svc.CreateProduct(f.ctx, c, tm.ws.Slug, service.ProductInput{Slug: "shop", Name: "Shop"}); err != nil {
				return "", err
			}
			return p.ID, nil
		}},
		{rw, "product.update", func(c *platform.Principal) (string, error) {
			_, err := f.svc.UpdateProduct(f.ctx, c, tm.ws.Slug, "shop", service.ProductPatch{Description: new("d")}, 0)
			return p.ID, err
		}},
		{tm.admin, "release.create", func(c *platform.Principal) (string, error) {
			var err error
			if r, err = f.svc.CreateRelease(f.ctx, c, tm.ws.Slug, "shop", service.ReleaseInput{Tag: "1.4.0", Chart: "oci://charts.example.com/shop:1.4.0"}); err != nil {
				return "", err
			}
			return r.ID, nil
		}},
		{rw, "release.update", func(c *platform.Principal) (string, error) {
			_, err := f.svc.UpdateRelease(f.ctx, c, tm.ws.Slug, p.ID, "1.4.0", service.ReleasePatch{Yanked: new(true)}, 0)
			return r.ID, err
		}},
		{tm.owner, "release.delete", func(c *platform.Principal) (string, error) {
			return r.ID, f.svc.DeleteRelease(f.ctx, c, tm.ws.Slug, "shop", r.ID, 0)
		}},
		{tm.admin, "product.delete", func(c *platform.Principal) (string, error) {
			return p.ID, f.svc.DeleteProduct(f.ctx, c, tm.ws.Slug, "shop", 0)
		}},
	}
	before := f.auditEvents(tm.ws, tm.owner)
	for _, step := range steps {
		target, err := step.run(step.actor)
		if err != nil {
			t.Fatalf("%s: %v", step.action, err)
		}
		events := f.auditEvents(tm.ws, tm.owner)
		if len(events) != len(before)+1 {
			t.Fatalf("%s wrote %d audit events, want 1", step.action, len(events)-len(before))
		}
		if e := events[len(events)-1]; e.Action != step.action || e.Target != target || e.Actor != step.actor.Actor() {
			t.Errorf("%s: audit event %+v, want target %s actor %s", step.action, e, target, step.actor.Actor())
		}
		before = events
	}
}

// TestProduct_PlanSessions: dry-run deletes are recorded in the plan session (products and
// releases, by id), and a dry run (of the product, a release or the vendor's workspace) does not
// count the installations that the same session plans to delete, in any workspace; real calls
// are never affected.
func TestProduct_PlanSessions(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	vendor := f.team(platform.PlanPro)
	p := f.product(vendor.ws, vendor.owner, service.ProductInput{Slug: "shop", Name: "Shop", Visibility: platform.VisibilityListed})
	r := f.release(vendor.ws, vendor.owner, "shop", "1.0.0")
	// The vendor's owner also runs the customer's workspace, so one plan can hold both.
	customer := f.workspace(vendor.owner, platform.PlanFree)
	in := f.storeInstallation(customer, p.ID, "1.0.0")

	const session = "plan-session-products"
	dry := service.WithPlanSession(service.WithValidateOnly(f.ctx), session)
	wantCode(t, f.svc.DeleteRelease(dry, vendor.owner, vendor.ws.Slug, "shop", "1.0.0", 0), platform.CodeFailedPrecondition)
	wantCode(t, f.svc.DeleteProduct(dry, vendor.owner, vendor.ws.Slug, "shop", 0), platform.CodeFailedPrecondition)
	// The vendor's workspace (whose product the session deletes) still runs in the customer's:
	// refused, with the product named in the details (a refusal the rest of the plan may lift),
	// never the customer's workspace.
	err := f.svc.DeleteWorkspace(dry, vendor.owner, vendor.ws.Slug, false, 0)
	wantCode(t, err, platform.CodeFailedPrecondition)
	var perr *platform.Error
	if !errors.As(err, &perr) || len(perr.Details) != 1 || perr.Details[0].Field != "products/"+p.ID ||
		strings.Contains(err.Error(), customer.ID) || strings.Contains(err.Error(), customer.Slug) {
		t.Errorf("refusal %v (details %+v): want one detail products/%s and no word of the customer", err, perr, p.ID)
	}
	s, err := f.svc.GetPlanSession(f.ctx, vendor.owner, session)
	must(t, err)
	var got []string
	for _, d := range s.Deletes {
		got = append(got, d.Kind+"/"+d.TargetID+"@"+d.WorkspaceID)
	}
	want := []string{platform.PlannedRelease + "/" + r.ID + "@" + vendor.ws.ID, platform.PlannedProduct + "/" + p.ID + "@" + vendor.ws.ID,
		platform.PlannedWorkspace + "/" + vendor.ws.ID + "@" + vendor.ws.ID}
	if !slices.Equal(got, want) {
		t.Errorf("planned deletes: %v, want %v (refused deletes are part of the plan too)", got, want)
	}

	// The plan also uninstalls the product in the customer's workspace: then both pass.
	_, err = f.svc.DeclarePlannedDeletes(f.ctx, vendor.owner, session, service.PlannedDeletesInput{
		WorkspaceID: customer.ID, Deletes: []service.PlannedTarget{{Kind: platform.PlannedInstallation, TargetID: in.ID}}})
	must(t, err)
	must(t, f.svc.DeleteRelease(dry, vendor.owner, vendor.ws.Slug, "shop", "1.0.0", 0))
	must(t, f.svc.DeleteProduct(dry, vendor.owner, vendor.ws.Slug, "shop", 0))
	must(t, f.svc.DeleteWorkspace(dry, vendor.owner, vendor.ws.Slug, false, 0))
	// The dry run deleted nothing for real, and the real calls ignore the session.
	must(t, f.store.View(f.ctx, func(tx platform.Tx) error {
		_, err := tx.GetInstallation(customer.ID, in.ID)
		return err
	}))
	wantCode(t, f.svc.DeleteProduct(service.WithPlanSession(f.ctx, session), vendor.owner, vendor.ws.Slug, "shop", 0),
		platform.CodeFailedPrecondition)
}
