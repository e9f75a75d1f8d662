// Parity harness for the browser search client (templates/site/static/search.js), run by
// tests/search_parity.rs. It loads search.js and the site's index files the way a browser
// does — as classic scripts evaluated against one global object — and compares their output
// with what the Rust side wrote.
//
//   node parity.mjs analysis SEARCH_JS EXPECTED.json
//       EXPECTED: {texts: [{text, fold_u, terms: [[kind, key, surface, position]…]}…],
//                  words: [{word, russian, candidates}…]}; compares analyze() on every text,
//                  stemRussian() and stemCandidates() on every word.
//   node parity.mjs ranking SEARCH_JS SITE_DIR EXPECTED.json
//       EXPECTED: [{query, limit, hits: [{id, score, matched, snippet, marks}…] | null}…] (null: the Rust engine
//       refused the query); runs each query through the client over SITE_DIR/search/.
//
// Prints one JSON summary line ({compared, mismatches, examples, …}) and exits 0; the Rust test
// decides what fails.
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";

function loadScript(context, file) {
  vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
}

// A stub browser global: the index files and search.js only touch `zanbookSearch`,
// `globalThis` and (for loading) `document`, which the node loader replaces.
function makeContext(searchJs) {
  const context = vm.createContext({ console });
  loadScript(context, searchJs);
  return context;
}

// JSON with object keys sorted, so the two sides' key order does not matter.
function canonical(value) {
  return JSON.stringify(value, (_, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]]))
      : v);
}

function same(a, b) {
  return canonical(a) === canonical(b);
}

function analysis(searchJs, expectedFile) {
  const context = makeContext(searchJs);
  const lang = context.zanbookSearchLang;
  const expected = JSON.parse(fs.readFileSync(expectedFile, "utf8"));
  const mismatches = [];
  let terms = 0;
  for (const row of expected.texts) {
    const got = lang.analyze(row.text, { foldU: row.fold_u }).map((t) => [t.kind, t.key, t.surface, t.position]);
    terms += got.length;
    if (!same(got, row.terms)) {
      mismatches.push({ text: row.text.slice(0, 200), fold_u: row.fold_u, rust: row.terms, js: got });
    }
  }
  for (const row of expected.words) {
    const got = { russian: lang.stemRussian(row.word), candidates: lang.stemCandidates(row.word) };
    if (!same(got, { russian: row.russian, candidates: row.candidates })) {
      mismatches.push({ word: row.word, rust: [row.russian, row.candidates], js: [got.russian, got.candidates] });
    }
  }
  return {
    texts: expected.texts.length,
    words: expected.words.length,
    terms,
    mismatches: mismatches.length,
    examples: mismatches.slice(0, 20),
  };
}

async function ranking(searchJs, siteDir, expectedFile) {
  const context = makeContext(searchJs);
  const searchDir = path.join(siteDir, "search");
  // The browser inserts <script src="search/NAME.js">; node evaluates the same file.
  const client = context.zanbookSearch.client({
    base: searchDir,
    load: (file) => {
      loadScript(context, path.join(searchDir, file));
      return Promise.resolve();
    },
  });
  await client.ready();
  const expected = JSON.parse(fs.readFileSync(expectedFile, "utf8"));
  const mismatches = [];
  let hits = 0;
  const times = [];
  for (const row of expected) {
    let got;
    const start = process.hrtime.bigint();
    try {
      const result = await client.search(row.query, row.limit);
      got = result.error ? null : result.hits.map((h) => ({ id: h.id, score: h.score, matched: h.matched, snippet: h.snippet, marks: h.marks }));
    } catch (e) {
      got = { threw: String(e && e.stack ? e.stack : e) };
    }
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (Array.isArray(got)) { hits += got.length; }
    if (!same(got, row.hits)) {
      mismatches.push({ query: row.query.slice(0, 80), rust: row.hits && row.hits.slice(0, 5), js: Array.isArray(got) ? got.slice(0, 5) : got });
    }
  }
  times.sort((a, b) => a - b);
  return {
    compared: expected.length,
    hits,
    mismatches: mismatches.length,
    examples: mismatches.slice(0, 10),
    median_ms: times.length ? times[Math.floor(times.length / 2)] : 0,
    max_ms: times.length ? times[times.length - 1] : 0,
  };
}

const [mode, ...args] = process.argv.slice(2);
let summary;
if (mode === "analysis") {
  summary = analysis(args[0], args[1]);
} else if (mode === "ranking") {
  summary = await ranking(args[0], args[1], args[2]);
} else {
  console.error("usage: parity.mjs analysis SEARCH_JS EXPECTED.json | ranking SEARCH_JS SITE_DIR EXPECTED.json");
  process.exit(2);
}
console.log(JSON.stringify(summary));
