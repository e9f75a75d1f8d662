//! The search relevance set (`tests/fixtures/search/relevance.yaml`), the metrics it is scored
//! with, and the naive baseline it is compared against. Shared by `tests/search_relevance.rs`
//! (which asserts the thresholds) and `examples/search_relevance.rs` (which prints the same
//! numbers as JSON for the Pagefind comparison in `bench/search/`).
#![allow(dead_code)]

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use zanbook::emit::site::pages::PageMap;
use zanbook::graph::Graph;
use zanbook::search::{passages, Engine, Passage, SearchCorpus, Thesaurus};

/// Hits looked at for Recall@k.
pub const K: usize = 5;
/// Hits looked at for the reciprocal rank (a first relevant hit below this counts 0).
pub const MRR_DEPTH: usize = 10;

/// One judged query.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Query {
    pub query: String,
    pub kind: String,
    /// Passage ids a reader would accept as an answer.
    pub relevant: Vec<String>,
    #[serde(default)]
    pub note: Option<String>,
    /// Written to be hard (a stretch for any engine).
    #[serde(default)]
    pub hard: bool,
    /// A blind assessor's reasons for the close calls (the held-out set).
    #[serde(default)]
    pub borderline: Vec<Borderline>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SetFile {
    queries: Vec<Query>,
}

/// One query of the second, blind judgment (`relevance-second.yaml`): the same query text,
/// the passages the second assessor judged relevant, and the reasons for the close calls.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecondJudgment {
    pub query: String,
    pub relevant: Vec<String>,
    #[serde(default)]
    pub borderline: Vec<Borderline>,
}

/// A close call of the second assessor, kept with its reason.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Borderline {
    pub id: String,
    pub verdict: String,
    pub why: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SecondFile {
    queries: Vec<SecondJudgment>,
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Reads the relevance set.
/// A YAML fixture of the repository, read and parsed; errors name the file.
fn read_fixture<T: serde::de::DeserializeOwned>(relative: &str) -> Result<T, String> {
    let path = repo().join(relative);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_norway::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

pub fn load_set() -> Result<Vec<Query>, String> {
    read_fixture::<SetFile>("tests/fixtures/search/relevance.yaml").map(|f| f.queries)
}

/// The held-out set (`relevance-heldout.yaml`): queries written later, by someone who never
/// ran the engine, judged blind; the engine was not tuned on them.
pub fn load_heldout() -> Result<Vec<Query>, String> {
    read_fixture::<SetFile>("tests/fixtures/search/relevance-heldout.yaml").map(|f| f.queries)
}

/// The corpus graph cut into passages, with the reviewed term list.
/// The second judgment, query by query in the order of the first.
pub fn load_second() -> Result<Vec<SecondJudgment>, String> {
    read_fixture::<SecondFile>("tests/fixtures/search/relevance-second.yaml").map(|f| f.queries)
}

/// The set with the second assessor's relevant passages in place of the first's; an error
/// names the first query the two files do not share (same queries, same order).
pub fn second_set(set: &[Query], second: &[SecondJudgment]) -> Result<Vec<Query>, String> {
    if set.len() != second.len() {
        return Err(format!(
            "relevance-second.yaml has {} queries, relevance.yaml {}",
            second.len(),
            set.len()
        ));
    }
    set.iter()
        .zip(second)
        .map(|(q, s)| {
            if q.query != s.query {
                return Err(format!(
                    "relevance-second.yaml has {:?} where relevance.yaml has {:?}",
                    s.query, q.query
                ));
            }
            Ok(Query {
                relevant: s.relevant.clone(),
                ..q.clone()
            })
        })
        .collect()
}

pub fn search_corpus() -> Result<(Graph, SearchCorpus), String> {
    let root = repo();
    let compiled =
        zanbook::pipeline::compile_dir(&root.join("corpus")).map_err(|e| e.to_string())?;
    let terms =
        Thesaurus::load(&root.join("corpus/search-terms.yaml")).map_err(|e| e.to_string())?;
    let map = PageMap::build(&compiled.graph);
    let corpus = passages::collect(&compiled.graph, &map, terms);
    Ok((compiled.graph, corpus))
}

/// Ranked ids from the zanbook engine (an error query ranks nothing).
pub fn rank_engine(engine: &Engine, query: &str) -> Vec<String> {
    engine
        .search(query, MRR_DEPTH)
        .map(|hits| hits.into_iter().map(|h| h.id).collect())
        .unwrap_or_default()
}

/// The naive baseline: lower-cased words cut to their first five letters; a passage matches a
/// query word when one of its words (title or text) has the same cut. Passages are ranked by
/// the number of query words they match, then by how often those cuts occur in them, then by
/// passage order. No stemming, synonyms, abbreviations, typo tolerance or phrases (quotes are
/// punctuation).
pub struct Baseline {
    docs: Vec<(String, BTreeMap<String, u32>)>,
}

fn cut_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().chars().take(5).collect())
        .collect()
}

