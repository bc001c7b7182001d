package provider

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// Shared helpers for resources and data sources. Typical CRUD method:
//
//	prj, err := r.client().Projects.Get(ctx, state.WorkspaceID.ValueString(), state.ID.ValueString())
//	if isNotFound(err) {
//		resp.State.RemoveResource(ctx) // deleted outside Terraform: plan a create
//		return
//	}
//	if err != nil {
//		addAPIError(&resp.Diagnostics, "platform_project", "read", err)
//		return
//	}
//	state.fromAPI(prj)
//	resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &state)...)

// isNotFound reports whether err is the API's not_found (the object is gone, or hidden from
// the caller, which Terraform must treat the same way).
func isNotFound(err error) bool { return errors.Is(err, client.ErrNotFound) }

// addAPIError reports a failed call as an error diagnostic naming the resource type and the
// action ("create", "read", "update", "delete", "import"), with the server's message, code,
// field details and request id: the request id is what an operator needs to find the call.
func addAPIError(diags *diag.Diagnostics, typeName, action string, err error) {
	diags.AddError(fmt.Sprintf("Could not %s %s", action, typeName), apiErrorDetail(err))
}

func apiErrorDetail(err error) string {
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) {
		return err.Error() // transport failure, timeout, ...: the client's text names it
	}
	var b strings.Builder
	b.WriteString(apiErr.Message)
	for _, d := range apiErr.Details {
		// Messages often list their details already ("invalid request: slug: ...", "cannot change
		// to the free plan: projects: limit 3, usage 5"): say each thing once.
		if strings.Contains(apiErr.Message, d.Reason) {
			continue
		}
		fmt.Fprintf(&b, "\n  - %s: %s", d.Field, d.Reason)
	}
	fmt.Fprintf(&b, "\n\ncode: %s (HTTP %d)", apiErr.Code, apiErr.StatusCode)
	if apiErr.RequestID != "" {
		fmt.Fprintf(&b, "\nrequest id: %s", apiErr.RequestID)
	}
	if apiErr.Attempts > 1 {
		fmt.Fprintf(&b, "\nattempts: %d", apiErr.Attempts)
	}
	return b.String()
}

// parseImportID splits a human import id into the parts named by format, e.g.
//
//	parts, err := parseImportID(req.ID, "workspace/project", "acme/web")
//
// Every part must be non-empty; the error quotes the expected format and the example.
func parseImportID(id, format, example string) ([]string, error) {
	want := strings.Count(format, "/") + 1
	parts := strings.Split(id, "/")
	if len(parts) != want || slices.Contains(parts, "") {
		return nil, fmt.Errorf("import id must have the form %q (for example %q), got %q", format, example, id)
	}
	return parts, nil
}

// importIDParts is parseImportIDOf for ImportState methods of the resource type kind (see
// importIDFormats): on a bad id it adds the error to resp and returns nil.
func importIDParts(req resource.ImportStateRequest, resp *resource.ImportStateResponse, kind string) []string {
	parts, err := parseImportIDOf(kind, req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import id", err.Error())
		return nil
	}
	return parts
}

// timeValue formats an API timestamp as RFC 3339 in UTC; the zero time is null.
func timeValue(t time.Time) types.String {
	if t.IsZero() {
		return types.StringNull()
	}
	return types.StringValue(t.UTC().Format(time.RFC3339))
}

// timePtrValue is timeValue for optional timestamps (nil is null).
func timePtrValue(t *time.Time) types.String {
	if t == nil {
		return types.StringNull()
	}
	return timeValue(*t)
}

// parseTime reads an RFC 3339 attribute value (validated at plan time by rfc3339Validator); null
// or empty is nil.
func parseTime(v types.String) (*time.Time, error) {
	if v.IsNull() || v.IsUnknown() || v.ValueString() == "" {
		return nil, nil
	}
	t, err := time.Parse(time.RFC3339, v.ValueString())
	if err != nil {
		return nil, err
	}
	return &t, nil
}

