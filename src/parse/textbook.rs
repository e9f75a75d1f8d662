//! Textbooks: topics or chapters, numbered sections, paragraphs, review questions, case
//! tasks, recommended sources, footnotes, introduction, conclusion, appendices, colophon.
//!
//! The normaliser ([`crate::normalize::textbook`]) hands over a stream of text lines with
//! footnote zones and page numbers already lifted out. This parser walks the stream once:
//! [`markers`] says which lines are structural, and the lines between two markers are
//! read according to the last marker (prose, question items, source entries, a case).

mod builder;
mod colophon;
mod items;
mod markers;
mod sources;

use crate::corrections::Correction;
use crate::diagnostic::Diagnostic;
use crate::graph::{DocMeta, DocumentTree};
use crate::load::RawDocument;
use crate::normalize::{apply_corrections, textbook as norm};

pub use items::reads_as_question;
pub use sources::entry_attrs;

/// Parses a textbook.
pub fn parse(doc: &RawDocument, corrections: &[Correction]) -> (DocumentTree, Vec<Diagnostic>) {
    let lines = apply_corrections(doc, corrections);
    let text = norm::normalize(&lines);
    let (body, colophon) = colophon::split(&text.lines);
    let mut meta = DocMeta::default();
    let mut printed_title = None;
    if let Some(lines) = colophon {
        let found = colophon::read(lines);
        printed_title = found.title.clone();
        found.apply(&mut meta);
    }
    if let Some(last) = text.pages.last() {
        meta.extra
            .insert("last_printed_page".into(), last.printed.to_string());
    }
    let mut parser = builder::Parser::new(&doc.entry.id, &doc.entry.file, body);
    parser.run();
    if let Some(lines) = colophon {
        parser.add_colophon(lines);
    }
    parser.add_footnotes(&text.footnotes);
    parser.flag_duplicate_cases();
    parser.finish(meta, printed_title)
}
