//! Incremental builds for `zanbook serve`: a [`Session`] lives between rebuilds and keeps
//! what an unchanged input would only produce again.
//!
//! | stage | kept | reused when |
//! |---|---|---|
//! | load | each text's bytes and decoded lines; the statute registry | the file's bytes are the same |
//! | parse | each document's tree and diagnostics | its text, manifest entry and corrections are the same (fingerprint, with the zanbook version) |
//! | glossary | the merged glossary and its diagnostics | every document's terms and abbreviations and the registry are equal |
//! | citations | each document's scanned citations and their resolution ([`crate::cite::link::LinkCache`]) | scans: its parse key and the registry are the same; resolution: besides, the corpus acts and the parse keys of the documents its citations looked into |
//! | check | nothing | (whole-graph, cheap) |
//! | pages | each page's fingerprint of template and context ([`crate::emit::site::incremental`]) | the page's complete input is the same (rendered and written only otherwise) |
//! | pages of unchanged documents | the page as written, its context not even built | same parse key, same citation edges, same edge targets (`Session::clean_documents`); so are their listing pages (questions, cases, sources), and statute pages cited only from such documents |
//! | search index | nothing | rebuilt after the pages by [`Session::update_search`] |
//!
//! The graph, the diagnostics and the written pages equal those of a fresh `zanbook build`:
//! `tests/incremental.rs` compares them byte for byte after a sequence of edits.

use crate::check;
use crate::cite::link::LinkCache;
use crate::cite::Registry;
use crate::corrections::{self, Correction};
use crate::diagnostic::{Diagnostic, Severity};
use crate::emit::atomic::StagedDir;
use crate::emit::site::incremental::{self as site_incremental, fingerprint_parts, Fingerprint};
use crate::emit::site::pages::PageMap;
use crate::error::{Error, Result};
use crate::glossary::GlossaryEntry;
use crate::graph::{Abbreviation, CiteEdge, DocumentTree, Graph, StatuteUnit, Term};
use crate::load::{self, RawDocument};
use crate::parse;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A text as last read: its bytes (compared whole, not by hash), its fingerprint and lines.
#[derive(Debug)]
struct Text {
    bytes: Vec<u8>,
    print: Fingerprint,
    lines: Vec<String>,
}

/// One document's parse diagnostics and the fingerprint of the inputs they came from (its
/// tree lives in the session's last graph and moves into the next one).
#[derive(Debug)]
struct Parsed {
    key: Fingerprint,
    diagnostics: Vec<Diagnostic>,
}

/// What the site's pages were made from, kept from the graph of the last written build when
/// that graph is taken apart for the next one: enough to decide which pages are unchanged.
#[derive(Debug, Default)]
struct Written {
    keys: HashMap<String, Fingerprint>,
    documents: Vec<String>,
    /// Citation edges by the document of the citing node, in graph order.
    edges: HashMap<String, Vec<CiteEdge>>,
    units: HashMap<String, StatuteUnit>,
    /// Edge targets that were nodes of the graph.
    node_targets: HashSet<String>,
}

impl Written {
    /// Takes what the decisions need out of the written graph (its citations and statute
    /// units move; its nodes stay for [`Graph::into_trees`]).
    fn take(graph: &mut Graph, keys: &HashMap<String, Fingerprint>) -> Self {
        let mut node_targets = HashSet::new();
        let mut citing_documents = Vec::with_capacity(graph.citations.len());
        for edge in &graph.citations {
            if graph.node(&edge.to).is_some() {
                node_targets.insert(edge.to.clone());
            }
            citing_documents.push(
                graph
                    .node(&edge.from)
                    .map_or(String::new(), |n| n.document.clone()),
            );
        }
        let mut edges: HashMap<String, Vec<CiteEdge>> = HashMap::new();
        for (edge, doc) in std::mem::take(&mut graph.citations)
            .into_iter()
            .zip(citing_documents)
        {
            edges.entry(doc).or_default().push(edge);
        }
        let units = (std::mem::take(&mut graph.statute_articles).into_iter())
            .map(|u| (u.id.clone(), u))
            .collect();
        Written {
            keys: keys.clone(),
            documents: graph.documents.iter().map(|d| d.id.clone()).collect(),
            edges,
            units,
            node_targets,
        }
    }
}

