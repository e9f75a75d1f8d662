#!/usr/bin/env bash
# Issue #9's benchmarks in one command: the peer table (zanbook with and without the search
# index, Hugo, mdBook, peak RSS) at 1×, 10× and 100×, then the incremental rebuild latency
# at 10×. A benchmark, never a test; about 25 minutes on 2 cores, most of it mdBook at 100×.
#
#   bash bench/scale/all.sh
#
# Needs what peers.sh needs (hugo, hyperfine, time from Debian; `cargo install mdbook --locked`).
set -euo pipefail
cd "$(dirname "$0")"
RUNS=${RUNS:-5} bash peers.sh 1 10
# mdBook takes minutes per build at 100×: fewer runs there (the medians of 3 and 2).
RUNS=3 MDBOOK_RUNS=2 bash peers.sh 100
bash incremental.sh 10 30
