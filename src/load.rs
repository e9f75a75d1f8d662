//! Stage 1, load: read `corpus.yaml`, check every text's encoding and size, and hand the
//! raw lines to the normaliser. Nothing here interprets the text.

use crate::corrections::{self, Correction};
use crate::error::{yaml_error, Error, Result};
use crate::graph::DocKind;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::path::{Component, Path, PathBuf};

/// A text larger than this is refused: no legal document of this kind comes near it, and
/// refusing is better than exhausting memory on a wrong file.
pub const MAX_DOCUMENT_BYTES: usize = 16 * 1024 * 1024;
/// A line longer than this is refused: PDF extractions wrap at under 200 characters.
pub const MAX_LINE_CHARS: usize = 100_000;

/// One entry of `corpus.yaml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestEntry {
    /// The document's id, the first segment of every node id (`instr-2017-104`).
    pub id: String,
    /// Path of the text, relative to the corpus directory.
    pub file: String,
    pub kind: DocKind,
    pub title: String,
    /// ISO 639-1 code of the text's language (`kk`, `ru`).
    pub language: String,
    /// The file name of the extraction this text came from (provenance).
    pub original_name: String,
    /// Where the text is published (adilet.zan.kz for acts).
    #[serde(default)]
    pub url: Option<String>,
    /// The date of the text's wording (ISO), used to pick statute editions when the
    /// text itself carries no date (textbooks).
    #[serde(default)]
    pub date: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    documents: Vec<ManifestEntry>,
}

/// A document as read from disk: its manifest entry and its lines, decoded.
#[derive(Debug, Clone)]
pub struct RawDocument {
    pub entry: ManifestEntry,
    /// The lines of the file without line terminators; `lines[0]` is raw line 1.
    pub lines: Vec<String>,
}

/// The loaded corpus.
#[derive(Debug, Clone)]
pub struct Corpus {
    pub dir: PathBuf,
    pub documents: Vec<RawDocument>,
    pub corrections: Vec<Correction>,
    /// The statute registry (`statutes.yaml`; empty when the corpus has none).
    pub statutes: crate::cite::Registry,
}

pub const MANIFEST: &str = "corpus.yaml";
pub const CORRECTIONS: &str = "corrections.yaml";

/// Reads the manifest, every text it lists, and the corrections file.
pub fn load_corpus(dir: &Path) -> Result<Corpus> {
    let entries = manifest_entries(dir)?;
    // Texts are read and decoded on every core; the first failure in manifest order is the
    // one reported, as a sequential loader would.
    let loaded: Vec<Result<RawDocument>> = entries
        .into_par_iter()
        .map(|(entry, path)| {
            let lines = decode(&read_text_bytes(&path)?, &path)?;
            Ok(RawDocument { entry, lines })
        })
        .collect();
    let documents = loaded.into_iter().collect::<Result<Vec<_>>>()?;
    let corrections = corrections::load(&dir.join(CORRECTIONS), &documents)?;
    let statutes = crate::cite::Registry::load_dir(dir)?;
    Ok(Corpus {
        dir: dir.to_path_buf(),
        documents,
        corrections,
        statutes,
    })
}

/// The manifest's entries, each with the checked path of its text: the first half of
/// [`load_corpus`], for a loader that keeps decoded texts between builds (`zanbook serve`).
pub fn manifest_entries(dir: &Path) -> Result<Vec<(ManifestEntry, PathBuf)>> {
    if !dir.is_dir() {
        return Err(Error::Usage(format!(
            "corpus directory `{}` does not exist; pass --corpus DIR",
            dir.display()
        )));
    }
    let manifest_path = dir.join(MANIFEST);
    let manifest = read_manifest(&manifest_path)?;
    (manifest.documents.into_iter())
        .map(|entry| {
            let path = resolve_inside(dir, &entry.file, &manifest_path)?;
            Ok((entry, path))
        })
        .collect()
}

/// Reads a corpus text, refusing one over [`MAX_DOCUMENT_BYTES`] from its size before
/// reading it: a wrong 5 GB file listed by mistake must not be loaded into memory.
pub fn read_text_bytes(path: &Path) -> Result<Vec<u8>> {
    let size = std::fs::metadata(path)
        .map_err(|e| Error::io(path, e))?
        .len();
    if size > MAX_DOCUMENT_BYTES as u64 {
        return Err(too_big(path, size));
    }
    std::fs::read(path).map_err(|e| Error::io(path, e))
}

fn too_big(path: &Path, size: u64) -> Error {
    Error::input(
        path,
        None,
        format!("the file has {size} bytes, more than the limit of {MAX_DOCUMENT_BYTES} bytes"),
    )
    .with_hint("split the text into several documents in corpus.yaml")
}

