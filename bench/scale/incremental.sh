#!/usr/bin/env bash
# Incremental rebuild latency (issue #9): `zanbook serve`'s rebuild after a one-line edit, at
# N× the corpus, through the same Session serve uses. A benchmark, never a test.
#
#   bash bench/scale/incremental.sh [N] [EDITS]      # default: 10 30
#
# Writes an N× corpus (examples/scale_corpus.rs), builds it once, then times EDITS one-line
# edits, each in another document (examples/incremental_bench.rs): median, p90 and max of the
# rebuild (change on disk → changed pages written), and of the search index update serve runs
# after it. ZANBOOK_TIMINGS=1 adds the stage times of every rebuild.
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-10}
EDITS=${2:-30}
WORK=$(mktemp -d /tmp/zanbook-incremental.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
# The same set of targets as peers.sh plus the bench, so Typst is built once for all of them.
cargo build --release --bin zanbook --example scale_corpus --example export_markdown \
  --example incremental_bench >&2
TARGET=${CARGO_TARGET_DIR:-target}
"$TARGET/release/examples/scale_corpus" corpus "$N" "$WORK/corpus" >&2
"$TARGET/release/examples/incremental_bench" "$WORK/corpus" "$EDITS"
