#!/usr/bin/env bash
# Generates the provider documentation into the directory given as $1 (docs/ for `make docs`,
# a copy of it for `make docs-check`). Run it through make, which installs the provider into
# the filesystem mirror and writes the CLI configuration first.
#
# The schema comes from `terraform providers schema -json` run against the mirror and is
# handed to tfplugindocs with --providers-schema: tfplugindocs then neither builds the provider
# nor looks for a terraform binary (it would download one when there is none on PATH, and its
# own init only knows registry.terraform.io, so OpenTofu could not serve it). Never pass
# --tf-version: it always downloads.
#
# tfplugindocs rewrites only what it manages in the output directory (index.md, resources/,
# data-sources/, guides/, ...); docs/design.md and any other hand-written file stay.
set -euo pipefail

: "${TF:?terraform or tofu binary}" "${BUILD_DIR:?}" "${TOOL:?go tool -modfile=tools/go.mod}" "${TF_CLI_CONFIG_FILE:?}"
out=${1:?output directory}

work="$BUILD_DIR/docs-schema"
rm -rf "$work"
mkdir -p "$work"
cat >"$work/main.tf" <<'EOF'
terraform {
  required_providers {
    platform = {
      source = "platform-iac/platform"
    }
  }
}
EOF
export TF_DATA_DIR="$work/.terraform"
"$TF" -chdir="$work" init -backend=false -input=false -no-color >/dev/null
"$TF" -chdir="$work" providers schema -json >"$work/schema.raw.json"

# tfplugindocs looks the provider up as "platform" or registry.terraform.io/hashicorp/platform;
# the mirror installs it as <host>/platform-iac/platform.
sed -E 's#"registry\.(terraform\.io|opentofu\.org)/platform-iac/platform":#"platform":#' \
  "$work/schema.raw.json" >"$work/schema.json"

$TOOL tfplugindocs generate \
  --provider-name platform \
  --providers-schema "$work/schema.json" \
  --rendered-website-dir "$out" \
  --website-temp-dir "$work/tmp" \
  --examples-dir examples \
  --website-source-dir templates
