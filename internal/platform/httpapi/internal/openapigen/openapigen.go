// Package openapigen writes the OpenAPI document of the HTTP API (internal/platform/httpapi/
// openapi.json). Paths and operation ids come from httpapi.Routes(), schemas from the Go types
// the handlers decode and encode, so the document cannot drift from the server silently:
// a route without a description here, or a description without a route, fails generation, and
// httpapi's openapi_test.go fails when the checked-in file is stale.
//
// Regenerate with: go test ./internal/platform/httpapi/internal/openapigen -update
package openapigen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/httpapi"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/service"
)

// Mirrors of the few answers httpapi assembles itself (its types are unexported).
type (
	clusterChange struct {
		platform.Cluster
		OperationID string `json:"operation_id"`
	}
	installationChange struct {
		platform.Installation
		OperationID string `json:"operation_id"`
	}
	deploymentChange struct {
		platform.Deployment
		OperationID string `json:"operation_id"`
	}
	redeploy  struct{}
	operation struct {
		ID        string    `json:"id"`
		Kind      string    `json:"kind"`
		Status    string    `json:"status"`
		Error     string    `json:"error"`
		TargetID  string    `json:"target_id"`
		CreatedAt time.Time `json:"created_at"`
		UpdatedAt time.Time `json:"updated_at"`
	}
	fieldViolation = platform.FieldViolation
	errorBody      struct {
		Code      platform.Code    `json:"code"`
		Message   string           `json:"message"`
		Details   []fieldViolation `json:"details"`
		RequestID string           `json:"request_id"`
	}
	errorEnvelope struct {
		Error errorBody `json:"error"`
	}
	stringList struct {
		Items []string `json:"items"`
	}
	health struct {
		Status string `json:"status"`
	}
)

// document is the top level, a struct so that its keys keep the conventional order.
type document struct {
	OpenAPI    string `json:"openapi"`
	Info       object `json:"info"`
	Servers    []any  `json:"servers"`
	Security   []any  `json:"security"`
	Tags       []any  `json:"tags"`
	Paths      object `json:"paths"`
	Components object `json:"components"`
}

// op describes one route; the route table supplies method, path and operation id.
type op struct {
	tag     string
	summary string
	in      string // request body component ("" when none)
	// inOptional: the body may be omitted (an empty body is the zero input).
	inOptional bool
	out        string // answer component; "" is 204 No Content
	list       bool   // out is an item component, answered in a page
	status     int    // success status (default 200; 201 for creates)
	async      bool   // may answer 202 with an operation_id
	force      bool   // ?force=true
	public     bool   // no credentials
	noLocation bool   // a create without a URL of its own (no Location header)
	// query names the parameter components (parameters()) of the route's own query.
	query []string
	// webhook: a delivery authenticated by its signature (GitHub's headers), not a bearer
	// credential; no dry run, no Idempotency-Key.
	webhook bool
	desc    string
}

