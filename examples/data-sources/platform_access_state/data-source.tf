# The provider's default workspace unless workspace_id is set.
data "platform_access_state" "current" {}

# Say early, and why, when a customer's workspace no longer accepts changes (subscription
# past_due: read_only; canceled: suspended). Plans that would write to it fail anyway, with the
# server's message; the check makes it a warning on every plan, even one that changes nothing.
check "workspace_writable" {
  assert {
    condition     = data.platform_access_state.current.state == "full"
    error_message = "The workspace is ${data.platform_access_state.current.state} (${data.platform_access_state.current.reason}) since ${data.platform_access_state.current.since}."
  }
}
