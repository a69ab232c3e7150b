#!/usr/bin/env bash
# bench/load.sh [-c CLIENTS] [-d SECONDS] [-s sqlite,postgres]: the registry under concurrent load.
#
# Runs bench/load/LoadGenerator.java (JDK only) with CLIENTS concurrent clients (default 32) for
# SECONDS (default 120) against Spyglass and then against the CNCF distribution registry (Debian's
# docker-registry, htpasswd) in the same run, once per Spyglass database: SQLite and PostgreSQL
# (Debian's server in a temp folder, as the tests' PostgresFixture starts it). The mix: distinct
# blobs pushed monolithically, shared blobs pushed in chunks, configs and tagged manifests, pulls
# of manifests and blobs, tag lists. Prints, per registry, each operation's throughput and p50/p99
# latency and its errors, then the throughput ratio Spyglass / distribution (goal >= 1.0, 0 errors)
# and the CPU seconds each server used. Quick check: bench/load.sh -c 4 -d 10 -s sqlite
# Needs: docker-registry, apache2-utils, a JDK, postgresql (for -s postgres).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CLIENTS=32; SECONDS_=120; STACKS=sqlite,postgres
while getopts c:d:s: o; do
  case $o in c) CLIENTS=$OPTARG;; d) SECONDS_=$OPTARG;; s) STACKS=$OPTARG;; *) echo "usage: $0 [-c CLIENTS] [-d SECONDS] [-s sqlite,postgres]" >&2; exit 2;; esac
done
SHARED=${SPYGLASS_SHARED:-$HERE/../shared}
[ -d "$SHARED/corpus" ] || { echo "bench/load.sh: no corpus scripts in $SHARED (put ../shared beside the project or set SPYGLASS_SHARED)" >&2; exit 1; }
for c in docker-registry htpasswd java curl python3; do
  command -v "$c" >/dev/null || { echo "bench/load.sh: needs $c" >&2; exit 1; }
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/spyglass-load.XXXXXX")
SG_PID=""
. "$HERE/bench/lib/postgres.sh"
cleanup() {
  [ -n "$SG_PID" ] && kill "$SG_PID" 2>/dev/null || true
  [ -d "$WORK/distribution" ] && "$SHARED/corpus/local-registry.sh" stop "$WORK/distribution" >/dev/null 2>&1
  stop_postgres immediate || true
  rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cpu_seconds() { awk -v t="$(getconf CLK_TCK)" '{print ($14+$15)/t}' "/proc/$1/stat"; }

SPYGLASS_JAVA_OPTS="" "$HERE/spyglass" --version >/dev/null
JAR="$HERE/cli/target/spyglass.jar"
USER_=bench; PASS_=bench-password-1
printf '%s\n' "$PASS_" > "$WORK/password"; chmod 600 "$WORK/password"

# the generator, compiled once (single-file source launch would compile it per run)
javac -d "$WORK/gen" "$HERE/bench/load/LoadGenerator.java"
generate() { # LABEL URL -> prints the report; total ops/s in $WORK/LABEL.tput
  local out=$WORK/$1.out rc=0
  java -cp "$WORK/gen" LoadGenerator "$1" "$2" "$USER_" "$WORK/password" "$CLIENTS" "$SECONDS_" "$USER_" > "$out" || rc=$?
  cat "$out"
  awk '/TOTAL/ {for (i=1;i<=NF;i++) if ($i ~ /ops\/s/) print $(i-1)}' "$out" > "$WORK/$1.tput"
  return 0
}

start_postgres_url() { # -> DB_URL
  start_postgres
  DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres?user=postgres&password=postgres"
}

start_spyglass() { # DATA [DB_URL]
  local data=$1; SG_PORT=$(free_port)
  local db=(); [ -n "${2:-}" ] && db=(--db-url "$2")
  echo "$PASS_" | java -jar "$JAR" admin user create "$USER_" --password-stdin --data "$data" "${db[@]}" >/dev/null
  java -Xmx1g -jar "$JAR" serve --port "$SG_PORT" --data "$data" "${db[@]}" --db-update-interval 0 >"$data.log" 2>&1 &
  SG_PID=$!
  for _ in $(seq 1 150); do
    curl -s -o /dev/null "http://127.0.0.1:$SG_PORT/v2/" && return 0
    sleep 0.2
  done
  echo "spyglass did not start:" >&2; tail -20 "$data.log" >&2; exit 1
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $CLIENTS clients, ${SECONDS_}s per registry" >&2
IFS=, read -r -a STACK_LIST <<< "$STACKS"
for stack in "${STACK_LIST[@]}"; do
  DB_URL=""
  case $stack in
    sqlite) ;;
    postgres) start_postgres_url;;
    *) echo "bench/load.sh: unknown stack $stack (sqlite, postgres)" >&2; exit 2;;
  esac
  start_spyglass "$WORK/sg-$stack" "$DB_URL"
  c0=$(cpu_seconds "$SG_PID")
  generate "spyglass-$stack" "http://127.0.0.1:$SG_PORT"
  SG_CPU=$(echo "$(cpu_seconds "$SG_PID") - $c0" | bc)
  kill "$SG_PID"; wait "$SG_PID" 2>/dev/null || true; SG_PID=""

  D_PORT=$(free_port)
  "$SHARED/corpus/local-registry.sh" start "$WORK/distribution" "$D_PORT" "$USER_" "$PASS_" >/dev/null 2>&1
  D_PID=$(cat "$WORK/distribution/registry.pid")
  c0=$(cpu_seconds "$D_PID")
  generate "distribution-$stack" "http://127.0.0.1:$D_PORT"
  D_CPU=$(echo "$(cpu_seconds "$D_PID") - $c0" | bc)
  "$SHARED/corpus/local-registry.sh" stop "$WORK/distribution" >/dev/null 2>&1; rm -rf "$WORK/distribution"

  if [ -n "$PG_DIR" ]; then stop_postgres; rm -rf "$WORK/pg"; fi
  S=$(cat "$WORK/spyglass-$stack.tput"); D=$(cat "$WORK/distribution-$stack.tput")
  printf '%s: throughput spyglass %s ops/s, distribution %s ops/s, ratio spyglass/distribution = %.2f (goal >= 1.0); server CPU %.1fs vs %.1fs (ops per CPU-second ratio %.2f); load average %s\n' \
    "$stack" "$S" "$D" "$(echo "$S / $D" | bc -l)" "$SG_CPU" "$D_CPU" \
    "$(echo "($S / $SG_CPU) / ($D / $D_CPU)" | bc -l)" "$(cut -d' ' -f1-3 /proc/loadavg)"
done
