#!/usr/bin/env bash
# Makes sure that Debian's chromium is installed for the browser tests (playwright-core drives
# /usr/bin/chromium; it downloads no browser of its own). Installs it as root when missing.
# Without it the script fails under CI=true; elsewhere it warns, and the browser tests skip.
set -euo pipefail
if [[ -x /usr/bin/chromium ]]; then exit 0; fi
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: installing chromium from Debian's packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
if [[ "${CI:-}" == "true" ]]; then
  echo "ensure-chromium: error: /usr/bin/chromium is missing and only root can install it" >&2
  exit 1
fi
echo "ensure-chromium: warning: /usr/bin/chromium is missing; the browser tests will be skipped" >&2
