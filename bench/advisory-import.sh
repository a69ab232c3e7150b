#!/usr/bin/env bash
# bench/advisory-import.sh: imports the whole shared advisory set (../shared/data/advisories) into a
# fresh database, one `spyglass db import --stats` per source (a JVM each, so the peak heap is that
# source's), then loads everything and builds the in-memory index. Prints time and peak heap per
# source and the totals.
#   usage: bench/advisory-import.sh [SHARED_DIR]     (env JAVA_OPTS, e.g. -Xmx1g)
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=${1:-${SPYGLASS_SHARED:-$HERE/../shared}}
A="$SHARED/data/advisories"
[ -d "$A" ] || { echo "no advisory data at $A" >&2; exit 1; }
JAR="$HERE/cli/target/spyglass.jar"
if [ ! -f "$JAR" ]; then
  (cd "$HERE" && mvn -B -q -o package -pl cli -am -DskipTests) >&2
fi
DB=$(mktemp -d /tmp/spyglass-bench-db.XXXXXX)
trap 'rm -rf "$DB"' EXIT
D="$A/distro-samples"
V="$D/debian/anchore/vunnel/tests/unit/providers/debian/test-fixtures/input"

# source | paths (the raw feed files of each source; test goldens in other formats are left out)
SOURCES=(
  "go|$A/golang-vulndb/data/osv"
  "pypa|$A/pypa-advisory-database/vulns"
  "ghsa|$A/ghsa"
  "osv|$D/debian/MaineK00n/vuls-data-update/pkg/fetch/debian/osv $D/debian/google $D/alpine/MaineK00n/vuls-data-update/pkg/fetch/alpine/osv $D/redhat/MaineK00n/vuls-data-update/pkg/fetch/redhat/osv $D/rocky-alma $D/wolfi/anchore/vunnel/tests/unit/providers/chainguard/test-fixtures/input/osv"
  "ubuntu|$D/ubuntu/anchore/vunnel/tests/unit/providers/ubuntu/test-fixtures/osv $D/ubuntu/anchore/vunnel/tests/unit/providers/ubuntu/test-fixtures/osv-esm-cases $D/ubuntu/MaineK00n/vuls-data-update/pkg/fetch/ubuntu/osv/testdata/fixtures/happy/osv-all.tar.xz"
  "rubysec|$A/rubysec-ruby-advisory-db"
  "friendsofphp|$A/friendsofphp-security-advisories"
  "alpine|$A/alpine-secdb $D/alpine/MaineK00n/vuls-data-update/pkg/fetch/alpine/secdb/testdata/fixtures $D/alpine/anchore/vunnel/tests/unit/providers/alpine/test-fixtures/input/secdb"
  "wolfi|$D/wolfi/anchore/vunnel/tests/unit/providers/wolfi/test-fixtures/input/secdb"
  "chainguard|$D/wolfi/anchore/vunnel/tests/unit/providers/chainguard/test-fixtures/input/secdb"
  "debian|$A/debian-security-tracker/data $V/debian.json $V/DSA"
  "arch|$D/arch/anchore/vunnel/tests/unit/providers/arch/test-fixtures/input/arch-advisories $D/arch/MaineK00n/vuls-data-update/pkg/fetch/arch/testdata/fixtures/advisory.json"
  "redhat-csaf|$D/redhat/anchore/vunnel/tests/unit/providers/rhel/test-fixtures/csaf/advisories $D/redhat/MaineK00n/vuls-data-update/pkg/fetch/redhat/csaf/testdata/fixtures/2023 $D/redhat/MaineK00n/vuls-data-update/pkg/fetch/redhat/csaf/testdata/fixtures/csaf_advisories_2024-08-11.tar.zst"
  "nvd|$A/nvd"
  "kev|$A/kev"
  "epss|$A/epss"
)

printf '%-13s %8s %9s %8s %10s  %s\n' SOURCE RECORDS PROBLEMS SECONDS PEAK_HEAP "CHANGE SET"
total_start=$(date +%s.%N)
for entry in "${SOURCES[@]}"; do
  src=${entry%%|*}
  # shellcheck disable=SC2086
  out=$(java ${JAVA_OPTS:-} -jar "$JAR" db import --stats --db "$DB" --source "$src" ${entry#*|} 2>/dev/null) || {
    echo "$src: import FAILED" >&2; continue; }
  records=$(sed -n 's/^[^:]*: \([0-9]*\) records.*/\1/p' <<<"$out")
  problems=$(sed -n 's/.*files, \([0-9]*\) skipped problems.*/\1/p' <<<"$out")
  keys=$(sed -n 's/^change set: \([0-9]*\) package keys, \([0-9]*\) enriched.*/\1 keys, \2 enriched/p' <<<"$out")
  secs=$(sed -n 's/^stats: .* in \([0-9.]*\) s, peak heap.*/\1/p' <<<"$out")
  heap=$(sed -n 's/.*peak heap \([0-9]*\) MiB.*/\1/p' <<<"$out")
  printf '%-13s %8s %9s %8s %6s MiB  %s\n' "$src" "$records" "$problems" "$secs" "$heap" "$keys"
done
total_end=$(date +%s.%N)
printf 'all imports (with JVM start-up): %.1f s\n' "$(echo "$total_end - $total_start" | bc)"
# shellcheck disable=SC2086
java ${JAVA_OPTS:-} -jar "$JAR" db status --stats --db "$DB" | grep '^stats:'
du -sh "$DB" | awk '{print "database size: " $1}'
