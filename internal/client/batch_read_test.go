package client_test

import (
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// batchEnv is an enterprise workspace with n projects, and a second client of the owner whose
// requests are counted (the client under test: one per provider process).
type batchEnv struct {
	*env
	projects []client.Project
	ft       *faultyTransport // counts the requests of c
	c        *client.Client
}

func setupBatch(t *testing.T, n int, ttl time.Duration) *batchEnv {
	t.Helper()
	e := setup(t, client.PlanEnterprise)
	b := &batchEnv{env: e}
	for i := range n {
		p := must(e.c.Projects.Create(ctx(t), "acme", client.ProjectCreateOptions{Slug: fmt.Sprintf("prj-%d", i), Name: fmt.Sprintf("P %d", i)}))(t)
		b.projects = append(b.projects, *p)
	}
	b.c, b.ft = b.countingClient(t, e.token, ttl)
	return b
}

func (b *batchEnv) countingClient(t *testing.T, token string, ttl time.Duration) (*client.Client, *faultyTransport) {
	t.Helper()
	ft := newFaultyTransport(http.DefaultTransport, nil)
	cfg := fastConfig(b.srv.URL, token, b.log)
	cfg.HTTPClient = &http.Client{Transport: ft}
	cfg.BatchReadTTL = ttl
	return newClient(t, cfg), ft
}

// requests returns the requests made so far, by "METHOD path", and their total.
func (ft *faultyTransport) requests() (map[string]int, int) {
	ft.mu.Lock()
	defer ft.mu.Unlock()
	out := map[string]int{}
	total := 0
	for k, v := range ft.byPath {
		out[k] = v
		total += v
	}
	return out, total
}

func (b *batchEnv) listPath() string { return "GET /v1/workspaces/" + b.ws.ID + "/projects" }

func (b *batchEnv) refresh(t *testing.T, id string) (*client.Project, error) {
	t.Helper()
	return b.c.Projects.Refresh(ctx(t), b.ws.ID, id)
}

// TestRefreshSharesListPages: 450 projects refreshed ten at a time, as Terraform does, cost one
// GET and the three pages of the list, and each answer is what a GET answers.
func TestRefreshSharesListPages(t *testing.T) {
	t.Parallel()
	b := setupBatch(t, 450, 0)
	ids := make(chan client.Project)
	var wg sync.WaitGroup
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for want := range ids {
				got, err := b.refresh(t, want.ID)
				if err != nil {
					t.Errorf("refresh %s: %v", want.ID, err)
					continue
				}
				if *got != want {
					t.Errorf("refresh %s = %+v, want %+v", want.ID, *got, want)
				}
			}
		}()
	}
	for _, p := range b.projects {
		ids <- p
	}
	close(ids)
	wg.Wait()
	byPath, total := b.ft.requests()
	if total != 4 || byPath[b.listPath()] != 3 {
		t.Errorf("requests = %d %v, want one GET and 3 list pages", total, byPath)
	}
}

// TestRefreshOneIsOneGet: refreshing a single object costs what Get does.
func TestRefreshOneIsOneGet(t *testing.T) {
	t.Parallel()
	b := setupBatch(t, 2, 0)
	got := must(b.refresh(t, b.projects[1].ID))(t)
	byPath, total := b.ft.requests()
	if got.ID != b.projects[1].ID || total != 1 || byPath["GET /v1/workspaces/"+b.ws.ID+"/projects/"+got.ID] != 1 {
		t.Errorf("refresh = %+v; requests %v", got, byPath)
	}
}

// TestRefreshUnbatched: a negative BatchReadTTL makes every Refresh a Get.
func TestRefreshUnbatched(t *testing.T) {
	t.Parallel()
	b := setupBatch(t, 3, -1)
	for _, p := range b.projects {
		must(b.refresh(t, p.ID))(t)
	}
	if byPath, total := b.ft.requests(); total != 3 || byPath[b.listPath()] != 0 {
		t.Errorf("requests = %v, want three GETs", byPath)
	}
}

