#!/usr/bin/env bash
# bench/push.sh [ROUNDS]: push and pull speed and memory of the Spyglass registry.
#
# 1. Pushes every corpus image (all tags of /var/tmp/spyglass-corpus/*/oci) with skopeo to Spyglass
#    and to the CNCF distribution registry (Debian's docker-registry, via ../shared/corpus/local-registry.sh),
#    alternating, ROUNDS rounds each (default 5), each round into fresh repositories so every blob
#    is really uploaded. Both registries require credentials (Spyglass: token flow; distribution: htpasswd).
#    Then pulls the same images back from each (skopeo copy to a fresh local OCI layout).
#    Prints the median seconds per round and the ratios Spyglass / distribution (goal <= 1.0), and
#    the servers' CPU seconds (a steadier measure than wall time on a shared machine).
# 2. Pushes and pulls one 1 GiB layer to and from Spyglass running with -Xmx256m (sampling its heap
#    with jstat every 200 ms: streaming keeps it flat, far below the layer size) and distribution;
#    prints both times and the ratios.
# Needs: skopeo, jq, docker-registry, apache2-utils, a JDK (jstat), ~2.5 GB free in $TMPDIR.
set -euo pipefail
shopt -s inherit_errexit # a failed skopeo inside a timed $(...) stops the run
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROUNDS=${1:-5}
SHARED=${SPYGLASS_SHARED:-$HERE/../shared}
[ -d "$SHARED/corpus" ] || { echo "bench/push.sh: no corpus scripts in $SHARED (put ../shared beside the project or set SPYGLASS_SHARED)" >&2; exit 1; }
CORPUS=${SPYGLASS_CORPUS:-/var/tmp/spyglass-corpus}
for c in skopeo jq docker-registry htpasswd jstat java; do
  command -v "$c" >/dev/null || { echo "bench/push.sh: needs $c" >&2; exit 1; }
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/spyglass-bench.XXXXXX")
SG_PID=""
cleanup() {
  [ -n "$SG_PID" ] && kill "$SG_PID" 2>/dev/null || true
  for d in "$WORK"/distribution*; do [ -d "$d" ] && "$SHARED/corpus/local-registry.sh" stop "$d" >/dev/null 2>&1; done
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# the jar (the launcher builds it when sources changed)
SPYGLASS_JAVA_OPTS="" "$HERE/spyglass" --version >/dev/null
JAR="$HERE/cli/target/spyglass.jar"

start_spyglass() { # DATA HEAP -> sets SG_PID, SG_PORT
  SG_PORT=$(free_port)
  java "-Xmx$2" -jar "$JAR" serve --port "$SG_PORT" --data "$1" --db-update-interval 0 >"$1.log" 2>&1 &
  SG_PID=$!
  for _ in $(seq 1 300); do # serve warms its request path up before it listens (a few seconds)
    curl -s -o /dev/null "http://127.0.0.1:$SG_PORT/v2/" && return 0
    sleep 0.2
  done
  echo "spyglass did not start:" >&2; tail -20 "$1.log" >&2; exit 1
}
stop_spyglass() { kill "$SG_PID"; wait "$SG_PID" 2>/dev/null || true; SG_PID=""; }

USER_=bench; PASS_=bench-password-1
authfile() { # HOST FILE
  printf '{"auths":{"%s":{"auth":"%s"}}}\n' "$1" "$(printf '%s:%s' "$USER_" "$PASS_" | base64 -w0)" > "$2"; chmod 600 "$2"
}

# images: "layout:tag" for every tag of every corpus layout
IMAGES=()
for layout in "$CORPUS"/*/oci; do
  for tag in $(jq -r '.manifests[].annotations["org.opencontainers.image.ref.name"]' "$layout/index.json"); do
    IMAGES+=("$layout:$tag")
  done
done
[ ${#IMAGES[@]} -gt 0 ] || { echo "bench/push.sh: no corpus images in $CORPUS (run ../shared/corpus/build-all.sh)" >&2; exit 1; }
echo "corpus: ${#IMAGES[@]} images, $(du -sh "$CORPUS"/*/oci | awk '{s=s" "$1} END{print s}')" >&2

