package httpapi

import "github.com/platform-iac/terraform-provider-platform/internal/platform"

// StatusOf is the HTTP status of an error code: the one table (statusOf) that the API answers
// with, for documentation generated from it (internal/docgen).
func StatusOf(code platform.Code) int { return statusOf[code] }
