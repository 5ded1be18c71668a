#!/usr/bin/env bash
# The apps that ship as images, one per line: the projects with a docker-build target, as Nx
# lists them. The one list that the release build, the cluster's push and the Swarm tests read.
set -euo pipefail
cd "$(dirname "$0")/../.."
npx nx show projects --with-target docker-build | sort
