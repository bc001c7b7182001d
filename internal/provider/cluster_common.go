package provider

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// Cluster rules shared by the platform_cluster resource and data sources (docs/platform.md section 6).

const (
	maxNodePools    = 10
	maxNodesPerPool = 1000
)

var clouds = []string{string(client.CloudAWS), string(client.CloudGCP), string(client.CloudAzure), string(client.CloudHetzner)}

// nodePoolModel is one element of node_pools.
type nodePoolModel struct {
	Name        types.String `tfsdk:"name"`
	MachineType types.String `tfsdk:"machine_type"`
	MinNodes    types.Int64  `tfsdk:"min_nodes"`
	MaxNodes    types.Int64  `tfsdk:"max_nodes"`
}

func nodePoolsFromAPI(pools []client.NodePool) []nodePoolModel {
	out := make([]nodePoolModel, len(pools))
	for i, p := range pools {
		out[i] = nodePoolModel{
			Name:        types.StringValue(p.Name),
			MachineType: types.StringValue(p.MachineType),
			MinNodes:    types.Int64Value(int64(p.MinNodes)),
			MaxNodes:    types.Int64Value(int64(p.MaxNodes)),
		}
	}
	return out
}

func nodePoolsToAPI(pools []nodePoolModel) []client.NodePool {
	out := make([]client.NodePool, len(pools))
	for i, p := range pools {
		out[i] = client.NodePool{
			Name:        p.Name.ValueString(),
			MachineType: p.MachineType.ValueString(),
			MinNodes:    int(p.MinNodes.ValueInt64()),
			MaxNodes:    int(p.MaxNodes.ValueInt64()),
		}
	}
	return out
}

func nodePoolsEqual(a, b []nodePoolModel) bool {
	return slices.Equal(nodePoolsToAPI(a), nodePoolsToAPI(b))
}

// nodePoolResourceObject is the resource's node pool: every field required and checked at plan
// time.
func nodePoolResourceObject() rschema.NestedAttributeObject {
	return rschema.NestedAttributeObject{
		Attributes: map[string]rschema.Attribute{
			"name": rschema.StringAttribute{
				MarkdownDescription: "Pool name, unique in the cluster: 1-40 lower-case letters, digits and single hyphens, " +
					"starting with a letter.",
				Required:   true,
				Validators: []validator.String{nodePoolNameValidator()},
			},
			"machine_type": rschema.StringAttribute{
				MarkdownDescription: "Machine type such as `m5.large`: lower-case letters, digits, `.`, `_` and `-`, at most 64 characters.",
				Required:            true,
				Validators:          []validator.String{machineTypeValidator()},
			},
			"min_nodes": rschema.Int64Attribute{
				MarkdownDescription: "Smallest number of nodes, `>= 0` and `<= max_nodes`.",
				Required:            true,
				Validators:          []validator.Int64{int64validator.AtLeast(0)},
			},
			"max_nodes": rschema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("Largest number of nodes, 1-%d.", maxNodesPerPool),
				Required:            true,
				Validators:          []validator.Int64{int64validator.Between(1, maxNodesPerPool)},
			},
		},
		Validators: []validator.Object{nodePoolBoundsValidator{}},
	}
}

// nodePoolDataAttributes describes a node pool in data sources, all computed.
func nodePoolDataAttributes() map[string]dschema.Attribute {
	return map[string]dschema.Attribute{
		"name":         dschema.StringAttribute{Computed: true, MarkdownDescription: "Pool name."},
		"machine_type": dschema.StringAttribute{Computed: true, MarkdownDescription: "Machine type."},
		"min_nodes":    dschema.Int64Attribute{Computed: true, MarkdownDescription: "Smallest number of nodes."},
		"max_nodes":    dschema.Int64Attribute{Computed: true, MarkdownDescription: "Largest number of nodes."},
	}
}

func nodePoolsValidators() []validator.List { return []validator.List{nodePoolsListValidator{}} }

// nodePoolsListValidator requires 1-10 pools with unique names.
type nodePoolsListValidator struct{}

var _ validator.List = nodePoolsListValidator{}

