#!/usr/bin/env bash
# build-aux/build.sh BUILD_DIR [MESON_SETUP_ARGS...]
# Shared by run.sh and test.sh: installs missing packages, configures BUILD_DIR (or
# reconfigures it, so new test files and options are picked up) and compiles.
# JOBS=N limits the number of parallel compile jobs.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:?usage: build-aux/build.sh BUILD_DIR [MESON_SETUP_ARGS...]}
shift

"$top/build-aux/install-deps.sh"

cd "$top"
if [ -f "$build/build.ninja" ]; then
  meson setup --reconfigure "$build" "$@"
else
  meson setup "$build" "$@"
fi
meson compile -C "$build" ${JOBS:+-j "$JOBS"}
