#!/usr/bin/env bash
# Whole-program figures for BENCHMARKS.md, all taken in one run on the same machine:
#   1. peak memory (RSS) of `hearth check` on generated NDJSON caseloads of 10k and 100k
#      participants, and its CPU time / wall time on the larger one;
#   2. `hearth check` against jsonschema-cli (jsonschema-rs) validating the same files
#      against hearth's own case-file schema, one after the other on the same data.
#
# Needs GNU time (/usr/bin/time) and, for (2), jsonschema-cli:
#   cargo install jsonschema-cli --locked --root target/tools
# Usage: benches/cli.sh [WORKDIR]   (default target/bench-cli; about 6 GB free needed)
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${1:-target/bench-cli}
mkdir -p "$WORK"
cargo build --release -q -p hearth-cli
H=target/release/hearth
JS=${JSONSCHEMA_CLI:-$(command -v jsonschema-cli || echo target/tools/bin/jsonschema-cli)}
AS_OF=2026-11-30

measure() { # label, command…: prints label, wall s, user s, sys s, peak RSS MB, (user+sys)/wall
  local label=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/time.txt" "$@" >/dev/null 2>"$WORK/stderr.txt" || {
    local rc=$?; if [ $rc -ne 1 ]; then echo "$label failed ($rc)"; cat "$WORK/stderr.txt"; exit 1; fi; }
  read -r wall user sys rss < <(tail -n 1 "$WORK/time.txt")
  awk -v l="$label" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" \
    'BEGIN { printf "| %s | %.2f | %.2f | %.1f | %.2f |\n", l, w, u + s, r / 1024, (u + s) / w }'
}

for n in 10000 100000; do
  [ -s "$WORK/p$n.ndjson" ] || $H generate --participants $n --format ndjson --out "$WORK/p$n.ndjson" --force
done
[ -d "$WORK/dir10k" ] || $H generate --participants 10000 --format dir --out "$WORK/dir10k" --force

echo "| run | wall s | CPU s | peak RSS MB | CPU/wall |"
echo "| --- | --- | --- | --- | --- |"
for n in 10000 100000; do
  measure "check p$n.ndjson --format json" $H check --isolated --as-of $AS_OF --format json "$WORK/p$n.ndjson"
done
measure "check p10000.ndjson --format json -j 1" $H check --isolated --as-of $AS_OF --format json -j 1 "$WORK/p10000.ndjson"
measure "check p10000.ndjson --format text" $H check --isolated --as-of $AS_OF "$WORK/p10000.ndjson"
measure "check dir10k --format json" $H check --isolated --as-of $AS_OF --format json "$WORK/dir10k"
measure "check dir10k --format json -j 1" $H check --isolated --as-of $AS_OF --format json -j 1 "$WORK/dir10k"
if [ -x "$JS" ]; then
  # jsonschema-cli takes many instances after one `-i`; xargs keeps each command line
  # within the system's limit (it may start the program more than once).
  find "$WORK/dir10k" -name '*.json' | sort > "$WORK/files.txt"
  measure "jsonschema-cli validate dir10k (case-file schema)" \
    sh -c "xargs -d '\n' '$JS' validate schemas/case-file.schema.json --offline --errors-only -i < '$WORK/files.txt'"
else
  echo "jsonschema-cli not found: set JSONSCHEMA_CLI or install it (see the top of this script)"
fi
