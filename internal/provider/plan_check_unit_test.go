package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// TestAddRefusal: a refusal goes on the attribute the server names, else on the one attribute
// an update changes, else on the resource; answers that are no refusal add nothing.
func TestAddRefusal(t *testing.T) {
	ctx := context.Background()
	var sresp resource.SchemaResponse
	NewProjectResource().Schema(ctx, resource.SchemaRequest{}, &sresp)
	plan := tfsdk.Plan{Schema: sresp.Schema}
	slug, name := path.Root("slug"), path.Root("name")
	for _, tc := range []struct {
		what    string
		err     error
		changed []path.Path
		want    *path.Path // nil: on the resource
		none    bool
	}{
		{what: "named field", err: &client.APIError{StatusCode: 400, Code: client.CodeInvalidArgument, Message: "bad",
			Details: []client.FieldError{{Field: "nope", Reason: "x"}, {Field: "slug", Reason: "taken"}}}, changed: []path.Path{name}, want: &slug},
		{what: "one changed attribute", err: &client.APIError{StatusCode: 412, Code: client.CodeAborted, Message: "version"},
			changed: []path.Path{name}, want: &name},
		{what: "resource", err: &client.APIError{StatusCode: 409, Code: client.CodeQuotaExceeded, Message: "quota"}},
		{what: "rate limited", err: &client.APIError{StatusCode: 429, Code: client.CodeRateLimited}, none: true},
		{what: "server failure", err: &client.APIError{StatusCode: 503, Code: client.CodeInternal}, none: true},
		{what: "no answer", err: context.DeadlineExceeded, none: true},
	} {
		t.Run(tc.what, func(t *testing.T) {
			var diags diag.Diagnostics
			addRefusal(ctx, &diags, plan, "create", tc.err, tc.changed)
			if tc.none {
				if diags.HasError() {
					t.Fatalf("want no error, got %v", diags)
				}
				return
			}
			if len(diags) != 1 {
				t.Fatalf("want one error, got %v", diags)
			}
			d, ok := diags[0].(diag.DiagnosticWithPath)
			switch {
			case tc.want == nil && ok:
				t.Fatalf("want an error on the resource, got one on %s", d.Path())
			case tc.want != nil && (!ok || !d.Path().Equal(*tc.want)):
				t.Fatalf("want an error on %s, got %v", tc.want, diags[0])
			}
		})
	}
}
