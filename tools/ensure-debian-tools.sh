#!/usr/bin/env bash
# Makes sure that the commands some tests need are installed, from Debian's packages:
#   tools/ensure-debian-tools.sh "the browser tests" chromium=chromium
#   tools/ensure-debian-tools.sh "the network namespace tests" ip=iproute2 iptables=iptables
# Installs the missing ones as root; without them it fails under CI=true, and elsewhere warns,
# and those tests skip.
set -euo pipefail
purpose=$1
shift
missing=()
for pair in "$@"; do
  command -v "${pair%%=*}" >/dev/null 2>&1 || missing+=("${pair#*=}")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-debian-tools: installing ${missing[*]} from Debian's packages for $purpose"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi
if [[ "${CI:-}" == "true" ]]; then
  echo "ensure-debian-tools: error: ${missing[*]} missing for $purpose, and only root can install them" >&2
  exit 1
fi
echo "ensure-debian-tools: warning: ${missing[*]} missing; $purpose will be skipped" >&2
