//! Linking: recognise the citations in every node of the graph, resolve them in the node's
//! context (its date, the act it quotes or amends) and add `cites` edges, `cited_by`
//! back-links and statute-unit nodes. What does not resolve becomes a diagnostic.

use super::date::Date;
use super::grammar::{ActRef, Citation, Scanner};
use super::lexicon::Head;
use super::registry::Registry;
use super::resolve::{resolve, Context, Problem, ResolvedAct};
use crate::diagnostic::{Diagnostic, Severity};
use crate::graph::{CiteEdge, DocKind, Graph, Node, NodeKind, StatuteUnit};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

/// The most targets one range citation may expand to (`1-47-баптар`).
const MAX_RANGE: u32 = 100;

/// Links every node of `graph`; returns the diagnostics.
pub fn link(graph: &mut Graph, registry: &Registry) -> Vec<Diagnostic> {
    link_cached(graph, registry, &mut LinkCache::default(), &|_| None)
}

/// What linking found in each document, kept between builds (`zanbook serve`): the
/// citations scanned in its nodes, and what resolving them gave (edges, statute units,
/// diagnostics).
///
/// Scanning depends only on the document's own nodes and the registry. Resolution depends,
/// besides, on which acts are corpus documents (their adilet ids) and on the nodes of every
/// document a citation of it names (`осы Нұсқаулықтың 6-тармағы`, an order of the corpus
/// cited by number), so a document's resolution is reused only while those are unchanged:
/// each document it looked into is recorded with the key it had.
#[derive(Debug, Default)]
pub struct LinkCache {
    documents: HashMap<String, Linked>,
}

/// One document's linking, with the keys it was made under.
#[derive(Debug)]
struct Linked {
    /// The document's key (its nodes and the registry): the scans are valid while it holds.
    key: u128,
    /// The corpus acts (adilet id → document) resolution saw.
    acts: u128,
    /// Every document whose nodes resolution looked into, with its key then (`None`: it was
    /// not in the graph).
    consulted: Vec<(String, Option<u128>)>,
    scans: Vec<Vec<Citation>>,
    edges: Vec<CiteEdge>,
    units: Vec<StatuteUnit>,
    diagnostics: Vec<Diagnostic>,
}

impl LinkCache {
    /// Forgets every document (the registry changed).
    pub fn clear(&mut self) {
        self.documents.clear();
    }
}

/// One document's linking this build: reused whole from the cache, or done now.
enum Outcome<'r> {
    Reused,
    Linked {
        key: Option<u128>,
        scans: Vec<Vec<Citation>>,
        linker: Box<Linker<'r>>,
    },
}

