//! The browser search client (`templates/site/static/search.js`) must analyse and rank
//! exactly like the Rust engine. These tests run it under node (tests/search/parity.mjs) and
//! compare with what the Rust side computes from the same input:
//!
//! * analysis: every distinct word and every line of the corpus, every word of the stem
//!   table and a set of hostile strings, through `analyze` (with and without the у-fold), and
//!   every distinct word through Snowball Russian and `stem_candidates`;
//! * ranking: the real corpus built into a temporary site, every query of the relevance set
//!   and the held-out set (when there are) and this file's own hard queries, ranked by the client over the
//!   site's index files and by `zanbook search --json` over the same files.
//!
//! node is required: without it the tests fail and say so.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};
use zanbook::search::normalize::TokenKind;
use zanbook::search::stem::{stem_candidates, stem_russian};
use zanbook::search::{analyze, NormalizeOptions};

const SEARCH_JS: &str = "templates/site/static/search.js";
const HARNESS: &str = "tests/search/parity.mjs";

fn node() -> String {
    let node = std::env::var("NODE").unwrap_or_else(|_| "node".to_string());
    match Command::new(&node).arg("--version").output() {
        Ok(out) if out.status.success() => node,
        _ => panic!(
            "the search parity tests need node (Node.js ≥ 18) on PATH or in $NODE: \
             install it (apt-get install nodejs) — the browser client cannot be checked without it"
        ),
    }
}

/// Runs the harness and returns its JSON summary.
fn run_harness(args: &[&Path]) -> Value {
    let out = Command::new(node())
        .arg(HARNESS)
        .args(args)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "node {HARNESS} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(stdout.lines().last().unwrap_or_default())
        .unwrap_or_else(|e| panic!("harness output is not JSON ({e}):\n{stdout}"))
}

fn corpus_texts() -> Vec<String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir("corpus")
        .expect("corpus/ exists")
        .map(|e| e.expect("corpus entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("corpus text"))
        .collect()
}

fn kind_name(kind: TokenKind) -> &'static str {
    match kind {
        TokenKind::Word => "word",
        TokenKind::Number => "number",
        TokenKind::Abbreviation => "abbreviation",
        TokenKind::Legal => "legal",
    }
}

fn analysed(text: &str, fold_u: bool) -> Value {
    let terms: Vec<Value> = analyze(text, NormalizeOptions { fold_u })
        .into_iter()
        .map(|t| json!([kind_name(t.kind), t.key, t.surface, t.position]))
        .collect();
    json!({ "text": text, "fold_u": fold_u, "terms": terms })
}

/// Strings a tokeniser gets wrong first: look-alikes, combining marks, hyphens and dots,
/// abbreviations with endings, legal references, scripts it does not know.
const HOSTILE: &[&str] = &[
    "мемлекеттiк органдарының",
    "Мемлекеттiк",
    "əділет ɵкілет ҡылмыс ҥ",
    "и\u{0306}ә Й",
    "осуждённые ЁЛКА",
    "е\u{0308}ж",
    "сот\u{00AD}тың",
    "ҚПК-нің 40-бабының",
    "ҚРКЗ 26",
    "ҚРКЗ 26-бап",
    "ҚР 2017 жылғы",
    "ст. 40 УК",
    "статья 40 УК РК",
    "пп. 3) п. 2 ч. 1 гл. 5",
    "26-1-бабы",
    "№ 374-IV",
    "21.10.2021",
    "3-1 3-1-2 1.2.3",
    "интернет-ресурсында сондай-ақ",
    "әрі – Заң",
    "ЖАЛПЫ ЕРЕЖЕЛЕР",
    "ІІО ҰҚК ҚАЖ",
    "ҚАЖ-ның",
    "АБВГДЕЖЗ-ға",
    "IV",
    "iPhone-да",
    "Ǆ ǅ İstanbul ΣΑΣ",
    "a-",
    "-Қ",
    "ҚПК-",
    "5.-",
    "--5",
    "«бап» \"тармақ\" “бөлік”",
    ".* (a|b)+[ \\d{2,} ^$",
    "١٢٣ ٤",
    "Ⅻ-бап",
    "x²",
    "ﬁ",
    "  \t\n ",
    "кітабы тармағы бөлігі орны халқының актілері",
    "мекемелеріндегілерге",
    "прокурорского надзора",
    "3-тармағында 2-тармақшасы 1-бөлігі 2-тарау",
    "Үкімінің күні ұлы",
    "ПРОКУРОРЛЫҚ ҚАДАҒАЛАУ",
];

