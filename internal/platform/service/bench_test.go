package service_test

import (
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/service"
)

// Benchmarks of the hot paths on the real SQLite store.

// BenchmarkAuthorizedProjectGet: GetProject as a workspace member whose access comes from a
// project override (workspace lookup, membership, override, project: the full rule chain).
func BenchmarkAuthorizedProjectGet(b *testing.B) {
	f := newFixture(b)
	tm := f.team(platform.PlanPro)
	for range 20 { // some neighbours, so the lookups are not on a one-row table
		f.project(tm.ws, tm.owner)
	}
	prj := f.project(tm.ws, tm.owner)
	_, err := f.svc.AddProjectMember(f.ctx, tm.owner, tm.ws.Slug, prj.Slug,
		service.ProjectMemberInput{Email: tm.member.Email, Role: platform.ProjectRoleViewer})
	must(b, err)
	b.ReportAllocs()
	for b.Loop() {
		p, err := f.svc.GetProject(f.ctx, tm.member, tm.ws.Slug, prj.Slug)
		if err != nil || p.ID != prj.ID {
			b.Fatalf("GetProject: %v %v", p, err)
		}
	}
}

// BenchmarkListProjects1000 lists all 1,000 projects of an enterprise workspace as the owner,
// in pages of 200.
func BenchmarkListProjects1000(b *testing.B) {
	f := newFixture(b)
	owner := f.newUser("owner")
	ws := f.workspace(owner, platform.PlanEnterprise)
	f.seed(ws, platform.QuotaProjects, 1000)
	b.ReportAllocs()
	for b.Loop() {
		n, pages := 0, 0
		opts := service.ListOptions{PageSize: 200}
		for {
			page, err := f.svc.ListProjects(f.ctx, owner, ws.Slug, opts)
			if err != nil {
				b.Fatal(err)
			}
			n += len(page.Items)
			pages++
			if page.Next == 0 {
				break
			}
			opts.After = page.Next
		}
		if n != 1000 || pages != 5 {
			b.Fatalf("listed %d projects in %d pages, want 1000 in 5", n, pages)
		}
	}
}

// BenchmarkAuthenticate resolves a bearer secret to a principal (hash, lookup, checks).
func BenchmarkAuthenticate(b *testing.B) {
	f := newFixture(b)
	owner, userSecret := f.login(f.email("owner"))
	ws := f.workspace(owner, platform.PlanFree)
	key, _ := f.apiKey(ws, owner, platform.AccessReadWrite)
	for name, secret := range map[string]string{"user_token": userSecret, "api_key": key.Secret} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := f.svc.Authenticate(f.ctx, secret); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