/// [`link`], reusing from `cache` what each document's `key` (a fingerprint of everything
/// its nodes and scan depend on: its text, manifest entry and corrections, and the
/// registry; `None` for "do not reuse") shows to be unchanged: its scans when its key is
/// the same, its whole resolution when besides the corpus acts and the keys of the
/// documents it looked into are the same. The edges, units and diagnostics are the same
/// as [`link`]'s.
pub fn link_cached(
    graph: &mut Graph,
    registry: &Registry,
    cache: &mut LinkCache,
    key: &(dyn Fn(&str) -> Option<u128> + Sync),
) -> Vec<Diagnostic> {
    let corpus_acts: HashMap<String, String> = (graph.documents.iter())
        .filter_map(|d| {
            let id = d.url.as_deref()?.rsplit('/').next()?;
            Some((id.to_string(), d.id.clone()))
        })
        .collect();
    let acts = acts_fingerprint(&corpus_acts);
    let documents: Vec<(String, DocKind, Option<Date>)> = graph
        .documents
        .iter()
        .map(|d| {
            let date = d
                .meta
                .date
                .as_deref()
                .or(d.date.as_deref())
                .and_then(Date::parse_iso);
            (d.id.clone(), d.kind, date)
        })
        .collect();
    // A document's citations are found and resolved in its own context: every document on
    // every core (the cached results reused), the results joined below in document order.
    let mut before = std::mem::take(&mut cache.documents);
    let graph_ref: &Graph = graph;
    let linked: Vec<Outcome> = documents
        .par_iter()
        .map(|(doc, kind, date)| {
            let doc_key = key(doc);
            let nodes = graph_ref.nodes_of(doc).count();
            let cached = match (doc_key, before.get(doc)) {
                (Some(k), Some(was)) if was.key == k && was.scans.len() == nodes => Some(was),
                _ => None,
            };
            let unchanged = |was: &&Linked| {
                was.acts == acts && (was.consulted.iter()).all(|(d, then)| key(d) == *then)
            };
            if cached.filter(unchanged).is_some() {
                return Outcome::Reused;
            }
            let mut linker = Linker::new(registry, &corpus_acts);
            let scans =
                linker.link_document(graph_ref, doc, *kind, *date, cached.map(|c| &c.scans));
            linker.count_repeats();
            Outcome::Linked {
                key: doc_key,
                scans,
                linker: Box::new(linker),
            }
        })
        .collect();
    let mut edges = Vec::new();
    let mut units = Vec::new();
    let mut unit_ids = HashSet::new();
    let mut diagnostics = Vec::new();
    for ((doc, _, _), outcome) in documents.iter().zip(linked) {
        let now = match outcome {
            Outcome::Reused => match before.remove(doc) {
                Some(was) => was,
                None => continue, // listed twice: the first took it (ids are unique)
            },
            Outcome::Linked {
                key: doc_key,
                scans,
                linker,
            } => {
                let consulted = (linker.consulted.iter())
                    .map(|d| (d.clone(), key(d)))
                    .collect();
                let linked = Linked {
                    key: doc_key.unwrap_or_default(),
                    acts,
                    consulted,
                    scans,
                    edges: linker.edges,
                    units: linker.units,
                    diagnostics: linker.diagnostics,
                };
                if doc_key.is_none() {
                    // Not to be reused: move the results instead of keeping a copy.
                    edges.extend(linked.edges);
                    units.extend(
                        (linked.units.into_iter()).filter(|u| unit_ids.insert(u.id.clone())),
                    );
                    diagnostics.extend(linked.diagnostics);
                    continue;
                }
                linked
            }
        };
        edges.extend(now.edges.iter().cloned());
        // A unit cited by several documents is listed once, where it was first cited.
        units.extend(
            (now.units.iter())
                .filter(|u| unit_ids.insert(u.id.clone()))
                .cloned(),
        );
        diagnostics.extend(now.diagnostics.iter().cloned());
        cache.documents.insert(doc.clone(), now);
    }
    for edge in &edges {
        graph
            .cited_by
            .entry(edge.to.clone())
            .or_default()
            .push(edge.from.clone());
    }
    for list in graph.cited_by.values_mut() {
        list.dedup();
    }
    graph.citations.extend(edges);
    graph.statute_articles.extend(units);
    diagnostics
}

/// A fingerprint of the corpus acts (adilet id → document), in a fixed order.
fn acts_fingerprint(acts: &HashMap<String, String>) -> u128 {
    let mut pairs: Vec<(&String, &String)> = acts.iter().collect();
    pairs.sort();
    let parts = pairs
        .into_iter()
        .flat_map(|(id, doc)| [id.as_bytes(), doc.as_bytes()]);
    crate::emit::site::incremental::fingerprint_parts(parts)
}

struct Linker<'r> {
    registry: &'r Registry,
    edges: Vec<CiteEdge>,
    units: Vec<StatuteUnit>,
    unit_ids: HashSet<String>,
    diagnostics: Vec<Diagnostic>,
    /// The act each amended-act node names, once resolved.
    amended: HashMap<String, Option<ResolvedAct>>,
    /// The article each amendment item amends.
    item_articles: HashMap<String, Option<String>>,
    /// (document, unknown act) → (its first diagnostic, how many more citations).
    repeats: HashMap<(String, String), (usize, usize)>,
    /// adilet id → corpus document: a statute that is itself in the corpus is linked there.
    corpus_acts: &'r HashMap<String, String>,
    /// The documents whose nodes were looked into (what the resolution depends on besides
    /// the citing document and the registry).
    consulted: std::collections::BTreeSet<String>,
}

