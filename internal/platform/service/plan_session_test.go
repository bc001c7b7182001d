package service_test

import (
	"context"
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/service"
)

// A plan's dry-run creates are judged together: the session's earlier creates count against
// the quota, and a unique name claimed twice is refused; real calls and other sessions are not
// affected.
func TestPlanSessionCreatesCountAgainstQuota(t *testing.T) {
	f := newFixture(t)
	owner := f.newUser("owner")
	ws := f.workspace(owner, platform.PlanFree) // 3 projects
	f.project(ws, owner)
	dry := service.WithPlanSession(service.WithValidateOnly(f.ctx), "plan-quota-1")
	create := func(ctx context.Context, slug string) error {
		_, err := f.svc.CreateProject(ctx, owner, ws.Slug, service.ProjectInput{Slug: slug, Name: slug})
		return err
	}
	must(t, create(dry, "prj-a"))
	must(t, create(dry, "prj-b"))
	// Each alone would pass; the plan's third create would reach 4.
	wantCode(t, create(dry, "prj-c"), platform.CodeQuotaExceeded, "free plan allows 3 projects",
		"the workspace has 1", "this plan creates 3 more", "4 in all")
	// A refused dry run is not part of the plan: it is still refused, the same way.
	wantCode(t, create(dry, "prj-d"), platform.CodeQuotaExceeded, "4 in all")
	// Outside the session every single create still passes.
	must(t, create(service.WithValidateOnly(f.ctx), "prj-c"))
	must(t, create(service.WithPlanSession(service.WithValidateOnly(f.ctx), "plan-quota-2"), "prj-c"))
	// Real calls ignore sessions (the header is ignored on them).
	must(t, create(service.WithPlanSession(f.ctx, "plan-quota-1"), "real"))

	s, err := f.svc.GetPlanSession(f.ctx, owner, "plan-quota-1")
	must(t, err)
	if len(s.Creates) != 2 || s.Creates[0].Key != ws.ID+"/prj-a" || s.Creates[1].Key != ws.ID+"/prj-b" ||
		s.Creates[0].Kind != platform.PlannedProject || s.Creates[0].WorkspaceID != ws.ID {
		t.Errorf("session creates = %+v, want projects a and b", s.Creates)
	}
	// Sessions are private to their actor.
	other, err := f.svc.GetPlanSession(f.ctx, f.newUser("other"), "plan-quota-1")
	must(t, err)
	if len(other.Creates) != 0 {
		t.Errorf("another user sees %d creates of the session", len(other.Creates))
	}
}

func TestPlanSessionRefusesDuplicateNames(t *testing.T) {
	f := newFixture(t)
	tm := f.team(platform.PlanEnterprise)
	other := f.workspace(tm.owner, platform.PlanEnterprise)
	dry := service.WithPlanSession(service.WithValidateOnly(f.ctx), "plan-dup-1")

	project := func(ws *platform.Workspace, slug string) error {
		_, err := f.svc.CreateProject(dry, tm.owner, ws.Slug, service.ProjectInput{Slug: slug, Name: slug})
		return err
	}
	must(t, project(tm.ws, "web"))
	wantCode(t, project(tm.ws, "web"), platform.CodeAlreadyExists, `project "web" is already created by another resource of this plan`)
	must(t, project(other, "web")) // slugs are unique per workspace

	invite := func(email string) error {
		_, err := f.svc.InviteMember(dry, tm.owner, tm.ws.Slug, service.MemberInput{Email: email, Role: platform.RoleMember})
		return err
	}
	must(t, invite("dup@example.com"))
	wantCode(t, invite("DUP@example.com"), platform.CodeAlreadyExists, `workspace member "dup@example.com"`)

	workspace := func(slug string) error {
		_, err := f.svc.CreateWorkspace(dry, tm.owner, service.WorkspaceInput{Slug: slug, Name: slug, Plan: platform.PlanFree})
		return err
	}
	must(t, workspace("customer-1"))
	wantCode(t, workspace("customer-1"), platform.CodeAlreadyExists, `workspace "customer-1"`)

	region := func(name string) error {
		_, err := f.svc.CreateRegion(dry, tm.owner, tm.ws.Slug, service.RegionInput{Name: name})
		return err
	}
	must(t, region("primary"))
	wantCode(t, region("primary"), platform.CodeAlreadyExists, `region "primary"`)

	// Objects without a unique name are counted, never refused as duplicates.
	for range 2 {
		_, err := f.svc.CreateAPIKey(dry, tm.owner, tm.ws.Slug, service.APIKeyInput{Name: "ci", Access: platform.AccessReadOnly})
		must(t, err)
	}
	// The real creates are unaffected by what the session plans.
	_, err := f.svc.CreateProject(f.ctx, tm.owner, tm.ws.Slug, service.ProjectInput{Slug: "web", Name: "web"})
	must(t, err)
}

// A reference by name to an object that the same plan creates (a secret, a release) is judged
// as the apply will find it: the dry run passes in the session, and only there.
func TestPlanSessionReferencesWhatThePlanCreates(t *testing.T) {
	f := newFixture(t)
	a := f.apps(platform.PlanPro)
	dry := service.WithPlanSession(service.WithValidateOnly(f.ctx), "plan-refs-1")
	in := f.releaseSource(a, "3.0.0")
	in.Secrets = []string{"STRIPE_KEY"}

	// Neither exists yet, nor is planned.
	_, err := f.svc.CreateInstallation(dry, a.owner, a.ws.Slug, in)
	wantCode(t, err, platform.CodeInvalidArgument)
	wantFields(t, err, "source.tag", "secrets[0]")

	_, err = f.svc.CreateSecret(dry, a.owner, a.ws.Slug, service.SecretInput{Name: "STRIPE_KEY", Value: "sk_test_1"})
	must(t, err)
	_, err = f.svc.CreateRelease(dry, a.owner, a.ws.Slug, a.product.ID, service.ReleaseInput{Tag: "3.0.0", Chart: "oci://charts/shop:3.0.0"})
	must(t, err)
	_, err = f.svc.CreateInstallation(dry, a.owner, a.ws.Slug, in)
	must(t, err)
	// The real call, and another session, still need them to exist.
	_, err = f.svc.CreateInstallation(service.WithValidateOnly(f.ctx), a.owner, a.ws.Slug, in)
	wantFields(t, err, "source.tag", "secrets[0]")
	_, err = f.svc.CreateInstallation(service.WithPlanSession(service.WithValidateOnly(f.ctx), "plan-refs-2"), a.owner, a.ws.Slug, in)
	wantFields(t, err, "source.tag", "secrets[0]")
}
