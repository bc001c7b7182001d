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

# A fresh bootstrap token for the server's first user (admin@localhost); user tokens may
# create workspaces.
token="pt_demo_$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"

server_pid=""
cleanup() {
  status=$?
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    step "Stopping the reference server (pid $server_pid)"
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ]; then
    echo
    echo "make demo failed (exit $status). Server log: $demo_dir/server.log"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step "Starting the reference server: $SERVER_BIN on a free loopback port, SQLite in $demo_dir/data"
PLATFORM_BOOTSTRAP_TOKEN="$token" "$SERVER_BIN" --addr 127.0.0.1:0 --data-dir "$demo_dir/data" \
  --cluster-delay 1s >"$demo_dir/server.out" 2>"$demo_dir/server.log" &
server_pid=$!

# The server logs the address it got ("listening ... addr=127.0.0.1:PORT"); then /healthz.
addr=""
for _ in $(seq 1 100); do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "the server exited early:"; cat "$demo_dir/server.log"; exit 1
  fi
  addr=$(sed -n 's/.*msg=listening addr=\([0-9.:]*\).*/\1/p' "$demo_dir/server.log" | head -n 1)
  [ -n "$addr" ] && break
  sleep 0.1
done
[ -n "$addr" ] || { echo "the server did not report its address:"; cat "$demo_dir/server.log"; exit 1; }
endpoint="http://$addr"

step "Waiting for $endpoint/healthz"
healthy() {
  if command -v curl >/dev/null 2>&1; then
    curl -fsS "$endpoint/healthz" >/dev/null 2>&1
  else # bash's /dev/tcp where there is no curl
    (exec 3<>"/dev/tcp/${addr%:*}/${addr##*:}" &&
      printf 'GET /healthz HTTP/1.0\r\nHost: %s\r\n\r\n' "$addr" >&3 &&
      head -n 1 <&3 | grep -q ' 200 ') 2>/dev/null
  fi
}
ok=""
for _ in $(seq 1 100); do
  if healthy; then ok=1; break; fi
  sleep 0.1
done
[ -n "$ok" ] || { echo "the server did not become healthy:"; cat "$demo_dir/server.log"; exit 1; }
echo "healthy; the provider talks to it with PLATFORM_ENDPOINT=$endpoint and the bootstrap token"

export PLATFORM_ENDPOINT="$endpoint"
export PLATFORM_TOKEN="$token"

step "$tf_name init: platform-iac/platform from the local filesystem mirror (.build/mirror, via $TF_CLI_CONFIG_FILE), offline"
"$TF" -chdir="$work" init -input=false -no-color | grep -E 'Installing|Installed|initialized|Initializing provider' || true

step "$tf_name apply: a managing organization, the customer's workspace, its projects, members, role, API key, region and cluster"
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