/// The node and its ancestors, nearest first.
fn ancestors<'g>(graph: &'g Graph, node: &'g Node) -> Vec<&'g Node> {
    let mut out = vec![node];
    let mut current = node;
    while let Some(parent) = current.parent.as_deref().and_then(|p| graph.node(p)) {
        if out.len() > 64 {
            break; // a cycle would be a parser bug; never loop on it
        }
        out.push(parent);
        current = parent;
    }
    out
}

impl<'r> Linker<'r> {
    fn new(registry: &'r Registry, corpus_acts: &'r HashMap<String, String>) -> Self {
        Linker {
            registry,
            edges: Vec::new(),
            units: Vec::new(),
            unit_ids: HashSet::new(),
            diagnostics: Vec::new(),
            amended: HashMap::new(),
            item_articles: HashMap::new(),
            repeats: HashMap::new(),
            corpus_acts,
            consulted: Default::default(),
        }
    }

    /// Finds (or takes from `cached`) and resolves the citations of every node of one
    /// document; returns the citations found, node by node. A node's context decides
    /// whether bare ordinals ("2-тармақ") are citations.
    fn link_document(
        &mut self,
        graph: &Graph,
        doc: &str,
        kind: DocKind,
        date: Option<Date>,
        cached: Option<&Vec<Vec<Citation>>>,
    ) -> Vec<Vec<Citation>> {
        let mut scanner = Scanner::new(self.registry);
        let mut scans = Vec::new();
        for (i, node) in graph.nodes_of(doc).enumerate() {
            let ctx = self.context(graph, node, doc, kind, date);
            let citations = match cached.and_then(|c| c.get(i)) {
                Some(found) => found.clone(),
                None => {
                    scanner.set_bare_ordinals(
                        ctx.default_act.is_some() && ctx.current_article.is_some(),
                    );
                    (node.heading.iter().chain(std::iter::once(&node.text)))
                        .flat_map(|text| scanner.scan(text))
                        .collect()
                }
            };
            for citation in &citations {
                self.add(graph, node, citation, &ctx);
            }
            scans.push(citations);
        }
        scans
    }

    /// Adds "(cited N more time(s) …)" to each warning that stands for several citations.
    fn count_repeats(&mut self) {
        for &(index, more) in self.repeats.values() {
            if more > 0 {
                if let Some(d) = self.diagnostics.get_mut(index) {
                    d.message
                        .push_str(&format!(" (cited {more} more time(s) in this document)"));
                }
            }
        }
    }

    fn context(
        &mut self,
        graph: &Graph,
        node: &Node,
        doc: &str,
        kind: DocKind,
        doc_date: Option<Date>,
    ) -> Context {
        let chain = ancestors(graph, node);
        let amended_on = chain
            .iter()
            .find_map(|n| n.attrs.get("amended_on"))
            .and_then(|d| Date::parse_iso(d));
        let date = amended_on.or(doc_date);
        let amended_act = chain
            .iter()
            .find(|n| n.kind == NodeKind::AmendedAct)
            .and_then(|n| self.amended_act(n, date));
        let in_quote = chain.iter().any(|n| n.kind == NodeKind::Quote);
        // Inside an amendment item "this article" is the article the item amends (its header
        // `46-бапта:` names it), not the amending law's own article.
        let item_article = chain
            .iter()
            .find(|n| n.kind == NodeKind::AmendmentItem)
            .and_then(|n| self.item_article(n));
        let current_article = if amended_act.is_some() {
            item_article
        } else {
            chain
                .iter()
                .find(|n| n.kind == NodeKind::Article)
                .and_then(|n| n.number.clone())
        };
        let this_doc = ResolvedAct::Document { id: doc.into() };
        let default_act = match (&amended_act, node.kind) {
            (Some(act), _) => Some(act.clone()),
            (None, NodeKind::Note) => Some(this_doc),
            _ => None,
        };
        Context {
            date,
            document: Some(doc.to_string()),
            document_kind: Some(kind),
            quoted_act: amended_act,
            default_act,
            current_article,
            in_quote,
        }
    }

