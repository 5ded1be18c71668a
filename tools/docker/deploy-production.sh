#!/usr/bin/env bash
# The production set-up in one command: the landscape behind the edge (deploy/docker-stack.yml
# with deploy/docker-stack.edge.yml), then its monitoring (deploy/docker-stack.monitoring.yml),
# with no port published but the edge's. Makes the edge's secrets first where they do not exist
# (tools/docker/edge-secrets.sh), and builds a release unless IMAGE_TAG names one.
#   npm run deploy:production
#   IMAGE_TAG=0.1.0-83dc6e8a1b2c STACK_NAME=landscape MONITORING_STACK_NAME=monitoring npm run deploy:production
set -euo pipefail
cd "$(dirname "$0")/../.."
stack=${STACK_NAME:-landscape}
monitoring=${MONITORING_STACK_NAME:-monitoring}

if [[ -z "${IMAGE_TAG:-}" ]]; then
  IMAGE_TAG=$(tools/docker/build-release.sh)
  export IMAGE_TAG
fi
echo "deploy-production: release $IMAGE_TAG as $stack and $monitoring" >&2
tools/docker/edge-secrets.sh "${EDGE_SECRETS_DIR:-tmp/edge}"

# Swarm configs cannot change: a changed file is a new config, named after its content.
digest() { sha256sum "$1" | cut -c1-12; }
EDGE_CONFIG_DIGEST=$(digest deploy/haproxy.cfg)
PROMETHEUS_CONFIG_DIGEST=$(digest deploy/prometheus.yml)
PROMETHEUS_ALERTS_DIGEST=$(digest deploy/alerts.yml)
ALERTMANAGER_CONFIG_DIGEST=$(digest "${ALERTMANAGER_CONFIG:-deploy/alertmanager.yml}")
export EDGE_CONFIG_DIGEST PROMETHEUS_CONFIG_DIGEST PROMETHEUS_ALERTS_DIGEST ALERTMANAGER_CONFIG_DIGEST
export LANDSCAPE_STACK=$stack

# `docker stack deploy` merges compose files but cannot take away a port the base file
# publishes, so the merged file loses every service's ports but the edge's on its way.
unpublish() {
  awk -v keep="${1:-}" '
    /^[^ ]/ { section = $1 }
    section == "services:" && /^  [^ ]/ { service = $1; sub(/:$/, "", service) }
    section == "services:" && /^    ports:/ && service != keep { skipping = 1; next }
    skipping && /^      / { next }
    { skipping = 0; print }'
}

docker stack config -c deploy/docker-stack.yml -c deploy/docker-stack.edge.yml |
  unpublish edge | docker stack deploy --with-registry-auth -c - "$stack"
docker stack config -c deploy/docker-stack.monitoring.yml |
  unpublish | docker stack deploy --with-registry-auth -c - "$monitoring"
