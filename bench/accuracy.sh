#!/usr/bin/env bash
# bench/accuracy.sh [SEED...]: how much of an unseen image `spyglass sbom` gets right.
#
# Images: ../shared/corpus/build-mix-image.sh OUT SEED, one per seed (default 1 2 3 4 5), each a new
# seeded mix of real Debian, npm and Maven packages with its ground truth (expected.json, read off
# the final filesystem by dpkg, python, ruby, go and the zip reader). Built into
# ${SPYGLASS_MIX:-/var/tmp/mix}/SEED when missing (root, network, ~3 min each); a finished build
# there is reused, and a build still running there (another job) is waited for.
#
# Prints, per image: a table per ecosystem (expected, found, matched = expected ones reported,
# correct = reported ones that are right, recall, precision), what is not counted (types without
# ground truth: composer, github…), every missing and every extra package with its paths, and the
# unknowns; then one line per image and the sums over all images. The comparison is the one
# MixImageAccuracyTest asserts on (engine test code: io.spyglass.testing.GroundTruth).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=${SPYGLASS_SHARED:-$HERE/../shared}
MIX=${SPYGLASS_MIX:-/var/tmp/mix}
SEEDS=("$@")
[ ${#SEEDS[@]} -gt 0 ] || SEEDS=(1 2 3 4 5)

log() { printf '[accuracy] %s\n' "$*" >&2; }
done_seed() { [ "$(head -1 "$1/.build-mix-image.done" 2>/dev/null | cut -d' ' -f1)" = "seed=$2" ]; }

dirs=()
for seed in "${SEEDS[@]}"; do
  dir=$MIX/$seed
  # another job building this folder: wait for it rather than build over it
  while ! done_seed "$dir" "$seed" && pgrep -f -- "build-mix-image.sh $dir " >/dev/null; do
    log "seed $seed is being built in $dir by another job; waiting"; sleep 20
  done
  if ! done_seed "$dir" "$seed"; then
    if [ "$(id -u)" != 0 ] || [ ! -x "$SHARED/corpus/build-mix-image.sh" ]; then
      log "seed $seed: no finished build in $dir, and building needs root and $SHARED/corpus; skipped"; continue
    fi
    log "building seed $seed into $dir (about 3 minutes)"
    mkdir -p "$dir"
    "$SHARED/corpus/build-mix-image.sh" "$dir" "$seed" >&2 || { log "seed $seed: build failed; skipped"; continue; }
  fi
  dirs+=("$dir")
done
[ ${#dirs[@]} -gt 0 ] || { log "no image to measure"; exit 1; }

# the comparator is engine test code: compile it, then run it on the engine's test classpath
cd "$HERE"
# offline first (the shared ~/.m2 usually has everything); jansi.noreset: no stray ESC[0m from Maven 3.8
mvn_() { MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -B -q -o "$@" || MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -B -q "$@"; }
log "compiling engine and its tests"
mvn_ -pl engine test-compile >&2
CP=$(mktemp)
trap 'rm -f "$CP"' EXIT
mvn_ -pl engine org.apache.maven.plugins:maven-dependency-plugin:3.6.1:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$CP" >&2
log "cataloguing ${#dirs[@]} image(s): ${dirs[*]}"
java ${SPYGLASS_JAVA_OPTS:-} -cp "engine/target/test-classes:engine/target/classes:$(cat "$CP")" \
  io.spyglass.testing.AccuracyMain "${dirs[@]}"
