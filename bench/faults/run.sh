#!/usr/bin/env bash
# The fault campaign (issue 15, item 3): agents doing tool-calling turns against a model that fails
# on purpose (30 % 429/500 with Retry-After, hung calls, an outage window) while worker JVMs are
# killed with SIGKILL at random moments and restarted. Every tool call lands in a ledger keyed by its
# idempotency key. Bounded in time; exits 1 only when a zero is not zero (lost messages, tool effects
# done twice, turns stuck or not completed), never on timing.
#
#   bench/faults/run.sh            # full: 20 agents, 10 minutes, >= 21 kills, a 60 s outage
#   SHORT=1 bench/faults/run.sh    # about two minutes (what CI runs)
#
# Report: bench/results/faults-<full|short>.md (paste it into docs/RELIABILITY.md); worker logs in
# bench/target/faults-logs/. Set SKIP_BUILD=1 when bench/target is already built (CI, after verify).
set -euo pipefail
cd "$(dirname "$0")/../.."

plan=full
[ "${SHORT:-}" = 1 ] && plan=short
if [ "${SKIP_BUILD:-}" != 1 ]; then
  ./mvnw -q -B -pl bench -am package -DskipTests
fi
cp="$(ls bench/target/steward-bench-*.jar | head -1):bench/target/lib/*"
mkdir -p bench/results
# A hard bound in case something hangs: the campaign's own bounds (its time, then at most one ask
# of 12 minutes, longer than a model's retries), plus margin.
limit=$([ "$plan" = full ] && echo 2100 || echo 1200)
timeout --signal=TERM --kill-after=30 "$limit" \
  java -Xmx1g -cp "$cp" dev.steward.bench.faults.FaultCampaign "$plan" "bench/results/faults-$plan.md"
