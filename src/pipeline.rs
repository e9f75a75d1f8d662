//! The whole pipeline in one call: load → normalise → parse → graph → check.
//! `build`, `check` and `graph` all start here.

use crate::check;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::graph::{Document, DocumentTree, Graph};
use crate::load::{self, Corpus, ManifestEntry};
use crate::parse;
use rayon::prelude::*;
use std::path::Path;

/// The graph of a corpus and everything found wrong on the way.
#[derive(Debug, Clone)]
pub struct Compiled {
    pub graph: Graph,
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads and compiles the corpus in `dir`.
pub fn compile_dir(dir: &Path) -> Result<Compiled> {
    let started = std::time::Instant::now();
    let corpus = load::load_corpus(dir)?;
    crate::timings::stage("load", started);
    compile(&corpus)
}

/// Adds a parsed document to the graph under its manifest entry.
pub fn add_document(
    graph: &mut Graph,
    corpus_dir: &Path,
    entry: &ManifestEntry,
    tree: DocumentTree,
) -> Result<()> {
    let document = Document {
        id: entry.id.clone(),
        kind: entry.kind,
        title: entry.title.clone(),
        printed_title: tree.printed_title.clone(),
        language: entry.language.clone(),
        file: entry.file.clone(),
        original_name: entry.original_name.clone(),
        url: entry.url.clone(),
        date: entry.date.clone(),
        meta: tree.meta.clone(),
        children: tree.children.clone(),
    };
    graph
        .add(document, tree)
        .map_err(|msg| Error::input(corpus_dir.join(&entry.file), None, msg))
}

/// Compiles a loaded corpus into the article graph.
pub fn compile(corpus: &Corpus) -> Result<Compiled> {
    let mut t = std::time::Instant::now();
    let mut graph = Graph::default();
    let mut diagnostics = Vec::new();
    // Documents parse independently: on every core, then join the graph in manifest order.
    let parsed: Vec<_> = corpus
        .documents
        .par_iter()
        .map(|raw| parse::parse_document(raw, &corpus.corrections))
        .collect();
    t = crate::timings::stage("parse", t);
    graph.reserve(parsed.iter().map(|(tree, _)| tree.nodes.len()).sum());
    for (raw, (tree, mut found)) in corpus.documents.iter().zip(parsed) {
        add_document(&mut graph, &corpus.dir, &raw.entry, tree)?;
        diagnostics.append(&mut found);
    }
    t = crate::timings::stage("graph", t);
    let statute_abbreviation = |text: &str| corpus.statutes.abbreviation(text).is_some();
    let (glossary, found) = crate::glossary::build(&graph, &statute_abbreviation);
    graph.glossary = glossary;
    diagnostics.extend(found);
    t = crate::timings::stage("glossary", t);
    diagnostics.extend(crate::cite::link(&mut graph, &corpus.statutes));
    graph.statute_abbreviations = corpus.statutes.abbreviation_table();
    t = crate::timings::stage("citations", t);
    diagnostics.extend(check::check(&graph));
    crate::timings::stage("check", t);
    diagnostics.sort_by(|a, b| (&a.file, a.line, &a.code).cmp(&(&b.file, b.line, &b.code)));
    Ok(Compiled { graph, diagnostics })
}
