package storetest

import (
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

var secretTests = []test{
	{"secrets/create_get_by_id_and_name_list_update_delete", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		other := e.workspace("other")
		db := e.secret(w, "DB_PASSWORD")
		e.secret(other, "DB_PASSWORD") // the same name in another workspace is fine, and never listed here
		token := e.secret(w, "API_TOKEN")
		same(t, "GetSecret (the sealed value comes back byte for byte)", get(e, func(tx platform.Tx) (*platform.Secret, error) {
			return tx.GetSecret(w.ID, db.ID)
		}), db)
		same(t, "GetSecretByName", get(e, func(tx platform.Tx) (*platform.Secret, error) {
			return tx.GetSecretByName(w.ID, "API_TOKEN")
		}), token)
		same(t, "ListSecrets", get(e, func(tx platform.Tx) ([]platform.Secret, error) {
			return tx.ListSecrets(w.ID, platform.Page{Limit: 10})
		}), []platform.Secret{*db, *token})
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.Secret, error) { return tx.GetSecret(other.ID, db.ID) }),
			platform.CodeNotFound, "secret", q(db.ID))

		// A new value: a new sealed value, value version and value time.
		db.SealedValue = []byte{0, 1, 2, 0xc3, 0x28, 0xff}
		db.ValueVersion++
		db.Description = ""
		e.touch(&db.Meta)
		db.ValueUpdatedAt = db.UpdatedAt
		e.update(func(tx platform.Tx) error { return tx.UpdateSecret(db) })
		got := get(e, func(tx platform.Tx) (*platform.Secret, error) { return tx.GetSecretByName(w.ID, "DB_PASSWORD") })
		same(t, "secret after a new value", got, db)
		if string(got.SealedValue) != "\x00\x01\x02\xc3\x28\xff" {
			t.Errorf("SealedValue = %q after update", got.SealedValue)
		}
		// A new description alone keeps the value.
		db.Description = "the primary's password"
		e.touch(&db.Meta)
		e.update(func(tx platform.Tx) error { return tx.UpdateSecret(db) })
		same(t, "secret after a new description", get(e, func(tx platform.Tx) (*platform.Secret, error) {
			return tx.GetSecret(w.ID, db.ID)
		}), db)

		stale := *db
		stale.Version = 2
		stale.SealedValue = []byte("lost")
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateSecret(&stale) }), platform.CodeAborted, "secret", q(db.ID))
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.DeleteSecret(other.ID, db.ID) }), platform.CodeNotFound, q(db.ID))
		e.update(func(tx platform.Tx) error { return tx.DeleteSecret(w.ID, db.ID) })
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.Secret, error) { return tx.GetSecret(w.ID, db.ID) }),
			platform.CodeNotFound, "secret", q(db.ID))
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.Secret, error) { return tx.GetSecretByName(w.ID, "DB_PASSWORD") }),
			platform.CodeNotFound, "secret", q("DB_PASSWORD"))
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.DeleteSecret(w.ID, db.ID) }), platform.CodeNotFound, q(db.ID))
		e.touch(&db.Meta)
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateSecret(db) }), platform.CodeNotFound, q(db.ID))
		same(t, "ListSecrets after delete", get(e, func(tx platform.Tx) ([]platform.Secret, error) {
			return tx.ListSecrets(w.ID, platform.Page{Limit: 10})
		}), []platform.Secret{*token})
		// The name is free again.
		e.secret(w, "DB_PASSWORD")
	}},
	{"secrets/name_already_exists_and_missing_workspace", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		e.secret(w, "DB_PASSWORD")
		dup := newSecret(w, "DB_PASSWORD", e.now())
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.CreateSecret(dup) }), platform.CodeAlreadyExists, "secret", q("DB_PASSWORD"))
		noWS := newSecret(w, "LOST", e.now())
		noWS.WorkspaceID = "ws_missing"
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.CreateSecret(noWS) }), platform.CodeNotFound, "workspace", q("ws_missing"))
	}},
	{"secrets/dependents_name_installations_and_deployments_of_the_workspace", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		other := e.workspace("other")
		c := e.cluster(w, "prod")
		oc := e.cluster(other, "prod")
		web, api := e.project(w, "web"), e.project(w, "api")
		op := e.project(other, "web")
		e.installation(c, "redis", installationSecrets("API_TOKEN", "DB_PASSWORD"))
		e.installation(c, "plain")
		e.deployment(web, c, "site", deploymentSecrets("DB_PASSWORD"))
		e.deployment(api, c, "worker", deploymentSecrets("OTHER", "DB_PASSWORD", "API_TOKEN"))
		e.deployment(api, c, "cron")
		// Names that only look alike: a longer name, one letter where "_" is, another case.
		e.installation(c, "lookalike", installationSecrets("DB_PASSWORD_OLD", "DBXPASSWORD", "db_password"))
		e.deployment(web, c, "lookalike", deploymentSecrets("XDB_PASSWORD", "DB%PASSWORD"))
		// Uses in another workspace are not this workspace's secret.
		e.installation(oc, "redis", installationSecrets("DB_PASSWORD"))
		e.deployment(op, oc, "site", deploymentSecrets("DB_PASSWORD"))

		deps := func(name string) platform.Dependents {
			return get(e, func(tx platform.Tx) (platform.Dependents, error) { return tx.SecretDependents(w.ID, name) })
		}
		sameDependents(t, "SecretDependents(DB_PASSWORD)", deps("DB_PASSWORD"),
			platform.Dependents{Installations: []string{"redis"}, Deployments: []string{"web/site", "api/worker"}})
		sameDependents(t, "SecretDependents(API_TOKEN)", deps("API_TOKEN"),
			platform.Dependents{Installations: []string{"redis"}, Deployments: []string{"api/worker"}})
		for _, name := range []string{"DB", "PASSWORD", "DB_PASS", "NOPE"} {
			d := deps(name)
			sameDependents(t, "SecretDependents("+name+")", d, none)
			if !d.None() {
				t.Errorf("SecretDependents(%s).None() = false for %+v", name, d)
			}
		}
	}},
}
