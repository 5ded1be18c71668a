#!/usr/bin/env bash
# Prints the immutable tag for images built from this checkout, the same for every app:
#   <version>-<commit>                     a clean tree, e.g. 0.1.0-83dc6e8a1b2c
#   <version>-<commit>-dirty.<hash>        uncommitted changes: the hash of the diff against the
#                                          commit and of the untracked files, so that another
#                                          change gives another tag
set -euo pipefail
cd "$(dirname "$0")/../.."
version=$(node -p "require('./package.json').version")
commit=$(git rev-parse --short=12 HEAD)
changes=$( (git diff HEAD --binary; git ls-files --others --exclude-standard -z | xargs -0 -r sha256sum) | sha256sum | cut -c1-12)
if [[ -z $(git status --porcelain) ]]; then
  echo "$version-$commit"
else
  echo "$version-$commit-dirty.$changes"
fi
