//! Reviewed corrections (`corpus/corrections.yaml`): fixes that no rule can prove, such as
//! hyperlink text the PDF extractor scrambled across several lines. Each correction names
//! its document and raw line range, repeats the raw text it expects there (so a correction
//! can never silently apply to a changed file), and gives the replacement lines. The
//! replacement keeps the raw line range as its provenance.

use crate::error::{yaml_error, Error, Result};
use crate::load::{line_of, RawDocument};
use serde::Deserialize;
use std::path::Path;

/// One reviewed correction.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    /// The document id from `corpus.yaml`.
    pub document: String,
    /// First and last raw line (1-based, inclusive) that the correction replaces.
    pub lines: [u32; 2],
    /// The raw text of those lines as it is now; compared with runs of white space folded.
    pub was: String,
    /// The replacement, one or more lines; indentation is kept (6 spaces start a block).
    pub text: String,
    /// Why no rule can make this fix, and who reviewed it.
    pub reason: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CorrectionsFile {
    #[serde(default)]
    corrections: Vec<Correction>,
}

/// Reads the corrections file (a missing file means no corrections) and checks every entry
/// against the document it names.
pub fn load(path: &Path, documents: &[RawDocument]) -> Result<Vec<Correction>> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(path, e)),
    };
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let file: CorrectionsFile = serde_norway::from_str(&text).map_err(|e| yaml_error(path, e))?;
    for c in &file.corrections {
        let line = line_of(&text, &format!("document: {}", c.document));
        verify(c, documents).map_err(|msg| {
            Error::input(path, line, msg).with_hint(
                "the text changed since the correction was reviewed: compare `was` with the file and review it again",
            )
        })?;
    }
    Ok(file.corrections)
}

fn verify(c: &Correction, documents: &[RawDocument]) -> std::result::Result<(), String> {
    let doc = documents
        .iter()
        .find(|d| d.entry.id == c.document)
        .ok_or_else(|| format!("correction names unknown document `{}`", c.document))?;
    let [first, last] = c.lines;
    if first == 0 || first > last || last as usize > doc.lines.len() {
        return Err(format!(
            "correction of `{}` names lines {first}-{last}, but the file has {} lines",
            c.document,
            doc.lines.len()
        ));
    }
    let raw = doc.lines[first as usize - 1..last as usize].join("\n");
    if fold_space(&raw) != fold_space(&c.was) {
        return Err(format!(
            "correction of `{}` lines {first}-{last} expects other text than the file has",
            c.document
        ));
    }
    Ok(())
}

fn fold_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The corrections for one document, sorted by first line; overlapping ranges are an error.
pub fn for_document<'a>(all: &'a [Correction], document: &str) -> Vec<&'a Correction> {
    let mut list: Vec<&Correction> = all.iter().filter(|c| c.document == document).collect();
    list.sort_by_key(|c| c.lines[0]);
    list
}
