# Runs against a reference server: PLATFORM_ENDPOINT and PLATFORM_TOKEN come from the
# environment (make test starts the server and sets them).

run "setup" {
  module {
    source = "./tests/setup"
  }
  variables {
    slug = "msp-tests"
  }
}

variables {
  customer_slug = "customer-one"
  customer_name = "Customer One"
  owner_email   = "owner@customer-one.example.com"
  projects = {
    web     = { name = "Web", description = "Storefront." }
    backend = { name = "Backend" }
  }
  ci_keys = {
    deploy = {}
    audit  = { access = "read_only", grace_period_seconds = 0 }
  }
}

run "provisions_the_customer" {
  variables {
    managing_organization_id = run.setup.organization_id
  }

  assert {
    condition     = platform_workspace.this.managing_organization_id == run.setup.organization_id
    error_message = "the workspace is not managed by the organization"
  }
  assert {
    condition     = output.access_state == "full"
    error_message = "a new customer's workspace is fully writable"
  }
  assert {
    condition     = platform_workspace.this.plan == "pro"
    error_message = "the default plan is not pro"
  }
  assert {
    condition     = output.owner_status == "invited"
    error_message = "the customer's owner should be invited until they use the workspace"
  }
  assert {
    condition     = length(output.project_ids) == 2 && startswith(output.project_ids["web"], "prj_")
    error_message = "projects from the map were not created"
  }
  assert {
    condition     = platform_api_key.ci["audit"].access == "read_only" && startswith(platform_api_key.ci["deploy"].prefix, "pk_")
    error_message = "CI keys do not have the configured access"
  }
}

run "rotates_a_ci_key_in_place" {
  variables {
    managing_organization_id = run.setup.organization_id
    ci_keys = {
      deploy = { rotate_when_changed = { generation = "2" } }
      audit  = { access = "read_only", grace_period_seconds = 0 }
    }
  }

  assert {
    condition     = platform_api_key.ci["deploy"].id == run.provisions_the_customer.ci_key_ids["deploy"]
    error_message = "rotation replaced the key instead of rotating it in place"
  }
  assert {
    condition     = nonsensitive(output.ci_key_secrets["deploy"] != run.provisions_the_customer.ci_key_secrets["deploy"])
    error_message = "rotation kept the old secret"
  }
  assert {
    condition     = nonsensitive(output.ci_key_secrets["audit"] == run.provisions_the_customer.ci_key_secrets["audit"])
    error_message = "a key whose triggers did not change was rotated"
  }
}

run "rejects_a_bad_slug" {
  command = plan
  variables {
    managing_organization_id = run.setup.organization_id
    customer_slug            = "Customer_One"
  }
  expect_failures = [var.customer_slug]
}

run "force_destroy_is_a_terraform_only_change" {
  variables {
    managing_organization_id = run.setup.organization_id
    force_destroy            = true
  }

  assert {
    condition     = platform_workspace.this.force_destroy && platform_workspace.this.id == run.provisions_the_customer.workspace_id
    error_message = "force_destroy should change in place, keeping the workspace"
  }
}
