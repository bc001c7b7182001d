package service_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/service"
)

// Concurrent callers on one service and one SQLite store.

// race runs n calls of fn at once and returns their errors by index.
func race(n int, fn func(i int) error) []error {
	errs := make([]error, n)
	var start, done sync.WaitGroup
	start.Add(1)
	for i := range n {
		done.Go(func() {
			start.Wait()
			errs[i] = fn(i)
		})
	}
	start.Done()
	done.Wait()
	return errs
}

func TestConcurrency_QuotaHoldsUnderRacingCreates(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanFree)
	f.project(tm.ws, tm.owner) // 2 of the 3 free slots left

	callers := []*platform.Principal{tm.owner, tm.admin, tm.member}
	errs := race(10, func(i int) error {
		_, err := f.svc.CreateProject(f.ctx, callers[i%len(callers)], tm.ws.Slug, service.ProjectInput{Slug: fmt.Sprintf("race-%d", i), Name: "Race"})
		return err
	})
	ok, refused := 0, 0
	for i, err := range errs {
		switch {
		case err == nil:
			ok++
		case platform.IsCode(err, platform.CodeQuotaExceeded):
			refused++
		default:
			t.Errorf("create %d: %v, want success or quota_exceeded", i, err)
		}
	}
	if ok != 2 || refused != 8 {
		t.Errorf("racing for 2 slots: %d succeeded, %d refused; want 2 and 8", ok, refused)
	}
	if u := f.usage(tm.ws, tm.owner); u.Usage.Projects != 3 {
		t.Errorf("projects after the race: %d, want 3", u.Usage.Projects)
	}
	// One audit event per created project, none for the refused.
	n := 0
	for _, e := range f.auditEvents(tm.ws, tm.owner) {
		if e.Action == "project.create" {
			n++
		}
	}
	if n != 3 {
		t.Errorf("project.create audit events: %d, want 3", n)
	}
}

func TestConcurrency_ParallelCreatesLandWithDistinctIDs(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	const workers, each = 8, 5
	var mu sync.Mutex
	ids := map[string]bool{}
	errs := race(workers, func(w int) error {
		caller := []*platform.Principal{tm.owner, tm.admin, tm.member}[w%3]
		for j := range each {
			p, err := f.svc.CreateProject(f.ctx, caller, tm.ws.Slug, service.ProjectInput{Slug: fmt.Sprintf("w%d-p%d", w, j), Name: "P"})
			if err != nil {
				return err
			}
			mu.Lock()
			ids[p.ID] = true
			mu.Unlock()
		}
		return nil
	})
	for i, err := range errs {
		if err != nil {
			t.Errorf("worker %d: %v", i, err)
		}
	}
	if len(ids) != workers*each {
		t.Errorf("distinct ids: %d, want %d", len(ids), workers*each)
	}
	list, err := f.allProjects(tm.ws, tm.owner)
	must(t, err)
	if len(list) != workers*each {
		t.Errorf("listed projects: %d, want %d", len(list), workers*each)
	}
	for _, p := range list {
		if !ids[p.ID] {
			t.Errorf("listed project %s was not created by a worker", p.ID)
		}
	}
}

func TestConcurrency_MemberSeatsAreNeverOverbooked(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	owner := f.newUser("owner")
	ws := f.workspace(owner, platform.PlanFree) // 1 of 5 seats used
	errs := race(12, func(i int) error {
		_, err := f.svc.InviteMember(f.ctx, owner, ws.Slug, service.MemberInput{Email: fmt.Sprintf("seat-%d@example.com", i), Role: platform.RoleViewer})
		return err
	})
	ok := 0
	for _, err := range errs {
		if err == nil {
			ok++
		} else if !platform.IsCode(err, platform.CodeQuotaExceeded) {
			t.Errorf("invite: %v", err)
		}
	}
	if ok != 4 {
		t.Errorf("racing invitations for 4 seats: %d succeeded", ok)
	}
	if u := f.usage(ws, owner); u.Usage.Members != 5 {
		t.Errorf("members: %d, want 5", u.Usage.Members)
	}
}

func TestConcurrency_SameVersionUpdatesOneWinsOthersAborted(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanFree)
	prj := f.project(tm.ws, tm.owner)
	errs := race(8, func(i int) error {
		_, err := f.svc.UpdateProject(f.ctx, tm.admin, tm.ws.Slug, prj.Slug, service.ProjectPatch{Name: new(fmt.Sprintf("writer %d", i))}, prj.Version)
		return err
	})
	ok := 0
	for _, err := range errs {
		if err == nil {
			ok++
		} else if !platform.IsCode(err, platform.CodeAborted) {
			t.Errorf("update: %v", err)
		}
	}
	if ok != 1 {
		t.Errorf("updates against the same version: %d succeeded, want exactly 1", ok)
	}
	got, err := f.svc.GetProject(f.ctx, tm.owner, tm.ws.Slug, prj.Slug)
	must(t, err)
	if got.Version != prj.Version+1 {
		t.Errorf("version: %d, want %d", got.Version, prj.Version+1)
	}
}

func TestConcurrency_OperationsFinishOnceWithConcurrentWorkers(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	var clusters []*service.ClusterChange
	for range 4 {
		clusters = append(clusters, f.cluster(tm.ws, tm.owner))
	}
	f.clock.Advance(testClusterDelay)
	for range 3 {
		errs := race(4, func(int) error {
			_, err := f.svc.AdvanceOperations(f.ctx)
			return err
		})
		for _, err := range errs {
			if err != nil {
				t.Fatalf("concurrent AdvanceOperations: %v", err)
			}
		}
	}
	for _, ch := range clusters {
		if c := f.getCluster(tm.ws, tm.owner, ch.Cluster.ID); c.Status != platform.ClusterRunning {
			t.Errorf("cluster %s: %q", c.Name, c.Status)
		}
	}
	n := 0
	for _, e := range f.auditEvents(tm.ws, tm.owner) {
		if e.Action == "cluster.provisioned" {
			n++
		}
	}
	if n != len(clusters) {
		t.Errorf("cluster.provisioned events: %d, want exactly one per cluster (%d)", n, len(clusters))
	}
}
