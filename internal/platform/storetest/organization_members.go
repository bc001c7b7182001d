package storetest

import (
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

var organizationMemberTests = []test{
	{"organization_members/create_get_list_update_delete_with_email", func(t *testing.T, e *env) {
		acme := e.org("acme")
		alice := e.user("alice@example.com")
		bob := e.user("bob@example.com")
		ma := e.orgMember(acme, alice, platform.OrgRoleOwner)
		mb := e.orgMember(acme, bob, platform.OrgRoleMember)

		same(t, "GetOrganizationMember", get(e, func(tx platform.Tx) (*platform.OrganizationMember, error) {
			return tx.GetOrganizationMember(acme.ID, bob.ID)
		}), mb)
		same(t, "ListOrganizationMembers", get(e, func(tx platform.Tx) ([]platform.OrganizationMember, error) {
			return tx.ListOrganizationMembers(acme.ID, platform.Page{Limit: 10})
		}), []platform.OrganizationMember{*ma, *mb})
		if n := get(e, func(tx platform.Tx) (int, error) { return tx.CountOrganizationOwners(acme.ID) }); n != 1 {
			t.Errorf("CountOrganizationOwners = %d, want 1", n)
		}

		mb.Role = platform.OrgRoleOwner
		e.touch(&mb.Meta)
		e.update(func(tx platform.Tx) error { return tx.UpdateOrganizationMember(mb) })
		same(t, "member after update", get(e, func(tx platform.Tx) (*platform.OrganizationMember, error) {
			return tx.GetOrganizationMember(acme.ID, bob.ID)
		}), mb)
		if n := get(e, func(tx platform.Tx) (int, error) { return tx.CountOrganizationOwners(acme.ID) }); n != 2 {
			t.Errorf("CountOrganizationOwners = %d, want 2", n)
		}

		stale := *ma
		stale.Version = 5
		stale.Role = platform.OrgRoleMember
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateOrganizationMember(&stale) }),
			platform.CodeAborted, "organization member", q(alice.ID))

		e.update(func(tx platform.Tx) error { return tx.DeleteOrganizationMember(acme.ID, alice.ID) })
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.OrganizationMember, error) {
			return tx.GetOrganizationMember(acme.ID, alice.ID)
		}), platform.CodeNotFound, "organization member", q(alice.ID))
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.DeleteOrganizationMember(acme.ID, alice.ID) }),
			platform.CodeNotFound, q(alice.ID))
		ghost := *ma
		e.touch(&ghost.Meta)
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateOrganizationMember(&ghost) }),
			platform.CodeNotFound, q(alice.ID))
	}},
	{"organization_members/duplicate_and_missing_references", func(t *testing.T, e *env) {
		acme := e.org("acme")
		alice := e.user("alice@example.com")
		e.orgMember(acme, alice, platform.OrgRoleOwner)
		dup := &platform.OrganizationMember{OrganizationID: acme.ID, UserID: alice.ID, Role: platform.OrgRoleMember}
		dup.Stamp(e.now())
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.CreateOrganizationMember(dup) }),
			platform.CodeAlreadyExists, q(alice.ID))
		noOrg := &platform.OrganizationMember{OrganizationID: "org_missing", UserID: alice.ID, Role: platform.OrgRoleMember}
		noOrg.Stamp(e.now())
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.CreateOrganizationMember(noOrg) }),
			platform.CodeNotFound, "organization", q("org_missing"))
		noUser := &platform.OrganizationMember{OrganizationID: acme.ID, UserID: "usr_missing", Role: platform.OrgRoleMember}
		noUser.Stamp(e.now())
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.CreateOrganizationMember(noUser) }),
			platform.CodeNotFound, "user", q("usr_missing"))
	}},
}
