#!/usr/bin/env bash
# The series' copyall.sh: build the apps and their images under this checkout's release tag
# (tools/docker/release-tag.sh), then create or update the stack on exactly that tag, so that
# Swarm sees a real update and keeps the previous spec to roll back to.
#   npm run deploy
#   STACK_NAME=demo ENDPOINT_MODE=dnsrr PUBLISH_MODE=host UPDATE_ORDER=stop-first npm run deploy
#   IMAGE_TAG=0.1.0-83dc6e8a1b2c npm run deploy     # deploy a release built before; builds nothing
#   STACK_FILES="deploy/docker-stack.yml deploy/docker-stack.socket-proxy.yml" npm run deploy
set -euo pipefail
cd "$(dirname "$0")/../.."
stack=${STACK_NAME:-landscape}
files=(${STACK_FILES:-deploy/docker-stack.yml})

if [[ -n "${IMAGE_TAG:-}" ]]; then
  echo "deploy: IMAGE_TAG=$IMAGE_TAG pinned, nothing is built"
else
  IMAGE_TAG=$(tools/docker/build-release.sh)
  export IMAGE_TAG
  echo "deploy: release $IMAGE_TAG"
fi

docker stack deploy --with-registry-auth "${files[@]/#/--compose-file=}" "$stack"
