package platform

import (
	"fmt"
	"strings"
)

// Limits are a plan's quotas (docs/platform.md section 3). CustomRoles 0 means not allowed.
type Limits struct {
	Projects    int `json:"projects"`
	Members     int `json:"members"`
	APIKeys     int `json:"api_keys"`
	Regions     int `json:"regions"`
	Clusters    int `json:"clusters"`
	CustomRoles int `json:"custom_roles"`
}

var planLimits = map[Plan]Limits{
	PlanFree:       {Projects: 3, Members: 5, APIKeys: 2, Regions: 2, Clusters: 1},
	PlanPro:        {Projects: 50, Members: 100, APIKeys: 25, Regions: 10, Clusters: 10},
	PlanEnterprise: {Projects: 1000, Members: 5000, APIKeys: 500, Regions: 100, Clusters: 200, CustomRoles: 100},
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
)

var quotaOrder = []Quota{QuotaProjects, QuotaMembers, QuotaAPIKeys, QuotaRegions, QuotaClusters, QuotaCustomRoles}

// noun is one of q in messages: "project", "api key", ...
func (q Quota) noun() string { return strings.TrimSuffix(strings.ReplaceAll(string(q), "_", " "), "s") }

func (l Limits) of(q Quota) int {
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
	}
	return 0
}

func (u Usage) of(q Quota) int {
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
	}
	return 0
}

// CheckQuota refuses creating one more q on plan p when usage is already at the limit.
// The message names the plan, the limit and the current usage.
func CheckQuota(p Plan, q Quota, u Usage) error {
	limits, ok := planLimits[p]
	if !ok {
		return Errorf(CodeInternal, "unknown plan")
	}
	limit, used := limits.of(q), u.of(q)
	if q == QuotaCustomRoles && limit == 0 {
		return Errorf(CodeQuotaExceeded, "custom roles are not allowed on the %s plan (enterprise only)", p)
	}
	if used >= limit {
		return Errorf(CodeQuotaExceeded, "quota exceeded: the %s plan allows %s, the workspace has %d",
			p, Count(limit, q.noun()), used)
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
		limit, used := limits.of(q), u.of(q)
		switch {
		case q == QuotaCustomRoles && limit == 0 && used > 0:
			violations = append(violations, fmt.Sprintf("custom roles are not allowed on the %s plan and the workspace has %d", to, used))
		case used > limit:
			violations = append(violations, fmt.Sprintf("%s: limit %d, usage %d", strings.ReplaceAll(string(q), "_", " "), limit, used))
		}
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
