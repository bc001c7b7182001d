package storetest

import (
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

var auditEventTests = []test{
	{"audit_events/create_and_list_per_workspace", func(t *testing.T, e *env) {
		w1 := e.workspace("one")
		w2 := e.workspace("two")
		acme := e.org("acme")
		a := e.auditEvent(w1.ID, "", "workspace.create")
		e.auditEvent(w2.ID, "", "workspace.create")
		e.auditEvent("", acme.ID, "organization.create")
		b := e.auditEvent(w1.ID, acme.ID, "workspace.update")
		same(t, "ListAuditEvents(w1)", get(e, func(tx platform.Tx) ([]platform.AuditEvent, error) {
			return tx.ListAuditEvents(w1.ID, platform.Page{Limit: 10})
		}), []platform.AuditEvent{*a, *b})
		dup := *a
		dup.Seq = 0
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.CreateAuditEvent(&dup) }), platform.CodeAlreadyExists, q(a.ID))
	}},
}