// ops describes every route by name (httpapi.Route.Name).
var ops = map[string]op{
	"getMe":                  {tag: "me", summary: "Who the caller is", out: "Me"},
	"listTokens":             {tag: "me", summary: "List the caller's user tokens", out: "UserToken", list: true},
	"createToken":            {tag: "me", summary: "Create a user token", in: "TokenCreate", out: "CreatedToken", status: 201, desc: "The secret is in this answer only."},
	"getToken":               {tag: "me", summary: "Get one of the caller's user tokens (never its secret)", out: "UserToken"},
	"deleteToken":            {tag: "me", summary: "Revoke one of the caller's user tokens"},
	"listKubernetesVersions": {tag: "clusters", summary: "Supported Kubernetes versions, oldest first", out: "KubernetesVersionList"},
	"adminCreateUserToken": {tag: "admin", summary: "Mint a user token for any e-mail (platform administrator only)", in: "AdminTokenCreate", inOptional: true,
		out: "CreatedToken", status: 201, noLocation: true, desc: "Creates the user if needed. Only the bootstrap user (platform administrator) may call it. The secret is in this answer only."},

	"createOrganization":       {tag: "organizations", summary: "Create an organization", in: "OrganizationCreate", out: "Organization", status: 201, desc: "The caller becomes its owner."},
	"listOrganizations":        {tag: "organizations", summary: "List the caller's organizations", out: "Organization", list: true},
	"getOrganization":          {tag: "organizations", summary: "Get an organization", out: "Organization"},
	"updateOrganization":       {tag: "organizations", summary: "Update an organization", in: "OrganizationUpdate", out: "Organization"},
	"deleteOrganization":       {tag: "organizations", summary: "Delete an organization", desc: "Refused (409 failed_precondition) while it manages workspaces."},
	"listOrganizationMembers":  {tag: "organizations", summary: "List an organization's members", out: "OrganizationMember", list: true},
	"addOrganizationMember":    {tag: "organizations", summary: "Add a member to an organization", in: "OrganizationMemberCreate", out: "OrganizationMember", status: 201},
	"getOrganizationMember":    {tag: "organizations", summary: "Get an organization member", out: "OrganizationMember"},
	"updateOrganizationMember": {tag: "organizations", summary: "Change an organization member's role", in: "OrganizationMemberUpdate", out: "OrganizationMember"},
	"removeOrganizationMember": {tag: "organizations", summary: "Remove an organization member", desc: "The last owner cannot be removed (409 failed_precondition)."},

	"createWorkspace": {tag: "workspaces", summary: "Create a workspace", in: "WorkspaceCreate", out: "Workspace", status: 201, desc: "Needs a user token; the caller becomes its owner."},
	"listWorkspaces":  {tag: "workspaces", summary: "List the workspaces the caller can see", out: "Workspace", list: true},
	"getWorkspace":    {tag: "workspaces", summary: "Get a workspace", out: "Workspace", desc: "Answers in every access state."},
	"updateWorkspace": {tag: "workspaces", summary: "Update a workspace", in: "WorkspaceUpdate", out: "Workspace",
		desc: "Changing plan needs billing.manage; setting, changing or clearing managing_organization_id needs workspace owner (and owner on the organization set). " +
			"A patch of plan alone is a billing call (PATCH .../subscription {plan}), answered in every access state; any other is refused unless the workspace is full."},
	"deleteWorkspace": {tag: "workspaces", summary: "Delete a workspace", force: true,
		desc: "Refused (409 failed_precondition) while it holds projects, clusters, regions, API keys, custom roles, products, installations, secrets or GitHub App installations, unless force=true: " +
			"the message counts them by kind, and each is named in details as \"<kind>/<id>\" (kind projects, clusters, regions, api_keys, custom_roles, products, installations, secrets or github_installations). " +
			"force=true is refused too while another workspace has one of its products installed. " +
			"A dry run in a plan session does not count what the session plans to delete."},
	"transferOwnership": {tag: "workspaces", summary: "Make another member the owner", in: "TransferOwnership", out: "WorkspaceMember", desc: "Answers the new owner's membership."},
	"getUsage":          {tag: "workspaces", summary: "Plan limits and current usage", out: "WorkspaceUsage"},
	"listAuditEvents":   {tag: "workspaces", summary: "List the workspace's audit events", out: "AuditEvent", list: true},

	"getSubscription": {tag: "billing", summary: "Get the workspace's subscription", out: "Subscription",
		desc: "Needs workspace.read; answers in every access state."},
	"updateSubscription": {tag: "billing", summary: "Change the plan or cancel_at_period_end", in: "SubscriptionUpdate", out: "Subscription",
		desc: "Needs billing.manage; answers in every access state. A plan change follows the plan rules exactly as PATCH /v1/workspaces/{ws} plan " +
			"(409 quota_exceeded listing every violation). If-Match is the subscription's version."},
	"getAccessState": {tag: "billing", summary: "The workspace's access state, derived from its subscription", out: "AccessState",
		desc: "Needs workspace.read; answers in every access state."},
	"createBillingPortalSession": {tag: "billing", summary: "Open a billing portal session", in: "BillingPortalSessionCreate",
		out: "BillingPortalSession", status: 201, noLocation: true,
		desc: "Needs billing.manage; answers in every access state. The URL works for one hour and is in this answer only " +
			"(never stored; a dry run answers it empty)."},
	"setSubscriptionStatus": {tag: "admin", summary: "Set a workspace's subscription status (platform administrator only)",
		in: "SubscriptionStatus", out: "Subscription",
		desc: "Simulates the payment processor: the status decides the workspace's access state. Anyone else gets 403."},

	"listMembers":  {tag: "members", summary: "List workspace members", out: "WorkspaceMember", list: true},
	"inviteMember": {tag: "members", summary: "Invite a user to the workspace", in: "WorkspaceMemberCreate", out: "WorkspaceMember", status: 201},
	"getMember":    {tag: "members", summary: "Get a workspace member", out: "WorkspaceMember"},
	"updateMember": {tag: "members", summary: "Change a workspace member's role", in: "WorkspaceMemberUpdate", out: "WorkspaceMember"},
	"removeMember": {tag: "members", summary: "Remove a workspace member", desc: "Also removes the member's project overrides. The last owner cannot be removed."},
	"listManagingOrganizationMembers": {tag: "members", summary: "List who administers the workspace through its managing organization",
		out: "OrganizationMember", list: true,
		desc: "The members of the managing organization: each is an implicit workspace admin (unless they hold a higher explicit membership), " +
			"though not a listed member and not counted in the members quota. Needs members.read. Empty without a managing organization."},

	"listProjects":        {tag: "projects", summary: "List projects", out: "Project", list: true},
	"createProject":       {tag: "projects", summary: "Create a project", in: "ProjectCreate", out: "Project", status: 201},
	"getProject":          {tag: "projects", summary: "Get a project", out: "Project"},
	"updateProject":       {tag: "projects", summary: "Update a project", in: "ProjectUpdate", out: "Project"},
	"deleteProject":       {tag: "projects", summary: "Delete a project", desc: "Its clusters are kept, detached (project_id becomes empty)."},
	"listProjectMembers":  {tag: "projects", summary: "List project members (role overrides)", out: "ProjectMember", list: true},
	"addProjectMember":    {tag: "projects", summary: "Give a workspace member a project role", in: "ProjectMemberCreate", out: "ProjectMember", status: 201},
	"getProjectMember":    {tag: "projects", summary: "Get a project member", out: "ProjectMember"},
	"updateProjectMember": {tag: "projects", summary: "Change a project member's role", in: "ProjectMemberUpdate", out: "ProjectMember"},
	"removeProjectMember": {tag: "projects", summary: "Remove a project role override"},
	"getProjectAccess":    {tag: "projects", summary: "A member's effective role on a project, and why", out: "EffectiveAccess"},

	"listRoles":  {tag: "roles", summary: "List custom roles", out: "Role", list: true},
	"createRole": {tag: "roles", summary: "Create a custom role", in: "RoleCreate", out: "Role", status: 201, desc: "Enterprise plan only."},
	"getRole":    {tag: "roles", summary: "Get a custom role", out: "Role"},
	"updateRole": {tag: "roles", summary: "Update a custom role", in: "RoleUpdate", out: "Role"},
	"deleteRole": {tag: "roles", summary: "Delete a custom role", desc: "Refused (409 failed_precondition) while it is assigned."},

	"listAPIKeys":  {tag: "api-keys", summary: "List API keys", out: "APIKey", list: true},
	"createAPIKey": {tag: "api-keys", summary: "Create an API key", in: "APIKeyCreate", out: "CreatedAPIKey", status: 201, desc: "The secret is in this answer only."},
	"getAPIKey":    {tag: "api-keys", summary: "Get an API key", out: "APIKey"},
	"updateAPIKey": {tag: "api-keys", summary: "Rename an API key", in: "APIKeyUpdate", out: "APIKey"},
	"deleteAPIKey": {tag: "api-keys", summary: "Delete an API key"},
	"rotateAPIKey": {tag: "api-keys", summary: "Issue a new secret for an API key", in: "APIKeyRotate", inOptional: true, out: "CreatedAPIKey",
		desc: "The new secret is in this answer only; the old one keeps working for grace_period_seconds."},

	"listRegions":  {tag: "regions", summary: "List regions", out: "Region", list: true},
	"createRegion": {tag: "regions", summary: "Create a region", in: "RegionCreate", out: "Region", status: 201},
	"getRegion":    {tag: "regions", summary: "Get a region", out: "Region"},
	"updateRegion": {tag: "regions", summary: "Update a region", in: "RegionUpdate", out: "Region"},
	"deleteRegion": {tag: "regions", summary: "Delete a region", desc: "Refused (409 failed_precondition) while clusters use it."},

	"listClusters": {tag: "clusters", summary: "List clusters", out: "Cluster", list: true},
	"createCluster": {tag: "clusters", summary: "Create a cluster", in: "ClusterCreate", out: "ClusterChange", status: 202, async: true,
		desc: "Answers 202 with the cluster in provisioning and the operation_id that makes it running."},
	"getCluster": {tag: "clusters", summary: "Get a cluster", out: "Cluster"},
	"updateCluster": {tag: "clusters", summary: "Update a cluster", in: "ClusterUpdate", out: "ClusterChange", async: true,
		desc: "Name, region and project change at once (200). A new Kubernetes version or node pools answer 202: the cluster is updating until the operation finishes. cloud and location cannot change."},
	"deleteCluster": {tag: "clusters", summary: "Delete a cluster", out: "ClusterChange", status: 202, async: true,
		desc: "Answers 202 with the cluster in deleting; it is gone (404) when the operation succeeds."},

	"listProducts": {tag: "products", summary: "List the workspace's products", out: "Product", list: true, desc: "Private and listed. Needs products.read."},
	"createProduct": {tag: "products", summary: "Publish a product", in: "ProductCreate", out: "Product", status: 201,
		desc: "Needs products.manage. A listed product with a price needs a plan allowing paid listed products (409 quota_exceeded) " +
			"and the workspace's Stripe account with charges enabled (409 failed_precondition)."},
	"getProduct": {tag: "products", summary: "Get a product", out: "Product"},
	"updateProduct": {tag: "products", summary: "Update a product", in: "ProductUpdate", out: "Product",
		desc: "Absent fields stay (also inside price). Making the product paid listed is checked as on create."},
	"deleteProduct": {tag: "products", summary: "Delete a product with its releases",
		desc: "Refused (409 failed_precondition, with the count) while installations in any workspace use it."},
	"listReleases":  {tag: "products", summary: "List a product's releases", out: "Release", list: true, desc: "In creation order, yanked ones included."},
	"createRelease": {tag: "products", summary: "Publish a release of a product", in: "ReleaseCreate", out: "Release", status: 201},
	"getRelease":    {tag: "products", summary: "Get a release", out: "Release"},
	"updateRelease": {tag: "products", summary: "Change a release's notes, or yank it", in: "ReleaseUpdate", out: "Release",
		desc: "Only notes and yanked change; another tag or chart is 400 on the field."},
	"deleteRelease": {tag: "products", summary: "Delete a release",
		desc: "Refused (409 failed_precondition, with the count) while installations in any workspace use it (as their source or what they run)."},
	"listMarketplaceProducts": {tag: "marketplace", summary: "List the listed products of every workspace", out: "MarketplaceProduct", list: true,
		desc: "Any authenticated caller (user or API key). Each with its non-yanked releases, highest semantic version first; nothing about the vendor."},
	"getMarketplaceProduct": {tag: "marketplace", summary: "Get a listed product", out: "MarketplaceProduct",
		desc: "Any authenticated caller. A private product is not found (404)."},
	"listInstallations": {tag: "installations", summary: "List installations", out: "Installation", list: true},
	"createInstallation": {tag: "installations", summary: "Install a product release or a chart on a cluster", in: "InstallationCreate",
		out: "InstallationChange", status: 202, async: true,
		desc: "Answers 202 with the installation installing and the operation_id that makes it installed. The cluster must be running (409); " +
			"source is {product_id, tag} of a non-yanked release (409 when yanked) of a product of this workspace or a listed product of another, " +
			"or {chart}. A missing cluster, product, release or secret is 400 on its field. A paid listed product also needs billing.manage."},
	"getInstallation": {tag: "installations", summary: "Get an installation", out: "Installation"},
	"updateInstallation": {tag: "installations", summary: "Update an installation", in: "InstallationUpdate", out: "InstallationChange", async: true,
		desc: "A new name changes at once (200). A new source.tag (up or down), source.chart, values or secrets answer 202: the installation is upgrading " +
			"until the operation finishes; it must be installed or failed (409 otherwise). cluster_id, namespace, source.product_id and the kind of source cannot change (400)."},
	"deleteInstallation": {tag: "installations", summary: "Uninstall an installation", out: "InstallationChange", status: 202, async: true,
		desc: "Answers 202 with the installation uninstalling; it is gone (404) when the operation succeeds. Unfinished changes of it are cancelled."},
	"listInstallationPackages": {tag: "installations", summary: "What the installation's package repository holds", out: "InstallationPackages",
		desc: "The product's non-yanked releases, highest semantic version first; a direct install holds its chart, with an empty tag."},
	"listDeployments": {tag: "deployments", summary: "List a project's deployments", out: "Deployment", list: true},
	"createDeployment": {tag: "deployments", summary: "Create a deployment", in: "DeploymentCreate", out: "DeploymentChange", status: 202, async: true,
		desc: "Needs deployments.write on the project. Answers 202 with the deployment deploying (revision 1) and the operation_id that makes it running " +
			"(stopped with 0 replicas, failed when the image cannot be pulled)."},
	"getDeployment": {tag: "deployments", summary: "Get a deployment", out: "Deployment"},
	"updateDeployment": {tag: "deployments", summary: "Update a deployment", in: "DeploymentUpdate", out: "DeploymentChange", async: true,
		desc: "A new name alone answers 200. A change of image, replicas, env, secrets or source makes a new revision (202 with operation_id); " +
			"an unfinished older revision ends failed (superseded). cluster_id cannot change. An empty source removes it."},
	"deleteDeployment": {tag: "deployments", summary: "Delete a deployment", out: "DeploymentChange", status: 202, async: true,
		desc: "Answers 202 with the deployment deleting; it and its logs are gone (404) when the operation succeeds."},
	"redeployDeployment": {tag: "deployments", summary: "Redeploy a deployment", in: "Redeploy", inOptional: true, out: "DeploymentChange",
		status: 202, async: true, noLocation: true, desc: "A new revision with no change (to pick up new secret values): 202 with operation_id."},
	"getDeploymentLogs": {tag: "deployments", summary: "Read a deployment's log", out: "DeploymentLogs", query: []string{"Since", "Limit"},
		desc: "Needs logs.read on the project. Lifecycle lines the server writes (revision, image, replicas, secret names, commit; never a secret's value), oldest first."},
	"githubWebhook": {tag: "github", summary: "Receive GitHub's push events", in: "GitHubPushEvent", out: "GitHubWebhookResult", status: 202,
		public: true, webhook: true, noLocation: true,
		desc: "Authenticated by X-Hub-Signature-256 (HMAC-SHA256 of the body with the server's webhook secret), checked before anything else: " +
			"401 and nothing changes without a valid signature or when the server has no secret. Every deployment whose source is the event's " +
			"installation (active), repository and branch gets a new revision with commit_sha the event's after. Other events, and a " +
			"delivery id seen in the last 7 days, answer 202 with nothing done."},
	// Secrets and GitHub App installations (docs/platform.md section 11).
	"listSecrets": {tag: "secrets", summary: "List secrets (never their values)", out: "Secret", list: true},
	"createSecret": {tag: "secrets", summary: "Create a secret", in: "SecretCreate", out: "Secret", status: 201,
		desc: "The value is sealed at once (AES-256-GCM under a key outside the database) and never answered: answers hold value_version and value_updated_at."},
	"getSecret": {tag: "secrets", summary: "Get a secret (never its value)", out: "Secret"},
	"updateSecret": {tag: "secrets", summary: "Update a secret", in: "SecretUpdate", out: "Secret",
		desc: "A new value makes value_version + 1; the current value again changes nothing. name cannot change (400)."},
	"deleteSecret": {tag: "secrets", summary: "Delete a secret",
		desc: "Refused (409 failed_precondition) while installations or deployments use it; the message names them."},
	"listGitHubInstallations": {tag: "github", summary: "List GitHub App installations", out: "GitHubInstallation", list: true},
	"createGitHubInstallation": {tag: "github", summary: "Connect a GitHub App installation", in: "GitHubInstallationCreate",
		out: "GitHubInstallation", status: 201,
		desc: "One GitHub installation is connected to at most one workspace (409 already_exists). Needs integrations.manage."},
	"getGitHubInstallation": {tag: "github", summary: "Get a GitHub App installation", out: "GitHubInstallation"},
	"updateGitHubInstallation": {tag: "github", summary: "Update a GitHub App installation", in: "GitHubInstallationUpdate",
		out: "GitHubInstallation", desc: "installation_id cannot change (400)."},
	"deleteGitHubInstallation": {tag: "github", summary: "Disconnect a GitHub App installation",
		desc: "Refused (409 failed_precondition) while deployments use it; the message names them."},
	"suspendGitHubInstallation": {tag: "admin", summary: "Suspend a GitHub App installation (platform administrator only)",
		out: "GitHubInstallation", desc: "Simulates GitHub suspending the installation: status becomes suspended. Anyone else gets 403."},
	"unsuspendGitHubInstallation": {tag: "admin", summary: "Restore a suspended GitHub App installation (platform administrator only)",
		out: "GitHubInstallation", desc: "Simulates GitHub restoring the installation: status becomes active. Anyone else gets 403."},

	"getOperation": {tag: "clusters", summary: "Get an asynchronous operation", out: "Operation"},
	"getPlanSession": {tag: "plan-sessions", summary: "What the caller's plan session plans to delete and create", out: "PlanSession",
		desc: "Every dry-run DELETE sent with Platform-Plan-Session is recorded in that session (whether or not it would succeed), " +
			"and every dry-run create that would succeed, and kept for 24 h; sessions belong to the user or API key that made them. An unknown session is empty."},
	"dryRuns": {tag: "plan-sessions", summary: "Several dry runs of a plan in one request", in: "DryRunBatch", out: "DryRunResults",
		desc: "Each call (POST, PATCH or DELETE of a path under /v1/, with its query; not /v1/plan-sessions/) is served exactly as the same " +
			"request sent alone with validate_only=true, this session's Platform-Plan-Session header, the batch's credentials and the call's " +
			"If-Match, in the order given; each result holds the status and body that request would have had. 1-100 calls. The batch counts " +
			"as one request against the rate limit; its calls are not counted again."},
	"declarePlannedDeletes": {tag: "plan-sessions", summary: "Declare deletes a plan makes without dry-running each", in: "PlannedDeletes", out: "PlanSession",
		desc: "Records deletes of objects of one workspace (which the caller must be able to read) in the caller's plan session, as a dry-run DELETE of each would. " +
			"A declaration only changes how that session's own dry runs are judged, never a real call. 1-1000 deletes; kinds as in PlannedDelete, but not workspace."},
	"getOpenAPI": {tag: "meta", summary: "This OpenAPI document", out: "OpenAPIDocument", public: true},
	"healthz":    {tag: "meta", summary: "Liveness check", out: "Health", public: true},
}

