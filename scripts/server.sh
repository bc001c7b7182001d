# Sourced by demo.sh and module-test.sh: start_server starts the reference server on a free
# loopback port with its SQLite file in DIR and a fresh bootstrap token, waits until it is
# healthy and exports PLATFORM_ENDPOINT and PLATFORM_TOKEN for the provider. A trap stops the
# server on every exit. Needs SERVER_BIN and a step function.

server_pid=""
server_dir=""
stop_server() {
  status=$?
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    step "Stopping the reference server (pid $server_pid)"
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ] && [ -n "$server_dir" ]; then
    echo
    echo "failed (exit $status). Server log: $server_dir/server.log"
  fi
  exit "$status"
}

start_server() {
  server_dir=$1
  local delay=${2:-1s}
  mkdir -p "$server_dir/data"
  trap stop_server EXIT
  trap 'exit 130' INT TERM
  # A fresh bootstrap token for the server's first user (admin@localhost); user tokens may
  # create workspaces.
  local token
  token="pt_demo_$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"

  step "Starting the reference server: $SERVER_BIN on a free loopback port, SQLite in $server_dir/data"
  PLATFORM_BOOTSTRAP_TOKEN="$token" "$SERVER_BIN" --addr 127.0.0.1:0 --data-dir "$server_dir/data" \
    --cluster-delay "$delay" >"$server_dir/server.out" 2>"$server_dir/server.log" &
  server_pid=$!

  # The server logs the address it got ("listening ... addr=127.0.0.1:PORT"); then /healthz.
  addr=""
  for _ in $(seq 1 100); do
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "the server exited early:"; cat "$server_dir/server.log"; exit 1
    fi
    addr=$(sed -n 's/.*msg=listening addr=\([0-9.:]*\).*/\1/p' "$server_dir/server.log" | head -n 1)
    [ -n "$addr" ] && break
    sleep 0.1
  done
  [ -n "$addr" ] || { echo "the server did not report its address:"; cat "$server_dir/server.log"; exit 1; }
  endpoint="http://$addr"

  step "Waiting for $endpoint/healthz"
  local ok=""
  for _ in $(seq 1 100); do
    if healthy; then ok=1; break; fi
    sleep 0.1
  done
  [ -n "$ok" ] || { echo "the server did not become healthy:"; cat "$server_dir/server.log"; exit 1; }
  echo "healthy; the provider talks to it with PLATFORM_ENDPOINT=$endpoint and the bootstrap token"
  export PLATFORM_ENDPOINT="$endpoint"
  export PLATFORM_TOKEN="$token"
}

healthy() {
  if command -v curl >/dev/null 2>&1; then
    curl -fsS "$endpoint/healthz" >/dev/null 2>&1
  else # bash's /dev/tcp where there is no curl
    (exec 3<>"/dev/tcp/${addr%:*}/${addr##*:}" &&
      printf 'GET /healthz HTTP/1.0\r\nHost: %s\r\n\r\n' "$addr" >&3 &&
      head -n 1 <&3 | grep -q ' 200 ') 2>/dev/null
  fi
}
