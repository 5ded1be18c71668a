#!/usr/bin/env bash
# Brings up a multi-node Docker Swarm on this one machine, with a registry the nodes pull from:
#   tools/cluster/up.sh [--nodes 3] [--managers 1]      (npm run cluster:up -- --nodes 3)
# Each node is a Docker engine of its own (own data root, exec root and socket) in its own
# network, mount and UTS namespace, with its own address on the bridge lscl0 (10.213.0.11, .12,
# ...). Node 1 initialises the swarm; nodes 2..managers join as managers, the rest as workers.
# The registry is Debian's docker-registry (Distribution 2.8) on 10.213.0.1:5000, with TLS from a
# CA made here and trusted by every engine on the machine through /etc/docker/certs.d.
# Safe to run again: a cluster that is up as asked is left as it is; anything else, a half-built
# or crashed one included, is torn down (down.sh) and built anew. Needs root.
set -euo pipefail
cd "$(dirname "$0")/../.."
source tools/cluster/cluster-env.sh

nodes=3
managers=1
while [[ $# -gt 0 ]]; do
  case $1 in
    --nodes) nodes=$2; shift 2 ;;
    --managers) managers=$2; shift 2 ;;
    *) echo "cluster up: unknown option $1 (--nodes N, --managers M)" >&2; exit 2 ;;
  esac
done
if ! [[ $nodes =~ ^[1-9]$ && $managers =~ ^[1-9]$ && $managers -le $nodes ]]; then
  echo "cluster up: --nodes is 1 to 9 and --managers 1 to --nodes" >&2
  exit 2
fi
[[ $(id -u) -eq 0 ]] || { echo "cluster up: needs root (namespaces, a bridge, engines)" >&2; exit 1; }

# Every node Ready, with the managers asked for.
all_ready() {
  [[ $(node_docker 1 node ls --format '{{.Status}} {{.ManagerStatus}}' 2>/dev/null | awk '
    $1 == "Ready" { ready += 1; if ($2 != "") managers += 1 }
    END { print ready + 0, managers + 0 }') == "$nodes $managers" ]]
}
registry_answers() {
  curl -sf --cacert "$CLUSTER_CERTS_DIR/ca.crt" "https://$CLUSTER_REGISTRY/v2/" >/dev/null
}
if [[ $(existing_nodes | wc -l) -eq $nodes ]] && all_ready && registry_answers; then
  echo "cluster up: $nodes nodes ($managers managers) are up, registry $CLUSTER_REGISTRY"
  exit 0
fi
tools/cluster/down.sh

tools/ensure-debian-tools.sh "the multi-node swarm" ip=iproute2 iptables=iptables \
  docker-registry=docker-registry openssl=openssl nsenter=util-linux
tools/docker/install-engine.sh
mkdir -p "$CLUSTER_ROOT"

echo "cluster up: bridge $CLUSTER_BRIDGE, $CLUSTER_GATEWAY/24"
ip link add "$CLUSTER_BRIDGE" type bridge
ip addr add "$CLUSTER_GATEWAY/24" dev "$CLUSTER_BRIDGE"
ip link set "$CLUSTER_BRIDGE" up
# The host's dockerd loads br_netfilter and sets FORWARD's policy to DROP, which would drop the
# bridged traffic between the nodes (gossip, VXLAN, host-mode ports).
iptables -I FORWARD -i "$CLUSTER_BRIDGE" -o "$CLUSTER_BRIDGE" \
  -m comment --comment "$CLUSTER_IPTABLES_COMMENT" -j ACCEPT

echo "cluster up: registry https://$CLUSTER_REGISTRY"
registry_dir=$CLUSTER_ROOT/registry
mkdir -p "$registry_dir/data" "$registry_dir/certs" "$CLUSTER_CERTS_DIR"
(
  cd "$registry_dir/certs"
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=landscape-cluster CA" \
    -keyout ca.key -out ca.crt 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=$CLUSTER_GATEWAY" \
    -keyout registry.key -out registry.csr 2>/dev/null
  printf 'subjectAltName=IP:%s\nextendedKeyUsage=serverAuth\n' "$CLUSTER_GATEWAY" >registry.ext
  openssl x509 -req -in registry.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 30 \
    -extfile registry.ext -out registry.crt 2>/dev/null
)
cp "$registry_dir/certs/ca.crt" "$CLUSTER_CERTS_DIR/ca.crt"
cat >"$registry_dir/config.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $registry_dir/data
http:
  addr: $CLUSTER_REGISTRY
  tls:
    certificate: $registry_dir/certs/registry.crt
    key: $registry_dir/certs/registry.key
YAML
setsid docker-registry serve "$registry_dir/config.yml" >"$registry_dir/registry.log" 2>&1 </dev/null &
echo $! >"$registry_dir/registry.pid"

echo '{}' >"$CLUSTER_ROOT/daemon.json" # not the host engine's /etc/docker/daemon.json
for n in $(seq "$nodes"); do
  name=$(node_name "$n")
  address=$(node_address "$n")
  dir=$(node_dir "$n")
  echo "cluster up: node $name at $address"
  mkdir -p "$dir/data"
  ip netns add "$name"
  ip link add "$name" type veth peer name eth0 netns "$name"
  ip link set "$name" master "$CLUSTER_BRIDGE" up
  ip -n "$name" link set lo up
  ip -n "$name" addr add "$address/24" dev eth0
  ip -n "$name" link set eth0 up
  ip -n "$name" route add default via "$CLUSTER_GATEWAY"
  start_engine "$n"
done

for n in $(seq "$nodes"); do wait_for_engine "$n"; done

node_docker 1 swarm init --advertise-addr "$(node_address 1)" --listen-addr "$(node_address 1):2377" \
  --default-addr-pool "$CLUSTER_OVERLAY_POOL" >/dev/null
manager_token=$(node_docker 1 swarm join-token -q manager)
worker_token=$(node_docker 1 swarm join-token -q worker)
for n in $(seq 2 "$nodes"); do
  token=$worker_token
  [[ $n -le $managers ]] && token=$manager_token
  node_docker "$n" swarm join --token "$token" --advertise-addr "$(node_address "$n")" \
    --listen-addr "$(node_address "$n"):2377" "$(node_address 1):2377" >/dev/null
done
for _ in $(seq 60); do
  all_ready && break
  sleep 1
done
all_ready || {
  echo "cluster up: not every node is Ready after 60 s:" >&2
  node_docker 1 node ls >&2
  exit 1
}
for _ in $(seq 30); do
  registry_answers && break
  sleep 0.5
done
node_docker 1 node ls
echo "cluster up: $nodes nodes ($managers managers), registry $CLUSTER_REGISTRY"
echo "  DOCKER_HOST=$(node_socket 1) docker node ls"
