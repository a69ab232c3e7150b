#!/usr/bin/env bash
# bench/analysis.sh: analysis speed on the embedded defaults (SQLite + folder).
#
# 1. push -> report: pushes the corpus Debian image with skopeo into a repository with advanced
#    analysis and polls the JSON API until the tag's report is done (goal <= 10 s).
# 2. re-evaluation: copies that image's package index into a synthetic store of 10,000 tags
#    (2,000 images x 5 tags, package versions varied per image so some are affected and some not),
#    imports 100 OSV advisories on 100 of its Debian packages into the server's database with
#    `spyglass db import --data`, and times until the change set's re-evaluation job is done and
#    every affected summary is updated (goal <= 5 s).
# Needs: skopeo, jq, curl, python3, a JDK.
# Options: --push-only runs part 1 alone; --warm first pushes the corpus Alpine image and waits for
# its report, so part 1 measures a server that has analysed an image before (JIT warm), not a fresh
# one, and in part 2 first imports 100 other advisories and waits for their re-evaluation, so the
# measured change set meets a server that has re-evaluated before (as a long-running one has).
set -euo pipefail
PUSH_ONLY=""
WARM=""
for arg in "$@"; do
  case "$arg" in
    --push-only) PUSH_ONLY=1 ;;
    --warm) WARM=1 ;;
    *) echo "bench/analysis.sh: unknown option $arg (--push-only, --warm)" >&2; exit 2 ;;
  esac
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
  java ${BENCH_JAVA_OPTS:-} ${BENCH_LOG:+-Dlogback.configurationFile=$WORK/logback.xml} -jar "$JAR" serve --port "$SG_PORT" --data "$DATA" --db-update-interval 0 >>"$WORK/server.log" 2>&1 &
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

python3 - "$DATA/spyglass.db" "$WORK/osv" <<'PY'
import sqlite3, sys, json, os, random, time
db = sqlite3.connect(sys.argv[1]); out = sys.argv[2]; os.makedirs(out)
random.seed(7)
src = db.execute("SELECT manifest_digest FROM image_analyses WHERE status = 'done' ORDER BY package_count DESC LIMIT 1").fetchone()[0]
repo = db.execute("SELECT id FROM repositories WHERE name = 'app'").fetchone()[0]
pkgs = db.execute("SELECT pkg, type, name, version, purl, locations, match_keys FROM image_packages WHERE manifest_digest = ?", (src,)).fetchall()
keys = db.execute("SELECT namespace, name, pkg, version FROM package_keys WHERE manifest_digest = ?", (src,)).fetchall()
now = int(time.time() * 1000)
for i in range(2000):
    d = "sha256:%064x" % (i + 1)
    db.execute("INSERT INTO image_analyses (manifest_digest, repository_id, status, platform, package_count, analyses, analysed_at, evaluated_at, data_version, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
               (d, repo, 'done', 'linux/amd64', len(pkgs), 1, now, now, 'none', now))
    # half the images carry an older build of every Debian package (affected), half a newer one (fixed)
    suffix = "~old%d" % i if i % 2 == 0 else "+new%d" % i
    db.executemany("INSERT INTO image_packages (manifest_digest, pkg, type, name, version, purl, locations, match_keys) VALUES (?,?,?,?,?,?,?,?)",
                   [(d, p[0], p[1], p[2], p[3] + suffix if p[1] == 'deb' else p[3], p[4], p[5], p[6]) for p in pkgs])
    db.executemany("INSERT INTO package_keys (namespace, name, manifest_digest, pkg, version) VALUES (?,?,?,?,?)",
                   [(k[0], k[1], d, k[2], k[3] + suffix if k[0] == 'debian:12' else k[3]) for k in keys])
    for t in range(5):
        db.execute("INSERT INTO tag_images VALUES (?,?,?,?,?,?)", (repo, "s%d-%d" % (i, t), d, d, 'linux/amd64', now))
        db.execute("INSERT INTO tags VALUES (?,?,?,?)", (repo, "s%d-%d" % (i, t), d, now))
