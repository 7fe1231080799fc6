#!/bin/sh
# The container's role is its command: gateway | subgraph <projects|people|tickets> | simulators | all.
# exec: node is PID 1 and receives SIGTERM itself (bin/shutdown.ts drains, then exits).
set -eu
cd /app
role="${1:-gateway}"
# V8 grows its heap lazily towards a limit sized from the machine, so a busy process's RSS climbs far past its
# working set (the gateway: ~60 MB live, 575 MB RSS under load without a cap, past the pod's 512Mi limit). A cap
# per role keeps RSS near the working set at no measured throughput cost (BENCHMARKS.md); MAX_OLD_SPACE_MB overrides.
heap() { echo "--max-old-space-size=${MAX_OLD_SPACE_MB:-$1}"; }
case "$role" in
  gateway) exec node "$(heap 192)" dist/bin/gateway.js ;;
  subgraph)
    [ $# -ge 2 ] || { echo "usage: subgraph <projects|people|tickets>" >&2; exit 64; }
    exec node "$(heap 320)" dist/bin/subgraph.js "$2" ;;
  simulators) exec node dist/bin/simulators.js ;;
  all) exec node dist/bin/start.js ;;
  *) echo "unknown role '$role': gateway | subgraph <projects|people|tickets> | simulators | all" >&2; exit 64 ;;
esac
