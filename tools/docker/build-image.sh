#!/usr/bin/env bash
# Builds one app's image from its Nx build output (`nx run <app>:docker-build`), tagged
# $IMAGE_PREFIX/<app>:<workspace version> and :latest. BASE_IMAGE, when set, replaces the
# Dockerfile's default base image.
set -euo pipefail
app=$1
prefix=${IMAGE_PREFIX:-someprefix}
version=$(node -p "require('./package.json').version")
build_args=()
if [[ -n "${BASE_IMAGE:-}" ]]; then build_args+=(--build-arg "BASE_IMAGE=$BASE_IMAGE"); fi

docker build "${build_args[@]}" \
  --file "apps/$app/Dockerfile" \
  --tag "$prefix/$app:$version" \
  --tag "$prefix/$app:latest" \
  "dist/apps/$app"
