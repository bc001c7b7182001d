package provider

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// Shared by the workspace and project member resources and data sources, and the authoritative
// member sets (platform_workspace_members, platform_project_members).

// workspaceRoleValidator accepts a built-in workspace role or a custom role id. The API names
// custom roles by id only (a name could be taken by a new role later), so configurations refer
// to platform_role.<name>.id.
func workspaceRoleValidator() validator.String {
	return roleValidator(client.RoleOwner, client.RoleAdmin, client.RoleMember, client.RoleViewer)
}

// projectRoleValidator accepts a built-in project role or a custom role id.
func projectRoleValidator() validator.String {
	return roleValidator(client.ProjectRoleAdmin, client.ProjectRoleMember, client.ProjectRoleViewer)
}

// memberRef names a member in API paths: the user id once known, the e-mail right after an
// import.
func memberRef(userID, email types.String) string {
	if !userID.IsNull() && !userID.IsUnknown() && userID.ValueString() != "" {
		return userID.ValueString()
	}
	return email.ValueString()
}

// memberSets follows, within one provider process (one plan or one apply), which workspaces and
// projects are managed by an authoritative set and which by single-member resources: both for
// the same scope fight (the set removes what the single resource adds, every apply), so the
// plan refuses the mix. Terraform tells a provider nothing of other resources, so this sees
// only what this process plans, and only scopes whose ids are known at plan time.
type memberSets struct {
	mu     sync.Mutex
	claims map[string]*memberClaim // "ws_..." or "ws_.../prj_..."

	meOnce sync.Once
	me     *client.Me
	meErr  error
}

type memberClaim struct {
	set     bool     // an authoritative set is planned for the scope
	singles []string // the single-member resources planned for it, by e-mail
}

// caller is who the provider acts as, read once per process.
func (m *memberSets) caller(ctx context.Context, c *client.Client) (*client.Me, error) {
	m.meOnce.Do(func() { m.me, m.meErr = c.Me.Get(ctx) })
	return m.me, m.meErr
}

// claim records a plan for scope, by the set (single == "") or by the single-member resource
// for e-mail single, and returns what conflicts with it: the single members planned so far for
// a set; for a single member, whether a set was planned.
func (m *memberSets) claim(scope, single string) (singles []string, set bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.claims == nil {
		m.claims = map[string]*memberClaim{}
	}
	c := m.claims[scope]
	if c == nil {
		c = &memberClaim{}
		m.claims[scope] = c
	}
	if single == "" {
		c.set = true
		return slices.Clone(c.singles), false
	}
	c.singles = append(c.singles, single)
	return nil, c.set
}

// memberSetScopeKey names a workspace or project in memberSets; "" when an id is not known.
func memberSetScopeKey(ws, prj types.String, project bool) string {
	if ws.IsUnknown() || ws.IsNull() || (project && (prj.IsUnknown() || prj.IsNull())) {
		return ""
	}
	if project {
		return ws.ValueString() + "/" + prj.ValueString()
	}
	return ws.ValueString()
}

// mixedMembersError explains why a set and single-member resources for the same scope fight.
func mixedMembersError(diags *diag.Diagnostics, at path.Path, setType, singleType, scope string, emails []string) {
	diags.AddAttributeError(at, "Member set and single members for the same "+scopeNoun(setType),
		fmt.Sprintf("This plan manages the members of %s %s with %s (authoritative: it removes every member it "+
			"does not list) and with %s (%s). Each apply would undo the other. Manage these members in one way: "+
			"list them in %s.members and remove the %s resources (a removed block with `destroy = false` "+
			"forgets one without removing the member), or drop %s.",
			scopeNoun(setType), scope, setType, singleType, strings.Join(emails, ", "), setType, singleType, setType))
}

func scopeNoun(setType string) string {
	if setType == projectMembersTypeName {
		return "project"
	}
	return "workspace"
}

