# Runs against a reference server: PLATFORM_ENDPOINT and PLATFORM_TOKEN come from the
# environment (make test starts the server and sets them).

run "setup" {
  module {
    source = "./tests/setup"
  }
}

variables {
  name            = "shop"
  product_version = "1.0.0"
  values          = { currency = "EUR", shop_name = "Customer Shop" }
  secret_versions = { STRIPE_KEY = 1 }
  secret_values   = { STRIPE_KEY = "sk_test_first" }
}

run "installs_the_product" {
  variables {
    workspace_id = run.setup.workspace_id
    cluster_id   = run.setup.cluster_id
    product_id   = run.setup.product_id
    deployments = {
      storefront = {
        project_id = run.setup.project_id
        image      = "ghcr.io/customer/storefront:1.0.0"
        env        = { LOG_LEVEL = "info" }
        secrets    = ["STRIPE_KEY"]
      }
    }
  }

  assert {
    condition     = output.installation_status == "installed" && output.installed_version == "1.0.0"
    error_message = "the product was not installed at 1.0.0"
  }
  assert {
    condition     = startswith(output.repository_url, "oci://") && endswith(output.repository_url, output.installation_id)
    error_message = "the installation has no package repository of its own"
  }
  assert {
    condition     = platform_installation.this.secrets == toset(["STRIPE_KEY"]) && platform_installation.this.values["currency"] == "EUR"
    error_message = "the installation did not receive the customer's values and secrets"
  }
  assert {
    condition     = output.deployments["storefront"].status == "running" && output.deployments["storefront"].revision == 1
    error_message = "the storefront deployment is not running"
  }
}

run "upgrades_in_place" {
  variables {
    workspace_id    = run.setup.workspace_id
    cluster_id      = run.setup.cluster_id
    product_id      = run.setup.product_id
    product_version = "1.1.0"
    deployments = {
      storefront = {
        project_id = run.setup.project_id
        image      = "ghcr.io/customer/storefront:1.0.0"
        env        = { LOG_LEVEL = "info" }
        secrets    = ["STRIPE_KEY"]
      }
    }
  }

  assert {
    condition     = output.installation_id == run.installs_the_product.installation_id
    error_message = "the upgrade replaced the installation"
  }
  assert {
    condition     = output.installation_status == "installed" && output.installed_version == "1.1.0"
    error_message = "the installation does not run 1.1.0"
  }
  assert {
    condition     = output.repository_url == run.installs_the_product.repository_url
    error_message = "the package repository changed with the upgrade"
  }
}

run "rolls_back" {
  variables {
    workspace_id    = run.setup.workspace_id
    cluster_id      = run.setup.cluster_id
    product_id      = run.setup.product_id
    product_version = "1.0.0"
    secret_versions = { STRIPE_KEY = 2 }
    secret_values   = { STRIPE_KEY = "sk_test_second" }
    deployments = {
      storefront = {
        project_id = run.setup.project_id
        image      = "ghcr.io/customer/storefront:1.1.0"
        replicas   = 2
        env        = { LOG_LEVEL = "info" }
        secrets    = ["STRIPE_KEY"]
      }
    }
  }

  assert {
    condition     = output.installation_id == run.installs_the_product.installation_id && output.installed_version == "1.0.0"
    error_message = "the rollback did not bring 1.0.0 back in place"
  }
  assert {
    condition     = platform_secret.this["STRIPE_KEY"].value_version == 2
    error_message = "the new secret value was not sent"
  }
  assert {
    condition     = output.deployments["storefront"].status == "running" && output.deployments["storefront"].revision == 2
    error_message = "the new image did not make a new running revision"
  }
}

run "starts_an_install_that_fails" {
  # A new namespace installs anew; 1.2.0's chart cannot be pulled. With wait = false the
  # apply returns once the install has started.
  variables {
    workspace_id    = run.setup.workspace_id
    cluster_id      = run.setup.cluster_id
    product_id      = run.setup.product_id
    namespace       = "shop-next"
    product_version = "1.2.0"
    wait            = false
  }

  assert {
    condition     = output.installation_id != run.installs_the_product.installation_id && output.installation_status == "installing"
    error_message = "the new installation did not start"
  }
}

run "time_passes" {
  module {
    source = "./tests/later"
  }
  variables {
    workspace_id       = run.setup.workspace_id
    kubernetes_version = run.setup.kubernetes_version
  }
}

run "reports_the_failed_install" {
  command = plan
  variables {
    workspace_id    = run.setup.workspace_id
    cluster_id      = run.setup.cluster_id
    product_id      = run.setup.product_id
    namespace       = "shop-next"
    product_version = "1.2.0"
    wait            = false
  }

  expect_failures = [check.installation_healthy]
}

run "rejects_a_bad_version" {
  command = plan
  variables {
    workspace_id    = run.setup.workspace_id
    cluster_id      = run.setup.cluster_id
    product_id      = run.setup.product_id
    product_version = "v1.0"
  }
  expect_failures = [var.product_version]
}