// TestRefreshDeletedOutOfBand: an object deleted elsewhere is absent from the list; its GET
// then says not found, so a provider drops it from the state.
func TestRefreshDeletedOutOfBand(t *testing.T) {
	t.Parallel()
	b := setupBatch(t, 3, 0)
	must(b.refresh(t, b.projects[0].ID))(t)
	if err := b.env.c.Projects.Delete(ctx(t), "acme", b.projects[2].ID, 0); err != nil {
		t.Fatal(err)
	}
	_, err := b.refresh(t, b.projects[2].ID)
	wantCode(t, err, client.ErrNotFound)
	must(b.refresh(t, b.projects[1].ID))(t)
	byPath, total := b.ft.requests()
	if total != 3 || byPath[b.listPath()] != 1 {
		t.Errorf("requests = %v, want GET, one list page, GET of the deleted project", byPath)
	}
}

// TestRefreshChangedOutOfBand: a list page is served for BatchReadTTL only; after it, a change
// made elsewhere is seen.
func TestRefreshChangedOutOfBand(t *testing.T) {
	t.Parallel()
	b := setupBatch(t, 3, 0)
	must(b.refresh(t, b.projects[0].ID))(t)
	must(b.refresh(t, b.projects[1].ID))(t) // reads the list
	must(b.env.c.Projects.Update(ctx(t), "acme", b.projects[2].ID, client.ProjectUpdateOptions{Name: client.String("Renamed")}))(t)
	_, before := b.ft.requests()
	// Within the TTL the page read before the rename answers, without a request.
	if got := must(b.refresh(t, b.projects[2].ID))(t); got.Name != b.projects[2].Name {
		t.Errorf("within the TTL: %q", got.Name)
	}
	if _, after := b.ft.requests(); after != before {
		t.Errorf("within the TTL: %d requests, want none", after-before)
	}

	short, _ := b.countingClient(t, b.token, time.Millisecond)
	must(short.Projects.Refresh(ctx(t), b.ws.ID, b.projects[0].ID))(t)
	must(short.Projects.Refresh(ctx(t), b.ws.ID, b.projects[1].ID))(t) // reads the list
	must(b.env.c.Projects.Update(ctx(t), "acme", b.projects[2].ID, client.ProjectUpdateOptions{Name: client.String("Again")}))(t)
	time.Sleep(5 * time.Millisecond) // longer than the TTL: the page has expired
	if got := must(short.Projects.Refresh(ctx(t), b.ws.ID, b.projects[2].ID))(t); got.Name != "Again" {
		t.Errorf("after the TTL: %q, want the new name", got.Name)
	}
}

// TestRefreshAfterOwnWrite: what this client wrote is never answered from an older page, for
// a write to the object itself or to anything else.
func TestRefreshAfterOwnWrite(t *testing.T) {
	t.Parallel()
	b := setupBatch(t, 5, 0)
	must(b.refresh(t, b.projects[0].ID))(t)
	must(b.refresh(t, b.projects[1].ID))(t) // reads the list
	upd := must(b.c.Projects.Update(ctx(t), b.ws.ID, b.projects[2].ID, client.ProjectUpdateOptions{Name: client.String("Mine")}))(t)
	if got := must(b.refresh(t, b.projects[2].ID))(t); *got != *upd {
		t.Errorf("after update: %+v, want %+v", *got, *upd)
	}
	must(b.refresh(t, b.projects[3].ID))(t) // reads the list again
	if err := b.c.Projects.Delete(ctx(t), b.ws.ID, b.projects[3].ID, 0); err != nil {
		t.Fatal(err)
	}
	_, err := b.refresh(t, b.projects[3].ID)
	wantCode(t, err, client.ErrNotFound)

	// A write to another kind forgets the pages too (deletes cascade).
	must(b.refresh(t, b.projects[0].ID))(t)
	must(b.refresh(t, b.projects[1].ID))(t) // reads the list
	must(b.env.c.Projects.Update(ctx(t), "acme", b.projects[4].ID, client.ProjectUpdateOptions{Name: client.String("Theirs")}))(t)
	must(b.c.Regions.Create(ctx(t), b.ws.ID, client.RegionCreateOptions{Name: "europe"}))(t)
	if got := must(b.refresh(t, b.projects[4].ID))(t); got.Name != "Theirs" {
		t.Errorf("after a write elsewhere: %q", got.Name)
	}
	// Dry runs write nothing and keep the pages.
	must(b.refresh(t, b.projects[0].ID))(t) // reads the list
	_, before := b.ft.requests()
	must(b.c.Projects.Update(client.WithValidateOnly(ctx(t)), b.ws.ID, b.projects[1].ID, client.ProjectUpdateOptions{Name: client.String("Dry")}))(t)
	must(b.refresh(t, b.projects[1].ID))(t)
	if _, after := b.ft.requests(); after != before+1 {
		t.Errorf("after a dry run: %d requests, want 1 (the dry run)", after-before)
	}
}

