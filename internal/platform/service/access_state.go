package service

import "github.com/platform-iac/terraform-provider-platform/internal/platform"

// callIs declares what the call does to the workspace it addresses when that is not what its
// transaction says (a read in view, a write in update): the exceptions of docs/platform.md
// section 12. Use cases call it before they resolve the workspace.
func (t *txn) callIs(c platform.CallClass) { t.class = c }

// checkAccessState refuses the call when the workspace's access state does not allow its class.
// Dry runs pass here exactly as the real calls do.
func (t *txn) checkAccessState(ws *platform.Workspace) error {
	state, reason, err := t.accessState(ws)
	if err != nil {
		return err
	}
	return state.Allows(t.class, reason)
}

// accessState derives the workspace's access state from its subscription as it stands now
// (docs/platform.md section 12): active -> full, past_due -> read_only, canceled -> suspended,
// with the reason. The subscription comes with the workspace's lookup: no query of its own.
func (t *txn) accessState(ws *platform.Workspace) (platform.AccessState, string, error) {
	sub, err := t.subscription(ws)
	if err != nil {
		return "", "", err
	}
	state, reason := sub.AccessState()
	return state, reason, nil
}
