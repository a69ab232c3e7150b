#!/usr/bin/env bash
# bench/analysis.sh: analysis speed on the embedded defaults (SQLite + folder).
#
# 1. push -> report: pushes the corpus Debian image with skopeo into a repository with advanced
#    analysis and polls the JSON API until the tag's report is done (goal <= 10 s).
# 2. re-evaluation at fleet scale: pushes the other corpus images (Alpine 3.20/3.12, EL9, RHEL8, mix)
#    so the server analyses them, takes their package rows as seeds and writes a synthetic store of
#    about 100,000 tags / 20,000 images straight into the database (bench/analysis/fleet.py: 20
#    base images from the corpus OS images with versions varied per base, application packages of
#    the mix image varied per image, 1-9 tags per image in 8 repositories with advanced analysis),
#    once per stack (-s sqlite,postgres; PostgreSQL is Debian's server in a temp folder, as
#    bench/load.sh starts it). Then imports 100 OSV advisories (half OS, half application
#    ecosystems; critical/high/medium/none) with `spyglass db import` into the server's database
#    and times until the change set's re-evaluation job is done (goal <= 5 s), then 1,000 more (a
#    daily sync; goal <= 30 s). Prints server CPU, load average, rows per table and database size.
#    FLEET_IMAGES=N makes a smaller fleet for a quick check; FLEET_UNIQUE_APP (0.1) is the share of
#    application packages at a version unique to their image.
# Needs: skopeo, jq, curl, python3, a JDK.
# Options: -s sqlite,postgres picks the stacks of part 2 (both by default); --push-only runs part 1 alone; --warm first pushes the corpus Alpine image and waits for
# its report, so part 1 measures a server that has analysed an image before (JIT warm), not a fresh
# one, and in part 2 first imports 100 other advisories and waits for their re-evaluation, so the
# measured change set meets a server that has re-evaluated before (as a long-running one has).
set -euo pipefail
PUSH_ONLY=""
WARM=""
STACKS=sqlite,postgres
while [ $# -gt 0 ]; do
  case "$1" in
    --push-only) PUSH_ONLY=1 ;;
    --warm) WARM=1 ;;
    -s) STACKS=${2:?-s needs sqlite,postgres}; shift ;;
    *) echo "bench/analysis.sh: unknown option $1 (--push-only, --warm, -s sqlite,postgres)" >&2; exit 2 ;;
  esac
  shift
