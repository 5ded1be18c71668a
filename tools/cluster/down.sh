#!/usr/bin/env bash
# Tears down what up.sh built, and anything a crashed run left: the nodes' engines and every
# process in their namespaces, the namespaces and their veths, the bridge, the iptables rule,
# the registry, the CA in /etc/docker/certs.d and every data directory. Safe to run again, and
# when nothing is up.   tools/cluster/down.sh   (npm run cluster:down)
set -uo pipefail
cd "$(dirname "$0")/../.."
source tools/cluster/cluster-env.sh
[[ $(id -u) -eq 0 ]] || { echo "cluster down: needs root" >&2; exit 1; }

namespaces=$(ip netns list 2>/dev/null | awk '$1 ~ /^lscl-n[0-9]+$/ {print $1}')
for n in $(existing_nodes); do stop_engine "$n"; done
for name in $namespaces; do
  # containerd, its shims and the tasks' processes, should the engine have left any
  for pid in $(ip netns pids "$name" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null; done
done
for name in $namespaces; do
  for _ in $(seq 50); do
    [[ -z $(ip netns pids "$name" 2>/dev/null) ]] && break
    sleep 0.1
  done
  ip netns delete "$name" 2>/dev/null
done
# a veth whose namespace went away without it
ip -o link show 2>/dev/null | awk -F': ' '{print $2}' | cut -d@ -f1 | grep -E '^lscl-n[0-9]+$' |
  while read -r link; do ip link delete "$link" 2>/dev/null; done

stop_process "$(cat "$CLUSTER_ROOT/registry/registry.pid" 2>/dev/null)" 20

ip link delete "$CLUSTER_BRIDGE" 2>/dev/null
while iptables -D FORWARD -i "$CLUSTER_BRIDGE" -o "$CLUSTER_BRIDGE" \
  -m comment --comment "$CLUSTER_IPTABLES_COMMENT" -j ACCEPT 2>/dev/null; do :; done

# The engines mounted in their own mount namespaces, which ended with them; a mount that still
# shows here would keep the data directories busy.
awk -v root="$CLUSTER_ROOT" 'index($2, root) == 1 {print $2}' /proc/mounts | sort -r |
  while read -r mount; do umount -l "$mount" 2>/dev/null; done
rm -rf "$CLUSTER_ROOT" "$CLUSTER_CERTS_DIR"
echo "cluster down: nothing of the cluster is left"