db.commit()
deb = sorted({(k[1], k[3]) for k in keys if k[0] == 'debian:12'})
random.shuffle(deb)
for n, (name, version) in enumerate(deb[:100]):
    adv = {"id": "BENCH-%03d" % n, "modified": "2026-01-01T00:00:00Z", "aliases": ["CVE-2099-%04d" % (n + 1000)],
           "summary": "bench advisory %d" % n,
           "affected": [{"package": {"ecosystem": "Debian:12", "name": name},
                         "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": version}]}]}]}
    json.dump(adv, open(os.path.join(out, "BENCH-%03d.json" % n), "w"))
# --warm: another 100 advisories on 100 other Debian packages, imported and re-evaluated first
os.makedirs(out + "-warm")
for n, (name, version) in enumerate(deb[100:200]):
    adv = {"id": "WARM-%03d" % n, "modified": "2026-01-01T00:00:00Z", "aliases": ["CVE-2098-%04d" % (n + 1000)],
           "summary": "warm-up advisory %d" % n,
           "affected": [{"package": {"ecosystem": "Debian:12", "name": name},
                         "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": version}]}]}]}
    json.dump(adv, open(os.path.join(out + "-warm", "WARM-%03d.json" % n), "w"))
print("synthetic store: %d tags, %d images, %d package index rows" % (
    db.execute("SELECT COUNT(*) FROM tags").fetchone()[0], db.execute("SELECT COUNT(*) FROM image_analyses").fetchone()[0],
    db.execute("SELECT COUNT(*) FROM package_keys").fetchone()[0]))
PY
# waits until the first re-evaluation job queued after job id $1 is done
await_reevaluation() {
  python3 - "$DATA/spyglass.db" "$1" <<'PY'
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], timeout=30)
while True:
    r = db.execute("SELECT state FROM analysis_jobs WHERE kind = 'reevaluate' AND id > ? ORDER BY id LIMIT 1", (int(sys.argv[2]),)).fetchone()
    if r and r[0] in ('done', 'failed'): break
    time.sleep(0.02)
print("re-evaluation job:", r[0])
PY
}
last_job() { python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1], timeout=30).execute("SELECT COALESCE(MAX(id),0) FROM analysis_jobs").fetchone()[0])' "$DATA/spyglass.db"; }
start
sleep 1
if [ -n "$WARM" ]; then
  j=$(last_job)
  java -jar "$JAR" db import --source osv --data "$DATA" "$WORK/osv-warm" >/dev/null
  await_reevaluation "$j" >/dev/null
  echo "(server warmed by one re-evaluation of 100 other advisories first)"
  cp "$WORK/osv-warm"/*.json "$WORK/osv/" # a source is imported whole: the warm-up records stay, unchanged
fi
j=$(last_job)
t0=$(date +%s.%N)
java -jar "$JAR" db import --source osv --data "$DATA" "$WORK/osv" >/dev/null
t1=$(date +%s.%N)
c1=$(server_cpu)
await_reevaluation "$j"
t2=$(date +%s.%N)
c2=$(server_cpu)
python3 - "$DATA/spyglass.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print("summaries updated: %d images with findings (of %d), %d findings, %d history rows" % (
    db.execute("SELECT COUNT(*) FROM image_analyses WHERE data_version <> 'none' AND (critical+high+medium+low+other) > 0").fetchone()[0],
    db.execute("SELECT COUNT(*) FROM image_analyses").fetchone()[0],
    db.execute("SELECT COUNT(*) FROM findings").fetchone()[0], db.execute("SELECT COUNT(*) FROM finding_history").fetchone()[0]))
PY
printf 're-evaluation of 100 advisories over 10,000 tags: %.2f s after the import committed (import itself %.2f s; goal <= 5 s)\n' \
  "$(echo "$t2 - $t1" | bc)" "$(echo "$t1 - $t0" | bc)"
printf 'server CPU for that re-evaluation: %.2f s (load average %s)\n' "$(echo "$c2 - $c1" | bc)" "$(cut -d' ' -f1 /proc/loadavg)"
stop
