variable "customer_slug" {
  description = "Slug of the customer's workspace: 3-40 characters, lower-case letters, digits and single hyphens, starting with a letter."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,38}[a-z0-9]$", var.customer_slug)) && !strcontains(var.customer_slug, "--")
    error_message = "customer_slug must be 3-40 characters of a-z, 0-9 and single hyphens, starting with a letter and not ending with a hyphen."
  }
}

variable "customer_name" {
  description = "Display name of the customer's workspace."
  type        = string
}

variable "plan" {
  description = "Billing plan of the workspace: free, pro or enterprise."
  type        = string
  default     = "pro"
  validation {
    condition     = contains(["free", "pro", "enterprise"], var.plan)
    error_message = "plan must be one of free, pro, enterprise."
  }
}

variable "managing_organization_id" {
  description = "Id (org_...) of your organization: its members administer the customer's workspace."
  type        = string
}

variable "owner_email" {
  description = "E-mail of the customer's owner, invited as a workspace owner. Null invites nobody."
  type        = string
  default     = null
}

variable "force_destroy" {
  description = "When true, removing this customer deletes the workspace with everything in it, including projects, regions, clusters, API keys and custom roles created outside Terraform. When false (default), a removal that would leave such objects behind stops before deleting anything. Apply a change to true before removing the customer."
  type        = bool
  default     = false
}

variable "projects" {
  description = "Projects to create, keyed by slug."
  type = map(object({
    name        = string
    description = optional(string, "")
  }))
  default = {}
}

variable "ci_keys" {
  description = "API keys for the customer's CI, keyed by name. Change rotate_when_changed to rotate a key in place; the old secret keeps working for grace_period_seconds."
  type = map(object({
    access               = optional(string, "read_write")
    expires_at           = optional(string)
    rotate_when_changed  = optional(map(string), {})
    grace_period_seconds = optional(number, 3600)
  }))
  default = {}
}
