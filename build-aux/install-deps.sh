#!/usr/bin/env bash
# Installs what Dramalist needs to build, run and test on Debian 12 (bookworm).
# Idempotent: packages already installed are left alone, and apt is only touched when
# something is missing. Runs as root, or through sudo otherwise.
set -euo pipefail

packages=(
  # build
  meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev
  libwebkitgtk-6.0-dev libxml2-dev libsqlite3-dev
  # data checks (tests/meson.build, suite 'data')
  desktop-file-utils appstream
  # tests: a headless X server for the GUI tests, a private session bus (dbus-run-session), python3 for .ci/run
  xvfb xauth dbus-daemon python3
  # tests: real key presses for the keyboard tests (test-ui-access)
  xdotool
  # run: a Korean font, so Hangul titles and names render on a fresh machine
  fonts-nanum
)

missing=()
for pkg in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  if [ "$status" != "installed" ]; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-deps: apt-get not found; install these by hand: ${missing[*]}" >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "install-deps: missing packages: ${missing[*]}" >&2
  echo "install-deps: run this script as root, or install sudo, to install them." >&2
  exit 1
fi

apt_env=(env DEBIAN_FRONTEND=noninteractive)
install_missing() {
  "${as_root[@]}" "${apt_env[@]}" apt-get install -y "${missing[@]}" </dev/null
}
update_lists() {
  "${as_root[@]}" "${apt_env[@]}" apt-get update </dev/null
}

echo "install-deps: installing ${missing[*]}" >&2
# A fresh machine has no package lists at all; otherwise try the lists we have first and
# refresh them only when they turn out to be stale.
if ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then
  update_lists
  install_missing
elif ! install_missing; then
  echo "install-deps: install failed; retrying after apt-get update" >&2
  update_lists
  install_missing
fi
