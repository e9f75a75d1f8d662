//! Which nodes get a page of their own, and the address of every node.
//!
//! Chapters, topics, sections, front/back matter, articles, amended acts, cases and source
//! lists are pages; everything else is a fragment of the page of its nearest page ancestor.
//! A page's path mirrors its id (`instr-2017-104/ch-2.html`), and a fragment is the node id
//! without the document prefix (`#ch-2/p-8/sp-1`), so addresses are as stable as ids.

use crate::graph::{Graph, Node, NodeKind};
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
    /// node id → id of the page it is shown on (the node itself for a page).
    page_of: HashMap<String, String>,
    /// Page ids of each document in reading order.
    pub reading_order: HashMap<String, Vec<String>>,
}

impl PageMap {
    pub fn build(graph: &Graph) -> Self {
        let mut map = PageMap::default();
        for doc in &graph.documents {
            let mut order = Vec::new();
            for child in &doc.children {
                map.walk(graph, child, None, false, &mut order);
            }
            map.reading_order.insert(doc.id.clone(), order);
        }
        // A footnote is shown under the paragraph that cites it.
        for node in &graph.nodes {
            if node.kind == NodeKind::Footnote {
                if let Some(page) = node
                    .attrs
                    .get("ref")
                    .and_then(|r| map.page_of.get(r))
                    .cloned()
                {
                    map.page_of.insert(node.id.clone(), page);
                }
            }
        }
        map
    }

    fn walk(
        &mut self,
        graph: &Graph,
        id: &str,
        page: Option<&str>,
        in_quote: bool,
        order: &mut Vec<String>,
    ) {
        let Some(node) = graph.node(id) else { return };
        let own_page = is_page_kind(node.kind) && !in_quote;
        let page_id = if own_page {
            order.push(id.to_string());
            id.to_string()
        } else {
            page.map_or_else(|| format!("{}/index", node.document), str::to_owned)
        };
        self.page_of.insert(id.to_string(), page_id.clone());
        let in_quote = in_quote || node.kind == NodeKind::Quote;
        for child in &node.children {
            self.walk(graph, child, Some(&page_id), in_quote, order);
        }
    }

    /// The page a node is shown on.
    pub fn page_of(&self, id: &str) -> Option<&str> {
        self.page_of.get(id).map(String::as_str)
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