/// The glossary of the last build and what it was built from.
#[derive(Debug)]
struct Glossary {
    terms: Vec<Term>,
    abbreviations: Vec<Abbreviation>,
    registry: Fingerprint,
    entries: Vec<GlossaryEntry>,
    /// The abbreviations the entries define ([`crate::glossary::known_abbreviations`]).
    known: HashSet<String>,
    /// Textbook → (its parse key, the undefined acronyms found in it). Valid while `known`
    /// and the registry are the ones above.
    undefined: HashMap<String, (Fingerprint, Vec<Diagnostic>)>,
}

/// One compile: the graph, its sorted diagnostics, how many documents were parsed (not
/// reused), and every document's parse key.
struct Compiled {
    graph: Graph,
    diagnostics: Vec<Diagnostic>,
    parsed: usize,
    keys: HashMap<String, Fingerprint>,
}

/// What one rebuild did and how long it took.
#[derive(Debug, Clone, Copy, Default)]
pub struct RebuildStats {
    pub pages: usize,
    /// Pages rendered and written (all of them on a full build).
    pub written: usize,
    pub removed: usize,
    /// Documents parsed (the others came from the cache).
    pub parsed: usize,
    pub documents: usize,
    pub full: bool,
    /// Corpus to graph and diagnostics.
    pub compile: Duration,
    /// Graph to written pages (and, on a full build, the search index).
    pub site: Duration,
}

/// A long-lived build of one corpus into one site.
#[derive(Debug)]
pub struct Session {
    corpus: PathBuf,
    out: PathBuf,
    templates: Option<PathBuf>,
    texts: HashMap<PathBuf, Text>,
    registry: Option<(Option<Vec<u8>>, Fingerprint, Registry)>,
    parsed: HashMap<String, Parsed>,
    glossary: Option<Glossary>,
    scans: LinkCache,
    pages: site_incremental::PageCache,
    /// The graph of the last compile and each document's parse key in it: its trees move
    /// into the next graph instead of being copied.
    graph: Option<Graph>,
    graph_keys: HashMap<String, Fingerprint>,
    /// Whether the site's pages are that graph's (the search index is built from it then).
    graph_written: bool,
    /// What the site's pages were made from.
    written: Option<Written>,
    /// The search index lags the pages (an incremental build wrote pages only).
    search_stale: bool,
}

impl Session {
    pub fn new(corpus: &Path, out: &Path, templates: Option<&Path>) -> Self {
        Session {
            corpus: corpus.to_path_buf(),
            out: out.to_path_buf(),
            templates: templates.map(Path::to_path_buf),
            texts: HashMap::new(),
            registry: None,
            parsed: HashMap::new(),
            glossary: None,
            scans: LinkCache::default(),
            pages: site_incremental::PageCache::default(),
            graph: None,
            graph_keys: HashMap::new(),
            graph_written: false,
            written: None,
            search_stale: false,
        }
    }

    /// Does the search index lag the pages?
    pub fn search_stale(&self) -> bool {
        self.search_stale
    }