// claimSingleMember is the ModifyPlan step of platform_workspace_member and
// platform_project_member that detects a set for the same scope.
func claimSingleMember(ctx context.Context, data *providerData, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse,
	singleType, setType string, project bool) {
	if data == nil || req.Plan.Raw.IsNull() || resp.Diagnostics.HasError() {
		return
	}
	var ws, prj, email types.String
	resp.Diagnostics.Append(resp.Plan.GetAttribute(ctx, path.Root("workspace_id"), &ws)...)
	resp.Diagnostics.Append(resp.Plan.GetAttribute(ctx, path.Root("email"), &email)...)
	if project {
		resp.Diagnostics.Append(resp.Plan.GetAttribute(ctx, path.Root("project_id"), &prj)...)
	}
	scope := memberSetScopeKey(ws, prj, project)
	if resp.Diagnostics.HasError() || scope == "" || email.IsUnknown() {
		return
	}
	if _, set := data.memberSets.claim(scope, email.ValueString()); set {
		mixedMembersError(&resp.Diagnostics, path.Root("email"), setType, singleType, scope, []string{email.ValueString()})
	}
}

// ModifyPlan of platform_workspace_member: the workspace-scoped plan, the check against a
// platform_workspace_members for the same workspace, then the plan-time dry run.
func (r *workspaceMemberResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	r.planWorkspace(ctx, req, resp)
	claimSingleMember(ctx, r.data, req, resp, workspaceMemberTypeName, workspaceMembersTypeName, false)
	if !resp.Diagnostics.HasError() {
		r.checkPlan(ctx, req, resp) // the dry run last: a mix is reported as such
	}
}

// ModifyPlan of platform_project_member: the workspace-scoped plan, the check against a
// platform_project_members for the same project, then the plan-time dry run.
func (r *projectMemberResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	r.planWorkspace(ctx, req, resp)
	claimSingleMember(ctx, r.data, req, resp, projectMemberTypeName, projectMembersTypeName, true)
	if !resp.Diagnostics.HasError() {
		r.checkPlan(ctx, req, resp) // the dry run last: a mix is reported as such
	}
}

// setMember is one member of a workspace or project as the API lists it.
type setMember struct {
	Email, UserID, Role string
}

// ref names the member in API paths (the e-mail for a member known only from the state).
func (m setMember) ref() string { return cmp.Or(m.UserID, m.Email) }

// memberSetAPI is what an authoritative set calls in its workspace or project.
type memberSetAPI struct {
	list   func(ctx context.Context) ([]setMember, error)
	add    func(ctx context.Context, email, role string) error
	update func(ctx context.Context, ref, role string) error
	remove func(ctx context.Context, ref string) error
}

// collectMembers reads every page of a member listing.
func collectMembers[T any](seq func(yield func(*T, error) bool), conv func(*T) setMember) ([]setMember, error) {
	var out []setMember
	for m, err := range seq {
		if err != nil {
			return nil, err
		}
		out = append(out, conv(m))
	}
	return out, nil
}

// memberChange is one call of an apply: an add (from ""), a removal (to "") or a role change.
type memberChange struct {
	member   setMember // Email as configured for an add
	from, to string
}

func (c memberChange) String() string {
	switch {
	case c.from == "":
		return fmt.Sprintf("adding %s as %s", c.member.Email, c.to)
	case c.to == "":
		return fmt.Sprintf("removing %s (%s)", c.member.Email, c.from)
	default:
		return fmt.Sprintf("changing the role of %s from %s to %s", c.member.Email, c.from, c.to)
	}
}

