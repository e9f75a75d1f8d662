#!/usr/bin/env bash
# Speed at scale, side by side with Hugo and mdBook (issue #9). A benchmark, never a test.
#
#   bash bench/scale/peers.sh [N ...]        # default: 1 10 100
#   RUNS=5 MDBOOK_RUNS=2 bash bench/scale/peers.sh 100   # fewer mdBook runs at 100×
#
# For each N it writes an N× corpus (examples/scale_corpus.rs), then measures on the same
# machine in the same run, with hyperfine (median of several runs, after a warm-up):
#   * zanbook build            (search index on and, with --no-search, off)
#   * hugo                     over the same pages exported as Markdown (examples/export_markdown.rs)
#   * mdbook build             over the same Markdown (its own search index on, as shipped)
# and the peak RSS of `zanbook build` (GNU time). Prints a Markdown table for the README.
# Needs: hugo, hyperfine and time (Debian), mdbook (`cargo install mdbook --locked`).
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZES=("${@:-1 10 100}")
read -r -a SIZES <<<"${SIZES[*]}"
WORK=${WORK:-$(mktemp -d /tmp/zanbook-peers.XXXXXX)}
RUNS=${RUNS:-5}
# mdBook needs about 6 minutes per build at 100× on 2 cores: MDBOOK_RUNS=2 keeps the whole
# run under an hour (hyperfine needs at least 2 runs for a median; the warm-up is skipped).
MDBOOK_RUNS=${MDBOOK_RUNS:-$RUNS}

need() { command -v "$1" >/dev/null 2>&1 || { echo "peers.sh: $1 is missing ($2)" >&2; exit 2; }; }
need hugo "apt-get install hugo"
need hyperfine "apt-get install hyperfine"
need mdbook "cargo install mdbook --locked"
[ -x /usr/bin/time ] || { echo "peers.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }

# One build for the binary and both helpers (the examples need the dev-dependency feature set,
# so building them together avoids a second Typst build).
cargo build --release --bin zanbook --example scale_corpus --example export_markdown >&2
BIN=target/release/zanbook
EX=target/release/examples

median_ms() { # hyperfine JSON → median in ms
  python3 -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["results"][0]["median"]*1000))' "$1"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo "versions: $($BIN --version), $(hugo version | cut -d' ' -f1-2), $(mdbook --version), $(hyperfine --version)"
echo
echo "| N | pages | zanbook (search on) | zanbook (search off) | Hugo | mdBook | zanbook peak RSS |"
echo "|---|---|---|---|---|---|---|"
for n in "${SIZES[@]}"; do
  corpus="$WORK/corpus-$n"; md="$WORK/md-$n"
  rm -rf "$corpus" "$md"
  "$EX/scale_corpus" corpus "$n" "$corpus" >/dev/null
  "$EX/export_markdown" "$corpus" "$md" >/dev/null

  # Hugo: the Markdown as content with a minimal theme of three layouts.
  hugo_site="$WORK/hugo-$n"; rm -rf "$hugo_site"; mkdir -p "$hugo_site/layouts/_default"
  cp -r "$md/content" "$hugo_site/content"
  printf 'baseURL = "http://localhost/"\ntitle = "zanbook peers"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n' >"$hugo_site/hugo.toml"
  printf '<!doctype html><html lang="kk"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>{{ block "main" . }}{{ end }}</body></html>\n' >"$hugo_site/layouts/_default/baseof.html"
  printf '{{ define "main" }}<main>{{ .Content }}</main>{{ end }}\n' >"$hugo_site/layouts/_default/single.html"
  printf '{{ define "main" }}<main>{{ .Content }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></main>{{ end }}\n' >"$hugo_site/layouts/_default/list.html"

  # mdBook: the same Markdown as src/ with the exporter's SUMMARY.md.
  book="$WORK/book-$n"; rm -rf "$book"; mkdir -p "$book"
  cp -r "$md/content" "$book/src"; cp "$md/SUMMARY.md" "$book/src/SUMMARY.md"
  printf '[book]\ntitle = "zanbook peers"\nlanguage = "kk"\n' >"$book/book.toml"

  hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$WORK/z-on-$n.json" \
    "$BIN build --corpus $corpus --out $WORK/site-$n" >/dev/null
  hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$WORK/z-off-$n.json" \
    "$BIN build --no-search --corpus $corpus --out $WORK/site-off-$n" >/dev/null
  hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$WORK/hugo-$n.json" \
    "hugo --quiet --source $hugo_site --destination $WORK/hugo-out-$n" >/dev/null
  mdbook_warmup=1; [ "$MDBOOK_RUNS" -lt "$RUNS" ] && mdbook_warmup=0
  hyperfine -N --warmup "$mdbook_warmup" --runs "$MDBOOK_RUNS" --export-json "$WORK/mdbook-$n.json" \
    "mdbook build $book --dest-dir $WORK/mdbook-out-$n" >/dev/null

  z_pages=$(find "$WORK/site-$n" -name '*.html' | wc -l)
  h_pages=$(find "$WORK/hugo-out-$n" -name '*.html' | wc -l)
  m_pages=$(find "$WORK/mdbook-out-$n" -name '*.html' | wc -l)
  rss_kb=$(/usr/bin/time -f '%M' "$BIN" build --corpus "$corpus" --out "$WORK/site-$n" 2>&1 >/dev/null | tail -1)
  row() { local ms; ms=$(median_ms "$1"); echo "$ms ms, $(( $2 * 1000 / (ms > 0 ? ms : 1) )) pages/s"; }
  echo "| ${n}× | zanbook $z_pages, Hugo $h_pages, mdBook $m_pages | $(row "$WORK/z-on-$n.json" "$z_pages") | $(row "$WORK/z-off-$n.json" "$z_pages") | $(row "$WORK/hugo-$n.json" "$h_pages") | $(row "$WORK/mdbook-$n.json" "$m_pages") | $((rss_kb / 1024)) MiB |"
done
echo
echo "(work files in $WORK; remove them when done)"
