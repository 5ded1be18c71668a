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
apps=(accountservice quotes-service visualizer docker-api-proxy)

if [[ -n "${IMAGE_TAG:-}" ]]; then
  echo "deploy: IMAGE_TAG=$IMAGE_TAG pinned, nothing is built"
else
  if [[ -z "${BASE_IMAGE:-}" ]]; then
    default_base=$(sed -n 's/^ARG BASE_IMAGE=//p' apps/accountservice/Dockerfile)
    if ! docker image inspect "$default_base" >/dev/null 2>&1 && ! docker pull -q "$default_base" >/dev/null 2>&1; then
      BASE_IMAGE=$(tools/docker/build-standin-base.sh)
      echo "deploy: $default_base cannot be pulled here; building on the stand-in $BASE_IMAGE (docs/DEPLOYMENT.md)"
      export BASE_IMAGE
    fi
  fi
  RELEASE_TAG=$(tools/docker/release-tag.sh)
  export RELEASE_TAG
  npx nx run-many --targets=docker-build --projects="$(IFS=,; echo "${apps[*]}")"
  export IMAGE_TAG=$RELEASE_TAG
  echo "deploy: release $IMAGE_TAG"
fi

docker stack deploy --with-registry-auth "${files[@]/#/--compose-file=}" "$stack"
