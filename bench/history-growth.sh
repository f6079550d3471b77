#!/usr/bin/env bash
# History bytes one agent turn adds at turns 10, 100 and 1,000 (or TURNS), with the context passed
# by reference (Steward's design) and as it would be inline (the usual design), on the embedded
# time-skipping Temporal test server. Prints a Markdown table; also in workflows/target/history-growth.md.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B install -pl workflows -am -DskipTests
./mvnw -q -B test -pl workflows -Dtest=HistoryGrowthBench -Dsteward.bench=true \
  -Dsteward.bench.turns="${TURNS:-1000}" -Dsurefire.failIfNoSpecifiedTests=false
cat workflows/target/history-growth.md