// memberChanges are the calls that turn current into desired (e-mails compare case-insensitively,
// as the API does), in an order that never leaves the scope without an owner (ownerRole; ""
// for projects) nor the caller without access before the rest is done: removals of non-owners
// first (they free quota for the additions, and no owner depends on them), then additions and
// promotions to owner, then other additions and role changes, then owners' demotions, then
// owners' removals; the caller's own entry after everything else.
func memberChanges(current []setMember, desired map[string]string, ownerRole, callerEmail string) []memberChange {
	byEmail := make(map[string]setMember, len(current))
	for _, m := range current {
		byEmail[strings.ToLower(m.Email)] = m
	}
	var out []memberChange
	for email, role := range desired {
		m, ok := byEmail[strings.ToLower(email)]
		delete(byEmail, strings.ToLower(email))
		switch {
		case !ok:
			out = append(out, memberChange{member: setMember{Email: email}, to: role})
		case m.Role != role:
			out = append(out, memberChange{member: m, from: m.Role, to: role})
		}
	}
	for _, m := range byEmail {
		out = append(out, memberChange{member: m, from: m.Role})
	}
	isOwner := func(role string) bool { return ownerRole != "" && role == ownerRole }
	phase := func(c memberChange) int {
		p := 0
		switch {
		case c.to == "" && !isOwner(c.from):
		case isOwner(c.to):
			p = 1
		case c.to != "" && !isOwner(c.from):
			p = 2
		case c.to != "":
			p = 3
		default:
			p = 4
		}
		if callerEmail != "" && strings.EqualFold(c.member.Email, callerEmail) {
			p += 10
		}
		return p
	}
	slices.SortFunc(out, func(a, b memberChange) int {
		return cmp.Or(cmp.Compare(phase(a), phase(b)), strings.Compare(strings.ToLower(a.member.Email), strings.ToLower(b.member.Email)))
	})
	return out
}

// applyMemberChanges makes the calls in order and stops at the first failure. A member already
// gone counts as removed.
func applyMemberChanges(ctx context.Context, api memberSetAPI, changes []memberChange) error {
	for _, c := range changes {
		if err := c.call(ctx, api); err != nil {
			return &memberChangeError{change: c, err: err}
		}
	}
	return nil
}

// call makes the change's API call (a dry run when ctx says so).
func (c memberChange) call(ctx context.Context, api memberSetAPI) error {
	switch {
	case c.from == "":
		return api.add(ctx, c.member.Email, c.to)
	case c.to == "":
		if err := api.remove(ctx, c.member.ref()); !isNotFound(err) {
			return err
		}
		return nil
	default:
		return api.update(ctx, c.member.ref(), c.to)
	}
}

// dryRunMemberChanges asks the server for a dry run of each change and reports, on members,
// the refusals that hold whatever order the apply makes the calls in and whatever else the plan
// does: permission (nobody grants what they do not hold, only owners make owners) and invalid
// values (a custom role id the workspace does not have). Others are left to the apply: the
// last-owner rule and quotas depend on the other changes, and a project member may become a
// workspace member earlier in the same apply.
func dryRunMemberChanges(ctx context.Context, api memberSetAPI, typeName string, changes []memberChange, diags *diag.Diagnostics) {
	ctx = client.WithValidateOnly(ctx)
	for _, c := range changes {
		err := c.call(ctx, api)
		if errors.Is(err, client.ErrPermissionDenied) || errors.Is(err, client.ErrInvalidArgument) {
			diags.AddAttributeError(membersPath, "Cannot apply "+typeName,
				fmt.Sprintf("The server would refuse %s: %s", c, apiErrorDetail(err)))
		}
	}
}

type memberChangeError struct {
	change memberChange
	err    error
}

func (e *memberChangeError) Error() string { return e.change.String() + ": " + e.err.Error() }
func (e *memberChangeError) Unwrap() error { return e.err }

// builtinRank orders the built-in roles, highest first; custom roles are not ranked.
var builtinRank = []string{client.RoleOwner, client.RoleAdmin, client.RoleMember, client.RoleViewer}

// promotes reports whether to is a higher built-in role than from.
func promotes(from, to string) bool {
	f, t := slices.Index(builtinRank, from), slices.Index(builtinRank, to)
	return f >= 0 && t >= 0 && t < f
}