// pathParams describe every path parameter by name.
var pathParams = map[string]string{
	"id":      "Token id (tok_...).",
	"email":   "E-mail of the user (case-insensitive).",
	"org":     "Organization id (org_...) or slug.",
	"ws":      "Workspace id (ws_...) or slug.",
	"prj":     "Project id (prj_...) or slug.",
	"member":  "User id (usr_...) or e-mail of the member.",
	"role":    "Custom role id (role_...) or name.",
	"key":     "API key id (key_...).",
	"region":  "Region id (reg_...) or name.",
	"cluster": "Cluster id (cls_...) or name.",
	"inst":    "Installation id (inst_...) or name.",
	"dep":     "Deployment id (dep_...) or name.",
	"op":      "Operation id (op_...).",
	"prod":    "Product id (prod_...) or slug.",
	"tag":     "Release id (rel_...) or tag (a semantic version such as 1.4.0).",
	"prod_id": "Product id (prod_...) of a listed product.",
	"session": "Plan session id, as sent in Platform-Plan-Session.",
	"secret":  "Secret id (sec_...) or name.",
	"ghi":     "GitHub App installation id (ghi_...) or, in a workspace's path, GitHub's numeric installation id.",
}

// Document returns the OpenAPI document, indented, with a final newline.
func Document() ([]byte, error) {
	s := &schemas{names: map[reflect.Type]string{}, components: object{}, enums: enums(), fields: fieldDetails()}
	registerSchemas(s)

	paths := object{}
	seen := map[string]bool{}
	for _, rt := range httpapi.Routes() {
		o, ok := ops[rt.Name]
		if !ok {
			return nil, fmt.Errorf("openapigen: route %s %s (%s) is not described", rt.Method, rt.Pattern, rt.Name)
		}
		seen[rt.Name] = true
		path := openAPIPath(rt.Pattern)
		item, _ := paths[path].(object)
		if item == nil {
			item = object{}
			paths[path] = item
		}
		operation, err := buildOperation(s, rt, o)
		if err != nil {
			return nil, err
		}
		item[strings.ToLower(rt.Method)] = operation
	}
	for name := range ops {
		if !seen[name] {
			return nil, fmt.Errorf("openapigen: %s is described but not a route", name)
		}
	}

	doc := document{
		OpenAPI: "3.0.3",
		Info: object{
			"title":   "Platform API",
			"version": "1.0.0",
			"description": "The platform's control-plane API: organizations, workspaces, members, projects, custom roles, " +
				"API keys, regions and Kubernetes clusters; products, releases and the marketplace, installations, deployments, " +
				"secrets and GitHub App installations. JSON bodies; unknown fields are refused (400). " +
				"Every response carries X-Request-Id. Every POST, PATCH and DELETE accepts validate_only=true (a dry run " +
				"answering 200 with the object as it would be, ids empty, or the error the real call would get). " +
				"Resource answers carry ETag: \"<version>\"; PATCH and DELETE honour If-Match (412 aborted on mismatch). " +
				"POST honours Idempotency-Key. Lists are ordered by creation and paginated with page_size and page_token.",
		},
		Servers:  []any{object{"url": "http://127.0.0.1:8080", "description": "platform-server default address"}},
		Security: []any{object{"bearerAuth": []any{}}},
		Tags:     tags(),
		Paths:    paths,
		Components: object{
			"schemas":    s.components,
			"parameters": parameters(),
			"headers":    headers(),
			"responses":  errorResponses(),
			"securitySchemes": object{"bearerAuth": object{
				"type": "http", "scheme": "bearer",
				"description": "A user token (pt_...; the bootstrap token may be any string the operator chose) or an API key (pk_...).",
			}},
		},
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false) // "<version>" reads better than "\u003cversion\u003e"
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil { // Encode ends with the final newline
		return nil, err
	}
	return out.Bytes(), nil
}

var wildcard = regexp.MustCompile(`\{([^}.$]+)(\.\.\.)?\}`)

