//! The article graph: plain, serialisable data that every later stage reads.
//!
//! Parsers build a [`DocumentTree`] per document; [`Graph::assemble`] puts the trees together,
//! gives every node its readable id and checks the ids are unique. Later stages (cite, check,
//! emit) read the graph and never reach back into the parsers.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// Where a node comes from: the corpus file and its raw, 1-based, inclusive line range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub file: String,
    pub lines: [u32; 2],
}

/// The kind of a source document, as declared in `corpus.yaml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    /// An order (бұйрық) of the Prosecutor General, usually approving an instruction.
    Order,
    /// A law (заң), here an amending law.
    Law,
    /// A textbook or study guide (оқулық, оқу құралы).
    Textbook,
}

impl DocKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Order => "order",
            DocKind::Law => "law",
            DocKind::Textbook => "textbook",
        }
    }
}

/// A reference to another act, as read from the document's header or notes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActRef {
    /// The issuer as written, e.g. "ҚР Бас Прокурорының".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// ISO date `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Free text (e.g. the entry-into-force clause) as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Metadata read from a document's header. Every field is optional: textbooks have
/// almost none of it, and an unseen document may lack any line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocMeta {
    /// "бұйрығы", "Заңы", "қаулысы", …
    #[serde(skip_serializing_if = "Option::is_none")]
    pub act_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Adoption date, ISO `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Registration with the Ministry of Justice.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registration: Option<ActRef>,
    /// The status line, e.g. "Күшін жойған".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repealed_by: Option<ActRef>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub amended_by: Vec<ActRef>,
    /// The title of the approved instruction, as printed in its body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instruction_title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
    /// Authors and year of a textbook, or any other `key: value` the parser found.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, String>,
}

/// A source document in the graph.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Document {
    pub id: String,
    pub kind: DocKind,
    /// The title from the manifest (a person chose it).
    pub title: String,
    /// The title as printed in the text, when the parser found one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub printed_title: Option<String>,
    pub language: String,
    /// Path of the text inside the corpus directory.
    pub file: String,
    /// The file name the text had when it was extracted (provenance).
    pub original_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The manifest's date of the text's wording (ISO), used when the header gives none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub meta: DocMeta,
    /// Top-level nodes, in reading order.
    pub children: Vec<String>,
}

/// What a node is. The names say what a reader of the text would call it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    /// The body of an order: preamble, points and signature.
    Order,
    /// The sentence(s) before the first point, ending in "БҰЙЫРАМЫН".
    Preamble,
    /// A chapter (тарау) of an instruction, or a quoted chapter of an amended act.
    Chapter,
    /// A numbered point (тармақ) "N." or "N-M.".
    Point,
    /// A numbered subpoint (тармақша) "N)".
    Subpoint,
    /// An unnumbered list item (the third level, under a point or subpoint ending in ':').
    ListItem,
    /// An unnumbered continuation paragraph (абзац) of a point or subpoint.
    Paragraph,
    /// An editorial note "Ескерту. …".
    Note,
    /// The signature block.
    Signature,
    /// An article (бап) of a law.
    Article,
    /// One act amended by an amending law ("1. … кодексіне (…):").
    AmendedAct,
    /// A numbered amendment item "N)" of an amending law.
    AmendmentItem,
    /// An unnumbered instruction inside an amendment item (after an item ending in ':').
    SubInstruction,
    /// The new text an amendment inserts, quoted «…».
    Quote,
    /// Textbook: a topic (тақырып) or chapter (тарау).
    Topic,
    /// Textbook: a numbered section "N.M".
    Section,
    /// Textbook: introduction, conclusion, appendix or other front/back matter.
    Matter,
    /// Textbook: a block of review questions.
    QuestionBlock,
    /// Textbook: one review question.
    Question,
    /// Textbook: a case task.
    Case,
    /// Textbook: a list of recommended sources or a bibliography.
    SourceList,
    /// Textbook: one bibliographic entry.
    SourceEntry,
    /// Textbook: a footnote.
    Footnote,
}

impl NodeKind {
    /// Stable lower-case name, as used in JSON and in summaries.
    pub fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }
}

/// One unit of a document: a chapter, a point, a paragraph, a question, …
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Node {
    pub id: String,
    pub document: String,
    pub kind: NodeKind,
    /// The number as printed, without its punctuation ("3-1", "12", "1.2").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    /// The clean text of the node itself (not of its children).
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<String>,
    pub source: Source,
    /// Extra structured facts (e.g. a note's operation and amending order, an amendment's operation).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attrs: BTreeMap<String, String>,
    /// Repairs applied to this node's text (provenance of the cleaning).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub repairs: Vec<String>,
}

/// An abbreviation defined in a document ("(бұдан әрі – ҚАЖ)").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Abbreviation {
    pub short: String,
    /// The words it stands for, as written in the defining sentence.
    pub expansion: String,
    pub document: String,
    pub node: String,
    pub source: Source,
}

/// A defined term (a glossary entry): "term – definition" in a defined-terms list,
/// or a definition written in running prose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    pub term: String,
    pub definition: String,
    pub document: String,
    pub node: String,
    pub source: Source,
}

/// One document's parse result, before it joins the graph. Node ids are already final.
#[derive(Debug, Clone, Default)]
pub struct DocumentTree {
    pub meta: DocMeta,
    pub printed_title: Option<String>,
    pub children: Vec<String>,
    pub nodes: Vec<Node>,
    pub abbreviations: Vec<Abbreviation>,
    pub terms: Vec<Term>,
}

/// The whole corpus as one graph.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Graph {
    pub documents: Vec<Document>,
    pub nodes: Vec<Node>,
    pub abbreviations: Vec<Abbreviation>,
    pub terms: Vec<Term>,
    /// Terms and abbreviations of all documents merged, one entry per term with its senses.
    #[serde(default)]
    pub glossary: Vec<crate::glossary::GlossaryEntry>,
    /// `cites` edges: every resolved citation, from the citing node to a statute unit or a node.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub citations: Vec<CiteEdge>,
    /// Statute articles (and chapters, and whole acts) cited from the corpus, each a node of
    /// its own with an outbound adilet.zan.kz link.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub statute_articles: Vec<StatuteUnit>,
    /// `cited_by` back-links: target id (statute unit or node) → citing node ids, in order.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub cited_by: BTreeMap<String, Vec<String>>,
    /// The registry's abbreviations: statute key (or edition key, for an abbreviation pinned
    /// to one edition) → `ҚК`, `УК`, ….
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub statute_abbreviations: BTreeMap<String, Vec<String>>,
    /// Node id → position in `nodes`. Looked up for every link of every page: FxHash, not
    /// SipHash (the keys are the user's own ids; there is no one to defend against).
    #[serde(skip)]
    index: rustc_hash::FxHashMap<String, usize>,
    /// Document id → (its position in `documents`, the range of its nodes in `nodes`).
    #[serde(skip)]
    documents_index: HashMap<String, (usize, std::ops::Range<usize>)>,
}

/// A `cites` edge: one citation in a node's text, resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CiteEdge {
    /// The citing node.
    pub from: String,
    /// A [`StatuteUnit`] id (`K1400000226/art-40`) or a node id.
    pub to: String,
    /// The citation as written, and its character offsets in the node's text.
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// The act: adilet id or registry key of the edition, or a corpus document id.
    pub act: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chapter: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub point: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subpoint: Option<String>,
    /// The end of a range at the deepest level (`7-10-тармақтары`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub through: Option<String>,
}

/// A unit of a statute outside the corpus that the corpus cites: an article, a chapter or
/// the whole act.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatuteUnit {
    /// `K1400000226/art-40`, `K1400000231/ch-57`, or the act id itself.
    pub id: String,
    /// The act: adilet id, else the registry's edition key.
    pub act: String,
    /// Registry keys of the statute and the edition.
    pub statute: String,
    pub edition: String,
    /// The statute's Kazakh title.
    pub title: String,
    /// "article", "chapter" or "act".
    pub unit: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// The act on adilet.zan.kz (article anchors there are opaque, so the link is to the act).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl Graph {
    /// Adds one parsed document. Fails on a node id that is already taken, which would
    /// mean two nodes share an address.
    /// Makes room for `nodes` more nodes, so adding documents one by one does not move the
    /// node list again and again (at 100× it is a quarter of a million nodes).
    pub fn reserve(&mut self, nodes: usize) {
        self.nodes.reserve(nodes);
        self.index.reserve(nodes);
    }

    pub fn add(&mut self, document: Document, tree: DocumentTree) -> Result<(), String> {
        let start = self.nodes.len();
        self.index.reserve(tree.nodes.len());
        for (i, node) in tree.nodes.iter().enumerate() {
            match self.index.entry(node.id.clone()) {
                std::collections::hash_map::Entry::Occupied(_) => {
                    return Err(format!(
                        "two nodes share the id `{}` (second at {} lines {}-{})",
                        node.id, node.source.file, node.source.lines[0], node.source.lines[1]
                    ))
                }
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(start + i);
                }
            }
        }
        self.nodes.extend(tree.nodes);
        self.documents_index.insert(
            document.id.clone(),
            (self.documents.len(), start..self.nodes.len()),
        );
        self.abbreviations.extend(tree.abbreviations);
        self.terms.extend(tree.terms);
        self.documents.push(document);
        Ok(())
    }

    pub fn node(&self, id: &str) -> Option<&Node> {
        self.index.get(id).map(|&i| &self.nodes[i])
    }

    pub fn document(&self, id: &str) -> Option<&Document> {
        match self.documents_index.get(id) {
            Some((i, _)) => self.documents.get(*i),
            None => self.documents.iter().find(|d| d.id == id),
        }
    }

    /// Nodes of one document, in reading order. A document's nodes are added together, so
    /// this looks at that range only (the whole list for a graph not built by [`Graph::add`]).
    pub fn nodes_of<'a>(&'a self, document: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        let range = match self.documents_index.get(document) {
            Some((_, range)) => range.clone(),
            None => 0..self.nodes.len(),
        };
        self.nodes[range]
            .iter()
            .filter(move |n| n.document == document)
    }

    /// Count of nodes per kind, for summaries and tests.
    pub fn count_by_kind(&self, document: Option<&str>) -> BTreeMap<NodeKind, usize> {
        let mut counts = BTreeMap::new();
        for node in &self.nodes {
            if document.is_none_or(|d| node.document == d) {
                *counts.entry(node.kind).or_insert(0) += 1;
            }
        }
        counts
    }

    /// Takes the graph apart into each document's parse result: the inverse of [`Graph::add`]
    /// for the nodes, abbreviations and terms (the whole-graph parts are dropped). An
    /// incremental build moves unchanged documents into its next graph instead of copying
    /// them, which holds because no stage after `add` changes a document's nodes.
    pub fn into_trees(mut self) -> HashMap<String, DocumentTree> {
        // Built by `add`, each document's nodes are one range, in document order: split them
        // off from the end (no lookup per node). Otherwise, sort the nodes by document below.
        let mut ranges: Vec<(String, std::ops::Range<usize>)> = (self.documents.iter())
            .filter_map(|d| Some((d.id.clone(), self.documents_index.get(&d.id)?.1.clone())))
            .collect();
        ranges.sort_by_key(|(_, r)| r.start);
        let contiguous = ranges.len() == self.documents.len()
            && ranges.first().is_none_or(|(_, r)| r.start == 0)
            && ranges.windows(2).all(|w| w[0].1.end == w[1].1.start)
            && ranges.last().is_none_or(|(_, r)| r.end == self.nodes.len());
        let mut split: HashMap<String, Vec<Node>> = HashMap::new();
        if contiguous {
            for (id, range) in ranges.into_iter().rev() {
                split.insert(id, self.nodes.split_off(range.start));
            }
        }
        let mut trees: HashMap<String, DocumentTree> = (self.documents.into_iter())
            .map(|d| {
                let tree = DocumentTree {
                    meta: d.meta,
                    printed_title: d.printed_title,
                    children: d.children,
                    ..DocumentTree::default()
                };
                (d.id, tree)
            })
            .collect();
        for (id, nodes) in split {
            if let Some(tree) = trees.get_mut(&id) {
                tree.nodes = nodes;
            }
        }
        for node in self.nodes {
            if let Some(tree) = trees.get_mut(&node.document) {
                tree.nodes.push(node);
            }
        }
        for a in self.abbreviations {
            if let Some(tree) = trees.get_mut(&a.document) {
                tree.abbreviations.push(a);
            }
        }
        for t in self.terms {
            if let Some(tree) = trees.get_mut(&t.document) {
                tree.terms.push(t);
            }
        }
        trees
    }

    /// Rebuilds the id index after deserialising a graph.
    pub fn reindex(&mut self) {
        self.index = self
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.clone(), i))
            .collect();
        let all = 0..self.nodes.len();
        self.documents_index = (self.documents.iter().enumerate())
            .map(|(i, d)| (d.id.clone(), (i, all.clone())))
            .collect();
    }
}
