package platform

import (
	"fmt"
	"strings"
)

// Limits are a plan's quotas (docs/platform.md section 3). CustomRoles 0 means not allowed.
type Limits struct {
	Projects            int `json:"projects"`
	Members             int `json:"members"`
	APIKeys             int `json:"api_keys"`
	Regions             int `json:"regions"`
	Clusters            int `json:"clusters"`
	CustomRoles         int `json:"custom_roles"`
	Products            int `json:"products"`
	Installations       int `json:"installations"`
	Deployments         int `json:"deployments"`
	Secrets             int `json:"secrets"`
	GitHubInstallations int `json:"github_installations"`
	// PaidListedProducts tells whether the plan allows listing products with a price.
	PaidListedProducts bool `json:"paid_listed_products"`
}

var planLimits = map[Plan]Limits{
	PlanFree: {Projects: 3, Members: 5, APIKeys: 2, Regions: 2, Clusters: 1,
		Products: 1, Installations: 3, Deployments: 5, Secrets: 10, GitHubInstallations: 1},
	PlanPro: {Projects: 50, Members: 100, APIKeys: 25, Regions: 10, Clusters: 10,
		Products: 20, Installations: 50, Deployments: 200, Secrets: 200, GitHubInstallations: 5, PaidListedProducts: true},
	PlanEnterprise: {Projects: 1000, Members: 5000, APIKeys: 500, Regions: 100, Clusters: 200, CustomRoles: 100,
		Products: 500, Installations: 1000, Deployments: 5000, Secrets: 5000, GitHubInstallations: 50, PaidListedProducts: true},
}

// Plans lists the plans, cheapest first.
var Plans = []Plan{PlanFree, PlanPro, PlanEnterprise}

// PlanLimits returns the limits of plan p.
func PlanLimits(p Plan) (Limits, bool) {
	l, ok := planLimits[p]
	return l, ok
}

// Quota names a counted resource kind.
type Quota string

const (
	QuotaProjects    Quota = "projects"
	QuotaMembers     Quota = "members"
	QuotaAPIKeys     Quota = "api_keys"
	QuotaRegions     Quota = "regions"
	QuotaClusters    Quota = "clusters"
	QuotaCustomRoles Quota = "custom_roles"
	// Applications (docs/platform.md section 11).
	QuotaProducts            Quota = "products"
	QuotaInstallations       Quota = "installations"
	QuotaDeployments         Quota = "deployments"
	QuotaSecrets             Quota = "secrets"
	QuotaGitHubInstallations Quota = "github_installations"
)

var quotaOrder = []Quota{QuotaProjects, QuotaMembers, QuotaAPIKeys, QuotaRegions, QuotaClusters, QuotaCustomRoles,
	QuotaProducts, QuotaInstallations, QuotaDeployments, QuotaSecrets, QuotaGitHubInstallations}

// noun is one of q in messages: "project", "api key", "GitHub App installation", ...
func (q Quota) noun() string {
	if q == QuotaGitHubInstallations {
		return "GitHub App installation"
	}
	return strings.TrimSuffix(strings.ReplaceAll(string(q), "_", " "), "s")
}

// Of is the limit on q.
func (l Limits) Of(q Quota) int {
	switch q {
	case QuotaProjects:
		return l.Projects
	case QuotaMembers:
		return l.Members
	case QuotaAPIKeys:
		return l.APIKeys
	case QuotaRegions:
		return l.Regions
	case QuotaClusters:
		return l.Clusters
	case QuotaCustomRoles:
		return l.CustomRoles
	case QuotaProducts:
		return l.Products
	case QuotaInstallations:
		return l.Installations
	case QuotaDeployments:
		return l.Deployments
	case QuotaSecrets:
		return l.Secrets
	case QuotaGitHubInstallations:
		return l.GitHubInstallations
	}
	return 0
}

