package sqlite

import (
	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// InstallCount counts installations in every workspace: the vendor sees how often its product
// runs, never where.
const productCols = `p.seq, p.id, p.workspace_id, p.slug, p.name, p.description, p.visibility,
	p.price_amount_cents, p.price_currency, p.price_interval,
	(SELECT COUNT(*) FROM installations i WHERE i.source_product_id = p.id),
	p.created_at, p.updated_at, p.version`

func scanProduct(s scanner, p *platform.Product) error {
	return s.Scan(&p.Seq, &p.ID, &p.WorkspaceID, &p.Slug, &p.Name, &p.Description, stringCol[platform.Visibility]{&p.Visibility},
		&p.Price.AmountCents, &p.Price.Currency, &p.Price.Interval, &p.InstallCount,
		timeCol{&p.CreatedAt}, timeCol{&p.UpdatedAt}, &p.Version)
}

func (t *tx) CreateProduct(p *platform.Product) error {
	seq, err := t.insert("create product",
		`INSERT INTO products (id, workspace_id, slug, name, description, visibility,
		 price_amount_cents, price_currency, price_interval, created_at, updated_at, version)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
		[]any{p.ID, p.WorkspaceID, p.Slug, p.Name, p.Description, string(p.Visibility),
			p.Price.AmountCents, p.Price.Currency, p.Price.Interval,
			formatTime(p.CreatedAt), formatTime(p.UpdatedAt), p.Version},
		taken(alreadyExists("product slug %q already exists in this workspace", p.Slug),
			`SELECT 1 FROM products WHERE workspace_id = ? AND slug = ?`, p.WorkspaceID, p.Slug),
		taken(alreadyExists("product %q already exists", p.ID), `SELECT 1 FROM products WHERE id = ?`, p.ID),
		missing(platform.NotFound("workspace", p.WorkspaceID), `SELECT 1 FROM workspaces WHERE id = ?`, p.WorkspaceID),
	)
	if err != nil {
		return err
	}
	p.Seq, p.InstallCount = seq, 0
	return nil
}

func (t *tx) GetProduct(workspaceID, id string) (*platform.Product, error) {
	return one(t, "product", id, scanProduct,
		`SELECT `+productCols+` FROM products p WHERE p.workspace_id = ? AND p.id = ?`, workspaceID, id)
}

func (t *tx) GetProductBySlug(workspaceID, slug string) (*platform.Product, error) {
	return one(t, "product", slug, scanProduct,
		`SELECT `+productCols+` FROM products p WHERE p.workspace_id = ? AND p.slug = ?`, workspaceID, slug)
}

func (t *tx) GetListedProduct(id string) (*platform.Product, error) {
	return one(t, "product", id, scanProduct,
		`SELECT `+productCols+` FROM products p WHERE p.id = ? AND p.visibility = 'listed'`, id)
}

func (t *tx) ListProducts(workspaceID string, page platform.Page) ([]platform.Product, error) {
	return many(t, "list products", page.Limit, scanProduct,
		`SELECT `+productCols+` FROM products p WHERE p.workspace_id = ? AND p.seq > ? ORDER BY p.seq LIMIT ?`,
		workspaceID, page.After, limit(page.Limit))
}

// listListedProductsSQL spells the visibility as a literal so the query matches the partial
// index products_listed.
const listListedProductsSQL = `SELECT ` + productCols + ` FROM products p
	WHERE p.visibility = 'listed' AND p.seq > ? ORDER BY p.seq LIMIT ?`

func (t *tx) ListListedProducts(page platform.Page) ([]platform.Product, error) {
	return many(t, "list listed products", page.Limit, scanProduct, listListedProductsSQL, page.After, limit(page.Limit))
}

func (t *tx) UpdateProduct(p *platform.Product) error {
	return t.update(row{kind: "product", ref: p.ID, table: "products",
		where: "workspace_id = ? AND id = ?", args: []any{p.WorkspaceID, p.ID}}, p.Version,
		`slug = ?, name = ?, description = ?, visibility = ?, price_amount_cents = ?, price_currency = ?,
		 price_interval = ?, updated_at = ?, version = ?`,
		[]any{p.Slug, p.Name, p.Description, string(p.Visibility), p.Price.AmountCents, p.Price.Currency,
			p.Price.Interval, formatTime(p.UpdatedAt), p.Version},
		taken(alreadyExists("product slug %q already exists in this workspace", p.Slug),
			`SELECT 1 FROM products WHERE workspace_id = ? AND slug = ? AND id <> ?`, p.WorkspaceID, p.Slug, p.ID),
	)
}

// DeleteProduct is refused while the product is installed anywhere (the reference does not
// cascade); its releases go with it.
func (t *tx) DeleteProduct(workspaceID, id string) error {
	return t.remove(row{kind: "product", ref: id, table: "products",
		where: "workspace_id = ? AND id = ?", args: []any{workspaceID, id}},
		taken(platform.Errorf(platform.CodeFailedPrecondition, "product %q is still installed", id),
			`SELECT 1 FROM installations WHERE source_product_id = ?`, id),
	)
}

func (t *tx) ProductDependents(productID, tag string) (platform.Dependents, error) {
	names, err := many(t, "product dependents", 0, scanString,
		`SELECT i.name FROM installations i WHERE i.source_product_id = ?
		   AND (? = '' OR i.source_tag = ? OR i.installed_tag = ?) ORDER BY i.seq`,
		productID, tag, tag, tag)
	if err != nil {
		return platform.Dependents{}, err
	}
	return platform.Dependents{Installations: names, Deployments: []string{}}, nil
}

func scanString(s scanner, v *string) error { return s.Scan(v) }
