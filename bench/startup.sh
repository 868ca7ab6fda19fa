#!/usr/bin/env bash
# Measures Roundup's start: wall time from `java -jar` to /q/health/ready (management port) answering 200, and idle RSS after start.
# Usage: bench/startup.sh [runs] [extra JVM options]   (build first: ./mvnw package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"; shift || true
jar=target/quarkus-app/quarkus-run.jar
data=$(mktemp -d); port=18181; management=19181
trap 'rm -rf "$data"' EXIT
for i in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  ROUNDUP_DATA_DIR="$data" QUARKUS_HTTP_PORT=$port QUARKUS_MANAGEMENT_PORT=$management java "$@" -jar "$jar" >"$data/log" 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$management/q/health/ready" >/dev/null; do sleep 0.01; done
  ready=$(( ($(date +%s%N) - start) / 1000000 ))
  sleep 2
  rss=$(( $(ps -o rss= -p $pid) / 1024 ))
  printf 'run %d: ready in %d ms, idle RSS %d MB (%s)\n' "$i" "$ready" "$rss" "$(grep -o 'started in [0-9.]*s' "$data/log")"
  kill $pid; wait $pid 2>/dev/null || true
done
