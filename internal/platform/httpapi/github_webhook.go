package httpapi

import "github.com/platform-iac/terraform-provider-platform/internal/platform/service"

// githubWebhook receives GitHub's webhook deliveries (docs/platform.md section 11). The route
// is public: the service authenticates the delivery by its signature over the raw body, before
// anything in it is read.
func githubWebhook(c *call) (any, error) {
	h := c.r.Header
	return c.svc.GitHubWebhook(c.ctx, service.GitHubWebhookInput{
		Event:      h.Get("X-GitHub-Event"),
		DeliveryID: h.Get("X-GitHub-Delivery"),
		Signature:  h.Get("X-Hub-Signature-256"),
		Body:       c.body,
	})
}
