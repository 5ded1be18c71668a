#!/usr/bin/env bash
# Tears down what up.sh started, and anything a crashed run left: QEMU, the registry, and the
# run directory with the guest's disk overlay and the registry's data. The built image
# (VM_CACHE) stays, for the next boot. Safe to run again, and when nothing is up.
#   tools/vm/down.sh        (npm run vm:down)
set -uo pipefail
cd "$(dirname "$0")/../.."
source tools/vm/vm-env.sh
[[ $(id -u) -eq 0 ]] || { echo "vm down: needs root" >&2; exit 1; }

stop_process "$(cat "$VM_RUN/qemu.pid" 2>/dev/null)" 10
stop_process "$(cat "$VM_RUN/registry.pid" 2>/dev/null)" 10
# a QEMU or registry whose pid file went away
pkill -KILL -f -- '-name landscape-vm ' 2>/dev/null
pkill -KILL -f -- "docker-registry serve $VM_RUN/" 2>/dev/null
rm -rf "$VM_RUN"

listening=$(ss -Hltn "( sport = :$VM_DOCKER_PORT or sport = :$VM_ACCOUNTS_PORT or sport = :$VM_VISUALIZER_PORT or sport = :${VM_REGISTRY##*:} )" 2>/dev/null)
if [[ -n $listening ]]; then
  echo "vm down: still listening after the teardown:" >&2
  echo "$listening" >&2
  exit 1
fi
echo "vm down: nothing of the guest is left"
