# The QEMU guest that runs the stack on a stock kernel and a current engine (sourced by
# build-image.sh, up.sh, deploy.sh and down.sh): Debian's own kernel and docker.io, with IPVS, so
# the stack's defaults (virtual IPs, the routing mesh, start-first updates) run as on a real node.
VM_SUITE=trixie
VM_MIRROR=${VM_MIRROR:-http://deb.debian.org/debian}
VM_PACKAGES=linux-image-amd64,docker.io,docker-cli,systemd-sysv,udev,kmod,iproute2
# Built images, one directory per content key (build-image.sh); only the current one is kept.
VM_CACHE=/var/cache/landscape-vm
# What one running guest owns: its disk overlay, the registry's data, pids, the console log.
VM_RUN=/var/lib/landscape-vm
VM_MEMORY_MB=${VM_MEMORY_MB:-4096}
VM_CPUS=${VM_CPUS:-2}
# The guest's scheduling priority on the host. QEMU daemonizes into a session of its own, and
# with the kernel's autogroups every session gets an equal share of the CPUs: one busy session
# beside it would halve the guest, and its tasks would start past their health checks' window.
# Set on QEMU's session (its autogroup) and on QEMU itself; 0 leaves both as they are.
VM_NICE=${VM_NICE:--10}
# Every forwarded port is bound to the host's loopback only.
VM_DOCKER_PORT=23750 # the guest engine's API, unauthenticated: never beyond 127.0.0.1
VM_ACCOUNTS_PORT=26767
VM_VISUALIZER_PORT=26969
# Debian's docker-registry on the host; QEMU's user network shows the host's loopback to the
# guest as 10.0.2.2.
VM_REGISTRY=127.0.0.1:5055
VM_REGISTRY_IN_GUEST=10.0.2.2:5055
VM_GUEST_ADDRESS=10.0.2.15
# The overlays' own address pool: Docker's default (10.0.0.0/8) would hand out 10.0.2.0/24,
# the user network's, and the guest would lose its route to the registry.
VM_OVERLAY_POOL=10.214.0.0/16
# Emulated CPUs (TCG) run the guest 20 to 50 times slower than the host, for deploy.sh to set
# when there is no KVM: the quote timings are the defaults times 20, a cold task's first calls
# fit in them. A health check starts a node process, the largest share of an idle guest's CPU:
# one every 30 s per task; after 15 s of grace, 3 failed checks still give a slow start 90 s.
VM_TCG_STACK_ENV="HEALTHCHECK_INTERVAL=30s HEALTHCHECK_TIMEOUT=10s HEALTHCHECK_START_PERIOD=15s QUOTES_TIMEOUT_MS=6000 QUOTES_HEDGE_AFTER_MS=2000 VISUALIZER_POLL_INTERVAL_MS=10000"

vm_docker() { docker -H "tcp://127.0.0.1:$VM_DOCKER_PORT" "$@"; }

source tools/stop-process.sh
