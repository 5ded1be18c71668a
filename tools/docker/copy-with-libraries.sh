#!/usr/bin/env bash
# Copies a binary into an image root at the given path, with the shared libraries it links
# (as ldd lists them) at their own paths, for the stand-in images built with `docker import`:
#   tools/docker/copy-with-libraries.sh /usr/bin/prometheus "$root" /bin/prometheus
set -euo pipefail
binary=$1
root=$2
target=$3
mkdir -p "$root$(dirname "$target")"
cp "$binary" "$root$target"
for lib in $(ldd "$binary" | grep -o '/[^ ]*\.so[^ ]*'); do
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done
