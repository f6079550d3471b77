#!/usr/bin/env bash
# The side-by-side benchmark suite (issue 15): Steward against a plain Temporal workflow of the same
# shape, in the same JVM and run, interleaved rounds, min and median over rounds, load average noted.
# Runs on JDK 17 and on JDK 25 (virtual workflow threads), each over three transports: the Java test
# server in the same JVM (in-process channels), the same server in a JVM of its own over TCP, and
# the real `temporal server start-dev` when the temporal CLI is on PATH. Every round starts afresh:
# a new test server (in-process, or a new server JVM) or, on the dev server, new task queues and
# workers, with what the round started terminated at its end. Before the first round the JVM is
# warmed with untimed turns, so the rows measure a worker past its JIT's warm-up; over TCP each
# round's new server JVM is warmed too, with a tenth as many.
#
#   bench/run.sh              # the full sizes (20,000 warm-up turns a side, then 7 rounds of 50 turns,
#                             # 100 agents x 5 asks, 200-turn wake-up)
#   SHORT=1 bench/run.sh      # a few minutes: 5,000 warm-up turns, every scenario, smaller counts, 3 rounds
#
# Results: bench/results/<date>-jdk<N>.md, one section per transport. Variables: JDK17_HOME (default
# the java on PATH), JDK25_HOME (default /usr/lib/jvm/temurin-25-jdk-amd64; skipped when missing),
# TRANSPORTS (default "inproc tcp dev").
set -euo pipefail
cd "$(dirname "$0")/.."

size=full
[ "${SHORT:-}" = 1 ] && size=short
size="${SIZE:-$size}"   # SIZE=smoke: seconds, to check the plumbing; its figures mean nothing
transports="${TRANSPORTS:-inproc tcp dev}"

./mvnw -q -B -pl bench -am package -DskipTests
cp="$(ls bench/target/steward-bench-*.jar | head -1):bench/target/lib/*"
mkdir -p bench/results

java17="${JDK17_HOME:+$JDK17_HOME/bin/}java"
jdk25="${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
javas=("$java17")
[ -x "$jdk25/bin/java" ] && javas+=("$jdk25/bin/java")

jvm_flags=(-Xms1g -Xmx2g)
for java in "${javas[@]}"; do
  feature="$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  out="bench/results/$(date -u +%F)-jdk$feature.md"
  printf '# Benchmarks, JDK %s, %s sizes, %s\n\n' "$feature" "$size" "$(date -u +%FT%TZ)" >"$out"
  for transport in $transports; do
    case "$transport" in
      inproc)
        "$java" "${jvm_flags[@]}" -cp "$cp" dev.steward.bench.BenchMain inproc "$size" "$out" ;;
      tcp)
        # BenchMain starts a test server in a JVM of its own for each round and stops it after.
        "$java" "${jvm_flags[@]}" -Dbench.label="the Java test server in another JVM" -cp "$cp" \
          dev.steward.bench.BenchMain process "$size" "$out" ;;
      dev)
        if command -v temporal >/dev/null 2>&1; then
          # A dev-server turn waits on SQLite (about 150 ms), not on the JIT: a short JVM warm-up.
          .ci/with-temporal-server bash -c '"$0" "${@:1:2}" -Dbench.label="temporal server start-dev" \
            -Dbench.jvmWarmTurns=1000 -cp "$3" \
            dev.steward.bench.BenchMain "tcp:$STEWARD_IT_TEMPORAL_ADDRESS" "$4" "$5"' \
            "$java" "${jvm_flags[@]}" "$cp" "$size" "$out"
        else
          echo "bench: temporal CLI not on PATH; skipping the dev-server transport" >&2
        fi ;;
      *) echo "bench: unknown transport '$transport' (inproc, tcp, dev)" >&2; exit 2 ;;
    esac
  done
  echo "bench: wrote $out"
done
