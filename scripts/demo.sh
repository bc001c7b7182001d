#!/usr/bin/env bash
# The demo behind `make demo` (run it through make, which builds the binaries, installs the
# provider into the filesystem mirror and writes the CLI configuration first).
#
# It starts the reference server on a free loopback port with its SQLite file in .build/demo,
# applies a copy of the quickstart, prints the outputs, plans again (expecting "No changes"),
# destroys, and stops the server, also when a step fails. Nothing outside .build/ is written.
set -euo pipefail

: "${TF:?terraform or tofu binary}" "${BUILD_DIR:?}" "${SERVER_BIN:?}" "${QUICKSTART:?}" "${TF_CLI_CONFIG_FILE:?}"

demo_dir="$BUILD_DIR/demo"
work="$demo_dir/quickstart"
tf_name=$(basename "$TF")

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "Preparing $demo_dir (a fresh copy of $QUICKSTART, an empty database)"
rm -rf "$demo_dir"
mkdir -p "$demo_dir/data"
cp -R "$QUICKSTART" "$work"
# Terraform keeps its plugins and state here, next to the copy: the source tree stays clean.
export TF_DATA_DIR="$work/.terraform"
export TF_IN_AUTOMATION=1

# shellcheck source=scripts/server.sh
source "$(dirname "$0")/server.sh"
start_server "$demo_dir"

step "$tf_name init: platform-iac/platform from the local filesystem mirror (.build/mirror, via $TF_CLI_CONFIG_FILE), offline"
"$TF" -chdir="$work" init -input=false -no-color | grep -E 'Installing|Installed|initialized|Initializing provider' || true

# The quickstart's secret value is an ephemeral variable: a fresh random one, never stored.
TF_VAR_stripe_key="sk_demo_$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
export TF_VAR_stripe_key

step "$tf_name apply: a managing organization, the customer's workspace, its projects, members, role, API key, region and cluster; a vendor on pro with its Stripe account and a paid listed product, installed on that cluster; a secret and a deployment"
"$TF" -chdir="$work" apply -input=false -auto-approve -no-color

step "$tf_name output"
"$TF" -chdir="$work" output -no-color

step "$tf_name plan again: the applied configuration matches the server (expect \"No changes\")"
set +e
"$TF" -chdir="$work" plan -input=false -detailed-exitcode -no-color | tee "$demo_dir/plan.txt"
plan_status=${PIPESTATUS[0]}
set -e
if [ "$plan_status" -ne 0 ]; then
  echo "the second plan is not empty (exit $plan_status): the provider has a diff after apply"
  exit 1
fi

step "$tf_name destroy: everything the quickstart created"
"$TF" -chdir="$work" destroy -input=false -auto-approve -no-color

step "Done: applied, re-planned with no changes, destroyed. Files are in $demo_dir."
