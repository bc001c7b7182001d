package provider

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// Destroys are planned as dry runs in a plan session, so that removing a workspace together
// with what it holds either works in one apply or is refused before anything is deleted
// (docs/design.md, "Destroying a workspace with what it holds").
//
// Terraform gives a provider no view of the whole plan, and plans destroys in an order that
// depends on how they came about: under `terraform destroy` the objects in a workspace are
// planned before the workspace; for a module instance removed from the configuration the
// workspace is planned first; for resources whose blocks were deleted, in any order. So a
// decision that needs the whole plan cannot be taken while planning one resource. Every
// destroy is a dry-run DELETE in this process's plan session, which the server remembers, and
// the apply, before its first delete in a workspace that the plan also deletes, asks the server
// whether the workspace can then be deleted given everything the session planned. Refusals that
// do not depend on the rest of the plan (permissions) fail the plan itself.

// privateSessionKey is the private-state key under which a planned destroy keeps its plan
// session id for the apply.
const privateSessionKey = "plan_session"

// deletion is what a resource's destroy deletes.
type deletion struct {
	typeName    string // platform_project
	workspaceID string // the workspace it is in (the workspace's own id for platform_workspace)
	kind        string // client.PlannedProject, ...
	targetID    string // its id in plan sessions (a member's user id; "<project id>/<user id>")
	label       string // for messages: `project "web" (prj_...)`
	// del is the API delete: the real one, or a dry run when ctx says so.
	del func(ctx context.Context) error
	// For workspace memberships: the member's user id and role.
	memberUserID, memberRole string
}

// deletionFrom adapts a resource's typed deletion function to the prior state.
func deletionFrom[M any](f func(m *M) deletion) func(context.Context, tfsdk.State, *diag.Diagnostics) *deletion {
	return func(ctx context.Context, st tfsdk.State, diags *diag.Diagnostics) *deletion {
		var m M
		diags.Append(st.Get(ctx, &m)...)
		if diags.HasError() {
			return nil
		}
		d := f(&m)
		return &d
	}
}

// workspaceFate is what the plan made so far does with a workspace.
type workspaceFate int

const (
	fateUnknown workspaceFate = iota
	fateStays                 // planned, not for deletion
	fateDeleted               // planned for deletion
)

// planTracker follows what one provider process (one plan, or one apply) has seen.
type planTracker struct {
	mu sync.Mutex
	// Plan side.
	session       string // this plan's session id, made on first use
	fates         map[string]workspaceFate
	pendingOwners map[string][]string               // last-owner removals waiting for their workspace's plan
	undeclared    map[string][]client.PlannedTarget // deletes waiting for their workspace's plan
	access        map[string]*accessAnswer          // plan side: workspaces' access states, read once each
	sessions      map[string]*client.PlanSession    // apply side: sessions read, by id
	checks        map[string]error                  // apply side: "<session>/<workspace>" -> dry-run result
	me            *client.Me                        // apply side: who the provider acts as
}

func (p *planTracker) init() {
	if p.fates == nil {
		p.fates = map[string]workspaceFate{}
		p.pendingOwners = map[string][]string{}
		p.undeclared = map[string][]client.PlannedTarget{}
		p.access = map[string]*accessAnswer{}
		p.sessions = map[string]*client.PlanSession{}
		p.checks = map[string]error{}
	}
}

// sessionID is this process's plan session.
func (p *planTracker) sessionID() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.session == "" {
		p.session = "tf-" + rand.Text()
	}
	return p.session
}

// workspaceStays records that the plan keeps workspace id, and fails it when the plan removes
// the workspace's last owner (a removal planned earlier, waiting for the workspace's fate).
func (p *planTracker) workspaceStays(id, slug string, diags *diag.Diagnostics) {
	p.mu.Lock()
	p.init()
	p.fates[id] = fateStays
	owners := p.pendingOwners[id]
	delete(p.pendingOwners, id)
	p.mu.Unlock()
	for _, label := range owners {
		diags.AddError("Cannot remove the workspace's last owner", lastOwnerDetail(label, slug, nil))
	}
}

// lastOwnerDetail explains a refused removal of a workspace's last owner.
func lastOwnerDetail(label, slug string, err error) string {
	s := fmt.Sprintf("This plan removes %s, the last owner of workspace %s, and keeps the workspace: a workspace "+
		"always keeps at least one owner. Make another member owner first (a platform_workspace_member with "+
		"role = \"owner\", or transfer ownership), or delete the workspace in the same run.", label, slug)
	if err != nil {
		s += "\n\n" + apiErrorDetail(err)
	}
	return s
}

