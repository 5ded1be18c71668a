#!/usr/bin/env bash
# Builds the apps and their images under this checkout's release tag (tools/docker/release-tag.sh),
# on the stand-in base when the Dockerfiles' default base cannot be pulled here (saying so in one
# line), and prints the tag on stdout; the rest goes to stderr. Used by `npm run deploy` and
# `npm run cluster:deploy`.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ -z "${BASE_IMAGE:-}" ]]; then
  default_base=$(sed -n 's/^ARG BASE_IMAGE=//p' apps/accountservice/Dockerfile)
  if ! docker image inspect "$default_base" >/dev/null 2>&1 && ! docker pull -q "$default_base" >/dev/null 2>&1; then
    BASE_IMAGE=$(tools/docker/build-standin-base.sh)
    echo "deploy: $default_base cannot be pulled here; building on the stand-in $BASE_IMAGE (docs/DEPLOYMENT.md)" >&2
    export BASE_IMAGE
  fi
fi
RELEASE_TAG=$(tools/docker/release-tag.sh)
export RELEASE_TAG
npx nx run-many --targets=docker-build >&2
echo "$RELEASE_TAG"
