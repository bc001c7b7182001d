package provider

import (
	"context"
	"iter"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// The steps every data source's Read repeats, so that each data source keeps only its own
// call to the API. A single-object data source reads like
//
//	func (d *regionDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
//		readOneInWorkspace(ctx, &d.baseDataSource, req, resp, regionDataSourceTypeName,
//			func(ws string, cfg *regionDataModel) (*client.Region, error) {
//				return d.client().Regions.Get(ctx, ws, lookupRef(cfg.ID, cfg.Name))
//			})
//	}

// modelOf is a pointer to a data source model M that can be filled from the API object A.
type modelOf[A, M any] interface {
	*M
	fromAPI(*A)
}

// readConfig reads the configuration into cfg, a pointer to the data source's model; false
// when that reported an error.
func readConfig(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse, cfg any) bool {
	resp.Diagnostics.Append(req.Config.Get(ctx, cfg)...)
	return !resp.Diagnostics.HasError()
}

// configInWorkspace is readConfig for a workspace-scoped data source (one with a
// workspace_id attribute, see workspaceIDDataSourceAttribute): it also resolves the workspace,
// the configured one or the provider's default; ok is false when either step reported an error.
func (b *baseDataSource) configInWorkspace(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse, cfg any) (ws string, ok bool) {
	if !readConfig(ctx, req, resp, cfg) {
		return "", false
	}
	// Read from the configuration rather than the model, so that any model with the attribute fits.
	var configured types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("workspace_id"), &configured)...)
	if resp.Diagnostics.HasError() {
		return "", false
	}
	ws = b.data.workspaceID(ctx, configured, &resp.Diagnostics)
	return ws, !resp.Diagnostics.HasError()
}

// readOne is the Read of a data source that looks up one object: the configuration is read
// into a model (which the member models need, to keep the configured spelling of an e-mail),
// get fetches the object, and the model filled from it becomes the state.
func readOne[M any, PM modelOf[A, M], A any](ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse,
	typeName string, get func(cfg *M) (*A, error)) {
	var cfg M
	if !readConfig(ctx, req, resp, &cfg) {
		return
	}
	obj, err := get(&cfg)
	saveOne[M, PM](ctx, resp, typeName, &cfg, obj, err)
}

// readOneInWorkspace is readOne for a workspace-scoped data source: get also receives the
// resolved workspace.
func readOneInWorkspace[M any, PM modelOf[A, M], A any](ctx context.Context, d *baseDataSource, req datasource.ReadRequest,
	resp *datasource.ReadResponse, typeName string, get func(ws string, cfg *M) (*A, error)) {
	var cfg M
	ws, ok := d.configInWorkspace(ctx, req, resp, &cfg)
	if !ok {
		return
	}
	obj, err := get(ws, &cfg)
	saveOne[M, PM](ctx, resp, typeName, &cfg, obj, err)
}

// saveOne stores the model m filled from obj as the state, or reports err, the failed read of
// obj.
func saveOne[M any, PM modelOf[A, M], A any](ctx context.Context, resp *datasource.ReadResponse, typeName string,
	m *M, obj *A, err error) {
	if err != nil {
		addAPIError(&resp.Diagnostics, typeName, "read", err)
		return
	}
	PM(m).fromAPI(obj)
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}

// listAll fetches every page of a list and converts each object to the model M; ok is false
// when the API call failed, which it reports as an error reading typeName. An empty list is an
// empty slice, not nil, so that the list attribute is empty rather than null.
func listAll[M any, PM modelOf[A, M], A any](resp *datasource.ReadResponse, typeName string,
	pages iter.Seq2[*A, error]) (models []M, ok bool) {
	list, err := client.Collect(pages)
	if err != nil {
		addAPIError(&resp.Diagnostics, typeName, "read", err)
		return nil, false
	}
	models = make([]M, len(list))
	for i := range list {
		PM(&models[i]).fromAPI(&list[i])
	}
	return models, true
}

// lookupRef is the reference a data source looks its object up by: byID when set, otherwise
// byName (a name, slug or e-mail). At most one is set (see exactlyOneOf), and the API accepts
// either in the same place.
func lookupRef(byID, byName types.String) string {
	if ref := byID.ValueString(); ref != "" {
		return ref
	}
	return byName.ValueString()
}

// lookupAttribute is an optional argument naming the object to read. It is also computed: the
// read fills in the attributes that were not used to name the object.
func lookupAttribute(desc string, validators ...validator.String) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: desc,
		Optional:            true,
		Computed:            true,
		Validators:          validators,
	}
}

// exactlyOneOf is the ConfigValidators of a data source with two ways of naming its object.
func exactlyOneOf(a, b string) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot(a), path.MatchRoot(b)),
	}
}

// addMemberLookupAttributes sets the email and user_id arguments of the workspace and project
// member data sources, which look a member up by either.
func addMemberLookupAttributes(attrs map[string]schema.Attribute) {
	attrs["email"] = lookupAttribute("E-mail of the member to look up (case-insensitive). "+
		"Exactly one of `email` and `user_id` is required.", emailValidator())
	attrs["user_id"] = lookupAttribute("User id (`usr_...`) of the member to look up.", idValidator("usr_", "user"))
}

// computedObjectList is the list attribute of a data source that lists objects, each with attrs.
func computedObjectList(desc string, attrs map[string]schema.Attribute) schema.ListNestedAttribute {
	return schema.ListNestedAttribute{
		MarkdownDescription: desc,
		Computed:            true,
		NestedObject:        schema.NestedAttributeObject{Attributes: attrs},
	}
}
