package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

const apiKeyAddr = "platform_api_key.k"

// testAPIKeyConfig is an API key in the provider's default workspace acme; extra is added to
// the resource block as is.
func testAPIKeyConfig(e *testEnv, name, access, extra string) string {
	return e.providerBlockWith(e.Token, "acme") + `
resource "platform_api_key" "k" {
  name   = "` + name + `"
  access = "` + access + `"
` + extra + `
}
`
}

// secretFrom copies the key's secret from the state into *dst, for later checks.
func secretFrom(dst *string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[apiKeyAddr]
		if !ok {
			return fmt.Errorf("no %s in state", apiKeyAddr)
		}
		*dst = rs.Primary.Attributes["secret"]
		if !strings.HasPrefix(*dst, "pk_") {
			return fmt.Errorf("secret in state does not look like an API key")
		}
		return nil
	}
}

// authenticates checks that *secret is (or, with want false, is no longer) a working API key.
func authenticates(t *testing.T, e *testEnv, what string, secret *string, want bool) resource.TestCheckFunc {
	return checkOutOfBand(t, what, func(ctx context.Context) error {
		me, err := e.clientFor(t, *secret).Me.Get(ctx)
		switch {
		case want && err != nil:
			return err
		case want && me.Type != client.PrincipalAPIKey:
			return fmt.Errorf("authenticated as %s", me.Type)
		case !want && !errors.Is(err, client.ErrUnauthenticated):
			return fmt.Errorf("want unauthenticated, got %v", err)
		}
		return nil
	})
}