    /// Compiles the corpus (reusing what did not change) and writes the pages whose input
    /// changed. A corpus with errors is refused and the previous site stays. The first build
    /// (and the first after a template change or a failure) is a full one, search index
    /// included; later ones leave the index to [`Session::update_search`].
    pub fn rebuild(&mut self) -> Result<RebuildStats> {
        let started = Instant::now();
        let (corpus, prints) = self.load()?;
        let t = Instant::now();
        let mut trees = self.take_graph();
        crate::timings::stage("incremental last graph taken apart", t);
        let compiled = self.compile_loaded(&corpus, &prints, &mut trees);
        self.keep_texts(corpus, &prints);
        // What is left (documents no longer listed or changed) is freed off the rebuild's path.
        std::thread::spawn(move || drop(trees));
        let Compiled {
            graph,
            diagnostics,
            parsed,
            keys,
        } = compiled?;
        let errors = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        if errors > 0 {
            self.keep_graph(graph, keys, false);
            return Err(Error::Diagnostics(format!(
                "{errors} error(s) in the corpus (run `zanbook check`)"
            )));
        }
        let compile = started.elapsed();
        let terms = self.corpus.join("search-terms.yaml");
        let t = Instant::now();
        let clean = self.clean_documents(&graph, &keys);
        crate::timings::stage("incremental unchanged", t);
        let site = site_incremental::write_site_incremental(
            &graph,
            &diagnostics,
            &self.out,
            self.templates.as_deref(),
            &mut self.pages,
            &clean,
            |staged, map| {
                crate::search::shards::index_site(&graph, map, staged, &terms).map(|_| ())
            },
        );
        let documents = keys.len();
        let site = match site {
            Ok(site) => site,
            Err(e) => {
                self.keep_graph(graph, keys, false);
                return Err(e);
            }
        };
        self.search_stale = !site.full;
        self.keep_graph(graph, keys, true);
        Ok(RebuildStats {
            pages: site.pages,
            written: site.written,
            removed: site.removed,
            parsed,
            documents,
            full: site.full,
            compile,
            site: started.elapsed() - compile,
        })
    }

    /// Keeps the graph of this compile for the next one (and, when its pages were written,
    /// for the search index).
    fn keep_graph(&mut self, graph: Graph, keys: HashMap<String, Fingerprint>, written: bool) {
        self.graph = Some(graph);
        self.graph_keys = keys;
        self.graph_written = written;
    }

    /// Takes the last graph apart into its documents' trees, first keeping what the written
    /// site was made from when the graph is the written one.
    fn take_graph(&mut self) -> HashMap<String, DocumentTree> {
        let Some(mut graph) = self.graph.take() else {
            return HashMap::new();
        };
        if self.graph_written {
            self.written = Some(Written::take(&mut graph, &self.graph_keys));
        }
        self.graph_written = false;
        graph.into_trees()
    }