    /// The article an amendment item amends: the first article its own text cites.
    fn item_article(&mut self, item: &Node) -> Option<String> {
        if let Some(known) = self.item_articles.get(&item.id) {
            return known.clone();
        }
        let article = Scanner::new(self.registry)
            .scan(&item.text)
            .into_iter()
            .find(|c| matches!(c.act, ActRef::Context) && !c.quoted)
            .and_then(|c| c.article);
        self.item_articles.insert(item.id.clone(), article.clone());
        article
    }

    /// The act an amended-act node ("2. «Прокуратура туралы» 1995 жылғы … Заңына …") names:
    /// its first citation of a statute.
    fn amended_act(&mut self, node: &Node, date: Option<Date>) -> Option<ResolvedAct> {
        if let Some(known) = self.amended.get(&node.id) {
            return known.clone();
        }
        let mut scanner = Scanner::new(self.registry);
        let ctx = Context {
            date,
            ..Context::default()
        };
        let text = format!("{} {}", node.heading.as_deref().unwrap_or(""), node.text);
        let act = scanner
            .scan(&text)
            .into_iter()
            .find(|c| matches!(c.act, ActRef::Statute { .. }))
            .and_then(|c| resolve(&c, &ctx, self.registry).act);
        self.amended.insert(node.id.clone(), act.clone());
        act
    }

    fn add(&mut self, graph: &Graph, node: &Node, citation: &Citation, ctx: &Context) {
        let r = resolve(citation, ctx, self.registry);
        if let Some(p) = &r.problem {
            // An act missing from the registry is one fix however often it is cited: report
            // its first citation per document and count the rest.
            let repeat_key = match (&citation.act, p.code) {
                (ActRef::Unknown { surface }, "citation-unknown-act") => {
                    let words: Vec<&str> = surface.split_whitespace().collect();
                    Some((node.document.clone(), words.join(" ").to_lowercase()))
                }
                _ => None,
            };
            self.report(node, p, repeat_key);
        }
        let in_corpus = match &r.act {
            Some(ResolvedAct::Edition { statute, edition }) => {
                let id = self.registry.statutes[*statute].editions[*edition].id();
                self.corpus_acts.get(id).cloned()
            }
            _ => None,
        };
        if let Some(document) = in_corpus {
            // The order that approved this instruction, cited by number: it is in the corpus.
            self.node_edges(graph, node, citation, r.article.as_deref(), &document);
            return;
        }
        match r.act {
            Some(ResolvedAct::Edition { statute, edition }) => {
                self.statute_edges(node, citation, r.article.as_deref(), statute, edition)
            }
            Some(ResolvedAct::Document { id }) => {
                self.node_edges(graph, node, citation, r.article.as_deref(), &id)
            }
            Some(ResolvedAct::Statute { .. }) | None => {}
        }
    }

    /// Adds a warning, or counts it against the first one with the same repeat key.
    fn report(&mut self, node: &Node, p: &Problem, repeat_key: Option<(String, String)>) {
        if let Some(key) = &repeat_key {
            if let Some(entry) = self.repeats.get_mut(key) {
                entry.1 += 1;
                return;
            }
        }
        if let Some(key) = repeat_key {
            self.repeats.insert(key, (self.diagnostics.len(), 0));
        }
        self.diagnostics.push(
            Diagnostic::warning(p.code, &node.source.file, node.source.lines[0], &p.message)
                .at_node(&node.id),
        );
    }

