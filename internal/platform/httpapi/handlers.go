package httpapi

import (
	"encoding/json"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/service"
)

// Handlers translate only: each decodes its input, calls one service method and returns the
// service's result unchanged; call.respond turns results into HTTP answers.

// --- caller and tokens ---

func getMe(c *call) (any, error) { return c.svc.Me(c.ctx, c.caller) }

func listTokens(c *call) (any, error) {
	p, err := c.svc.ListTokens(c.ctx, c.caller, c.list)
	return listed(c, p, err)
}

func createToken(c *call) (any, error) {
	var in service.TokenInput
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	return c.svc.CreateToken(c.ctx, c.caller, in)
}

func getToken(c *call) (any, error) {
	return c.svc.GetToken(c.ctx, c.caller, c.path("id"))
}

func deleteToken(c *call) (any, error) {
	return nil, c.svc.DeleteToken(c.ctx, c.caller, c.path("id"))
}

func adminCreateUserToken(c *call) (any, error) {
	var in service.TokenInput
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	return c.svc.AdminCreateUserToken(c.ctx, c.caller, c.path("email"), in)
}

func listKubernetesVersions(c *call) (any, error) {
	return itemsOnly{Items: c.svc.KubernetesVersions()}, nil
}

// itemsOnly is a complete, unpaginated list.
type itemsOnly struct {
	Items []string `json:"items"`
}

// --- organizations ---

func createOrganization(c *call) (any, error) {
	var in service.OrganizationInput
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	return c.svc.CreateOrganization(c.ctx, c.caller, in)
}

func listOrganizations(c *call) (any, error) {
	p, err := c.svc.ListOrganizations(c.ctx, c.caller, c.list)
	return listed(c, p, err)
}

func getOrganization(c *call) (any, error) {
	return c.svc.GetOrganization(c.ctx, c.caller, c.path("org"))
}

func updateOrganization(c *call) (any, error) {
	var in service.OrganizationPatch
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	return c.svc.UpdateOrganization(c.ctx, c.caller, c.path("org"), in, c.ifVersion)
}

func deleteOrganization(c *call) (any, error) {
	return nil, c.svc.DeleteOrganization(c.ctx, c.caller, c.path("org"), c.ifVersion)
}

func listOrganizationMembers(c *call) (any, error) {
	p, err := c.svc.ListOrganizationMembers(c.ctx, c.caller, c.path("org"), c.list)
	return listed(c, p, err)
}

func addOrganizationMember(c *call) (any, error) {
	var in service.OrganizationMemberInput
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	return c.svc.AddOrganizationMember(c.ctx, c.caller, c.path("org"), in)
}

func getOrganizationMember(c *call) (any, error) {
	return c.svc.GetOrganizationMember(c.ctx, c.caller, c.path("org"), c.path("member"))
}

func updateOrganizationMember(c *call) (any, error) {
	var in service.OrganizationMemberPatch
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	return c.svc.UpdateOrganizationMember(c.ctx, c.caller, c.path("org"), c.path("member"), in, c.ifVersion)
}

func removeOrganizationMember(c *call) (any, error) {
	return nil, c.svc.RemoveOrganizationMember(c.ctx, c.caller, c.path("org"), c.path("member"), c.ifVersion)
}

// --- workspaces ---

func createWorkspace(c *call) (any, error) {
	var in service.WorkspaceInput
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	return c.svc.CreateWorkspace(c.ctx, c.caller, in)
}

func listWorkspaces(c *call) (any, error) {
	p, err := c.svc.ListWorkspaces(c.ctx, c.caller, c.list)
	return listed(c, p, err)
}

func getWorkspace(c *call) (any, error) {
	return c.svc.GetWorkspace(c.ctx, c.caller, c.path("ws"))
}

func updateWorkspace(c *call) (any, error) {
	var in service.WorkspacePatch
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	return c.svc.UpdateWorkspace(c.ctx, c.caller, c.path("ws"), in, c.ifVersion)
}

func deleteWorkspace(c *call) (any, error) {
	force, err := c.boolQuery("force")
	if err != nil {
		return nil, err
	}
	return nil, c.svc.DeleteWorkspace(c.ctx, c.caller, c.path("ws"), force, c.ifVersion)
}

func transferOwnership(c *call) (any, error) {
	var in service.TransferOwnershipInput
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	return c.svc.TransferOwnership(c.ctx, c.caller, c.path("ws"), in)
}

