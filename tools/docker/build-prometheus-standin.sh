#!/usr/bin/env bash
# Builds a stand-in for prom/prometheus where no registry can be reached: Debian's prometheus
# binary and the libraries it links, laid out as the official image lays it out (/bin/prometheus
# as the entrypoint, /etc/prometheus, /prometheus for the data, user nobody), imported with
# `docker import`. Installs Debian's prometheus package first when needed (as root). Prints
# nothing but the image name on stdout.
set -euo pipefail
cd "$(dirname "$0")/../.."
tools/ensure-debian-tools.sh "the Prometheus stand-in" prometheus=prometheus >&2
binary=$(readlink -f "$(command -v prometheus)")
version=$("$binary" --version 2>&1 | awk 'NR==1 {print $3}')
image=${1:-landscape/prometheus:standin-${version%%+*}}
if docker image inspect "$image" >/dev/null 2>&1; then
  echo "$image"
  exit 0
fi

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/bin" "$root/etc/prometheus" "$root/prometheus" "$root/tmp"
tools/docker/copy-with-libraries.sh "$binary" "$root" /bin/prometheus
printf 'global:\n  scrape_interval: 15s\n' >"$root/etc/prometheus/prometheus.yml"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n' >"$root/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
chown 65534:65534 "$root/prometheus"
chmod 1777 "$root/tmp"

tar -C "$root" -c . | docker import \
  --change 'ENTRYPOINT ["/bin/prometheus"]' \
  --change 'CMD ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"]' \
  --change 'USER 65534:65534' \
  --change 'WORKDIR /prometheus' \
  --change 'EXPOSE 9090' \
  - "$image" >/dev/null
echo "$image"
