#!/usr/bin/env bash
# Makes sure that a Docker engine runs and that this node is in a swarm, for the Swarm tests:
# installs docker.io from Debian's packages when Docker is missing, starts dockerd when it is not
# running, and runs `docker swarm init` when the node is in no swarm. Safe to run again.
# Without an engine it fails under CI=true; elsewhere it warns, and the Swarm tests are skipped.
set -euo pipefail

no_engine() {
  if [[ "${CI:-}" == "true" ]]; then
    echo "ensure-swarm: error: $1" >&2
    exit 1
  fi
  echo "ensure-swarm: warning: $1; the Swarm tests will be skipped" >&2
  exit 0
}

as_root() { [[ $(id -u) -eq 0 ]]; }

if ! command -v dockerd >/dev/null 2>&1 || ! command -v docker >/dev/null 2>&1; then
  as_root && command -v apt-get >/dev/null 2>&1 || no_engine "Docker is not installed, and only root can install docker.io"
  "$(dirname "$0")/install-engine.sh"
fi

if ! docker info >/dev/null 2>&1; then
  as_root || no_engine "no Docker engine answers, and only root can start dockerd"
  echo "ensure-swarm: starting dockerd (log: /var/log/landscape-dockerd.log)"
  setsid dockerd >/var/log/landscape-dockerd.log 2>&1 < /dev/null &
  for _ in $(seq 60); do
    docker info >/dev/null 2>&1 && break
    sleep 0.5
  done
  docker info >/dev/null 2>&1 || no_engine "dockerd did not start; see /var/log/landscape-dockerd.log"
fi

swarm_state() { docker info --format '{{.Swarm.LocalNodeState}}'; }
# Right after dockerd starts, a node that is in a swarm may still report "pending".
for _ in $(seq 60); do
  [[ $(swarm_state) == "pending" ]] || break
  sleep 0.5
done
if [[ $(swarm_state) == "inactive" ]]; then
  echo "ensure-swarm: docker swarm init"
  docker swarm init >/dev/null 2>&1 ||
    docker swarm init --advertise-addr "$(hostname -I | awk '{print $1}')" >/dev/null
fi
[[ $(swarm_state) == "active" ]] || no_engine "this node's swarm state is $(swarm_state), not active"

echo "ensure-swarm: engine $(docker version --format '{{.Server.Version}}'), swarm active"
