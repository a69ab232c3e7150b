#!/usr/bin/env bash
# bench/sbom.sh [RUNS]: time `spyglass sbom` against `zcat` and `libdeflate-gunzip` of the same layers.
#
# Images: the corpus Debian image (/var/tmp/spyglass-corpus/debian/oci, or $SPYGLASS_CORPUS) and a
# ~1 GB synthetic image generated here once (kept in $BENCH_DIR, default /var/tmp/spyglass-bench):
# one gzip layer of ~1 GB of text-like files plus a dpkg status, and a small second layer.
# For each image: median wall time of RUNS (default 3) runs of each command, their ratio, and the
# peak heap of the sbom runs (the largest heap before a GC, from -Xlog:gc) under -Xmx256m. CPU time
# (user+sys) is printed too: on a shared, loaded machine it is steadier than wall time.
# `spyglass sbom` runs through the ./spyglass launcher, as a user runs it (serial GC and the AppCDS archive
# made at build time). libdeflate-gunzip (Debian libdeflate-tools, single-threaded) is the faster yardstick:
# the floor a single-threaded inflate of these layers can reach.
# Goals: sbom / zcat <= 1.3 on the corpus image; sbom / libdeflate-gunzip <= 1.0 on the 1 GB image; heap <= 256 MB.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${1:-3}
CORPUS=${SPYGLASS_CORPUS:-/var/tmp/spyglass-corpus}
BENCH_DIR=${BENCH_DIR:-/var/tmp/spyglass-bench}
SYN_MB=${SYN_MB:-1024}
JAR=$HERE/cli/target/spyglass.jar
HEAP=${HEAP:-256m}

log() { printf '[bench] %s\n' "$*" >&2; }
command -v jq >/dev/null || { echo "bench/sbom.sh needs jq" >&2; exit 1; }
command -v libdeflate-gunzip >/dev/null || { echo "bench/sbom.sh needs libdeflate-gunzip (apt-get install libdeflate-tools)" >&2; exit 1; }
"$HERE/spyglass" --version >/dev/null   # builds the jar when sources changed

sha() { sha256sum "$1" | awk '{print $1}'; }

# put FILE into the layout's blob store, print its digest hex
store() { local h; h=$(sha "$1"); mv "$1" "$2/blobs/sha256/$h"; echo "$h"; }

make_synthetic() {
  local out=$1 work
  [ -f "$out/.done" ] && return 0
  log "generating a ${SYN_MB} MB synthetic image in $out (once)"
  rm -rf "$out"; mkdir -p "$out/blobs/sha256"; work=$(mktemp -d "$BENCH_DIR/work.XXXX")
  mkdir -p "$work/root/var/lib/dpkg" "$work/root/data"
  # text-like content (base64 of random bytes: compresses about 4:3, like binaries and logs do)
  local per=4 n=$((SYN_MB / 4)) i
  for i in $(seq 1 "$n"); do
    head -c $((per * 1024 * 1024 * 3 / 4)) /dev/urandom | base64 -w 120 > "$work/root/data/file-$i.txt"
  done
  if [ -f "$CORPUS/debian/oci/index.json" ]; then
    # the real dpkg status of the corpus Debian image's first layer
    local l1; l1=$(jq -r '.layers[0].digest' "$CORPUS/debian/oci/blobs/sha256/$(jq -r '.manifests[0].digest' "$CORPUS/debian/oci/index.json" | cut -d: -f2)" | cut -d: -f2)
    tar -xzf "$CORPUS/debian/oci/blobs/sha256/$l1" -C "$work/root" ./var/lib/dpkg/status 2>/dev/null \
      || tar -xzf "$CORPUS/debian/oci/blobs/sha256/$l1" -C "$work/root" var/lib/dpkg/status
  else
    printf 'Package: bench\nStatus: install ok installed\nVersion: 1.0\nArchitecture: amd64\n\n' > "$work/root/var/lib/dpkg/status"
  fi
  printf 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n' > "$work/root/os-release"
  mkdir -p "$work/root/etc"; mv "$work/root/os-release" "$work/root/etc/os-release"
  tar -C "$work/root" -cf "$work/layer1.tar" .
  mkdir -p "$work/l2/etc"; echo bench > "$work/l2/etc/bench"; tar -C "$work/l2" -cf "$work/layer2.tar" .
  local d1 d2 g1 g2 s1 s2 cfg cs man ms
  d1=$(sha "$work/layer1.tar"); d2=$(sha "$work/layer2.tar")
  gzip -1 -n -c "$work/layer1.tar" > "$work/layer1.tgz"; gzip -n -c "$work/layer2.tar" > "$work/layer2.tgz"
  s1=$(stat -c %s "$work/layer1.tgz"); s2=$(stat -c %s "$work/layer2.tgz")
  g1=$(store "$work/layer1.tgz" "$out"); g2=$(store "$work/layer2.tgz" "$out")
  jq -nc --arg d1 "sha256:$d1" --arg d2 "sha256:$d2" '{architecture:"amd64",os:"linux",
      rootfs:{type:"layers",diff_ids:[$d1,$d2]},
      history:[{created_by:"bench: 1 GB of files + dpkg status"},{created_by:"bench: small layer"}]}' > "$work/config.json"
  cs=$(stat -c %s "$work/config.json"); cfg=$(store "$work/config.json" "$out")
  jq -nc --arg c "sha256:$cfg" --argjson cs "$cs" --arg g1 "sha256:$g1" --argjson s1 "$s1" --arg g2 "sha256:$g2" --argjson s2 "$s2" \
    '{schemaVersion:2,mediaType:"application/vnd.oci.image.manifest.v1+json",
      config:{mediaType:"application/vnd.oci.image.config.v1+json",digest:$c,size:$cs},
      layers:[{mediaType:"application/vnd.oci.image.layer.v1.tar+gzip",digest:$g1,size:$s1},
              {mediaType:"application/vnd.oci.image.layer.v1.tar+gzip",digest:$g2,size:$s2}]}' > "$work/manifest.json"
  ms=$(stat -c %s "$work/manifest.json"); man=$(store "$work/manifest.json" "$out")
  jq -nc --arg m "sha256:$man" --argjson ms "$ms" '{schemaVersion:2,manifests:[{mediaType:"application/vnd.oci.image.manifest.v1+json",
      digest:$m,size:$ms,annotations:{"org.opencontainers.image.ref.name":"bench"}}]}' > "$out/index.json"
  echo '{"imageLayoutVersion":"1.0.0"}' > "$out/oci-layout"
  rm -rf "$work"; touch "$out/.done"
}

