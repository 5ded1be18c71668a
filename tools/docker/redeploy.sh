#!/usr/bin/env bash
# The series' copyall.sh: build the apps, build their images, then create or update the stack.
#   npm run deploy                      # stack "landscape" with the default (VIP + ingress) set-up
#   STACK_NAME=demo ENDPOINT_MODE=dnsrr PUBLISH_MODE=host UPDATE_ORDER=stop-first npm run deploy
set -euo pipefail
stack=${STACK_NAME:-landscape}
services=(accountservice quotes-service visualizer)

# docker-api-proxy too, for deploy/docker-stack.socket-proxy.yml.
npx nx run-many --targets=docker-build --projects="$(IFS=,; echo "${services[*]}"),docker-api-proxy"

existing=()
for service in "${services[@]}"; do
  if docker service inspect "${stack}_$service" >/dev/null 2>&1; then existing+=("${stack}_$service"); fi
done

docker stack deploy --compose-file deploy/docker-stack.yml "$stack"

# A rebuilt image keeps its tag, and with no registry digest to compare Swarm sees no change:
# roll the services that already ran onto the new image.
for service in "${existing[@]}"; do
  docker service update --force --detach "$service" >/dev/null
  echo "rolling update started: $service"
done
