#!/usr/bin/env bash
# The health check of the Steward image (installed as steward-healthcheck). One argument: what the
# container runs. It uses only bash, coreutils' timeout and curl, which the eclipse-temurin Ubuntu
# images ship.
#
#   worker   A worker has no port of its own. Its JVM is the container's main process, so the worker
#            is alive whenever this runs; what can still break is its way to Temporal. This checks
#            that a TCP connection to TEMPORAL_ADDRESS opens within 3 seconds. It does not prove
#            that the worker is polling its task queue.
#   gateway  GET /health on the gateway's port (STEWARD_GATEWAY_PORT, default 8080) answers 2xx.
set -euo pipefail

case "${1:-worker}" in
  worker)
    address="${TEMPORAL_ADDRESS:-localhost:7233}"
    # Host and port go in as arguments, so that nothing in the variable runs as code.
    # shellcheck disable=SC2016 # the inner bash expands $0 and $1, not this one
    timeout 3 bash -c ': > "/dev/tcp/$0/$1"' "${address%:*}" "${address##*:}"
    ;;
  gateway)
    scheme=http
    if [ -n "${STEWARD_TLS_CERT:-}" ]; then
      # The certificate is for the gateway's public name, not localhost; this only asks if it answers.
      scheme=https
    fi
    curl --fail --silent --show-error --insecure --max-time 3 \
      "$scheme://localhost:${STEWARD_GATEWAY_PORT:-8080}/health" > /dev/null
    ;;
  *)
    echo "usage: steward-healthcheck worker|gateway" >&2
    exit 2
    ;;
esac
