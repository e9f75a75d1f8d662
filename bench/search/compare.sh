#!/usr/bin/env bash
# The search relevance set (tests/fixtures/search/relevance.yaml) through Pagefind, next to
# zanbook's engine and the naive baseline: builds the site with the test-built zanbook, indexes
# it with Pagefind (npm, pinned in package.json; used only by this benchmark, never by the
# product), runs every query through Pagefind's own browser client in Debian's headless
# Chromium (driven by playwright-core; no browser is downloaded) and prints Recall@5 / MRR per
# kind for all three. zanbook's and the baseline's numbers come from the Rust scorer
# (examples/search_relevance.rs), the same code tests/search_relevance.rs asserts on. Then the
# same for the held-out set (tests/fixtures/search/relevance-heldout.yaml).
#
# Usage: bench/search/compare.sh [OUT_JSON]   (the held-out run goes to OUT_JSON.heldout.json)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

if ! command -v chromium >/dev/null 2>&1; then
  echo "compare: installing chromium (apt)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
cd "$here"
if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/pagefind ]; then
  # --ignore-scripts: nothing may download a browser; Pagefind's binary is an npm package.
  # `npm install`, not `npm ci`: npm records only this platform's @pagefind/* optional binary
  # in the lock file, and `npm ci` then refuses the lock as out of sync. Versions are exact in
  # package.json and the lock is honoured.
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --ignore-scripts >/dev/null
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The binary and example `cargo test` builds (`cargo run` without dev-dependencies would
# rebuild Typst).
(cd "$repo" && cargo test --no-run --quiet 2>/dev/null && cargo build --quiet --example search_relevance)
target="${CARGO_TARGET_DIR:-$repo/target}/debug"
(cd "$repo" && "$target/zanbook" build --out "$work/site" >/dev/null)
(cd "$repo" && "$target/examples/search_relevance") > "$work/zanbook.json"
(cd "$repo" && "$target/examples/search_relevance" heldout) > "$work/heldout.json"
# Pagefind over the built pages as they are: the content is in <main> (navigation left out).
npx --no-install pagefind --site "$work/site" --root-selector main --quiet
echo "compare: pagefind $(npx --no-install pagefind --version 2>/dev/null | awk '{print $2}'), $(chromium --version 2>/dev/null | head -1)"
node compare.mjs "$work/site" "$work/zanbook.json" "${1:-}"
echo
echo "Held-out set (tests/fixtures/search/relevance-heldout.yaml):"
node compare.mjs "$work/site" "$work/heldout.json" "${1:+$1.heldout.json}"
