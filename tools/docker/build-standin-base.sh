#!/usr/bin/env bash
# Builds a stand-in for the Dockerfiles' default base image (gcr.io/distroless/nodejs*-debian12)
# where no registry can be reached: this machine's own node binary and the libraries it links,
# laid out as distroless lays them out (/nodejs/bin/node, user nonroot 65532, /tmp), imported
# with `docker import`. Prints nothing but the image name on stdout.
set -euo pipefail
image=${1:-landscape/node-base:standin}
node_bin=$(readlink -f "$(command -v node)")

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/nodejs/bin" "$root/etc" "$root/tmp" "$root/home/nonroot"
cp "$node_bin" "$root/nodejs/bin/node"
for lib in $(ldd "$node_bin" | grep -o '/[^ ]*\.so[^ ]*'); do
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done
chmod 1777 "$root/tmp"
chown 65532:65532 "$root/home/nonroot"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' >"$root/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' >"$root/etc/group"

tar -C "$root" -c . | docker import \
  --change 'ENTRYPOINT ["/nodejs/bin/node"]' \
  --change 'USER 65532:65532' \
  --change 'WORKDIR /home/nonroot' \
  - "$image" >/dev/null
echo "$image"
