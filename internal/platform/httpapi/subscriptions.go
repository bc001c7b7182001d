package httpapi

import "github.com/platform-iac/terraform-provider-platform/internal/platform/service"

// The workspace's subscription, access state and billing portal sessions (docs/platform.md
// section 12), and the platform administrator's stand-in for the payment processor.

func getSubscription(c *call) (any, error) {
	return c.svc.GetSubscription(c.ctx, c.caller, c.path("ws"))
}

func updateSubscription(c *call) (any, error) {
	var in service.SubscriptionPatch
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	return c.svc.UpdateSubscription(c.ctx, c.caller, c.path("ws"), in, c.ifVersion)
}

func setSubscriptionStatus(c *call) (any, error) {
	var in service.SubscriptionStatusInput
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	return c.svc.SetSubscriptionStatus(c.ctx, c.caller, c.path("ws"), in)
}

func getAccessState(c *call) (any, error) {
	return c.svc.GetAccessState(c.ctx, c.caller, c.path("ws"))
}

func createBillingPortalSession(c *call) (any, error) {
	var in service.BillingPortalSessionInput
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	return c.svc.CreateBillingPortalSession(c.ctx, c.caller, c.path("ws"), in)
}
