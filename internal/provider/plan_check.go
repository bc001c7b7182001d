package provider

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// Plan-time checks (docs/platform.md, "Plan-time checks"): when a resource's create or update
// is planned and the configuration is fully known, ModifyPlan asks the server for a dry run of
// the very call the apply will make (the resource's create and update functions, called with
// client.WithValidateOnly, in this process's plan session), and turns a refusal into a plan
// error on the attribute it concerns. Destroys are dry-run by plan_session.go.
//
// Skipped:
//   - a configuration with an unknown value (the call cannot be built yet; the apply's own call
//     answers);
//   - the create half of a replacement: the old object still holds its slug and quota slot until
//     the apply deletes it, so a dry-run create would be refused for the wrong reason (the
//     delete half is dry-run instead);
//   - the apply walk: Terraform plans every resource again right before applying it; once this
//     provider instance (one per Terraform walk) has started a create, update or delete, the real
//     calls answer anyway, and dry runs would only double the requests.

// privateVersionKey is the private-state key that keeps the object's version as last read or
// written: the update's dry run and the update itself send it as If-Match.
const privateVersionKey = "version"

// privateReplaceKey marks the private state of a plan made from a prior object: Terraform
// plans the create half of a replacement with it, and that create's dry run is skipped. Create,
// Read and Update remove it (keepVersion).
const privateReplaceKey = "prior_object"

// planCheck is a resource's create and update as calls that a plan can dry-run: the same
// functions its Create and Update use. Built by newPlanCheck.
type planCheck struct {
	create func(ctx context.Context, plan tfsdk.Plan, diags *diag.Diagnostics) error
	update func(ctx context.Context, plan tfsdk.Plan, state tfsdk.State, ifVersion int64, diags *diag.Diagnostics) error
	// leftover, when set, tells whether an object of the planned create's name exists: it may
	// have been left by an earlier create of this resource that failed or timed out. Terraform
	// holds such an object tainted and plans its replacement as a plain create, showing the
	// provider neither the old object nor its private state; the old object holds its name and
	// quota slot until the apply deletes it, so a refusal for those is only a warning then.
	leftover func(ctx context.Context, plan tfsdk.Plan) bool
	// del is the destroy of a resource outside workspaces (organizations and their members),
	// which plan_session.go does not plan.
	del func(ctx context.Context, state tfsdk.State, diags *diag.Diagnostics) error
}

// dropOperation adapts an asynchronous create (object, operation id, error) to newPlanCheck.
func dropOperation[M, T any](create func(context.Context, *M) (T, string, error)) func(context.Context, *M) (T, error) {
	return func(ctx context.Context, m *M) (T, error) {
		t, _, err := create(ctx, m)
		return t, err
	}
}

// dropOperationUpdate is dropOperation for an update.
func dropOperationUpdate[M, T any](update func(context.Context, *M, *M, int64) (T, string, error)) func(context.Context, *M, *M, int64) (T, error) {
	return func(ctx context.Context, plan, state *M, ifVersion int64) (T, error) {
		t, _, err := update(ctx, plan, state, ifVersion)
		return t, err
	}
}

// withLeftover sets c.leftover: get reads the object of the planned create's name.
func withLeftover[M, T any](c *planCheck, get func(ctx context.Context, plan *M) (T, error)) *planCheck {
	c.leftover = func(ctx context.Context, plan tfsdk.Plan) bool {
		var m M
		if plan.Get(ctx, &m).HasError() {
			return false
		}
		_, err := get(ctx, &m)
		return err == nil
	}
	return c
}

// withDeleteCheck adds the dry run of a destroy to c: del is the very function Delete uses.
func withDeleteCheck[M any](c *planCheck, del func(ctx context.Context, state *M) error) *planCheck {
	c.del = func(ctx context.Context, state tfsdk.State, diags *diag.Diagnostics) error {
		var m M
		if diags.Append(state.Get(ctx, &m)...); diags.HasError() {
			return nil
		}
		return del(ctx, &m)
	}
	return c
}

// newPlanCheck adapts a resource's typed create and update (either may be nil: nothing to
// dry-run) to planCheck.
func newPlanCheck[M, C, U any](create func(ctx context.Context, plan *M) (C, error),
	update func(ctx context.Context, plan, state *M, ifVersion int64) (U, error)) *planCheck {
	c := &planCheck{}
	if create != nil {
		c.create = func(ctx context.Context, plan tfsdk.Plan, diags *diag.Diagnostics) error {
			var m M
			if diags.Append(plan.Get(ctx, &m)...); diags.HasError() {
				return nil
			}
			_, err := create(ctx, &m)
			return err
		}
	}
	if update != nil {
		c.update = func(ctx context.Context, plan tfsdk.Plan, state tfsdk.State, ifVersion int64, diags *diag.Diagnostics) error {
			var p, s M
			diags.Append(plan.Get(ctx, &p)...)
			if diags.Append(state.Get(ctx, &s)...); diags.HasError() {
				return nil
			}
			_, err := update(ctx, &p, &s, ifVersion)
			return err
		}
	}
	return c
}