// openAPIPath turns a ServeMux pattern into an OpenAPI path: {name...} becomes {name} and a
// trailing {$} (exact match) disappears.
func openAPIPath(pattern string) string {
	if _, p, ok := strings.Cut(pattern, " "); ok { // a pattern with its method
		pattern = p
	}
	pattern = strings.TrimSuffix(pattern, "{$}")
	return wildcard.ReplaceAllString(pattern, "{$1}")
}

func buildOperation(s *schemas, rt httpapi.Route, o op) (object, error) {
	method := rt.Method
	operation := object{
		"operationId": rt.Name,
		"summary":     o.summary,
		"tags":        []any{o.tag},
	}
	if o.desc != "" {
		operation["description"] = o.desc
	}
	var params []any
	for _, m := range wildcard.FindAllStringSubmatch(rt.Pattern, -1) {
		desc, ok := pathParams[m[1]]
		if !ok {
			return nil, fmt.Errorf("openapigen: path parameter %q of %s is not described", m[1], rt.Pattern)
		}
		params = append(params, object{"name": m[1], "in": "path", "required": true, "description": desc, "schema": object{"type": "string"}})
	}
	paramRef := func(name string) { params = append(params, object{"$ref": "#/components/parameters/" + name}) }
	if o.list {
		paramRef("PageSize")
		paramRef("PageToken")
	}
	for _, q := range o.query {
		paramRef(q)
	}
	if o.webhook {
		for _, h := range []string{"GitHubEvent", "GitHubDelivery", "HubSignature256"} {
			paramRef(h)
		}
	}
	mutates := !o.webhook && (method == http.MethodPost || method == http.MethodPatch || method == http.MethodDelete)
	if mutates {
		paramRef("ValidateOnly")
		paramRef("PlanSession")
	}
	if method == http.MethodPatch || method == http.MethodDelete {
		paramRef("IfMatch")
	}
	if method == http.MethodPost && !o.webhook {
		paramRef("IdempotencyKey")
	}
	if o.force {
		paramRef("Force")
	}
	if len(params) > 0 {
		operation["parameters"] = params
	}
	if o.public {
		operation["security"] = []any{}
	}
	if o.in != "" {
		if _, ok := s.components[o.in]; !ok {
			return nil, fmt.Errorf("openapigen: %s: no schema %s", rt.Name, o.in)
		}
		operation["requestBody"] = object{
			"required": !o.inOptional,
			"content":  object{"application/json": object{"schema": ref(o.in)}},
		}
	}

	responses := object{}
	status := o.status
	if status == 0 {
		status = http.StatusOK
	}
	if o.out == "" {
		status = http.StatusNoContent
	}
	success := object{"description": http.StatusText(status), "headers": successHeaders(method, status, o)}
	if o.out != "" {
		if _, ok := s.components[o.out]; !ok {
			return nil, fmt.Errorf("openapigen: %s: no schema %s", rt.Name, o.out)
		}
		body := ref(o.out)
		if o.list {
			body = ref(o.out + "List")
		}
		success["content"] = object{"application/json": object{"schema": body}}
	}
	responses[strconv.Itoa(status)] = success
	if o.async && status != http.StatusAccepted {
		responses["202"] = object{
			"description": "Accepted: an operation (operation_id) finishes the change.",
			"headers":     successHeaders(method, http.StatusAccepted, o),
			"content":     object{"application/json": object{"schema": ref(o.out)}},
		}
	}
	if mutates && status != http.StatusOK {
		dry := object{"description": "Dry run (validate_only=true): nothing was changed. The object as it would be, with ids, secrets and operation_id empty; {} for a delete.",
			"headers": commonHeaders()}
		schema := object{"type": "object"}
		if o.out != "" {
			schema = ref(o.out)
		}
		dry["content"] = object{"application/json": object{"schema": schema}}
		responses["200"] = dry
	}
	for _, code := range errorCodes(method, o) {
		responses[code] = object{"$ref": "#/components/responses/" + errorResponseName[code]}
	}
	operation["responses"] = responses
	return operation, nil
}

// versioned are the answers that carry a version, hence an ETag.
var versioned = map[string]bool{
	"Organization": true, "OrganizationMember": true, "Workspace": true, "WorkspaceMember": true, "Project": true,
	"ProjectMember": true, "Role": true, "APIKey": true, "CreatedAPIKey": true, "CreatedToken": true, "Region": true,
	"Cluster": true, "ClusterChange": true, "Operation": true,
	"Product": true, "Release": true, "MarketplaceProduct": true,
	"Installation": true, "InstallationChange": true,
	"Deployment": true, "DeploymentChange": true,
	"Secret": true, "GitHubInstallation": true, "Subscription": true,
}

func successHeaders(method string, status int, o op) object {
	h := commonHeaders()
	if versioned[o.out] && !o.list {
		h["ETag"] = headerRef("ETag")
	}
	if method == http.MethodPost && (status == http.StatusCreated || status == http.StatusAccepted) && !o.noLocation {
		h["Location"] = headerRef("Location")
	}
	if method == http.MethodPost && !o.webhook {
		h["Idempotent-Replayed"] = headerRef("Idempotent-Replayed")
	}
	return h
}

