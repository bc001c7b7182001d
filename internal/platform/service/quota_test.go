package service_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/service"
)

// Plans and quotas (docs/platform.md section 3), through the service.

func limitOf(l platform.Limits, q platform.Quota) int { return l.Of(q) }

func usageOf(u platform.Usage, q platform.Quota) int { return u.Of(q) }

var allQuotas = []platform.Quota{
	platform.QuotaProjects, platform.QuotaMembers, platform.QuotaAPIKeys,
	platform.QuotaRegions, platform.QuotaClusters, platform.QuotaCustomRoles,
}

// createCounted creates one object counted by q in ws through the service, as caller.
func (f *fixture) createCounted(caller *platform.Principal, ws *platform.Workspace, q platform.Quota) error {
	return f.createCountedCtx(f.ctx, caller, ws, q)
}

// createCountedCtx is createCounted with a context (for dry runs).
func (f *fixture) createCountedCtx(ctx context.Context, caller *platform.Principal, ws *platform.Workspace, q platform.Quota) error {
	n := f.seq()
	var err error
	switch q {
	case platform.QuotaProjects:
		_, err = f.svc.CreateProject(ctx, caller, ws.Slug, service.ProjectInput{Slug: fmt.Sprintf("p-%d", n), Name: "P"})
	case platform.QuotaMembers:
		_, err = f.svc.InviteMember(ctx, caller, ws.Slug, service.MemberInput{Email: fmt.Sprintf("m-%d@example.com", n), Role: platform.RoleViewer})
	case platform.QuotaAPIKeys:
		_, err = f.svc.CreateAPIKey(ctx, caller, ws.Slug, service.APIKeyInput{Name: "k", Access: platform.AccessReadOnly})
	case platform.QuotaRegions:
		_, err = f.svc.CreateRegion(ctx, caller, ws.Slug, service.RegionInput{Name: fmt.Sprintf("r-%d", n)})
	case platform.QuotaClusters:
		_, err = f.svc.CreateCluster(ctx, caller, ws.Slug, f.clusterInput("eu-west-1"))
	case platform.QuotaCustomRoles:
		_, err = f.svc.CreateRole(ctx, caller, ws.Slug, service.RoleInput{Name: fmt.Sprintf("role-%d", n),
			Permissions: []platform.Permission{platform.PermWorkspaceRead}})
	}
	return err
}

// seed adds n objects counted by q to ws straight through the store, in one transaction, so
// that the large enterprise limits can be reached quickly. Only the service call that crosses
// the limit matters to the tests.
func (f *fixture) seed(ws *platform.Workspace, q platform.Quota, n int) {
	f.tb.Helper()
	now := f.svc.Now()
	must(f.tb, f.store.Update(f.ctx, func(tx platform.Tx) error {
		for i := range n {
			var err error
			name := fmt.Sprintf("seed-%d", i)
			switch q {
			case platform.QuotaProjects:
				p := &platform.Project{ID: platform.NewID(platform.PrefixProject), WorkspaceID: ws.ID, Slug: name, Name: name}
				p.Stamp(now)
				err = tx.CreateProject(p)
			case platform.QuotaMembers:
				u := &platform.User{ID: platform.NewID(platform.PrefixUser), Email: name + "@seed.example.com"}
				u.Stamp(now)
				if err = tx.CreateUser(u); err == nil {
					m := &platform.WorkspaceMember{WorkspaceID: ws.ID, UserID: u.ID, Role: platform.RoleViewer}
					m.Stamp(now)
					err = tx.CreateWorkspaceMember(m)
				}
			case platform.QuotaAPIKeys:
				secret := platform.NewSecret(platform.SecretPrefixAPIKey)
				k := &platform.APIKey{ID: platform.NewID(platform.PrefixAPIKey), WorkspaceID: ws.ID, Name: name,
					Access: platform.AccessReadOnly, Prefix: platform.DisplayPrefix(secret), SecretHash: platform.HashSecret(secret)}
				k.Stamp(now)
				err = tx.CreateAPIKey(k)
			case platform.QuotaRegions:
				r := &platform.Region{ID: platform.NewID(platform.PrefixRegion), WorkspaceID: ws.ID, Name: name}
				r.Stamp(now)
				err = tx.CreateRegion(r)
			case platform.QuotaClusters:
				c := &platform.Cluster{ID: platform.NewID(platform.PrefixCluster), WorkspaceID: ws.ID, Name: name,
					Cloud: platform.CloudGCP, Location: "europe-west3", KubernetesVersion: "1.31", Status: platform.ClusterRunning,
					NodePools: []platform.NodePool{{Name: "a", MachineType: "e2-standard-4", MinNodes: 1, MaxNodes: 1}}}
				c.Stamp(now)
				err = tx.CreateCluster(c)
			case platform.QuotaCustomRoles:
				r := &platform.Role{ID: platform.NewID(platform.PrefixRole), WorkspaceID: ws.ID, Name: name,
					Permissions: []platform.Permission{platform.PermWorkspaceRead}}
				r.Stamp(now)
				err = tx.CreateRole(r)
			}
			if err != nil {
				return err
			}
		}
		return nil
	}))
}

