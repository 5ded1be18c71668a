#!/usr/bin/env bash
# Installs Debian's Docker engine (docker.io) when dockerd is missing; as root, with apt-get.
# The one install that ensure-swarm.sh (the one-node swarm) and tools/cluster/up.sh share.
set -euo pipefail
command -v dockerd >/dev/null 2>&1 && command -v docker >/dev/null 2>&1 && exit 0
echo "install-engine: installing docker.io from Debian's packages" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io >/dev/null