// callerEntry finds the caller's entry in current and desired: its current role ("" when the
// caller is not listed) and the desired one ("" when the set drops it).
func callerEntry(me *client.Me, current []setMember, desired map[string]string) (from, to string, listed bool) {
	for _, m := range current {
		if (m.UserID != "" && m.UserID == me.UserID) || strings.EqualFold(m.Email, me.Email) {
			from, listed = m.Role, true
		}
	}
	for email, role := range desired {
		if strings.EqualFold(email, me.Email) {
			to = role
		}
	}
	return from, to, listed
}

// membersValue is the members attribute for what the API lists, keeping the e-mails' spelling
// of prior (the API stores them lower-case).
func membersValue(prior map[string]string, current []setMember) types.Map {
	spelling := make(map[string]string, len(prior))
	for email := range prior {
		spelling[strings.ToLower(email)] = email
	}
	elems := make(map[string]attr.Value, len(current))
	for _, m := range current {
		elems[cmp.Or(spelling[strings.ToLower(m.Email)], m.Email)] = types.StringValue(m.Role)
	}
	return types.MapValueMust(types.StringType, elems)
}

// membersFromState reads the members of a state as the API would list them (without user ids,
// which the API does not need: it names members by e-mail too).
func membersFromState(members map[string]string) []setMember {
	out := make([]setMember, 0, len(members))
	for email, role := range members {
		out = append(out, setMember{Email: email, Role: role})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Email < out[j].Email })
	return out
}

// memberSetKind is what differs between platform_workspace_members and platform_project_members;
// memberSetResource does the rest.
type memberSetKind struct {
	typeName  string
	project   bool   // the scope is a project (workspace_id and project_id), else a workspace
	ownerRole string // the role the set must keep; "" for projects
	schema    func() schema.Schema
	// resolve turns the slugs an import writes into ids (one GET); ids are returned as they are.
	resolve func(ctx context.Context, c *client.Client, ws, prj string) (string, string, error)
	api     func(c *client.Client, ws, prj string) memberSetAPI
	// callerRefusal says why the set may not change the caller's own entry from `from` to `to`
	// ("" removes it), or "" when it may.
	callerRefusal func(ctx context.Context, c *client.Client, ws string, me *client.Me, from, to string) (string, error)
}

// memberSetResource is an authoritative member set: its Read lists every member, and its
// applies add, change and remove members until the scope has exactly the configured ones.
type memberSetResource struct {
	workspaceScopedResource
	kind *memberSetKind
}

var (
	_ resource.ResourceWithConfigure   = (*memberSetResource)(nil)
	_ resource.ResourceWithImportState = (*memberSetResource)(nil)
	_ resource.ResourceWithIdentity    = (*memberSetResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*memberSetResource)(nil)
)

// memberSetState is the resource's data, read and written by path since the two kinds differ
// in their attributes (ProjectID is null for workspaces).
type memberSetState struct {
	ID, WorkspaceID, ProjectID types.String
	Members                    types.Map
}

type attrGetter interface {
	GetAttribute(context.Context, path.Path, any) diag.Diagnostics
}

type attrSetter interface {
	SetAttribute(context.Context, path.Path, any) diag.Diagnostics
}

var membersPath = path.Root("members")

func (k *memberSetKind) get(ctx context.Context, g attrGetter, diags *diag.Diagnostics) memberSetState {
	var s memberSetState
	diags.Append(g.GetAttribute(ctx, path.Root("id"), &s.ID)...)
	diags.Append(g.GetAttribute(ctx, path.Root("workspace_id"), &s.WorkspaceID)...)
	diags.Append(g.GetAttribute(ctx, membersPath, &s.Members)...)
	if k.project {
		diags.Append(g.GetAttribute(ctx, path.Root("project_id"), &s.ProjectID)...)
	}
	return s
}

