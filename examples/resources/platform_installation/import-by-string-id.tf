# Import an existing installation with an import block (Terraform 1.5+): <workspace slug>/<installation name>.
import {
  to = platform_installation.shop_eu
  id = "acme/shop-eu"
}
