# Import an existing deployment with an import block (Terraform 1.5+):
# <workspace slug>/<project slug>/<deployment name>.
import {
  to = platform_deployment.frontend
  id = "acme/web/frontend"
}
