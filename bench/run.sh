#!/usr/bin/env bash
# Load and latency harness of the streaming service (issue 9): what the service adds on top of the LLM.
#
#   bench/run.sh                      small run: 100 streams for ~20 s, direct vs. through the service vs. the floor
#                                     (a bare relay, the least work for the same job: its ratios close each table; < 3 min)
#   bench/run.sh --full               every scenario: upstream, a, b (100 -> 1,000 -> 10,000), c, d, e (~30 min)
#   bench/run.sh --scenario a,d       chosen scenarios; more options: --streams --tokens --tps --ramp-ms
#                                     --ttft-ms --jitter --db-delay-ms --service-heap --service-jfr <file>
#                                     --idle-hold-ms <ms> (keep the idle streams open for a jcmd dump)
#                                     --jar <service jar> (default streaming-app/target/streaming-app.jar)
#                                     --subscribers N (clients per stream; N>1 needs stream resources)
#                                     --service-env NAME=value,... ; scenario retained: heap per ended stream
#                                     --transport sse,ws,ws,sse (the same scenario over SSE and over WebSocket,
#                                     one connection per stream, back to back; then a table of ratios)
#                                     --floor false (skip the bare-relay floor run that follows each scenario)
#                                     --service-jvm "-XX:+UseZGC" (JVM options for the service after its fixed heap;
#                                     with -XX:AOTCache=… / -XX:AOTCacheOutput=… the jar runs in place, not copied)
#                                     --warm-up false (no warm-up load: the run meets a cold service)
#                                     --redis-pid <pid> (with STREAM_ENGINE=redis: the redis-server whose CPU is
#                                     reported; default the only one running)
#                                     --nodes 2 (two services on one Redis and one PostgreSQL, STREAM_ENGINE=redis:
#                                     stream i started on node i mod 2, its other --subscribers on the other node)
#
# Everything runs on 127.0.0.1: a fake OpenAI upstream and the load generator in this JVM, the service
# (streaming-app/target/streaming-app.jar, built when missing) as a child process. Tables go to stdout and
# to bench/results/. Scenario e needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth) and the
# createdb/dropdb tools; it uses its own database llmstream_bench.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -z "${JAVA_HOME:-}" && -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

# Every stream holds two sockets in this process (client + fake upstream) and two in the service
# (client + upstream); 10,000 streams need > 20,000 descriptors per process. Raise the soft limit up to
# 65,536 (root may also raise the hard limit); the child service process inherits it.
want=65536
if ! ulimit -n "$want" 2>/dev/null; then
  hard=$(ulimit -Hn)
  [[ "$hard" == unlimited || "$hard" -ge "$want" ]] || want=$hard
  ulimit -n "$want"
fi
echo "[bench] open-file limit: $(ulimit -n)" >&2

if [[ " $* " != *" --jar "* && ! -f streaming-app/target/streaming-app.jar ]]; then
  echo "[bench] building the service jar (./mvnw -q -DskipTests package)" >&2
  ./mvnw -q -DskipTests package
fi
./mvnw -q -Pbench -pl streaming-bench -DskipTests package

args=("$@")
if [[ "${1:-}" == "--full" ]]; then
  args=(--scenario upstream,a,b,c,d,e "${@:2}")
elif [[ $# -eq 0 ]]; then
  args=(--scenario small)
fi
exec "$JAVA" -Xms1g -Xmx4g -jar streaming-bench/target/streaming-bench.jar "${args[@]}"