func (k *memberSetKind) set(ctx context.Context, st attrSetter, s memberSetState, diags *diag.Diagnostics) {
	diags.Append(st.SetAttribute(ctx, path.Root("id"), s.ID)...)
	diags.Append(st.SetAttribute(ctx, path.Root("workspace_id"), s.WorkspaceID)...)
	diags.Append(st.SetAttribute(ctx, membersPath, s.Members)...)
	if k.project {
		diags.Append(st.SetAttribute(ctx, path.Root("project_id"), s.ProjectID)...)
	}
}

// id is the resource's id: the workspace id, or "<workspace id>/<project id>".
func (k *memberSetKind) id(ws, prj string) string {
	if k.project {
		return ws + "/" + prj
	}
	return ws
}

func (r *memberSetResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = r.kind.typeName
}

func (r *memberSetResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = r.kind.schema()
}

// membersAttribute is the members map of a set: e-mail -> role.
func membersAttribute(desc string, role validator.String) schema.MapAttribute {
	return schema.MapAttribute{
		MarkdownDescription: desc,
		ElementType:         types.StringType,
		Required:            true,
		Validators:          []validator.Map{mapvalidator.KeysAre(emailValidator()), mapvalidator.ValueStringsAre(role)},
	}
}

// knownMembers is the planned map without its unknown roles; complete is false when some are
// unknown (a role id of a custom role created by the same plan).
func knownMembers(m types.Map) (out map[string]string, complete bool) {
	out, complete = map[string]string{}, true
	for email, v := range m.Elements() {
		s, ok := v.(types.String)
		if !ok || s.IsUnknown() || s.IsNull() {
			complete = false
			continue
		}
		out[email] = s.ValueString()
	}
	return out, complete
}

// ModifyPlan refuses, with the reason, what the apply would fail on or regret: two keys for
// one e-mail, a workspace without an owner, a set mixed with single-member resources for the
// same scope, a set that removes or demotes the caller's own access, and changes the server
// refuses in a dry run (dryRunMemberChanges: one request per change). A create also warns
// about the members it will remove or change (they are not in the state yet, so the plan
// cannot show them as a diff).
func (r *memberSetResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	r.workspaceScopedResource.ModifyPlan(ctx, req, resp)
	if r.data == nil || req.Plan.Raw.IsNull() || resp.Diagnostics.HasError() {
		return
	}
	k := r.kind
	plan := k.get(ctx, resp.Plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	scope := memberSetScopeKey(plan.WorkspaceID, plan.ProjectID, k.project)
	id := types.StringUnknown()
	if scope != "" {
		id = types.StringValue(scope)
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), id)...)
	if plan.Members.IsUnknown() || plan.Members.IsNull() {
		return
	}
	desired, complete := knownMembers(plan.Members)

	seen := map[string]string{}
	for _, email := range slices.Sorted(maps.Keys(desired)) {
		if other, dup := seen[strings.ToLower(email)]; dup {
			resp.Diagnostics.AddAttributeError(membersPath, "Member listed twice",
				fmt.Sprintf("%q and %q are the same member: the platform compares e-mails case-insensitively. Keep one key.", other, email))
		}
		seen[strings.ToLower(email)] = email
	}
	if k.ownerRole != "" && complete && !slices.Contains(slices.Collect(maps.Values(desired)), k.ownerRole) {
		resp.Diagnostics.AddAttributeError(membersPath, "The workspace needs an owner",
			"members has no member with role \"owner\": a workspace always keeps at least one owner, and this set "+
				"is the whole membership, so applying it would remove or demote every owner. Give at least one "+
				"member role = \"owner\".")
	}
	if scope != "" {
		if singles, _ := r.data.memberSets.claim(scope, ""); len(singles) > 0 {
			single := workspaceMemberTypeName
			if k.project {
				single = projectMemberTypeName
			}
			mixedMembersError(&resp.Diagnostics, membersPath, k.typeName, single, scope, singles)
		}
	}
	if resp.Diagnostics.HasError() || !complete || scope == "" {
		return
	}

	ws, prj := plan.WorkspaceID.ValueString(), plan.ProjectID.ValueString()
	var current []setMember
	if !req.State.Raw.IsNull() {
		prior := k.get(ctx, req.State, &resp.Diagnostics)
		current = membersFromState(stringMapFrom(ctx, prior.Members, &resp.Diagnostics))
	} else {
		var err error
		if current, err = k.api(r.client(), ws, prj).list(ctx); err != nil {
			if !isNotFound(err) { // a missing scope fails the apply with the API's message
				addAPIError(&resp.Diagnostics, k.typeName, "plan", err)
			}
			return
		}
		warnCreateChanges(resp, k, scope, current, desired)
	}
	me, err := r.data.memberSets.caller(ctx, r.client())
	if err != nil {
		return // the apply checks again, and fails if it still cannot tell
	}
	if msg, err := r.callerProblem(ctx, ws, me, current, desired); err == nil && msg != "" {
		resp.Diagnostics.AddAttributeError(membersPath, "The set removes or demotes your own access", msg)
		return
	}
	dryRunMemberChanges(ctx, k.api(r.client(), ws, prj), k.typeName, memberChanges(current, desired, k.ownerRole, me.Email), &resp.Diagnostics)
}

