#!/usr/bin/env bash
# Stops a code-server started by start.sh: its whole process group (server, extension host,
# language servers), politely first, then by force after 10 s.
# Usage: scripts/code-server/stop.sh RUN_DIR
set -uo pipefail

[ $# -eq 1 ] || { echo "usage: $0 RUN_DIR" >&2; exit 2; }
[ -f "$1/pid" ] || exit 0
pid="$(cat "$1/pid")"
alive() { kill -0 -- "-$pid" 2>/dev/null; }
if alive; then
  kill -TERM -- "-$pid" 2>/dev/null
  for _ in $(seq 100); do alive || break; sleep 0.1; done
  if alive; then
    echo "code-server (process group $pid) did not stop on SIGTERM: SIGKILL" >&2
    kill -KILL -- "-$pid" 2>/dev/null
  fi
fi
rm -f "$1/pid"
