variable "workspace_id" {
  description = "Id (ws_...) of the customer's workspace."
  type        = string
}

variable "cluster_id" {
  description = "Id (cls_...) of the customer's running cluster that runs the product and the deployments."
  type        = string
}

variable "name" {
  description = "Name of the installation (a slug, unique in the workspace); also its namespace unless namespace is set."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,38}[a-z0-9]$", var.name)) && !strcontains(var.name, "--")
    error_message = "name must be 3-40 characters of a-z, 0-9 and single hyphens, starting with a letter and not ending with a hyphen."
  }
}

variable "namespace" {
  description = "Kubernetes namespace of the installation; null uses name. Changing it installs anew."
  type        = string
  default     = null
}

variable "product_id" {
  description = "Id (prod_...) of the product to install: a listed product of the vendor's workspace (or one of the customer's own)."
  type        = string
}

variable "product_version" {
  description = "Release tag of the product to run. A higher tag upgrades in place, a lower one rolls back."
  type        = string
  validation {
    condition     = can(regex("^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?$", var.product_version))
    error_message = "product_version must be a semantic version MAJOR.MINOR.PATCH[-pre], such as 1.4.0."
  }
}

variable "values" {
  description = "The customer's values for the product's chart (not secret: they are stored in state)."
  type        = map(string)
  default     = {}
}

variable "secret_versions" {
  description = "Secrets the installation receives, by name (upper-case, such as STRIPE_KEY) => version. Bump a version to send a new value from secret_values."
  type        = map(number)
  default     = {}
}

variable "secret_values" {
  description = "Secret values by name, for every name of secret_versions. Ephemeral: they go to the write-only value_wo and are never stored in plan or state."
  type        = map(string)
  default     = {}
  sensitive   = true
  ephemeral   = true
}

variable "deployments" {
  description = "Container deployments on the same cluster, keyed by name: the project they belong to, the image, replicas (0 stops) and environment; secrets names keys of secret_versions."
  type = map(object({
    project_id = string
    image      = string
    replicas   = optional(number, 1)
    env        = optional(map(string), {})
    secrets    = optional(set(string), [])
  }))
  default = {}
}

variable "wait" {
  description = "When true (default), apply waits until the product is installed and fails when the install fails. When false, apply returns once the install has started; check installation_healthy reports a failed install on a later plan."
  type        = bool
  default     = true
}
