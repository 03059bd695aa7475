#!/usr/bin/env bash
# Installs what Dramalist needs to build, run and test on Debian 12 (bookworm), and
# generates the locales the tests run the app in.
# Idempotent: packages and locales already there are left alone, and apt is only touched
# when a package is missing. Runs as root, or through sudo otherwise.
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
  # tests: the locale sources and localedef, for the locales below
  locales
)

# Locales the translation tests (test-ui-korean) run the window in; they skip where one is
# missing.
locales=(
  ko_KR.UTF-8
)

missing=()
for pkg in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  if [ "$status" != "installed" ]; then
    missing+=("$pkg")
  fi
done

# ko_KR.UTF-8 is listed by `locale -a` as ko_KR.utf8.
have_locale() {
  local want
  want=$(printf '%s' "$1" | tr '[:upper:]' '[:lower:]' | sed 's/utf-8$/utf8/')
  locale -a 2>/dev/null | tr '[:upper:]' '[:lower:]' | grep -qxF "$want"
}

missing_locales=()
for loc in "${locales[@]}"; do
  if ! have_locale "$loc"; then
    missing_locales+=("$loc")
  fi
done

if [ ${#missing[@]} -eq 0 ] && [ ${#missing_locales[@]} -eq 0 ]; then
  exit 0
fi

if [ ${#missing[@]} -gt 0 ] && ! command -v apt-get >/dev/null 2>&1; then
  echo "install-deps: apt-get not found; install these by hand: ${missing[*]}" >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "install-deps: missing packages: ${missing[*]:-none}; missing locales: ${missing_locales[*]:-none}" >&2
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

if [ ${#missing[@]} -gt 0 ]; then
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
fi

# Each locale is enabled in /etc/locale.gen, so that a later locale-gen (the locales
# package runs it on upgrades) keeps it, and compiled alone with localedef: locale-gen
# would rebuild every enabled locale.
for loc in "${missing_locales[@]}"; do
  name=${loc%%.*}
  charset=${loc#*.}
  echo "install-deps: generating the locale $loc" >&2
  if [ -f /etc/locale.gen ]; then
    "${as_root[@]}" sed -i "s/^# *\($name\.$charset $charset\)\$/\1/" /etc/locale.gen
  fi
  "${as_root[@]}" localedef -i "$name" -f "$charset" "$loc"
done