// rateLimitHeaders are on every answer of a rate-limited request (all but GET /healthz).
var rateLimitHeaders = []string{"RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "RateLimit-Policy"}

// commonHeaders are the headers of every answer.
func commonHeaders() object {
	h := object{"X-Request-Id": headerRef("X-Request-Id")}
	for _, name := range rateLimitHeaders {
		h[name] = headerRef(name)
	}
	return h
}

func headerRef(name string) object { return object{"$ref": "#/components/headers/" + name} }

func errorCodes(method string, o op) []string {
	if o.webhook {
		return []string{"400", "401", "429", "500"}
	}
	if o.public {
		return []string{"429", "500"}
	}
	codes := []string{"401", "403", "404", "429", "500"}
	if o.list || o.in != "" || method != http.MethodGet {
		codes = append(codes, "400")
	}
	if method != http.MethodGet {
		codes = append(codes, "409")
	}
	if method == http.MethodPatch || method == http.MethodDelete {
		codes = append(codes, "412")
	}
	if method == http.MethodPost {
		codes = append(codes, "422")
	}
	slices.Sort(codes)
	return codes
}

var errorResponseName = map[string]string{
	"400": "BadRequest", "401": "Unauthenticated", "403": "PermissionDenied", "404": "NotFound",
	"409": "Conflict", "412": "PreconditionFailed", "422": "IdempotencyMismatch", "429": "RateLimited", "500": "Internal",
}

func errorResponses() object {
	desc := map[string]string{
		"400": "invalid_argument: every bad field (JSON field, query parameter or header) is listed in details.",
		"401": "unauthenticated: missing, malformed, unknown or expired credentials.",
		"403": "permission_denied: the message names the missing permission.",
		"404": "not_found: the object does not exist or the caller cannot see it.",
		"409": "already_exists, failed_precondition or quota_exceeded (the message names the plan, limit and usage); also a repeated Idempotency-Key while the first request is still running.",
		"412": "aborted: If-Match names another version than the current one; read the object again.",
		"422": "idempotency_mismatch: the Idempotency-Key was used with another request body.",
		"429": "rate_limited: wait Retry-After seconds.",
		"500": "internal: an unexpected failure; the message never carries details (quote request_id).",
	}
	out := object{}
	for code, name := range errorResponseName {
		h := commonHeaders()
		switch code {
		case "401":
			h["WWW-Authenticate"] = object{"description": `Bearer realm="platform"`, "schema": object{"type": "string"}}
		case "429":
			h["Retry-After"] = headerRef("Retry-After")
		}
		out[name] = object{
			"description": desc[code],
			"headers":     h,
			"content":     object{"application/json": object{"schema": ref("Error")}},
		}
	}
	return out
}

func parameters() object {
	boolean := object{"type": "boolean", "default": false}
	return object{
		"PageSize": object{"name": "page_size", "in": "query", "description": "Items per page.",
			"schema": object{"type": "integer", "minimum": 1, "maximum": service.MaxPageSize, "default": service.DefaultPageSize}},
		"PageToken": object{"name": "page_token", "in": "query", "description": "next_page_token of the previous page; bound to the list and the caller.",
			"schema": object{"type": "string"}},
		"ValidateOnly": object{"name": "validate_only", "in": "query", "schema": boolean,
			"description": "Dry run: run validation, authorization, quotas and every rule, then change nothing and answer 200."},
		"PlanSession": object{"name": "Platform-Plan-Session", "in": "header",
			"schema": object{"type": "string", "pattern": "^[A-Za-z0-9_-]{8,128}$"},
			"description": "With validate_only=true only: the plan session this dry run belongs to. A dry-run DELETE is recorded in it; " +
				"a dry-run workspace DELETE does not count the objects the session plans to delete, and a dry-run removal of the " +
				"last owner passes when the session plans to delete the workspace. A dry-run create that would succeed is recorded too: " +
				"later dry-run creates of the session count the session's creates against the workspace's quotas (the refusal names " +
				"the total the plan would reach) and are refused with 409 when they claim a unique name (slug, name, e-mail, tag) " +
				"that the session already creates. Ignored on real calls."},
		"Force": object{"name": "force", "in": "query", "schema": boolean,
			"description": "Also delete everything the workspace holds (projects, clusters, regions, API keys, custom roles)."},
		"IfMatch": object{"name": "If-Match", "in": "header", "schema": object{"type": "string"}, "example": `"3"`,
			"description": `Only change the object if its version is this one (the ETag, "<version>"); 412 aborted otherwise. * matches any version.`},
		"Since": object{"name": "since", "in": "query", "description": "Only lines at or after this time (RFC 3339).",
			"schema": object{"type": "string", "format": "date-time"}},
		"Limit": object{"name": "limit", "in": "query", "description": "At most this many lines.",
			"schema": object{"type": "integer", "minimum": 1, "maximum": platform.MaxLogLines, "default": service.DefaultLogLines}},
		"GitHubEvent": object{"name": "X-GitHub-Event", "in": "header", "required": true, "schema": object{"type": "string"},
			"description": "The event's type; only push does anything."},
		"GitHubDelivery": object{"name": "X-GitHub-Delivery", "in": "header", "required": true,
			"schema":      object{"type": "string", "maxLength": 255},
			"description": "GitHub's delivery id; a redelivery (same id within 7 days) does nothing again."},
		"HubSignature256": object{"name": "X-Hub-Signature-256", "in": "header", "required": true, "schema": object{"type": "string"},
			"description": "sha256= and the hex HMAC-SHA256 of the raw body with the server's webhook secret."},
		"IdempotencyKey": object{"name": "Idempotency-Key", "in": "header",
			"schema":      object{"type": "string", "minLength": 1, "maxLength": 255},
			"description": "Makes the POST safe to retry: a repeat with the same body replays the first answer (Idempotent-Replayed: true) for at least 24 h; another body is 422; a repeat while the first is running is 409. Scoped to the caller."},
	}
}

func headers() object {
	str := object{"type": "string"}
	return object{
		"X-Request-Id":        object{"description": "Id of this request, also in the logs and in error bodies.", "schema": str},
		"ETag":                object{"description": `The object's version, "<version>"; send it in If-Match.`, "schema": str},
		"Location":            object{"description": "URL of the created object.", "schema": str},
		"Idempotent-Replayed": object{"description": "true when this answer replays an earlier request with the same Idempotency-Key.", "schema": str},
		"Retry-After":         object{"description": "Seconds to wait before trying again.", "schema": object{"type": "integer"}},
		// The rate-limit trio and policy of draft-ietf-httpapi-ratelimit-headers-06; absent when
		// the server runs without a limit.
		"RateLimit-Limit": object{"description": "Size of the caller's token bucket: the most requests it can send at once. Absent when the server has no rate limit.",
			"schema": object{"type": "integer"}},
		"RateLimit-Remaining": object{"description": "Whole requests the caller can still send now, after this one.", "schema": object{"type": "integer"}},
		"RateLimit-Reset":     object{"description": "Whole seconds until the caller's bucket is full again.", "schema": object{"type": "integer"}},
		"RateLimit-Policy": object{"description": "<quota>;w=<seconds>: the bucket refills at quota / w requests per second. The quota is the bucket size and w the seconds an empty bucket takes to fill when that is whole seconds.",
			"schema": str, "example": "100;w=2"},
	}
}

func tags() []any {
	var out []any
	for _, t := range []struct{ name, desc string }{
		{"me", "The caller and its user tokens"},
		{"admin", "Platform administration"},
		{"organizations", "Organizations and their members"},
		{"workspaces", "Workspaces, usage and audit events"},
		{"billing", "The workspace's subscription, access state and billing portal"},
		{"members", "Workspace members"},
		{"projects", "Projects, project members and effective access"},
		{"roles", "Custom roles (enterprise plan)"},
		{"api-keys", "Workspace API keys"},
		{"regions", "Regions"},
		{"clusters", "Kubernetes clusters and their operations"},
		{"products", "Products a workspace publishes and their releases"},
		{"marketplace", "Listed products of every workspace"},
		{"installations", "Product releases and charts installed on clusters"},
		{"deployments", "A project's applications: revisions, operations and logs"},
		{"secrets", "Secrets: write-only values for installations and deployments"},
		{"github", "GitHub App installations and GitHub's webhook"},
		{"plan-sessions", "What the dry runs of one plan intend (Platform-Plan-Session)"},
		{"meta", "Health and this document"},
	} {
		out = append(out, object{"name": t.name, "description": t.desc})
	}
	return out
}

// names lists enum values as strings.
func names[T ~string](values ...T) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = string(v)
	}
	return out
}

func enums() map[reflect.Type][]string {
	return map[reflect.Type][]string{
		reflect.TypeFor[platform.Plan]():               names(platform.PlanFree, platform.PlanPro, platform.PlanEnterprise),
		reflect.TypeFor[platform.Cloud]():              names(platform.Clouds...),
		reflect.TypeFor[platform.SubscriptionStatus](): names(platform.SubscriptionStatuses...),
		reflect.TypeFor[platform.AccessState]():        names(platform.StateFull, platform.StateReadOnly, platform.StateSuspended),
		reflect.TypeFor[platform.Access]():             names(platform.AccessLevels...),
		reflect.TypeFor[platform.Permission]():         names(platform.Catalogue...),
		reflect.TypeFor[platform.Source](): names(platform.SourceOwner, platform.SourceOverride, platform.SourceWorkspaceRole,
			platform.SourceManagingOrganization, platform.SourceAPIKey),
		reflect.TypeFor[platform.Code](): names(platform.CodeInvalidArgument, platform.CodeUnauthenticated, platform.CodePermissionDenied,
			platform.CodeNotFound, platform.CodeAlreadyExists, platform.CodeFailedPrecondition, platform.CodeQuotaExceeded,
			platform.CodeAborted, platform.CodeIdempotencyMismatch, platform.CodeRateLimited, platform.CodeInternal),
	}
}

