#!/usr/bin/env bash
# What an agent carries over continue-as-new, and the heap its cached workflow holds, at turn 10 and
# at turn 5,000 (or TURNS), on the embedded time-skipping Temporal test server with a test model.
# Prints a Markdown table; also in workflows/target/state-growth.md. Builds without installing.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B verify -pl workflows -am -Dtest=StateGrowthBench -Dsteward.bench=true \
  -Dsteward.bench.turns="${TURNS:-5000}" -Dsteward.bench.contextTokens="${CONTEXT_TOKENS:-2000}" \
  -Dsteward.bench.segmentEntries="${SEGMENT_ENTRIES:-50}" -Dsurefire.failIfNoSpecifiedTests=false
cat workflows/target/state-growth.md
