#!/usr/bin/env bash
# Whole-program figures for the HMIS import (issue 14): wall time and peak memory (RSS)
# of `hearth import hmis-csv` on generated FY2026 exports of 1,000, 5,000 and 10,000
# clients (to see the cost is linear in rows), all in one run on the same machine.
#
# Needs GNU time (/usr/bin/time). Usage: benches/hmis.sh [WORKDIR] (default
# target/bench-hmis; about 1 GB free needed).
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${1:-target/bench-hmis}
mkdir -p "$WORK"
cargo build --release -q -p hearth-cli
H=target/release/hearth
cat > "$WORK/map.toml" <<'TOML'
time_zone = "America/Chicago"
[projects]
icms = "icms"
icm-rrh = "icm-rrh"
rrh = "rrh"
stl-coc = "stl-coc"
ct-psh = "ct-psh"
TOML

echo "| run | rows | wall s | CPU s | peak RSS MB |"
echo "| --- | --- | --- | --- | --- |"
for n in 1000 5000 10000; do
  [ -s "$WORK/export$n.zip" ] || $H generate --participants $n --format hmis-csv --out "$WORK/export$n.zip" --force >/dev/null
  [ -d "$WORK/export$n" ] || $H generate --participants $n --format hmis-csv --out "$WORK/export$n" --force >/dev/null
  rows=$(cat "$WORK/export$n"/*.csv | wc -l)
  for src in "export$n.zip" "export$n"; do
    /usr/bin/time -f "%e %U %S %M" -o "$WORK/time.txt" \
      $H import hmis-csv "$WORK/$src" --map "$WORK/map.toml" --out "$WORK/cases.ndjson" >/dev/null
    read -r wall user sys rss < <(tail -n 1 "$WORK/time.txt")
    awk -v l="import $src" -v n="$rows" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" \
      'BEGIN { printf "| %s | %d | %.2f | %.2f | %.1f |\n", l, n, w, u + s, r / 1024 }'
  done
done
