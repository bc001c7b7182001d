resource "platform_project" "web" {
  slug = "web"
  name = "Web shop"
}

# The workspace's members: bob and carol may only read the workspace...
resource "platform_workspace_members" "acme" {
  members = {
    "owner@example.com" = "owner"
    "bob@example.com"   = "viewer"
    "carol@example.com" = "viewer"
  }
}

# ...and these are all the overrides of the web project: bob administers it, carol deploys to
# it. Overrides added in another way are removed by the next apply. depends_on makes Terraform
# add the workspace members first (an override needs a workspace member).
resource "platform_project_members" "web" {
  project_id = platform_project.web.id
  members = {
    "bob@example.com"   = "admin"
    "carol@example.com" = "member" # admin, member, viewer, or a custom role id
  }
  depends_on = [platform_workspace_members.acme]
}
