package platform

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// specNotAllowed marks a "not allowed" cell of the limits table.
const specNotAllowed = -1

// specLimitColumns are the columns of the limits table of docs/platform.md section 3, with the
// quota each counts.
var specLimitColumns = []struct {
	name  string // as docs/platform.md writes it
	quota Quota
}{
	{"projects", QuotaProjects},
	{"members", QuotaMembers},
	{"API keys", QuotaAPIKeys},
	{"regions", QuotaRegions},
	{"clusters", QuotaClusters},
	{"custom roles", QuotaCustomRoles},
	{"products", QuotaProducts},
	{"installations", QuotaInstallations},
	{"deployments", QuotaDeployments},
	{"secrets", QuotaSecrets},
	{"GitHub App installations", QuotaGitHubInstallations},
}

// specLimits is the limits table of docs/platform.md section 3, transcribed literally
// (columns in specLimitColumns order).
var specLimits = []struct {
	plan   Plan
	limits [11]int
	paid   bool // paid listed products allowed
}{
	{"free", [11]int{3, 5, 2, 2, 1, specNotAllowed, 1, 3, 5, 10, 1}, false},
	{"pro", [11]int{50, 100, 25, 10, 10, specNotAllowed, 20, 50, 200, 200, 5}, true},
	{"enterprise", [11]int{1000, 5000, 500, 100, 200, 100, 500, 1000, 5000, 5000, 50}, true},
}

// quotaUsageOf builds a Usage holding n of quota q and nothing else.
func quotaUsageOf(t testing.TB, q Quota, n int) Usage {
	t.Helper()
	var u Usage
	switch q {
	case QuotaProjects:
		u.Projects = n
	case QuotaMembers:
		u.Members = n
	case QuotaAPIKeys:
		u.APIKeys = n
	case QuotaRegions:
		u.Regions = n
	case QuotaClusters:
		u.Clusters = n
	case QuotaCustomRoles:
		u.CustomRoles = n
	case QuotaProducts:
		u.Products = n
	case QuotaInstallations:
		u.Installations = n
	case QuotaDeployments:
		u.Deployments = n
	case QuotaSecrets:
		u.Secrets = n
	case QuotaGitHubInstallations:
		u.GitHubInstallations = n
	default:
		t.Fatalf("unknown quota %q", q)
	}
	return u
}

// msgNamesNumber reports whether msg contains n as a whole number.
func msgNamesNumber(msg string, n int) bool {
	return regexp.MustCompile(`\b` + fmt.Sprint(n) + `\b`).MatchString(msg)
}

// msgNamesQuota reports whether msg names the quota, as docs/platform.md writes it ("API keys") or
// as its identifier ("api_keys"), in any case.
func msgNamesQuota(msg, name string) bool {
	msg = strings.ToLower(msg)
	name = strings.ToLower(name)
	return strings.Contains(msg, name) || strings.Contains(msg, strings.ReplaceAll(name, " ", "_"))
}

func quotaErr(t *testing.T, err error) *Error {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v (%T); want *Error", err, err)
	}
	return e
}

// TestPlanLimits checks the limits table of docs/platform.md section 3.
func TestPlanLimits(t *testing.T) {
	t.Run("plans cheapest first", func(t *testing.T) {
		if want := []Plan{"free", "pro", "enterprise"}; !slices.Equal(Plans, want) {
			t.Errorf("Plans = %v; want %v", Plans, want)
		}
	})
	for _, row := range specLimits {
		l, ok := PlanLimits(row.plan)
		if !ok {
			t.Fatalf("plan %s unknown", row.plan)
		}
		got := [11]int{l.Projects, l.Members, l.APIKeys, l.Regions, l.Clusters, l.CustomRoles,
			l.Products, l.Installations, l.Deployments, l.Secrets, l.GitHubInstallations}
		if l.PaidListedProducts != row.paid {
			t.Errorf("%s: paid listed products allowed = %v; docs/platform.md says %v", row.plan, l.PaidListedProducts, row.paid)
		}
		for i, col := range specLimitColumns {
			want := row.limits[i]
			t.Run(fmt.Sprintf("%s/%s=%d", row.plan, col.name, want), func(t *testing.T) {
				if want == specNotAllowed {
					want = 0 // Limits documents 0 custom roles as "not allowed"
				}
				if got[i] != want {
					t.Errorf("%s %s limit = %d; docs/platform.md says %d", row.plan, col.name, got[i], row.limits[i])
				}
			})
		}
	}
	t.Run("unknown plan", func(t *testing.T) {
		if _, ok := PlanLimits("gold"); ok {
			t.Error("gold is a plan")
		}
	})
}

