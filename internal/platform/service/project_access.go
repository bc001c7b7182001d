package service

import (
	"context"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// EffectiveAccess is the answer of GET .../projects/{prj}/access/{member}.
type EffectiveAccess struct {
	UserID      string                `json:"user_id"`
	Email       string                `json:"email"`
	Role        string                `json:"role"`
	Permissions []platform.Permission `json:"permissions"`
	Source      platform.Source       `json:"source"`
}

// ProjectAccess explains a user's effective role on a project: role, permissions and why.
// The caller must see the project and read members. A user with workspace access but none on
// the project gets role "none" and the source that decided it; a user with no access to the
// workspace at all is not found.
func (s *Service) ProjectAccess(ctx context.Context, caller *platform.Principal, ref, prj, member string) (*EffectiveAccess, error) {
	return view(ctx, s, caller, func(t *txn) (*EffectiveAccess, error) {
		ps, err := t.projectFor(ref, prj, platform.PermProjectRead)
		if err != nil {
			return nil, err
		}
		if err := ps.require(platform.PermMembersRead); err != nil {
			return nil, err
		}
		u, err := t.userByRef(member, "member")
		if err != nil {
			return nil, err
		}
		subject, err := t.userSubject(ps.ws, u.ID)
		if err != nil {
			return nil, err
		}
		wa, ok := platform.ResolveWorkspaceAccess(subject)
		if !ok {
			return nil, platform.NotFound("member", member)
		}
		pa, ok, err := t.projectAccess(ps.ws, wa, ps.project, u.ID)
		if err != nil {
			return nil, err
		}
		out := &EffectiveAccess{UserID: u.ID, Email: u.Email, Role: pa.Role, Permissions: pa.Permissions.List(), Source: pa.Source}
		if !ok {
			out.Role, out.Permissions, out.Source = NoProjectRole, []platform.Permission{}, wa.Source
		}
		return out, nil
	})
}
