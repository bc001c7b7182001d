package platform

// AccessState is what a workspace's subscription lets its members do (docs/platform.md
// section 12): full, read-only (reads answer, mutations are refused) or suspended (only the
// workspace itself and its billing answer).
type AccessState string

const (
	StateFull      AccessState = "full"
	StateReadOnly  AccessState = "read_only"
	StateSuspended AccessState = "suspended"
)

// CallClass is what a call does to the workspace it addresses, as the access state judges it.
// Every use case has one: reads and writes by default, the exceptions of section 12 declared.
type CallClass int

const (
	// CallRead reads: answers in full and read_only workspaces.
	CallRead CallClass = iota
	// CallWrite mutates: answers only in full workspaces.
	CallWrite
	// CallWriteWhileReadOnly is a mutation a read-only workspace still allows (removing
	// members, deleting API keys): refused only when suspended.
	CallWriteWhileReadOnly
	// CallBilling answers in every state: the workspace itself, its access state, subscription
	// and billing endpoints, deleting the workspace.
	CallBilling
)

// Allows refuses a call of class c in a workspace in state s, with failed_precondition and the
// reason (the subscription status that decided the state).
func (s AccessState) Allows(c CallClass, reason string) error {
	switch {
	case s == StateSuspended && c != CallBilling:
		return Errorf(CodeFailedPrecondition, "workspace is suspended: %s", reason)
	case s == StateReadOnly && c == CallWrite:
		return Errorf(CodeFailedPrecondition, "workspace is read-only: %s", reason)
	}
	return nil
}
