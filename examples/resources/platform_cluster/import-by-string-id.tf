# Import an existing cluster with an import block (Terraform 1.5+): <workspace slug>/<cluster name>.
import {
  to = platform_cluster.prod_eu
  id = "acme/prod-eu"
}