push_round() { # HOST AUTHFILE ROUND -> seconds
  local host=$1 auth=$2 round=$3 start end i=0
  start=$(date +%s.%N)
  for img in "${IMAGES[@]}"; do
    i=$((i + 1))
    skopeo copy -q --retry-times 0 --dest-tls-verify=false --dest-authfile "$auth" \
      "oci:$img" "docker://$host/$USER_/r$round-i$i:latest" >/dev/null
  done
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}
pull_round() { # HOST AUTHFILE ROUND -> seconds (pulls what push_round pushed, into fresh layouts)
  local host=$1 auth=$2 round=$3 start end i=0
  mkdir -p "$WORK/pulled"
  start=$(date +%s.%N)
  for img in "${IMAGES[@]}"; do
    i=$((i + 1))
    skopeo copy -q --retry-times 0 --src-tls-verify=false --src-authfile "$auth" \
      "docker://$host/$USER_/r$round-i$i:latest" "oci:$WORK/pulled/i$i:latest" >/dev/null
  done
  end=$(date +%s.%N)
  rm -rf "$WORK/pulled"
  echo "$end - $start" | bc
}
cpu_seconds() { awk -v t="$(getconf CLK_TCK)" '{print ($14+$15)/t}' "/proc/$1/stat"; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END{ if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2 }'; }

# An OCI layout DIR with one image TAG: a config and one uncompressed tar layer of BYTES random bytes.
make_layout() { # DIR TAG BYTES
  local dir=$1 tag=$2 bytes=$3 layer config manifest lsize csize msize
  mkdir -p "$dir/blobs/sha256" "$dir/src"
  head -c "$bytes" /dev/urandom > "$dir/src/random.bin"
  tar -C "$dir/src" -cf "$dir/layer.tar" random.bin; rm -rf "$dir/src"
  lsize=$(stat -c %s "$dir/layer.tar"); layer=$(put_blob "$dir" "$dir/layer.tar")
  printf '{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' "$layer" > "$dir/config.json"
  csize=$(stat -c %s "$dir/config.json"); config=$(put_blob "$dir" "$dir/config.json")
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%d},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:%s","size":%d}]}' \
    "$config" "$csize" "$layer" "$lsize" > "$dir/manifest.json"
  msize=$(stat -c %s "$dir/manifest.json"); manifest=$(put_blob "$dir" "$dir/manifest.json")
  printf '{"imageLayoutVersion":"1.0.0"}' > "$dir/oci-layout"
  printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%d,"annotations":{"org.opencontainers.image.ref.name":"%s"}}]}' \
    "$manifest" "$msize" "$tag" > "$dir/index.json"
}
put_blob() { local d; d=$(sha256sum "$2" | awk '{print $1}'); mv "$2" "$1/blobs/sha256/$d"; echo "$d"; }

