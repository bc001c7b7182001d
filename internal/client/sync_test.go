package client

// The client restates the server's JSON types on purpose (it may not import the server's
// packages), so nothing but these tests notices when a field is added to one side only: the
// client would silently drop a new answer field, or never send a new input field. Each test
// compares the JSON form of a client type with the type the server answers (internal/platform,
// internal/platform/service) or decodes, by reflection over the json tags: field names
// (embedded structs followed, `json:"-"` ignored) and JSON kinds, nested types included
// ("node_pools[].min_nodes"). A field that deliberately exists on one side only is listed in
// the pair's clientOnly or serverOnly with the reason.

import (
	"cmp"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/httpapi"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/service"
)

// syncPair is a client type and the server type it mirrors.
type syncPair struct {
	client, server reflect.Type
	// clientOnly and serverOnly name the JSON paths that exist on one side only, with the
	// reason.
	clientOnly, serverOnly map[string]string
}

func mirror[C, S any]() syncPair {
	return syncPair{client: reflect.TypeFor[C](), server: reflect.TypeFor[S]()}
}

func (p syncPair) withServerOnly(why map[string]string) syncPair { p.serverOnly = why; return p }
func (p syncPair) withClientOnly(why map[string]string) syncPair { p.clientOnly = why; return p }

// answers pairs every client type that decodes an answer with the server type the answer is
// encoded from.
func answers() []syncPair {
	return []syncPair{
		mirror[UserToken, platform.UserToken](),
		mirror[CreatedToken, service.CreatedToken](),
		mirror[Me, service.Me](),
		mirror[Organization, platform.Organization](),
		mirror[OrganizationMember, platform.OrganizationMember](),
		mirror[Workspace, platform.Workspace](),
		mirror[WorkspaceMember, platform.WorkspaceMember](),
		mirror[WorkspaceUsage, service.WorkspaceUsage](),
		mirror[QuotaLimits, platform.Limits](),
		mirror[QuotaUsage, platform.Usage](),
		mirror[Project, platform.Project](),
		mirror[ProjectMember, platform.ProjectMember](),
		mirror[ProjectAccess, service.EffectiveAccess](),
		mirror[Role, platform.Role](),
		mirror[APIKey, platform.APIKey](),
		mirror[CreatedAPIKey, service.CreatedAPIKey](),
		mirror[Region, platform.Region](),
		mirror[Cluster, platform.Cluster](),
		mirror[NodePool, platform.NodePool](),
		mirror[clusterChange, platform.Cluster]().withClientOnly(map[string]string{
			"operation_id": "httpapi's clusterOut adds service.ClusterChange.OperationID to the cluster it answers",
		}),
		mirror[Installation, platform.Installation](),
		mirror[InstallationSource, platform.InstallationSource](),
		mirror[installationChange, platform.Installation]().withClientOnly(map[string]string{
			"operation_id": "httpapi's installationOut adds service.InstallationChange.OperationID to the installation it answers",
		}),
		mirror[InstallationPackage, service.InstallationPackage](),
		mirror[InstallationPackageList, service.InstallationPackages](),
		mirror[Deployment, platform.Deployment](),
		mirror[DeploymentSource, platform.DeploymentSource](),
		mirror[deploymentChange, platform.Deployment]().withClientOnly(map[string]string{
			"operation_id": "httpapi's deploymentOut adds service.DeploymentChange.OperationID to the deployment it answers",
		}),
		mirror[DeploymentLogs, service.DeploymentLogs](),
		mirror[DeploymentLogLine, platform.DeploymentLogLine](),
		mirror[Operation, platform.Operation]().withServerOnly(map[string]string{
			"workspace_id": "httpapi's operationOut leaves it out: an operation is read by id alone",
			"version":      "httpapi's operationOut leaves it out: operations are not updated by clients",
		}),
		mirror[Product, platform.Product](),
		mirror[Price, platform.Price](),
		mirror[Release, platform.Release](),
		mirror[MarketplaceProduct, service.MarketplaceProduct](),
		mirror[MarketplaceRelease, service.MarketplaceRelease](),
		mirror[AuditEvent, platform.AuditEvent](),
		mirror[PlanSession, service.PlanSession](),
		mirror[PlannedDelete, platform.PlannedDelete](),
		mirror[PlannedCreate, platform.PlannedCreate](),
		mirror[DryRunCall, httpapi.DryRunCall](),
		mirror[DryRunBatch, httpapi.DryRunBatch](),
		mirror[DryRunResult, httpapi.DryRunResult](),
		mirror[DryRunResults, httpapi.DryRunResults](),
		mirror[Meta, platform.Meta](),
		mirror[FieldError, platform.FieldViolation](),
		mirror[WorkspaceSecret, platform.Secret](),
		mirror[GitHubInstallation, platform.GitHubInstallation](),
		mirror[Subscription, platform.Subscription](),
		mirror[AccessState, platform.WorkspaceAccessState](),
		mirror[BillingPortalSession, service.BillingPortalSession](),
		mirror[StripeAccount, platform.StripeAccount]().withClientOnly(map[string]string{
			"onboarding_url": "httpapi's stripeAccountOut adds service.StripeAccountResult.OnboardingURL (derived, never stored)",
		}),
		mirror[stripeAccountChange, platform.StripeAccount]().withClientOnly(map[string]string{
			"onboarding_url": "httpapi's stripeAccountOut adds service.StripeAccountResult.OnboardingURL (derived, never stored)",
			"operation_id":   "httpapi's stripeAccountOut adds service.StripeAccountResult.OperationID to the account it answers",
		}),
	}
}

