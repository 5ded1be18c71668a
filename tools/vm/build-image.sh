#!/usr/bin/env bash
# Builds the guest's disk, kernel and initrd: Debian (VM_SUITE) from its own packages with
# debootstrap, its stock kernel and docker.io, and the files under tools/vm/guest. Prints the
# directory that holds them. The build is cached under VM_CACHE by a key of everything that goes
# into it, so a second run builds nothing; an older build is removed. Needs root.
#   tools/vm/build-image.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
source tools/vm/vm-env.sh
[[ $(id -u) -eq 0 ]] || { echo "vm build-image: needs root (debootstrap, chroot)" >&2; exit 1; }

key=$({
  cat tools/vm/build-image.sh
  echo "$VM_SUITE $VM_PACKAGES $VM_REGISTRY_IN_GUEST"
  (cd tools/vm && find guest -type f | sort | xargs sha256sum)
} | sha256sum | cut -c1-16)
dir=$VM_CACHE/$key
if [[ -f $dir/complete ]]; then
  echo "$dir"
  exit 0
fi

tools/ensure-debian-tools.sh "the QEMU guest's image" debootstrap=debootstrap mkfs.ext4=e2fsprogs >&2
rm -rf "$VM_CACHE"
mkdir -p "$dir"
root=$(mktemp -d /var/tmp/landscape-vm-root.XXXXXX)
trap 'rm -rf "$root"' EXIT

echo "vm build-image: debootstrap $VM_SUITE with $VM_PACKAGES" >&2
debootstrap --variant=minbase --include="$VM_PACKAGES" "$VM_SUITE" "$root" "$VM_MIRROR" >"$dir/debootstrap.log" 2>&1 || {
  tail -20 "$dir/debootstrap.log" >&2
  exit 1
}
cp -r tools/vm/guest/. "$root/"
cat >"$root/etc/docker/daemon.json" <<JSON
{
  "insecure-registries": ["$VM_REGISTRY_IN_GUEST"]
}
JSON
chroot "$root" systemctl enable systemd-networkd >/dev/null 2>&1
# root logs in on the serial console without a password: the console is a file on the host.
chroot "$root" passwd -d root >/dev/null
chroot "$root" apt-get clean
cp "$root"/boot/vmlinuz-* "$dir/vmlinuz"
cp "$root"/boot/initrd.img-* "$dir/initrd.img"
mkfs.ext4 -q -L landscape-vm -d "$root" "$dir/root.img" 6G >&2
touch "$dir/complete"
echo "vm build-image: $(du -sh --apparent-size "$dir/root.img" | cut -f1) disk, kernel $(ls "$root/lib/modules")" >&2
echo "$dir"
