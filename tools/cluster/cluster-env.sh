# The names and addresses of the local multi-node swarm (sourced by up.sh, down.sh, deploy.sh).
# Every node is a Docker engine in its own network, mount and UTS namespace, on one bridge.
CLUSTER_ROOT=/var/lib/landscape-cluster
CLUSTER_BRIDGE=lscl0
CLUSTER_SUBNET_PREFIX=10.213.0
CLUSTER_GATEWAY=$CLUSTER_SUBNET_PREFIX.1
# The overlays' own address pool, apart from the bridge's subnet.
CLUSTER_OVERLAY_POOL=10.214.0.0/16
CLUSTER_REGISTRY=$CLUSTER_GATEWAY:5000
CLUSTER_CERTS_DIR=/etc/docker/certs.d/$CLUSTER_REGISTRY
CLUSTER_IPTABLES_COMMENT=landscape-cluster

node_name() { echo "lscl-n$1"; }
node_address() { echo "$CLUSTER_SUBNET_PREFIX.$((10 + $1))"; }
node_dir() { echo "$CLUSTER_ROOT/n$1"; }
# The host reaches each engine on this socket; inside its own mount namespace the engine also
# answers on /var/run/docker.sock, which is what the stack's bind mounts expect on a node.
node_socket() { echo "unix://$(node_dir "$1")/docker.sock"; }
node_docker() {
  local n=$1
  shift
  docker -H "$(node_socket "$n")" "$@"
}
# The nodes that exist now, by their data directories.
existing_nodes() {
  local dir
  for dir in "$CLUSTER_ROOT"/n*; do
    [[ -d $dir ]] && echo "${dir##*/n}"
  done | sort -n
}

# Starts node n's engine in the node's network namespace. `ip netns exec` remounts /sys and the
# engine then finds no devices cgroup, so nsenter enters the network namespace alone. The
# engine's own mount namespace and /run (a tmpfs) keep it off the host engine's containerd and
# sockets and give it a /var/run/docker.sock of its own, as on a node, for the stack's mounts.
start_engine() {
  local n=$1 dir
  dir=$(node_dir "$n")
  setsid nsenter --net="/run/netns/$(node_name "$n")" unshare --mount --uts --propagation private -- sh -c "
    hostname $(node_name "$n")
    mount -t tmpfs -o mode=755 tmpfs /run
    exec dockerd --config-file $CLUSTER_ROOT/daemon.json --data-root $dir/data \
      --exec-root /run/docker --pidfile /run/docker.pid \
      -H unix:///var/run/docker.sock -H $(node_socket "$n") \
      --bridge none --iptables=false" >>"$dir/dockerd.log" 2>&1 </dev/null &
  echo $! >"$dir/dockerd.pid"
}

wait_for_engine() {
  local n=$1
  for _ in $(seq 60); do
    node_docker "$n" info >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "cluster: node $n's engine did not answer in 60 s; its log: $(node_dir "$n")/dockerd.log" >&2
  tail -5 "$(node_dir "$n")/dockerd.log" >&2
  return 1
}

source tools/stop-process.sh

# Stops node n's engine as a lost machine would go: its tasks' containers go with it.
stop_engine() {
  stop_process "$(cat "$(node_dir "$1")/dockerd.pid" 2>/dev/null)" 30
}
