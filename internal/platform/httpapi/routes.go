package httpapi

// Route is one endpoint of the API: Method and Pattern in net/http.ServeMux syntax
// ("/v1/workspaces/{ws}/projects/{prj}"), Name a stable operation name.
type Route struct{ Method, Pattern, Name string }

// Routes lists every route the handler serves, in the order of docs/platform.md section 8.
func Routes() []Route {
	out := make([]Route, len(routes))
	for i, rt := range routes {
		out[i] = rt.Route
	}
	return out
}

// kind decides how a successful result is answered.
type kind int

const (
	kindRead   kind = iota // 200, ETag
	kindList               // 200, {"items", "next_page_token"}
	kindCreate             // 201, ETag, Location (202 when it starts an operation)
	kindAction             // POST that changes an existing object: 200, ETag
	kindUpdate             // PATCH: 200, ETag (202 when it starts an operation)
	kindDelete             // 204 (202 when it starts an operation)
)

type route struct {
	Route
	kind kind
	h    func(c *call) (any, error)
	// public routes need no credentials.
	public bool
	// optionalBody: an empty body means the zero input (rotate, admin tokens).
	optionalBody bool
	// secret: the answer carries a secret (stored encrypted in idempotency records, no-store).
	secret bool
	// noLocation: a create whose object has no URL of its own under this path.
	noLocation bool
	// mintsUser: a create that may create the user; a dry run blanks the minted user_id too.
	mintsUser bool
	// unlimited: exempt from rate limiting (health checks must not be refused).
	unlimited bool
	// raw: the handler takes the body as sent (a webhook): no dry run, no Idempotency-Key.
	raw bool
}

