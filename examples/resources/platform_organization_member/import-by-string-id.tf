# Organization members are imported as <organization slug>/<e-mail>.
import {
  to = platform_organization_member.alice
  id = "acme-msp/alice@example.com"
}
