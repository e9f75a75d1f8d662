//! Which nodes get a page of their own, and the address of every node.
//!
//! Chapters, topics, sections, front/back matter, articles, amended acts, cases and source
//! lists are pages; everything else is a fragment of the page of its nearest page ancestor.
//! A page's path mirrors its id (`instr-2017-104/ch-2.html`), and a fragment is the node id
//! without the document prefix (`#ch-2/p-8/sp-1`), so addresses are as stable as ids.

use crate::graph::{Graph, Node, NodeKind};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::HashMap;

/// Does this kind of node get its own page (when it is not inside quoted amendment text)?
pub fn is_page_kind(kind: NodeKind) -> bool {
    matches!(
        kind,
        NodeKind::Order
            | NodeKind::Chapter
            | NodeKind::Topic
            | NodeKind::Section
            | NodeKind::Matter
            | NodeKind::Article
            | NodeKind::AmendedAct
            | NodeKind::Case
            | NodeKind::SourceList
    )
}

/// The address book of the site.
#[derive(Debug, Default)]
pub struct PageMap {
    /// node id → index in `pages` of the page it is shown on (the node itself for a page).
    page_of: FxHashMap<String, u32>,
    /// Page ids, each once.
    pages: Vec<String>,
    /// Page ids of each document in reading order.
    pub reading_order: HashMap<String, Vec<String>>,
}

/// One document's part of the address book, built on its own core.
struct DocumentPages {
    /// (node id, index in `pages`), in walk order.
    page_of: Vec<(String, u32)>,
    /// The document's index page first, then its pages in reading order.
    pages: Vec<String>,
}

impl PageMap {
    pub fn build(graph: &Graph) -> Self {
        let parts: Vec<DocumentPages> = graph
            .documents
            .par_iter()
            .map(|doc| {
                let mut part = DocumentPages {
                    page_of: Vec::new(),
                    pages: vec![format!("{}/index", doc.id)],
                };
                for child in &doc.children {
                    part.walk(graph, child, 0, false);
                }
                part
            })
            .collect();
        let mut map = PageMap {
            page_of: FxHashMap::with_capacity_and_hasher(graph.nodes.len(), Default::default()),
            ..Default::default()
        };
        for (doc, part) in graph.documents.iter().zip(parts) {
            let offset = map.pages.len() as u32;
            map.reading_order
                .insert(doc.id.clone(), part.pages[1..].to_vec());
            map.page_of
                .extend((part.page_of.into_iter()).map(|(id, page)| (id, page + offset)));
            map.pages.extend(part.pages);
        }
        // A footnote is shown under the paragraph that cites it.
        for node in &graph.nodes {
            if node.kind == NodeKind::Footnote {
                let page = (node.attrs.get("ref")).and_then(|r| map.page_of.get(r.as_str()));
                if let Some(&page) = page {
                    map.page_of.insert(node.id.clone(), page);
                }
            }
        }
        map
    }

    /// The page a node is shown on.
    pub fn page_of(&self, id: &str) -> Option<&str> {
        let &page = self.page_of.get(id)?;
        Some(self.pages[page as usize].as_str())
    }

    pub fn is_page(&self, id: &str) -> bool {
        self.page_of(id) == Some(id)
    }

    /// The site-relative address of a node: `doc/ch-2.html#ch-2/p-8`, or of a page alone.
    pub fn url(&self, id: &str) -> Option<String> {
        let page = self.page_of(id)?;
        let file = page_file(page);
        if page == id {
            Some(file)
        } else {
            Some(format!("{file}#{}", fragment(id)))
        }
    }
}

impl DocumentPages {
    /// Gives `id` and its descendants their page: `page` (an index in `pages`) unless the node
    /// is a page of its own (never inside quoted amendment text).
    fn walk(&mut self, graph: &Graph, id: &str, page: u32, in_quote: bool) {
        let Some(node) = graph.node(id) else { return };
        let page = if is_page_kind(node.kind) && !in_quote {
            self.pages.push(id.to_string());
            (self.pages.len() - 1) as u32
        } else {
            page
        };
        self.page_of.push((id.to_string(), page));
        let in_quote = in_quote || node.kind == NodeKind::Quote;
        for child in &node.children {
            self.walk(graph, child, page, in_quote);
        }
    }
}

/// The file of a page id, relative to the site root.
pub fn page_file(page: &str) -> String {
    format!("{page}.html")
}

/// A node's fragment: its id without the document prefix.
pub fn fragment(id: &str) -> &str {
    id.split_once('/').map_or(id, |(_, rest)| rest)
}

/// `../` once per directory level of a site-relative path.
pub fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// The pages before and after a page in its document's reading order.
pub fn neighbours<'a>(order: &'a [String], page: &str) -> (Option<&'a String>, Option<&'a String>) {
    let Some(i) = order.iter().position(|p| p == page) else {
        return (None, None);
    };
    (
        i.checked_sub(1).and_then(|j| order.get(j)),
        order.get(i + 1),
    )
}

/// The page-kind ancestors of a node, outermost first (for breadcrumbs).
pub fn page_ancestors<'a>(graph: &'a Graph, map: &PageMap, node: &'a Node) -> Vec<&'a Node> {
    let mut out = Vec::new();
    let mut current = node.parent.as_deref();
    while let Some(id) = current {
        let Some(parent) = graph.node(id) else { break };
        if map.is_page(id) {
            out.push(parent);
        }
        current = parent.parent.as_deref();
    }
    out.reverse();
    out
}
