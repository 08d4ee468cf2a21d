#!/usr/bin/env bash
# RocketMap pre-start hook: fills the file RocketMap's --accountcsv reads from the pool, then lets
# RocketMap start. Run it in your RocketMap folder, right before RocketMap, from your launch script:
#
#   ACCOUNTPOOL_COUNT=50 /opt/accountpool/hooks/rocketmap-pre-start.sh \
#     && python3 runserver.py --accountcsv accounts.csv -w 50 -l "Viridian City"
#
# or put `export ACCOUNTPOOL_COUNT=50` (and any variable below) at the top of the launch script
# and write `hooks/rocketmap-pre-start.sh && python3 runserver.py --accountcsv accounts.csv ...`.
# RocketMap starts only when the accounts were written; when the pool is dry (exit code 3) the old
# file is left as it was and RocketMap does not start. Any flag is passed on and wins over the
# variables, e.g. `hooks/rocketmap-pre-start.sh --count 10 --instance rm-test`.
#
# For RocketMap's high-level list (-hlvl/--high-lvl-accounts) run the hook a second time with its
# own file and levels (each file is its own instance in the pool):
#   export ACCOUNTPOOL_COUNT=50
#   ACCOUNTPOOL_MAX_LEVEL=29 hooks/rocketmap-pre-start.sh \
#     && ACCOUNTPOOL_MIN_LEVEL=30 hooks/rocketmap-pre-start.sh --count 10 --accountcsv high-level.csv \
#     && python3 runserver.py --accountcsv accounts.csv -hlvl high-level.csv -w 50 -l "Viridian City"
#
# Variables (defaults for RocketMap; see hooks/pre-start for the full list):
#   ACCOUNTPOOL_COUNT       accounts wanted: your -w worker count plus some spares. No default:
#                           it depends on your setup, and a guess would hand out too many or too few.
#   ACCOUNTPOOL_ACCOUNTCSV  default accounts.csv in the current folder (give RocketMap the same
#                           path with --accountcsv); lines `ptc,username,password`.
#   ACCOUNTPOOL_FORMAT      default rocketmap.
#   ACCOUNTPOOL_MIN_LEVEL   default 0 and ACCOUNTPOOL_MAX_LEVEL default 50: any level. RocketMap's
#                           --accountcsv workers scan spawns, which any account can. Set
#                           ACCOUNTPOOL_MAX_LEVEL=29 to leave the level-30 accounts to encounter
#                           scanners (Monocle, the -hlvl list).
#   ACCOUNTPOOL_INSTANCE    default: the accounts file's absolute path, unique per installation.
#   ACCOUNTPOOL_CHECKER     default: the pool config's `checker`.
#   ACCOUNTPOOL_DIR         default: the pool/ folder of the accountpool checkout (an installed
#                           accountpool has none: set it, or pass --pool).
set -euo pipefail

export ACCOUNTPOOL_FORMAT="${ACCOUNTPOOL_FORMAT:-rocketmap}"
export ACCOUNTPOOL_ACCOUNTCSV="${ACCOUNTPOOL_ACCOUNTCSV:-accounts.csv}"
export ACCOUNTPOOL_MIN_LEVEL="${ACCOUNTPOOL_MIN_LEVEL:-0}"
export ACCOUNTPOOL_MAX_LEVEL="${ACCOUNTPOOL_MAX_LEVEL:-50}"

exec "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/pre-start" "$@"
