variable "customer" {
  description = "Slug of the customer's workspace."
  type        = string
  default     = "acme"
}

variable "customer_owner_email" {
  description = "E-mail of the customer's owner, invited as a workspace owner."
  type        = string
  default     = "owner@acme.example"
}

variable "msp_engineer_email" {
  description = "E-mail of an engineer of the managing organization (implicit workspace admin)."
  type        = string
  default     = "engineer@msp.example"
}

variable "projects" {
  description = "Projects of the customer's workspace: slug => display name."
  type        = map(string)
  default = {
    web  = "Web shop"
    data = "Data platform"
  }
}

variable "stripe_key" {
  description = "Value of the shop's STRIPE_KEY secret. Ephemeral: it is never stored in plan or state (`make demo` sets TF_VAR_stripe_key to a random value)."
  type        = string
  sensitive   = true
  ephemeral   = true
}