// TestQuota checks "Creating past a quota" of docs/platform.md section 3 for every plan and limit.
func TestQuota(t *testing.T) {
	for _, row := range specLimits {
		for i, col := range specLimitColumns {
			limit := row.limits[i]
			if limit == specNotAllowed {
				for _, used := range []int{0, 1} {
					t.Run(fmt.Sprintf("%s/%s are not allowed (usage %d)", row.plan, col.name, used), func(t *testing.T) {
						err := CheckQuota(row.plan, col.quota, quotaUsageOf(t, col.quota, used))
						if !IsCode(err, CodeQuotaExceeded) {
							t.Fatalf("err = %v; want quota_exceeded", err)
						}
						msg := quotaErr(t, err).Message
						if !strings.Contains(msg, "not allowed") || !strings.Contains(msg, string(row.plan)) ||
							!msgNamesQuota(msg, col.name) {
							t.Errorf("message %q does not say %s are not allowed on the %s plan", msg, col.name, row.plan)
						}
					})
				}
				continue
			}
			t.Run(fmt.Sprintf("%s/%s: usage %d of %d is allowed", row.plan, col.name, limit-1, limit), func(t *testing.T) {
				if err := CheckQuota(row.plan, col.quota, quotaUsageOf(t, col.quota, limit-1)); err != nil {
					t.Errorf("refused: %v", err)
				}
			})
			t.Run(fmt.Sprintf("%s/%s: empty workspace is allowed", row.plan, col.name), func(t *testing.T) {
				if err := CheckQuota(row.plan, col.quota, Usage{}); err != nil {
					t.Errorf("refused: %v", err)
				}
			})
			for _, used := range []int{limit, limit + 2} {
				t.Run(fmt.Sprintf("%s/%s: usage %d of %d is quota_exceeded naming plan, limit and usage", row.plan, col.name, used, limit), func(t *testing.T) {
					err := CheckQuota(row.plan, col.quota, quotaUsageOf(t, col.quota, used))
					if !IsCode(err, CodeQuotaExceeded) {
						t.Fatalf("err = %v; want quota_exceeded", err)
					}
					msg := quotaErr(t, err).Message
					if !strings.Contains(msg, string(row.plan)) {
						t.Errorf("message %q does not name the plan %s", msg, row.plan)
					}
					if !strings.Contains(msg, Count(limit, col.quota.noun())) {
						t.Errorf("message %q does not name the limit %s", msg, Count(limit, col.quota.noun()))
					}
					if !msgNamesNumber(msg, used) {
						t.Errorf("message %q does not name the current usage %d", msg, used)
					}
				})
			}
			t.Run(fmt.Sprintf("%s/%s: other kinds at their limit do not count", row.plan, col.name), func(t *testing.T) {
				u := Usage{Projects: 5000, Members: 5000, APIKeys: 5000, Regions: 5000, Clusters: 5000, CustomRoles: 5000}
				switch col.quota {
				case QuotaProjects:
					u.Projects = limit - 1
				case QuotaMembers:
					u.Members = limit - 1
				case QuotaAPIKeys:
					u.APIKeys = limit - 1
				case QuotaRegions:
					u.Regions = limit - 1
				case QuotaClusters:
					u.Clusters = limit - 1
				case QuotaCustomRoles:
					u.CustomRoles = limit - 1
				}
				if err := CheckQuota(row.plan, col.quota, u); err != nil {
					t.Errorf("refused: %v", err)
				}
			})
		}
	}
	t.Run("an unknown plan is refused", func(t *testing.T) {
		if err := CheckQuota("gold", QuotaProjects, Usage{}); err == nil {
			t.Error("unknown plan allowed")
		}
	})
}

