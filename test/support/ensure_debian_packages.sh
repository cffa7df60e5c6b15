#!/usr/bin/env bash
# The test suite needs three Debian packages: Chromium (the browser tests), poppler-utils (pdfinfo and
# pdftoppm, the PDF test) and libjemalloc2 (the allocator test, platform/with_jemalloc.sh). Installs the
# missing ones when we may (root with apt-get); otherwise says what to install.
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
[ -x "$chromium" ] || missing+=(chromium)
{ command -v pdftoppm >/dev/null && command -v pdfinfo >/dev/null; } || missing+=(poppler-utils)
# the wrapper is where jemalloc is looked for: ask it whether it finds the library
wrapper="$(dirname "$0")/../../platform/with_jemalloc.sh"
[ "$(LODESTAR_MALLOC='' bash "$wrapper" printenv LODESTAR_MALLOC)" = jemalloc ] || missing+=(libjemalloc2)
[ "${#missing[@]}" -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "installing Debian ${missing[*]} for the tests..." >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
  exit 0
fi
echo "The tests need Debian ${missing[*]}: run 'sudo apt-get install ${missing[*]}'" \
  "(for Chromium elsewhere, set CHROMIUM_PATH)." >&2
exit 1
