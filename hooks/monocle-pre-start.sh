#!/usr/bin/env bash
# Monocle pre-start hook: fills Monocle's accounts.csv from the pool, then lets Monocle start.
# Run it in your Monocle folder, right before Monocle, from your launch script:
#
#   ACCOUNTPOOL_COUNT=400 /opt/accountpool/hooks/monocle-pre-start.sh && python3 scan.py
#
# or put `export ACCOUNTPOOL_COUNT=400` (and any variable below) at the top of the launch script
# and write `hooks/monocle-pre-start.sh && python3 scan.py`. Monocle starts only when the
# accounts were written; when the pool is dry (exit code 3) the old accounts.csv is left as it
# was and Monocle does not start. Any flag is passed on and wins over the variables, e.g.
# `hooks/monocle-pre-start.sh --count 50 --instance monocle-test`.
#
# Variables (defaults for Monocle; see hooks/pre-start for the full list):
#   ACCOUNTPOOL_COUNT       accounts wanted: your worker count plus some spares. No default: it
#                           depends on your grid, and a guess would hand out too many or too few.
#   ACCOUNTPOOL_ACCOUNTCSV  default accounts.csv in the current folder (run the hook in your Monocle
#                           folder); header username,password,provider,model,iOS,id. An account
#                           keeps its device columns across allocations.
#   ACCOUNTPOOL_FORMAT      default monocle.
#   ACCOUNTPOOL_MIN_LEVEL   default 30: Monocle's encounters (IVs, moves) need level-30 accounts,
#                           and level 30 is what sellers sell; keep lower accounts for spawn-only
#                           scanners such as the RocketMap hook.
#   ACCOUNTPOOL_MAX_LEVEL   default 50 (no upper limit); lower it to keep high accounts elsewhere.
#   ACCOUNTPOOL_INSTANCE    default: the accounts file's absolute path, unique per installation.
#                           Set a name (monocle-east) to see it in `accountpool status`.
#   ACCOUNTPOOL_CHECKER     default: the pool config's `checker`.
#   ACCOUNTPOOL_DIR         default: the pool/ folder of the accountpool checkout (an installed
#                           accountpool has none: set it, or pass --pool).
set -euo pipefail

export ACCOUNTPOOL_FORMAT="${ACCOUNTPOOL_FORMAT:-monocle}"
export ACCOUNTPOOL_ACCOUNTCSV="${ACCOUNTPOOL_ACCOUNTCSV:-accounts.csv}"
export ACCOUNTPOOL_MIN_LEVEL="${ACCOUNTPOOL_MIN_LEVEL:-30}"
export ACCOUNTPOOL_MAX_LEVEL="${ACCOUNTPOOL_MAX_LEVEL:-50}"

exec "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/pre-start" "$@"
