#!/usr/bin/env bash
# Build Terraform or OpenTofu of a given version from the Go module proxy (no other download):
#   scripts/build-cli.sh terraform v1.13.3 .build/tools/terraform-v1.13.3/terraform
#   scripts/build-cli.sh tofu v1.12.6 .build/tools/tofu-v1.12.6/tofu
# `go install` refuses both (their go.mod has replace directives), so the build runs inside the
# module's source. -trimpath keeps the build cache independent of where that source lies, so a
# clean clone rebuilds from the warm Go build cache in seconds.
set -euo pipefail
kind=$1 version=$2 out=$3
GO=${GO:-go}

case $kind in
  terraform) module=github.com/hashicorp/terraform pkg=. ;;
  tofu) module=github.com/opentofu/opentofu pkg=./cmd/tofu ;;
  *) echo "build-cli.sh: unknown CLI $kind (terraform or tofu)" >&2; exit 2 ;;
esac

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
json=$(cd "$tmp" && $GO mod download -json "$module@$version" 2>&1 || true)
dir=$(printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
if [ -z "$dir" ]; then
  echo "go mod download of $module@$version failed: $(printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"Error": "\(.*\)"$/\1/p')" >&2
  exit 1
fi
mkdir -p "$(dirname "$out")"

if [ "$kind" = terraform ]; then
  # Terraform's go.mod replaces its remote-state backends (azure, consul, cos, gcs, kubernetes,
  # oci, oss, pg, s3) and internal/legacy with nested modules that the module zip leaves out, so
  # it does not build as downloaded. Build a copy without those backends: the acceptance tests
  # use local state only.
  src=$(dirname "$out")/src
  rm -rf "$src" && mkdir -p "$src"
  cp -R "$dir"/. "$src"/ && chmod -R u+w "$src"
  sed -i -E '/backend(Azure|Consul|Cos|GCS|Kubernetes|OCI|OSS|Pg|S3)[ .]/d' "$src/internal/backend/init/init.go"
  sed -i -E '/internal\/backend\/remote-state\/(azure|consul|cos|gcs|kubernetes|oss|pg|s3|oci)|internal\/legacy/d' "$src/go.mod"
  dir=$src
fi

# version.dev=no: what release builds set; without it the CLI calls itself v<version>-dev.
(cd "$dir" && CGO_ENABLED=0 GOFLAGS="${GOFLAGS:+$GOFLAGS }-mod=mod" \
  $GO build -trimpath -ldflags "-X $module/version.dev=no" -o "$out.tmp" "$pkg")
mv "$out.tmp" "$out"
if [ "$kind" = terraform ]; then rm -rf "$(dirname "$out")/src"; fi
echo "Built $("$out" version | head -n 1) into $out."
