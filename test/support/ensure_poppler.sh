#!/usr/bin/env bash
# The PDF test reads page counts and page images with Debian's poppler-utils (pdfinfo, pdftoppm). Install it
# when it is missing and we may (root).
set -euo pipefail
if command -v pdftoppm >/dev/null && command -v pdfinfo >/dev/null; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "installing Debian poppler-utils for the PDF test..." >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >&2
  exit 0
fi
echo "The PDF test needs pdftoppm and pdfinfo: run 'sudo apt-get install poppler-utils' (Debian)." >&2
exit 1