func fieldDetails() map[string]object {
	slug := object{"minLength": platform.SlugMinLen, "maxLength": platform.SlugMaxLen, "pattern": platform.SlugPattern,
		"description": "Lower-case letters, digits and single hyphens; not api, admin, new, settings or v1. Unique."}
	name := object{"minLength": 1, "maxLength": platform.DisplayNameMaxLen}
	description := object{"maxLength": platform.DescriptionMaxLen}
	resourceName := merge(slug, object{"description": "Follows the slug rules; unique in the workspace."})
	wsRole := object{"description": "owner, admin, member, viewer, or a custom role id (role_...)."}
	prjRole := object{"description": "admin, member, viewer, or a custom role id (role_...)."}
	orgRole := object{"enum": []string{platform.OrgRoleOwner, platform.OrgRoleMember}}
	clusterStatus := object{"enum": []string{platform.ClusterProvisioning, platform.ClusterRunning, platform.ClusterUpdating,
		platform.ClusterDeleting, platform.ClusterFailed}}
	k8s := object{"enum": platform.KubernetesVersions, "description": "One of GET /v1/kubernetes-versions; versions only go up."}
	location := object{"minLength": platform.LocationMinLen, "maxLength": platform.LocationMaxLen, "pattern": platform.LocationPattern,
		"description": "Cloud location, e.g. eu-central-1. Cannot change."}
	nodePools := object{"minItems": 1, "maxItems": platform.MaxNodePools}
	settings := object{"maxProperties": platform.MaxSettings, "additionalProperties": object{"type": "string", "maxLength": platform.SettingValueMaxLen}}
	perms := object{"minItems": 1, "uniqueItems": true}
	visibility := object{"description": "private: only this workspace installs it; listed: in the marketplace, any workspace can."}
	amount := object{"minimum": 0, "maximum": platform.MaxPriceCents, "description": "0 is free."}
	currency := object{"pattern": "^[a-z]{3}$", "description": "ISO 4217 code in lower case, such as usd or eur."}
	interval := object{"enum": []string{platform.IntervalMonth, platform.IntervalYear}}
	tag := object{"maxLength": platform.TagMaxLen, "pattern": platform.SemverPattern,
		"description": "A semantic version MAJOR.MINOR.PATCH[-pre], unique per product."}
	chart := object{"maxLength": platform.ChartMaxLen, "description": "oci://host/path:tag, or an https:// URL ending in .tgz."}
	notes := object{"maxLength": platform.NotesMaxLen}
	namespace := object{"minLength": 1, "maxLength": platform.NamespaceMaxLen, "pattern": platform.NamespacePattern}
	values := object{"maxProperties": platform.MaxValues, "additionalProperties": object{"type": "string", "maxLength": platform.ValueMaxLen}}
	secretRefs := object{"maxItems": platform.MaxSecretRefs, "uniqueItems": true,
		"items": object{"type": "string", "pattern": platform.SecretNamePattern}, "description": "Names of the workspace's secrets."}
	depName := merge(slug, object{"description": "Follows the slug rules; unique in the project."})
	image := object{"maxLength": platform.ImageMaxLen, "description": "registry/path:tag or registry/path@sha256:<64 hex>."}
	replicas := object{"minimum": 0, "maximum": platform.MaxReplicas, "default": 1, "description": "0 stops the deployment."}
	env := object{"maxProperties": platform.MaxEnv, "description": "Environment variables; keys match " + platform.EnvKeyPattern + "."}
	secrets := object{"maxItems": platform.MaxSecretRefs, "uniqueItems": true,
		"description": "Names of the workspace's secrets, received as environment variables."}
	secretName := object{"pattern": platform.SecretNamePattern, "maxLength": 64,
		"description": "Upper-case letters, digits and underscores, starting with a letter; unique in the workspace; never changes."}
	secretValue := object{"minLength": 1, "description": "1-65536 bytes (UTF-8). Write-only: never answered, logged or stored in plain text."}
	ghID := object{"minimum": 1, "description": "GitHub's id of the installation; never changes."}
	ghLogin := object{"pattern": `^[A-Za-z0-9](?:[A-Za-z0-9]|-[A-Za-z0-9]){0,38}$`, "description": "The GitHub account the App is installed on."}
	ghAccount := object{"enum": []string{platform.GitHubAccountUser, platform.GitHubAccountOrganization}}
	ghSelection := object{"enum": []string{platform.RepositorySelectionAll, platform.RepositorySelectionSelected}}
	ghRepos := object{"maxItems": platform.MaxGitHubRepositories, "uniqueItems": true,
		"items":       object{"type": "string", "pattern": platform.RepositoryPattern},
		"description": "\"owner/name\" of 1-1000 repositories, exactly when repository_selection is selected (sorted on storage)."}
	out := map[string]object{
		"Me.type":   {"enum": []string{"user", "api_key"}},
		"Me.access": {"enum": names(platform.AccessLevels...), "description": "The API key's access (API keys only)."},

		"Workspace.slug": slug, "WorkspaceCreate.slug": slug, "WorkspaceUpdate.slug": slug,
		"WorkspaceCreate.name": name, "WorkspaceUpdate.name": name,
		"WorkspaceCreate.description": description, "WorkspaceUpdate.description": description,
		"WorkspaceCreate.settings": settings, "WorkspaceUpdate.settings": settings,
		"WorkspaceCreate.plan":                     {"default": string(platform.PlanFree)},
		"Workspace.managing_organization_id":       {"description": "Organization whose members administer this workspace; empty for none."},
		"WorkspaceCreate.managing_organization_id": {"description": "Needs billing.manage here and owner on the organization."},
		"WorkspaceUpdate.managing_organization_id": {"description": "Needs billing.manage here and owner on the organization; empty to clear."},

		"Organization.slug": slug, "OrganizationCreate.slug": slug, "OrganizationUpdate.slug": slug,
		"OrganizationCreate.name": name, "OrganizationUpdate.name": name,
		"OrganizationMember.role": orgRole, "OrganizationMemberCreate.role": orgRole, "OrganizationMemberUpdate.role": orgRole,

		"WorkspaceMember.role": wsRole, "WorkspaceMemberCreate.role": wsRole, "WorkspaceMemberUpdate.role": wsRole,
		"WorkspaceMember.status": {"enum": []string{platform.MemberInvited, platform.MemberActive},
			"description": "invited until the user first authenticates."},

		"Project.slug": slug, "ProjectCreate.slug": merge(slug, object{"description": "Slug rules; unique in the workspace."}),
		"ProjectUpdate.slug": slug,
		"ProjectCreate.name": name, "ProjectUpdate.name": name,
		"ProjectCreate.description": description, "ProjectUpdate.description": description,
		"ProjectMember.role": prjRole, "ProjectMemberCreate.role": prjRole, "ProjectMemberUpdate.role": prjRole,
		"ProjectMemberCreate.email":   {"description": "E-mail of a workspace member (or give user_id)."},
		"ProjectMemberCreate.user_id": {"description": "Id of a workspace member (or give email)."},
		"EffectiveAccess.role":        {"description": "Effective project role: admin, member, viewer, a custom role id, or none."},

		"RoleCreate.name": resourceName, "RoleUpdate.name": resourceName, "Role.name": resourceName,
		"RoleCreate.description": description, "RoleUpdate.description": description,
		"RoleCreate.permissions": perms, "RoleUpdate.permissions": perms,

		"APIKeyCreate.name": name, "APIKeyUpdate.name": name,
		"APIKey.prefix":        {"description": "The first 12 characters of the secret, to recognise it."},
		"CreatedAPIKey.secret": {"description": "pk_...: shown in this answer only, never again."},
		"CreatedToken.secret":  {"description": "pt_...: shown in this answer only, never again."},
		"APIKeyRotate.grace_period_seconds": {"minimum": 0, "maximum": platform.MaxGracePeriodSeconds, "default": 0,
			"description": "How long the previous secret keeps working."},

		"RegionCreate.name": resourceName, "RegionUpdate.name": resourceName, "Region.name": resourceName,
		"RegionCreate.description": description, "RegionUpdate.description": description,

		"ClusterCreate.name": resourceName, "ClusterUpdate.name": resourceName, "Cluster.name": resourceName,
		"ClusterCreate.kubernetes_version": k8s, "ClusterUpdate.kubernetes_version": k8s,
		"ClusterCreate.location": location, "ClusterUpdate.location": location,
		"ClusterCreate.node_pools": nodePools, "ClusterUpdate.node_pools": nodePools,
		"ClusterCreate.region_id":    {"description": "Id of a region of the workspace (optional)."},
		"ClusterCreate.project_id":   {"description": "Id of a project of the workspace (optional)."},
		"ClusterUpdate.cloud":        {"description": "Accepted only unchanged: a cluster cannot move."},
		"Cluster.status":             clusterStatus,
		"Cluster.endpoint":           {"description": "Kubernetes API endpoint once running."},
		"ClusterChange.operation_id": {"description": "The operation finishing the change (GET /v1/operations/{op}); empty when the change was immediate."},

		"InstallationCreate.name": resourceName, "InstallationUpdate.name": resourceName, "Installation.name": resourceName,
		"InstallationCreate.cluster_id": {"description": "Id of a running cluster of the workspace. Cannot change."},
		"InstallationCreate.namespace":  merge(namespace, object{"description": "Kubernetes namespace, unique in the cluster; defaults to the name. Cannot change."}),
		"InstallationUpdate.cluster_id": {"description": "Accepted only unchanged: an installation cannot move."},
		"InstallationUpdate.namespace":  merge(namespace, object{"description": "Accepted only unchanged."}),
		"InstallationCreate.values":     values, "InstallationUpdate.values": values, "Installation.values": values,
		"InstallationCreate.secrets": secretRefs, "InstallationUpdate.secrets": secretRefs, "Installation.secrets": secretRefs,
		"InstallationUpdate.source":     {"description": "A new tag (up or down) or chart upgrades the installation; product_id and the kind of source cannot change."},
		"InstallationSource.product_id": {"description": "Id of a product of this workspace, or of a listed product of another (with tag)."},
		"InstallationSource.tag": {"maxLength": platform.TagMaxLen, "pattern": platform.SemverPattern,
			"description": "Semantic version of one of the product's releases."},
		"InstallationSource.chart": {"maxLength": platform.ChartMaxLen,
			"description": "A direct install: oci://host/path:tag or an https:// URL ending in .tgz."},
		"Installation.status": {"enum": []string{platform.InstallationInstalling, platform.InstallationInstalled,
			platform.InstallationUpgrading, platform.InstallationFailed, platform.InstallationUninstalling}},
		"Installation.installed_tag":      {"description": "The tag that runs; empty before the first install succeeds and for charts."},
		"Installation.repository_url":     {"description": "The installation's own package repository, oci://<server host>/<workspace id>/<installation id>."},
		"InstallationChange.operation_id": {"description": "The operation finishing the change (GET /v1/operations/{op}); empty when the change was immediate."},
		"InstallationPackage.tag":         {"description": "The release's tag; empty for a direct install."},
		"SecretCreate.name":               secretName, "Secret.name": secretName,
		"SecretUpdate.name":        {"description": "Accepted only unchanged: installations and deployments refer to a secret by name."},
		"SecretCreate.description": description, "SecretUpdate.description": description,
		"SecretCreate.value": secretValue, "SecretUpdate.value": secretValue,
		"Secret.value_version":    {"description": "1 on create, + 1 on every new value."},
		"Secret.value_updated_at": {"description": "When the value last changed."},

		"GitHubInstallationCreate.installation_id": ghID, "GitHubInstallation.installation_id": ghID,
		"GitHubInstallationUpdate.installation_id": {"description": "Accepted only unchanged."},
		"GitHubInstallationCreate.account_login":   ghLogin, "GitHubInstallationUpdate.account_login": ghLogin,
		"GitHubInstallationCreate.account_type": ghAccount, "GitHubInstallationUpdate.account_type": ghAccount,
		"GitHubInstallation.account_type":               ghAccount,
		"GitHubInstallationCreate.repository_selection": ghSelection, "GitHubInstallationUpdate.repository_selection": ghSelection,
		"GitHubInstallation.repository_selection": ghSelection,
		"GitHubInstallationCreate.repositories":   ghRepos, "GitHubInstallationUpdate.repositories": ghRepos,
		"GitHubInstallation.repositories": {"description": "Sorted; empty when repository_selection is all."},
		"GitHubInstallation.status": {"enum": []string{platform.GitHubActive, platform.GitHubSuspended},
			"description": "Changed only by the platform administrator (simulating GitHub)."},

		"NodePool.name":         {"minLength": 1, "maxLength": platform.NodePoolNameMaxLen, "pattern": platform.NodePoolPattern},
		"NodePool.machine_type": {"minLength": 1, "maxLength": platform.MachineTypeMaxLen, "pattern": platform.MachineTypePattern},
		"NodePool.min_nodes":    {"minimum": 0},
		"NodePool.max_nodes":    {"minimum": 1, "maximum": platform.MaxNodesPerPool},

		"DeploymentCreate.name": depName, "DeploymentUpdate.name": depName, "Deployment.name": depName,
		"DeploymentCreate.image": image, "DeploymentUpdate.image": image,
		"DeploymentCreate.replicas": replicas, "DeploymentUpdate.replicas": replicas,
		"DeploymentCreate.env": env, "DeploymentUpdate.env": env,
		"DeploymentCreate.secrets": secrets, "DeploymentUpdate.secrets": secrets,
		"DeploymentCreate.cluster_id":             {"description": "Id of a running cluster of the workspace. Cannot change."},
		"DeploymentUpdate.cluster_id":             {"description": "Accepted only unchanged: a deployment cannot move."},
		"DeploymentUpdate.source":                 {"description": "A new source, or an empty one (every field \"\") to remove it."},
		"DeploymentSource.repository":             {"pattern": platform.RepositoryPattern, "description": "owner/name, which the installation can access."},
		"DeploymentSource.branch":                 {"minLength": 1, "maxLength": platform.BranchMaxLen},
		"DeploymentSource.github_installation_id": {"description": "Id (ghi_...) of an active GitHub App installation of the workspace."},
		"Deployment.status": {"enum": []string{platform.DeploymentDeploying, platform.DeploymentRunning, platform.DeploymentStopped,
			platform.DeploymentFailed, platform.DeploymentDeleting}},
		"Deployment.revision":             {"description": "1 on create, +1 on every change of image, replicas, env, secrets or source, every redeploy and every push to the source."},
		"Deployment.commit_sha":           {"description": "With a source: the last commit pushed (empty before the first push)."},
		"Deployment.url":                  {"description": "https://<name>-<project slug>-<workspace slug>.apps.<server host>, fixed at creation."},
		"DeploymentChange.operation_id":   {"description": "The operation finishing the revision or the delete; empty when the change was immediate."},
		"GitHubWebhookResult.deployments": {"description": "How many deployments got a new revision."},

		"Operation.kind": {"enum": []string{platform.OpClusterCreate, platform.OpClusterUpdate, platform.OpClusterDelete,
			platform.OpInstallationCreate, platform.OpInstallationUpdate, platform.OpInstallationDelete,
			platform.OpDeploymentCreate, platform.OpDeploymentUpdate, platform.OpDeploymentRedeploy, platform.OpDeploymentDelete}},
		"Operation.status": {"enum": []string{platform.OpPending, platform.OpRunning, platform.OpSucceeded, platform.OpFailed}},
		"Operation.error":  {"description": "Why the operation failed; empty otherwise."},

		"ProductCreate.slug": slug, "ProductUpdate.slug": slug, "Product.slug": slug,
		"ProductCreate.name": name, "ProductUpdate.name": name,
		"ProductCreate.description": description, "ProductUpdate.description": description,
		"ProductCreate.visibility": merge(visibility, object{"default": string(platform.VisibilityPrivate)}),
		"ProductUpdate.visibility": visibility, "Product.visibility": visibility, "MarketplaceProduct.visibility": visibility,
		"ProductCreate.price":              {"description": "Fields left out take the default {0, \"usd\", \"month\"}."},
		"ProductUpdate.price":              {"description": "Fields left out stay."},
		"Product.install_count":            {"description": "Installations of the product in every workspace."},
		"MarketplaceProduct.install_count": {"description": "Installations of the product in every workspace."},
		"MarketplaceProduct.releases":      {"description": "The non-yanked releases, highest semantic version first."},
		"Price.amount_cents":               amount, "PriceInput.amount_cents": merge(amount, object{"default": 0}),
		"Price.currency": currency, "PriceInput.currency": merge(currency, object{"default": "usd"}),
		"Price.interval": interval, "PriceInput.interval": merge(interval, object{"default": platform.IntervalMonth}),
		"ReleaseCreate.tag": tag, "Release.tag": tag, "MarketplaceRelease.tag": tag,
		"ReleaseUpdate.tag":   merge(tag, object{"description": "Accepted only unchanged: a release is immutable."}),
		"ReleaseCreate.chart": chart, "Release.chart": chart, "MarketplaceRelease.chart": chart,
		"ReleaseUpdate.chart": merge(chart, object{"description": "Accepted only unchanged: a release is immutable."}),
		"ReleaseCreate.notes": notes, "ReleaseUpdate.notes": notes,
		"Release.yanked": {"description": "A yanked release cannot be newly installed; installations keep it."},

		"AuditEvent.actor":  {"description": "User id, API key id, or system."},
		"AuditEvent.action": {"description": "What happened, e.g. workspace.create or cluster.provisioned."},
		"AuditEvent.target": {"description": "Id of the object changed."},

		"ListEnvelope.next_page_token": {"description": "Pass as page_token for the next page; empty on the last page."},
		"ErrorBody.details":            {"description": "One entry per bad field; empty otherwise."},
		"TokenCreate.name":             name, "AdminTokenCreate.name": merge(name, object{"description": "Defaults to \"issued by the platform administrator\"."}),
	}
	return out
}

