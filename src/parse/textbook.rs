//! Textbooks: topics, sections, paragraphs, review questions, cases, sources, footnotes.

use crate::corrections::Correction;
use crate::diagnostic::Diagnostic;
use crate::graph::{DocMeta, DocumentTree};
use crate::load::RawDocument;
use crate::parse::tree::TreeBuilder;

/// Parses a textbook. (The textbook layout is not recognised yet: the document joins the
/// graph with no nodes, and `check` says so.)
pub fn parse(doc: &RawDocument, _corrections: &[Correction]) -> (DocumentTree, Vec<Diagnostic>) {
    let mut builder = TreeBuilder::new(&doc.entry.id, &doc.entry.file);
    builder.diagnostic(Diagnostic::warning(
        "textbook-not-parsed",
        &doc.entry.file,
        1,
        "textbook structure is not recognised yet",
    ));
    builder.finish(DocMeta::default(), None)
}
