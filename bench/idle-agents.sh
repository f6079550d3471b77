#!/usr/bin/env bash
# Heap of N cached idle agents (default 10,000) against N plain Temporal workflows, on JDK 25 with
# virtual workflow threads (JDK25_HOME, default /usr/lib/jvm/temurin-25-jdk-amd64; JAVA_BIN to use
# another java), the Java test server in a JVM of its own. Prints a Markdown table and the classes a
# cached agent holds; also in bench/results/<date>-idle-agents.md. Builds without installing.
#
#   bench/idle-agents.sh            # 10,000 a side
#   N=1000 bench/idle-agents.sh     # quicker
#   N=300 DUMP_DIR=/tmp/d bench/idle-agents.sh   # also heap and thread dumps of each side, for
#       java -cp 'bench/target/classes:bench/target/lib/*' dev.steward.bench.HeapDumpPaths /tmp/d/steward.hprof CACHED
#
# The bench JVM clears soft references at every GC (-XX:SoftRefLRUPolicyMSPerMB=0): they are caches
# (Jackson's per-thread JSON buffers among them) that any JVM drops before it runs out of memory, so
# "used heap after GC" counts what the agents really hold. SOFT_REFS=keep measures with them.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${N:-10000}"
java="${JAVA_BIN:-${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java}"

./mvnw -q -B -pl bench -am package -DskipTests
cp="$(ls bench/target/steward-bench-*.jar | head -1):bench/target/lib/*"
mkdir -p bench/results
out="bench/results/$(date -u +%F)-idle-agents.md"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  # Only the server this script started, by its PID.
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$java" -Xmx3g -cp "$cp" dev.steward.bench.ServerMain "$work/address" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 300); do
  [ -s "$work/address" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 0.2
done
{
  printf '# %d cached idle agents, %s\n\n' "$n" "$(date -u +%FT%TZ)"
  soft=(-XX:SoftRefLRUPolicyMSPerMB=0)
  [ "${SOFT_REFS:-}" = keep ] && soft=()
  printf 'JVM flags: -Xms1g -Xmx2g %s\n\n' "${soft[*]}"
  "$java" -Xms1g -Xmx2g "${soft[@]}" -cp "$cp" dev.steward.bench.IdleAgentsMain "tcp:$(cat "$work/address")" "$n"
} | tee -a "$out"
