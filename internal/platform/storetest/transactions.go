package storetest

import (
	"context"
	"errors"
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// errDryRun stands for the sentinel the service returns to roll back a dry run.
var errDryRun = errors.New("dry run: roll back")

var transactionTests = []test{
	{"transactions/rollback_leaves_nothing_and_returns_the_error_unchanged", func(t *testing.T, e *env) {
		existing := e.workspace("existing")
		for _, sentinel := range []error{errDryRun, platform.Errorf(platform.CodeQuotaExceeded, "the free plan allows 3 projects")} {
			var u *platform.User
			var w *platform.Workspace
			err := e.try(func(tx platform.Tx) error {
				u = &platform.User{ID: platform.NewID(platform.PrefixUser), Email: "ghost@example.com"}
				u.Stamp(e.now())
				if err := tx.CreateUser(u); err != nil {
					return err
				}
				w = &platform.Workspace{ID: platform.NewID(platform.PrefixWorkspace), Slug: "ghost", Plan: platform.PlanFree}
				w.Stamp(e.now())
				if err := tx.CreateWorkspace(w); err != nil {
					return err
				}
				m := &platform.WorkspaceMember{WorkspaceID: w.ID, UserID: u.ID, Role: platform.RoleOwner}
				m.Stamp(e.now())
				if err := tx.CreateWorkspaceMember(m); err != nil {
					return err
				}
				changed := *existing
				changed.Name = "changed"
				e.touch(&changed.Meta)
				if err := tx.UpdateWorkspace(&changed); err != nil {
					return err
				}
				if err := tx.DeleteWorkspace(existing.ID); err != nil {
					return err
				}
				ev := &platform.AuditEvent{ID: platform.NewID(platform.PrefixAuditEvent), WorkspaceID: w.ID, Action: "x", At: e.now()}
				if err := tx.CreateAuditEvent(ev); err != nil {
					return err
				}
				return sentinel
			})
			if err != sentinel {
				t.Fatalf("Update returned %#v, want the very error fn returned (%#v)", err, sentinel)
			}
			wantErr(t, getErr(e, func(tx platform.Tx) (*platform.User, error) { return tx.GetUserByEmail("ghost@example.com") }), platform.CodeNotFound)
			wantErr(t, getErr(e, func(tx platform.Tx) (*platform.Workspace, error) { return tx.GetWorkspaceBySlug("ghost") }), platform.CodeNotFound)
			same(t, "workspace changed and deleted in a rolled back transaction", get(e, func(tx platform.Tx) (*platform.Workspace, error) {
				return tx.GetWorkspace(existing.ID)
			}), existing)
			same(t, "audit events", get(e, func(tx platform.Tx) ([]platform.AuditEvent, error) {
				return tx.ListAuditEvents(w.ID, platform.Page{Limit: 10})
			}), []platform.AuditEvent{})
			if n := get(e, func(tx platform.Tx) (int, error) { return tx.CountUsers() }); n != 0 {
				t.Errorf("CountUsers = %d after rollback, want 0", n)
			}
		}
	}},
	{"transactions/reads_own_writes_and_commits", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		var p *platform.Project
		e.update(func(tx platform.Tx) error {
			p = &platform.Project{ID: platform.NewID(platform.PrefixProject), WorkspaceID: w.ID, Slug: "web"}
			p.Stamp(e.now())
			if err := tx.CreateProject(p); err != nil {
				return err
			}
			got, err := tx.GetProjectBySlug(w.ID, "web")
			if err != nil {
				return err
			}
			same(t, "project read back in its own transaction", got, p)
			u, err := tx.WorkspaceUsage(w.ID)
			if err != nil {
				return err
			}
			if u.Projects != 1 {
				t.Errorf("usage inside the transaction counts %d projects, want 1", u.Projects)
			}
			return nil
		})
		same(t, "committed project", get(e, func(tx platform.Tx) (*platform.Project, error) { return tx.GetProject(w.ID, p.ID) }), p)
	}},
	{"transactions/failed_write_keeps_the_transaction_usable", func(t *testing.T, e *env) {
		// The service may try a write, get already_exists or not_found, and carry on (for
		// example: create the user, or else look it up). That must not poison the transaction.
		w := e.workspace("shop")
		e.project(w, "web")
		var a, c *platform.Project
		e.update(func(tx platform.Tx) error {
			a = &platform.Project{ID: platform.NewID(platform.PrefixProject), WorkspaceID: w.ID, Slug: "a"}
			a.Stamp(e.now())
			if err := tx.CreateProject(a); err != nil {
				return err
			}
			dup := &platform.Project{ID: platform.NewID(platform.PrefixProject), WorkspaceID: w.ID, Slug: "web"}
			dup.Stamp(e.now())
			wantErr(t, tx.CreateProject(dup), platform.CodeAlreadyExists)
			wantErr(t, tx.DeleteProject(w.ID, "prj_missing"), platform.CodeNotFound)
			stale := *a
			stale.Version = 5
			wantErr(t, tx.UpdateProject(&stale), platform.CodeAborted)
			c = &platform.Project{ID: platform.NewID(platform.PrefixProject), WorkspaceID: w.ID, Slug: "c"}
			c.Stamp(e.now())
			return tx.CreateProject(c)
		})
		for _, p := range []*platform.Project{a, c} {
			same(t, "project written around failed writes", get(e, func(tx platform.Tx) (*platform.Project, error) {
				return tx.GetProject(w.ID, p.ID)
			}), p)
		}
		if n := get(e, func(tx platform.Tx) (platform.Usage, error) { return tx.WorkspaceUsage(w.ID) }).Projects; n != 3 {
			t.Errorf("projects = %d, want 3", n)
		}
	}},
	{"transactions/view_refuses_writes_and_returns_fn_error", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		var writeErr error
		err := e.s.View(e.ctx, func(tx platform.Tx) error {
			p := &platform.Project{ID: platform.NewID(platform.PrefixProject), WorkspaceID: w.ID, Slug: "web"}
			p.Stamp(e.now())
			writeErr = tx.CreateProject(p)
			if writeErr == nil {
				return nil
			}
			// Reads still work after the refused write.
			if _, err := tx.GetWorkspace(w.ID); err != nil {
				t.Errorf("read after a refused write in View: %v", err)
			}
			return errDryRun
		})
		if writeErr == nil {
			t.Fatal("CreateProject inside View succeeded")
		}
		if err != errDryRun {
			t.Errorf("View returned %v, want fn's error unchanged", err)
		}
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.Project, error) { return tx.GetProjectBySlug(w.ID, "web") }), platform.CodeNotFound)
		err = e.s.View(e.ctx, func(tx platform.Tx) error { return tx.DeleteWorkspace(w.ID) })
		if err == nil {
			t.Error("DeleteWorkspace inside View succeeded")
		}
		get(e, func(tx platform.Tx) (*platform.Workspace, error) { return tx.GetWorkspace(w.ID) })
	}},
	{"transactions/panic_in_fn_rolls_back_and_store_stays_usable", func(t *testing.T, e *env) {
		func() {
			defer func() {
				if recover() == nil {
					t.Error("the panic in fn did not reach the caller")
				}
			}()
			_ = e.s.Update(e.ctx, func(tx platform.Tx) error {
				u := &platform.User{ID: platform.NewID(platform.PrefixUser), Email: "panic@example.com"}
				u.Stamp(e.now())
				if err := tx.CreateUser(u); err != nil {
					return err
				}
				panic("boom")
			})
		}()
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.User, error) { return tx.GetUserByEmail("panic@example.com") }), platform.CodeNotFound)
		e.user("after@example.com")
	}},
	{"transactions/canceled_context_writes_nothing", func(t *testing.T, e *env) {
		ctx, cancel := context.WithCancel(e.ctx)
		cancel()
		err := e.s.Update(ctx, func(tx platform.Tx) error {
			u := &platform.User{ID: platform.NewID(platform.PrefixUser), Email: "late@example.com"}
			u.Stamp(e.now())
			return tx.CreateUser(u)
		})
		if err == nil {
			t.Error("Update with a canceled context succeeded")
		}
		if n := get(e, func(tx platform.Tx) (int, error) { return tx.CountUsers() }); n != 0 {
			t.Errorf("CountUsers = %d, want 0", n)
		}
		e.user("after@example.com")
	}},
}
