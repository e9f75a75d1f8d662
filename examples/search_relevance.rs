//! The search relevance set scored in-process, as JSON for the Pagefind comparison
//! (`bench/search/compare.sh`):
//!
//! * `cargo run --example search_relevance` — every query with its relevant ids (first and
//!   second judgment) and the ranked ids of the zanbook engine and the naive baseline, each
//!   passage's site address, and the per-kind Recall@5 / MRR of both under each judgment;
//! * `cargo run --example search_relevance -- heldout` — the same for the held-out set
//!   (`relevance-heldout.yaml`, one judgment);
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
    match std::env::args().nth(1).as_deref() {
        Some("passages") => print_passages(&corpus),
        Some("heldout") => {
            let run = relevance_set::run_set(&corpus, relevance_set::load_heldout()?);
            print_run(&corpus, &run, None);
        }
        Some(other) => return Err(format!("unknown argument {other:?}: passages or heldout")),
        None => {
            let run = relevance_set::run(&corpus)?;
            let second = relevance_set::second_set(&run.set, &relevance_set::load_second()?)?;
            print_run(&corpus, &run, Some(&second));
        }
    }
    Ok(())
}

/// Every passage (id, url, title, text), one JSON object a line.
fn print_passages(corpus: &zanbook::search::SearchCorpus) {
    for (passage, stored) in corpus.passages.iter().zip(&corpus.stored) {
        let line = json!({
            "id": passage.id,
            "url": stored.url,
            "title": stored.title(),
            "text": passage.text,
        });
        println!("{line}");
    }
}

/// The rankings, judgments and scores of one run as one JSON object; `second` is the same
/// set under the second judgment, where there is one.
fn print_run(
    corpus: &zanbook::search::SearchCorpus,
    run: &relevance_set::Run,
    second: Option<&[relevance_set::Query]>,
) {
    let urls: BTreeMap<&str, &str> = corpus
        .stored
        .iter()
        .map(|s| (s.id.as_str(), s.url.as_str()))
        .collect();
    let queries: Vec<_> = run
        .set
        .iter()
        .enumerate()
        .zip(run.engine.iter().zip(&run.baseline))
        .map(|((i, q), (engine, baseline))| {
            json!({
                "query": q.query,
                "kind": q.kind,
                "hard": q.hard,
                "note": q.note,
                "relevant": q.relevant,
                "relevant_second": second.map(|s| &s[i].relevant),
                "zanbook": engine,
                "baseline": baseline,
            })
        })
        .collect();
    let scores = |set: &[relevance_set::Query]| {
        json!({
            "zanbook": relevance_set::score(set, &run.engine),
            "baseline": relevance_set::score(set, &run.baseline),
        })
    };
    let out = json!({
        "k": relevance_set::K,
        "mrr_depth": relevance_set::MRR_DEPTH,
        "queries": queries,
        "urls": urls,
        "scores": scores(&run.set),
        "scores_second": second.map(scores),
    });
    println!("{out}");
}