done
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CORPUS=${SPYGLASS_CORPUS:-/var/tmp/spyglass-corpus}
for c in skopeo jq curl python3 java; do command -v "$c" >/dev/null || { echo "bench/analysis.sh: needs $c" >&2; exit 1; }; done
[ -d "$CORPUS/debian/oci" ] || { echo "bench/analysis.sh: no corpus Debian image in $CORPUS" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/spyglass-bench-analysis.XXXXXX")
SG_PID=""
cleanup() {
  [ -n "$SG_PID" ] && kill "$SG_PID" 2>/dev/null || true
  [ -n "${BENCH_LOG:-}" ] && [ -f "$WORK/server.log" ] && cp "$WORK/server.log" "$BENCH_LOG"
  rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
SPYGLASS_JAVA_OPTS="" "$HERE/spyglass" --version >/dev/null
JAR="$HERE/cli/target/spyglass.jar"
DATA="$WORK/data"
# BENCH_LOG=FILE keeps the server log, with the analysis timings at debug level
cat > "$WORK/logback.xml" <<'XML'
<configuration>
  <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">
    <target>System.err</target>
    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n</pattern></encoder>
  </appender>
  <logger name="org.eclipse.jetty" level="WARN"/>
  <logger name="org.flywaydb" level="WARN"/>
  <logger name="com.zaxxer.hikari" level="WARN"/>
  <logger name="io.spyglass.server.analysis" level="DEBUG"/>
  <root level="INFO"><appender-ref ref="STDERR"/></root>
</configuration>
XML
start() {
  SG_PORT=$(free_port)
  java ${BENCH_JAVA_OPTS:-} ${BENCH_LOG:+-Dlogback.configurationFile=$WORK/logback.xml} -jar "$JAR" serve --port "$SG_PORT" --data "$DATA" "$@" --db-update-interval 0 >>"$WORK/server.log" 2>&1 &
  SG_PID=$!
  for _ in $(seq 1 300); do curl -s -o /dev/null "http://127.0.0.1:$SG_PORT/v2/" && return 0; sleep 0.2; done
  echo "spyglass did not start" >&2; tail -20 "$WORK/server.log" >&2; exit 1
}
stop() { kill "$SG_PID"; wait "$SG_PID" 2>/dev/null || true; SG_PID=""; }

echo bench-password-1 | java -jar "$JAR" admin user create bench --password-stdin --data "$DATA" >/dev/null
java -jar "$JAR" admin org create benchorg --plan team --owner bench --data "$DATA" >/dev/null
java -jar "$JAR" admin repo create benchorg/app --data "$DATA" >/dev/null
start
H="127.0.0.1:$SG_PORT"
curl -sf -u bench:bench-password-1 -X PUT -H 'Content-Type: application/json' -d '{"imageInsight":"advanced"}' \
  "http://$H/api/repositories/benchorg/app/settings" >/dev/null
printf '{"auths":{"%s":{"auth":"%s"}}}\n' "$H" "$(printf 'bench:bench-password-1' | base64 -w0)" > "$WORK/auth.json"

status() { curl -s -u bench:bench-password-1 "http://$H/api/repositories/benchorg/app/tags/$1" | jq -r .summary.status; }
if [ -n "$WARM" ]; then
  skopeo copy -q --retry-times 0 --dest-tls-verify=false --dest-authfile "$WORK/auth.json" \
    "oci:$CORPUS/alpine/oci:3.20.3" "docker://$H/benchorg/app:warm-up" >/dev/null
  until [ "$(status warm-up)" = done ]; do sleep 0.05; done
fi
# the server's own CPU time (user + system) tells the work apart from waiting on a loaded machine
server_cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$SG_PID/stat"; }
c0=$(server_cpu)
t0=$(date +%s.%N)
skopeo copy -q --retry-times 0 --dest-tls-verify=false --dest-authfile "$WORK/auth.json" \
  "oci:$CORPUS/debian/oci:bookworm" "docker://$H/benchorg/app:bookworm" >/dev/null
t1=$(date +%s.%N)
until [ "$(status bookworm)" = done ]; do sleep 0.05; done
t2=$(date +%s.%N)
c2=$(server_cpu)
echo "pushed at $(date -d @"$t1" +%T.%N | cut -c1-12), visible at $(date -d @"$t2" +%T.%N | cut -c1-12)" >>"$WORK/server.log"
printf 'push -> report (corpus Debian, 61 MB%s): %.2f s (push %.2f s, analysis until visible %.2f s; goal <= 10 s)\n' \
  "${WARM:+, server warmed by one analysis}" "$(echo "$t2 - $t0" | bc)" "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t1" | bc)"
printf 'server CPU for that push and analysis: %.2f s (load average %s)\n' "$(echo "$c2 - $c0" | bc)" "$(cut -d' ' -f1 /proc/loadavg)"
stop
[ -n "$PUSH_ONLY" ] && exit 0

# --- part 2: re-evaluation at fleet scale -------------------------------------------------------
# seeds: the corpus images' package rows as the server's analysis stored them
start
H="127.0.0.1:$SG_PORT"
printf '{"auths":{"%s":{"auth":"%s"}}}\n' "$H" "$(printf 'bench:bench-password-1' | base64 -w0)" > "$WORK/auth.json"
for ref in alpine/oci:3.20.3 alpine/oci:3.12.12 rpm/oci:el9-sqlite rpm/oci:rhel8-bdb-real mix/oci:mix-ci; do
  [ -d "$CORPUS/${ref%%:*}" ] || { echo "bench/analysis.sh: no corpus image $CORPUS/$ref" >&2; exit 1; }
  skopeo copy -q --retry-times 0 --dest-tls-verify=false --dest-authfile "$WORK/auth.json" \
    "oci:$CORPUS/$ref" "docker://$H/benchorg/app:${ref##*:}" >/dev/null
done
for t in 3.20.3 3.12.12 el9-sqlite rhel8-bdb-real mix-ci; do
  for _ in $(seq 1 1200); do [ "$(status "$t")" = done ] && break; sleep 0.1; done
done
stop
python3 "$HERE/bench/analysis/fleet.py" seed "$DATA/spyglass.db" "$WORK/seed.json"
# the advisories: 100 (measured), 1,000 more (a daily sync), and 100 others for --warm; a source is
# imported whole, so each import folder holds the earlier ones too and the change set is the new ones
python3 "$HERE/bench/analysis/fleet.py" advisories "$WORK/seed.json" "$WORK/adv-warm" 100 90000
python3 "$HERE/bench/analysis/fleet.py" advisories "$WORK/seed.json" "$WORK/adv-100" 100 0
python3 "$HERE/bench/analysis/fleet.py" advisories "$WORK/seed.json" "$WORK/adv-1000" 1000 100

. "$HERE/bench/lib/postgres.sh"
trap 'stop_postgres; cleanup' EXIT
# the database of the stack under test: SQLite in $DATA, or PostgreSQL (user and password from the environment, not the command line)
export SPYGLASS_DB_USER=postgres SPYGLASS_DB_PASSWORD=postgres PGPASSWORD=postgres
db_args() { if [ "$STACK" = postgres ]; then echo --db-url "jdbc:postgresql://127.0.0.1:$PG_PORT/postgres"; fi; }
sql() {
  if [ "$STACK" = postgres ]; then psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -tA -F'|' -c "$1"
  else python3 -c 'import sqlite3,sys; [print("|".join(map(str, r))) for r in sqlite3.connect(sys.argv[1], timeout=30).execute(sys.argv[2])]' "$DATA/spyglass.db" "$1"; fi
}
# waits until the first re-evaluation job queued after job id $1 is done; prints its state
await_reevaluation() {
  local s=""
  for _ in $(seq 1 30000); do
    s=$(sql "SELECT state FROM analysis_jobs WHERE kind = 'reevaluate' AND id > $1 ORDER BY id LIMIT 1")
    case $s in done|failed) echo "$s"; return 0;; esac
    sleep 0.02
  done
  echo timeout
}
last_job() { sql "SELECT COALESCE(MAX(id), 0) FROM analysis_jobs"; }
import_osv() { java -jar "$JAR" db import --source osv --data "$DATA" $(db_args) "$@" >/dev/null; }
# one change set: imports the folders, waits for its re-evaluation; prints the figure line
measure() { # COUNT FOLDER...
  local count=$1; shift
  local j t0 t1 t2 c1 c2 state
  j=$(last_job)
  t0=$(date +%s.%N); import_osv "$@"; t1=$(date +%s.%N)
  c1=$(server_cpu)
  state=$(await_reevaluation "$j")
  t2=$(date +%s.%N); c2=$(server_cpu)
  local goal=5; [ "$count" -ge 1000 ] && goal=30
  printf 're-evaluation %d advisories, %d tags / %d images, %s: %.2f s (goal <= %d s) [job %s, import itself %.2f s, server CPU %.2f s, load average %s]\n' \
    "$count" "$TAGS" "$IMAGES" "$STACK" "$(echo "$t2 - $t1" | bc)" "$goal" "$state" "$(echo "$t1 - $t0" | bc)" \
    "$(echo "$c2 - $c1" | bc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
  # the server's own account: package versions matched again, summaries moved, policies evaluated
  grep -o 'change set [0-9]* ([0-9]* keys): .*' "$WORK/server.log" | tail -1 | sed 's/^/  server: /'
}

