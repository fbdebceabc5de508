#!/bin/sh
# The HTML report in headless Chromium (html_report.test.mjs): builds hearth, installs
# Debian's chromium when /usr/bin/chromium is missing (as root) and playwright-core from
# package-lock.json, then runs `node --test`. The screenshot and PDF go to
# target/browser/ (override with HEARTH_ARTIFACTS); their paths are printed.
#
#   tests/browser/run.sh                 # from anywhere
#   CHROMIUM=/path/to/chromium HEARTH=/path/to/hearth tests/browser/run.sh
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
    apt-get update && apt-get install -y chromium
fi
if [ -z "${HEARTH:-}" ]; then
    cargo build --quiet -p hearth-cli
    HEARTH="$root/target/debug/hearth"
fi
(cd tests/browser && npm ci --no-audit --no-fund --silent)
CHROMIUM="$chromium" HEARTH="$HEARTH" exec node --test tests/browser/
