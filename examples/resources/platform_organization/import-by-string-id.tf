# Organizations are imported by slug (or id).
import {
  to = platform_organization.msp
  id = "acme-msp"
}