# --- 1. push speed -------------------------------------------------------------------------------
# Every round starts both registries fresh on new ports: skopeo remembers where it pushed a blob
# (blob-info cache, keyed by registry host) and would otherwise mount instead of uploading.
# A random 64 MiB image warms each server up first (JIT-compiled hashing and I/O for Spyglass, as in
# a server that has been running) and is not timed.
SG_TIMES=(); D_TIMES=(); SG_PULLS=(); D_PULLS=(); SG_CPUS=(); D_CPUS=()
for r in $(seq 1 "$ROUNDS"); do
  make_layout "$WORK/warm$r" warm 67108864
  mkdir -p "$WORK/sg$r"
  echo "$PASS_" | java -jar "$JAR" admin user create "$USER_" --password-stdin --data "$WORK/sg$r" >/dev/null
  start_spyglass "$WORK/sg$r" 1g
  SG_HOST=127.0.0.1:$SG_PORT; authfile "$SG_HOST" "$WORK/sg-auth.json"
  skopeo copy -q --dest-tls-verify=false --dest-authfile "$WORK/sg-auth.json" "oci:$WORK/warm$r:warm" "docker://$SG_HOST/$USER_/warm:1" >/dev/null
  c0=$(cpu_seconds "$SG_PID")
  t=$(push_round "$SG_HOST" "$WORK/sg-auth.json" "$r"); SG_TIMES+=("$t")
  tp=$(pull_round "$SG_HOST" "$WORK/sg-auth.json" "$r"); SG_PULLS+=("$tp")
  SG_CPUS+=("$(echo "$(cpu_seconds "$SG_PID") - $c0" | bc)")
  stop_spyglass; rm -rf "$WORK/sg$r"

  D_PORT=$(free_port)
  "$SHARED/corpus/local-registry.sh" start "$WORK/distribution$r" "$D_PORT" "$USER_" "$PASS_" >/dev/null 2>&1
  D_HOST=127.0.0.1:$D_PORT; authfile "$D_HOST" "$WORK/d-auth.json"
  skopeo copy -q --dest-tls-verify=false --dest-authfile "$WORK/d-auth.json" "oci:$WORK/warm$r:warm" "docker://$D_HOST/$USER_/warm:1" >/dev/null
  D_PID=$(cat "$WORK/distribution$r/registry.pid"); c0=$(cpu_seconds "$D_PID")
  u=$(push_round "$D_HOST" "$WORK/d-auth.json" "$r"); D_TIMES+=("$u")
  up=$(pull_round "$D_HOST" "$WORK/d-auth.json" "$r"); D_PULLS+=("$up")
  D_CPUS+=("$(echo "$(cpu_seconds "$D_PID") - $c0" | bc)")
  "$SHARED/corpus/local-registry.sh" stop "$WORK/distribution$r" >/dev/null 2>&1; rm -rf "$WORK/distribution$r" "$WORK/warm$r"
  printf 'round %d: push spyglass %.2fs distribution %.2fs; pull spyglass %.2fs distribution %.2fs; server CPU %.1fs vs %.1fs; load average %s\n' \
    "$r" "$t" "$u" "$tp" "$up" "${SG_CPUS[-1]}" "${D_CPUS[-1]}" "$(cut -d' ' -f1-3 /proc/loadavg)"
done
SG_MED=$(median "${SG_TIMES[@]}"); D_MED=$(median "${D_TIMES[@]}")
printf 'median push of %d images: spyglass %.2fs, distribution %.2fs, ratio spyglass/distribution = %.2f (goal <= 1.0)\n' \
  "${#IMAGES[@]}" "$SG_MED" "$D_MED" "$(echo "$SG_MED / $D_MED" | bc -l)"
SG_PMED=$(median "${SG_PULLS[@]}"); D_PMED=$(median "${D_PULLS[@]}")
printf 'median pull of %d images: spyglass %.2fs, distribution %.2fs, ratio spyglass/distribution = %.2f (goal <= 1.0)\n' \
  "${#IMAGES[@]}" "$SG_PMED" "$D_PMED" "$(echo "$SG_PMED / $D_PMED" | bc -l)"
SG_CMED=$(median "${SG_CPUS[@]}"); D_CMED=$(median "${D_CPUS[@]}")
printf 'median server CPU for push+pull: spyglass %.1fs, distribution %.1fs, ratio = %.2f\n' "$SG_CMED" "$D_CMED" "$(echo "$SG_CMED / $D_CMED" | bc -l)"

# --- 2. a 1 GiB layer: heap while Spyglass takes it, push and pull against distribution --------
BIG=$WORK/big
make_layout "$BIG" big 1073741824
LAYER_SIZE=$(find "$BIG/blobs/sha256" -size +1000M -printf '%s\n' | head -1)
timed_copy() { # SRC DST AUTHFLAGS... -> seconds
  local src=$1 dst=$2 start end; shift 2
  start=$(date +%s.%N)
  skopeo copy -q --retry-times 0 "$@" "$src" "$dst" >/dev/null
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}

