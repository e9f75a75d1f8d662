#!/usr/bin/env bash
# Runs every fuzz target (fuzz/, cargo-fuzz + libFuzzer) for SECONDS each, seeded from
# corpus/, examples/ and the test fixtures, at the lowest CPU priority.
# Usage: bench/fuzz.sh [SECONDS] [TARGET...]     (default 60 s, all targets)
# Needs `cargo install cargo-fuzz`; on a stable toolchain RUSTC_BOOTSTRAP=1 (set here)
# unlocks the sanitizer flags. The build lands in fuzz/target (several GB: delete it after).
# A crash is saved in fuzz/artifacts/TARGET/; turn it into a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(corpus_document citations act_yaml search_query)
export RUSTC_BOOTSTRAP=1
unset CARGO_TARGET_DIR

seed() { # seed TARGET FILE... : copies files into fuzz/seeds/TARGET
  local target=$1; shift
  mkdir -p "fuzz/seeds/$target"
  for f in "$@"; do cp "$f" "fuzz/seeds/$target/$(echo "$f" | tr / _)"; done
}
rm -rf fuzz/seeds
# Documents: the first 300 lines of every text (libFuzzer works best on small inputs), and
# the normaliser fixtures.
mkdir -p fuzz/seeds/corpus_document fuzz/seeds/citations fuzz/seeds/search_query
for f in corpus/*.txt tests/fixtures/unseen/*.txt; do
  head -n 300 "$f" > "fuzz/seeds/corpus_document/$(basename "$f")"
done
seed corpus_document tests/fixtures/normalize/*.txt
# Citations: paragraphs of the texts that cite something.
grep -h -E 'бап|тармақ|Кодекс|Заң' corpus/*.txt | head -n 400 | split -l 4 - fuzz/seeds/citations/para-
seed act_yaml examples/acts/*.yaml tests/fixtures/acts/bad/*.yaml tests/fixtures/acts/good/*.yaml
# Queries: words and phrases a student types.
i=0
for q in "прокурор" "қадағалау заңдылығы" "\"сот орындаушысы\"" "ҚПК 12-бап" "протест" "наказание" "пробация*" "бас бостандығынан айыру" "ст. 40 УК" "әкімдік қаулысы"; do
  printf '%s' "$q" > "fuzz/seeds/search_query/q$i"; i=$((i+1))
done

for target in "${targets[@]}"; do
  max_len=4096
  [[ $target == corpus_document || $target == act_yaml ]] && max_len=65536
  mkdir -p "fuzz/corpus/$target"
  echo "== $target: ${seconds}s"
  (cd fuzz && nice -n 19 cargo fuzz run "$target" "corpus/$target" "seeds/$target" -- \
      -max_total_time="$seconds" -max_len="$max_len" -rss_limit_mb=2048 -timeout=30 \
      -print_final_stats=1 2>&1) | grep -E '^#[0-9]+.*(DONE|pulse)|stat::|ERROR|SUMMARY|Test unit written|panicked' || true
done
