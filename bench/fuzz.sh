#!/usr/bin/env bash
# Runs every fuzz target (fuzz/, cargo-fuzz + libFuzzer) for SECONDS each, seeded from
# corpus/, examples/ and the test fixtures, at the lowest CPU priority.
# Usage: bench/fuzz.sh [SECONDS] [TARGET...]     (default 60 s, all targets)
# Needs `cargo install cargo-fuzz`; on a stable toolchain RUSTC_BOOTSTRAP=1 (set here)
# unlocks the sanitizer flags. The build lands in $FUZZ_TARGET_DIR (default fuzz/target;
# several GB: delete it after). The corpus libFuzzer grows is kept in fuzz/corpus/TARGET
# (gitignored), so a second run continues where the first stopped. Targets may run in
# parallel (one invocation each): every run rewrites only its own targets' seeds.
# A crash is saved in fuzz/artifacts/TARGET/: fix it, then copy the input into
# fuzz/regressions/TARGET/ (tests/fuzz_smoke.rs runs every file there on `cargo test`).
# The seeds here and in tests/fuzz_smoke.rs are the same files: change both together.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(corpus_document citations act_yaml handout_yaml search_query)
export RUSTC_BOOTSTRAP=1
unset CARGO_TARGET_DIR
target_dir=${FUZZ_TARGET_DIR:-fuzz/target}
[[ $target_dir == /* ]] || target_dir=$PWD/$target_dir
shopt -s globstar nullglob

copy_seeds() { # copy_seeds TARGET FILE... : copies files into fuzz/seeds/TARGET
  local target=$1; shift
  for f in "$@"; do cp "$f" "fuzz/seeds/$target/$(echo "$f" | tr / _)"; done
}
seed() { # seed TARGET: writes fuzz/seeds/TARGET afresh
  local target=$1 dir=fuzz/seeds/$1 i=0 q
  rm -rf "$dir"
  mkdir -p "$dir"
  case $target in
    corpus_document) # the first 300 lines of every text (libFuzzer works best on small
                     # inputs), and the normaliser fixtures
      for f in corpus/*.txt tests/fixtures/unseen/*.txt; do
        head -n 300 "$f" > "$dir/$(basename "$f")"
      done
      copy_seeds "$target" tests/fixtures/normalize/*.txt ;;
    citations) # paragraphs of the texts that cite something, four lines each
      grep -h -E 'бап|тармақ|Кодекс|Заң' corpus/*.txt | head -n 400 | split -l 4 - "$dir/para-" ;;
    act_yaml)
      copy_seeds "$target" examples/acts/*.yaml tests/fixtures/acts/bad/*.yaml \
        tests/fixtures/acts/good/*.yaml ;;
    handout_yaml)
      copy_seeds "$target" examples/handouts/*.yaml tests/fixtures/handouts/**/*.yaml ;;
    search_query) # words and phrases a student types, one a line
      while IFS= read -r q; do
        printf '%s' "$q" > "$dir/q$i"; i=$((i+1))
      done < fuzz/queries.txt ;;
    *) echo "unknown target $target" >&2; exit 2 ;;
  esac
}

for target in "${targets[@]}"; do
  seed "$target"
  max_len=4096
  [[ $target == corpus_document || $target == *_yaml ]] && max_len=65536
  mkdir -p "fuzz/corpus/$target"
  echo "== $target: ${seconds}s"
  (cd fuzz && nice -n 19 cargo fuzz run --target-dir "$target_dir" "$target" \
      "corpus/$target" "seeds/$target" -- \
      -max_total_time="$seconds" -max_len="$max_len" -rss_limit_mb=2048 -timeout=30 \
      -print_final_stats=1 2>&1) |
    grep --line-buffered -E '^#[0-9]+.*(INITED|DONE|pulse)|stat::|ERROR|SUMMARY|Test unit written|panicked|Done [0-9]+ runs' || true
done