// inputs pairs every client option struct sent as a request body with the service input the
// server decodes it into.
func inputs() []syncPair {
	return []syncPair{
		mirror[TokenCreateOptions, service.TokenInput](),
		mirror[OrganizationCreateOptions, service.OrganizationInput](),
		mirror[OrganizationUpdateOptions, service.OrganizationPatch](),
		mirror[OrganizationMemberCreateOptions, service.OrganizationMemberInput](),
		mirror[OrganizationMemberUpdateOptions, service.OrganizationMemberPatch](),
		mirror[WorkspaceCreateOptions, service.WorkspaceInput](),
		mirror[WorkspaceUpdateOptions, service.WorkspacePatch](),
		mirror[TransferOwnershipOptions, service.TransferOwnershipInput](),
		mirror[WorkspaceMemberCreateOptions, service.MemberInput](),
		mirror[WorkspaceMemberUpdateOptions, service.MemberPatch](),
		mirror[ProjectCreateOptions, service.ProjectInput](),
		mirror[ProjectUpdateOptions, service.ProjectPatch](),
		mirror[ProjectMemberCreateOptions, service.ProjectMemberInput](),
		mirror[ProjectMemberUpdateOptions, service.ProjectMemberPatch](),
		mirror[RoleCreateOptions, service.RoleInput](),
		mirror[RoleUpdateOptions, service.RolePatch](),
		mirror[APIKeyCreateOptions, service.APIKeyInput](),
		mirror[APIKeyUpdateOptions, service.APIKeyPatch](),
		mirror[APIKeyRotateOptions, service.RotateInput](),
		mirror[RegionCreateOptions, service.RegionInput](),
		mirror[RegionUpdateOptions, service.RegionPatch](),
		mirror[ClusterCreateOptions, service.ClusterInput](),
		mirror[ClusterUpdateOptions, service.ClusterPatch](),
		mirror[InstallationCreateOptions, service.InstallationInput](),
		mirror[InstallationUpdateOptions, service.InstallationPatch](),
		mirror[PlannedTarget, service.PlannedTarget](),
		mirror[ProductCreateOptions, service.ProductInput](),
		mirror[ProductUpdateOptions, service.ProductPatch](),
		mirror[PriceOptions, service.PriceInput](),
		mirror[ReleaseCreateOptions, service.ReleaseInput](),
		mirror[ReleaseUpdateOptions, service.ReleasePatch](),
		mirror[DeploymentCreateOptions, service.DeploymentInput](),
		mirror[DeploymentUpdateOptions, service.DeploymentPatch](),
		mirror[SecretCreateOptions, service.SecretInput](),
		mirror[SecretUpdateOptions, service.SecretPatch](),
		mirror[GitHubInstallationCreateOptions, service.GitHubInstallationInput](),
		mirror[GitHubInstallationUpdateOptions, service.GitHubInstallationPatch](),
		mirror[SubscriptionUpdateOptions, service.SubscriptionPatch](),
		mirror[subscriptionStatusInput, service.SubscriptionStatusInput](),
		mirror[BillingPortalSessionCreateOptions, service.BillingPortalSessionInput](),
		mirror[StripeAccountOptions, service.StripeAccountInput](),
	}
}

