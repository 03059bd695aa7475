#!/bin/bash
# The main window with a followed show and two feeds from the test server (tests/fake-server),
# as data/screenshots holds it. Run under a display and a session bus, from the source tree
# after build-aux/build.sh:
#   xvfb-run -a -s "-screen 0 1200x760x24" dbus-run-session -- build-aux/take-screenshot.sh OUT.png
# SCHEME=prefer-light for the light style (default: dark). SCENE=casting for casting news
# instead: the feed tests/fixtures/feeds/casting.xml, its first article open with the drama
# it names offered above it. Port 8765 must be free.
set -u
out=$(realpath -m "${1:-screenshot.png}")
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp"/{data,config,cache}
export XDG_DATA_HOME=$tmp/data XDG_CONFIG_HOME=$tmp/config XDG_CACHE_HOME=$tmp/cache
export GSETTINGS_SCHEMA_DIR=$PWD/_build/data GSETTINGS_BACKEND=memory
export DRAMALIST_TVMAZE_URL=http://127.0.0.1:8765 DRAMALIST_SKIP_DEFAULT_FEEDS=1
export ADW_DEBUG_COLOR_SCHEME=${SCHEME:-prefer-dark} NO_AT_BRIDGE=1 LC_ALL=C.UTF-8
_build/tests/fake-server 8765 > "$tmp/server.log" 2>&1 &
SERVER=$!
sleep 1
_build/src/ui/dramalist > "$tmp/app1.log" 2>&1 &
APP=$!
sleep 6
kill $APP; wait $APP 2>/dev/null
# The feeds, and no note of a refresh, so that the start fetches them.
if [ "${SCENE:-show}" = casting ]; then
  feeds="('http://127.0.0.1:8765/feeds/casting.xml', 'K-Screen Daily')"
else
  feeds="('http://127.0.0.1:8765/feeds/news.xml', 'Drama News'), ('http://127.0.0.1:8765/feeds/atom.xml', 'K-Drama Weekly')"
fi
sqlite3 "$tmp/data/dramalist/library.db" "INSERT INTO feeds (url, title) VALUES $feeds; DELETE FROM meta WHERE key = 'feeds_refreshed_at';"
_build/src/ui/dramalist > "$tmp/app2.log" 2>&1 &
APP=$!
sleep 8
WID=$(xdotool search --name "Dramalist" | head -1)
xdotool windowsize $WID 1200 760; xdotool windowfocus $WID; sleep 1
xdotool key ctrl+n; sleep 1; xdotool type --delay 80 "angel"; sleep 3
xdotool key Down; sleep 0.5; xdotool key Return; sleep 6
xdotool key Escape; sleep 2   # the search popover closed
if [ "${SCENE:-show}" = casting ]; then
  # The first article (the casting news, newest), once the show's cast has linked it.
  xdotool mousemove 878 140 click 1; sleep 5
fi
import -window root "$out"
kill $APP $SERVER