func getUsage(c *call) (any, error) { return c.svc.Usage(c.ctx, c.caller, c.path("ws")) }

func listAuditEvents(c *call) (any, error) {
	p, err := c.svc.ListAuditEvents(c.ctx, c.caller, c.path("ws"), c.list)
	return listed(c, p, err)
}

// --- workspace members ---

func listMembers(c *call) (any, error) {
	p, err := c.svc.ListMembers(c.ctx, c.caller, c.path("ws"), c.list)
	return listed(c, p, err)
}

func listManagingOrganizationMembers(c *call) (any, error) {
	p, err := c.svc.ListManagingOrganizationMembers(c.ctx, c.caller, c.path("ws"), c.list)
	return listed(c, p, err)
}

func inviteMember(c *call) (any, error) {
	var in service.MemberInput
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	return c.svc.InviteMember(c.ctx, c.caller, c.path("ws"), in)
}

func getMember(c *call) (any, error) {
	return c.svc.GetMember(c.ctx, c.caller, c.path("ws"), c.path("member"))
}

func updateMember(c *call) (any, error) {
	var in service.MemberPatch
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	return c.svc.UpdateMember(c.ctx, c.caller, c.path("ws"), c.path("member"), in, c.ifVersion)
}

func removeMember(c *call) (any, error) {
	return nil, c.svc.RemoveMember(c.ctx, c.caller, c.path("ws"), c.path("member"), c.ifVersion)
}

// --- projects ---

func listProjects(c *call) (any, error) {
	p, err := c.svc.ListProjects(c.ctx, c.caller, c.path("ws"), c.list)
	return listed(c, p, err)
}

func createProject(c *call) (any, error) {
	var in service.ProjectInput
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	return c.svc.CreateProject(c.ctx, c.caller, c.path("ws"), in)
}

func getProject(c *call) (any, error) {
	return c.svc.GetProject(c.ctx, c.caller, c.path("ws"), c.path("prj"))
}

func updateProject(c *call) (any, error) {
	var in service.ProjectPatch
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	return c.svc.UpdateProject(c.ctx, c.caller, c.path("ws"), c.path("prj"), in, c.ifVersion)
}

func deleteProject(c *call) (any, error) {
	return nil, c.svc.DeleteProject(c.ctx, c.caller, c.path("ws"), c.path("prj"), c.ifVersion)
}

func listProjectMembers(c *call) (any, error) {
	p, err := c.svc.ListProjectMembers(c.ctx, c.caller, c.path("ws"), c.path("prj"), c.list)
	return listed(c, p, err)
}

func addProjectMember(c *call) (any, error) {
	var in service.ProjectMemberInput
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	return c.svc.AddProjectMember(c.ctx, c.caller, c.path("ws"), c.path("prj"), in)
}

func getProjectMember(c *call) (any, error) {
	return c.svc.GetProjectMember(c.ctx, c.caller, c.path("ws"), c.path("prj"), c.path("member"))
}

func updateProjectMember(c *call) (any, error) {
	var in service.ProjectMemberPatch
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	return c.svc.UpdateProjectMember(c.ctx, c.caller, c.path("ws"), c.path("prj"), c.path("member"), in, c.ifVersion)
}

func removeProjectMember(c *call) (any, error) {
	return nil, c.svc.RemoveProjectMember(c.ctx, c.caller, c.path("ws"), c.path("prj"), c.path("member"), c.ifVersion)
}

func getProjectAccess(c *call) (any, error) {
	return c.svc.ProjectAccess(c.ctx, c.caller, c.path("ws"), c.path("prj"), c.path("member"))
}

// --- custom roles ---

func listRoles(c *call) (any, error) {
	p, err := c.svc.ListRoles(c.ctx, c.caller, c.path("ws"), c.list)
	return listed(c, p, err)
}

func createRole(c *call) (any, error) {
	var in service.RoleInput
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	return c.svc.CreateRole(c.ctx, c.caller, c.path("ws"), in)
}

func getRole(c *call) (any, error) {
	return c.svc.GetRole(c.ctx, c.caller, c.path("ws"), c.path("role"))
}

func updateRole(c *call) (any, error) {
	var in service.RolePatch
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	return c.svc.UpdateRole(c.ctx, c.caller, c.path("ws"), c.path("role"), in, c.ifVersion)
}

