package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// objectValue is a value of type typ with the given attributes set and every other one null.
func objectValue(t *testing.T, typ tftypes.Type, set map[string]string) *tfprotov6.DynamicValue {
	t.Helper()
	obj := typ.(tftypes.Object)
	vals := map[string]tftypes.Value{}
	for name, at := range obj.AttributeTypes {
		vals[name] = tftypes.NewValue(at, nil)
		if v, ok := set[name]; ok {
			vals[name] = tftypes.NewValue(tftypes.String, v)
		}
	}
	dv, err := tfprotov6.NewDynamicValue(obj, tftypes.NewValue(obj, vals))
	if err != nil {
		t.Fatal(err)
	}
	return &dv
}

// TestAccResourceIdentity_priorStateWithoutIdentity drives the provider's ReadResource as
// Terraform 1.12+ does for a state written before the provider had identities (no identity
// sent): the refresh records the identity; and when the object is gone, the resource is removed
// without the framework's "missing identity" error (keepIdentity takes the prior state's ids).
func TestAccResourceIdentity_priorStateWithoutIdentity(t *testing.T) {
	e := newTestEnv(t)
	ws := e.workspace(t, "acme")
	p, err := e.Client.Projects.Create(testCtx(t), "acme", client.ProjectCreateOptions{Slug: "web", Name: "Web"})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	srv, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	schemas, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	cfg := objectValue(t, schemas.Provider.ValueType(), map[string]string{"endpoint": e.Server.URL, "token": e.Token})
	conf, err := srv.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: cfg})
	if err != nil || len(conf.Diagnostics) > 0 {
		t.Fatalf("configure: %v %v", err, conf.Diagnostics)
	}
	stateType := schemas.ResourceSchemas["platform_project"].ValueType()
	idSchemas, err := srv.GetResourceIdentitySchemas(ctx, &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		t.Fatal(err)
	}
	idType := idSchemas.IdentitySchemas["platform_project"].ValueType()

	for _, c := range []struct {
		name, projectID string
		wantGone        bool
	}{
		{"exists", p.ID, false},
		{"gone", "prj_abcdefghij234567", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			resp, err := srv.ReadResource(ctx, &tfprotov6.ReadResourceRequest{
				TypeName:     "platform_project",
				CurrentState: objectValue(t, stateType, map[string]string{"workspace_id": ws.ID, "id": c.projectID, "slug": "web", "name": "web"}),
			})
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range resp.Diagnostics {
				if d.Severity == tfprotov6.DiagnosticSeverityError {
					t.Fatalf("read: %s: %s", d.Summary, d.Detail)
				}
			}
			if resp.NewIdentity == nil {
				t.Fatal("no identity after read")
			}
			got, err := resp.NewIdentity.IdentityData.Unmarshal(idType)
			if err != nil {
				t.Fatal(err)
			}
			var attrs map[string]tftypes.Value
			if err := got.As(&attrs); err != nil {
				t.Fatal(err)
			}
			var gotWS, gotID string
			_ = attrs["workspace_id"].As(&gotWS)
			_ = attrs["id"].As(&gotID)
			if gotWS != ws.ID || gotID != c.projectID {
				t.Errorf("identity {%s, %s}, want {%s, %s}", gotWS, gotID, ws.ID, c.projectID)
			}
			state, err := resp.NewState.Unmarshal(stateType)
			if err != nil {
				t.Fatal(err)
			}
			if state.IsNull() != c.wantGone {
				t.Errorf("state null = %v, want %v", state.IsNull(), c.wantGone)
			}
		})
	}
}