// warnCreateChanges tells what a new set does to the members the scope already has.
func warnCreateChanges(resp *resource.ModifyPlanResponse, k *memberSetKind, scope string, current []setMember, desired map[string]string) {
	var lines []string
	for _, c := range memberChanges(current, desired, k.ownerRole, "") {
		if c.from != "" {
			lines = append(lines, "  - "+c.String())
		}
	}
	if len(lines) == 0 {
		return
	}
	resp.Diagnostics.AddAttributeWarning(membersPath, "Existing members will be removed or changed",
		fmt.Sprintf("%s is authoritative: creating it makes the members of %s %s exactly this set, which means:\n%s\n\n"+
			"To see such changes as a diff instead, import the existing members first (terraform import).",
			k.typeName, scopeNoun(k.typeName), scope, strings.Join(lines, "\n")))
}

// callerProblem explains why the set may not touch the caller's own entry, or is "". An API key
// is no member, so it has nothing to lose.
func (r *memberSetResource) callerProblem(ctx context.Context, ws string, me *client.Me, current []setMember,
	desired map[string]string) (string, error) {
	if me == nil || me.Type != client.PrincipalUser {
		return "", nil
	}
	from, to, listed := callerEntry(me, current, desired)
	if !listed || from == to || promotes(from, to) {
		return "", nil
	}
	return r.kind.callerRefusal(ctx, r.client(), ws, me, from, to)
}

