package storetest

import (
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

var organizationTests = []test{
	{"organizations/create_get_by_id_and_slug_update_delete", func(t *testing.T, e *env) {
		acme := e.org("acme")
		other := e.org("other")
		same(t, "GetOrganization", get(e, func(tx platform.Tx) (*platform.Organization, error) { return tx.GetOrganization(acme.ID) }), acme)
		same(t, "GetOrganizationBySlug", get(e, func(tx platform.Tx) (*platform.Organization, error) {
			return tx.GetOrganizationBySlug("other")
		}), other)

		acme.Slug, acme.Name = "acme-corp", "Acme Corporation"
		e.touch(&acme.Meta)
		e.update(func(tx platform.Tx) error { return tx.UpdateOrganization(acme) })
		same(t, "organization after update", get(e, func(tx platform.Tx) (*platform.Organization, error) {
			return tx.GetOrganizationBySlug("acme-corp")
		}), acme)
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.Organization, error) { return tx.GetOrganizationBySlug("acme") }),
			platform.CodeNotFound, "organization", q("acme"))

		e.update(func(tx platform.Tx) error { return tx.DeleteOrganization(acme.ID) })
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.Organization, error) { return tx.GetOrganization(acme.ID) }),
			platform.CodeNotFound, "organization", q(acme.ID))
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.DeleteOrganization(acme.ID) }),
			platform.CodeNotFound, "organization", q(acme.ID))
		same(t, "other organization", get(e, func(tx platform.Tx) (*platform.Organization, error) { return tx.GetOrganization(other.ID) }), other)
	}},
	{"organizations/slug_already_exists_on_create_and_update", func(t *testing.T, e *env) {
		e.org("acme")
		other := e.org("other")
		dup := &platform.Organization{ID: platform.NewID(platform.PrefixOrganization), Slug: "acme", Name: "Dup"}
		dup.Stamp(e.now())
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.CreateOrganization(dup) }),
			platform.CodeAlreadyExists, "organization", q("acme"))
		other.Slug = "acme"
		e.touch(&other.Meta)
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateOrganization(other) }),
			platform.CodeAlreadyExists, "organization", q("acme"))
	}},
	{"organizations/stale_update_aborted_missing_not_found", func(t *testing.T, e *env) {
		acme := e.org("acme")
		first, second := *acme, *acme
		first.Name = "first"
		e.touch(&first.Meta)
		e.update(func(tx platform.Tx) error { return tx.UpdateOrganization(&first) })
		second.Name = "second"
		e.touch(&second.Meta)
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateOrganization(&second) }),
			platform.CodeAborted, "organization", q(acme.ID))
		same(t, "organization", get(e, func(tx platform.Tx) (*platform.Organization, error) { return tx.GetOrganization(acme.ID) }), &first)

		ghost := &platform.Organization{ID: "org_ghost", Slug: "ghost"}
		ghost.Stamp(e.now())
		e.touch(&ghost.Meta)
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateOrganization(ghost) }),
			platform.CodeNotFound, "organization", q("org_ghost"))
	}},
	{"organizations/list_for_user", func(t *testing.T, e *env) {
		alice := e.user("alice@example.com")
		bob := e.user("bob@example.com")
		o1, o2, o3 := e.org("zeta"), e.org("alpha"), e.org("mid")
		e.orgMember(o3, alice, platform.OrgRoleMember)
		e.orgMember(o1, alice, platform.OrgRoleOwner)
		e.orgMember(o2, bob, platform.OrgRoleOwner)
		same(t, "ListOrganizationsForUser(alice)", get(e, func(tx platform.Tx) ([]platform.Organization, error) {
			return tx.ListOrganizationsForUser(alice.ID, platform.Page{Limit: 10})
		}), []platform.Organization{*o1, *o3})
		same(t, "ListOrganizationsForUser(nobody)", get(e, func(tx platform.Tx) ([]platform.Organization, error) {
			return tx.ListOrganizationsForUser("usr_nobody", platform.Page{Limit: 10})
		}), []platform.Organization{})
	}},
	{"organizations/managing_organization_cannot_be_deleted", func(t *testing.T, e *env) {
		acme := e.org("acme")
		alice := e.user("alice@example.com")
		e.orgMember(acme, alice, platform.OrgRoleOwner)
		w1 := e.workspace("customer-one", managedBy(acme))
		e.workspace("customer-two", managedBy(acme))
		e.workspace("unmanaged")
		if n := get(e, func(tx platform.Tx) (int, error) { return tx.CountWorkspacesManagedBy(acme.ID) }); n != 2 {
			t.Errorf("CountWorkspacesManagedBy = %d, want 2", n)
		}
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.DeleteOrganization(acme.ID) }),
			platform.CodeFailedPrecondition, "organization", q(acme.ID))
		same(t, "organization after refused delete", get(e, func(tx platform.Tx) (*platform.Organization, error) {
			return tx.GetOrganization(acme.ID)
		}), acme)
		same(t, "managed workspace", get(e, func(tx platform.Tx) (*platform.Workspace, error) { return tx.GetWorkspace(w1.ID) }), w1)
		get(e, func(tx platform.Tx) (*platform.OrganizationMember, error) {
			return tx.GetOrganizationMember(acme.ID, alice.ID)
		})
	}},
}
