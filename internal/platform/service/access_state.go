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

// accessState derives the workspace's access state from its subscription.
// TODO(issue 16): derive from the subscription; every workspace is full until it exists.
func (t *txn) accessState(ws *platform.Workspace) (platform.AccessState, string, error) {
	return platform.StateFull, "", nil
}