fn read_manifest(path: &Path) -> Result<Manifest> {
    let text = crate::limits::read_corpus_yaml(path)?;
    let manifest: Manifest = serde_norway::from_str(&text).map_err(|e| yaml_error(path, e))?;
    let mut seen = std::collections::HashSet::new();
    for entry in &manifest.documents {
        let line = line_of(&text, &format!("id: {}", entry.id));
        if !is_valid_id(&entry.id) {
            return Err(Error::input(
                path,
                line,
                format!("document id `{}` is not a valid id", entry.id),
            )
            .with_hint("ids use lower-case Latin letters, digits and '-' (e.g. instr-2017-104)"));
        }
        if is_site_name(&entry.id) {
            return Err(Error::input(
                path,
                line,
                format!(
                    "document id `{}` is a name the study site uses for its own pages",
                    entry.id
                ),
            )
            .with_hint(format!(
                "choose another id (not one of: {})",
                SITE_NAMES.join(", ")
            )));
        }
        if !seen.insert(entry.id.clone()) {
            return Err(Error::input(
                path,
                line,
                format!("document id `{}` is listed twice", entry.id),
            )
            .with_hint("every document needs its own id"));
        }
    }
    if manifest.documents.is_empty() {
        return Err(Error::input(path, None, "the manifest lists no documents")
            .with_hint("add an entry under `documents:` for each text"));
    }
    Ok(manifest)
}

/// The 1-based line of the first occurrence of `needle`, for error messages.
pub fn line_of(text: &str, needle: &str) -> Option<usize> {
    text.find(needle)
        .map(|at| text[..at].matches('\n').count() + 1)
}

/// Names the study site gives its own directories and pages (`src/emit/site`): a document's
/// pages go to `<id>/` and its listings to `questions/<id>.html`, so an id equal to one of
/// these would overwrite them.
const SITE_NAMES: [&str; 7] = [
    "index",
    "questions",
    "cases",
    "sources",
    "statutes",
    "static",
    "search",
];

/// Is `id` a name the study site uses for its own directories and pages?
pub fn is_site_name(id: &str) -> bool {
    SITE_NAMES.contains(&id)
}

fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
}

/// Resolves a manifest path and refuses anything that leaves the corpus directory
/// (absolute paths, `..`, symlinks pointing outside).
fn resolve_inside(dir: &Path, file: &str, manifest: &Path) -> Result<PathBuf> {
    let line = std::fs::read_to_string(manifest)
        .ok()
        .and_then(|t| line_of(&t, &format!("file: {file}")));
    let relative = Path::new(file);
    let escapes = relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir));
    if escapes {
        return Err(Error::input(
            manifest,
            line,
            format!("`{file}` is outside the corpus directory"),
        )
        .with_hint("list texts by a path relative to the corpus directory, without '..'"));
    }
    let joined = dir.join(relative);
    let real = joined.canonicalize().map_err(|e| Error::io(&joined, e))?;
    let root = dir.canonicalize().map_err(|e| Error::io(dir, e))?;
    if !real.starts_with(&root) {
        return Err(Error::input(
            manifest,
            line,
            format!("`{file}` links to a file outside the corpus directory"),
        )
        .with_hint("copy the text into the corpus directory instead of linking to it"));
    }
    if !real.is_file() {
        return Err(Error::input(
            manifest,
            line,
            format!("`{file}` is not a regular file"),
        ));
    }
    Ok(joined)
}

/// Decodes a text file into lines. Accepts UTF-8 with or without a BOM and with LF or CRLF
/// line ends; refuses everything else with a message that says how to convert it.
pub fn decode(bytes: &[u8], path: &Path) -> Result<Vec<String>> {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(too_big(path, bytes.len() as u64));
    }
    if bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF])
        || looks_like_utf16(bytes)
    {
        return Err(Error::input(path, None, "the file is UTF-16, not UTF-8")
            .with_hint("convert it: iconv -f UTF-16 -t UTF-8 FILE > FILE.utf8"));
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    // `contains` on bytes is a memchr scan; the position is only needed for the message.
    if let Some(at) = bytes
        .contains(&0)
        .then(|| bytes.iter().position(|&b| b == 0))
        .flatten()
    {
        return Err(Error::input(
            path,
            Some(line_at(bytes, at)),
            "the file contains NUL bytes: it is binary, not text",
        )
        .with_hint("list only plain-text extractions in corpus.yaml"));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let at = err.valid_up_to();
            return Err(Error::input(
                path,
                Some(line_at(bytes, at)),
                "the file is not valid UTF-8 (is it CP1251?)",
            )
            .with_hint("convert it: iconv -f CP1251 -t UTF-8 FILE > FILE.utf8"));
        }
    };
    if text.trim().is_empty() {
        return Err(Error::input(path, None, "the file is empty")
            .with_hint("remove it from corpus.yaml or put the document's text in it"));
    }
    let mut lines = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        // A line of at most MAX_LINE_CHARS bytes cannot have more characters: count only
        // the longer ones.
        let too_long = line.len() > MAX_LINE_CHARS
            && (line.len() > MAX_LINE_CHARS * 4 || line.chars().count() > MAX_LINE_CHARS);
        if too_long {
            return Err(Error::input(
                path,
                Some(i + 1),
                format!("the line is longer than {MAX_LINE_CHARS} characters"),
            )
            .with_hint("the text must keep its line breaks; re-extract it from the PDF"));
        }
        lines.push(line.to_string());
    }
    // A final newline ends the last line rather than starting an empty one.
    if text.ends_with('\n') {
        lines.pop();
    }
    Ok(lines)
}

/// UTF-16 without a BOM: its spaces, digits and line ends put NUL bytes at positions of one
/// parity only (Cyrillic letters have no NUL byte, so the share of NULs alone says little).
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(1 << 16)];
    let even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    let (most, least) = (even.max(odd), even.min(odd));
    most >= 4 && least * 20 <= most && most * 40 >= sample.len() / 2
}

fn line_at(bytes: &[u8], at: usize) -> usize {
    bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1
}