mkdir -p "$WORK/heap"
echo "$PASS_" | java -jar "$JAR" admin user create "$USER_" --password-stdin --data "$WORK/heap" >/dev/null
start_spyglass "$WORK/heap" 256m
H_HOST=127.0.0.1:$SG_PORT; authfile "$H_HOST" "$WORK/h-auth.json"
BASE_KB=$(jstat -gc "$SG_PID" | awk 'NR==2 {print $3+$4+$6+$8}')
jstat -gc "$SG_PID" 200 > "$WORK/jstat.log" 2>/dev/null &
JSTAT=$!
c0=$(cpu_seconds "$SG_PID")
BIG_SG_PUSH=$(timed_copy "oci:$BIG:big" "docker://$H_HOST/$USER_/big:1g" --dest-tls-verify=false --dest-authfile "$WORK/h-auth.json")
kill "$JSTAT" 2>/dev/null || true
BIG_SG_PULL=$(timed_copy "docker://$H_HOST/$USER_/big:1g" "oci:$WORK/bigpull:1g" --src-tls-verify=false --src-authfile "$WORK/h-auth.json")
BIG_SG_CPU=$(echo "$(cpu_seconds "$SG_PID") - $c0" | bc)
rm -rf "$WORK/bigpull"
# S0U + S1U + EU + OU (KB): heap in use
PEAK_KB=$(awk '$1 ~ /^[0-9.]+$/ {u=$3+$4+$6+$8; if (u>m) m=u} END{print int(m)}' "$WORK/jstat.log")
printf '1 GiB layer pushed in %.1fs with -Xmx256m: heap in use before %d MB, peak during the push %d MB (layer %d MB)\n' \
  "$BIG_SG_PUSH" $((${BASE_KB%.*} / 1024)) $((PEAK_KB / 1024)) $((LAYER_SIZE / 1048576))
stop_spyglass; rm -rf "$WORK/heap"

D_PORT=$(free_port)
"$SHARED/corpus/local-registry.sh" start "$WORK/distribution-big" "$D_PORT" "$USER_" "$PASS_" >/dev/null 2>&1
D_HOST=127.0.0.1:$D_PORT; authfile "$D_HOST" "$WORK/d-auth.json"
D_PID=$(cat "$WORK/distribution-big/registry.pid"); c0=$(cpu_seconds "$D_PID")
BIG_D_PUSH=$(timed_copy "oci:$BIG:big" "docker://$D_HOST/$USER_/big:1g" --dest-tls-verify=false --dest-authfile "$WORK/d-auth.json")
BIG_D_PULL=$(timed_copy "docker://$D_HOST/$USER_/big:1g" "oci:$WORK/bigpull:1g" --src-tls-verify=false --src-authfile "$WORK/d-auth.json")
BIG_D_CPU=$(echo "$(cpu_seconds "$D_PID") - $c0" | bc)
rm -rf "$WORK/bigpull"
"$SHARED/corpus/local-registry.sh" stop "$WORK/distribution-big" >/dev/null 2>&1
printf '1 GiB layer push: spyglass %.1fs, distribution %.1fs, ratio = %.2f (goal <= 1.0)\n' "$BIG_SG_PUSH" "$BIG_D_PUSH" "$(echo "$BIG_SG_PUSH / $BIG_D_PUSH" | bc -l)"
printf '1 GiB layer pull: spyglass %.1fs, distribution %.1fs, ratio = %.2f (goal <= 1.0)\n' "$BIG_SG_PULL" "$BIG_D_PULL" "$(echo "$BIG_SG_PULL / $BIG_D_PULL" | bc -l)"
printf '1 GiB layer push+pull server CPU: spyglass %.1fs, distribution %.1fs, ratio = %.2f; load average %s\n' \
  "$BIG_SG_CPU" "$BIG_D_CPU" "$(echo "$BIG_SG_CPU / $BIG_D_CPU" | bc -l)" "$(cut -d' ' -f1-3 /proc/loadavg)"
