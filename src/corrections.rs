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
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
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
    if !path.exists() {
        return Ok(Vec::new());
    }
    let text = crate::limits::read_corpus_yaml(path)?;
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
    refuse_overlaps(&file.corrections, path, &text)?;
    Ok(file.corrections)
}

/// Two corrections of the same lines would make the result depend on their order.
fn refuse_overlaps(corrections: &[Correction], path: &Path, text: &str) -> Result<()> {
    let mut sorted: Vec<&Correction> = corrections.iter().collect();
    sorted.sort_by_key(|c| (c.document.clone(), c.lines[0]));
    for pair in sorted.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if a.document == b.document && b.lines[0] <= a.lines[1] {
            let line = line_of(text, &format!("lines: [{}, {}]", b.lines[0], b.lines[1]));
            return Err(Error::input(
                path,
                line,
                format!(
                    "corrections of `{}` overlap: lines {}-{} and {}-{}",
                    a.document, a.lines[0], a.lines[1], b.lines[0], b.lines[1]
                ),
            )
            .with_hint("merge them into one correction"));
        }
    }
    Ok(())
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
