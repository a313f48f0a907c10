#!/usr/bin/env bash
# Set-up command 2: installs what is missing, builds, and runs the whole test suite: the unit tests,
# then the cluster tests on a real one-node Slurm (Scripts/cluster-test.sh; skipped with a message
# where slurm-wlm cannot be installed).
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/install-deps.sh
swift build --build-tests
swift test
Scripts/cluster-test.sh