// TestAccAPIKeyResource_basic creates a key, imports it (without its secret), renames it in
// place keeping the secret, and replaces it when access or expires_at changes.
func TestAccAPIKeyResource_basic(t *testing.T) {
	e := newTestEnv(t)
	ws := e.workspace(t, "acme")
	// Another spelling of the same instant must not cause a diff after the API answers UTC.
	const expires = `expires_at = "2099-01-01T02:00:00+02:00"`
	var first, second string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: testAPIKeyConfig(e, "CI", "read_only", expires),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(apiKeyAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(prefixRegexp("key_"))),
					statecheck.ExpectKnownValue(apiKeyAddr, tfjsonpath.New("workspace_id"), knownvalue.StringExact(ws.ID)),
					statecheck.ExpectKnownValue(apiKeyAddr, tfjsonpath.New("expires_at"), knownvalue.StringExact("2099-01-01T02:00:00+02:00")),
					statecheck.ExpectKnownValue(apiKeyAddr, tfjsonpath.New("grace_period_seconds"), knownvalue.Int64Exact(0)),
					statecheck.ExpectKnownValue(apiKeyAddr, tfjsonpath.New("created_at"), knownvalue.StringRegexp(rfc3339Regexp)),
				},
				Check: resource.ComposeTestCheckFunc(
					secretFrom(&first),
					resource.TestCheckResourceAttrWith(apiKeyAddr, "prefix", func(p string) error {
						if !strings.HasPrefix(first, p) || len(p) != 12 {
							return fmt.Errorf("prefix %q is not the secret's first 12 characters", p)
						}
						return nil
					}),
					authenticates(t, e, "new key works", &first, true),
				),
			},
			{
				ResourceName:      apiKeyAddr,
				ImportState:       true,
				ImportStateVerify: true,
				ImportStateIdFunc: importIDFunc("acme/%s", apiKeyAddr+".id"),
				// The API never shows the secret again; expires_at comes back in UTC.
				ImportStateVerifyIgnore: []string{"secret", "expires_at"},
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					if s := states[0].Attributes; s["secret"] != "" || s["expires_at"] != "2099-01-01T00:00:00Z" {
						return fmt.Errorf("imported secret set or expires_at %q", s["expires_at"])
					}
					return nil
				},
			},
			{
				Config: testAPIKeyConfig(e, "CI pipeline", "read_only", expires),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(apiKeyAddr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(apiKeyAddr, tfjsonpath.New("name"), knownvalue.StringExact("CI pipeline")),
				},
				Check: resource.ComposeTestCheckFunc(secretFrom(&second), func(*terraform.State) error {
					if second != first {
						return errors.New("a rename changed the secret")
					}
					return nil
				}),
			},
			{
				Config: testAPIKeyConfig(e, "CI pipeline", "read_write", expires),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(apiKeyAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: resource.ComposeTestCheckFunc(
					secretFrom(&second),
					authenticates(t, e, "replacement works", &second, true),
					authenticates(t, e, "replaced key is revoked", &first, false),
				),
			},
			{
				Config: testAPIKeyConfig(e, "CI pipeline", "read_write", `expires_at = "2098-01-01T00:00:00Z"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(apiKeyAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
			},
		},
	})
}

// TestAccAPIKeyResource_rotate: changing rotate_when_changed rotates in place; only then is the
// secret unknown in the plan. The old secret works for grace_period_seconds, the new one at once.
func TestAccAPIKeyResource_rotate(t *testing.T) {
	e := newTestEnv(t)
	e.workspace(t, "acme")
	cfg := func(rotation string, grace int) string {
		return testAPIKeyConfig(e, "deploy", "read_write", fmt.Sprintf(`
  rotate_when_changed  = { rotation = %q }
  grace_period_seconds = %d`, rotation, grace))
	}
	var first, second, third string
	rotate := resource.ConfigPlanChecks{
		PreApply: []plancheck.PlanCheck{
			plancheck.ExpectResourceAction(apiKeyAddr, plancheck.ResourceActionUpdate),
			plancheck.ExpectUnknownValue(apiKeyAddr, tfjsonpath.New("secret")),
			plancheck.ExpectUnknownValue(apiKeyAddr, tfjsonpath.New("prefix")),
		},
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: cfg("2025-q1", 3600),
				Check:  secretFrom(&first),
			},
			{
				// A change to grace_period_seconds alone keeps the secret (and calls no API).
				Config: cfg("2025-q1", 600),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(apiKeyAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(apiKeyAddr, tfjsonpath.New("secret"), knownvalue.NotNull()),
					},
				},
			},
			{
				Config:           cfg("2025-q2", 600),
				ConfigPlanChecks: rotate,
				Check: resource.ComposeTestCheckFunc(
					secretFrom(&second),
					func(*terraform.State) error {
						if second == first {
							return errors.New("rotation kept the secret")
						}
						return nil
					},
					authenticates(t, e, "new secret works", &second, true),
					authenticates(t, e, "old secret works during the grace period", &first, true),
				),
			},
			{
				// Without a grace period the previous secret stops at once.
				Config:           cfg("2025-q3", 0),
				ConfigPlanChecks: rotate,
				Check: resource.ComposeTestCheckFunc(
					secretFrom(&third),
					authenticates(t, e, "newest secret works", &third, true),
					authenticates(t, e, "previous secret stops without grace", &second, false),
				),
			},
		},
	})
}

// TestAccAPIKeyResource_expired: a key past its expires_at stays in the state (plans with the
// same expiry are empty and do not fail); a later expires_at replaces it, deleting the expired
// key from the workspace.
func TestAccAPIKeyResource_expired(t *testing.T) {
	e := newTestEnv(t)
	e.workspace(t, "acme")
	// The expiry is counted from when the test really runs (t.Parallel waits for the serial
	// tests, hence resource.Test below), long enough for the first step (apply and the plans
	// after it) to finish on a loaded machine before it passes.
	t.Parallel()
	expiry := time.Now().Add(30 * time.Second).UTC().Truncate(time.Second)
	expiring := testAPIKeyConfig(e, "CI", "read_only", `expires_at = "`+expiry.Format(time.RFC3339)+`"`)
	var expiredID string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: expiring, Check: resource.TestCheckResourceAttrWith(apiKeyAddr, "id", func(id string) error {
				expiredID = id
				return nil
			})},
			{
				// Expired, same configuration: no change, no error (a warning says it expired).
				PreConfig: func() { time.Sleep(time.Until(expiry.Add(time.Second))) },
				Config:    expiring,
				PlanOnly:  true,
			},
			{
				Config: testAPIKeyConfig(e, "CI", "read_only", `expires_at = "2099-01-01T00:00:00Z"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(apiKeyAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: checkOutOfBand(t, "expired key deleted", func(ctx context.Context) error {
					if _, err := e.Client.APIKeys.Get(ctx, "acme", expiredID); !errors.Is(err, client.ErrNotFound) {
						return fmt.Errorf("expired key %s: want not_found, got %v", expiredID, err)
					}
					return nil
				}),
			},
		},
	})
}