    fn statute_edges(
        &mut self,
        node: &Node,
        citation: &Citation,
        article: Option<&str>,
        statute: usize,
        edition: usize,
    ) {
        let s = &self.registry.statutes[statute];
        let ed = &s.editions[edition];
        let act = ed.id().to_string();
        let deepest_is = |unit: &str| {
            citation.through.is_some()
                && citation.part.is_none()
                && citation.point.is_none()
                && citation.subpoint.is_none()
                && (unit == "article") == article.is_some()
        };
        let (unit, numbers) = match (article, &citation.chapter) {
            (Some(a), _) => (
                "article",
                expand(
                    a,
                    citation
                        .through
                        .as_deref()
                        .filter(|_| deepest_is("article")),
                ),
            ),
            (None, Some(ch)) => (
                "chapter",
                expand(
                    ch,
                    citation
                        .through
                        .as_deref()
                        .filter(|_| deepest_is("chapter")),
                ),
            ),
            (None, None) => ("act", vec![String::new()]),
        };
        for number in numbers {
            let id = match unit {
                "article" => format!("{act}/art-{number}"),
                "chapter" => format!("{act}/ch-{number}"),
                _ => act.clone(),
            };
            if self.unit_ids.insert(id.clone()) {
                self.units.push(StatuteUnit {
                    id: id.clone(),
                    act: act.clone(),
                    statute: s.key.clone(),
                    edition: ed.key.clone(),
                    title: s.title.kk.clone(),
                    unit: unit.to_string(),
                    number: (!number.is_empty()).then(|| number.clone()),
                    url: ed.url(),
                });
            }
            self.edges.push(edge(node, citation, article, &id, &act));
        }
    }

    fn node_edges(
        &mut self,
        graph: &Graph,
        node: &Node,
        citation: &Citation,
        article: Option<&str>,
        document: &str,
    ) {
        if !self.consulted.contains(document) {
            self.consulted.insert(document.to_string());
        }
        if !citation.has_unit() && article.is_none() {
            // The document as a whole (an order of the corpus cited by number and date).
            if node.document != document {
                self.edges
                    .push(edge(node, citation, None, document, document));
            }
            return;
        }
        let targets = find_nodes(graph, node, citation, article, document);
        match targets {
            Ok(ids) => {
                for id in ids {
                    self.edges
                        .push(edge(node, citation, article, &id, document));
                }
            }
            Err(message) => self.diagnostics.push(
                Diagnostic::new(
                    unresolved_severity(graph, node),
                    "citation-unresolved",
                    &node.source.file,
                    node.source.lines[0],
                    message,
                )
                .at_node(&node.id),
            ),
        }
    }
}

/// An internal reference that resolves to nothing is an error in an act (its own structure
/// is wrong or misparsed) but only a warning in a textbook, where "осы бап" usually sits in
/// statute text quoted from outside the corpus.
fn unresolved_severity(graph: &Graph, node: &Node) -> Severity {
    match graph.document(&node.document).map(|d| d.kind) {
        Some(crate::graph::DocKind::Textbook) => Severity::Warning,
        _ => Severity::Error,
    }
}

fn edge(node: &Node, c: &Citation, article: Option<&str>, to: &str, act: &str) -> CiteEdge {
    CiteEdge {
        from: node.id.clone(),
        to: to.to_string(),
        text: c.text.clone(),
        start: c.start,
        end: c.end,
        act: act.to_string(),
        chapter: c.chapter.clone(),
        article: article.map(str::to_string),
        part: c.part.clone(),
        point: c.point.clone(),
        subpoint: c.subpoint.clone(),
        through: c.through.clone(),
    }
}

/// `7` through `10` → 7, 8, 9, 10; a single number stays itself.
fn expand(from: &str, through: Option<&str>) -> Vec<String> {
    let (Some(a), Some(b)) = (
        from.parse::<u32>().ok(),
        through.and_then(|t| t.parse::<u32>().ok()),
    ) else {
        return vec![from.to_string()];
    };
    if b <= a || b - a > MAX_RANGE {
        return vec![from.to_string()];
    }
    (a..=b).map(|n| n.to_string()).collect()
}