// privateSetter is the part of a plan's private state that ModifyPlan writes.
type privateSetter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// privateGetter is the part of private state that Delete reads.
type privateGetter interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

func (p *planTracker) rememberSession(ctx context.Context, private privateSetter, diags *diag.Diagnostics) string {
	s := p.sessionID()
	if private != nil {
		b, _ := json.Marshal(s)
		diags.Append(private.SetKey(ctx, privateSessionKey, b)...)
	}
	return s
}

// planDelete is the destroy plan of an object in a workspace. The session needs to know it
// only if the plan also deletes the workspace: until the workspace's plan says so, it is kept
// here, and the workspace's plan declares it with the others in one call (so destroying objects
// of a workspace that stays costs no request). Once the workspace is known to go, and for
// memberships and installations always, it is a dry-run delete in the session: a refusal that
// holds whatever else the plan does (permission) fails the plan; the removal of the
// workspace's last owner fails it unless the workspace goes too; other refusals are left to
// the apply, since the plan's other deletes may lift them.
func (p *planTracker) planDelete(ctx context.Context, c *client.Client, d *deletion, resp *resource.ModifyPlanResponse) {
	session := p.rememberSession(ctx, resp.Private, &resp.Diagnostics)
	p.mu.Lock()
	p.init()
	fate := p.fates[d.workspaceID]
	// Installations are always recorded: the workspace whose product they run may be deleted
	// by the same plan, and its delete is judged without them. So is a Stripe account: the
	// listings of paid products that the plan makes are judged without it (it never keeps a
	// workspace from being deleted, so no workspace declares it).
	deferred := d.kind != client.PlannedWorkspaceMember && d.kind != client.PlannedInstallation &&
		d.kind != client.PlannedStripeAccount && fate != fateDeleted
	p.mu.Unlock()
	// A workspace that is not writable (its subscription is past_due or canceled) refuses the
	// delete whatever else the plan does: such deletes are dry-run now, so that the plan fails
	// with the server's message instead of the apply.
	if deferred && p.accessState(ctx, c, d.workspaceID) == client.AccessStateFull {
		p.mu.Lock()
		// The workspace's destroy may have been planned (and its list declared) meanwhile.
		if p.fates[d.workspaceID] != fateDeleted {
			p.undeclared[d.workspaceID] = append(p.undeclared[d.workspaceID], client.PlannedTarget{Kind: d.kind, TargetID: d.targetID})
			p.mu.Unlock()
			return
		}
		p.mu.Unlock()
	}
	err := d.del(client.WithPlanSession(client.WithValidateOnly(ctx), session))
	switch {
	case err == nil || isNotFound(err):
	case errors.Is(err, client.ErrPermissionDenied) || errors.Is(err, client.ErrUnauthenticated):
		resp.Diagnostics.AddError("Cannot delete "+d.typeName, fmt.Sprintf("Deleting %s would be refused: %s", d.label, apiErrorDetail(err)))
	case p.refusedByAccessState(ctx, c, d.workspaceID, err):
		resp.Diagnostics.AddError("Cannot delete "+d.typeName, fmt.Sprintf("Deleting %s would be refused: %s", d.label, apiErrorDetail(err)))
	case d.kind == client.PlannedWorkspaceMember && errors.Is(err, client.ErrFailedPrecondition):
		// The last owner: allowed only when the workspace is deleted too. Its fate is read again:
		// the workspace's plan may have come while the dry run ran.
		p.mu.Lock()
		fate = p.fates[d.workspaceID]
		if fate == fateUnknown {
			// The workspace is planned later, if at all: its plan settles this removal (and the
			// apply leaves the membership to the workspace's deletion). A workspace outside this
			// configuration is never planned; then the apply's delete is refused.
			p.pendingOwners[d.workspaceID] = append(p.pendingOwners[d.workspaceID], d.label)
		}
		p.mu.Unlock()
		if fate == fateStays {
			resp.Diagnostics.AddError("Cannot remove the workspace's last owner", lastOwnerDetail(d.label, d.workspaceID, err))
		}
	}
}