#[test]
fn client_analysis_matches_rust() {
    let corpus = corpus_texts();
    let mut texts: BTreeSet<String> = BTreeSet::new();
    for text in &corpus {
        for line in text.lines() {
            texts.insert(line.to_string());
            for word in line.split_whitespace() {
                texts.insert(word.to_string());
            }
        }
    }
    let stems = std::fs::read_to_string("tests/fixtures/search/stems.tsv").expect("stem table");
    for line in stems.lines().filter(|l| !l.starts_with('#')) {
        if let Some(word) = line.split('\t').next().filter(|w| !w.is_empty()) {
            texts.insert(word.to_string());
        }
    }
    texts.extend(HOSTILE.iter().map(|s| s.to_string()));
    let mut rows: Vec<Value> = Vec::new();
    let mut words: BTreeSet<String> = BTreeSet::new();
    for (i, text) in texts.iter().enumerate() {
        rows.push(analysed(text, false));
        // The у-fold on a deterministic seventh of the texts (and every hostile one).
        if i % 7 == 0 || HOSTILE.contains(&text.as_str()) {
            rows.push(analysed(text, true));
        }
        for term in analyze(text, NormalizeOptions::default()) {
            if term.kind == TokenKind::Word {
                words.insert(term.surface);
            }
        }
    }
    let words: Vec<Value> = words
        .iter()
        .map(|w| json!({ "word": w, "russian": stem_russian(w), "candidates": stem_candidates(w) }))
        .collect();
    let (texts_n, words_n) = (rows.len(), words.len());
    let dir = tempfile::tempdir().expect("temp dir");
    let expected = dir.path().join("analysis.json");
    let payload = json!({ "texts": rows, "words": words });
    std::fs::write(&expected, payload.to_string()).expect("write expected analysis");
    let summary = run_harness(&[
        Path::new("analysis"),
        Path::new(SEARCH_JS),
        expected.as_path(),
    ]);
    println!("analysis parity: {summary}");
    assert_eq!(summary["texts"], json!(texts_n), "{summary}");
    assert_eq!(summary["words"], json!(words_n), "{summary}");
    assert!(texts_n > 10_000 && words_n > 5_000, "too little compared");
    assert_eq!(
        summary["mismatches"],
        json!(0),
        "the JS client analyses differently from the Rust engine:\n{:#}",
        summary["examples"]
    );
}

const QUERIES: &str = "tests/fixtures/search/parity-queries.txt";
/// The relevance sets whose queries are compared too (if they are checked in).
const RELEVANCE: [&str; 2] = [
    "tests/fixtures/search/relevance.yaml",
    "tests/fixtures/search/relevance-heldout.yaml",
];
/// Hits compared per query (deeper than a results page, so ties and tails are checked too).
const LIMIT: usize = 20;
/// Each query is compared a second time at this limit: shorter than the page the proximity
/// re-scoring looks at, so a client that cut the ranking before re-scoring it would differ.
const SHORT_LIMIT: usize = 3;

/// This file's hard queries, the relevance sets' queries (if they are checked in) and a few
/// generated ones (a 10 KB query, one just at the length limit, one just over).
fn parity_queries() -> Vec<String> {
    let text = std::fs::read_to_string(QUERIES).expect("parity query list");
    let mut queries: Vec<String> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| match l.strip_suffix("\\s") {
            Some(rest) => format!("{rest} "),
            None => l.to_string(),
        })
        .collect();
    for yaml in RELEVANCE
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
    {
        let value: serde_norway::Value =
            serde_norway::from_str(&yaml).expect("relevance set parses");
        let entries = value
            .as_sequence()
            .cloned()
            .or_else(|| value.get("queries").and_then(|q| q.as_sequence()).cloned())
            .unwrap_or_default();
        for entry in entries {
            if let Some(q) = entry.get("query").and_then(|q| q.as_str()) {
                queries.push(q.to_string());
            }
        }
    }
    queries.extend(generated_queries(60));
    queries.push("сот ".repeat(2560));
    queries.push("а".repeat(256));
    queries.push("а".repeat(257));
    queries.push("прокурор ".repeat(20));
    queries
}

