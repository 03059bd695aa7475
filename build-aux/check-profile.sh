#!/usr/bin/env bash
# Builds the development profile (-Dprofile=development) in its own build directory and runs
# the tests that check its wiring: the installed files are named after
# io.github.dramalist.Dramalist.Devel (install), the window has the striped "devel" header
# bar, the Devel app ID, the dramalist-devel library and the web inspector (ui-window), and
# D-Bus activation starts it under the Devel name (dbus-activation); with the data checks
# of the files it installs. The default profile runs the same tests in build-aux/test.sh.
# BUILD_DIR=dir picks the build directory (default _build-devel); arguments go to meson test.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top"
build=${BUILD_DIR:-_build-devel}

"$top/build-aux/build.sh" "$build" -Dprofile=development -Dbuildtype=debug

exec xvfb-run -a -s "-screen 0 1280x1024x24" \
  dbus-run-session -- \
  meson test -C "$build" --print-errorlogs --no-rebuild \
    install desktop-file metainfo gschema data ui-window dbus-activation "$@" </dev/null
