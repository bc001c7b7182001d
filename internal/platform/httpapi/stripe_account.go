package httpapi

import (
	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/service"
)

// The workspace's Stripe account (docs/platform.md section 12): one per workspace, at a path of
// its own, created or updated by PUT.

func putStripeAccount(c *call) (any, error) {
	var in service.StripeAccountInput
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	return c.svc.PutStripeAccount(c.ctx, c.caller, c.path("ws"), in, c.ifVersion)
}

func getStripeAccount(c *call) (any, error) {
	return c.svc.GetStripeAccount(c.ctx, c.caller, c.path("ws"))
}

func deleteStripeAccount(c *call) (any, error) {
	return nil, c.svc.DeleteStripeAccount(c.ctx, c.caller, c.path("ws"), c.ifVersion)
}

// stripeAccountOut is a Stripe account as answered: its onboarding link while onboarding or
// restricted ("" once active), and the onboarding operation a PUT started ("" otherwise).
type stripeAccountOut struct {
	*platform.StripeAccount
	OnboardingURL string `json:"onboarding_url"`
	OperationID   string `json:"operation_id"`
}
