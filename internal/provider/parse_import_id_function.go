package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ function.Function = (*parseImportIDFunction)(nil)

// parseImportIDFunction is provider::platform::parse_import_id(kind, id): an import id split
// into its named parts by the parser the resources' ImportState uses (import_ids.go), so a
// module can check or take apart the ids it is given for import blocks.
type parseImportIDFunction struct{}

// NewParseImportIDFunction returns the parse_import_id function.
func NewParseImportIDFunction() function.Function { return &parseImportIDFunction{} }

func (f *parseImportIDFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "parse_import_id"
}

func (f *parseImportIDFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	formats := make([]string, 0, len(importIDFormats))
	for _, kind := range importIDKinds() {
		formats = append(formats, fmt.Sprintf("`%s` (`%s`)", kind, importIDFormats[kind].format))
	}
	resp.Definition = function.Definition{
		Summary: "Split a resource's import id into its named parts",
		MarkdownDescription: "Parses `id`, an import id of the resource type `kind` as `terraform import` and import " +
			"blocks take it, with the same parser the resource uses, and returns its parts as a map keyed by the part " +
			"names of the type's format (`parse_import_id(\"platform_project\", \"acme/web\")` is " +
			"`{ workspace = \"acme\", project = \"web\" }`). An id that does not have the type's form is an error " +
			"naming the expected format. No API call is made: the parts are not looked up.",
		Parameters: []function.Parameter{
			function.StringParameter{
				Name:                "kind",
				MarkdownDescription: "A resource type; with its import id format: " + strings.Join(formats, ", ") + ".",
			},
			function.StringParameter{Name: "id", MarkdownDescription: "The import id."},
		},
		Return: function.MapReturn{ElementType: types.StringType},
	}
}

func (f *parseImportIDFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var kind, id string
	if resp.Error = req.Arguments.Get(ctx, &kind, &id); resp.Error != nil {
		return
	}
	format, ok := importIDFormats[kind]
	if !ok {
		resp.Error = function.NewArgumentFuncError(0, fmt.Sprintf("kind: %q is not a resource type with an import id; "+
			"valid kinds: %s", kind, quoted(importIDKinds())))
		return
	}
	parts, err := parseImportIDOf(kind, id)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(1, "id: "+err.Error())
		return
	}
	named := make(map[string]string, len(parts))
	for i, name := range strings.Split(format.format, "/") {
		named[name] = parts[i]
	}
	v, diags := types.MapValueFrom(ctx, types.StringType, named)
	resp.Error = function.FuncErrorFromDiags(ctx, diags)
	if resp.Error == nil {
		resp.Error = resp.Result.Set(ctx, v)
	}
}