IFS=, read -r -a STACK_LIST <<< "$STACKS"
SEED_DATA=$DATA
for STACK in "${STACK_LIST[@]}"; do
  case $STACK in sqlite|postgres) ;; *) echo "bench/analysis.sh: unknown stack $STACK (sqlite, postgres)" >&2; exit 2;; esac
  DATA=$WORK/fleet-$STACK; mkdir -p "$DATA"
  [ "$STACK" = postgres ] && start_postgres
  # the server's schema, owner and organisation, as an operator makes them
  echo bench-password-1 | java -jar "$JAR" admin user create bench --password-stdin --data "$DATA" $(db_args) >/dev/null
  java -jar "$JAR" admin org create benchorg --plan team --owner bench --data "$DATA" $(db_args) >/dev/null
  g0=$(date +%s.%N)
  if [ "$STACK" = postgres ]; then
    python3 "$HERE/bench/analysis/fleet.py" store "$WORK/seed.json" csv "$WORK/csv"
    [ "$(id -u)" = 0 ] && chmod -R a+rX "$WORK/csv"
    psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -f "$WORK/csv/load.sql" >/dev/null
    rm -rf "$WORK/csv"
  else
    python3 "$HERE/bench/analysis/fleet.py" store "$WORK/seed.json" sqlite "$DATA/spyglass.db"
  fi
  IMAGES=$(sql "SELECT COUNT(*) FROM image_analyses"); TAGS=$(sql "SELECT COUNT(*) FROM tags")
  printf 'fleet store %s: %d tags, %d images written in %.0f s\n' "$STACK" "$TAGS" "$IMAGES" "$(echo "$(date +%s.%N) - $g0" | bc)"
  start $(db_args)
  sleep 1
  # a real server's store holds the policy verdicts its analyses wrote; the generated one does not,
  # so a repair (every package version matched, every image's policies evaluated whole) makes them first
  j=$(last_job); r0=$(date +%s.%N)
  java -jar "$JAR" admin reevaluate --all --data "$DATA" $(db_args) >/dev/null
  state=$(await_reevaluation "$j")
  printf 'repair before measuring (policy verdicts of every image), %s: %.1f s [job %s]\n' "$STACK" "$(echo "$(date +%s.%N) - $r0" | bc)" "$state"
  if [ -n "$WARM" ]; then
    j=$(last_job); import_osv "$WORK/adv-warm"; await_reevaluation "$j" >/dev/null
    echo "(server warmed by one re-evaluation of 100 other advisories first)"
    measure 100 "$WORK/adv-warm" "$WORK/adv-100"
    measure 1000 "$WORK/adv-warm" "$WORK/adv-100" "$WORK/adv-1000"
  else
    measure 100 "$WORK/adv-100"
    measure 1000 "$WORK/adv-100" "$WORK/adv-1000"
  fi
  stop
  # store figures (they feed docs/ARCHITECTURE.md's projection)
  printf 'store %s: findings %s (%s affected images), package history %s rows\n' "$STACK" \
    "$(sql "SELECT COUNT(*) FROM package_findings")" \
    "$(sql "SELECT COUNT(*) FROM image_analyses WHERE critical + high + medium + low + other > 0")" \
    "$(sql "SELECT COUNT(*) FROM package_history")"
  for t in tags tag_images image_analyses image_packages package_keys package_versions package_version_keys package_findings package_history; do
    if [ "$STACK" = postgres ]; then
      printf 'store %s table %s: %s rows, %s bytes with indexes\n' "$STACK" "$t" "$(sql "SELECT COUNT(*) FROM $t")" \
        "$(sql "SELECT pg_total_relation_size('$t')")"
    else
      printf 'store %s table %s: %s rows\n' "$STACK" "$t" "$(sql "SELECT COUNT(*) FROM $t")"
    fi
  done
  if [ "$STACK" = postgres ]; then
    printf 'store postgres: database size %s bytes (pg_database_size)\n' "$(sql "SELECT pg_database_size('postgres')")"
    stop_postgres; rm -rf "$WORK/pg"
  else
    printf 'store sqlite: database file %s bytes\n' "$(stat -c %s "$DATA/spyglass.db")"
  fi
  rm -rf "$DATA"
done