// Create takes over the scope's members: it lists them and makes them the configured set.
func (r *memberSetResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	plan := r.kind.get(ctx, req.Plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	api := r.kind.api(r.client(), plan.WorkspaceID.ValueString(), plan.ProjectID.ValueString())
	current, err := api.list(ctx)
	if err != nil {
		addAPIError(&resp.Diagnostics, r.kind.typeName, "create", err)
		return
	}
	r.reconcile(ctx, "create", plan, api, current, &resp.Diagnostics, &resp.State)
	identityFromState(ctx, resp.State, resp.Identity, &resp.Diagnostics)
}

// Update applies the difference between the state (refreshed by the plan) and the plan: the
// calls the plan showed, no more.
func (r *memberSetResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	plan := r.kind.get(ctx, req.Plan, &resp.Diagnostics)
	prior := r.kind.get(ctx, req.State, &resp.Diagnostics)
	current := membersFromState(stringMapFrom(ctx, prior.Members, &resp.Diagnostics))
	if resp.Diagnostics.HasError() {
		return
	}
	api := r.kind.api(r.client(), plan.WorkspaceID.ValueString(), plan.ProjectID.ValueString())
	r.reconcile(ctx, "update", plan, api, current, &resp.Diagnostics, &resp.State)
	identityFromState(ctx, resp.State, resp.Identity, &resp.Diagnostics)
}

// reconcile turns current into the planned members and records the result. The caller's own
// access is checked again (the plan may not have known every value). On a failed call it
// stops, and records the members as they then are.
func (r *memberSetResource) reconcile(ctx context.Context, action string, plan memberSetState, api memberSetAPI,
	current []setMember, diags *diag.Diagnostics, st attrSetter) {
	k := r.kind
	desired := stringMapFrom(ctx, plan.Members, diags)
	ws, prj := plan.WorkspaceID.ValueString(), plan.ProjectID.ValueString()
	plan.ID = types.StringValue(k.id(ws, prj))
	me, err := r.data.memberSets.caller(ctx, r.client())
	if err != nil {
		addAPIError(diags, k.typeName, action, err)
		return
	}
	msg, err := r.callerProblem(ctx, ws, me, current, desired)
	switch {
	case err != nil:
		addAPIError(diags, k.typeName, action, err)
		return
	case msg != "":
		diags.AddAttributeError(membersPath, "The set removes or demotes your own access", msg+"\n\nNothing was changed.")
		return
	}
	if err := applyMemberChanges(ctx, api, memberChanges(current, desired, k.ownerRole, me.Email)); err != nil {
		var ce *memberChangeError
		detail := apiErrorDetail(err)
		if errors.As(err, &ce) {
			detail = fmt.Sprintf("Failed while %s: %s", ce.change, apiErrorDetail(ce.err))
		}
		diags.AddError(fmt.Sprintf("Could not %s %s", action, k.typeName),
			detail+"\n\nThe changes before it were made; the state records the members as they now are.")
		if now, err := api.list(ctx); err == nil {
			plan.Members = membersValue(desired, now)
			k.set(ctx, st, plan, diags)
		}
		return
	}
	k.set(ctx, st, plan, diags)
}

// Read lists every member, so that members added, removed or changed elsewhere show as a diff.
// A workspace or project that is gone removes the set from the state.
func (r *memberSetResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	k := r.kind
	s := k.get(ctx, req.State, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ws, prj, err := k.resolve(ctx, r.client(), s.WorkspaceID.ValueString(), s.ProjectID.ValueString())
	var current []setMember
	if err == nil {
		current, err = k.api(r.client(), ws, prj).list(ctx)
	}
	if isNotFound(err) {
		resp.State.RemoveResource(ctx)
		keepIdentity(ctx, req, resp)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, k.typeName, "read", err)
		return
	}
	s.Members = membersValue(stringMapFrom(ctx, s.Members, &resp.Diagnostics), current)
	s.ID, s.WorkspaceID = types.StringValue(k.id(ws, prj)), types.StringValue(ws)
	if k.project {
		s.ProjectID = types.StringValue(prj)
	}
	k.set(ctx, &resp.State, s, &resp.Diagnostics)
	identityFromState(ctx, resp.State, resp.Identity, &resp.Diagnostics)
}

// Delete leaves the members as they are: a workspace cannot lose all of them (it keeps an owner,
// and the caller), and removing access is what an empty set (projects) or smaller set is for.
// The resource only stops managing the set.
func (r *memberSetResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {
}

// IdentitySchema names the set by the ids of its scope (see identity.go).
func (r *memberSetResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	if r.kind.project {
		resp.IdentitySchema = identitySchema(workspaceIdentity, projectIdentity)
		return
	}
	resp.IdentitySchema = identitySchema(workspaceIdentity)
}

// ImportState takes "<workspace slug or id>" or "<workspace>/<project>" (slugs or ids); Read
// resolves them.
func (r *memberSetResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if importIdentity(ctx, req, resp) {
		return
	}
	parts := importIDParts(req, resp, r.kind.typeName)
	if parts == nil {
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("workspace_id"), parts[0])...)
	if r.kind.project {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("project_id"), parts[1])...)
	}
}
