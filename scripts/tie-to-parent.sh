#!/usr/bin/env bash
# Usage: tie-to-parent.sh <pid> <command> [args...]
# Runs the command and kills it as soon as process <pid> is gone, so that a server started by a
# test run or the demo never outlives it, even when that process is killed with SIGKILL.
set -u
owner="$1"
shift
"$@" &
child=$!
stop() {
  kill -TERM "$child" 2>/dev/null
  for _ in $(seq 1 50); do kill -0 "$child" 2>/dev/null || exit 0; sleep 0.1; done
  kill -KILL "$child" 2>/dev/null
  exit 0
}
trap stop TERM INT HUP
while kill -0 "$child" 2>/dev/null; do
  if ! kill -0 "$owner" 2>/dev/null; then stop; fi
  sleep 1 &
  wait $!
done
wait "$child"
