//! A small builder that every parser uses to create nodes with readable ids and
//! parent/child links, so the parsers only decide *what* a block is.

use crate::diagnostic::Diagnostic;
use crate::graph::{Abbreviation, DocMeta, DocumentTree, Node, NodeKind, Source, Term};
use std::collections::{BTreeMap, HashMap};

/// What a parser knows about a new node.
#[derive(Debug, Clone)]
pub struct NewNode<'a> {
    pub kind: NodeKind,
    /// The id segment under the parent (`ch-2`, `p-3-1`, `note-1`).
    pub slug: String,
    pub number: Option<String>,
    pub heading: Option<String>,
    pub text: String,
    pub lines: [u32; 2],
    pub repairs: &'a [String],
}

/// Builds one document's node tree.
#[derive(Debug)]
pub struct TreeBuilder {
    document: String,
    file: String,
    nodes: Vec<Node>,
    index: rustc_hash::FxHashMap<String, usize>,
    top: Vec<String>,
    /// Children per (parent id, or "" for the top, kind): kept so that numbering the n-th
    /// paragraph costs O(1), not O(n) — a text with 10,000 paragraphs under one parent
    /// must not take quadratic time.
    child_counts: HashMap<(String, NodeKind), usize>,
    /// The next `~n` suffix to try per repeated base id, for the same reason.
    next_suffix: HashMap<String, usize>,
    pub abbreviations: Vec<Abbreviation>,
    pub terms: Vec<Term>,
    pub diagnostics: Vec<Diagnostic>,
}

impl TreeBuilder {
    pub fn new(document: &str, file: &str) -> Self {
        TreeBuilder {
            document: document.to_string(),
            file: file.to_string(),
            nodes: Vec::new(),
            index: Default::default(),
            top: Vec::new(),
            child_counts: HashMap::new(),
            next_suffix: HashMap::new(),
            abbreviations: Vec::new(),
            terms: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    pub fn file(&self) -> &str {
        &self.file
    }

    pub fn document(&self) -> &str {
        &self.document
    }

    /// Adds a node under `parent` (or at the top) and returns its id. A slug already used
    /// under the same parent (a duplicate number in the text) gets a `~2` suffix and a
    /// diagnostic, so that no node is lost and every id stays unique.
    pub fn add(&mut self, parent: Option<&str>, new: NewNode<'_>) -> String {
        let base = match parent {
            Some(p) => format!("{p}/{}", new.slug),
            None => format!("{}/{}", self.document, new.slug),
        };
        let mut id = base.clone();
        if self.index.contains_key(&id) {
            let n = self.next_suffix.entry(base.clone()).or_insert(2);
            loop {
                id = format!("{base}~{n}");
                *n += 1;
                if !self.index.contains_key(&id) {
                    break;
                }
            }
        }
        if id != base {
            self.diagnostics.push(
                Diagnostic::warning(
                    "duplicate-number",
                    &self.file,
                    new.lines[0],
                    format!("`{base}` appears more than once; this one is `{id}`"),
                )
                .at_node(&id),
            );
        }
        let node = Node {
            id: id.clone(),
            document: self.document.clone(),
            kind: new.kind,
            number: new.number,
            heading: new.heading,
            text: new.text,
            parent: parent.map(str::to_owned),
            children: Vec::new(),
            source: Source {
                file: self.file.clone(),
                lines: new.lines,
            },
            attrs: BTreeMap::new(),
            repairs: new.repairs.to_vec(),
        };
        let parent_index = parent.and_then(|p| self.index.get(p).copied());
        match parent_index {
            Some(pi) => self.nodes[pi].children.push(id.clone()),
            None => self.top.push(id.clone()),
        }
        let owner = parent.filter(|_| parent_index.is_some()).unwrap_or("");
        *self
            .child_counts
            .entry((owner.to_string(), new.kind))
            .or_insert(0) += 1;
        let last = node.source.lines[1];
        self.index.insert(id.clone(), self.nodes.len());
        self.nodes.push(node);
        // A parent's source range covers its children's.
        if let Some(p) = parent {
            self.extend_to(p, last);
        }
        id
    }

    pub fn node(&self, id: &str) -> Option<&Node> {
        self.index.get(id).map(|&i| &self.nodes[i])
    }

    /// The nodes built so far, in reading order.
    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.nodes.iter()
    }

    pub fn node_mut(&mut self, id: &str) -> Option<&mut Node> {
        self.index.get(id).copied().map(move |i| &mut self.nodes[i])
    }

    /// Sets a structured attribute on a node.
    pub fn set_attr(&mut self, id: &str, key: &str, value: impl Into<String>) {
        if let Some(node) = self.node_mut(id) {
            node.attrs.insert(key.to_string(), value.into());
        }
    }

    /// Widens a node's source range (and its ancestors') to include `last`.
    pub fn extend_to(&mut self, id: &str, last: u32) {
        let mut current = Some(id.to_string());
        while let Some(cid) = current {
            let Some(node) = self.node_mut(&cid) else {
                break;
            };
            if node.source.lines[1] < last {
                node.source.lines[1] = last;
            }
            current = node.parent.clone();
        }
    }

    pub fn diagnostic(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    /// Number of children of `parent` (or of top-level nodes) with the given kind.
    pub fn count_children(&self, parent: Option<&str>, kind: NodeKind) -> usize {
        let owner = parent.filter(|p| self.index.contains_key(*p)).unwrap_or("");
        self.child_counts
            .get(&(owner.to_string(), kind))
            .copied()
            .unwrap_or(0)
    }

    pub fn finish(
        self,
        meta: DocMeta,
        printed_title: Option<String>,
    ) -> (DocumentTree, Vec<Diagnostic>) {
        let tree = DocumentTree {
            meta,
            printed_title,
            children: self.top,
            nodes: self.nodes,
            abbreviations: self.abbreviations,
            terms: self.terms,
        };
        (tree, self.diagnostics)
    }
}