// TestAccAPIKeyResource_drift: a key deleted outside Terraform is planned for creation.
func TestAccAPIKeyResource_drift(t *testing.T) {
	e := newTestEnv(t)
	e.workspace(t, "acme")
	cfg := testAPIKeyConfig(e, "CI", "read_only", `expires_at = "2099-01-01T00:00:00Z"`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: outOfBand(t, "delete key", func(ctx context.Context) error {
					keys, err := e.Client.APIKeys.List(ctx, "acme", client.ListOptions{})
					if err != nil || len(keys.Items) != 1 {
						return fmt.Errorf("keys %v: %v", keys, err)
					}
					return e.Client.APIKeys.Delete(ctx, "acme", keys.Items[0].ID, 0)
				}),
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(apiKeyAddr, plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

// TestAccAPIKeyResource_rotatedOutside: after a rotation outside Terraform the state's secret
// no longer works; the plan shows an in-place rotation that puts a working secret back.
func TestAccAPIKeyResource_rotatedOutside(t *testing.T) {
	e := newTestEnv(t)
	e.workspace(t, "acme")
	cfg := testAPIKeyConfig(e, "deploy", "read_write", "")
	var first, second string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg, Check: secretFrom(&first)},
			{
				PreConfig: outOfBand(t, "rotate outside Terraform", func(ctx context.Context) error {
					keys, err := e.Client.APIKeys.List(ctx, "acme", client.ListOptions{})
					if err != nil || len(keys.Items) != 1 {
						return fmt.Errorf("keys %v: %v", keys, err)
					}
					_, err = e.Client.APIKeys.Rotate(ctx, "acme", keys.Items[0].ID, client.APIKeyRotateOptions{})
					return err
				}),
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(apiKeyAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue(apiKeyAddr, tfjsonpath.New("secret")),
					},
				},
				Check: resource.ComposeTestCheckFunc(
					secretFrom(&second),
					authenticates(t, e, "the state's secret works again", &second, true),
					authenticates(t, e, "the dead secret stays dead", &first, false),
				),
			},
			{Config: cfg, PlanOnly: true},
		},
	})
}

func TestAccAPIKeyResource_badInput(t *testing.T) {
	e := newTestEnv(t)
	e.workspace(t, "acme")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      testAPIKeyConfig(e, "CI", "admin", ""),
				PlanOnly:    true,
				ExpectError: errorText(`value must be one of: ["read_only" "read_write"]`),
			},
			{
				Config:      testAPIKeyConfig(e, "CI", "read_only", `expires_at = "next week"`),
				PlanOnly:    true,
				ExpectError: errorText("expires_at must be an RFC 3339 timestamp such as 2030-01-02T15:04:05Z"),
			},
			{
				Config:      testAPIKeyConfig(e, "CI", "read_only", `expires_at = "2001-01-01T00:00:00Z"`),
				PlanOnly:    true,
				ExpectError: errorText("expires_at must be in the future for a new key"),
			},
			{
				Config:        testAPIKeyConfig(e, "CI", "read_only", ""),
				ResourceName:  apiKeyAddr,
				ImportState:   true,
				ImportStateId: "acme/CI",
				ExpectError:   errorText("API keys are imported by id"),
			},
			{
				Config:      testAPIKeyConfig(e, "CI", "read_only", `grace_period_seconds = 86401`),
				PlanOnly:    true,
				ExpectError: errorText("grace_period_seconds value must be between 0 and 86400"),
			},
		},
	})
}