// unpairedClientTypes are the client's JSON struct types that no pair names, and why.
var unpairedClientTypes = map[string]string{
	"Page":        "generic list page, httpapi's listOut (unexported); every item type is paired",
	"envelope":    "the error envelope is httpapi's errorEnvelope (unexported); its details are FieldError, paired",
	"QuotaCounts": "embedded in QuotaLimits and QuotaUsage, which are paired",
}

// unpairedServerTypes are the server's JSON struct types (internal/platform and
// internal/platform/service) that no client type mirrors, and why.
var unpairedServerTypes = map[string]string{
	"platform.User":          "never answered: users appear as user_id and email of members and of service.Me",
	"platform.ProjectAccess": "internal: the API answers service.EffectiveAccess",
	// Bodies that only others exchange with the server.
	// GitHub calls the webhook (POST /v1/github/webhook), never the client.
	"service.GitHubWebhookResult": "the webhook's answer to GitHub",
	"service.gitHubPushEvent":     "GitHub's push event, as GitHub sends it to the webhook",
	"service.PlannedDeletesInput": "PlanSessionsService.Declare sends it as an anonymous struct of workspace_id and deletes ([]PlannedTarget, paired)",
}

func TestClientAnswersMatchServer(t *testing.T) {
	for _, p := range answers() {
		checkPair(t, p)
	}
}

func TestClientInputsMatchServer(t *testing.T) {
	for _, p := range inputs() {
		checkPair(t, p)
	}
}

// TestSyncCoversEveryClientType fails when a client type with json tags is neither paired
// above nor listed in unpairedClientTypes, so a new entity cannot escape the comparison.
func TestSyncCoversEveryClientType(t *testing.T) {
	paired := map[string]bool{}
	for _, p := range slices.Concat(answers(), inputs()) {
		paired[p.client.Name()] = true
	}
	found := jsonStructTypes(t, ".")
	for _, name := range found {
		if !paired[name] && unpairedClientTypes[name] == "" {
			t.Errorf("client.%s has json tags but is compared with no server type: add it to answers() or inputs() "+
				"in internal/client/sync_test.go, or to unpairedClientTypes with the reason", name)
		}
	}
	for name := range unpairedClientTypes {
		if !slices.Contains(found, name) || paired[name] {
			t.Errorf("unpairedClientTypes lists %s, which is not an unpaired client type with json tags: remove it", name)
		}
	}
}

// TestSyncCoversEveryServerType fails when a server type with json tags is mirrored by no
// client type and not listed in unpairedServerTypes: a new entity the client does not know.
func TestSyncCoversEveryServerType(t *testing.T) {
	paired := map[string]bool{}
	for _, p := range slices.Concat(answers(), inputs()) {
		paired[p.server.String()] = true
	}
	var found []string
	for pkg, dir := range map[string]string{"platform": "../platform", "service": "../platform/service"} {
		for _, name := range jsonStructTypes(t, dir) {
			found = append(found, pkg+"."+name)
		}
	}
	for _, name := range found {
		if !paired[name] && unpairedServerTypes[name] == "" {
			t.Errorf("%s has json tags but no client type mirrors it: add one in internal/client and pair it in "+
				"internal/client/sync_test.go, or list it in unpairedServerTypes with the reason", name)
		}
	}
	for name := range unpairedServerTypes {
		if !slices.Contains(found, name) || paired[name] {
			t.Errorf("unpairedServerTypes lists %s, which is not an unmirrored server type with json tags: remove it", name)
		}
	}
}