// routes is the one table of endpoints (docs/platform.md section 8).
var routes = []route{
	{Route: Route{"GET", "/v1/me", "getMe"}, kind: kindRead, h: getMe},
	{Route: Route{"GET", "/v1/me/tokens", "listTokens"}, kind: kindList, h: listTokens},
	{Route: Route{"POST", "/v1/me/tokens", "createToken"}, kind: kindCreate, h: createToken, secret: true},
	{Route: Route{"GET", "/v1/me/tokens/{id}", "getToken"}, kind: kindRead, h: getToken},
	{Route: Route{"DELETE", "/v1/me/tokens/{id}", "deleteToken"}, kind: kindDelete, h: deleteToken},
	{Route: Route{"GET", "/v1/kubernetes-versions", "listKubernetesVersions"}, kind: kindRead, h: listKubernetesVersions},
	{Route: Route{"POST", "/v1/admin/users/{email}/tokens", "adminCreateUserToken"}, kind: kindCreate, h: adminCreateUserToken,
		secret: true, optionalBody: true, noLocation: true, mintsUser: true},

	{Route: Route{"POST", "/v1/organizations", "createOrganization"}, kind: kindCreate, h: createOrganization},
	{Route: Route{"GET", "/v1/organizations", "listOrganizations"}, kind: kindList, h: listOrganizations},
	{Route: Route{"GET", "/v1/organizations/{org}", "getOrganization"}, kind: kindRead, h: getOrganization},
	{Route: Route{"PATCH", "/v1/organizations/{org}", "updateOrganization"}, kind: kindUpdate, h: updateOrganization},
	{Route: Route{"DELETE", "/v1/organizations/{org}", "deleteOrganization"}, kind: kindDelete, h: deleteOrganization},
	{Route: Route{"GET", "/v1/organizations/{org}/members", "listOrganizationMembers"}, kind: kindList, h: listOrganizationMembers},
	{Route: Route{"POST", "/v1/organizations/{org}/members", "addOrganizationMember"}, kind: kindCreate, h: addOrganizationMember, mintsUser: true},
	{Route: Route{"GET", "/v1/organizations/{org}/members/{member}", "getOrganizationMember"}, kind: kindRead, h: getOrganizationMember},
	{Route: Route{"PATCH", "/v1/organizations/{org}/members/{member}", "updateOrganizationMember"}, kind: kindUpdate, h: updateOrganizationMember},
	{Route: Route{"DELETE", "/v1/organizations/{org}/members/{member}", "removeOrganizationMember"}, kind: kindDelete, h: removeOrganizationMember},

	{Route: Route{"POST", "/v1/workspaces", "createWorkspace"}, kind: kindCreate, h: createWorkspace},
	{Route: Route{"GET", "/v1/workspaces", "listWorkspaces"}, kind: kindList, h: listWorkspaces},
	{Route: Route{"GET", "/v1/workspaces/{ws}", "getWorkspace"}, kind: kindRead, h: getWorkspace},
	{Route: Route{"PATCH", "/v1/workspaces/{ws}", "updateWorkspace"}, kind: kindUpdate, h: updateWorkspace},
	{Route: Route{"DELETE", "/v1/workspaces/{ws}", "deleteWorkspace"}, kind: kindDelete, h: deleteWorkspace},
	{Route: Route{"POST", "/v1/workspaces/{ws}/transfer-ownership", "transferOwnership"}, kind: kindAction, h: transferOwnership},
	{Route: Route{"GET", "/v1/workspaces/{ws}/usage", "getUsage"}, kind: kindRead, h: getUsage},
	{Route: Route{"GET", "/v1/workspaces/{ws}/audit-events", "listAuditEvents"}, kind: kindList, h: listAuditEvents},
	// Subscription, access state and billing portal (docs/platform.md section 12).
	{Route: Route{"GET", "/v1/workspaces/{ws}/subscription", "getSubscription"}, kind: kindRead, h: getSubscription},
	{Route: Route{"PATCH", "/v1/workspaces/{ws}/subscription", "updateSubscription"}, kind: kindUpdate, h: updateSubscription},
	{Route: Route{"GET", "/v1/workspaces/{ws}/access-state", "getAccessState"}, kind: kindRead, h: getAccessState},
	{Route: Route{"POST", "/v1/workspaces/{ws}/billing-portal-sessions", "createBillingPortalSession"}, kind: kindCreate,
		h: createBillingPortalSession, secret: true, noLocation: true},
	{Route: Route{"POST", "/v1/admin/workspaces/{ws}/subscription/status", "setSubscriptionStatus"}, kind: kindAction,
		h: setSubscriptionStatus},

	{Route: Route{"GET", "/v1/workspaces/{ws}/members", "listMembers"}, kind: kindList, h: listMembers},
	{Route: Route{"POST", "/v1/workspaces/{ws}/members", "inviteMember"}, kind: kindCreate, h: inviteMember, mintsUser: true},
	{Route: Route{"GET", "/v1/workspaces/{ws}/members/{member}", "getMember"}, kind: kindRead, h: getMember},
	{Route: Route{"GET", "/v1/workspaces/{ws}/managing-organization/members", "listManagingOrganizationMembers"}, kind: kindList,
		h: listManagingOrganizationMembers},
	{Route: Route{"PATCH", "/v1/workspaces/{ws}/members/{member}", "updateMember"}, kind: kindUpdate, h: updateMember},
	{Route: Route{"DELETE", "/v1/workspaces/{ws}/members/{member}", "removeMember"}, kind: kindDelete, h: removeMember},

	{Route: Route{"GET", "/v1/workspaces/{ws}/projects", "listProjects"}, kind: kindList, h: listProjects},
	{Route: Route{"POST", "/v1/workspaces/{ws}/projects", "createProject"}, kind: kindCreate, h: createProject},
	{Route: Route{"GET", "/v1/workspaces/{ws}/projects/{prj}", "getProject"}, kind: kindRead, h: getProject},
	{Route: Route{"PATCH", "/v1/workspaces/{ws}/projects/{prj}", "updateProject"}, kind: kindUpdate, h: updateProject},
	{Route: Route{"DELETE", "/v1/workspaces/{ws}/projects/{prj}", "deleteProject"}, kind: kindDelete, h: deleteProject},
	{Route: Route{"GET", "/v1/workspaces/{ws}/projects/{prj}/members", "listProjectMembers"}, kind: kindList, h: listProjectMembers},
	{Route: Route{"POST", "/v1/workspaces/{ws}/projects/{prj}/members", "addProjectMember"}, kind: kindCreate, h: addProjectMember},
	{Route: Route{"GET", "/v1/workspaces/{ws}/projects/{prj}/members/{member}", "getProjectMember"}, kind: kindRead, h: getProjectMember},
	{Route: Route{"PATCH", "/v1/workspaces/{ws}/projects/{prj}/members/{member}", "updateProjectMember"}, kind: kindUpdate, h: updateProjectMember},
	{Route: Route{"DELETE", "/v1/workspaces/{ws}/projects/{prj}/members/{member}", "removeProjectMember"}, kind: kindDelete, h: removeProjectMember},
	{Route: Route{"GET", "/v1/workspaces/{ws}/projects/{prj}/access/{member}", "getProjectAccess"}, kind: kindRead, h: getProjectAccess},

	{Route: Route{"GET", "/v1/workspaces/{ws}/roles", "listRoles"}, kind: kindList, h: listRoles},
	{Route: Route{"POST", "/v1/workspaces/{ws}/roles", "createRole"}, kind: kindCreate, h: createRole},
	{Route: Route{"GET", "/v1/workspaces/{ws}/roles/{role}", "getRole"}, kind: kindRead, h: getRole},
	{Route: Route{"PATCH", "/v1/workspaces/{ws}/roles/{role}", "updateRole"}, kind: kindUpdate, h: updateRole},
	{Route: Route{"DELETE", "/v1/workspaces/{ws}/roles/{role}", "deleteRole"}, kind: kindDelete, h: deleteRole},

	{Route: Route{"GET", "/v1/workspaces/{ws}/api-keys", "listAPIKeys"}, kind: kindList, h: listAPIKeys},
	{Route: Route{"POST", "/v1/workspaces/{ws}/api-keys", "createAPIKey"}, kind: kindCreate, h: createAPIKey, secret: true},
	{Route: Route{"GET", "/v1/workspaces/{ws}/api-keys/{key}", "getAPIKey"}, kind: kindRead, h: getAPIKey},
	{Route: Route{"PATCH", "/v1/workspaces/{ws}/api-keys/{key}", "updateAPIKey"}, kind: kindUpdate, h: updateAPIKey},
	{Route: Route{"DELETE", "/v1/workspaces/{ws}/api-keys/{key}", "deleteAPIKey"}, kind: kindDelete, h: deleteAPIKey},
	{Route: Route{"POST", "/v1/workspaces/{ws}/api-keys/{key}/rotate", "rotateAPIKey"}, kind: kindAction, h: rotateAPIKey,
		secret: true, optionalBody: true},

	{Route: Route{"GET", "/v1/workspaces/{ws}/regions", "listRegions"}, kind: kindList, h: listRegions},
	{Route: Route{"POST", "/v1/workspaces/{ws}/regions", "createRegion"}, kind: kindCreate, h: createRegion},
	{Route: Route{"GET", "/v1/workspaces/{ws}/regions/{region}", "getRegion"}, kind: kindRead, h: getRegion},
	{Route: Route{"PATCH", "/v1/workspaces/{ws}/regions/{region}", "updateRegion"}, kind: kindUpdate, h: updateRegion},
	{Route: Route{"DELETE", "/v1/workspaces/{ws}/regions/{region}", "deleteRegion"}, kind: kindDelete, h: deleteRegion},

	{Route: Route{"GET", "/v1/workspaces/{ws}/clusters", "listClusters"}, kind: kindList, h: listClusters},
	{Route: Route{"POST", "/v1/workspaces/{ws}/clusters", "createCluster"}, kind: kindCreate, h: createCluster},
	{Route: Route{"GET", "/v1/workspaces/{ws}/clusters/{cluster}", "getCluster"}, kind: kindRead, h: getCluster},
	{Route: Route{"PATCH", "/v1/workspaces/{ws}/clusters/{cluster}", "updateCluster"}, kind: kindUpdate, h: updateCluster},
	{Route: Route{"DELETE", "/v1/workspaces/{ws}/clusters/{cluster}", "deleteCluster"}, kind: kindDelete, h: deleteCluster},

	// Products, releases and the marketplace (docs/platform.md section 11).
	{Route: Route{"GET", "/v1/workspaces/{ws}/products", "listProducts"}, kind: kindList, h: listProducts},
	{Route: Route{"POST", "/v1/workspaces/{ws}/products", "createProduct"}, kind: kindCreate, h: createProduct},
	{Route: Route{"GET", "/v1/workspaces/{ws}/products/{prod}", "getProduct"}, kind: kindRead, h: getProduct},
	{Route: Route{"PATCH", "/v1/workspaces/{ws}/products/{prod}", "updateProduct"}, kind: kindUpdate, h: updateProduct},
	{Route: Route{"DELETE", "/v1/workspaces/{ws}/products/{prod}", "deleteProduct"}, kind: kindDelete, h: deleteProduct},
	{Route: Route{"GET", "/v1/workspaces/{ws}/products/{prod}/releases", "listReleases"}, kind: kindList, h: listReleases},
	{Route: Route{"POST", "/v1/workspaces/{ws}/products/{prod}/releases", "createRelease"}, kind: kindCreate, h: createRelease},
	{Route: Route{"GET", "/v1/workspaces/{ws}/products/{prod}/releases/{tag}", "getRelease"}, kind: kindRead, h: getRelease},
	{Route: Route{"PATCH", "/v1/workspaces/{ws}/products/{prod}/releases/{tag}", "updateRelease"}, kind: kindUpdate, h: updateRelease},
	{Route: Route{"DELETE", "/v1/workspaces/{ws}/products/{prod}/releases/{tag}", "deleteRelease"}, kind: kindDelete, h: deleteRelease},
	{Route: Route{"GET", "/v1/marketplace/products", "listMarketplaceProducts"}, kind: kindList, h: listMarketplaceProducts},
	{Route: Route{"GET", "/v1/marketplace/products/{prod_id}", "getMarketplaceProduct"}, kind: kindRead, h: getMarketplaceProduct},
	// Installations (docs/platform.md section 11).
	{Route: Route{"GET", "/v1/workspaces/{ws}/installations", "listInstallations"}, kind: kindList, h: listInstallations},
	{Route: Route{"POST", "/v1/workspaces/{ws}/installations", "createInstallation"}, kind: kindCreate, h: createInstallation},
	{Route: Route{"GET", "/v1/workspaces/{ws}/installations/{inst}", "getInstallation"}, kind: kindRead, h: getInstallation},
	{Route: Route{"PATCH", "/v1/workspaces/{ws}/installations/{inst}", "updateInstallation"}, kind: kindUpdate, h: updateInstallation},
	{Route: Route{"DELETE", "/v1/workspaces/{ws}/installations/{inst}", "deleteInstallation"}, kind: kindDelete, h: deleteInstallation},
	{Route: Route{"GET", "/v1/workspaces/{ws}/installations/{inst}/packages", "listInstallationPackages"}, kind: kindRead,
		h: listInstallationPackages},
	// Deployments (docs/platform.md section 11).
	{Route: Route{"GET", "/v1/workspaces/{ws}/projects/{prj}/deployments", "listDeployments"}, kind: kindList, h: listDeployments},
	{Route: Route{"POST", "/v1/workspaces/{ws}/projects/{prj}/deployments", "createDeployment"}, kind: kindCreate, h: createDeployment},
	{Route: Route{"GET", "/v1/workspaces/{ws}/projects/{prj}/deployments/{dep}", "getDeployment"}, kind: kindRead, h: getDeployment},
	{Route: Route{"PATCH", "/v1/workspaces/{ws}/projects/{prj}/deployments/{dep}", "updateDeployment"}, kind: kindUpdate, h: updateDeployment},
	{Route: Route{"DELETE", "/v1/workspaces/{ws}/projects/{prj}/deployments/{dep}", "deleteDeployment"}, kind: kindDelete, h: deleteDeployment},
	{Route: Route{"POST", "/v1/workspaces/{ws}/projects/{prj}/deployments/{dep}/redeploy", "redeployDeployment"}, kind: kindAction,
		h: redeployDeployment, optionalBody: true},
	{Route: Route{"GET", "/v1/workspaces/{ws}/projects/{prj}/deployments/{dep}/logs", "getDeploymentLogs"}, kind: kindRead, h: getDeploymentLogs},
	{Route: Route{"POST", "/v1/github/webhook", "githubWebhook"}, kind: kindAction, h: githubWebhook, public: true, raw: true},
	// Secrets and GitHub App installations (docs/platform.md section 11).
	{Route: Route{"GET", "/v1/workspaces/{ws}/secrets", "listSecrets"}, kind: kindList, h: listSecrets},
	{Route: Route{"POST", "/v1/workspaces/{ws}/secrets", "createSecret"}, kind: kindCreate, h: createSecret},
	{Route: Route{"GET", "/v1/workspaces/{ws}/secrets/{secret}", "getSecret"}, kind: kindRead, h: getSecret},
	{Route: Route{"PATCH", "/v1/workspaces/{ws}/secrets/{secret}", "updateSecret"}, kind: kindUpdate, h: updateSecret},
	{Route: Route{"DELETE", "/v1/workspaces/{ws}/secrets/{secret}", "deleteSecret"}, kind: kindDelete, h: deleteSecret},
	{Route: Route{"GET", "/v1/workspaces/{ws}/github-installations", "listGitHubInstallations"}, kind: kindList, h: listGitHubInstallations},
	{Route: Route{"POST", "/v1/workspaces/{ws}/github-installations", "createGitHubInstallation"}, kind: kindCreate,
		h: createGitHubInstallation},
	{Route: Route{"GET", "/v1/workspaces/{ws}/github-installations/{ghi}", "getGitHubInstallation"}, kind: kindRead,
		h: getGitHubInstallation},
	{Route: Route{"PATCH", "/v1/workspaces/{ws}/github-installations/{ghi}", "updateGitHubInstallation"}, kind: kindUpdate,
		h: updateGitHubInstallation},
	{Route: Route{"DELETE", "/v1/workspaces/{ws}/github-installations/{ghi}", "deleteGitHubInstallation"}, kind: kindDelete,
		h: deleteGitHubInstallation},
	{Route: Route{"POST", "/v1/admin/github-installations/{ghi}/suspend", "suspendGitHubInstallation"}, kind: kindAction,
		h: suspendGitHubInstallation, optionalBody: true},
	{Route: Route{"POST", "/v1/admin/github-installations/{ghi}/unsuspend", "unsuspendGitHubInstallation"}, kind: kindAction,
		h: unsuspendGitHubInstallation, optionalBody: true},

	{Route: Route{"GET", "/v1/operations/{op}", "getOperation"}, kind: kindRead, h: getOperation},
	{Route: Route{"GET", "/v1/plan-sessions/{session}", "getPlanSession"}, kind: kindRead, h: getPlanSession},
	{Route: Route{"POST", "/v1/plan-sessions/{session}/deletes", "declarePlannedDeletes"}, kind: kindAction, h: declarePlannedDeletes},
	{Route: Route{"POST", "/v1/plan-sessions/{session}/dry-runs", "dryRuns"}, kind: kindAction, h: dryRuns},

	{Route: Route{"GET", "/v1/openapi.json", "getOpenAPI"}, kind: kindRead, h: getOpenAPI, public: true},
	{Route: Route{"GET", "/healthz", "healthz"}, kind: kindRead, h: healthz, public: true, unlimited: true},
}

// notFoundRoute answers every request no route matches.
var notFoundRoute = route{Route: Route{"", "/", "notFound"}, kind: kindRead, h: notFound, public: true}