    /// Rebuilds the search index of the last build into `<out>/search/` (every impact
    /// depends on corpus-wide statistics, so it is built whole) and swaps it in.
    pub fn update_search(&mut self) -> Result<()> {
        let Some(graph) = self.graph.as_ref().filter(|_| self.graph_written) else {
            return Ok(());
        };
        let name = self
            .out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "site".into());
        let side = self.out.with_file_name(format!(".{name}-search"));
        let staged = StagedDir::new(&side)?;
        let map = PageMap::build(graph);
        let terms = self.corpus.join("search-terms.yaml");
        crate::search::shards::index_site(graph, &map, &staged, &terms)?;
        let fresh = staged.path().join(crate::search::shards::INDEX_DIR);
        let current = self.out.join(crate::search::shards::INDEX_DIR);
        let old = self.out.join(format!(".search-old-{}", std::process::id()));
        if current.exists() {
            std::fs::rename(&current, &old).map_err(|e| Error::io(&current, e))?;
        }
        if let Err(e) = std::fs::rename(&fresh, &current) {
            let _ = std::fs::rename(&old, &current);
            return Err(Error::io(&current, e));
        }
        if old.exists() {
            std::fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e))?;
        }
        self.search_stale = false;
        Ok(())
    }

    /// Loads the corpus, reusing decoded texts whose bytes did not change. The lines move
    /// into the corpus and back with [`Session::keep_texts`]; the second value holds each
    /// document's text path and fingerprint.
    fn load(&mut self) -> Result<(load::Corpus, Vec<(PathBuf, Fingerprint)>)> {
        let t = Instant::now();
        let entries = load::manifest_entries(&self.corpus)?;
        let mut texts = HashMap::with_capacity(entries.len());
        let mut documents = Vec::with_capacity(entries.len());
        let mut prints = Vec::with_capacity(entries.len());
        for (entry, path) in entries {
            // Two entries may list one file: the second decodes it again.
            let bytes = load::read_text_bytes(&path)?;
            let mut text = match self.texts.remove(&path) {
                Some(text) if text.bytes == bytes && !text.lines.is_empty() => text,
                _ => Text {
                    lines: load::decode(&bytes, &path)?,
                    print: fingerprint_parts([bytes.as_slice()]),
                    bytes,
                },
            };
            documents.push(RawDocument {
                entry,
                lines: std::mem::take(&mut text.lines),
            });
            prints.push((path.clone(), text.print));
            texts.insert(path, text);
        }
        self.texts = texts;
        let corrections = corrections::load(&self.corpus.join(load::CORRECTIONS), &documents)?;
        let statutes = self.registry()?;
        crate::timings::stage("incremental load", t);
        let corpus = load::Corpus {
            dir: self.corpus.clone(),
            documents,
            corrections,
            statutes,
        };
        Ok((corpus, prints))
    }

    /// Gives the decoded lines back to the texts they were read from.
    fn keep_texts(&mut self, corpus: load::Corpus, prints: &[(PathBuf, Fingerprint)]) {
        for (raw, (path, _)) in corpus.documents.into_iter().zip(prints) {
            if let Some(text) = self.texts.get_mut(path) {
                if text.lines.is_empty() {
                    text.lines = raw.lines;
                }
            }
        }
    }

    /// The statute registry, parsed again only when `statutes.yaml` changed.
    fn registry(&mut self) -> Result<Registry> {
        let path = self.corpus.join(crate::cite::registry::STATUTES);
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => Some(bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(Error::io(&path, e)),
        };
        if let Some((was, _, registry)) = &self.registry {
            if *was == bytes {
                return Ok(registry.clone());
            }
        }
        let registry = Registry::load_dir(&self.corpus)?;
        let print = fingerprint_parts([bytes.as_deref().unwrap_or(b"\0none")]);
        self.registry = Some((bytes, print, registry.clone()));
        Ok(registry)
    }

    fn registry_print(&self) -> Fingerprint {
        self.registry.as_ref().map_or(0, |(_, print, _)| *print)
    }

    /// The fingerprint of everything one document's parse depends on: the zanbook version,
    /// its manifest entry, its text and the corrections that name it.
    fn parse_key(raw: &RawDocument, text: Fingerprint, corrections: &[Correction]) -> Fingerprint {
        let entry = serde_json::to_vec(&raw.entry).unwrap_or_default();
        let mine: Vec<&Correction> = corrections
            .iter()
            .filter(|c| c.document == raw.entry.id)
            .collect();
        let corrections = format!("{mine:?}");
        fingerprint_parts([
            env!("CARGO_PKG_VERSION").as_bytes(),
            entry.as_slice(),
            text.to_le_bytes().as_slice(),
            corrections.as_bytes(),
        ])
    }

    /// The same stages as [`crate::pipeline::compile`], each reusing what it can. Returns the
    /// graph, the sorted diagnostics, how many documents were parsed, and their parse keys.
    /// Documents whose key is unchanged take their tree from `trees` (the last graph taken
    /// apart); the others are parsed.
    fn compile_loaded(
        &mut self,
        corpus: &load::Corpus,
        prints: &[(PathBuf, Fingerprint)],
        trees: &mut HashMap<String, DocumentTree>,
    ) -> Result<Compiled> {
        let mut t = Instant::now();
        let keys: Vec<Fingerprint> = (corpus.documents.iter().zip(prints))
            .map(|(raw, (_, text))| Self::parse_key(raw, *text, &corpus.corrections))
            .collect();
        let mut previous = std::mem::take(&mut self.parsed);
        let stale: Vec<usize> = (0..corpus.documents.len())
            .filter(|&i| {
                let id = &corpus.documents[i].entry.id;
                previous.get(id).is_none_or(|p| p.key != keys[i])
                    || self.graph_keys.get(id) != Some(&keys[i])
                    || !trees.contains_key(id)
            })
            .collect();
        let fresh: Vec<(usize, (DocumentTree, Vec<Diagnostic>))> = stale
            .par_iter()
            .map(|&i| {
                let raw = &corpus.documents[i];
                (i, parse::parse_document(raw, &corpus.corrections))
            })
            .collect();
        for (i, (tree, diagnostics)) in fresh {
            let id = corpus.documents[i].entry.id.clone();
            let key = keys[i];
            previous.insert(id.clone(), Parsed { key, diagnostics });
            trees.insert(id, tree);
        }
        let mut graph = Graph::default();
        let mut diagnostics = Vec::new();
        let mut kept = HashMap::with_capacity(corpus.documents.len());
        for raw in &corpus.documents {
            let entry = &raw.entry;
            let (Some(parsed), Some(tree)) = (previous.remove(&entry.id), trees.remove(&entry.id))
            else {
                continue;
            };
            crate::pipeline::add_document(&mut graph, &corpus.dir, entry, tree)?;
            diagnostics.extend(parsed.diagnostics.iter().cloned());
            kept.insert(entry.id.clone(), parsed);
        }
        self.parsed = kept;
        t = crate::timings::stage("incremental parse", t);
        let registry = self.registry_print();
        let doc_keys: HashMap<&str, Fingerprint> = (corpus.documents.iter())
            .zip(&keys)
            .map(|(raw, key)| (raw.entry.id.as_str(), *key))
            .collect();
        let (glossary, found) = self.glossary(&graph, &corpus.statutes, registry, &doc_keys);
        graph.glossary = glossary;
        diagnostics.extend(found);
        t = crate::timings::stage("incremental glossary", t);
        let scan_key = |doc: &str| {
            let key = doc_keys.get(doc)?;
            Some(fingerprint_parts([
                key.to_le_bytes().as_slice(),
                registry.to_le_bytes().as_slice(),
            ]))
        };
        diagnostics.extend(crate::cite::link::link_cached(
            &mut graph,
            &corpus.statutes,
            &mut self.scans,
            &scan_key,
        ));
        graph.statute_abbreviations = corpus.statutes.abbreviation_table();
        t = crate::timings::stage("incremental citations", t);
        diagnostics.extend(check::check(&graph));
        crate::timings::stage("incremental check", t);
        diagnostics.sort_by(|a, b| (&a.file, a.line, &a.code).cmp(&(&b.file, b.line, &b.code)));
        let keys = (corpus.documents.iter().zip(keys))
            .map(|(raw, key)| (raw.entry.id.clone(), key))
            .collect();
        Ok(Compiled {
            graph,
            diagnostics,
            parsed: stale.len(),
            keys,
        })
    }

    /// What is provably unchanged since the written site: see [`Session::clean_pages`] and
    /// [`Session::clean_units`].
    fn clean_documents(
        &self,
        graph: &Graph,
        keys: &HashMap<String, Fingerprint>,
    ) -> site_incremental::Unchanged {
        let Some(old) = &self.written else {
            return site_incremental::Unchanged::default();
        };
        let new_edges = edges_by_document(graph);
        let documents = Self::clean_pages(old, graph, keys, &new_edges);
        let same_documents = old
            .documents
            .iter()
            .eq(graph.documents.iter().map(|d| &d.id));
        if !same_documents {
            return site_incremental::Unchanged {
                documents,
                ..Default::default()
            };
        }
        let units = Self::clean_units(old, graph, &documents, &new_edges);
        site_incremental::Unchanged { documents, units }
    }

    /// The documents whose own pages (index and node pages) have exactly the input the
    /// written site gave them: the same parse key (so the same nodes, title and metadata, and
    /// the same page map), the same citation edges from their nodes, and every edge target
    /// the same (a statute unit equal to the one before, or a node of a document whose parse
    /// key is the same, or no node both times). Those pages' contexts are not even built.
    fn clean_pages(
        old: &Written,
        graph: &Graph,
        keys: &HashMap<String, Fingerprint>,
        new_edges: &HashMap<&str, Vec<&CiteEdge>>,
    ) -> HashSet<String> {
        let same_key = |doc: &str| keys.get(doc).is_some() && keys.get(doc) == old.keys.get(doc);
        let new_units: HashMap<&str, &StatuteUnit> = (graph.statute_articles.iter())
            .map(|u| (u.id.as_str(), u))
            .collect();
        let target_same = |to: &str| match (new_units.get(to), old.units.get(to)) {
            (Some(new), Some(old)) => *new == old,
            (Some(_), None) | (None, Some(_)) => false,
            (None, None) => match graph.node(to) {
                Some(new) => old.node_targets.contains(to) && same_key(&new.document),
                None => !old.node_targets.contains(to),
            },
        };
        let (none_new, none_old) = (Vec::new(), Vec::new());
        (graph.documents.iter())
            .map(|d| d.id.as_str())
            .filter(|doc| same_key(doc))
            .filter(|doc| {
                let new = new_edges.get(doc).unwrap_or(&none_new);
                let was = old.edges.get(*doc).unwrap_or(&none_old);
                new.len() == was.len()
                    && new.iter().zip(was).all(|(a, b)| *a == b)
                    && new.iter().all(|e| target_same(&e.to))
            })
            .map(str::to_string)
            .collect()
    }

    /// Statute units whose page has the same input: (the same documents in the same order,
    /// checked by the caller,) the unit equal to the one before, and every edge to it, before
    /// and after, from a clean document (whose edges, nodes and addresses are the same).
    fn clean_units(
        old: &Written,
        graph: &Graph,
        clean: &HashSet<String>,
        new_edges: &HashMap<&str, Vec<&CiteEdge>>,
    ) -> HashSet<String> {
        let mut touched: HashSet<&str> = HashSet::new();
        for (_, edges) in new_edges.iter().filter(|(doc, _)| !clean.contains(**doc)) {
            touched.extend(edges.iter().map(|e| e.to.as_str()));
        }
        for (_, edges) in old.edges.iter().filter(|(doc, _)| !clean.contains(*doc)) {
            touched.extend(edges.iter().map(|e| e.to.as_str()));
        }
        (graph.statute_articles.iter())
            .filter(|u| !touched.contains(u.id.as_str()))
            .filter(|u| old.units.get(&u.id) == Some(*u))
            .map(|u| u.id.clone())
            .collect()
    }

    /// The glossary and its diagnostics. The entries are merged again only when a term, an
    /// abbreviation or the registry changed; a textbook's undefined acronyms are reused while
    /// its own text (parse key), the registry and the set of defined abbreviations are
    /// unchanged (an edit to a term's definition changes the entries, rarely that set).
    fn glossary(
        &mut self,
        graph: &Graph,
        statutes: &Registry,
        registry: Fingerprint,
        doc_keys: &HashMap<&str, Fingerprint>,
    ) -> (Vec<GlossaryEntry>, Vec<Diagnostic>) {
        let before = self.glossary.take().filter(|g| g.registry == registry);
        let (entries, known, mut undefined_before) = match before {
            Some(g) if g.terms == graph.terms && g.abbreviations == graph.abbreviations => {
                (g.entries, g.known, g.undefined)
            }
            before => {
                let entries = crate::glossary::entries(graph);
                let known = crate::glossary::known_abbreviations(&entries);
                let undefined = match before {
                    Some(g) if g.known == known => g.undefined,
                    _ => HashMap::new(),
                };
                (entries, known, undefined)
            }
        };
        let statute_abbreviation = |text: &str| statutes.abbreviation(text).is_some();
        let mut undefined = HashMap::new();
        let mut diagnostics = Vec::new();
        for doc in crate::glossary::textbooks_by_id(graph) {
            let key = doc_keys.get(doc).copied();
            let found = match (undefined_before.remove(doc), key) {
                (Some((was, found)), Some(key)) if was == key => found,
                _ => crate::glossary::undefined_in_document(
                    graph,
                    doc,
                    &known,
                    &statute_abbreviation,
                ),
            };
            diagnostics.extend(found.iter().cloned());
            if let Some(key) = key {
                undefined.insert(doc.to_string(), (key, found));
            }
        }
        self.glossary = Some(Glossary {
            terms: graph.terms.clone(),
            abbreviations: graph.abbreviations.clone(),
            registry,
            entries: entries.clone(),
            known,
            undefined,
        });
        (entries, diagnostics)
    }
}

/// Citation edges grouped by the document of the citing node, in graph order.
fn edges_by_document(graph: &Graph) -> HashMap<&str, Vec<&CiteEdge>> {
    let mut out: HashMap<&str, Vec<&CiteEdge>> = HashMap::new();
    for edge in &graph.citations {
        let doc = graph.node(&edge.from).map_or("", |n| n.document.as_str());
        out.entry(doc).or_default().push(edge);
    }
    out
}
