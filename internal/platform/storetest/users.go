package storetest

import (
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

var userTests = []test{
	{"users/create_get_by_id_and_email", func(t *testing.T, e *env) {
		alice := e.user("alice@example.com")
		bob := e.activeUser("bob@example.com")
		if bob.Seq <= alice.Seq {
			t.Errorf("bob.Seq %d <= alice.Seq %d: Seq must grow with creation", bob.Seq, alice.Seq)
		}
		same(t, "GetUser", get(e, func(tx platform.Tx) (*platform.User, error) { return tx.GetUser(alice.ID) }), alice)
		same(t, "GetUserByEmail", get(e, func(tx platform.Tx) (*platform.User, error) { return tx.GetUserByEmail(bob.Email) }), bob)
		if n := get(e, func(tx platform.Tx) (int, error) { return tx.CountUsers() }); n != 2 {
			t.Errorf("CountUsers = %d, want 2", n)
		}
	}},
	{"users/not_found", func(t *testing.T, e *env) {
		e.user("alice@example.com")
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.User, error) { return tx.GetUser("usr_missing") }),
			platform.CodeNotFound, "user", q("usr_missing"))
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.User, error) { return tx.GetUserByEmail("nobody@example.com") }),
			platform.CodeNotFound, "user", q("nobody@example.com"))
	}},
	{"users/duplicate_email_already_exists", func(t *testing.T, e *env) {
		e.user("alice@example.com")
		dup := &platform.User{ID: platform.NewID(platform.PrefixUser), Email: "alice@example.com"}
		dup.Stamp(e.now())
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.CreateUser(dup) }),
			platform.CodeAlreadyExists, q("alice@example.com"))
		if n := get(e, func(tx platform.Tx) (int, error) { return tx.CountUsers() }); n != 1 {
			t.Errorf("CountUsers = %d after a refused duplicate, want 1", n)
		}
	}},
	{"users/update_and_optimistic_concurrency", func(t *testing.T, e *env) {
		alice := e.user("alice@example.com")
		bob := e.user("bob@example.com")
		stale := *alice

		alice.Active = true
		alice.PlatformAdmin = true
		e.touch(&alice.Meta)
		e.update(func(tx platform.Tx) error { return tx.UpdateUser(alice) })
		same(t, "user after update", get(e, func(tx platform.Tx) (*platform.User, error) { return tx.GetUser(alice.ID) }), alice)

		stale.Email = "stale@example.com"
		e.touch(&stale.Meta)
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateUser(&stale) }), platform.CodeAborted, "user", q(alice.ID))
		same(t, "user after a stale update", get(e, func(tx platform.Tx) (*platform.User, error) { return tx.GetUser(alice.ID) }), alice)

		taken := *bob
		taken.Email = alice.Email
		e.touch(&taken.Meta)
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateUser(&taken) }), platform.CodeAlreadyExists, q(alice.Email))

		ghost := &platform.User{ID: "usr_ghost", Email: "ghost@example.com"}
		ghost.Stamp(e.now())
		e.touch(&ghost.Meta)
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateUser(ghost) }), platform.CodeNotFound, "user", q("usr_ghost"))
	}},
}
