#!/usr/bin/env bash
# Builds a stand-in for an official image where no registry can be reached: the binary from
# Debian's package and the libraries it links, laid out as the official image lays it out (the
# same entrypoint path, configuration directory, data directory and user), imported with
# `docker import`. Installs the Debian package first when needed (as root). Prints nothing but
# the image name on stdout.
#   tools/docker/build-standin.sh prometheus|alertmanager|node-exporter|haproxy [image]
set -euo pipefail
cd "$(dirname "$0")/../.."
name=$1

# command=package, the binary's path in the image, the directories it writes, its user.
case $name in
  prometheus)
    tool=prometheus=prometheus target=/bin/prometheus data=/prometheus user=65534:65534
    changes=('ENTRYPOINT ["/bin/prometheus"]'
      'CMD ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"]'
      'WORKDIR /prometheus' 'EXPOSE 9090')
    ;;
  alertmanager)
    tool=prometheus-alertmanager=prometheus-alertmanager target=/bin/alertmanager data=/alertmanager user=65534:65534
    changes=('ENTRYPOINT ["/bin/alertmanager"]'
      'CMD ["--config.file=/etc/alertmanager/alertmanager.yml", "--storage.path=/alertmanager"]'
      'WORKDIR /alertmanager' 'EXPOSE 9093')
    ;;
  node-exporter)
    tool=prometheus-node-exporter=prometheus-node-exporter target=/bin/node_exporter data=/tmp user=65534:65534
    changes=('ENTRYPOINT ["/bin/node_exporter"]' 'EXPOSE 9100')
    ;;
  haproxy)
    tool=haproxy=haproxy target=/usr/local/sbin/haproxy data=/var/lib/haproxy user=99:99
    changes=('ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
      'CMD ["haproxy", "-f", "/usr/local/etc/haproxy/haproxy.cfg"]'
      'WORKDIR /var/lib/haproxy')
    ;;
  *)
    echo "build-standin: no stand-in for $name" >&2
    exit 1
    ;;
esac

tools/ensure-debian-tools.sh "the $name stand-in" "$tool" >&2
binary=$(readlink -f "$(command -v "${tool%%=*}")")
# HAProxy has no --version: it prints its usage, with its version, and exits 1.
version=$({ "$binary" --version 2>&1 || true; } | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | sed -n 1p)
image=${2:-landscape/$name:standin-$version}
if docker image inspect "$image" >/dev/null 2>&1; then
  echo "$image"
  exit 0
fi

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/etc/prometheus" "$root/etc/alertmanager" "$root/usr/local/etc/haproxy" "$root$data" "$root/tmp"
tools/docker/copy-with-libraries.sh "$binary" "$root" "$target"
# Debian's Alertmanager reads its notification templates from the package's directory.
if [[ $name == alertmanager ]]; then
  mkdir -p "$root/usr/share/prometheus"
  cp -r /usr/share/prometheus/alertmanager "$root/usr/share/prometheus/"
fi
printf 'global:\n  scrape_interval: 15s\n' >"$root/etc/prometheus/prometheus.yml"
printf 'route:\n  receiver: none\nreceivers:\n  - name: none\n' >"$root/etc/alertmanager/alertmanager.yml"
printf 'root:x:0:0:root:/root:/sbin/nologin\nhaproxy:x:99:99:haproxy:/var/lib/haproxy:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n' >"$root/etc/passwd"
printf 'root:x:0:\nhaproxy:x:99:\nnogroup:x:65534:\n' >"$root/etc/group"
chown "$user" "$root$data"
chmod 1777 "$root/tmp"

args=()
for change in "${changes[@]}" "USER $user"; do args+=(--change "$change"); done
tar -C "$root" -c . | docker import "${args[@]}" - "$image" >/dev/null
echo "$image"
