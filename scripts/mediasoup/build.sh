#!/usr/bin/env bash
# npm run media:mediasoup — build (or reuse) a mediasoup worker offline from Debian's libraries.
#
# mediasoup is installed OUTSIDE the project's package.json (npm install/ci never builds C++,
# the lockfile is untouched) into a cache directory keyed by the mediasoup version and the
# versions of the Debian libraries the worker links against:
#   ${SAKSI_CACHE:-~/.cache/saksi}/mediasoup-<version>-<libs-hash>/
# The worker's C++ dependencies come from Debian instead of mediasoup's download-only meson
# subprojects: scripts/mediasoup/stand-ins/* wrap Debian's dependency() under the names mediasoup
# expects, compat/srtp.h adapts libsrtp 3's API onto libsrtp2, and compat/openssl/bio.h keeps
# Debian's KTLS-enabled libssl from crashing mediasoup's DTLS (see each header). io_uring is off with
# mediasoup's own option (Debian's liburing 2.3 lacks calls mediasoup uses).
# On success it writes ${SAKSI_CACHE}/mediasoup.json, which MEDIA_BACKEND=mediasoup reads.
set -euo pipefail

MEDIASOUP_VERSION=3.19.3
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE_ROOT="${SAKSI_CACHE:-$HOME/.cache/saksi}"
PACKAGES=(build-essential pkg-config python3-pip libssl-dev libuv1-dev libusrsctp-dev libabsl-dev
  flatbuffers-compiler libflatbuffers-dev libsrtp2-dev)
JOBS="${MEDIASOUP_BUILD_JOBS:-$(nproc)}"

log() { printf '[media:mediasoup %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  log "installing Debian packages: ${missing[*]}"
  as_root=()
  [[ $(id -u) == 0 ]] || as_root=(sudo)
  "${as_root[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The cache key: mediasoup version, Debian library versions, and this script's own inputs.
lib_versions="$(dpkg-query -W -f='${Package}=${Version}\n' "${PACKAGES[@]}" | sort)"
inputs_hash="$(cat "$HERE/build.sh" "$HERE/compat/srtp.h" "$HERE/compat/openssl/bio.h" "$HERE"/stand-ins/*/meson* | sha256sum | cut -c1-8)"
key="$(printf '%s\n%s\n%s\n' "$MEDIASOUP_VERSION" "$lib_versions" "$inputs_hash" | sha256sum | cut -c1-12)"
DIR="$CACHE_ROOT/mediasoup-$MEDIASOUP_VERSION-$key"
WORKER="$DIR/node_modules/mediasoup/worker"
BIN="$DIR/bin/mediasoup-worker"
MANIFEST="$CACHE_ROOT/mediasoup.json"

write_manifest() {
  local seconds="$1"
  cat >"$MANIFEST.tmp" <<JSON
{
  "version": "$MEDIASOUP_VERSION",
  "dir": "$DIR",
  "workerBin": "$BIN",
  "buildSeconds": $seconds,
  "libraries": "$(echo "$lib_versions" | tr '\n' ' ' | sed 's/ $//')"
}
JSON
  mv "$MANIFEST.tmp" "$MANIFEST"
}

if [[ -x "$BIN" && -f "$DIR/build-seconds" ]]; then
  log "reusing the cached worker $BIN (built in $(cat "$DIR/build-seconds")s)"
  write_manifest "$(cat "$DIR/build-seconds")"
  exit 0
fi

started=$(date +%s)
mkdir -p "$DIR"
log "cache directory $DIR"

if [[ ! -f "$WORKER/meson.build" ]]; then
  log "installing mediasoup@$MEDIASOUP_VERSION (no install scripts: nothing is downloaded or built by npm)"
  echo '{"name":"saksi-mediasoup-cache","private":true}' >"$DIR/package.json"
  npm install --prefix "$DIR" --ignore-scripts --no-audit --no-fund --loglevel=error "mediasoup@$MEDIASOUP_VERSION"
fi

# meson >= 1.1 (Debian has 1.0.1) and ninja, from pip into the cache (pip may find local wheels).
PYDIR="$DIR/python"
if [[ ! -x "$PYDIR/bin/meson" ]]; then
  log "installing meson and ninja with pip into $PYDIR"
  python3 -m pip install --quiet --retries 0 --timeout 10 --no-user --target "$PYDIR" 'meson>=1.1' ninja
fi
export PYTHONPATH="$PYDIR${PYTHONPATH:+:$PYTHONPATH}"
export PATH="$PYDIR/bin:$PATH"
log "meson $(meson --version), ninja $(ninja --version)"

log "writing the Debian stand-in subprojects and the libsrtp and OpenSSL adapters"
for standin in "$HERE"/stand-ins/*; do
  name="$(basename "$standin")"
  directory="$(sed -n 's/^directory *= *//p' "$WORKER/subprojects/$name.wrap")"
  rm -rf "${WORKER:?}/subprojects/$directory"
  cp -r "$standin" "$WORKER/subprojects/$directory"
done
libsrtp_dir="$(sed -n 's/^directory *= *//p' "$WORKER/subprojects/libsrtp3.wrap")"
mkdir -p "$WORKER/subprojects/$libsrtp_dir/compat"
cp "$HERE/compat/srtp.h" "$WORKER/subprojects/$libsrtp_dir/compat/srtp.h"
openssl_dir="$(sed -n 's/^directory *= *//p' "$WORKER/subprojects/openssl.wrap")"
mkdir -p "$WORKER/subprojects/$openssl_dir/compat/openssl"
cp "$HERE/compat/openssl/bio.h" "$WORKER/subprojects/$openssl_dir/compat/openssl/bio.h"

BUILD="$DIR/build"
if [[ ! -f "$BUILD/build.ninja" ]]; then
  log "meson setup (release, no downloads, io_uring off)"
  (cd "$WORKER" && nice -n 19 meson setup --buildtype release -Db_ndebug=true \
    --wrap-mode=nodownload -Dms_disable_liburing=true "$BUILD" >"$DIR/meson-setup.log" 2>&1) \
    || { tail -40 "$DIR/meson-setup.log"; exit 1; }
fi

# The generated FlatBuffers headers first: libwebrtc's sources include them, but mediasoup's
# meson.build does not order that target before them (upstream hides the race behind the long
# flatbuffers subproject build).
nice -n 19 ninja -C "$BUILD" fbs/FBS >"$DIR/ninja-fbs.log" 2>&1 || { cat "$DIR/ninja-fbs.log"; exit 1; }
log "compiling the worker with $JOBS jobs at nice 19 (10–35 min on 2 cores; progress below)"
if ! nice -n 19 ninja -C "$BUILD" -j "$JOBS" mediasoup-worker 2>&1 | tee "$DIR/ninja.log" \
  | awk '/^\[[0-9]+\/[0-9]+\]/ { split(substr($1, 2), n, "/"); pct = int(100 * n[1] / n[2]);
         if (pct >= last + 5 || n[1] == n[2]) { last = pct; printf "[media:mediasoup] %d%% (%s)\n", pct, $1; fflush() } }
         /FAILED|error:/ { print; fflush() }'; then
  log "the build failed; see $DIR/ninja.log"
  exit 1
fi

mkdir -p "$DIR/bin"
cp "$BUILD/mediasoup-worker" "$BIN"
strip "$BIN" || true
seconds=$(($(date +%s) - started))
echo "$seconds" >"$DIR/build-seconds"
write_manifest "$seconds"
log "built $BIN in ${seconds}s ($(du -h "$BIN" | cut -f1)); manifest $MANIFEST"
