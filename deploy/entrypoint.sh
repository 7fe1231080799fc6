#!/bin/sh
# The container's role is its command: gateway | subgraph <projects|people|tickets> | simulators | all.
# exec: node is PID 1 and receives SIGTERM itself (bin/shutdown.ts drains, then exits).
set -eu
cd /app
role="${1:-gateway}"
case "$role" in
  gateway) exec node dist/bin/gateway.js ;;
  subgraph)
    [ $# -ge 2 ] || { echo "usage: subgraph <projects|people|tickets>" >&2; exit 64; }
    exec node dist/bin/subgraph.js "$2" ;;
  simulators) exec node dist/bin/simulators.js ;;
  all) exec node dist/bin/start.js ;;
  *) echo "unknown role '$role': gateway | subgraph <projects|people|tickets> | simulators | all" >&2; exit 64 ;;
esac
