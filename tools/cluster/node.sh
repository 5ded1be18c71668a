#!/usr/bin/env bash
# One node of the local cluster (up.sh), as a machine that is lost and comes back, or cut off:
#   tools/cluster/node.sh stop 3       # its engine stops, and its tasks' containers with it
#   tools/cluster/node.sh start 3      # it rejoins as the same node (same address and data root)
#   tools/cluster/node.sh partition 3  # its overlay traffic (VXLAN, udp 4789) is dropped both ways
#   tools/cluster/node.sh heal 3       # and flows again
set -euo pipefail
cd "$(dirname "$0")/../.."
source tools/cluster/cluster-env.sh
action=${1:-}
n=${2:-}
[[ $action =~ ^(stop|start|partition|heal)$ && -d $(node_dir "${n:-x}") ]] ||
  { echo "usage: tools/cluster/node.sh stop|start|partition|heal N (a node of the cluster)" >&2; exit 2; }
vxlan() {
  local op=$1 chain
  for chain in INPUT OUTPUT; do
    nsenter --net="/run/netns/$(node_name "$n")" iptables "$op" "$chain" -p udp --dport 4789 -j DROP
  done
}
case $action in
  stop) stop_engine "$n" ;;
  start) node_docker "$n" info >/dev/null 2>&1 || { start_engine "$n"; wait_for_engine "$n"; } ;;
  partition) vxlan -C 2>/dev/null || vxlan -A ;;
  heal) while vxlan -C 2>/dev/null; do vxlan -D; done ;;
esac
