#!/usr/bin/env bash
# Builds Dramalist and runs every test suite under a private X server and session bus.
# Arguments go to `meson test` (e.g. `build-aux/test.sh --suite core`, `... store -v`).
# SANITIZE=1 builds and tests in _build-asan with AddressSanitizer and UBSan.
# Exits non-zero when the build or any test fails.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top"

setup_args=()
# build.sh has just compiled everything, so meson test need not check the build again.
test_args=(--print-errorlogs --no-rebuild)
if [ "${SANITIZE:-0}" = 1 ]; then
  build=${BUILD_DIR:-_build-asan}
  setup_args+=('-Db_sanitize=address,undefined')
  test_args+=(--timeout-multiplier 3)
  # GLib 2.74 still has its own slice allocator, which hides heap errors from ASan.
  export G_SLICE=always-malloc G_DEBUG=gc-friendly
  # tests/meson.build turns leak checking on for the core and data tests (with these
  # suppressions for libraries we do not own) and off for the GUI tests, where GTK and
  # WebKit leak at exit by design.
  export LSAN_OPTIONS="suppressions=$top/build-aux/lsan.supp:print_suppressions=0"
else
  build=${BUILD_DIR:-_build}
fi

# A log from an earlier run must never pass for this run's result (.ci/run reads it),
# not even when the build below fails.
rm -f "$build/meson-logs/testlog.json"

"$top/build-aux/build.sh" "$build" "${setup_args[@]}"

# xvfb-run: the GUI tests need a display, and GTK 4.8 has no headless backend.
# dbus-run-session: GApplication gets a session bus of its own, never the desktop's.
exec xvfb-run -a -s "-screen 0 1280x1024x24" \
  dbus-run-session -- \
  meson test -C "$build" "${test_args[@]}" "$@" </dev/null