// registerSchemas declares every component. Order matters: a type must be registered before a
// schema that embeds it as a component.
func registerSchemas(s *schemas) {
	resp := func(name string, typ reflect.Type, desc string) { s.component(name, typ, desc, false) }
	req := func(name string, typ reflect.Type, desc string, optional ...string) {
		s.component(name, typ, desc, true, optional...)
	}

	resp("NodePool", reflect.TypeFor[platform.NodePool](), "A group of identical nodes.")
	resp("FieldViolation", reflect.TypeFor[platform.FieldViolation](), "One bad field and the rule it broke.")
	resp("ErrorBody", reflect.TypeFor[errorBody](), "")
	resp("Error", reflect.TypeFor[errorEnvelope](), "The error envelope of every failed request.")

	resp("Me", reflect.TypeFor[service.Me](), "The caller: a user (user_id, email) or an API key (api_key_id, workspace, access).")
	resp("UserToken", reflect.TypeFor[platform.UserToken](), "A user token (never its secret).")
	resp("CreatedToken", reflect.TypeFor[service.CreatedToken](), "A new user token with its secret.")
	req("TokenCreate", reflect.TypeFor[service.TokenInput](), "")
	req("AdminTokenCreate", reflect.TypeFor[service.TokenInput](), "", "name")

	resp("Organization", reflect.TypeFor[platform.Organization](), "An identity for a team; it owns no resources, only access.")
	req("OrganizationCreate", reflect.TypeFor[service.OrganizationInput](), "")
	req("OrganizationUpdate", reflect.TypeFor[service.OrganizationPatch](), "Absent fields stay.")
	resp("OrganizationMember", reflect.TypeFor[platform.OrganizationMember](), "")
	req("OrganizationMemberCreate", reflect.TypeFor[service.OrganizationMemberInput](), "")
	req("OrganizationMemberUpdate", reflect.TypeFor[service.OrganizationMemberPatch](), "")

	resp("Workspace", reflect.TypeFor[platform.Workspace](), "The top-level container for resources and billing.")
	req("WorkspaceCreate", reflect.TypeFor[service.WorkspaceInput](), "")
	req("WorkspaceUpdate", reflect.TypeFor[service.WorkspacePatch](), "Absent fields stay; settings replaces the whole map.")
	req("TransferOwnership", reflect.TypeFor[service.TransferOwnershipInput](), "The new owner, by user_id or email; the current owner becomes admin.")
	resp("Limits", reflect.TypeFor[platform.Limits](), "Plan limits; 0 custom_roles means not allowed on the plan.")
	resp("Usage", reflect.TypeFor[platform.Usage](), "")
	resp("WorkspaceUsage", reflect.TypeFor[service.WorkspaceUsage](), "")
	resp("AuditEvent", reflect.TypeFor[platform.AuditEvent](), "An immutable record of a successful mutation.")
	resp("Subscription", reflect.TypeFor[platform.Subscription](), "The workspace's own subscription: its plan and what the payment processor says.")
	req("SubscriptionUpdate", reflect.TypeFor[service.SubscriptionPatch](), "Absent fields stay.")
	req("SubscriptionStatus", reflect.TypeFor[service.SubscriptionStatusInput](), "")
	resp("AccessState", reflect.TypeFor[platform.WorkspaceAccessState](), "What the workspace's subscription lets its members do.")
	req("BillingPortalSessionCreate", reflect.TypeFor[service.BillingPortalSessionInput](), "")
	resp("BillingPortalSession", reflect.TypeFor[service.BillingPortalSession](), "A short-lived billing portal URL.")

	resp("WorkspaceMember", reflect.TypeFor[platform.WorkspaceMember](), "")
	req("WorkspaceMemberCreate", reflect.TypeFor[service.MemberInput](), "")
	req("WorkspaceMemberUpdate", reflect.TypeFor[service.MemberPatch](), "")

	resp("Project", reflect.TypeFor[platform.Project](), "")
	req("ProjectCreate", reflect.TypeFor[service.ProjectInput](), "")
	req("ProjectUpdate", reflect.TypeFor[service.ProjectPatch](), "Absent fields stay.")
	resp("ProjectMember", reflect.TypeFor[platform.ProjectMember](), "A project role override for a workspace member.")
	req("ProjectMemberCreate", reflect.TypeFor[service.ProjectMemberInput](), "Give email or user_id.")
	req("ProjectMemberUpdate", reflect.TypeFor[service.ProjectMemberPatch](), "")
	resp("EffectiveAccess", reflect.TypeFor[service.EffectiveAccess](), "A member's effective project role, its permissions and where it comes from.")

	resp("Role", reflect.TypeFor[platform.Role](), "A custom role: a named set of permissions.")
	req("RoleCreate", reflect.TypeFor[service.RoleInput](), "")
	req("RoleUpdate", reflect.TypeFor[service.RolePatch](), "Absent fields stay.")

	resp("APIKey", reflect.TypeFor[platform.APIKey](), "A workspace-scoped credential (never its secret).")
	resp("CreatedAPIKey", reflect.TypeFor[service.CreatedAPIKey](), "An API key with its new secret.")
	req("APIKeyCreate", reflect.TypeFor[service.APIKeyInput](), "")
	req("APIKeyUpdate", reflect.TypeFor[service.APIKeyPatch](), "")
	req("APIKeyRotate", reflect.TypeFor[service.RotateInput](), "")

	resp("Region", reflect.TypeFor[platform.Region](), "An organizational label for grouping clusters.")
	req("RegionCreate", reflect.TypeFor[service.RegionInput](), "")
	req("RegionUpdate", reflect.TypeFor[service.RegionPatch](), "Absent fields stay.")

	resp("Cluster", reflect.TypeFor[platform.Cluster](), "A Kubernetes cluster, provisioned asynchronously.")
	resp("ClusterChange", reflect.TypeFor[clusterChange](), "A cluster with the operation changing it.")
	req("ClusterCreate", reflect.TypeFor[service.ClusterInput](), "")
	req("ClusterUpdate", reflect.TypeFor[service.ClusterPatch](), "Absent fields stay.")
	resp("InstallationSource", reflect.TypeFor[platform.InstallationSource](), "What an installation runs: {product_id, tag} of a release, or {chart}.")
	resp("Installation", reflect.TypeFor[platform.Installation](), "A product release or a chart installed on a cluster, asynchronously.")
	resp("InstallationChange", reflect.TypeFor[installationChange](), "An installation with the operation changing it.")
	req("InstallationCreate", reflect.TypeFor[service.InstallationInput](), "")
	req("InstallationUpdate", reflect.TypeFor[service.InstallationPatch](), "Absent fields stay, and so do absent source fields; values and secrets replace the whole map or list.")
	resp("InstallationPackage", reflect.TypeFor[service.InstallationPackage](), "One chart of an installation's package repository.")
	resp("InstallationPackages", reflect.TypeFor[service.InstallationPackages](), "Every package (not paginated).")
	resp("DeploymentSource", reflect.TypeFor[platform.DeploymentSource](), "The GitHub repository and branch a deployment follows.")
	resp("Deployment", reflect.TypeFor[platform.Deployment](), "A project's application running on a cluster, with revisions and logs.")
	resp("DeploymentChange", reflect.TypeFor[deploymentChange](), "A deployment with the operation changing it.")
	req("DeploymentCreate", reflect.TypeFor[service.DeploymentInput](), "")
	req("DeploymentUpdate", reflect.TypeFor[service.DeploymentPatch](), "Absent fields stay.")
	req("Redeploy", reflect.TypeFor[redeploy](), "Nothing (the body may be omitted).")
	resp("DeploymentLogLine", reflect.TypeFor[platform.DeploymentLogLine](), "One lifecycle line.")
	resp("DeploymentLogs", reflect.TypeFor[service.DeploymentLogs](), "")
	resp("GitHubWebhookResult", reflect.TypeFor[service.GitHubWebhookResult](), "")
	s.components["GitHubPushEvent"] = object{"type": "object", "description": "GitHub's push event as GitHub sends it; " +
		"the server reads ref, after, repository.full_name and installation.id."}
	resp("Secret", reflect.TypeFor[platform.Secret](), "A named value for installations and deployments; answers never hold the value.")
	req("SecretCreate", reflect.TypeFor[service.SecretInput](), "")
	req("SecretUpdate", reflect.TypeFor[service.SecretPatch](), "Absent fields stay.")
	resp("GitHubInstallation", reflect.TypeFor[platform.GitHubInstallation](), "A workspace's connection to an installation of the platform's GitHub App.")
	req("GitHubInstallationCreate", reflect.TypeFor[service.GitHubInstallationInput](), "", "repositories")
	req("GitHubInstallationUpdate", reflect.TypeFor[service.GitHubInstallationPatch](), "Absent fields stay; repository_selection all without repositories clears them.")
	resp("Operation", reflect.TypeFor[operation](), "An asynchronous change: pending, running, then succeeded or failed.")
	resp("PlannedDelete", reflect.TypeFor[platform.PlannedDelete](), "One delete a plan session plans: kind workspace, project, "+
		"project_member, workspace_member, role, api_key, region, cluster, product, release, installation, deployment, secret or github_installation; target_id is the object's id (a member's user id; "+
		"\"<project id>/<user id>\" for a project member).")
	resp("PlannedCreate", reflect.TypeFor[platform.PlannedCreate](), "One create a plan session plans: kind as in PlannedDelete, or organization "+
		"or organization_member; key is the unique name it claims, prefixed with its scope's id (\"<workspace id>/web\" for a project), "+
		"or a generated key for objects without a unique name (api keys).")
	resp("DryRunCall", reflect.TypeFor[httpapi.DryRunCall](), "One dry run: method POST, PATCH or DELETE; path under /v1/ with its query; "+
		"if_match as the If-Match header; body the JSON body.")
	req("DryRunBatch", reflect.TypeFor[httpapi.DryRunBatch](), "Dry runs of one plan session.")
	resp("DryRunResult", reflect.TypeFor[httpapi.DryRunResult](), "What the call alone would have answered: status, its request id, and body "+
		"(the object as it would be, or the error envelope).")
	resp("DryRunResults", reflect.TypeFor[httpapi.DryRunResults](), "One result per call, in the order sent.")
	resp("PlanSession", reflect.TypeFor[service.PlanSession](), "What a plan session plans to delete and create, in the order its dry runs were made.")
	resp("PlannedTarget", reflect.TypeFor[service.PlannedTarget](), "One declared delete: kind and target_id as in PlannedDelete.")
	req("PlannedDeletes", reflect.TypeFor[service.PlannedDeletesInput](), "Deletes of one workspace's objects that a plan makes.")

	resp("Price", reflect.TypeFor[platform.Price](), "What a product costs per interval.")
	req("PriceInput", reflect.TypeFor[service.PriceInput](), "A price; which fields may be left out depends on where it is sent.")
	s.names[reflect.TypeFor[service.PriceInput]()] = "PriceInput" // nested in ProductCreate and ProductUpdate
	resp("Product", reflect.TypeFor[platform.Product](), "A package the workspace publishes.")
	req("ProductCreate", reflect.TypeFor[service.ProductInput](), "")
	req("ProductUpdate", reflect.TypeFor[service.ProductPatch](), "Absent fields stay.")
	resp("Release", reflect.TypeFor[platform.Release](), "One immutable version of a product.")
	req("ReleaseCreate", reflect.TypeFor[service.ReleaseInput](), "")
	req("ReleaseUpdate", reflect.TypeFor[service.ReleasePatch](), "Absent fields stay.")
	resp("MarketplaceRelease", reflect.TypeFor[service.MarketplaceRelease](), "A release as the marketplace shows it.")
	resp("MarketplaceProduct", reflect.TypeFor[service.MarketplaceProduct](), "A listed product with its installable releases; nothing about the vendor.")

	resp("KubernetesVersionList", reflect.TypeFor[stringList](), "Every supported version (not paginated).")
	resp("Health", reflect.TypeFor[health](), "")
	s.components["OpenAPIDocument"] = object{"type": "object", "description": "An OpenAPI 3 document."}

	// List envelopes: one per item type, so clients get typed pages.
	for _, item := range []string{"UserToken", "Organization", "OrganizationMember", "Workspace", "AuditEvent",
		"WorkspaceMember", "Project", "ProjectMember", "Role", "APIKey", "Region", "Cluster",
		"Product", "Release", "MarketplaceProduct", "Installation", "Deployment",
		"Secret", "GitHubInstallation"} {
		s.components[item+"List"] = object{
			"type":     "object",
			"required": []string{"items", "next_page_token"},
			"properties": object{
				"items":           object{"type": "array", "items": ref(item)},
				"next_page_token": merge(object{"type": "string"}, s.fields["ListEnvelope.next_page_token"]),
			},
		}
	}
}