/// Queries cut from the corpus text, deterministically: one to four consecutive words of a
/// line, finished (trailing space), being typed (cut inside a word), typed on a Russian
/// keyboard, with two letters swapped, or quoted as a phrase.
fn generated_queries(count: usize) -> Vec<String> {
    let lines: Vec<Vec<String>> = corpus_texts()
        .iter()
        .flat_map(|t| t.lines().map(str::to_string).collect::<Vec<_>>())
        .map(|l| l.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .filter(|words| words.len() >= 3)
        .collect();
    // A fixed linear congruential sequence: the same queries on every run.
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |bound: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) as usize) % bound.max(1)
    };
    (0..count)
        .map(|_| {
            let words = &lines[next(lines.len())];
            let n = 1 + next(4);
            let start = next(words.len().saturating_sub(n) + 1);
            let end = (start + n).min(words.len());
            let query = words[start..end].join(" ");
            let chars: Vec<char> = query.chars().collect();
            match next(5) {
                0 => format!("{query} "),
                1 if chars.len() > 4 => chars[..2 + next(chars.len() - 2)].iter().collect(),
                2 => format!("{} ", zanbook::search::normalize::keyboard_fold(&query)),
                3 if chars.len() > 5 => {
                    let mut swapped = chars.clone();
                    let at = 1 + next(chars.len() - 3);
                    swapped.swap(at, at + 1);
                    format!("{} ", swapped.into_iter().collect::<String>())
                }
                _ => format!("\"{query}\""),
            }
        })
        .collect()
}

/// What `zanbook search --json` returns for a query: the hits as the harness compares them,
/// or null when the CLI refuses the query (empty, too long).
fn rust_hits(bin: &Path, site: &Path, query: &str, limit: usize) -> Value {
    let out = Command::new(bin)
        .args(["search", "--json", "--limit", &limit.to_string(), "--site"])
        .arg(site)
        .arg("--")
        .arg(query)
        .output()
        .expect("zanbook search runs");
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(1),
            "zanbook search {query:?} crashed:\n{stderr}"
        );
        return Value::Null;
    }
    let hits: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "zanbook search --json {query:?} is not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    Value::Array(
        hits.into_iter()
            .map(|h| {
                json!({ "id": h["id"], "score": h["score"], "matched": h["matched"],
                        "snippet": h["snippet"], "marks": h["marks"] })
            })
            .collect(),
    )
}

#[test]
fn client_ranks_like_the_rust_engine() {
    let bin = Path::new(env!("CARGO_BIN_EXE_zanbook"));
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("site");
    let build = Command::new(bin)
        .args(["build", "--out"])
        .arg(&site)
        .output()
        .expect("zanbook build runs");
    assert!(
        build.status.success(),
        "zanbook build failed:\n{}",
        String::from_utf8_lossy(&build.stderr)
    );
    assert!(
        site.join("search/manifest.js").is_file(),
        "zanbook build wrote no search index (site/search/manifest.js)"
    );
    let queries = parity_queries();
    let expected: Vec<Value> = [LIMIT, SHORT_LIMIT]
        .iter()
        .flat_map(|&limit| queries.iter().map(move |q| (q, limit)))
        .map(|(q, limit)| {
            json!({ "query": q, "limit": limit, "hits": rust_hits(bin, &site, q, limit) })
        })
        .collect();
    let answered = expected.iter().filter(|e| e["hits"].is_array()).count();
    let with_hits = expected
        .iter()
        .filter(|e| e["hits"].as_array().is_some_and(|h| !h.is_empty()))
        .count();
    let expected_rows = expected.len();
    let file = dir.path().join("ranking.json");
    std::fs::write(&file, Value::Array(expected).to_string()).expect("write expected ranking");
    let summary = run_harness(&[
        Path::new("ranking"),
        Path::new(SEARCH_JS),
        site.as_path(),
        file.as_path(),
    ]);
    println!(
        "ranking parity: {} queries at limits {LIMIT} and {SHORT_LIMIT} ({answered} answered, \
         {with_hits} with hits, both counted per limit): {summary}",
        queries.len()
    );
    assert_eq!(summary["compared"], json!(expected_rows), "{summary}");
    assert!(
        queries.len() >= 80 && with_hits >= 2 * 50,
        "too few queries compared"
    );
    assert_eq!(
        summary["mismatches"],
        json!(0),
        "the JS client ranks differently from `zanbook search`:\n{:#}",
        summary["examples"]
    );
}
