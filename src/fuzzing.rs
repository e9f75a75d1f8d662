//! Fuzz entry points: one function per fuzz target, taking arbitrary bytes. The cargo-fuzz
//! targets in `fuzz/` are thin wrappers around these, and `tests/fuzz_smoke.rs` runs them
//! over the seeds, the saved regressions and deterministic mutations on every `cargo test`
//! (an instrumented libFuzzer build is far too slow for CI). Not an API: hidden from docs.
//!
//! The contract of every entry: it returns for any input. A panic is a bug in zanbook.
//! The fixtures (the repository's own corpus, templates and examples) are loaded once;
//! [`fixtures`] reports whether they loaded, so a broken checkout cannot pass as "no crash".

use crate::act;
use crate::graph::DocKind;
use crate::handout::{self, Includes, Renderer, Sources};
use crate::load::{decode, Corpus, ManifestEntry, RawDocument};
use crate::pipeline::Compiled;
use crate::search::engine::Engine as SearchEngine;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// A fuzz entry: takes any bytes, returns (a panic is the bug it looks for).
pub type Entry = fn(&[u8]);

/// Every entry by its fuzz target's name.
pub const TARGETS: [(&str, Entry); 5] = [
    ("corpus_document", corpus_document),
    ("citations", citations),
    ("act_yaml", act_yaml),
    ("handout_yaml", handout_yaml),
    ("search_query", search_query),
];

/// The repository root (the fixtures are its corpus, templates and examples).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Arbitrary bytes as a corpus document of each kind: decode (encoding and size checks),
/// normalise, parse. Every node's line range must lie inside the text.
pub fn corpus_document(data: &[u8]) {
    let Ok(lines) = decode(data, Path::new("fuzz.txt")) else {
        return;
    };
    let count = lines.len() as u32;
    for kind in [DocKind::Order, DocKind::Law, DocKind::Textbook] {
        let doc = RawDocument {
            entry: ManifestEntry {
                id: "fuzz-1".into(),
                file: "fuzz.txt".into(),
                kind,
                title: "T".into(),
                language: "kk".into(),
                original_name: "fuzz.txt".into(),
                url: None,
                date: None,
            },
            lines: lines.clone(),
        };
        let (tree, _diagnostics) = crate::parse::parse_document(&doc, &[]);
        for node in &tree.nodes {
            let [first, last] = node.source.lines;
            assert!(
                first <= last && last <= count.max(1),
                "{} lines {first}-{last} of {count}",
                node.id
            );
        }
    }
}

/// Arbitrary UTF-8 through the citation recogniser and resolver, with the real registry;
/// every record must serialise.
pub fn citations(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Some(fx) = shared() else { return };
    let records = crate::cite::cite_text(text, &Default::default(), &fx.corpus.statutes);
    for record in &records {
        let _ = serde_json::to_string(record);
    }
}

/// Arbitrary bytes as an act file: the located YAML reader, then the full check (schema,
/// rules, calendar) with the real templates.
pub fn act_yaml(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = act::yaml::parse(text);
    if let Some(engine) = act_engine() {
        let _ = engine.check(text).has_errors();
    }
}

/// Arbitrary bytes as a handout spec, loaded as `zanbook handout` loads one: against the
/// graph of the real corpus, includes relative to `examples/handouts/` and confined to the
/// repository. A spec that assembles is also rendered to HTML, both copies (the PDF is the
/// acts' Typst engine, fuzzed through `act_yaml`'s templates and too slow per input).
pub fn handout_yaml(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Some(fx) = shared() else { return };
    let includes = Includes::new(&root().join("examples/handouts"), &root());
    let (built, diagnostics) = handout::prepare(text, &includes, &fx.sources);
    for d in &diagnostics {
        let _ = act::report::render(d, "fuzz.yaml", text);
    }
    let (Some(built), Some(renderer)) = (built, &fx.renderer) else {
        return;
    };
    for trainer in [false, true] {
        let _ = renderer.html(&built.copy(trainer));
    }
}

/// Arbitrary UTF-8 as a search query: analysis, then a search over the passages of the
/// real corpus.
pub fn search_query(data: &[u8]) {
    let Ok(query) = std::str::from_utf8(data) else {
        return;
    };
    let _ = crate::search::analyze(query, Default::default());
    if let Some(fx) = shared() {
        let _ = fx.search.search(query, 10);
    }
}

/// Whether every fixture loaded; the error says which did not.
pub fn fixtures() -> Result<(), String> {
    let fx = shared().ok_or_else(|| shared_error().unwrap_or_default())?;
    if fx.renderer.is_none() {
        return Err("the handout templates (templates/handout) did not load".into());
    }
    act_engine()
        .map(|_| ())
        .ok_or_else(|| "the act templates (templates/acts) did not load".into())
}

/// The compiled corpus and what is built from it, once per process.
struct Shared {
    corpus: &'static Corpus,
    /// The handouts' view of the graph (page map, citation index), built once: per input
    /// it would cost more than the spec itself.
    sources: Sources<'static>,
    search: SearchEngine,
    renderer: Option<Renderer>,
}

fn shared_cell() -> &'static OnceLock<Result<Shared, String>> {
    static SHARED: OnceLock<Result<Shared, String>> = OnceLock::new();
    &SHARED
}

fn shared() -> Option<&'static Shared> {
    shared_cell().get_or_init(load_shared).as_ref().ok()
}

fn shared_error() -> Option<String> {
    shared_cell()
        .get_or_init(load_shared)
        .as_ref()
        .err()
        .cloned()
}

fn load_shared() -> Result<Shared, String> {
    let root = root();
    // Leaked: loaded once per process and borrowed by `sources` for the rest of it.
    let corpus: &'static Corpus = Box::leak(Box::new(
        crate::load::load_corpus(&root.join("corpus")).map_err(|e| e.to_string())?,
    ));
    let compiled: &'static Compiled = Box::leak(Box::new(
        crate::pipeline::compile(corpus).map_err(|e| e.to_string())?,
    ));
    let map = crate::emit::site::pages::PageMap::build(&compiled.graph);
    let terms = crate::search::synonyms::Thesaurus::load(&root.join("corpus/search-terms.yaml"))
        .unwrap_or_default();
    let passages = crate::search::passages::collect(&compiled.graph, &map, terms);
    let search = SearchEngine::new(&passages.passages, passages.thesaurus);
    let renderer = Renderer::new(&root.join("templates/handout")).ok();
    Ok(Shared {
        corpus,
        sources: Sources::new(&compiled.graph, &corpus.statutes, None),
        search,
        renderer,
    })
}

fn act_engine() -> Option<&'static act::Engine> {
    static ENGINE: OnceLock<Option<act::Engine>> = OnceLock::new();
    ENGINE
        .get_or_init(|| {
            let root = root();
            act::Engine::load(&root.join("templates/acts"), Some(&root.join("corpus"))).ok()
        })
        .as_ref()
}
