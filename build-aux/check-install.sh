#!/usr/bin/env bash
# Installs a build into a scratch DESTDIR and checks what lands there, as a distribution's
# package or Flatpak would have it: the desktop entry (D-Bus activatable), the AppStream
# metadata, the settings schema, the D-Bus service (pointing at the installed binary), the
# GNOME Shell search provider (on the app's bus name), the icons, the default feeds and the
# translations listed in po/LINGUAS; and that the installed binary answers --version.
# Usage: check-install.sh BUILD_DIR SOURCE_DIR
# Every exported file is named after the profile's app ID (io.github.dramalist.Dramalist, or
# io.github.dramalist.Dramalist.Devel with -Dprofile=development): Flatpak exports only files
# whose names start with the app's ID.
set -euo pipefail

build=$1
source=$2
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT

fail () {
  echo "check-install: $*" >&2
  exit 1
}

meson install -C "$build" --destdir "$dest" --no-rebuild --quiet >/dev/null
prefix=$(meson introspect "$build" --buildoptions |
         python3 -c 'import json, sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"] == "prefix"))')
version=$(meson introspect "$build" --projectinfo |
          python3 -c 'import json, sys; print(json.load(sys.stdin)["version"])')
profile=$(meson introspect "$build" --buildoptions |
          python3 -c 'import json, sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"] == "profile"))')
case $profile in
  default) app=io.github.dramalist.Dramalist ;;
  development) app=io.github.dramalist.Dramalist.Devel ;;
  *) fail "unknown profile $profile" ;;
esac
root=$dest$prefix

for f in bin/dramalist \
         share/applications/$app.desktop \
         share/metainfo/$app.metainfo.xml \
         share/glib-2.0/schemas/io.github.dramalist.Dramalist.gschema.xml \
         share/dbus-1/services/$app.service \
         share/gnome-shell/search-providers/$app.search-provider.ini \
         share/icons/hicolor/scalable/apps/$app.svg \
         share/icons/hicolor/symbolic/apps/$app-symbolic.svg \
         share/dramalist/default-feeds.opml; do
  [ -e "$root/$f" ] || fail "$f was not installed"
done

# Nothing exported under another ID (the released app's names in a development build).
for d in applications metainfo dbus-1/services icons/hicolor/scalable/apps icons/hicolor/symbolic/apps; do
  for f in "$root/share/$d"/*; do
    name=${f##*/}
    case $name in
      "$app."*|"$app-"*) ;;
      *) fail "share/$d/$name is not named after the app ID $app" ;;
    esac
  done
done

desktop-file-validate "$root/share/applications/$app.desktop"
grep -qx "Icon=$app" "$root/share/applications/$app.desktop" ||
  fail "the desktop entry does not name the icon $app"
grep -q "<id>$app</id>" "$root/share/metainfo/$app.metainfo.xml" ||
  fail "the metainfo's id is not $app"
grep -q "<launchable type=\"desktop-id\">$app.desktop</launchable>" "$root/share/metainfo/$app.metainfo.xml" ||
  fail "the metainfo does not launch $app.desktop"
grep -qx 'DBusActivatable=true' "$root/share/applications/$app.desktop" ||
  fail "the desktop entry is not D-Bus activatable"
appstreamcli validate --no-net "$root/share/metainfo/$app.metainfo.xml" >/dev/null ||
  fail "the installed metainfo does not validate"
glib-compile-schemas --strict --dry-run "$root/share/glib-2.0/schemas"
grep -qx "Name=$app" "$root/share/dbus-1/services/$app.service" ||
  fail "the D-Bus service has another name"
grep -qx "Exec=$prefix/bin/dramalist --gapplication-service" "$root/share/dbus-1/services/$app.service" ||
  fail "the D-Bus service does not start the installed binary"

provider=$root/share/gnome-shell/search-providers/$app.search-provider.ini
grep -qx "DesktopId=$app.desktop" "$provider" ||
  fail "the search provider names another desktop entry"
grep -qx "BusName=$app" "$provider" || fail "the search provider has another bus name"
grep -qx "ObjectPath=/${app//.//}/SearchProvider" "$provider" ||
  fail "the search provider has another object path"
grep -qx "Version=2" "$provider" || fail "the search provider is not SearchProvider2"

while read -r lang; do
  case $lang in ''|'#'*) continue ;; esac
  [ -e "$root/share/locale/$lang/LC_MESSAGES/dramalist.mo" ] || fail "translation $lang was not installed"
done < "$source/po/LINGUAS"

answer=$("$root/bin/dramalist" --version)
[ "$answer" = "Dramalist $version" ] || fail "--version said \"$answer\", not \"Dramalist $version\""
echo "check-install: $root holds a working install (Dramalist $version, $app)"
