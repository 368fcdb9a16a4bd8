#!/usr/bin/env bash
# Installs promtool (Debian's prometheus package): the tests lint a real /metrics scrape with it and
# check and unit-test the alert rules under deploy/. Nothing is started.
set -euo pipefail
if command -v promtool >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing promtool (Debian package prometheus) to check metrics and alert rules" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null
  exit 0
fi
echo "promtool is missing: install it (Debian: sudo apt-get install prometheus) so that the tests can" >&2
echo "check the worker's metrics and the alert rules" >&2
exit 1