// planWorkspaceDelete is the destroy plan of a workspace: a dry-run delete in the plan
// session. A refusal other than "not empty" fails the plan. "Not empty" does not: what the plan
// deletes in the workspace may still be planned after it, so the apply decides, before
// deleting anything in the workspace.
func (p *planTracker) planWorkspaceDelete(ctx context.Context, c *client.Client, id, slug string, force bool, resp *resource.ModifyPlanResponse) {
	session := p.rememberSession(ctx, resp.Private, &resp.Diagnostics)
	p.mu.Lock()
	p.init()
	p.fates[id] = fateDeleted
	delete(p.pendingOwners, id)
	undeclared := p.undeclared[id]
	delete(p.undeclared, id)
	p.mu.Unlock()
	for chunk := range slices.Chunk(undeclared, client.MaxDeclaredDeletes) {
		if _, err := c.PlanSessions.Declare(ctx, session, id, chunk); err != nil && !isNotFound(err) {
			resp.Diagnostics.AddError("Cannot plan the deletion of "+workspaceTypeName,
				fmt.Sprintf("Recording what this plan deletes in workspace %s failed: %s", slug, apiErrorDetail(err)))
			return
		}
	}
	err := c.Workspaces.Delete(client.WithPlanSession(client.WithValidateOnly(ctx), session), id,
		client.WorkspaceDeleteOptions{Force: force})
	switch {
	case err == nil || isNotFound(err):
	case errors.Is(err, client.ErrFailedPrecondition) && len(client.BlockingObjects(err)) > 0:
	default:
		resp.Diagnostics.AddError("Cannot delete "+workspaceTypeName,
			fmt.Sprintf("Deleting workspace %s would be refused, so nothing of it is deleted: %s", slug, apiErrorDetail(err)))
	}
}

// workspaceBlockedDetail explains a workspace that cannot be deleted because it holds objects
// that the run does not delete, and how to proceed; done says what happened so far ("" for
// nothing to say).
func workspaceBlockedDetail(err error, done string) string {
	var b strings.Builder
	var apiErr *client.APIError
	if errors.As(err, &apiErr) {
		b.WriteString(apiErr.Message)
	}
	b.WriteString("\n\nThis run does not delete these objects, so the workspace cannot be deleted:\n")
	for _, o := range client.BlockingObjects(err) {
		fmt.Fprintf(&b, "  - %s (%s)\n", o.Reason, o.ID)
	}
	if done != "" {
		b.WriteString("\n" + done)
	}
	b.WriteString("\nTo proceed, either:\n" +
		"  - add those objects to the configuration (import blocks) so that the run deletes them too, or delete them\n" +
		"    outside Terraform; or\n" +
		"  - set force_destroy = true on the workspace (the customer-workspace module's force_destroy input) and\n" +
		"    apply that change before removing it: the workspace is then deleted with everything in it.\n")
	if apiErr != nil && apiErr.RequestID != "" {
		fmt.Fprintf(&b, "\nrequest id: %s", apiErr.RequestID)
	}
	return b.String()
}

// beforeDelete runs in Delete before the API call. When the plan that scheduled this delete
// also deletes the object's workspace, it refuses to delete anything unless the workspace can
// then be deleted (a removal that cannot complete stops before it deletes anything), and leaves
// memberships to the workspace's deletion (so that neither the last-owner rule nor the order of
// deletes can stop the workspace's own delete). It reports whether the API delete must be
// skipped.
func (p *planTracker) beforeDelete(ctx context.Context, c *client.Client, private privateGetter, d *deletion, diags *diag.Diagnostics) bool {
	if private == nil || d.kind == client.PlannedWorkspace {
		return false
	}
	raw, _ := private.GetKey(ctx, privateSessionKey)
	var session string
	if len(raw) == 0 || json.Unmarshal(raw, &session) != nil || session == "" {
		return false // planned without a session (an older provider): delete as before
	}
	s, err := p.planSession(ctx, c, session)
	if err != nil {
		return false
	}
	deletes, force := s.DeletesWorkspace(d.workspaceID)
	if !deletes {
		return false
	}
	if !force {
		if first, err := p.workspaceDeletable(ctx, c, session, d.workspaceID); err != nil && !isNotFound(err) {
			summary := "Not deleting " + d.typeName
			switch {
			case !first:
				// Explained once, by the first delete refused for this workspace.
				diags.AddError(summary, fmt.Sprintf("Not deleting %s: this run also deletes its workspace %s, which cannot be "+
					"deleted (the \"Not deleting\" error that lists what the workspace holds says why and how to proceed).",
					d.label, d.workspaceID))
			case len(client.BlockingObjects(err)) > 0:
				diags.AddError(summary, fmt.Sprintf("Not deleting %s: this run also deletes its workspace.\n\n%s",
					d.label, workspaceBlockedDetail(err, "Nothing in the workspace has been deleted by this run.")))
			default:
				diags.AddError(summary, fmt.Sprintf("Not deleting %s: this run also deletes its workspace, which would be "+
					"refused, so nothing in it is deleted: %s", d.label, apiErrorDetail(err)))
			}
			return true
		}
	}
	if d.kind == client.PlannedWorkspaceMember && (d.memberRole == client.RoleOwner || p.isCaller(ctx, c, d.memberUserID)) {
		// Removing an owner could remove the last one, and removing the caller's own membership
		// their right to delete the workspace: the workspace's deletion removes them. Other
		// memberships go as usual (a custom role they hold can then be deleted).
		diags.AddWarning("Membership left to the workspace's deletion",
			fmt.Sprintf("%s is not removed on its own: this run deletes its workspace, which removes every membership.", d.label))
		return true
	}
	return false
}

