//! A Prosecutor General order and the instruction it approves.

use crate::corrections::Correction;
use crate::diagnostic::Diagnostic;
use crate::graph::{DocMeta, DocumentTree};
use crate::load::RawDocument;
use crate::parse::tree::TreeBuilder;

pub fn parse(doc: &RawDocument, _corrections: &[Correction]) -> (DocumentTree, Vec<Diagnostic>) {
    let builder = TreeBuilder::new(&doc.entry.id, &doc.entry.file);
    builder.finish(DocMeta::default(), None)
}