layers_of() { # LAYOUT -> blob paths of the first manifest's layers
  local m; m=$(jq -r '.manifests[0].digest' "$1/index.json" | cut -d: -f2)
  jq -r '.layers[].digest' "$1/blobs/sha256/$m" | cut -d: -f2 | sed "s|^|$1/blobs/sha256/|"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# timed CMD...: runs CMD, prints "wall cpu" seconds (cpu = user + sys, children included)
timed() {
  local t; t=$(mktemp)
  { TIMEFORMAT='%R %U %S'; time "$@" > /dev/null 2>&1; } 2> "$t"
  awk '{printf "%s %.3f\n", $1, $2 + $3}' "$t"; rm -f "$t"
}

zcat_layers() { local b; for b in "$@"; do zcat -f "$b"; done; }
# libdeflate-gunzip inflates whole buffers: gzip layers only (plain tar and zstd layers are copied/zstdcat'ed)
libdeflate_layers() {
  local b
  for b in "$@"; do
    case $(head -c2 "$b" | od -An -tx1 | tr -d ' ') in
      1f8b) libdeflate-gunzip -c < "$b" ;;
      28b5) zstd -dc "$b" ;;
      *) cat "$b" ;;
    esac
  done
}

bench_one() {
  local name=$1 layout=$2 zw=() zc=() lw=() lc=() sw=() sc=() i gc peak r
  local blobs; mapfile -t blobs < <(layers_of "$layout")
  cat "${blobs[@]}" > /dev/null   # warm the page cache for every command alike
  for i in $(seq 1 "$RUNS"); do
    read -r w c < <(timed zcat_layers "${blobs[@]}"); zw+=("$w"); zc+=("$c")
    read -r w c < <(timed libdeflate_layers "${blobs[@]}"); lw+=("$w"); lc+=("$c")
    gc=$(mktemp)
    read -r w c < <(SPYGLASS_NO_REBUILD=1 SPYGLASS_JAVA_OPTS="-Xmx$HEAP -Xlog:gc:file=$gc" timed "$HERE/spyglass" sbom "oci-dir://$layout" --format json)
    sw+=("$w"); sc+=("$c")
    r=$(grep -oE '[0-9]+M->[0-9]+M' "$gc" | cut -dM -f1 | sort -n | tail -1); rm -f "$gc"
    [ -n "$r" ] && { [ -z "${peak:-}" ] || [ "$r" -gt "$peak" ]; } && peak=$r
  done
  local zwm zcm lwm lcm swm scm
  zwm=$(printf '%s\n' "${zw[@]}" | median); zcm=$(printf '%s\n' "${zc[@]}" | median)
  lwm=$(printf '%s\n' "${lw[@]}" | median); lcm=$(printf '%s\n' "${lc[@]}" | median)
  swm=$(printf '%s\n' "${sw[@]}" | median); scm=$(printf '%s\n' "${sc[@]}" | median)
  printf '%-10s wall: sbom %6.2fs  zcat %6.2fs (ratio %.2f)  libdeflate %6.2fs (ratio %.2f) | cpu: sbom %6.2fs  zcat %6.2fs (ratio %.2f)  libdeflate %6.2fs (ratio %.2f) | peak heap %s MB (-Xmx%s) | load %s\n' \
    "$name" "$swm" "$zwm" "$(echo "$swm / $zwm" | bc -l)" "$lwm" "$(echo "$swm / $lwm" | bc -l)" \
    "$scm" "$zcm" "$(echo "$scm / $zcm" | bc -l)" "$lcm" "$(echo "$scm / $lcm" | bc -l)" \
    "${peak:-<1 GC}" "$HEAP" "$(cut -d' ' -f1 /proc/loadavg)"
}

mkdir -p "$BENCH_DIR"
if [ -f "$CORPUS/debian/oci/index.json" ]; then bench_one debian "$CORPUS/debian/oci"; else log "corpus Debian image absent: skipped"; fi
make_synthetic "$BENCH_DIR/synthetic"
bench_one synthetic "$BENCH_DIR/synthetic"
