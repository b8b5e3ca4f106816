#!/bin/sh
# Entrypoint of the Vínculo image: one image, eight processes, chosen by $SERVICE.
#
#   SERVICE=gateway|customers|sales|postsale|collections|techsupport|proposals|notifications   (no arguments)
#       exec the process; PORT defaults to its port (gateway 4000, customers 4001 … notifications 4007)
#   vinculo-entrypoint healthcheck [live|ready]
#       exit 0 when http://127.0.0.1:$PORT/health/<live|ready> answers 200 (Docker HEALTHCHECK, compose)
#   vinculo-entrypoint <command> [args…]
#       run a one-off command instead, e.g. `node scripts/token.js --tenant demo --role ADMIN`
#
# Keep the port table in step with ARCHITECTURE.md ("Ownership") and each subgraph's defaultPort.
set -eu

port_of() {
  case "$1" in
    gateway) echo 4000 ;;
    customers) echo 4001 ;;
    sales) echo 4002 ;;
    postsale) echo 4003 ;;
    collections) echo 4004 ;;
    techsupport) echo 4005 ;;
    proposals) echo 4006 ;;
    notifications) echo 4007 ;;
    *) return 1 ;;
  esac
}

NAMES="gateway customers sales postsale collections techsupport proposals notifications"
SERVICE="${SERVICE:-}"

die() {
  echo "vinculo-entrypoint: $*" >&2
  exit 64
}

# The HEALTHCHECK runs in a fresh process with the container's environment (not this script's
# exports), so it works the port out the same way the start does.
resolve_port() {
  if [ -n "${PORT:-}" ]; then
    echo "$PORT"
  elif [ -n "$SERVICE" ] && port_of "$SERVICE"; then
    :
  else
    die "SERVICE must be one of: $NAMES (got '${SERVICE}')"
  fi
}

if [ "$#" -eq 0 ]; then
  port_of "$SERVICE" >/dev/null || die "SERVICE must be one of: $NAMES (got '${SERVICE}')"
  PORT="$(resolve_port)"
  export PORT
  cd /app
  if [ "$SERVICE" = gateway ]; then
    exec node gateway/dist/index.js
  fi
  exec node "services/$SERVICE/dist/index.js"
fi

if [ "$1" = healthcheck ]; then
  probe="${2:-live}"
  case "$probe" in live | ready) ;; *) die "healthcheck takes live or ready (got '$probe')" ;; esac
  port="$(resolve_port)"
  exec node -e '
    fetch(process.argv[1], { signal: AbortSignal.timeout(4000) })
      .then((res) => process.exit(res.status === 200 ? 0 : 1), () => process.exit(1));
  ' "http://127.0.0.1:${port}/health/${probe}"
fi

exec "$@"