/// The nodes of `document` a citation names: the deepest unit it gives (chapter, article,
/// point, subpoint), under the higher ones. Several candidates are narrowed to those closest
/// to the citing node; if that still leaves several, the citation is ambiguous.
/// The units a citation of a corpus document names, outermost first: chapter, article,
/// point, subpoint (those it gives).
pub fn unit_steps<'c>(c: &'c Citation, article: Option<&'c str>) -> Vec<(NodeKind, &'c str)> {
    [
        (NodeKind::Chapter, c.chapter.as_deref()),
        (NodeKind::Article, article),
        (NodeKind::Point, c.point.as_deref()),
        (NodeKind::Subpoint, c.subpoint.as_deref()),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.map(|v| (k, v)))
    .collect()
}

fn find_nodes(
    graph: &Graph,
    from: &Node,
    c: &Citation,
    article: Option<&str>,
    document: &str,
) -> Result<Vec<String>, String> {
    let steps = unit_steps(c, article);
    let Some(&(last_kind, last_number)) = steps.last() else {
        return Err(format!("`{}` names no unit of {document}", c.text));
    };
    let numbers = expand(last_number, c.through.as_deref());
    let mut out = Vec::new();
    for number in &numbers {
        let candidates: Vec<&Node> = graph
            .nodes_of(document)
            .filter(|n| n.kind == last_kind && n.number.as_deref() == Some(number))
            .filter(|n| {
                // every higher unit the citation gives must be an ancestor
                let chain = ancestors(graph, n);
                steps[..steps.len() - 1].iter().all(|(k, v)| {
                    chain
                        .iter()
                        .any(|a| a.kind == *k && a.number.as_deref() == Some(v))
                })
            })
            .collect();
        let candidates = by_head(graph, candidates, &c.act);
        match closest(graph, from, &candidates) {
            Some(Ok(id)) => out.push(id),
            Some(Err(n)) => {
                return Err(format!(
                    "`{}` could mean {n} different {}s numbered {number} in {document}",
                    c.text,
                    last_kind.name()
                ))
            }
            None => {
                return Err(format!(
                    "`{}`: {document} has no {} numbered {number}",
                    c.text,
                    last_kind.name()
                ))
            }
        }
    }
    Ok(out)
}

/// `осы Нұсқаулықтың 6-тармағы` is a point of the instruction, not of the order that
/// approves it; `осы бұйрықтың 3-тармағы` the other way round.
fn by_head<'g>(graph: &'g Graph, candidates: Vec<&'g Node>, act: &ActRef) -> Vec<&'g Node> {
    let in_order = |n: &Node| {
        ancestors(graph, n)
            .iter()
            .any(|a| a.kind == NodeKind::Order)
    };
    let head = match act {
        ActRef::This { head } | ActRef::Statute { head, .. } => *head,
        _ => None,
    };
    let keep: Vec<&Node> = match head {
        Some(Head::Instruction | Head::Rules) => candidates
            .iter()
            .copied()
            .filter(|n| !in_order(n))
            .collect(),
        Some(Head::Order) => candidates.iter().copied().filter(|n| in_order(n)).collect(),
        _ => return candidates,
    };
    if keep.is_empty() {
        candidates
    } else {
        keep
    }
}

/// The one candidate that shares the deepest ancestor with `from`; `Err(n)` when `n` tie.
fn closest(graph: &Graph, from: &Node, candidates: &[&Node]) -> Option<Result<String, usize>> {
    if candidates.len() <= 1 {
        return candidates.first().map(|n| Ok(n.id.clone()));
    }
    let mine: Vec<&str> = ancestors(graph, from)
        .iter()
        .map(|n| n.id.as_str())
        .collect();
    // How far up from `from` the common ancestor is: smaller is closer.
    let distance = |n: &Node| {
        ancestors(graph, n)
            .iter()
            .find_map(|a| mine.iter().position(|m| *m == a.id))
            .unwrap_or(usize::MAX)
    };
    let best = candidates.iter().map(|n| distance(n)).min()?;
    let top: Vec<&&Node> = candidates.iter().filter(|n| distance(n) == best).collect();
    if top.len() == 1 {
        Some(Ok(top[0].id.clone()))
    } else {
        Some(Err(top.len()))
    }
}
