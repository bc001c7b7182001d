package provider

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// The provider's copy of the plan quotas (used in resource docs) and the plan-limits table of
// the provider docs follow the server's table.
func TestPlanQuotasMatchServer(t *testing.T) {
	free, _ := platform.PlanLimits(platform.PlanFree)
	pro, _ := platform.PlanLimits(platform.PlanPro)
	ent, _ := platform.PlanLimits(platform.PlanEnterprise)
	want := map[string][3]int{
		"projects":     {free.Projects, pro.Projects, ent.Projects},
		"members":      {free.Members, pro.Members, ent.Members},
		"api keys":     {free.APIKeys, pro.APIKeys, ent.APIKeys},
		"regions":      {free.Regions, pro.Regions, ent.Regions},
		"clusters":     {free.Clusters, pro.Clusters, ent.Clusters},
		"custom roles": {free.CustomRoles, pro.CustomRoles, ent.CustomRoles},
		"products":     {free.Products, pro.Products, ent.Products},
		// Applications (docs/platform.md section 11).
		"secrets":                  {free.Secrets, pro.Secrets, ent.Secrets},
		"GitHub App installations": {free.GitHubInstallations, pro.GitHubInstallations, ent.GitHubInstallations},
		"installations":            {free.Installations, pro.Installations, ent.Installations},
	}
	if fmt.Sprint(planQuotas) != fmt.Sprint(want) {
		t.Errorf("planQuotas = %v\nserver      %v\nUpdate internal/provider/attributes.go.", planQuotas, want)
	}
	tmpl, err := os.ReadFile("../../templates/index.md.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	cell := func(n int) string {
		if n == 0 {
			return "not allowed"
		}
		return fmt.Sprint(n)
	}
	for i, plan := range []platform.Plan{platform.PlanFree, platform.PlanPro, platform.PlanEnterprise} {
		row := fmt.Sprintf("| %s | %s | %s | %s | %s | %s | %s |", plan, cell(want["projects"][i]), cell(want["members"][i]),
			cell(want["api keys"][i]), cell(want["regions"][i]), cell(want["clusters"][i]), cell(want["custom roles"][i]))
		if !strings.Contains(string(tmpl), row) {
			t.Errorf("templates/index.md.tmpl lacks the row %q", row)
		}
	}
}
