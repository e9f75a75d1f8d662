// Runs the search relevance set through Pagefind in headless Chromium and prints Recall@5 and
// MRR per kind next to zanbook's engine and the naive baseline (both scored in-process by
// `cargo run --example search_relevance`), under the first judgment and under the second,
// blind one (tests/fixtures/search/relevance-second.yaml).
//
// Usage: node compare.mjs SITE_DIR ZANBOOK_JSON [OUT_JSON]
//   SITE_DIR      a site built by `zanbook build`, already indexed by `pagefind --site`
//   ZANBOOK_JSON  the output of examples/search_relevance.rs (queries, judgments, rankings,
//                 each passage's site address)
//
// Mapping rule (generous to Pagefind): Pagefind ranks pages, and the site's pages are whole
// sections, so a Pagefind result counts as a hit on every relevant passage whose address is on
// that page. Recall@5 = relevant passages on the first five result pages, at most
// min(|relevant|, 5), / min(|relevant|, 5);
// the reciprocal rank is that of the first result page holding a relevant passage (0 below 10).
import { chromium } from "playwright-core";
import { createServer } from "node:http";
import { readFileSync, writeFileSync, existsSync, statSync } from "node:fs";
import { resolve, join, extname, normalize, sep } from "node:path";

const [siteArg, zanbookArg, outArg] = process.argv.slice(2);
if (!siteArg || !zanbookArg) {
  console.error("usage: node compare.mjs SITE_DIR ZANBOOK_JSON [OUT_JSON]");
  process.exit(2);
}
const site = resolve(siteArg);
const zanbook = JSON.parse(readFileSync(zanbookArg, "utf8"));
const K = zanbook.k;
const DEPTH = zanbook.mrr_depth;

const types = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css",
  ".wasm": "application/wasm", ".json": "application/json", ".svg": "image/svg+xml",
};
// A static server for the built site on a loopback port (Pagefind fetches its index files,
// which Chromium refuses over file://).
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, "http://localhost").pathname);
  let file = normalize(join(site, path));
  if (!file.startsWith(site + sep) && file !== site) { res.writeHead(403).end(); return; }
  if (existsSync(file) && statSync(file).isDirectory()) { file = join(file, "index.html"); }
  if (!existsSync(file)) { res.writeHead(404).end(); return; }
  res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
  res.end(readFileSync(file));
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage();
page.on("request", (r) => {
  if (!r.url().startsWith(origin)) { throw new Error(`unexpected request: ${r.url()}`); }
});
await page.goto(`${origin}/index.html`);
await page.evaluate(async () => {
  window.pf = await import("/pagefind/pagefind.js");
  await window.pf.init();
});

// The page (site-relative path, no fragment) each passage is on.
const pageOf = (url) => url.split("#")[0].replace(/^\/+/, "");
const passagePage = new Map(Object.entries(zanbook.urls).map(([id, url]) => [id, pageOf(url)]));

// Recall@5 and reciprocal rank of one ranking of pages under one judgment.
function judge(resultPages, relevant) {
  const relevantPage = (p) => relevant.some((id) => passagePage.get(id) === p);
  const inTop = new Set(resultPages.slice(0, K));
  const found = relevant.filter((id) => inTop.has(passagePage.get(id))).length;
  const cap = Math.min(relevant.length, K);
  const first = resultPages.findIndex(relevantPage);
  return {
    recall: Math.min(found, cap) / cap,
    rr: first >= 0 && first < DEPTH ? 1 / (first + 1) : 0,
  };
}

const rows = [];
for (const q of zanbook.queries) {
  const started = performance.now();
  const pages = await page.evaluate(async ({ query, depth }) => {
    const search = await window.pf.search(query);
    const data = await Promise.all(search.results.slice(0, depth).map((r) => r.data()));
    return data.map((d) => d.url);
  }, { query: q.query, depth: DEPTH });
  const ms = performance.now() - started;
  const resultPages = pages.map(pageOf);
  const first = judge(resultPages, q.relevant);
  const second = q.relevant_second ? judge(resultPages, q.relevant_second) : null;
  rows.push({ query: q.query, kind: q.kind, ...first, second, pages: resultPages, ms });
}
await browser.close();
server.close();

function summarise(list) {
  const out = {};
  for (const r of list) {
    for (const key of [r.kind, "all"]) {
      out[key] ??= { queries: 0, recall: 0, mrr: 0 };
      out[key].queries += 1;
      out[key].recall += r.recall;
      out[key].mrr += r.rr;
    }
  }
  for (const s of Object.values(out)) { s.recall /= s.queries; s.mrr /= s.queries; }
  return out;
}
const pagefind = summarise(rows);
const pagefindSecond = zanbook.scores_second
  ? summarise(rows.map((r) => ({ kind: r.kind, ...r.second })))
  : null;
const f = (x) => (x ?? 0).toFixed(3);
function table(scores, pagefindScores) {
  const systems = [["zanbook", scores.zanbook], ["baseline", scores.baseline],
    ["Pagefind", pagefindScores]];
  const kinds = Object.keys(pagefindScores).filter((k) => k !== "all").sort().concat(["all"]);
  console.log(`| kind | queries | ${systems.map(([n]) => `${n} R@5 | ${n} MRR`).join(" | ")} |`);
  console.log(`|---|---|${systems.map(() => "---|---").join("|")}|`);
  for (const kind of kinds) {
    const cells = systems.map(([, s]) => `${f(s[kind]?.recall)} | ${f(s[kind]?.mrr)}`).join(" | ");
    console.log(`| ${kind} | ${pagefindScores[kind].queries} | ${cells} |`);
  }
}
table(zanbook.scores, pagefind);
if (pagefindSecond) {
  console.log("\nSecond judgment (tests/fixtures/search/relevance-second.yaml):");
  table(zanbook.scores_second, pagefindSecond);
}
const times = rows.map((r) => r.ms).sort((a, b) => a - b);
console.log(`Pagefind: ${rows.length} queries, median ${f(times[times.length >> 1])} ms per query (search + result data, in the page)`);
if (outArg) {
  writeFileSync(outArg, JSON.stringify({ pagefind, zanbook: zanbook.scores.zanbook,
    baseline: zanbook.scores.baseline, second: { pagefind: pagefindSecond,
      ...zanbook.scores_second }, queries: rows }, null, 2));
}
