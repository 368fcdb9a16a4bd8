#!/usr/bin/env bash
# Installs Debian's docker-compose (used only to validate docker-compose.yml; no engine needed).
set -euo pipefail
if command -v docker-compose >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing docker-compose (Debian package) to validate docker-compose.yml" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null
  exit 0
fi
echo "docker-compose is missing: install it (Debian: sudo apt-get install docker-compose) so that the" >&2
echo "tests can validate docker-compose.yml" >&2
exit 1