func (nodePoolsListValidator) Description(context.Context) string {
	return fmt.Sprintf("must have 1-%d node pools with unique names", maxNodePools)
}

func (v nodePoolsListValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (nodePoolsListValidator) ValidateList(_ context.Context, req validator.ListRequest, resp *validator.ListResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	elems := req.ConfigValue.Elements()
	if n := len(elems); n < 1 || n > maxNodePools {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(),
			fmt.Sprintf("%s must have 1-%d node pools, got %d.", req.Path, maxNodePools, n))
		return
	}
	seen := map[string]int{}
	for i, e := range elems {
		obj, ok := e.(types.Object)
		if !ok || obj.IsNull() || obj.IsUnknown() {
			continue
		}
		name, ok := obj.Attributes()["name"].(types.String)
		if !ok || name.IsNull() || name.IsUnknown() {
			continue
		}
		if j, dup := seen[name.ValueString()]; dup {
			p := req.Path.AtListIndex(i).AtName("name")
			resp.Diagnostics.AddAttributeError(p, "Invalid "+req.Path.String(),
				fmt.Sprintf("%s must be unique: %q is also the name of %s.", p, name.ValueString(), req.Path.AtListIndex(j)))
			continue
		}
		seen[name.ValueString()] = i
	}
}

// nodePoolBoundsValidator requires min_nodes <= max_nodes in one pool.
type nodePoolBoundsValidator struct{}

var _ validator.Object = nodePoolBoundsValidator{}

func (nodePoolBoundsValidator) Description(context.Context) string {
	return "min_nodes must be <= max_nodes"
}

func (v nodePoolBoundsValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (nodePoolBoundsValidator) ValidateObject(_ context.Context, req validator.ObjectRequest, resp *validator.ObjectResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	attrs := req.ConfigValue.Attributes()
	minN, ok1 := attrs["min_nodes"].(types.Int64)
	maxN, ok2 := attrs["max_nodes"].(types.Int64)
	if !ok1 || !ok2 || minN.IsNull() || minN.IsUnknown() || maxN.IsNull() || maxN.IsUnknown() {
		return
	}
	if minN.ValueInt64() > maxN.ValueInt64() {
		resp.Diagnostics.AddAttributeError(req.Path.AtName("min_nodes"), "Invalid node pool bounds",
			fmt.Sprintf("%s: min_nodes must be <= max_nodes, got min_nodes = %d and max_nodes = %d.",
				req.Path, minN.ValueInt64(), maxN.ValueInt64()))
	}
}

// kubernetesVersionValidator checks the MAJOR.MINOR form only: which versions exist is the
// server's list (GET /v1/kubernetes-versions), which changes without a provider release.
func kubernetesVersionValidator() validator.String {
	const rule = "must be a Kubernetes version MAJOR.MINOR such as 1.31 (the platform_kubernetes_versions data source lists the supported ones)"
	return ruleValidator{rule, func(s string) string {
		if _, _, ok := splitKubernetesVersion(s); !ok {
			return rule
		}
		return ""
	}}
}

// splitKubernetesVersion parses "MAJOR.MINOR" (decimal numbers without leading zeros).
func splitKubernetesVersion(s string) (major, minor int, ok bool) {
	a, b, found := strings.Cut(s, ".")
	if !found {
		return 0, 0, false
	}
	major, ok1 := parseVersionNumber(a)
	minor, ok2 := parseVersionNumber(b)
	return major, minor, ok1 && ok2
}

func parseVersionNumber(s string) (int, bool) {
	if s == "" || len(s) > 6 || (len(s) > 1 && s[0] == '0') || strings.TrimLeft(s, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// compareKubernetesVersions compares MAJOR.MINOR numerically (1.9 < 1.10); -1, 0 or 1. Versions
// that do not parse compare equal, so they never cause a downgrade error (the validator or the
// server reports them).
func compareKubernetesVersions(a, b string) int {
	amaj, amin, aok := splitKubernetesVersion(a)
	bmaj, bmin, bok := splitKubernetesVersion(b)
	if !aok || !bok {
		return 0
	}
	if c := cmp.Compare(amaj, bmaj); c != 0 {
		return c
	}
	return cmp.Compare(amin, bmin)
}
