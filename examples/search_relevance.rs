//! The search relevance set scored in-process, as JSON for the Pagefind comparison
//! (`bench/search/compare.sh`):
//!
//! * `cargo run --example search_relevance` — every query with its relevant ids (first and
//!   second judgment) and the ranked ids of the zanbook engine and the naive baseline, each
//!   passage's site address, and the per-kind Recall@5 / MRR of both under each judgment;
//! * `cargo run --example search_relevance -- passages` — every passage (id, url, title,
//!   text), one JSON object a line: what the relevance judgments were made from.

#[path = "../tests/relevance_set/mod.rs"]
mod relevance_set;

use std::collections::BTreeMap;

use serde_json::json;

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let (_graph, corpus) = relevance_set::search_corpus()?;
    if std::env::args().nth(1).as_deref() == Some("passages") {
        for (passage, stored) in corpus.passages.iter().zip(&corpus.stored) {
            let line = json!({
                "id": passage.id,
                "url": stored.url,
                "title": stored.title(),
                "text": passage.text,
            });
            println!("{line}");
        }
        return Ok(());
    }
    let run = relevance_set::run(&corpus)?;
    let urls: BTreeMap<&str, &str> = corpus
        .stored
        .iter()
        .map(|s| (s.id.as_str(), s.url.as_str()))
        .collect();
    let second = relevance_set::second_set(&run.set, &relevance_set::load_second()?)?;
    let queries: Vec<_> = run
        .set
        .iter()
        .zip(&second)
        .zip(run.engine.iter().zip(&run.baseline))
        .map(|((q, s), (engine, baseline))| {
            json!({
                "query": q.query,
                "kind": q.kind,
                "hard": q.hard,
                "note": q.note,
                "relevant": q.relevant,
                "relevant_second": s.relevant,
                "zanbook": engine,
                "baseline": baseline,
            })
        })
        .collect();
    let out = json!({
        "k": relevance_set::K,
        "mrr_depth": relevance_set::MRR_DEPTH,
        "queries": queries,
        "urls": urls,
        "scores": {
            "zanbook": relevance_set::score(&run.set, &run.engine),
            "baseline": relevance_set::score(&run.set, &run.baseline),
        },
        "scores_second": {
            "zanbook": relevance_set::score(&second, &run.engine),
            "baseline": relevance_set::score(&second, &run.baseline),
        },
    });
    println!("{out}");
    Ok(())
}