func (f *fixture) usage(ws *platform.Workspace, caller *platform.Principal) *service.WorkspaceUsage {
	f.tb.Helper()
	u, err := f.svc.Usage(f.ctx, caller, ws.Slug)
	must(f.tb, err)
	return u
}

// TestQuota_EveryPlanAndResource fills every quota of every plan to its limit and checks that
// the next create is quota_exceeded, naming the plan, the limit and the usage.
func TestQuota_EveryPlanAndResource(t *testing.T) {
	t.Parallel()
	for _, plan := range platform.Plans {
		limits, _ := platform.PlanLimits(plan)
		for _, q := range allQuotas {
			t.Run(string(plan)+"/"+string(q), func(t *testing.T) {
				t.Parallel()
				f := newFixture(t)
				owner := f.newUser("owner")
				ws := f.workspace(owner, plan)
				limit := limitOf(limits, q)
				if q == platform.QuotaCustomRoles && limit == 0 {
					err := f.createCounted(owner, ws, q)
					wantCode(t, err, platform.CodeQuotaExceeded, "custom roles", "not allowed", string(plan))
					if got := f.usage(ws, owner).Usage.CustomRoles; got != 0 {
						t.Errorf("custom roles after refusal: %d", got)
					}
					return
				}
				if raceEnabled && limit > 250 {
					// Filling thousands of rows under the race detector takes half a minute; the
					// run without -race covers these limits, and the smaller ones run here.
					t.Skipf("filling %d %s is too slow under the race detector; covered by the run without -race", limit, q)
				}
				used := usageOf(f.usage(ws, owner).Usage, q) // the creator is a member
				f.seed(ws, q, limit-used-1)
				must(t, f.createCounted(owner, ws, q)) // the last free slot
				u := f.usage(ws, owner)
				if got := usageOf(u.Usage, q); got != limit {
					t.Fatalf("usage of %s: got %d, want %d", q, got, limit)
				}
				err := f.createCounted(owner, ws, q)
				wantCode(t, err, platform.CodeQuotaExceeded, string(plan), fmt.Sprintf("allows %d", limit),
					strings.TrimSuffix(strings.ReplaceAll(string(q), "_", " "), "s"), fmt.Sprintf("has %d", limit))
				// The dry run answers the same.
				errDry := f.createCountedCtx(service.WithValidateOnly(f.ctx), owner, ws, q)
				wantCode(t, errDry, platform.CodeQuotaExceeded, string(plan))
				if got := usageOf(f.usage(ws, owner).Usage, q); got != limit {
					t.Errorf("usage after refusals: got %d, want %d", got, limit)
				}
			})
		}
	}
}

