#!/usr/bin/env bash
# Deploys the stack into the QEMU guest (up.sh) with the stack's own defaults: virtual IPs, the
# routing mesh and start-first updates, none of the settings for kernels without IPVS. The host's
# engine builds this checkout's release (tools/docker/build-release.sh) and pushes it to the
# guest's registry; the guest pulls every image before the stack starts, so that no task waits
# on a pull; then the host's docker CLI runs `docker stack deploy` against the guest's engine.
#   npm run vm:deploy
#   IMAGE_TAG=0.1.0-83dc6e8a1b2c npm run vm:deploy   # push and deploy a release built before
# Under TCG the stack's timings are stretched (VM_TCG_STACK_ENV in vm-env.sh, printed below);
# a variable set in the environment wins.
set -euo pipefail
cd "$(dirname "$0")/../.."
source tools/vm/vm-env.sh
unset DOCKER_HOST # build and push on the host's engine
[[ -f $VM_RUN/accel ]] || { echo "vm deploy: no guest is up (tools/vm/up.sh)" >&2; exit 1; }

tag=${IMAGE_TAG:-$(tools/docker/build-release.sh)}
apps=$(tools/docker/image-apps.sh)
for app in $apps; do
  docker tag "someprefix/$app:$tag" "$VM_REGISTRY/landscape/$app:$tag"
  docker push --quiet "$VM_REGISTRY/landscape/$app:$tag" >/dev/null
done
echo "vm deploy: pushed $tag to $VM_REGISTRY"
# the registry is one, its name two: the host's loopback, and 10.0.2.2 in the guest
prefix=$VM_REGISTRY_IN_GUEST/landscape
pulls=()
for app in $apps; do
  vm_docker pull --quiet "$prefix/$app:$tag" >/dev/null &
  pulls+=($!)
done
for pull in "${pulls[@]}"; do wait "$pull"; done # set -e: a failed pull ends the deploy
echo "vm deploy: the guest pulled $(echo $apps)"

if [[ $(cat "$VM_RUN/accel") == tcg ]]; then
  stretched=()
  for setting in $VM_TCG_STACK_ENV; do
    name=${setting%%=*}
    [[ -n ${!name:-} ]] || stretched+=("$setting")
  done
  [[ ${#stretched[@]} -eq 0 ]] || export "${stretched[@]}"
  echo "vm deploy: TCG timings: ${stretched[*]}"
fi
export DOCKER_HOST=tcp://127.0.0.1:$VM_DOCKER_PORT IMAGE_PREFIX=$prefix IMAGE_TAG=$tag
tools/docker/redeploy.sh
echo "vm deploy: $tag; DOCKER_HOST=$DOCKER_HOST docker stack ps ${STACK_NAME:-landscape}"
