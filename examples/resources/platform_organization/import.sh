# Organizations are imported by slug (or id).
terraform import platform_organization.msp acme-msp
