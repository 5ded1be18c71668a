#!/usr/bin/env bash
# Builds one app's image from its Nx build output (`nx run <app>:docker-build`), tagged
# $IMAGE_PREFIX/<app>:<release tag> (tools/docker/release-tag.sh, or RELEASE_TAG when set) and
# :latest, with the OCI labels revision, version, source and created. A release tag is never
# overwritten: when the image exists, it is kept as it is. BASE_IMAGE, when set, replaces the
# Dockerfile's default base image.
set -euo pipefail
app=$1
prefix=${IMAGE_PREFIX:-someprefix}
tag=${RELEASE_TAG:-$(tools/docker/release-tag.sh)}
image="$prefix/$app:$tag"

if docker image inspect "$image" >/dev/null 2>&1; then
  echo "build-image: $image exists; a release tag is not rebuilt"
  docker tag "$image" "$prefix/$app:latest"
  exit 0
fi

version=$(node -p "require('./package.json').version")
revision=$(git rev-parse HEAD)
source=$(git remote get-url origin 2>/dev/null || echo "file://$PWD")
if [[ $tag == *-dirty.* ]]; then
  created=$(date -u +%Y-%m-%dT%H:%M:%SZ)
else
  created=$(git show -s --format=%cI HEAD)
fi
build_args=()
if [[ -n "${BASE_IMAGE:-}" ]]; then build_args+=(--build-arg "BASE_IMAGE=$BASE_IMAGE"); fi

docker build "${build_args[@]}" \
  --file "apps/$app/Dockerfile" \
  --label "org.opencontainers.image.title=$app" \
  --label "org.opencontainers.image.version=$tag" \
  --label "org.opencontainers.image.revision=$revision" \
  --label "org.opencontainers.image.source=$source" \
  --label "org.opencontainers.image.created=$created" \
  --tag "$image" \
  --tag "$prefix/$app:latest" \
  "dist/apps/$app"
