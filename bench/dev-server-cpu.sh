#!/usr/bin/env bash
# The CPU time the real `temporal server start-dev` spends serving one row of the benchmark for one
# side: a fresh dev server per side (through .ci/with-temporal-server), the row run by BenchMain
# against it, the server's user + system CPU seconds read from /proc before and after. Issue 15's
# turns/s on the dev server is bound by the server's CPU on this 2-core machine; this says how much
# of it each side's turns take. Run it on a quiet machine: under load the Go server's CPU time moves
# by a third from run to run.
#
#   bench/dev-server-cpu.sh                          # turns/s row, 2 rounds of 30 agents x 3 asks, both sides
#   SCENARIO=firstReply SIZES=2,1,50,1,1,1,1 bench/dev-server-cpu.sh
#
# JAVA chooses the JVM (default: java on PATH). Needs a built bench:
# ./mvnw -q -B -pl bench -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
java="${JAVA:-java}"
scenario="${SCENARIO:-throughput}"
sizes="${SIZES:-2,1,1,30,3,1,1}"
cp="$(ls bench/target/steward-bench-*.jar | head -1):bench/target/lib/*"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

for side in steward plain; do
  .ci/with-temporal-server bash -c '
    port=${STEWARD_IT_TEMPORAL_ADDRESS##*:}
    pid=$(ss -ltnpH "sport = :$port" | grep -o "pid=[0-9]*" | head -1 | cut -d= -f2)
    cpu() { awk "{printf \"%.2f\", (\$14 + \$15) / 100}" "/proc/$pid/stat"; }
    before=$(cpu)
    "$0" -Xms1g -Xmx2g -Dbench.scenarios="$1" -Dbench.sizes="$2" -Dbench.sides="$3" \
      -Dbench.label="temporal server start-dev" -cp "$4" dev.steward.bench.BenchMain \
      "tcp:$STEWARD_IT_TEMPORAL_ADDRESS" custom "$5/$3.md" >/dev/null 2>"$5/$3.log" || { tail -5 "$5/$3.log"; exit 1; }
    after=$(cpu)
    echo "$3: dev server CPU $(awk "BEGIN {printf \"%.2f\", $after - $before}") s for $1 ($2), load $(cut -d" " -f1 /proc/loadavg)"
  ' "$java" "$scenario" "$sizes" "$side" "$cp" "$out"
done
