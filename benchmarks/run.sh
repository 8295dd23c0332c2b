#!/usr/bin/env bash
# Builds the project and runs the whole benchmark comparison (a few minutes): shared-memory
# against a raw socket ping-pong, Redis (redis-benchmark and Lettuce), ConcurrentHashMap and the
# Python original's Manager().dict(), and a large store (getAll of 1,000,000 keys and memory per
# key, against Redis). Prints one markdown table and writes it to
# benchmarks/results/latest.md. Extra arguments go to the harness, e.g. --measure 3 or --jfr DIR.
set -euo pipefail
cd "$(dirname "$0")/.."

# Redis 7 comes from Debian's redis-server package (it also brings redis-benchmark).
missing=()
command -v redis-server >/dev/null 2>&1 && command -v redis-benchmark >/dev/null 2>&1 || missing+=(redis-server)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The harness runs from target/lib: start it afresh, so no jar of an older build is left beside the new ones.
rm -rf benchmarks/target/lib
mvn -B -q install -DskipTests -pl benchmarks -am
exec java -cp "benchmarks/target/classes:benchmarks/target/lib/*" io.sharedmemory.bench.BenchmarkMain \
  --out benchmarks/results/latest.md "$@"
