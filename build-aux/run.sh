#!/usr/bin/env bash
# Builds Dramalist and starts it from the build tree; arguments go to the app.
# `meson devenv` puts the built binary first on PATH and sets GSETTINGS_SCHEMA_DIR to
# the schema compiled in <build>/data, so nothing needs installing.
# BUILD_DIR=dir picks another build directory (default _build).
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD_DIR:-_build}

"$top/build-aux/build.sh" "$build"
cd "$top"
exec meson devenv -C "$build" dramalist "$@"
