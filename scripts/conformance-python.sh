#!/usr/bin/env bash
# Installs the official Alibaba Cloud Python SDKs the conformance suite drives (pinned in
# test/conformance/python/requirements.txt) into .tools/conformance-venv, apart from the Temporal venv.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.tools/conformance-venv"

if ! command -v python3 >/dev/null 2>&1; then
  echo "conformance-python: python3 (3.8 or newer, with venv) is needed for the Python SDK suite" >&2
  exit 1
fi
[ -x "$venv/bin/pip" ] || python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check -r "$root/test/conformance/python/requirements.txt"
"$venv/bin/python" -c 'import mns.account, aliyunsdkcore.client, aliyunsdkvod'
