#!/usr/bin/env bash
# Makes sure that iproute2 and iptables are installed for the tests that build network
# namespaces of their own (libs/testing's createSynBlackhole). Installs them as root when missing.
# Without them the script fails under CI=true; elsewhere it warns, and those tests skip.
set -euo pipefail
if command -v ip >/dev/null 2>&1 && command -v iptables >/dev/null 2>&1; then exit 0; fi
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-netns: installing iproute2 and iptables from Debian's packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq iproute2 iptables >/dev/null
  exit 0
fi
if [[ "${CI:-}" == "true" ]]; then
  echo "ensure-netns: error: ip or iptables is missing and only root can install them" >&2
  exit 1
fi
echo "ensure-netns: warning: ip or iptables is missing; the network namespace tests will be skipped" >&2