// optionalString maps the API's "" (not set) to null, for optional attributes without a default
// such as ids of optional references.
func optionalString(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// changed returns a pointer to the planned value when it differs from the prior state, else
// nil: update options send only what changed, so an update never needs a permission for a field
// it does not touch (changing a workspace's plan, say, needs billing.manage).
func changed(plan, state types.String) *string {
	if plan.Equal(state) || plan.IsUnknown() {
		return nil
	}
	s := plan.ValueString()
	return &s
}

// emailValue keeps the configured spelling of an e-mail when the API answers the same address
// in another case (the API stores e-mails lower-case), so that Alice@example.com in a
// configuration does not produce a perpetual diff.
func emailValue(prior types.String, api string) types.String {
	if !prior.IsNull() && !prior.IsUnknown() && strings.EqualFold(prior.ValueString(), api) {
		return prior
	}
	return types.StringValue(api)
}

// stringMapValue converts an API string map to a types.Map; nil becomes an empty map, so that
// an attribute with an empty-map default stays consistent.
func stringMapValue(m map[string]string) types.Map {
	elems := make(map[string]attr.Value, len(m))
	for k, v := range m {
		elems[k] = types.StringValue(v)
	}
	return types.MapValueMust(types.StringType, elems)
}

// stringMapFrom converts a types.Map of strings for the API; null or unknown is nil.
func stringMapFrom(ctx context.Context, v types.Map, diags *diag.Diagnostics) map[string]string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	out := make(map[string]string, len(v.Elements()))
	diags.Append(v.ElementsAs(ctx, &out, false)...)
	return out
}

// stringSetValue converts API strings to a types.Set (order is irrelevant to the API).
func stringSetValue(ss []string) types.Set {
	elems := make([]attr.Value, len(ss))
	for i, s := range ss {
		elems[i] = types.StringValue(s)
	}
	return types.SetValueMust(types.StringType, elems)
}

// stringListValue converts API strings to a types.List.
func stringListValue(ss []string) types.List {
	elems := make([]attr.Value, len(ss))
	for i, s := range ss {
		elems[i] = types.StringValue(s)
	}
	return types.ListValueMust(types.StringType, elems)
}

// stringsFrom converts a types.Set or types.List of strings for the API, sorted for stable
// requests; null or unknown is nil.
func stringsFrom(ctx context.Context, v interface {
	IsNull() bool
	IsUnknown() bool
	ElementsAs(context.Context, any, bool) diag.Diagnostics
}, diags *diag.Diagnostics) []string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	var out []string
	diags.Append(v.ElementsAs(ctx, &out, false)...)
	slices.Sort(out)
	return out
}

// importWorkspaceAndID is the ImportState of a workspace-scoped resource imported as
// "<workspace>/<object>" (kind as for importIDParts): both parts go into the state as written, as
// workspace_id and id, for Read to resolve with its one GET. False on a bad id.
func importWorkspaceAndID(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse,
	kind string) bool {
	if importIdentity(ctx, req, resp) {
		return !resp.Diagnostics.HasError()
	}
	parts := importIDParts(req, resp, kind)
	if parts == nil {
		return false
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("workspace_id"), parts[0])...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), parts[1])...)
	return true
}

// deleteOne is the Delete of a resource whose deletion is one call, del, made with the prior
// state. An object already gone counts as deleted: that is what Delete was to achieve.
func deleteOne[M any](ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse, typeName string,
	del func(state *M) error) {
	var state M
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := del(&state); err != nil && !isNotFound(err) {
		addAPIError(&resp.Diagnostics, typeName, "delete", err)
	}
}

// readResource is the Read of a resource whose state is one GET, get, made with the prior
// state, then recorded with fromAPI. An object that is gone (404) leaves the state, so that
// Terraform plans a create.
func readResource[M, T any](ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse, typeName string,
	fromAPI func(state *M, obj *T), get func(state *M) (*T, error)) {
	var state M
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	obj, err := get(&state)
	if isNotFound(err) {
		resp.State.RemoveResource(ctx)
		keepIdentity(ctx, req, resp)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, typeName, "read", err)
		return
	}
	fromAPI(&state, obj)
	keepVersion(ctx, resp.Private, versionOf(obj), &resp.Diagnostics)
	resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &state)...)
}
