# The project, the cluster and the GitHub connection usually live in the same configuration;
# here they are looked up.
data "platform_project" "web" {
  slug = "web"
}

data "platform_cluster" "prod_eu" {
  name = "prod-eu"
}

data "platform_github_installation" "acme" {
  installation_id = 12345678
}

resource "platform_deployment" "frontend" {
  project_id = data.platform_project.web.id
  cluster_id = data.platform_cluster.prod_eu.id # changing it replaces the deployment
  name       = "frontend"                       # renamed in place

  # Every change of image, replicas, env, secrets or source is a new revision; apply waits until
  # it runs. replicas = 0 stops the deployment.
  image    = "ghcr.io/acme/web:1.4.0"
  replicas = 3
  env = {
    LOG_LEVEL = "info"
  }
  secrets = ["DB_PASSWORD"] # platform_secret names, received as environment variables

  # Optional: every push to main deploys a new revision (revision and commit_sha change outside
  # Terraform, which is not drift). Remove the block to disconnect the repository.
  source = {
    github_installation_id = data.platform_github_installation.acme.id
    repository             = "acme/web"
    branch                 = "main"
  }

  # How long apply waits for a revision to run (or the deployment to be gone); each defaults to 20m.
  timeouts {
    create = "10m"
    update = "10m"
  }
}

output "frontend_url" {
  value = platform_deployment.frontend.url
}
