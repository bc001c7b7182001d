package sqlite

import (
	"io/fs"
	"testing"
	"time"

	"github.com/pressly/goose/v3"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// Migration 00006 gives every workspace that existed before it an active subscription whose
// first period ends a calendar month after the workspace's creation (Go's AddDate, as the
// service computes periods).
func TestMigrationGivesExistingWorkspacesASubscription(t *testing.T) {
	s, _ := openTemp(t)
	fsys, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		t.Fatal(err)
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, s.writer, fsys, goose.WithDisableGlobalRegistry(true))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.DownTo(t.Context(), 5); err != nil {
		t.Fatal(err)
	}
	created := []time.Time{
		time.Date(2031, 1, 31, 23, 59, 59, 123456000, time.UTC), // overflows into March, as AddDate does
		time.Date(2032, 12, 15, 8, 0, 0, 0, time.UTC),
	}
	for i, c := range created {
		if _, err := s.writer.Exec(`INSERT INTO workspaces (id, slug, name, description, plan, settings, created_at, updated_at, version)
			VALUES (?, ?, 'W', '', 'pro', '{}', ?, ?, 3)`, "ws_old"+itoa(int64(i)), "old-"+itoa(int64(i)), formatTime(c), formatTime(c)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := p.Up(t.Context()); err != nil {
		t.Fatal(err)
	}
	for i, c := range created {
		var sub *platform.Subscription
		err := s.View(t.Context(), func(tx platform.Tx) error {
			w, err := tx.GetWorkspace("ws_old" + itoa(int64(i)))
			sub = w.Subscription
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		want := &platform.Subscription{WorkspaceID: "ws_old" + itoa(int64(i)), Plan: platform.PlanPro, Status: platform.SubscriptionActive,
			CurrentPeriodEnd: platform.SubscriptionPeriod(c), StatusChangedAt: c,
			Meta: platform.Meta{CreatedAt: c, UpdatedAt: c, Version: 1, Seq: sub.Seq}}
		if *sub != *want {
			t.Errorf("subscription of a workspace created %v:\n got %+v\nwant %+v", c, sub, want)
		}
	}
}
