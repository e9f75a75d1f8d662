//! Shared helpers for the corpus-level integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use zanbook::graph::{Graph, Node, NodeKind};
use zanbook::pipeline::{self, Compiled};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the zanbook binary of this build from the repository root.
pub fn zanbook(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zanbook"))
        .args(args)
        .current_dir(repo())
        .output()
        .expect("the zanbook binary runs")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A scratch directory removed when the returned guard drops, even if the test fails.
pub fn temp_dir(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("zanbook-{name}-"))
        .tempdir()
        .expect("temp dir")
}

/// Runs a poppler tool (`pdftotext`, `pdffonts`) on a PDF and returns what it prints.
pub fn poppler(tool: &str, pdf: &Path) -> String {
    let mut command = Command::new(tool);
    command.arg(pdf);
    if tool == "pdftotext" {
        command.arg("-");
    }
    let out = command.output().unwrap_or_else(|e| {
        panic!("`{tool}` is needed for the PDF tests ({e}); install it: apt-get install -y poppler-utils")
    });
    assert!(out.status.success(), "{tool} failed on {}", pdf.display());
    String::from_utf8_lossy(&out.stdout).into_owned()
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
