#!/usr/bin/env bash
# Runs a command with jemalloc as the process's malloc when Debian's libjemalloc2 is installed.
#
# DuckDB's own Linux builds link jemalloc; the Node.js package the pipeline loads does not, and under
# glibc's malloc the string-heavy steps spend more time allocating. Preloading jemalloc makes the
# 100k and 1m runs about 6-7% faster (docs/synthetic-data.md, "Speed and memory") and changes no output
# byte (test/platform/with_jemalloc_test.ts).
# Without the library the command runs with the system malloc.
#
# LODESTAR_MALLOC=system skips the preload. The script sets LODESTAR_MALLOC to the malloc it chose
# (jemalloc or system), which `deno task pipeline … --report-memory` prints.
set -euo pipefail
if [ "${LODESTAR_MALLOC:-}" != "system" ]; then
  for lib in /usr/lib/*-linux-gnu/libjemalloc.so.2 /usr/lib64/libjemalloc.so.2; do
    if [ -f "$lib" ]; then
      export LD_PRELOAD="$lib${LD_PRELOAD:+:$LD_PRELOAD}" LODESTAR_MALLOC=jemalloc
      exec "$@"
    fi
  done
fi
export LODESTAR_MALLOC=system
exec "$@"