func TestQuota_FreePlanThroughServiceOnly(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	owner := f.newUser("owner")
	ws := f.workspace(owner, platform.PlanFree)

	for i := range 3 {
		if err := f.createCounted(owner, ws, platform.QuotaProjects); err != nil {
			t.Fatalf("project %d of 3: %v", i+1, err)
		}
	}
	err := f.createCounted(owner, ws, platform.QuotaProjects)
	wantCode(t, err, platform.CodeQuotaExceeded, "free plan", "allows 3 projects", "has 3")

	// Members: the creator counts, so 4 invitations fill the 5 seats.
	for i := range 4 {
		if err := f.createCounted(owner, ws, platform.QuotaMembers); err != nil {
			t.Fatalf("invitation %d of 4: %v", i+1, err)
		}
	}
	err = f.createCounted(owner, ws, platform.QuotaMembers)
	wantCode(t, err, platform.CodeQuotaExceeded, "free plan", "allows 5 members", "has 5")

	for _, c := range []struct {
		q     platform.Quota
		limit int
		what  string
	}{{platform.QuotaAPIKeys, 2, "api keys"}, {platform.QuotaRegions, 2, "regions"}, {platform.QuotaClusters, 1, "cluster"}} {
		for i := range c.limit {
			if err := f.createCounted(owner, ws, c.q); err != nil {
				t.Fatalf("%s %d of %d: %v", c.q, i+1, c.limit, err)
			}
		}
		err := f.createCounted(owner, ws, c.q)
		wantCode(t, err, platform.CodeQuotaExceeded, "free plan", fmt.Sprintf("allows %d %s", c.limit, c.what), fmt.Sprintf("has %d", c.limit))
	}
	err = f.createCounted(owner, ws, platform.QuotaCustomRoles)
	wantCode(t, err, platform.CodeQuotaExceeded, "not allowed on the free plan")

	u := f.usage(ws, owner)
	want := platform.Usage{Projects: 3, Members: 5, APIKeys: 2, Regions: 2, Clusters: 1}
	if u.Usage != want {
		t.Errorf("usage: got %+v, want %+v", u.Usage, want)
	}
}

func TestQuota_CustomRolesOnlyOnEnterprise(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	owner := f.newUser("owner")
	for _, plan := range []platform.Plan{platform.PlanFree, platform.PlanPro} {
		ws := f.workspace(owner, plan)
		err := f.createCounted(owner, ws, platform.QuotaCustomRoles)
		wantCode(t, err, platform.CodeQuotaExceeded, "not allowed on the "+string(plan)+" plan")
	}
	ws := f.workspace(owner, platform.PlanEnterprise)
	must(t, f.createCounted(owner, ws, platform.QuotaCustomRoles))
}

func TestQuota_DowngradeIsRefusedListingEveryViolation(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	owner := f.newUser("owner")
	ws := f.workspace(owner, platform.PlanEnterprise)
	counts := map[platform.Quota]int{
		platform.QuotaProjects: 4, platform.QuotaMembers: 5, // + the creator = 6
		platform.QuotaAPIKeys: 3, platform.QuotaRegions: 3, platform.QuotaClusters: 2, platform.QuotaCustomRoles: 1,
	}
	for q, n := range counts {
		for range n {
			must(t, f.createCounted(owner, ws, q))
		}
	}
	before := f.usage(ws, owner)

	_, err := f.svc.UpdateWorkspace(f.ctx, owner, ws.Slug, service.WorkspacePatch{Plan: new(platform.PlanFree)}, 0)
	e := wantCode(t, err, platform.CodeQuotaExceeded, "free",
		"projects: limit 3, usage 4", "members: limit 5, usage 6", "api keys: limit 2, usage 3",
		"regions: limit 2, usage 3", "clusters: limit 1, usage 2", "custom roles are not allowed")
	if len(e.Details) != 6 {
		t.Errorf("downgrade to free: got %d details %+v, want one per violation (6)", len(e.Details), e.Details)
	}
	// Dry run: same refusal.
	_, errDry := f.svc.UpdateWorkspace(service.WithValidateOnly(f.ctx), owner, ws.Slug, service.WorkspacePatch{Plan: new(platform.PlanFree)}, 0)
	wantCode(t, errDry, platform.CodeQuotaExceeded)

	// Pro fits everything but the custom role.
	_, err = f.svc.UpdateWorkspace(f.ctx, owner, ws.Slug, service.WorkspacePatch{Plan: new(platform.PlanPro)}, 0)
	e = wantCode(t, err, platform.CodeQuotaExceeded, "custom roles are not allowed on the pro plan")
	if len(e.Details) != 1 {
		t.Errorf("downgrade to pro: got details %+v, want exactly the custom role violation", e.Details)
	}
	after := f.usage(ws, owner)
	if after.Plan != platform.PlanEnterprise || after.Usage != before.Usage {
		t.Errorf("refused downgrades changed the workspace: before %+v, after %+v", before, after)
	}

	roles, err := f.svc.ListRoles(f.ctx, owner, ws.Slug, service.ListOptions{})
	must(t, err)
	must(t, f.svc.DeleteRole(f.ctx, owner, ws.Slug, roles.Items[0].Name, 0))
	got, err := f.svc.UpdateWorkspace(f.ctx, owner, ws.Slug, service.WorkspacePatch{Plan: new(platform.PlanPro)}, 0)
	must(t, err)
	if got.Plan != platform.PlanPro {
		t.Errorf("plan after downgrade: %q", got.Plan)
	}
}

