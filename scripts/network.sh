#!/usr/bin/env bash
# `make network`: the app on loopback behind Caddy over HTTPS, in the foreground, as the
# services in deploy/ run it on a server: the same ExecStart lines, read from the units.
# One Ctrl-C or SIGTERM stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."

# The server's settings, from the same file the services read (/etc/iap.env, or IAP_ENV_FILE).
# shellcheck source=scripts/read-settings.sh
source scripts/read-settings.sh
export PORT="${PORT:-8501}"
if [ -n "${DOMAIN:-}" ]; then
  export HTTPS_PORT="${HTTPS_PORT:-443}"
  address="https://$DOMAIN$([ "$HTTPS_PORT" = 443 ] || echo ":$HTTPS_PORT")"
else
  export HTTPS_PORT="${HTTPS_PORT:-8443}"
  address="https://localhost:$HTTPS_PORT"
fi
export IAP_CADDY_DATA="${IAP_CADDY_DATA:-$PWD/.workspace/caddy}"

command_of() { sed -n 's/^ExecStart=//p' "deploy/$1"; }

pids=()
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  # The watcher of the app's lines ends with the app (a process substitution: waited for by its id).
  if [ -n "${watcher:-}" ]; then wait "$watcher" 2>/dev/null || true; fi
  rm -f "${port_file:-}"
}
trap 'stop; exit 0' INT TERM
trap stop EXIT

alive() { for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || return 1; done; }

# The app's lines pass through; the port it answers on is noted from its "ready" line (PORT=0:
# the system gives the app a free port, which no other program can be handed meanwhile).
port_file="$(mktemp)"
watch_app() {
  trap '' INT TERM # ends when the app's output does (a Ctrl-C must not cut the app's last lines)
  while IFS= read -r line; do
    printf '%s\n' "$line"
    case "$line" in
      *"ready behind the proxy: http://127.0.0.1:"*)
        line="${line##*127.0.0.1:}" && echo "${line%%[!0-9]*}" >"$port_file" ;;
    esac
  done
}
exec {app_out}> >(watch_app)
watcher=$!
# shellcheck disable=SC2046 # the unit's command, split into words as systemd does
$(command_of iap-app.service) >&"$app_out" 2>&1 &
pids+=($!)
exec {app_out}>&- # only the app writes there now: its end ends the watcher
if [ "$PORT" = 0 ]; then
  echo "Starting the app on 127.0.0.1 (loopback only, a free port)..."
else
  echo "Starting the app on 127.0.0.1:$PORT (loopback only)..."
fi
until [ -s "$port_file" ] && curl -fsS -o /dev/null "http://127.0.0.1:$(cat "$port_file")/account/health" 2>/dev/null; do
  alive || { echo "The app stopped before it was ready: see the lines above." >&2; exit 1; }
  sleep 0.2
done
PORT="$(cat "$port_file")" && rm -f "$port_file"

if [ -n "${IAP_DATA_REMOTE:-}" ]; then
  $(command_of iap-backup.service) || echo "The backup is not up to date (the line above says why); saves are kept here." >&2
fi

$(command_of iap-proxy.service) &
pids+=($!)
root="$IAP_CADDY_DATA/pki/authorities/local/root.crt"
check=(curl -fsS -o /dev/null)
if [ -z "${DOMAIN:-}" ]; then check+=(--cacert "$root" --resolve "localhost:$HTTPS_PORT:127.0.0.1"); fi
until { [ -n "${DOMAIN:-}" ] || [ -f "$root" ]; } && "${check[@]}" "$address/account/health" 2>/dev/null; do
  alive || { echo "The proxy stopped before it was ready: see the lines above." >&2; exit 1; }
  sleep 0.2
done
echo "The dashboard is ready at $address (Ctrl-C stops it)."
if [ -z "${DOMAIN:-}" ]; then echo "Caddy's local authority, to trust in a browser: $root"; fi

# Either process ending ends the other: nothing is left half-running.
wait -n "${pids[@]}" || true