impl Baseline {
    pub fn new(passages: &[Passage]) -> Baseline {
        let docs = passages
            .iter()
            .map(|p| {
                let mut counts: BTreeMap<String, u32> = BTreeMap::new();
                for w in cut_words(&p.title).into_iter().chain(cut_words(&p.text)) {
                    *counts.entry(w).or_default() += 1;
                }
                (p.id.clone(), counts)
            })
            .collect();
        Baseline { docs }
    }

    pub fn rank(&self, query: &str) -> Vec<String> {
        let mut words = cut_words(query);
        words.sort();
        words.dedup();
        let mut scored: Vec<(u32, u32, usize)> = Vec::new();
        for (i, (_, counts)) in self.docs.iter().enumerate() {
            let found: Vec<u32> = words
                .iter()
                .filter_map(|w| counts.get(w).copied())
                .collect();
            if !found.is_empty() {
                scored.push((found.len() as u32, found.iter().sum(), i));
            }
        }
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        scored
            .into_iter()
            .take(MRR_DEPTH)
            .map(|(_, _, i)| self.docs[i].0.clone())
            .collect()
    }
}

/// Recall@k: of the relevant passages that fit in k slots (min(|relevant|, k)), the share
/// found in the first k hits.
pub fn recall_at_k(ranked: &[String], relevant: &[String]) -> f64 {
    if relevant.is_empty() {
        return 0.0;
    }
    let rel: HashSet<&str> = relevant.iter().map(String::as_str).collect();
    let found = ranked
        .iter()
        .take(K)
        .filter(|id| rel.contains(id.as_str()))
        .count();
    found as f64 / relevant.len().min(K) as f64
}

/// 1 / rank of the first relevant hit within [`MRR_DEPTH`], else 0.
pub fn reciprocal_rank(ranked: &[String], relevant: &[String]) -> f64 {
    ranked
        .iter()
        .take(MRR_DEPTH)
        .position(|id| relevant.contains(id))
        .map_or(0.0, |i| 1.0 / (i + 1) as f64)
}

/// Mean Recall@k and MRR over a group of queries.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Scores {
    pub queries: usize,
    pub recall: f64,
    pub mrr: f64,
}

/// Per-kind and overall ("all") scores of one system's rankings.
pub fn score(set: &[Query], ranked: &[Vec<String>]) -> BTreeMap<String, Scores> {
    let mut sums: BTreeMap<String, (usize, f64, f64)> = BTreeMap::new();
    for (q, r) in set.iter().zip(ranked) {
        let recall = recall_at_k(r, &q.relevant);
        let rr = reciprocal_rank(r, &q.relevant);
        for key in [q.kind.as_str(), "all"] {
            let e = sums.entry(key.to_string()).or_default();
            e.0 += 1;
            e.1 += recall;
            e.2 += rr;
        }
    }
    sums.into_iter()
        .map(|(k, (n, r, m))| {
            (
                k,
                Scores {
                    queries: n,
                    recall: r / n as f64,
                    mrr: m / n as f64,
                },
            )
        })
        .collect()
}

/// Every system's scores as a table, one row per kind, "all" last.
pub fn table(systems: &[(&str, &BTreeMap<String, Scores>)]) -> String {
    let mut out = String::from("| kind | queries |");
    for (name, _) in systems {
        out.push_str(&format!(" {name} R@5 | {name} MRR |"));
    }
    out.push('\n');
    out.push_str("|---|---|");
    for _ in systems {
        out.push_str("---|---|");
    }
    out.push('\n');
    let Some((_, first)) = systems.first() else {
        return out;
    };
    let mut kinds: Vec<&String> = first.keys().filter(|k| *k != "all").collect();
    let all = "all".to_string();
    kinds.push(&all);
    for kind in kinds {
        let n = first.get(kind).map_or(0, |s| s.queries);
        out.push_str(&format!("| {kind} | {n} |"));
        for (_, scores) in systems {
            let s = scores.get(kind).copied().unwrap_or_default();
            out.push_str(&format!(" {:.3} | {:.3} |", s.recall, s.mrr));
        }
        out.push('\n');
    }
    out
}

/// Runs the set through the engine and the baseline.
pub struct Run {
    pub set: Vec<Query>,
    pub engine: Vec<Vec<String>>,
    pub baseline: Vec<Vec<String>>,
}

pub fn run(corpus: &SearchCorpus) -> Result<Run, String> {
    Ok(run_set(corpus, load_set()?))
}

/// Runs any set of queries through the engine and the baseline.
pub fn run_set(corpus: &SearchCorpus, set: Vec<Query>) -> Run {
    let engine = Engine::new(&corpus.passages, corpus.thesaurus.clone());
    let baseline = Baseline::new(&corpus.passages);
    Run {
        engine: set.iter().map(|q| rank_engine(&engine, &q.query)).collect(),
        baseline: set.iter().map(|q| baseline.rank(&q.query)).collect(),
        set,
    }
}