func TestQuota_UpgradeAllowsMore(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanFree)
	for range 3 {
		must(t, f.createCounted(tm.owner, tm.ws, platform.QuotaProjects))
	}
	wantCode(t, f.createCounted(tm.owner, tm.ws, platform.QuotaProjects), platform.CodeQuotaExceeded)

	// Plan changes need billing.manage.
	_, err := f.svc.UpdateWorkspace(f.ctx, tm.member, tm.ws.Slug, service.WorkspacePatch{Plan: new(platform.PlanPro)}, 0)
	wantCode(t, err, platform.CodePermissionDenied, string(platform.PermBillingManage))
	_, key := f.apiKey(tm.ws, tm.owner, platform.AccessReadWrite)
	_, err = f.svc.UpdateWorkspace(f.ctx, key, tm.ws.Slug, service.WorkspacePatch{Plan: new(platform.PlanPro)}, 0)
	wantCode(t, err, platform.CodePermissionDenied, string(platform.PermBillingManage))

	// An admin holds billing.manage.
	_, err = f.svc.UpdateWorkspace(f.ctx, tm.admin, tm.ws.Slug, service.WorkspacePatch{Plan: new(platform.PlanPro)}, 0)
	must(t, err)
	for range 5 {
		must(t, f.createCounted(tm.owner, tm.ws, platform.QuotaProjects))
	}
	u := f.usage(tm.ws, tm.viewer)
	if u.Plan != platform.PlanPro || u.Limits.Projects != 50 || u.Usage.Projects != 8 {
		t.Errorf("usage after upgrade: %+v", u)
	}
	_, err = f.svc.UpdateWorkspace(f.ctx, tm.owner, tm.ws.Slug, service.WorkspacePatch{Plan: new(platform.Plan("platinum"))}, 0)
	wantFields(t, err, "plan")
}

func TestUsage_ReportsLimitsAndUsage(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	f.project(tm.ws, tm.owner)
	f.project(tm.ws, tm.member)
	f.apiKey(tm.ws, tm.owner, platform.AccessReadOnly)
	f.region(tm.ws, tm.owner)
	f.cluster(tm.ws, tm.owner)

	for name, who := range map[string]*platform.Principal{"owner": tm.owner, "viewer": tm.viewer} {
		u := f.usage(tm.ws, who)
		limits, _ := platform.PlanLimits(platform.PlanPro)
		want := platform.Usage{Projects: 2, Members: 4, APIKeys: 1, Regions: 1, Clusters: 1}
		if u.Plan != platform.PlanPro || u.Limits != limits || u.Usage != want {
			t.Errorf("usage as %s: got %+v, want plan pro, limits %+v, usage %+v", name, u, limits, want)
		}
	}
	_, err := f.svc.Usage(f.ctx, f.newUser("outsider"), tm.ws.Slug)
	wantCode(t, err, platform.CodeNotFound)
}
