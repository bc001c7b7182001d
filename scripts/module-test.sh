#!/usr/bin/env bash
# `make module-test`: runs `terraform test` for every module under examples/modules against a
# fresh reference server (run it through make, which installs the provider into the mirror and
# writes the CLI configuration first). Modules are copied to .build/module-test so the tree
# stays clean.
set -euo pipefail

: "${TF:?terraform or tofu binary}" "${BUILD_DIR:?}" "${SERVER_BIN:?}" "${TF_CLI_CONFIG_FILE:?}"

step() { printf '\n==> %s\n' "$*"; }

root="$BUILD_DIR/module-test"
rm -rf "$root"
mkdir -p "$root"
export TF_IN_AUTOMATION=1

# shellcheck source=scripts/server.sh
source "$(dirname "$0")/server.sh"
start_server "$root/server" 200ms

for module in examples/modules/*/; do
  name=$(basename "$module")
  work="$root/$name"
  cp -R "$module" "$work"
  step "$(basename "$TF") test: examples/modules/$name"
  TF_DATA_DIR="$work/.terraform" "$TF" -chdir="$work" init -input=false -no-color >/dev/null
  TF_DATA_DIR="$work/.terraform" "$TF" -chdir="$work" test -no-color
done
