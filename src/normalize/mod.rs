//! Stage 2, normalise: repair PDF-extraction noise while keeping, for every piece of clean
//! text, the raw line range it came from.
//!
//! The work happens at two levels. Line-level repairs (corrections, letter spacing, displaced
//! hyperlink text, Latin look-alike letters) turn raw lines into [`Line`]s. Layout rules then
//! assemble lines into [`Block`]s, the paragraphs the parsers read. Each document layout has
//! its own module: [`layout`] for acts (orders, instructions, laws), where a 6-space indent
//! opens a block.

pub mod chars;
pub mod layout;
pub mod text;
pub mod textbook;

use crate::corrections::Correction;
use crate::load::RawDocument;

/// One physical line after line-level repairs, with its raw provenance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub text: String,
    /// First and last raw line (1-based): one line, or the range a correction replaced.
    pub raw: [u32; 2],
    /// Names of the repairs applied to this line.
    pub repairs: Vec<&'static str>,
}

impl Line {
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// Number of leading spaces.
    pub fn indent(&self) -> usize {
        self.text.len() - self.text.trim_start_matches(' ').len()
    }
}

/// A paragraph assembled from lines: the unit the parsers read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Clean text: lines joined, spaces collapsed, repairs applied.
    pub text: String,
    /// First and last raw line (1-based, inclusive).
    pub lines: [u32; 2],
    /// Indent of the block's first line in the raw text.
    pub indent: usize,
    /// Whether a blank line (not a page break) came right before the block.
    pub after_blank: bool,
    /// Names of the repairs applied to the block's lines.
    pub repairs: Vec<String>,
}

/// Turns raw lines into [`Line`]s, replacing the ranges that reviewed corrections cover.
pub fn apply_corrections(doc: &RawDocument, corrections: &[Correction]) -> Vec<Line> {
    let mut list: Vec<&Correction> = corrections
        .iter()
        .filter(|c| c.document == doc.entry.id)
        .collect();
    list.sort_by_key(|c| c.lines[0]);
    let mut out = Vec::with_capacity(doc.lines.len());
    let mut next = 1u32;
    for c in list {
        let [first, last] = c.lines;
        if first < next {
            continue; // overlapping corrections are refused when they are loaded
        }
        push_raw(&mut out, doc, next, first - 1);
        for text in c.text.trim_end_matches('\n').split('\n') {
            out.push(Line {
                text: text.to_string(),
                raw: [first, last],
                repairs: vec!["correction"],
            });
        }
        next = last + 1;
    }
    push_raw(&mut out, doc, next, doc.lines.len() as u32);
    out
}

fn push_raw(out: &mut Vec<Line>, doc: &RawDocument, first: u32, last: u32) {
    for n in first..=last {
        if n == 0 {
            continue;
        }
        out.push(Line {
            text: doc.lines[n as usize - 1].clone(),
            raw: [n, n],
            repairs: Vec::new(),
        });
    }
}
