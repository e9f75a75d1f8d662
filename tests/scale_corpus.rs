//! The benchmark corpus generator (examples/scale_corpus.rs): an N× corpus must be N times
//! the real one — same graph per copy, unique ids, every citation still resolving.

#[allow(dead_code)]
#[path = "../examples/scale_corpus.rs"]
mod scale_corpus;

use std::path::Path;

#[test]
fn a_tripled_corpus_is_three_times_the_graph() {
    let out = tempfile::tempdir().expect("temp dir");
    let documents = scale_corpus::scale(Path::new("corpus"), 3, out.path()).expect("scales");
    let one = zanbook::pipeline::compile_dir(Path::new("corpus")).expect("1× compiles");
    let three = zanbook::pipeline::compile_dir(out.path()).expect("3× compiles");
    assert_eq!(documents, 3 * one.graph.documents.len());
    assert_eq!(three.graph.nodes.len(), 3 * one.graph.nodes.len());
    assert_eq!(three.graph.citations.len(), 3 * one.graph.citations.len());
    // Statute units are shared: the copies cite the same articles.
    assert_eq!(
        three.graph.statute_articles.len(),
        one.graph.statute_articles.len()
    );
    assert_eq!(three.diagnostics.len(), 3 * one.diagnostics.len());
    let mut ids = std::collections::HashSet::new();
    assert!(three.graph.nodes.iter().all(|n| ids.insert(n.id.as_str())));
}
