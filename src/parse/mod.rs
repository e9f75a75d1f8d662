//! Stage 3, parse: one parser per document layout turns normalised blocks into a node tree.
//!
//! - [`order`]: a Prosecutor General order and the instruction it approves;
//! - [`law`]: an amending law (articles, amended acts, amendment items, quoted new text);
//! - [`textbook`]: a textbook or study guide.

pub mod acts;
pub mod definitions;
pub mod header;
pub mod law;
pub mod order;
pub mod textbook;
pub mod tree;

use crate::corrections::Correction;
use crate::diagnostic::Diagnostic;
use crate::graph::{DocKind, DocumentTree};
use crate::load::RawDocument;

/// Normalises and parses one document.
pub fn parse_document(
    doc: &RawDocument,
    corrections: &[Correction],
) -> (DocumentTree, Vec<Diagnostic>) {
    match doc.entry.kind {
        DocKind::Order => order::parse(doc, corrections),
        DocKind::Law => law::parse(doc, corrections),
        DocKind::Textbook => textbook::parse(doc, corrections),
    }
}