// TestRefreshPartiallyVisibleList: a viewer's list holds only the projects they have an
// override on; a project absent from it is a GET, answered as Get answers.
func TestRefreshPartiallyVisibleList(t *testing.T) {
	t.Parallel()
	b := setupBatch(t, 3, 0)
	must(b.env.c.WorkspaceMembers.Create(ctx(t), "acme", client.WorkspaceMemberCreateOptions{Email: "bob@example.com", Role: client.RoleViewer}))(t)
	must(b.env.c.ProjectMembers.Create(ctx(t), "acme", b.projects[0].ID, client.ProjectMemberCreateOptions{Email: "bob@example.com", Role: client.ProjectRoleViewer}))(t)
	bob, ft := b.countingClient(t, b.srv.UserToken(t, "bob@example.com"), 0)
	_, getErr := b.env.clientFor(t, "bob@example.com").Projects.Get(ctx(t), b.ws.ID, b.projects[2].ID)
	want := wantCode(t, getErr, client.ErrNotFound) // bob cannot see it at all

	_, _ = bob.Projects.Refresh(ctx(t), b.ws.ID, b.projects[1].ID) // the first read: a GET
	if got := must(bob.Projects.Refresh(ctx(t), b.ws.ID, b.projects[0].ID))(t); got.ID != b.projects[0].ID {
		t.Errorf("visible project: %+v", got)
	}
	_, err := bob.Projects.Refresh(ctx(t), b.ws.ID, b.projects[2].ID)
	if got := wantCode(t, err, client.ErrNotFound); got.Message != want.Message {
		t.Errorf("invisible project: %v, want Get's answer %v", err, getErr)
	}
	byPath, total := ft.requests()
	if total != 3 || byPath[b.listPath()] != 1 {
		t.Errorf("requests = %v, want GET, list, GET of the invisible project", byPath)
	}
}

// TestRefreshMembersByEmail: members are found in the list by user id or e-mail, whichever the
// caller names them by.
func TestRefreshMembersByEmail(t *testing.T) {
	t.Parallel()
	b := setupBatch(t, 0, 0)
	emails := []string{"a@example.com", "b@example.com", "c@example.com"}
	var ids []string
	for _, email := range emails {
		m := must(b.env.c.WorkspaceMembers.Create(ctx(t), "acme", client.WorkspaceMemberCreateOptions{Email: email, Role: client.RoleViewer}))(t)
		ids = append(ids, m.UserID)
	}
	for i, ref := range []string{emails[0], emails[1], ids[2], emails[2]} {
		if got := must(b.c.WorkspaceMembers.Refresh(ctx(t), b.ws.ID, ref))(t); got.UserID != ids[min(i, 2)] {
			t.Errorf("refresh %s: %+v", ref, got)
		}
	}
	byPath, total := b.ft.requests()
	if total != 2 || byPath["GET /v1/workspaces/"+b.ws.ID+"/members"] != 1 {
		t.Errorf("requests = %v, want a GET and one list page", byPath)
	}
}
