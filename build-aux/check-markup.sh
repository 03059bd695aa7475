#!/usr/bin/env bash
# Fails when a widget file makes a toast or a status page description without
# src/ui/common/drama-ui-text.c: libadwaita 1.2 reads both as Pango markup, so outside text
# ("Love & War", a feed titled "<a href=…>") must go through drama_toast_new () and
# drama_status_page_set_text (), which show it as written. A fixed description in a .ui
# file is fine; this looks at the C files only. (Suite 'data'.)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

found=$(grep -nE 'adw_toast_new[[:space:]]*\(|adw_toast_set_title[[:space:]]*\(|adw_status_page_set_description[[:space:]]*\(' \
          src/ui/*/*.c | grep -v '^src/ui/common/drama-ui-text\.c:' || true)
if [ -n "$found" ]; then
  echo "Use drama_toast_new () / drama_status_page_set_text () (src/ui/common/drama-ui-text.h):" >&2
  echo "$found" >&2
  exit 1
fi
