package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Resource identity (Terraform 1.12+): every resource names its object by the ids in its
// identity schema, each an attribute of the resource schema with the same name. Ids, not slugs
// or names, since ids never change. The identity is copied from the state wherever the state
// is written, so it is always what the state says.
//
// Every identity schema is version 0. Should one change (an attribute added, renamed or
// retyped), raise its Version, implement resource.ResourceWithUpgradeIdentity on that resource
// with an upgrader from each earlier version (resource.IdentityUpgrader with the prior
// identityschema.Schema), and test an upgrade from a state written by the release before.
// Terraform older than 1.12 sends and keeps no identity: resp.Identity is then nil and the
// helpers below do nothing.

// identityAttr is one attribute of an identity schema: its name (also the name of the
// resource attribute it copies) and its description.
type identityAttr struct{ name, description string }

var (
	workspaceIdentity = identityAttr{"workspace_id", "Id (`ws_...`) of the workspace."}
	projectIdentity   = identityAttr{"project_id", "Id (`prj_...`) of the project."}
	userIdentity      = identityAttr{"user_id", "Id (`usr_...`) of the user."}
)

// identitySchema is a version 0 identity schema of string attributes, all required to import.
func identitySchema(attrs ...identityAttr) identityschema.Schema {
	s := identityschema.Schema{Attributes: map[string]identityschema.Attribute{}}
	for _, a := range attrs {
		s.Attributes[a.name] = identityschema.StringAttribute{RequiredForImport: true, Description: a.description}
	}
	return s
}

// identityFromState sets identity from the state's attributes of the same names. A removed
// (null) state leaves the identity as it was.
func identityFromState(ctx context.Context, state tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	if identity == nil || state.Raw.IsNull() {
		return
	}
	for name := range identity.Schema.GetAttributes() {
		var v types.String
		diags.Append(state.GetAttribute(ctx, path.Root(name), &v)...)
		diags.Append(identity.SetAttribute(ctx, path.Root(name), v)...)
	}
}

// setState is resp.State.Set of Create, Read and Update, which also sets the identity.
func setState(ctx context.Context, state *tfsdk.State, identity *tfsdk.ResourceIdentity, val any) diag.Diagnostics {
	diags := state.Set(ctx, val)
	if !diags.HasError() {
		identityFromState(ctx, *state, identity, &diags)
	}
	return diags
}

// keepIdentity is for a Read that removes the resource: a state written before the provider
// had identities has none, and Terraform wants one after every Read, so it takes the prior
// state's.
func keepIdentity(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	if resp.Identity != nil && resp.Identity.Raw.IsFullyNull() {
		identityFromState(ctx, req.State, resp.Identity, &resp.Diagnostics)
	}
}

// importIdentity handles an import block's identity (req.ID is then empty): it copies the
// identity's attributes into the state, and Read resolves them as it does an import id's
// parts. It reports whether it did; if not, the caller parses req.ID.
func importIdentity(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) bool {
	if req.ID != "" || req.Identity == nil || req.Identity.Raw.IsFullyNull() {
		return false
	}
	for name := range req.Identity.Schema.GetAttributes() {
		var v types.String
		resp.Diagnostics.Append(req.Identity.GetAttribute(ctx, path.Root(name), &v)...)
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(name), v)...)
	}
	return true
}
