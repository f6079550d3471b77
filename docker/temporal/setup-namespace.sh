#!/bin/sh
# Creates the namespace Steward uses and registers Steward's search attributes in it. Runs once per
# `docker compose up` in temporalio/admin-tools, after the server is up; safe to repeat (an existing
# namespace is kept, and the server skips attributes that are already registered).
# The attributes and their types must match workflows/.../SearchAttributeNames.java
# (DockerStackComposeTest checks it).
set -eu

: "${TEMPORAL_ADDRESS:?}" "${TEMPORAL_NAMESPACE:?}"

# Runs a command until it succeeds, at most 60 times 2 seconds apart: the server answers health
# checks, and sees a namespace it has just created, a little after its port opens.
retry() {
  attempt=1
  until "$@"; do
    if [ "$attempt" -ge 60 ]; then
      echo "gave up after $attempt attempts: $*" >&2
      return 1
    fi
    attempt=$((attempt + 1))
    sleep 2
  done
}

namespace_exists_or_created() {
  temporal operator namespace describe --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE" >/dev/null 2>&1 \
    || temporal operator namespace create --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE"
}

retry temporal operator cluster health --address "$TEMPORAL_ADDRESS"
retry namespace_exists_or_created
for attribute in StewardAgentName:Keyword StewardStatus:Keyword StewardTenant:Keyword \
    StewardCostUsd:Double StewardTotalTokens:Int; do
  retry temporal operator search-attribute create --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE" \
    --name "${attribute%%:*}" --type "${attribute##*:}"
done
echo "Namespace $TEMPORAL_NAMESPACE is ready for Steward"
