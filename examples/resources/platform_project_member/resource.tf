resource "platform_project" "web" {
  slug = "web"
  name = "Web shop"
}

# Bob may only read the workspace...
resource "platform_workspace_member" "bob" {
  email = "bob@example.com"
  role  = "viewer"
}

# ...but administers the web project. Referencing the membership's e-mail makes Terraform
# invite him to the workspace first.
resource "platform_project_member" "bob_web" {
  project_id = platform_project.web.id
  email      = platform_workspace_member.bob.email
  role       = "admin" # admin, member, viewer, or a custom role id
}
