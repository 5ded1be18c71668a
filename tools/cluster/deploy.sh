#!/usr/bin/env bash
# Deploys the stack onto the local multi-node swarm (up.sh) as on a real one: the host's engine
# builds this checkout's release (tools/docker/build-release.sh) and pushes it to the cluster's
# registry, and the nodes pull it from there.
#   npm run cluster:deploy
#   IMAGE_TAG=0.1.0-83dc6e8a1b2c npm run cluster:deploy   # push and deploy a release built before
#   STACK_FILES="deploy/docker-stack.yml deploy/docker-stack.socket-proxy.yml" npm run cluster:deploy
#   PRODUCTION=1 npm run cluster:deploy   # the production set-up (tools/docker/deploy-production.sh)
# With PRODUCTION set, the images named by EDGE_IMAGE, PROMETHEUS_IMAGE, ALERTMANAGER_IMAGE and
# NODE_EXPORTER_IMAGE (stand-ins of tools/docker/build-standin.sh, say) are pushed as well, and the
# edge's certificate is for every node's address.
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

if [[ -n ${PRODUCTION:-} ]]; then
  for variable in EDGE_IMAGE PROMETHEUS_IMAGE ALERTMANAGER_IMAGE NODE_EXPORTER_IMAGE; do
    image=${!variable:-}
    [[ -n $image ]] || continue
    pushed=$prefix/${image##*/}
    docker tag "$image" "$pushed"
    docker push --quiet "$pushed" >/dev/null
    export "$variable=$pushed"
    echo "cluster deploy: pushed $pushed"
  done
fi

export DOCKER_HOST=$(node_socket 1) IMAGE_PREFIX=$prefix IMAGE_TAG=$tag \
  ENDPOINT_MODE=${ENDPOINT_MODE:-dnsrr} PUBLISH_MODE=${PUBLISH_MODE:-host} \
  UPDATE_ORDER=${UPDATE_ORDER:-stop-first}
if [[ -n ${PRODUCTION:-} ]]; then
  addresses=$(for n in $(existing_nodes); do node_address "$n"; done | paste -sd,)
  export EDGE_HOSTNAMES=${EDGE_HOSTNAMES:-localhost,$addresses}
  tools/docker/deploy-production.sh
else
  tools/docker/redeploy.sh
fi
echo "cluster deploy: $tag from $CLUSTER_REGISTRY; DOCKER_HOST=$(node_socket 1) docker stack ps ${STACK_NAME:-landscape}"