// checkPair reports every JSON field that exists on one side only (unless listed with a
// reason), every field whose JSON kind differs, and every stale exception.
func checkPair(t *testing.T, p syncPair) {
	t.Helper()
	c, s := jsonShape(p.client), jsonShape(p.server)
	cn, sn := p.client.String(), p.server.String()
	for _, f := range slices.Sorted(maps.Keys(s)) {
		ck, onClient := c[f]
		switch {
		case !onClient && p.serverOnly[f] == "":
			t.Errorf("%s vs %s: JSON field %q (%s) is only in %s: add it to %s, or list it in the pair's serverOnly "+
				"with the reason (internal/client/sync_test.go)", cn, sn, f, s[f], sn, cn)
		case onClient && ck != s[f]:
			t.Errorf("%s vs %s: JSON field %q is %s in %s but %s in %s", cn, sn, f, ck, cn, s[f], sn)
		}
	}
	for _, f := range slices.Sorted(maps.Keys(c)) {
		if _, onServer := s[f]; !onServer && p.clientOnly[f] == "" {
			t.Errorf("%s vs %s: JSON field %q (%s) is only in %s: add it to %s, or list it in the pair's clientOnly "+
				"with the reason (internal/client/sync_test.go)", cn, sn, f, c[f], cn, sn)
		}
	}
	for f := range p.serverOnly {
		if _, onClient := c[f]; onClient || s[f] == "" {
			t.Errorf("%s vs %s: serverOnly lists %q, which is not a field of %s alone: remove it", cn, sn, f, sn)
		}
	}
	for f := range p.clientOnly {
		if _, onServer := s[f]; onServer || c[f] == "" {
			t.Errorf("%s vs %s: clientOnly lists %q, which is not a field of %s alone: remove it", cn, sn, f, cn)
		}
	}
}

// jsonShape flattens the JSON form of typ into JSON path -> kind: "name", "limits.projects",
// "node_pools[].min_nodes", "settings{}".
func jsonShape(typ reflect.Type) map[string]string {
	out := map[string]string{}
	addJSONFields(out, "", typ)
	return out
}

var timeType = reflect.TypeFor[time.Time]()

func addJSONFields(out map[string]string, prefix string, typ reflect.Type) {
	typ = deref(typ)
	switch {
	case typ == timeType:
	case typ.Kind() == reflect.Struct:
		for f := range typ.Fields() {
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "-" {
				continue
			}
			if f.Anonymous && name == "" && deref(f.Type).Kind() == reflect.Struct {
				addJSONFields(out, prefix, f.Type) // promoted fields, as encoding/json does
				continue
			}
			if !f.IsExported() {
				continue
			}
			p := prefix + cmp.Or(name, f.Name)
			out[p] = jsonKind(f.Type)
			addJSONFields(out, p+".", f.Type)
		}
	case typ.Kind() == reflect.Slice || typ.Kind() == reflect.Array:
		addJSONFields(out, strings.TrimSuffix(prefix, ".")+"[].", typ.Elem())
	case typ.Kind() == reflect.Map:
		addJSONFields(out, strings.TrimSuffix(prefix, ".")+"{}.", typ.Elem())
	}
}

func deref(typ reflect.Type) reflect.Type {
	for typ.Kind() == reflect.Pointer {
		typ = typ.Elem()
	}
	return typ
}

// jsonKind is the JSON kind a Go type encodes to (pointers are the kind they point to, or null).
func jsonKind(typ reflect.Type) string {
	typ = deref(typ)
	if typ == timeType {
		return "RFC 3339 string"
	}
	switch typ.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "bool"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return "number"
	case reflect.Slice, reflect.Array:
		if typ.Elem().Kind() == reflect.Uint8 {
			return "base64 string"
		}
		return "array of " + jsonKind(typ.Elem())
	case reflect.Map:
		return "object of " + jsonKind(typ.Elem())
	case reflect.Struct:
		return "object"
	default:
		return typ.Kind().String()
	}
}

// jsonStructTypes lists the package-level struct types declared in dir (tests excluded) that
// have at least one json tag.
func jsonStructTypes(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	fset := token.NewFileSet()
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, file, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			gen, ok := decl.(*ast.GenDecl)
			if !ok || gen.Tok != token.TYPE {
				continue
			}
			for _, spec := range gen.Specs {
				ts := spec.(*ast.TypeSpec)
				if st, ok := ts.Type.(*ast.StructType); ok && hasJSONTag(st) {
					names = append(names, ts.Name.Name)
				}
			}
		}
	}
	slices.Sort(names)
	return names
}

func hasJSONTag(st *ast.StructType) bool {
	for _, f := range st.Fields.List {
		if f.Tag == nil {
			continue
		}
		tag, err := strconv.Unquote(f.Tag.Value)
		if err == nil && reflect.StructTag(tag).Get("json") != "" {
			return true
		}
	}
	return false
}