// TestPlanChange checks "A downgrade that would leave usage above the new limits (or custom
// roles on a non-enterprise plan) is refused the same way and lists every violation".
func TestPlanChange(t *testing.T) {
	type violation struct {
		name       string // quota as docs/platform.md writes it
		limit      int    // unused when notAllowed
		usage      int
		notAllowed bool
	}
	cases := []struct {
		name       string
		to         Plan
		usage      Usage
		violations []violation
		notNamed   []string // quotas within the limits, not to be listed
	}{
		{
			name:  "downgrade enterprise -> free over several limits with custom roles lists every violation",
			to:    "free",
			usage: Usage{Projects: 10, Members: 60, APIKeys: 7, Regions: 2, Clusters: 1, CustomRoles: 4},
			violations: []violation{
				{name: "projects", limit: 3, usage: 10},
				{name: "members", limit: 5, usage: 60},
				{name: "API keys", limit: 2, usage: 7},
				{name: "custom roles", usage: 4, notAllowed: true},
			},
			notNamed: []string{"regions", "clusters"},
		},
		{
			name:  "downgrade enterprise -> free over every limit lists all six",
			to:    "free",
			usage: Usage{Projects: 4, Members: 6, APIKeys: 8, Regions: 9, Clusters: 11, CustomRoles: 12},
			violations: []violation{
				{name: "projects", limit: 3, usage: 4},
				{name: "members", limit: 5, usage: 6},
				{name: "API keys", limit: 2, usage: 8},
				{name: "regions", limit: 2, usage: 9},
				{name: "clusters", limit: 1, usage: 11},
				{name: "custom roles", usage: 12, notAllowed: true},
			},
		},
		{
			name:       "downgrade enterprise -> pro with one custom role is refused",
			to:         "pro",
			usage:      Usage{Projects: 50, Members: 100, APIKeys: 25, Regions: 10, Clusters: 10, CustomRoles: 1},
			violations: []violation{{name: "custom roles", usage: 1, notAllowed: true}},
			notNamed:   []string{"projects", "members", "API keys", "regions", "clusters"},
		},
		{
			name:  "downgrade enterprise -> pro over clusters and regions",
			to:    "pro",
			usage: Usage{Projects: 1, Members: 1, Regions: 11, Clusters: 12},
			violations: []violation{
				{name: "regions", limit: 10, usage: 11},
				{name: "clusters", limit: 10, usage: 12},
			},
			notNamed: []string{"projects", "members", "API keys", "custom roles"},
		},
		{
			name:  "downgrade pro -> free over projects",
			to:    "free",
			usage: Usage{Projects: 40, Members: 5},
			violations: []violation{
				{name: "projects", limit: 3, usage: 40},
			},
			notNamed: []string{"members", "API keys", "regions", "clusters", "custom roles"},
		},
		{
			name:  "downgrade enterprise -> free exactly at the free limits passes",
			to:    "free",
			usage: Usage{Projects: 3, Members: 5, APIKeys: 2, Regions: 2, Clusters: 1},
		},
		{
			name:  "downgrade enterprise -> pro exactly at the pro limits passes",
			to:    "pro",
			usage: Usage{Projects: 50, Members: 100, APIKeys: 25, Regions: 10, Clusters: 10},
		},
		{
			name:  "downgrade of an empty workspace passes",
			to:    "free",
			usage: Usage{},
		},
		{
			name:  "upgrade free -> pro passes",
			to:    "pro",
			usage: Usage{Projects: 3, Members: 5, APIKeys: 2, Regions: 2, Clusters: 1},
		},
		{
			name:  "upgrade free -> enterprise passes",
			to:    "enterprise",
			usage: Usage{Projects: 3, Members: 5, APIKeys: 2, Regions: 2, Clusters: 1},
		},
		{
			name:  "upgrade pro -> enterprise passes",
			to:    "enterprise",
			usage: Usage{Projects: 50, Members: 100, APIKeys: 25, Regions: 10, Clusters: 10},
		},
		{
			name:  "staying on enterprise at every limit passes",
			to:    "enterprise",
			usage: Usage{Projects: 1000, Members: 5000, APIKeys: 500, Regions: 100, Clusters: 200, CustomRoles: 100},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := CheckPlanChange(c.to, c.usage)
			if len(c.violations) == 0 {
				if err != nil {
					t.Errorf("refused: %v", err)
				}
				return
			}
			if !IsCode(err, CodeQuotaExceeded) {
				t.Fatalf("err = %v; want quota_exceeded", err)
			}
			e := quotaErr(t, err)
			if !strings.Contains(e.Message, string(c.to)) {
				t.Errorf("message %q does not name the plan %s", e.Message, c.to)
			}
			if len(e.Details) != len(c.violations) {
				t.Errorf("%d details %v; want one per violation (%d)", len(e.Details), e.Details, len(c.violations))
			}
			for _, v := range c.violations {
				check := func(text string) bool {
					if !msgNamesQuota(text, v.name) || !msgNamesNumber(text, v.usage) {
						return false
					}
					if v.notAllowed {
						return strings.Contains(text, "not allowed")
					}
					return msgNamesNumber(text, v.limit)
				}
				if !check(e.Message) {
					t.Errorf("message %q does not list %s (limit %d, usage %d, not allowed %v)", e.Message, v.name, v.limit, v.usage, v.notAllowed)
				}
				found := false
				for _, d := range e.Details {
					if check(d.Reason) {
						found = true
						if d.Field != "plan" {
							t.Errorf("detail %+v is not on field plan", d)
						}
					}
				}
				if !found {
					t.Errorf("details %v do not list %s (limit %d, usage %d)", e.Details, v.name, v.limit, v.usage)
				}
			}
			for _, n := range c.notNamed {
				if msgNamesQuota(e.Message, n) {
					t.Errorf("message %q lists %s, which is within its limit", e.Message, n)
				}
			}
		})
	}
	for _, plan := range []Plan{"gold", "", "Free"} {
		t.Run(fmt.Sprintf("unknown plan %q is invalid_argument", plan), func(t *testing.T) {
			if err := CheckPlanChange(plan, Usage{}); !IsCode(err, CodeInvalidArgument) {
				t.Errorf("err = %v; want invalid_argument", err)
			}
		})
	}
}

// Paid listed products need a plan that allows them; a downgrade that would leave some is
// refused with the other violations.
func TestPaidListedProducts(t *testing.T) {
	if err := CheckPaidListing(PlanFree); !IsCode(err, CodeQuotaExceeded) || !strings.Contains(err.Error(), "free plan") {
		t.Errorf("free: %v", err)
	}
	for _, p := range []Plan{PlanPro, PlanEnterprise} {
		if err := CheckPaidListing(p); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	err := CheckPlanChange(PlanFree, Usage{PaidListedProducts: 2, Products: 2})
	e := quotaErr(t, err)
	if !strings.Contains(e.Message, "paid listed products are not allowed on the free plan and the workspace has 2") ||
		!strings.Contains(e.Message, "products: limit 1, usage 2") || len(e.Details) != 2 {
		t.Errorf("downgrade with paid listed products: %+v", e)
	}
	if err := CheckPlanChange(PlanPro, Usage{PaidListedProducts: 2, Products: 2}); err != nil {
		t.Errorf("to pro: %v", err)
	}
}