// startApply records that this provider instance applies: its ModifyPlan makes no more dry
// runs. Every Create, Update and Delete calls it first.
func (d *providerData) startApply() { d.applying.Store(true) }

// checkPlan dry-runs the planned create or update of a resource, after the resource's own plan
// changes (call it last in ModifyPlan). deletionOf, when not nil, is the resource's destroy: a
// replacement dry-runs it instead of the create.
func (b *baseResource) checkPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse,
	deletionOf func(context.Context, tfsdk.State, *diag.Diagnostics) *deletion) {
	d := b.data
	if d == nil || b.checks == nil || resp.Diagnostics.HasError() {
		return
	}
	if req.Plan.Raw.IsNull() {
		if b.checks.del == nil || d.applying.Load() {
			return
		}
		session := d.plans.rememberSession(ctx, resp.Private, &resp.Diagnostics)
		err := b.checks.del(client.WithPlanSession(client.WithValidateOnly(ctx), session), req.State, &resp.Diagnostics)
		// Only a refusal that holds whatever else the plan does fails it: whether an
		// organization still manages a workspace, or keeps an owner, depends on the plan's other
		// changes (a workspace deleted in the same run), which Terraform may plan later.
		if errors.Is(err, client.ErrPermissionDenied) || errors.Is(err, client.ErrUnauthenticated) {
			addRefusal(ctx, &resp.Diagnostics, req.Plan, "delete", err, nil)
		}
		return
	}
	var changedAttrs []path.Path
	if !req.State.Raw.IsNull() {
		// Terraform plans the create half of a replacement with the private state of this plan:
		// the mark tells it apart from a new object (which has no private state).
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateReplaceKey, []byte("true"))...)
		changedAttrs = changedAttributes(req.State, resp.Plan)
		if len(resp.RequiresReplace) > 0 || requiresReplace(ctx, req, resp, changedAttrs) {
			// The old object goes first: dry-run its delete.
			if deletionOf != nil && !d.applying.Load() {
				if del := deletionOf(ctx, req.State, &resp.Diagnostics); del != nil {
					d.plans.planDelete(ctx, d.client, del, resp)
				}
			}
			return
		}
	} else if raw, _ := req.Private.GetKey(ctx, privateReplaceKey); len(raw) > 0 {
		return // the create half of a replacement
	}
	if d.applying.Load() || d.noPlanChecks || !req.Config.Raw.IsFullyKnown() {
		return
	}
	dry := client.WithPlanSession(client.WithValidateOnly(ctx), d.plans.sessionID())
	if req.State.Raw.IsNull() {
		if b.checks.create == nil {
			return
		}
		err := b.checks.create(dry, resp.Plan, &resp.Diagnostics)
		if (errors.Is(err, client.ErrAlreadyExists) || errors.Is(err, client.ErrQuotaExceeded)) &&
			b.checks.leftover != nil && b.checks.leftover(ctx, resp.Plan) {
			resp.Diagnostics.AddWarning("The server may refuse this create",
				"An object of this name already exists. If it is this resource's own object, left tainted by an "+
					"earlier create that failed or timed out, the apply deletes it first and this create succeeds; "+
					"otherwise the apply will be refused: "+apiErrorDetail(err))
			return
		}
		addRefusal(ctx, &resp.Diagnostics, resp.Plan, "create", err, nil)
		return
	}
	if b.checks.update == nil || len(changedAttrs) == 0 {
		return
	}
	err := b.checks.update(dry, resp.Plan, req.State, privateVersion(ctx, req.Private), &resp.Diagnostics)
	if isNotFound(err) {
		return // gone since it was read: the refresh shows it as drift
	}
	addRefusal(ctx, &resp.Diagnostics, resp.Plan, "update", err, changedAttrs)
}

// changedAttributes lists the top-level attributes whose planned value is known and differs
// from the prior state: what the update sends.
func changedAttributes(state tfsdk.State, plan tfsdk.Plan) []path.Path {
	var before, after map[string]tftypes.Value
	if state.Raw.As(&before) != nil || plan.Raw.As(&after) != nil {
		return nil
	}
	var out []path.Path
	for name, v := range after {
		if v.IsFullyKnown() && !v.Equal(before[name]) {
			out = append(out, path.Root(name))
		}
	}
	slices.SortFunc(out, func(a, b path.Path) int {
		if a.String() < b.String() {
			return -1
		}
		return 1
	})
	return out
}

