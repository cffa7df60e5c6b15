#!/usr/bin/env bash
# The browser tests drive Debian's Chromium. Install it when it is missing and we may (root).
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "installing Debian chromium for the browser tests..." >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
  exit 0
fi
echo "The browser tests need Chromium at $chromium: run 'sudo apt-get install chromium' (Debian) or set CHROMIUM_PATH." >&2
exit 1