// isCaller reports whether userID is the user this provider acts as (read once per process).
func (p *planTracker) isCaller(ctx context.Context, c *client.Client, userID string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.me == nil {
		me, err := c.Me.Get(ctx)
		if err != nil {
			return false
		}
		p.me = me
	}
	return userID != "" && p.me.UserID == userID
}

// planSession reads a plan session once per process.
func (p *planTracker) planSession(ctx context.Context, c *client.Client, id string) (*client.PlanSession, error) {
	p.mu.Lock()
	p.init()
	s, ok := p.sessions[id]
	p.mu.Unlock()
	if ok {
		return s, nil
	}
	s, err := c.PlanSessions.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	p.mu.Lock()
	p.sessions[id] = s
	p.mu.Unlock()
	return s, nil
}

// workspaceDeletable dry-runs the workspace's delete in the plan session once per process: the
// session holds every delete the plan scheduled, so the answer covers the whole plan. first is
// true for the one caller that gets the answer first.
func (p *planTracker) workspaceDeletable(ctx context.Context, c *client.Client, session, ws string) (first bool, err error) {
	key := session + "/" + ws
	p.mu.Lock()
	defer p.mu.Unlock()
	p.init()
	if err, ok := p.checks[key]; ok {
		return false, err
	}
	// Held while asking: the deletes in one workspace wait for one answer rather than each
	// asking.
	err = c.Workspaces.Delete(client.WithPlanSession(client.WithValidateOnly(ctx), session), ws, client.WorkspaceDeleteOptions{})
	p.checks[key] = err
	return true, err
}

// accessAnswer is a workspace's access state as read once by a plan.
type accessAnswer struct {
	once  sync.Once
	state string
}

// accessState is the access state of workspace ws (client.AccessStateFull, ...), read once per
// provider process on first use. An answer that is no access state (the workspace is gone, or the
// server cannot be asked) counts as full: the plan then goes on as it would without the check,
// and the apply's calls answer.
func (p *planTracker) accessState(ctx context.Context, c *client.Client, ws string) string {
	p.mu.Lock()
	p.init()
	a, ok := p.access[ws]
	if !ok {
		a = &accessAnswer{}
		p.access[ws] = a
	}
	p.mu.Unlock()
	a.once.Do(func() {
		a.state = client.AccessStateFull
		if s, err := c.AccessStates.Get(ctx, ws); err == nil && s.State != "" {
			a.state = s.State
		}
	})
	return a.state
}

// refusedByAccessState reports whether err, a dry run's answer for an object in workspace ws,
// is the refusal of a workspace that is not writable ("workspace is read-only: subscription
// past_due", "workspace is suspended: ..."), which no other change of the plan can lift. Other
// failed_precondition refusals (the last owner, a region that still holds clusters) depend on
// the rest of the plan and stay with the apply.
func (p *planTracker) refusedByAccessState(ctx context.Context, c *client.Client, ws string, err error) bool {
	var apiErr *client.APIError
	if !errors.Is(err, client.ErrFailedPrecondition) || !errors.As(err, &apiErr) {
		return false
	}
	if !strings.HasPrefix(apiErr.Message, "workspace is read-only") && !strings.HasPrefix(apiErr.Message, "workspace is suspended") {
		return false
	}
	return p.accessState(ctx, c, ws) != client.AccessStateFull
}
