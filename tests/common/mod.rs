//! Shared helpers for the corpus-level integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use zanbook::graph::{Graph, Node, NodeKind};
use zanbook::pipeline::{self, Compiled};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The real corpus, compiled once per test binary.
pub fn corpus() -> &'static Compiled {
    static COMPILED: OnceLock<Compiled> = OnceLock::new();
    COMPILED
        .get_or_init(|| pipeline::compile_dir(&repo().join("corpus")).expect("the corpus compiles"))
}

pub fn compile(dir: &Path) -> Compiled {
    pipeline::compile_dir(dir).expect("the fixture corpus compiles")
}

pub fn node<'a>(graph: &'a Graph, id: &str) -> &'a Node {
    graph
        .node(id)
        .unwrap_or_else(|| panic!("no node `{id}` in the graph"))
}

pub fn count(graph: &Graph, document: &str, kind: NodeKind) -> usize {
    graph.nodes_of(document).filter(|n| n.kind == kind).count()
}

/// The children of a node that have the given kind.
pub fn children<'a>(graph: &'a Graph, id: &str, kind: NodeKind) -> Vec<&'a Node> {
    node(graph, id)
        .children
        .iter()
        .map(|c| node(graph, c))
        .filter(|n| n.kind == kind)
        .collect()
}
