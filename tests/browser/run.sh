#!/usr/bin/env bash
# The study site in a real browser: builds the site, validates every page with the Nu HTML
# checker, then drives Debian's headless Chromium over file:// (tests/browser/e2e.mjs).
# Installs what it needs when missing: Debian's chromium and a Java runtime (apt), and the
# pinned npm packages (playwright-core without its own browser, axe-core, vnu-jar).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
artifacts="${ARTIFACTS:-$here/artifacts}"

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v java >/dev/null 2>&1 || need_apt+=(default-jre-headless)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "browser tests: installing ${need_apt[*]} (apt)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
cd "$here"
if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/vnu-jar ] || [ ! -d node_modules/axe-core ]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --ignore-scripts >/dev/null
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rm -rf "$artifacts"
mkdir -p "$artifacts"
# Reuse the binary `cargo test` just built: `cargo run` resolves features without the
# dev-dependencies and would rebuild Typst and every crate below it (8+ minutes on 2 cores).
# (`cargo test --no-run` is a no-op when the test build is current.)
(cd "$repo" && cargo test --no-run --quiet 2>/dev/null)
bin="${CARGO_TARGET_DIR:-$repo/target}/debug/zanbook"
(cd "$repo" && "$bin" build --out "$work/site" >/dev/null)

echo "browser tests: Nu HTML checker over $(find "$work/site" -name '*.html' | wc -l) pages"
java -jar node_modules/vnu-jar/build/dist/vnu.jar --errors-only --skip-non-html "$work/site"
echo "browser tests: every page is valid HTML"

node e2e.mjs "$work/site" "$artifacts"