// requiresReplace reports whether a changed attribute's plan modifiers (RequiresReplace and
// friends, which the framework applies before ModifyPlan without telling it) replace the object.
func requiresReplace(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse, changedAttrs []path.Path) bool {
	for _, p := range changedAttrs {
		a, diags := resp.Plan.Schema.AttributeAtPath(ctx, p)
		if diags.HasError() {
			continue
		}
		switch a := a.(type) {
		case schema.StringAttribute:
			var cfg, st, pl types.String
			req.Config.GetAttribute(ctx, p, &cfg)
			req.State.GetAttribute(ctx, p, &st)
			resp.Plan.GetAttribute(ctx, p, &pl)
			for _, m := range a.PlanModifiers {
				out := &planmodifier.StringResponse{PlanValue: pl}
				m.PlanModifyString(ctx, planmodifier.StringRequest{Path: p, Config: req.Config, State: req.State, Plan: resp.Plan,
					ConfigValue: cfg, StateValue: st, PlanValue: pl}, out)
				if out.RequiresReplace {
					return true
				}
			}
		case schema.Int64Attribute:
			var cfg, st, pl types.Int64
			req.Config.GetAttribute(ctx, p, &cfg)
			req.State.GetAttribute(ctx, p, &st)
			resp.Plan.GetAttribute(ctx, p, &pl)
			for _, m := range a.PlanModifiers {
				out := &planmodifier.Int64Response{PlanValue: pl}
				m.PlanModifyInt64(ctx, planmodifier.Int64Request{Path: p, Config: req.Config, State: req.State, Plan: resp.Plan,
					ConfigValue: cfg, StateValue: st, PlanValue: pl}, out)
				if out.RequiresReplace {
					return true
				}
			}
		}
	}
	return false
}

// addRefusal turns the answer of a dry run into a plan error. A refusal goes on the attribute
// the server names in its details, else on the one attribute an update changes, else on the
// resource. Answers that are no refusal (the server unreachable, rate limited, failing) do not
// fail the plan: the apply's call answers them.
func addRefusal(ctx context.Context, diags *diag.Diagnostics, plan tfsdk.Plan, action string, err error, changedAttrs []path.Path) {
	var apiErr *client.APIError
	if err == nil {
		return
	}
	if !errors.As(err, &apiErr) || apiErr.StatusCode == 0 || apiErr.StatusCode >= 500 ||
		apiErr.Code == client.CodeRateLimited || apiErr.Code == client.CodeInternal {
		tflog.Warn(ctx, "plan-time dry run gave no answer; the apply will ask again", map[string]any{"error": err.Error()})
		return
	}
	summary := fmt.Sprintf("The server would refuse this %s (%s)", action, apiErr.Code)
	detail := apiErrorDetail(err)
	if errors.Is(err, client.ErrAborted) {
		detail = "The object changed since Terraform last read it (If-Match on its version no longer holds): " +
			"run a plan that refreshes (without -refresh=false) to see the change.\n\n" + detail
	}
	for _, fe := range apiErr.Details {
		p := path.Root(fe.Field)
		if _, d := plan.Schema.AttributeAtPath(ctx, p); fe.Field != "" && !d.HasError() {
			diags.AddAttributeError(p, summary, detail)
			return
		}
	}
	if len(changedAttrs) == 1 {
		diags.AddAttributeError(changedAttrs[0], summary, detail)
		return
	}
	diags.AddError(summary, detail)
}

// keepVersion records the object's version in private state (Create, Read, Update); 0 forgets
// it (an answer that is not final: the object changes on its own while it provisions).
func keepVersion(ctx context.Context, private privateSetter, version int64, diags *diag.Diagnostics) {
	if private == nil {
		return
	}
	diags.Append(private.SetKey(ctx, privateReplaceKey, nil)...)
	var v []byte
	if version != 0 {
		v = []byte(strconv.FormatInt(version, 10))
	}
	diags.Append(private.SetKey(ctx, privateVersionKey, v)...)
}

// privateVersion is the version kept by keepVersion, 0 (no If-Match) when there is none.
func privateVersion(ctx context.Context, private privateGetter) int64 {
	if private == nil {
		return 0
	}
	raw, _ := private.GetKey(ctx, privateVersionKey)
	var v int64
	if len(raw) == 0 || json.Unmarshal(raw, &v) != nil {
		return 0
	}
	return v
}

// versionOf is the API version of an object that embeds client.Meta, 0 otherwise.
func versionOf(obj any) int64 {
	if v, ok := obj.(interface{ ObjectVersion() int64 }); ok {
		return v.ObjectVersion()
	}
	return 0
}

// addUpdateError is addAPIError for an Update, which sends the version of its plan as
// If-Match: a refusal of that says what happened.
func addUpdateError(diags *diag.Diagnostics, typeName string, err error) {
	if errors.Is(err, client.ErrAborted) {
		diags.AddError("Could not update "+typeName, "The object changed after the plan was made (its version no "+
			"longer matches the one the plan read), so the planned change was not applied: run terraform plan again.\n\n"+
			apiErrorDetail(err))
		return
	}
	addAPIError(diags, typeName, "update", err)
}

// diagError is the error of diagnostics that building a call's options produced.
func diagError(diags diag.Diagnostics) error {
	for _, d := range diags.Errors() {
		return fmt.Errorf("%s: %s", d.Summary(), d.Detail())
	}
	return nil
}