// Of is the count of q.
func (u Usage) Of(q Quota) int {
	switch q {
	case QuotaProjects:
		return u.Projects
	case QuotaMembers:
		return u.Members
	case QuotaAPIKeys:
		return u.APIKeys
	case QuotaRegions:
		return u.Regions
	case QuotaClusters:
		return u.Clusters
	case QuotaCustomRoles:
		return u.CustomRoles
	case QuotaProducts:
		return u.Products
	case QuotaInstallations:
		return u.Installations
	case QuotaDeployments:
		return u.Deployments
	case QuotaSecrets:
		return u.Secrets
	case QuotaGitHubInstallations:
		return u.GitHubInstallations
	}
	return 0
}

// CheckPaidListing refuses a listed product with a price on a plan that does not allow paid
// listed products (quota_exceeded, naming the plan, as for custom roles).
func CheckPaidListing(p Plan) error {
	limits, ok := planLimits[p]
	if !ok {
		return Errorf(CodeInternal, "unknown plan")
	}
	if !limits.PaidListedProducts {
		return Errorf(CodeQuotaExceeded, "paid listed products are not allowed on the %s plan (pro and enterprise only)", p)
	}
	return nil
}

// CheckQuota refuses creating one more q on plan p when usage is already at the limit.
// The message names the plan, the limit and the current usage.
func CheckQuota(p Plan, q Quota, u Usage) error {
	limits, ok := planLimits[p]
	if !ok {
		return Errorf(CodeInternal, "unknown plan")
	}
	limit, used := limits.Of(q), u.Of(q)
	if q == QuotaCustomRoles && limit == 0 {
		return Errorf(CodeQuotaExceeded, "custom roles are not allowed on the %s plan (enterprise only)", p)
	}
	if used >= limit {
		return Errorf(CodeQuotaExceeded, "quota exceeded: the %s plan allows %s, the workspace has %d",
			p, Count(limit, q.noun()), used)
	}
	return nil
}

// CheckQuotaPlanned is CheckQuota for a dry run of a plan that already creates planned more
// of q in the workspace: it refuses when usage plus the plan's creates is at the limit, naming
// the total the plan would reach.
func CheckQuotaPlanned(p Plan, q Quota, u Usage, planned int) error {
	if planned == 0 {
		return CheckQuota(p, q, u)
	}
	limits, ok := planLimits[p]
	if !ok {
		return Errorf(CodeInternal, "unknown plan")
	}
	limit, used := limits.Of(q), u.Of(q)
	if q == QuotaCustomRoles && limit == 0 {
		return CheckQuota(p, q, u)
	}
	if total := used + planned + 1; total > limit {
		return Errorf(CodeQuotaExceeded, "quota exceeded: the %s plan allows %s; the workspace has %d and this plan "+
			"creates %d more (this one included), %d in all", p, Count(limit, q.noun()), used, planned+1, total)
	}
	return nil
}

// CheckPlanChange refuses moving to plan `to` when usage would exceed any of its limits,
// listing every violation (in the message and as details on field "plan").
func CheckPlanChange(to Plan, u Usage) error {
	limits, ok := planLimits[to]
	if !ok {
		return Errorf(CodeInvalidArgument, "unknown plan %q", to)
	}
	var violations []string
	for _, q := range quotaOrder {
		limit, used := limits.Of(q), u.Of(q)
		switch {
		case q == QuotaCustomRoles && limit == 0 && used > 0:
			violations = append(violations, fmt.Sprintf("custom roles are not allowed on the %s plan and the workspace has %d", to, used))
		case used > limit:
			violations = append(violations, fmt.Sprintf("%s: limit %d, usage %d", strings.ReplaceAll(string(q), "_", " "), limit, used))
		}
	}
	if !limits.PaidListedProducts && u.PaidListedProducts > 0 {
		violations = append(violations, fmt.Sprintf("paid listed products are not allowed on the %s plan and the workspace has %d",
			to, u.PaidListedProducts))
	}
	if len(violations) == 0 {
		return nil
	}
	e := Errorf(CodeQuotaExceeded, "cannot change to the %s plan: %s", to, strings.Join(violations, "; "))
	for _, v := range violations {
		e.Details = append(e.Details, FieldViolation{Field: "plan", Reason: v})
	}
	return e
}
