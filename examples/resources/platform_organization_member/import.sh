# Organization members are imported as <organization slug>/<e-mail>.
terraform import platform_organization_member.alice acme-msp/alice@example.com
