#!/usr/bin/env bash
# scripts/fetch-go-legacy.sh [DIR]: real Go binaries built by Go 1.13–1.17 (pre-1.18 "pointer"
# build-info format) for the golang cataloger tests, into DIR (default $SPYGLASS_CORPUS/go-legacy,
# SPYGLASS_CORPUS defaulting to /var/tmp/spyglass-corpus). Each comes from a package archive that
# its registry serves byte-identically, so the archive's sha256 is pinned here; the binary is
# extracted beside it. Idempotent (a verified item is skipped) and failing soft: an item that
# cannot be fetched or verified is left out with a message, and the tests that need it skip.
set -uo pipefail
OUT=${1:-${SPYGLASS_CORPUS:-/var/tmp/spyglass-corpus}/go-legacy}
mkdir -p "$OUT" || { echo "fetch-go-legacy: cannot create $OUT" >&2; exit 0; }

# The Debian mirror the machine already uses (so no host is named here); bullseye's pool is on it.
debian_mirror() {
  grep -hoE '(URIs:|deb)[[:space:]]+(\[[^]]*\][[:space:]]+)?https?://[^[:space:]]+/debian/?([[:space:]]|$)' \
      /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null \
    | grep -oE 'https?://[^[:space:]]+' | sed 's:/*$::' | head -1
}

# item NAME SHA256 ARCHIVE-FILE BINARY-IN-ARCHIVE FETCH-COMMAND...
item() {
  local name=$1 sha=$2 archive=$3 member=$4; shift 4
  local dir="$OUT/$name"
  if [ -f "$dir/.done" ]; then return 0; fi
  rm -rf "$dir" && mkdir -p "$dir/x" || return 0
  if ! (cd "$dir" && "$@") >/dev/null 2>&1 || [ ! -f "$dir/$archive" ]; then
    echo "fetch-go-legacy: could not fetch $name; its tests will skip" >&2; rm -rf "$dir"; return 0
  fi
  if ! echo "$sha  $dir/$archive" | sha256sum -c --quiet - >/dev/null 2>&1; then
    echo "fetch-go-legacy: $name: sha256 mismatch; discarded" >&2; rm -rf "$dir"; return 0
  fi
  case "$archive" in
    *.deb) dpkg-deb -x "$dir/$archive" "$dir/x" ;;
    *.tgz) tar -xzf "$dir/$archive" -C "$dir/x" ;;
  esac || { echo "fetch-go-legacy: $name: cannot unpack" >&2; rm -rf "$dir"; return 0; }
  cp "$dir/x/$member" "$dir/$(basename "$member")" && rm -rf "$dir/x" "$dir/$archive" && touch "$dir/.done"
}

MIRROR=$(debian_mirror)
deb() { [ -n "$MIRROR" ] && curl -fsSL --retry 2 -o "$2" "$MIRROR/pool/main/$1/$2"; }
npmpack() { command -v npm >/dev/null && npm pack --silent "$1"; }

# Go 1.16 with modules: main module (devel) and golang.org/x/sys
item esbuild-linux-64-0.8.57 76762543a555ecccf834013c92a1245ec3707241595b243e8e3a92546d4dbe50 \
  esbuild-linux-64-0.8.57.tgz package/bin/esbuild npmpack esbuild-linux-64@0.8.57
# the same, Mach-O (macOS amd64)
item esbuild-darwin-64-0.8.57 9adbb59f4a42a228c4036ffc26b10e33449bf5272b94f0996a4f3d7a20068aef \
  esbuild-darwin-64-0.8.57.tgz package/bin/esbuild npmpack esbuild-darwin-64@0.8.57
# Go 1.17.5, PE (Windows amd64)
item esbuild-windows-64-0.14.8 d2d1265e64af9bf9420901ab024a8c06ac5c7a54014a6d91ad59770901d59921 \
  esbuild-windows-64-0.14.8.tgz package/esbuild.exe npmpack esbuild-windows-64@0.14.8
# Go 1.17.5, big-endian 64-bit (s390x)
item esbuild-linux-s390x-0.14.8 2a08ae5d3d7c94be23094542423a40dcac4282157e86277549f95be8475e22cf \
  esbuild-linux-s390x-0.14.8.tgz package/bin/esbuild npmpack esbuild-linux-s390x@0.14.8
# Debian bullseye, Go 1.15.9, GOPATH build (no modinfo at all): amd64, and i386 for 4-byte pointers
item fzf_0.24.3-1+b6_amd64 15912ab0d9d2963c116573a5b438395f3153d4a1682b0ff7b47cc764c0cf578c \
  fzf_0.24.3-1+b6_amd64.deb usr/bin/fzf deb f/fzf fzf_0.24.3-1+b6_amd64.deb
item fzf_0.24.3-1+b6_i386 0b97099883570947cf5e21f121359277f21c3af7154e4a3794007abe097ccd14 \
  fzf_0.24.3-1+b6_i386.deb usr/bin/fzf deb f/fzf fzf_0.24.3-1+b6_i386.deb
exit 0
