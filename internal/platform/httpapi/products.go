package httpapi

import "github.com/platform-iac/terraform-provider-platform/internal/platform/service"

// Handlers of products, their releases and the marketplace (docs/platform.md section 11).

// --- products ---

func listProducts(c *call) (any, error) {
	p, err := c.svc.ListProducts(c.ctx, c.caller, c.path("ws"), c.list)
	return listed(c, p, err)
}

func createProduct(c *call) (any, error) {
	var in service.ProductInput
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	return c.svc.CreateProduct(c.ctx, c.caller, c.path("ws"), in)
}

func getProduct(c *call) (any, error) {
	return c.svc.GetProduct(c.ctx, c.caller, c.path("ws"), c.path("prod"))
}

func updateProduct(c *call) (any, error) {
	var in service.ProductPatch
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	return c.svc.UpdateProduct(c.ctx, c.caller, c.path("ws"), c.path("prod"), in, c.ifVersion)
}

func deleteProduct(c *call) (any, error) {
	return nil, c.svc.DeleteProduct(c.ctx, c.caller, c.path("ws"), c.path("prod"), c.ifVersion)
}

// --- releases ---

func listReleases(c *call) (any, error) {
	p, err := c.svc.ListReleases(c.ctx, c.caller, c.path("ws"), c.path("prod"), c.list)
	return listed(c, p, err)
}

func createRelease(c *call) (any, error) {
	var in service.ReleaseInput
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	return c.svc.CreateRelease(c.ctx, c.caller, c.path("ws"), c.path("prod"), in)
}

func getRelease(c *call) (any, error) {
	return c.svc.GetRelease(c.ctx, c.caller, c.path("ws"), c.path("prod"), c.path("tag"))
}

func updateRelease(c *call) (any, error) {
	var in service.ReleasePatch
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	return c.svc.UpdateRelease(c.ctx, c.caller, c.path("ws"), c.path("prod"), c.path("tag"), in, c.ifVersion)
}

func deleteRelease(c *call) (any, error) {
	return nil, c.svc.DeleteRelease(c.ctx, c.caller, c.path("ws"), c.path("prod"), c.path("tag"), c.ifVersion)
}

// --- marketplace ---

func listMarketplaceProducts(c *call) (any, error) {
	p, err := c.svc.ListMarketplaceProducts(c.ctx, c.caller, c.list)
	return listed(c, p, err)
}

func getMarketplaceProduct(c *call) (any, error) {
	return c.svc.GetMarketplaceProduct(c.ctx, c.caller, c.path("prod_id"))
}
