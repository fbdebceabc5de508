#!/usr/bin/env bash
# Runs one hearth fuzz target for a bounded time: fuzz/run.sh TARGET [SECONDS] [libFuzzer flags…]
#
#   fuzz/run.sh case_file 600      # ten minutes
#
# Targets: case_file, ndjson_batch, policy_toml, catalog_extension, text_excerpt. New inputs go to
# fuzz/corpus/TARGET (not committed); the seeds are read from the example files and the
# regression corpus tests/fuzz_regressions/TARGET. A crash, timeout (-timeout) or
# excess memory (-rss_limit_mb) stops the run and leaves its input in
# fuzz/artifacts/TARGET/. See docs/fuzzing.md.
#
# Works on the stable toolchain: RUSTC_BOOTSTRAP=1 lets cargo-fuzz pass its -Z flags,
# and --sanitizer none skips AddressSanitizer (hearth has no unsafe code; without it a
# run is about twice as fast). It runs under nice, on one core.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

target=${1:?usage: fuzz/run.sh TARGET [SECONDS] [libFuzzer flags…]}
seconds=${2:-600}
shift $(($# < 2 ? $# : 2))

seeds=("$root/tests/fuzz_regressions/$target")
flags=()
case "$target" in
  case_file)
    seeds+=("$root/examples/data/cases" "$root/examples/data/caseloads" "$root/examples/data/extensions")
    flags+=("-dict=$root/fuzz/case_file.dict")
    ;;
  ndjson_batch)
    flags+=("-dict=$root/fuzz/case_file.dict")
    ;;
  policy_toml)
    seeds+=("$root/crates/hearth-rules/src/policies")
    ;;
  catalog_extension)
    seeds+=("$root/examples/data/extensions")
    ;;
  text_excerpt)
    seeds+=("$root/examples/data/cases")
    flags+=("-dict=$root/fuzz/case_file.dict")
    ;;
  *)
    echo "unknown target $target: case_file, ndjson_batch, policy_toml, catalog_extension or text_excerpt" >&2
    exit 2
    ;;
esac

mkdir -p "$root/fuzz/corpus/$target"
RUSTC_BOOTSTRAP=1 exec nice -n 10 cargo fuzz run --fuzz-dir "$root/fuzz" --sanitizer none "$target" \
  "$root/fuzz/corpus/$target" "${seeds[@]}" -- \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  "${flags[@]}" "$@"