func deleteRole(c *call) (any, error) {
	return nil, c.svc.DeleteRole(c.ctx, c.caller, c.path("ws"), c.path("role"), c.ifVersion)
}

// --- API keys ---

func listAPIKeys(c *call) (any, error) {
	p, err := c.svc.ListAPIKeys(c.ctx, c.caller, c.path("ws"), c.list)
	return listed(c, p, err)
}

func createAPIKey(c *call) (any, error) {
	var in service.APIKeyInput
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	return c.svc.CreateAPIKey(c.ctx, c.caller, c.path("ws"), in)
}

func getAPIKey(c *call) (any, error) {
	return c.svc.GetAPIKey(c.ctx, c.caller, c.path("ws"), c.path("key"))
}

func updateAPIKey(c *call) (any, error) {
	var in service.APIKeyPatch
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	return c.svc.UpdateAPIKey(c.ctx, c.caller, c.path("ws"), c.path("key"), in, c.ifVersion)
}

func deleteAPIKey(c *call) (any, error) {
	return nil, c.svc.DeleteAPIKey(c.ctx, c.caller, c.path("ws"), c.path("key"), c.ifVersion)
}

func rotateAPIKey(c *call) (any, error) {
	var in service.RotateInput
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	return c.svc.RotateAPIKey(c.ctx, c.caller, c.path("ws"), c.path("key"), in)
}

// --- regions ---

func listRegions(c *call) (any, error) {
	p, err := c.svc.ListRegions(c.ctx, c.caller, c.path("ws"), c.list)
	return listed(c, p, err)
}

func createRegion(c *call) (any, error) {
	var in service.RegionInput
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	return c.svc.CreateRegion(c.ctx, c.caller, c.path("ws"), in)
}

func getRegion(c *call) (any, error) {
	return c.svc.GetRegion(c.ctx, c.caller, c.path("ws"), c.path("region"))
}

func updateRegion(c *call) (any, error) {
	var in service.RegionPatch
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	return c.svc.UpdateRegion(c.ctx, c.caller, c.path("ws"), c.path("region"), in, c.ifVersion)
}

func deleteRegion(c *call) (any, error) {
	return nil, c.svc.DeleteRegion(c.ctx, c.caller, c.path("ws"), c.path("region"), c.ifVersion)
}

// --- clusters and operations ---

func listClusters(c *call) (any, error) {
	p, err := c.svc.ListClusters(c.ctx, c.caller, c.path("ws"), c.list)
	return listed(c, p, err)
}

func createCluster(c *call) (any, error) {
	var in service.ClusterInput
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	return c.svc.CreateCluster(c.ctx, c.caller, c.path("ws"), in)
}

func getCluster(c *call) (any, error) {
	return c.svc.GetCluster(c.ctx, c.caller, c.path("ws"), c.path("cluster"))
}

func updateCluster(c *call) (any, error) {
	var in service.ClusterPatch
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	return c.svc.UpdateCluster(c.ctx, c.caller, c.path("ws"), c.path("cluster"), in, c.ifVersion)
}

func deleteCluster(c *call) (any, error) {
	return c.svc.DeleteCluster(c.ctx, c.caller, c.path("ws"), c.path("cluster"), c.ifVersion)
}

func getOperation(c *call) (any, error) { return c.svc.GetOperation(c.ctx, c.caller, c.path("op")) }

func declarePlannedDeletes(c *call) (any, error) {
	var in service.PlannedDeletesInput
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	return c.svc.DeclarePlannedDeletes(c.ctx, c.caller, c.path("session"), in)
}

func getPlanSession(c *call) (any, error) {
	return c.svc.GetPlanSession(c.ctx, c.caller, c.path("session"))
}

// --- public ---

func getOpenAPI(c *call) (any, error) {
	if c.openAPI == nil {
		return nil, platform.Errorf(platform.CodeNotFound, "this server does not publish an OpenAPI document")
	}
	return json.RawMessage(c.openAPI), nil
}

func healthz(*call) (any, error) { return health{Status: "ok"}, nil }

type health struct {
	Status string `json:"status"`
}

func notFound(c *call) (any, error) {
	return nil, platform.Errorf(platform.CodeNotFound, "no such endpoint: %s %s", c.r.Method, c.r.URL.Path)
}
