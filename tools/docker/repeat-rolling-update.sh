#!/usr/bin/env bash
# Proves a rolling update by repetition: deploys the stack, scales one service, then forces N
# rolling updates of it, each under a fixed-rate load on accountservice (the built load tool),
# and prints a row per update: its requests, the answers that were not 200, and those that
# carried the fallback quote. Exits 1 if any update had either. Needs the images of a release
# (`npm run deploy` or `npx nx run swarm-e2e:images`) and `npx nx run loadtest:build`.
#   tools/docker/repeat-rolling-update.sh 10
#   ENDPOINT_MODE=dnsrr PUBLISH_MODE=host UPDATE_ORDER=stop-first tools/docker/repeat-rolling-update.sh 10
#   PRODUCTION=1 SERVICE=accountservice tools/docker/repeat-rolling-update.sh 5
# Variables: SERVICE (quotes-service), REPLICAS (2), RATE (300 req/s), STACK_NAME (landscape-rolls),
# IMAGE_TAG (the release in dist/release-tag), ACCOUNTSERVICE_PORT (16767), BASE_URL (its URL),
# STACK_FILES (deploy/docker-stack.yml), and the stack file's own variables. PRODUCTION=1 deploys
# the production set-up instead (tools/docker/deploy-production.sh, its monitoring as
# STACK_NAME-mon, secrets of its own) and loads the edge: BASE_URL https://127.0.0.1:EDGE_HTTPS_PORT
# (18443), its CA trusted.
set -euo pipefail
cd "$(dirname "$0")/../.."
rolls=${1:-10}
service=${SERVICE:-quotes-service}
replicas=${REPLICAS:-2}
rate=${RATE:-300}
stack=${STACK_NAME:-landscape-rolls}
files=(${STACK_FILES:-deploy/docker-stack.yml})
export IMAGE_TAG=${IMAGE_TAG:-$(cat dist/release-tag)}
export ACCOUNTSERVICE_PORT=${ACCOUNTSERVICE_PORT:-16767}
export VISUALIZER_PORT=${VISUALIZER_PORT:-16969}
load_tool=dist/apps/loadtest/main.js
[[ -f $load_tool ]] || { echo "rolling updates: $load_tool is missing: npx nx run loadtest:build" >&2; exit 2; }
work=$(mktemp -d)
load_pid=
stacks=("$stack")
curl_args=()
if [[ -n ${PRODUCTION:-} ]]; then
  stacks+=("$stack-mon")
  export STACK_NAME=$stack MONITORING_STACK_NAME=$stack-mon EDGE_SECRETS_DIR=$work/edge
  export EDGE_CERTIFICATE_SECRET=${stack}_certificate EDGE_USERS_SECRET=${stack}_users
  export EDGE_HTTP_PORT=${EDGE_HTTP_PORT:-18080} EDGE_HTTPS_PORT=${EDGE_HTTPS_PORT:-18443}
  export PROMETHEUS_PORT=${PROMETHEUS_PORT:-19090} ALERTMANAGER_PORT=${ALERTMANAGER_PORT:-19093}
  export NODE_EXTRA_CA_CERTS=$EDGE_SECRETS_DIR/ca.pem
  curl_args=(--cacert "$NODE_EXTRA_CA_CERTS")
  base_url=${BASE_URL:-https://127.0.0.1:$EDGE_HTTPS_PORT}
else
  base_url=${BASE_URL:-http://127.0.0.1:$ACCOUNTSERVICE_PORT}
fi

stack_gone() {
  local label="label=com.docker.stack.namespace=$1"
  [[ -z $(docker service ls -q --filter "$label")$(docker ps -aq --filter "$label")$(docker network ls -q --filter "$label") ]]
}
remove_stack() {
  # `docker stack rm` can fail on a network a task still holds; asked again until all is gone.
  # The monitoring stack goes first: it is on the landscape's network.
  for name in $(printf '%s\n' "${stacks[@]}" | tac); do
    for _ in $(seq 60); do
      stack_gone "$name" && continue 2
      docker stack rm "$name" >/dev/null 2>&1 || true
      sleep 1
    done
    echo "rolling updates: stack $name not removed after 60 s" >&2
    return 1
  done
}
cleanup() {
  [[ -n $load_pid ]] && kill "$load_pid" 2>/dev/null
  remove_stack || true
  if [[ -n ${PRODUCTION:-} ]]; then
    docker secret rm "$EDGE_CERTIFICATE_SECRET" "$EDGE_USERS_SECRET" >/dev/null 2>&1 || true
    docker volume rm "$stack-mon_prometheus_data" "$stack-mon_alertmanager_data" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

wait_until() { # seconds, what, command...
  local seconds=$1 what=$2
  shift 2
  for _ in $(seq $((seconds * 2))); do
    "$@" && return 0
    sleep 0.5
  done
  echo "rolling updates: $what did not happen within $seconds s" >&2
  return 1
}
healthy_tasks() {
  docker ps -q --filter "label=com.docker.swarm.service.name=${stack}_$1" --filter health=healthy | wc -l
}
all_healthy() { [[ $(healthy_tasks "$service") -eq $replicas && $(healthy_tasks accountservice) -ge 1 ]]; }
real_quotes() {
  local body
  body=$(curl -fsS --max-time 2 "${curl_args[@]}" "$base_url/accounts/10000" 2>/dev/null) &&
    [[ $body == *'"ipAddress"'* && $body != *circuit-breaker* ]]
}
update_state() { docker service inspect --format '{{.UpdateStatus.State}}' "${stack}_$service"; }
update_over() { [[ $(update_state) =~ ^(completed|paused|rollback_completed|rollback_paused)$ ]]; }
field() { sed -n "s/^$1 *\([0-9,]*\).*/\1/p" "$2" | tr -d ,; }

remove_stack
if [[ -n ${PRODUCTION:-} ]]; then
  tools/docker/deploy-production.sh >/dev/null
else
  docker stack deploy "${files[@]/#/--compose-file=}" "$stack" >/dev/null
fi
docker service scale --detach "${stack}_$service=$replicas" >/dev/null
wait_until 180 "$replicas healthy tasks of $service" all_healthy
wait_until 60 "accountservice answering with real quotes" real_quotes

echo "rolling updates of $service ×$replicas ($IMAGE_TAG), each under $rate req/s to $base_url"
printf '%-4s %9s %9s %9s %9s\n' run seconds requests 'not 200' fallbacks
failed=0
for run in $(seq "$rolls"); do
  out="$work/load-$run.txt"
  node "$load_tool" --rate="$rate" --duration=900 --timeout=5000 --baseUrl="$base_url" \
    --count-field=quote.ipAddress --report="tmp/loadtest/rolling-update-$run.html" >"$out" 2>&1 &
  load_pid=$!
  sleep 3
  started=$SECONDS
  docker service update --detach --force "${stack}_$service" >/dev/null
  sleep 2
  wait_until 300 "update $run of $service to finish" update_over
  state=$(update_state)
  took=$((SECONDS - started))
  sleep 3
  kill -INT "$load_pid"
  wait "$load_pid" || true
  load_pid=
  requests=$(field requests "$out")
  errors=$(field errors "$out")
  fallbacks=$(grep -o 'circuit-breaker ×[0-9,]*' "$out" | tr -dc 0-9 || true)
  fallbacks=${fallbacks:-0}
  printf '%-4s %9s %9s %9s %9s%s\n' "$run" "$took" "$requests" "$errors" "$fallbacks" \
    "$([[ $state == completed ]] || echo "  update $state")"
  if [[ $state != completed || $errors -ne 0 || $fallbacks -ne 0 ]]; then failed=1; fi
done
exit $failed
