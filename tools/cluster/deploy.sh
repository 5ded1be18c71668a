#!/usr/bin/env bash
# Deploys the stack onto the local multi-node swarm (up.sh) as on a real one: the host's engine
# builds this checkout's release (tools/docker/build-release.sh) and pushes it to the cluster's
# registry, and the nodes pull it from there.
#   npm run cluster:deploy
#   IMAGE_TAG=0.1.0-83dc6e8a1b2c npm run cluster:deploy   # push and deploy a release built before
#   STACK_FILES="deploy/docker-stack.yml deploy/docker-stack.socket-proxy.yml" npm run cluster:deploy
# This machine's kernel has no IPVS, so the defaults here are dnsrr, host-mode ports and
# stop-first updates (docs/DEPLOYMENT.md); set ENDPOINT_MODE, PUBLISH_MODE, UPDATE_ORDER to change.
set -euo pipefail
cd "$(dirname "$0")/../.."
source tools/cluster/cluster-env.sh
unset DOCKER_HOST # build and push on the host's engine

tag=${IMAGE_TAG:-$(tools/docker/build-release.sh)}
prefix=$CLUSTER_REGISTRY/landscape
apps=$(tools/docker/image-apps.sh)
for app in $apps; do
  docker tag "someprefix/$app:$tag" "$prefix/$app:$tag"
  docker push --quiet "$prefix/$app:$tag" >/dev/null
  echo "cluster deploy: pushed $prefix/$app:$tag"
done

DOCKER_HOST=$(node_socket 1) IMAGE_PREFIX=$prefix IMAGE_TAG=$tag \
  ENDPOINT_MODE=${ENDPOINT_MODE:-dnsrr} PUBLISH_MODE=${PUBLISH_MODE:-host} \
  UPDATE_ORDER=${UPDATE_ORDER:-stop-first} tools/docker/redeploy.sh
echo "cluster deploy: $tag from $CLUSTER_REGISTRY; DOCKER_HOST=$(node_socket 1) docker stack ps ${STACK_NAME:-landscape}"
