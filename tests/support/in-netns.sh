#!/usr/bin/env bash
# Runs a command inside a network namespace that has only loopback, so every test connection —
# WebRTC media included — stays on 127.0.0.1 (Chromium may otherwise send from the machine's
# other interfaces). Needs root and `unshare`/`ip`; elsewhere the command runs as it is.
set -euo pipefail
if [ -z "${SAKSI_IN_NETNS:-}" ] && [ "$(id -u)" = "0" ] && command -v unshare >/dev/null && command -v ip >/dev/null; then
  export SAKSI_IN_NETNS=1
  exec unshare --net -- bash -c 'ip link set lo up && exec "$@"' bash "$@"
fi
exec "$@"
