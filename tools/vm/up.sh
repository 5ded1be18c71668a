#!/usr/bin/env bash
# Boots the QEMU guest (build-image.sh) and makes it a one-node swarm, with a registry it pulls
# from: Debian's stock kernel and docker.io, where IPVS, virtual IPs and the routing mesh work.
#   tools/vm/up.sh          (npm run vm:up)
# KVM when /dev/kvm can boot a stock kernel, QEMU's TCG otherwise; one line says which, and
# VM_ACCEL=kvm or tcg chooses. The guest's engine answers on 127.0.0.1:VM_DOCKER_PORT (`source
# tools/vm/vm-env.sh; vm_docker info`), the stack's published ports on 127.0.0.1:VM_ACCOUNTS_PORT
# and :VM_VISUALIZER_PORT.
# Every run boots a fresh copy-on-write overlay of the built disk. Safe to run again: a guest
# that is up is left as it is; anything else is torn down (down.sh) and booted anew. Needs root.
set -euo pipefail
cd "$(dirname "$0")/../.."
source tools/vm/vm-env.sh
[[ $(id -u) -eq 0 ]] || { echo "vm up: needs root (the image build, the registry)" >&2; exit 1; }

engine_answers() { vm_docker info --format '{{.Swarm.LocalNodeState}}' 2>/dev/null; }
if [[ -f $VM_RUN/qemu.pid ]] && [[ $(engine_answers) == active ]]; then
  echo "vm up: the guest is up ($(cat "$VM_RUN/accel")), DOCKER_HOST=tcp://127.0.0.1:$VM_DOCKER_PORT"
  exit 0
fi
tools/vm/down.sh >/dev/null

tools/ensure-debian-tools.sh "the QEMU guest" qemu-system-x86_64=qemu-system-x86 \
  qemu-img=qemu-utils docker-registry=docker-registry
tools/docker/install-engine.sh # the host's docker CLI, and its engine to push from
image=$(tools/vm/build-image.sh)
mkdir -p "$VM_RUN/registry"

# The host's /dev/kvm may be a PVM host, which boots only a PVM guest kernel.
accel=${VM_ACCEL:-}
if [[ -z $accel ]]; then
  accel=tcg
  [[ -w /dev/kvm && ! -d /sys/module/kvm_pvm ]] && accel=kvm
fi
case $accel in
  kvm) accel_options=(-accel kvm -cpu host) ;;
  # One host thread per vCPU. mitigations=off: page-table isolation would flush TCG's software
  # TLB on every system call, and this guest runs nothing untrusted.
  tcg) accel_options=(-accel tcg,thread=multi -cpu max) ;;
  *) echo "vm up: VM_ACCEL is kvm or tcg, not $accel" >&2; exit 2 ;;
esac
echo "$accel" >"$VM_RUN/accel"

cat >"$VM_RUN/registry/config.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $VM_RUN/registry/data
http:
  addr: $VM_REGISTRY
YAML
setsid docker-registry serve "$VM_RUN/registry/config.yml" >"$VM_RUN/registry/registry.log" 2>&1 </dev/null &
echo $! >"$VM_RUN/registry.pid"

qemu-img create -q -f qcow2 -F raw -b "$image/root.img" "$VM_RUN/disk.qcow2"
forward="hostfwd=tcp:127.0.0.1:$VM_DOCKER_PORT-:2375"
forward+=",hostfwd=tcp:127.0.0.1:$VM_ACCOUNTS_PORT-:6767"
forward+=",hostfwd=tcp:127.0.0.1:$VM_VISUALIZER_PORT-:6969"
echo "vm up: booting $(basename "$image") on $accel, $VM_CPUS vCPUs, $VM_MEMORY_MB MiB, nice $VM_NICE"
started=$SECONDS
nice -n "$VM_NICE" qemu-system-x86_64 "${accel_options[@]}" -smp "$VM_CPUS" -m "$VM_MEMORY_MB" \
  -name landscape-vm -display none -daemonize -pidfile "$VM_RUN/qemu.pid" \
  -serial "file:$VM_RUN/console.log" -no-reboot \
  -kernel "$image/vmlinuz" -initrd "$image/initrd.img" \
  -append "root=/dev/vda rw console=ttyS0 mitigations=off panic=-1" \
  -drive "file=$VM_RUN/disk.qcow2,if=virtio,format=qcow2,cache=unsafe" \
  -nic "user,model=virtio-net-pci,$forward"
autogroup=/proc/$(cat "$VM_RUN/qemu.pid")/autogroup
if [[ -e $autogroup ]] && ! { echo "$VM_NICE" >"$autogroup"; } 2>/dev/null; then
  echo "vm up: QEMU's session keeps its share of the CPUs: its autogroup's nice cannot be set" >&2
fi

for _ in $(seq 300); do
  [[ -n $(engine_answers) ]] && break
  kill -0 "$(cat "$VM_RUN/qemu.pid")" 2>/dev/null || break
  sleep 1
done
[[ -n $(engine_answers) ]] || {
  echo "vm up: the guest's engine did not answer in 300 s; the console's end ($VM_RUN/console.log):" >&2
  tail -20 "$VM_RUN/console.log" >&2
  exit 1
}
echo "vm up: the guest's engine answered after $((SECONDS - started)) s"
[[ $(engine_answers) == active ]] ||
  vm_docker swarm init --advertise-addr "$VM_GUEST_ADDRESS" \
    --default-addr-pool "$VM_OVERLAY_POOL" >/dev/null
vm_docker version --format 'vm up: Docker {{.Server.Version}} on {{.Server.KernelVersion}}'" ($accel), swarm $(engine_answers)"
echo "  DOCKER_HOST=tcp://127.0.0.1:$VM_DOCKER_PORT docker node ls"
