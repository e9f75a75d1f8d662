//! The static search index: an [`Engine`]'s data and the stored passages written into
//! `<site>/search/` as small JavaScript files, and read back so that `zanbook search` ranks
//! over the very files the browser loads.
//!
//! The format is specified for the client in `docs/search-index.md`; in short:
//!
//! * every file is `zanbookSearch.add("<name>",<JSON>);` — the site is opened from `file://`
//!   too, where a page may load `<script src>` but not fetch its own files;
//! * `manifest` holds counts, engine constants, the shard lists and the thesaurus;
//! * `p/<hex>` holds the postings of the keys sharing a one- or two-character prefix
//!   (a query word's stems, completions and typo neighbours share their first letters, so
//!   one word loads one or two shards): per posting a doc gap and a quantised impact level
//!   written as its difference to the doc's base level; no positions;
//! * `v/<hex>` holds the surface vocabulary of one first character, front-coded: prefix
//!   completion, typo and keyboard search look only there (see `engine.rs`);
//! * `d/<n>` holds stored passages in chunks of consecutive doc numbers, loaded for the hits
//!   shown and for the candidates of a phrase, whose words are checked in the stored text.
//!
//! Doc numbers follow the byte order of the passage ids, so the engine's tie-break by id is
//! a tie-break by doc number for the client.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::ser::SerializeSeq;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{json, Value};

use super::engine::{
    impact_levels, DocEntry, Index, Posting, DEFINES, MAX_GROUPS, MAX_PREFIX_KEYS, MAX_QUERY_CHARS,
    MAX_TYPO_KEYS, PREFIX_MIN_CHARS, PROXIMITY_DEPTH, PROXIMITY_PERCENT, STOP_WORDS,
    TYPO_MIN_CHARS, W_EXACT, W_EXPANSION, W_KEYBOARD, W_PHRASE_WORDS, W_PREFIX, W_TYPO,
};
use super::normalize::TokenKind;
use super::{analyze, Engine, NormalizeOptions, StoredPassage, Thesaurus};
use crate::emit::atomic::StagedDir;
use crate::error::{Error, Result};

/// The version written into the manifest; bumped on any incompatible change.
pub const FORMAT_VERSION: u32 = 6;
/// The index directory inside the site.
pub const INDEX_DIR: &str = "search";
/// What every index file calls to register its data.
const WRAPPER_OPEN: &str = "zanbookSearch.add(";
const WRAPPER_CLOSE: &str = ");";
/// A first-character postings group bigger than this is split by the first two characters.
const SPLIT_BYTES: usize = 24 * 1024;
/// Stored passages are chunked to about this many bytes.
const CHUNK_BYTES: usize = 16 * 1024;
/// The most passages one stored chunk holds.
const MAX_CHUNK_DOCS: usize = 512;
/// Snippet length in characters.
pub const SNIPPET_WIDTH: usize = 160;
/// Characters of context kept before the first matched word.
pub const SNIPPET_BEFORE: usize = 60;

/// Which part of the index a file belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// Manifest, postings, vocabulary: what ranking needs.
    Ranking,
    /// Stored passages: what hits show.
    Stored,
}

/// One rendered index file.
#[derive(Debug, Clone)]
pub struct IndexFile {
    /// The registered name; the file is `search/<name>.js`.
    pub name: String,
    pub kind: FileKind,
    pub bytes: Vec<u8>,
}

/// What an index write produced.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IndexStats {
    pub passages: usize,
    pub keys: usize,
    pub files: usize,
    pub ranking_bytes: usize,
    pub stored_bytes: usize,
}

/// An index read back from a site.
#[derive(Debug, Clone)]
pub struct LoadedIndex {
    pub engine: Engine,
    /// Stored passages by doc number (the engine's `index().docs` order).
    pub stored: Vec<StoredPassage>,
}

/// Renders the index files of an engine and its stored passages (same order), sorted by name.
pub fn render_index(engine: &Engine, stored: &[StoredPassage]) -> Result<Vec<IndexFile>> {
    let files = std::sync::Mutex::new(Vec::new());
    each_index_file(engine, stored, &|file| {
        files
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(file);
        Ok(())
    })?;
    let mut files = files
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    files.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(files)
}

/// Renders the index files on every core and hands each to `emit` as soon as it is made, in
/// no fixed order: a large corpus's index is hundreds of megabytes, and holding all of it
/// before writing was a fifth of a 100× build's peak memory.
fn each_index_file(
    engine: &Engine,
    stored: &[StoredPassage],
    emit: &(dyn Fn(IndexFile) -> Result<()> + Sync),
) -> Result<()> {
    let index = engine.index();
    if index.docs.len() != stored.len() {
        return Err(Error::Usage(format!(
            "search index: {} passages indexed but {} stored",
            index.docs.len(),
            stored.len()
        )));
    }
    let order = doc_order(&index.docs);
    let mut renumber = vec![0u32; order.len()];
    for (new, &old) in order.iter().enumerate() {
        renumber[old] = new as u32;
    }
    // At scale the pages are done before the index: its files are rendered on every core.
    let (postings, vocabulary) = rayon::join(
        || postings_shards(index, &renumber),
        || vocabulary_shards(index),
    );
    let chunk = chunk_size(stored);
    let postings_files = (postings.par_iter()).map(|(prefix, keys)| {
        let name = format!("p/{}", hex(prefix));
        file(&name, FileKind::Ranking, &postings_payload(keys))
    });
    let vocabulary_files = (vocabulary.par_iter())
        .map(|(first, shard)| file(&format!("v/{}", hex(first)), FileKind::Ranking, shard));
    let stored_files = (order.par_chunks(chunk).enumerate()).map(|(n, docs)| {
        let passages: Vec<&StoredPassage> = docs.iter().map(|&old| &stored[old]).collect();
        file(
            &format!("d/{n}"),
            FileKind::Stored,
            &stored_chunk(&passages),
        )
    });
    let manifest = manifest(engine, &postings, &vocabulary, chunk);
    emit(file("manifest", FileKind::Ranking, &manifest)?)?;
    (postings_files.chain(vocabulary_files).chain(stored_files)).try_for_each(|f| emit(f?))
}

/// Writes the index into `search/` of a staged site.
pub fn write_index(
    staged: &StagedDir,
    engine: &Engine,
    stored: &[StoredPassage],
) -> Result<IndexStats> {
    let stats = std::sync::Mutex::new(IndexStats {
        passages: stored.len(),
        keys: engine.index().postings.len(),
        ..IndexStats::default()
    });
    each_index_file(engine, stored, &|f| {
        staged.write(&format!("{INDEX_DIR}/{}.js", f.name), &f.bytes)?;
        let mut stats = stats
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        stats.files += 1;
        match f.kind {
            FileKind::Ranking => stats.ranking_bytes += f.bytes.len(),
            FileKind::Stored => stats.stored_bytes += f.bytes.len(),
        }
        Ok(())
    })?;
    Ok(stats
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner))
}

/// Indexes the passages of a graph and writes the index into a staged site. `terms` is the
/// reviewed ru → kk list (`corpus/search-terms.yaml`); a corpus without one gets none.
pub fn index_site(
    graph: &crate::graph::Graph,
    map: &crate::emit::site::pages::PageMap,
    staged: &StagedDir,
    terms: &Path,
) -> Result<IndexStats> {
    let thesaurus = if terms.exists() {
        Thesaurus::load(terms)?
    } else {
        Thesaurus::new()
    };
    let t = std::time::Instant::now();
    let corpus = super::passages::collect(graph, map, thesaurus);
    let t = crate::timings::stage("search passages", t);
    let engine = Engine::new(&corpus.passages, corpus.thesaurus);
    drop(corpus.passages); // the engine keeps what it needs; free the texts before writing
    let t = crate::timings::stage("search engine", t);
    let stats = write_index(staged, &engine, &corpus.stored);
    crate::timings::stage("search files", t);
    stats
}

/// Passage numbers in the order they are written: by id (byte order), ties in build order.
fn doc_order(docs: &[DocEntry]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by(|&a, &b| docs[a].id.cmp(&docs[b].id));
    order
}

/// `manifest`: counts, constants, shard lists, the thesaurus.
fn manifest(
    engine: &Engine,
    postings: &BTreeMap<String, BTreeMap<&str, Vec<i64>>>,
    vocabulary: &BTreeMap<String, Value>,
    chunk: usize,
) -> Value {
    let index = engine.index();
    let base_levels: Vec<u8> = doc_order(&index.docs)
        .iter()
        .map(|&old| index.docs[old].base_level)
        .collect();
    let thesaurus: Vec<Value> = engine
        .thesaurus()
        .entries()
        .iter()
        .map(|e| json!([e.from, e.to]))
        .collect();
    json!({
        "v": FORMAT_VERSION,
        "n": index.docs.len(),
        "keys": index.postings.len(),
        "opt": {"fold_u": engine.options().fold_u},
        "c": {
            "exact": W_EXACT, "expansion": W_EXPANSION, "keyboard": W_KEYBOARD,
            "prefix": W_PREFIX, "typo": W_TYPO, "phrase_words": W_PHRASE_WORDS,
            "typo_min": TYPO_MIN_CHARS,
            "prefix_min": PREFIX_MIN_CHARS, "max_prefix": MAX_PREFIX_KEYS,
            "max_typo": MAX_TYPO_KEYS, "max_query": MAX_QUERY_CHARS, "max_groups": MAX_GROUPS,
            "prox_depth": PROXIMITY_DEPTH, "prox_percent": PROXIMITY_PERCENT,
        },
        "lv": impact_levels(),
        "idf": index.scales.iter().map(|(df, scale)| [df, scale]).collect::<Vec<_>>(),
        "bl": base_levels,
        "p": postings.keys().collect::<Vec<_>>(),
        "vs": vocabulary.keys().collect::<Vec<_>>(),
        "dc": chunk,
        "th": thesaurus,
        "snip": {"width": SNIPPET_WIDTH, "before": SNIPPET_BEFORE},
        "stop": STOP_WORDS,
        "def": DEFINES,
    })
}

/// Postings grouped into shards by key prefix (see the module comment).
fn postings_shards<'a>(
    index: &'a Index,
    renumber: &[u32],
) -> BTreeMap<String, BTreeMap<&'a str, Vec<i64>>> {
    let mut by_first: BTreeMap<String, Vec<(&str, Vec<i64>)>> = BTreeMap::new();
    for (key, postings) in &index.postings {
        let Some(first) = key.chars().next() else {
            continue;
        };
        let encoded = encode_postings(postings, renumber, &index.docs);
        by_first
            .entry(first.to_string())
            .or_default()
            .push((key.as_str(), encoded));
    }
    let mut shards: BTreeMap<String, BTreeMap<&str, Vec<i64>>> = BTreeMap::new();
    for (first, keys) in by_first {
        let size: usize = keys.iter().map(|(k, v)| k.len() + 4 * v.len() + 6).sum();
        for (key, encoded) in keys {
            let prefix = if size > SPLIT_BYTES && key.chars().count() >= 2 {
                key.chars().take(2).collect()
            } else {
                first.clone()
            };
            shards.entry(prefix).or_default().insert(key, encoded);
        }
    }
    shards
}

/// A postings shard's payload: `[shared, suffix, [ints…], …]` per key in code point order,
/// the key being the first `shared` characters of the previous key followed by `suffix`
/// (front coding: a shard's keys share their first letters, stems share more).
fn postings_payload<'a>(keys: &'a BTreeMap<&'a str, Vec<i64>>) -> PostingsPayload<'a> {
    PostingsPayload(keys)
}

/// A postings shard's payload, serialised straight into the file (the largest part of the
/// index: no intermediate JSON values).
struct PostingsPayload<'a>(&'a BTreeMap<&'a str, Vec<i64>>);

impl Serialize for PostingsPayload<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(3 * self.0.len()))?;
        let mut previous = "";
        for (key, encoded) in self.0 {
            let (shared, suffix) = front_coded(previous, key);
            seq.serialize_element(&shared)?;
            seq.serialize_element(suffix)?;
            seq.serialize_element(encoded)?;
            previous = key;
        }
        seq.end()
    }
}

/// `word` front-coded against `previous`: how many characters they share at the start, and
/// the rest of `word`.
fn front_coded<'w>(previous: &str, word: &'w str) -> (usize, &'w str) {
    let mut shared = 0;
    let mut rest = 0;
    for ((i, a), b) in word.char_indices().zip(previous.chars()) {
        if a != b {
            break;
        }
        shared += 1;
        rest = i + a.len_utf8();
    }
    (shared, &word[rest..])
}

/// The keys and encoded lists of a postings shard's payload (see [`postings_payload`]).
fn read_postings_payload(values: &[Value]) -> std::result::Result<Vec<(String, Vec<i64>)>, String> {
    if !values.len().is_multiple_of(3) {
        return Err("truncated (not three values per key)".to_string());
    }
    let mut previous: Vec<char> = Vec::new();
    let mut out = Vec::with_capacity(values.len() / 3);
    for entry in values.chunks_exact(3) {
        let (Some(shared), Some(suffix), Some(list)) =
            (entry[0].as_u64(), entry[1].as_str(), entry[2].as_array())
        else {
            return Err(format!(
                "bad entry after key `{}`",
                String::from_iter(&previous)
            ));
        };
        let shared = usize::try_from(shared).unwrap_or(usize::MAX);
        if shared > previous.len() {
            return Err(format!(
                "key `{suffix}` shares {shared} characters of a shorter key"
            ));
        }
        previous.truncate(shared);
        previous.extend(suffix.chars());
        let key: String = previous.iter().collect();
        let encoded = list
            .iter()
            .map(Value::as_i64)
            .collect::<Option<Vec<i64>>>()
            .ok_or_else(|| format!("key `{key}`: a value that is not an integer"))?;
        out.push((key, encoded));
    }
    Ok(out)
}

/// The shard a key's postings live in, given the manifest's shard prefixes.
pub fn postings_shard_of<'a>(key: &str, prefixes: &'a HashSet<String>) -> Option<&'a str> {
    let two: String = key.chars().take(2).collect();
    let one: String = key.chars().take(1).collect();
    if two.chars().count() == 2 {
        if let Some(p) = prefixes.get(&two) {
            return Some(p);
        }
    }
    prefixes.get(&one).map(String::as_str)
}

/// One key's postings as `docGap, level − base level of the doc` per posting, docs
/// renumbered and in order (most postings are a word occurring once in the text: their
/// level is the doc's base level, a 0 here). The impact is `idf[df] · lv[level]` from the
/// manifest's tables (df: the list's length):
/// stored, not re-derived by the client, so the ranking model — field normalisation,
/// derived forms counting half — lives only in `engine.rs`, yet quantised to a few levels
/// that compress well. No positions: phrases are checked against the stored text.
fn encode_postings(postings: &[Posting], renumber: &[u32], docs: &[DocEntry]) -> Vec<i64> {
    let mut sorted: Vec<(u32, &Posting)> = postings
        .iter()
        .map(|p| (renumber.get(p.doc as usize).copied().unwrap_or(p.doc), p))
        .collect();
    sorted.sort_by_key(|(doc, _)| *doc);
    let mut out = Vec::with_capacity(2 * sorted.len());
    let mut previous = 0u32;
    for (doc, posting) in sorted {
        out.push(i64::from(doc - previous));
        previous = doc;
        let base = docs.get(posting.doc as usize).map_or(0, |d| d.base_level);
        out.push(i64::from(posting.level) - i64::from(base));
    }
    out
}

/// Vocabulary shards: surfaces by their first character.
///
/// A shard is `{"s": [shared, suffix, key, df, shared, suffix, "", …]}`, the words in code
/// point order: the word is the first `shared` characters of the previous word followed by
/// `suffix` (front coding: sorted inflections share their stems); `key` is an integer `n` —
/// the word without its last `n` characters — or the key itself, then the key's `df`; or
/// `""` (no key is empty) for "the previous word's key", with no `df` after it.
fn vocabulary_shards(index: &Index) -> BTreeMap<String, Value> {
    #[derive(Default)]
    struct Shard<'a> {
        previous: &'a str,
        previous_key: Option<&'a str>,
        values: Vec<Value>,
    }
    let mut shards: BTreeMap<String, Shard> = BTreeMap::new();
    for (surface, key) in &index.surfaces {
        let Some(first) = surface.chars().next() else {
            continue;
        };
        let shard = shards.entry(first.to_string()).or_default();
        let (shared, suffix) = front_coded(shard.previous, surface);
        shard.values.extend([json!(shared), json!(suffix)]);
        if shard.previous_key == Some(key.as_str()) && !key.is_empty() {
            shard.values.push(json!(""));
        } else {
            let key_ref = match surface.strip_prefix(key.as_str()) {
                Some(rest) if !key.is_empty() => json!(rest.chars().count()),
                _ => json!(key),
            };
            shard.values.extend([key_ref, json!(index.df(key))]);
        }
        shard.previous = surface;
        shard.previous_key = Some(key.as_str());
    }
    shards
        .into_iter()
        .map(|(first, shard)| (first, json!({ "s": shard.values })))
        .collect()
}

/// Passages per stored chunk: about [`CHUNK_BYTES`] each.
fn chunk_size(stored: &[StoredPassage]) -> usize {
    let total: usize = stored
        .iter()
        .map(|s| s.id.len() + s.place.len() + s.text.len() + 30)
        .sum();
    let average = (total / stored.len().max(1)).max(1);
    (CHUNK_BYTES / average).clamp(1, MAX_CHUNK_DOCS)
}

/// A stored chunk: `{"d": [[document, file]…], "h": [heading…], "u": [page…], "r": rows}`,
/// each row `[shared, idSuffix, url, place, h, d, firstLine, lineCount, text]`: the id is
/// the first `shared` characters of the previous row's id followed by `idSuffix` (rows are
/// in id order), `h`, `d` are indices into the chunk's tables (a section's passages share
/// their heading and document), `url` is a string or an index `i` into `u` meaning
/// `u[i] + "#" + ` the id after its first `/` (how a node's anchor is written on its
/// document's pages), and the last line is `firstLine + lineCount`.
fn stored_chunk<'a>(passages: &[&'a StoredPassage]) -> WrittenChunk<'a> {
    let mut documents: Vec<(&str, &str)> = Vec::new();
    let mut headings: Vec<&str> = Vec::new();
    let mut pages: Vec<&str> = Vec::new();
    let mut previous = "";
    let rows: Vec<WrittenRow> = passages
        .iter()
        .map(|s| {
            let d = index_of(&mut documents, (s.document.as_str(), s.file.as_str()));
            let h = index_of(&mut headings, s.heading.as_str());
            let url = match page_of(s) {
                Some(page) => WrittenUrl::Page(index_of(&mut pages, page)),
                None => WrittenUrl::Whole(&s.url),
            };
            let (shared, suffix) = front_coded(previous, &s.id);
            previous = &s.id;
            let count = s.lines[1].saturating_sub(s.lines[0]);
            (
                shared, suffix, url, &s.place, h, d, s.lines[0], count, &s.text,
            )
        })
        .collect();
    WrittenChunk {
        d: documents,
        h: headings,
        r: rows,
        u: pages,
    }
}

/// A stored chunk as written (see [`stored_chunk`]; [`StoredChunk`] reads it back), fields
/// in name order as they have always been written.
#[derive(Serialize)]
struct WrittenChunk<'a> {
    d: Vec<(&'a str, &'a str)>,
    h: Vec<&'a str>,
    r: Vec<WrittenRow<'a>>,
    u: Vec<&'a str>,
}

type WrittenRow<'a> = (
    usize,
    &'a str,
    WrittenUrl<'a>,
    &'a String,
    usize,
    usize,
    u32,
    u32,
    &'a String,
);

/// A stored row's link: an index into the chunk's pages, or the whole url.
#[derive(Serialize)]
#[serde(untagged)]
enum WrittenUrl<'a> {
    Page(usize),
    Whole(&'a str),
}

/// The page of a url written `page#anchor` with the anchor the id after its first `/`.
fn page_of(s: &StoredPassage) -> Option<&str> {
    let (page, anchor) = s.url.split_once('#')?;
    let (_, rest) = s.id.split_once('/')?;
    (anchor == rest).then_some(page)
}

/// The index of `item` in `table`, appended if new.
fn index_of<T: PartialEq>(table: &mut Vec<T>, item: T) -> usize {
    match table.iter().position(|t| *t == item) {
        Some(i) => i,
        None => {
            table.push(item);
            table.len() - 1
        }
    }
}

/// `<prefix>` as lowercase hex code points joined by `-`: a file name safe everywhere.
pub fn hex(prefix: &str) -> String {
    prefix
        .chars()
        .map(|c| format!("{:x}", u32::from(c)))
        .collect::<Vec<_>>()
        .join("-")
}

/// Wraps a payload as `zanbookSearch.add("<name>",<JSON>);`, serialised straight into the
/// file's bytes.
fn file(name: &str, kind: FileKind, payload: &impl Serialize) -> Result<IndexFile> {
    let mut bytes: Vec<u8> = Vec::with_capacity(1024);
    bytes.extend_from_slice(WRAPPER_OPEN.as_bytes());
    serde_json::to_writer(&mut bytes, name)
        .and_then(|()| {
            bytes.extend_from_slice(b", ");
            serde_json::to_writer(&mut bytes, payload)
        })
        .map_err(|e| Error::Usage(format!("search index file {name}: {e}")))?;
    escape_line_separators(&mut bytes);
    bytes.extend_from_slice(WRAPPER_CLOSE.as_bytes());
    bytes.push(b'\n');
    Ok(IndexFile {
        name: name.to_string(),
        kind,
        bytes,
    })
}

/// U+2028 and U+2029 are valid in JSON strings but end a line in older JavaScript: written
/// as `\u2028`, `\u2029` (they only occur inside strings).
fn escape_line_separators(bytes: &mut Vec<u8>) {
    // Both are E2 80 A8/A9 in UTF-8.
    if memchr::memmem::find(bytes, "\u{2028}".as_bytes()).is_none()
        && memchr::memmem::find(bytes, "\u{2029}".as_bytes()).is_none()
    {
        return;
    }
    let text = String::from_utf8_lossy(bytes)
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029");
    *bytes = text.into_bytes();
}

// ---------------------------------------------------------------------------------------
// Reading back
// ---------------------------------------------------------------------------------------

#[derive(Deserialize)]
struct Manifest {
    v: u32,
    n: usize,
    opt: ManifestOptions,
    lv: Vec<u32>,
    idf: Vec<(u32, u32)>,
    bl: Vec<u8>,
    p: Vec<String>,
    vs: Vec<String>,
    dc: usize,
    th: Vec<(Vec<String>, Vec<String>)>,
}

#[derive(Deserialize)]
struct ManifestOptions {
    fold_u: bool,
}

#[derive(Deserialize)]
struct VocabularyShard {
    s: Vec<Value>,
}

#[derive(Deserialize)]
struct StoredChunk {
    d: Vec<(String, String)>,
    h: Vec<String>,
    u: Vec<String>,
    r: Vec<StoredRow>,
}

/// `[shared, idSuffix, url, place, heading, document, firstLine, lineCount, text]`.
type StoredRow = (
    usize,
    String,
    UrlRef,
    String,
    usize,
    usize,
    u32,
    u32,
    String,
);

#[derive(Deserialize)]
#[serde(untagged)]
enum UrlRef {
    Page(usize),
    Url(String),
}

/// Reads the index of a site (`<site>/search/`) back into an engine and its stored passages.
pub fn load_index(site: &Path) -> Result<LoadedIndex> {
    let dir = site.join(INDEX_DIR);
    let manifest_path = dir.join("manifest.js");
    if !manifest_path.is_file() {
        return Err(Error::input(
            &manifest_path,
            None,
            "no search index in this site",
        )
        .with_hint(
            "run `zanbook build` first (or pass --site with the directory `zanbook build --out` wrote)",
        ));
    }
    let manifest: Manifest = parse_payload(&dir, "manifest")?;
    if manifest.v != FORMAT_VERSION {
        return Err(corrupt(
            &manifest_path,
            format!(
                "index format {} but this zanbook reads format {FORMAT_VERSION}",
                manifest.v
            ),
        ));
    }
    let mut index = Index {
        scales: manifest.idf.iter().copied().collect(),
        ..Index::default()
    };
    if manifest.bl.len() != manifest.n {
        return Err(corrupt(
            &manifest_path,
            format!(
                "{} base levels for {} passages",
                manifest.bl.len(),
                manifest.n
            ),
        ));
    }
    let tables = ImpactTables {
        scales: &index.scales,
        levels: &manifest.lv,
        bases: &manifest.bl,
    };
    let mut postings = BTreeMap::new();
    let prefixes: HashSet<String> = manifest.p.iter().cloned().collect();
    for prefix in &manifest.p {
        let name = format!("p/{}", hex(prefix));
        let payload: Vec<Value> = parse_payload(&dir, &name)?;
        let shard =
            read_postings_payload(&payload).map_err(|why| corrupt(&file_path(&dir, &name), why))?;
        for (key, encoded) in shard {
            if postings_shard_of(&key, &prefixes) != Some(prefix.as_str()) {
                return Err(corrupt(
                    &file_path(&dir, &name),
                    format!("key `{key}` does not belong in this shard"),
                ));
            }
            let list = decode_postings(&encoded, &tables)
                .map_err(|why| corrupt(&file_path(&dir, &name), format!("key `{key}`: {why}")))?;
            if postings.insert(key.clone(), list).is_some() {
                return Err(corrupt(
                    &file_path(&dir, &name),
                    format!("key `{key}` twice"),
                ));
            }
        }
    }
    index.postings = postings;
    for first in &manifest.vs {
        let name = format!("v/{}", hex(first));
        let shard: VocabularyShard = parse_payload(&dir, &name)?;
        read_vocabulary(shard, first, &mut index)
            .map_err(|why| corrupt(&file_path(&dir, &name), why))?;
    }
    let stored = read_stored(&dir, &manifest)?;
    index.docs = stored
        .iter()
        .zip(&manifest.bl)
        .map(|(s, &base_level)| DocEntry {
            id: s.id.clone(),
            title: s.heading.clone(),
            text: s.text.clone(),
            base_level,
        })
        .collect();
    let mut thesaurus = Thesaurus::new();
    for (from, to) in manifest.th {
        thesaurus.add_expansion(from, to);
    }
    let options = NormalizeOptions {
        fold_u: manifest.opt.fold_u,
    };
    Ok(LoadedIndex {
        engine: Engine::from_index(index, thesaurus, options),
        stored,
    })
}

fn read_vocabulary(
    shard: VocabularyShard,
    first: &str,
    index: &mut Index,
) -> std::result::Result<(), String> {
    let mut previous: Vec<char> = Vec::new();
    let mut previous_key: Option<String> = None;
    let mut values = shard.s.iter();
    while let Some(shared) = values.next() {
        let (Some(shared), Some(suffix)) = (shared.as_u64(), values.next().and_then(Value::as_str))
        else {
            return Err(format!(
                "bad vocabulary entry after `{}`",
                String::from_iter(&previous)
            ));
        };
        let shared = usize::try_from(shared).unwrap_or(usize::MAX);
        if shared > previous.len() {
            return Err(format!(
                "word `{suffix}` shares {shared} characters of a shorter word"
            ));
        }
        let mut word: Vec<char> = previous[..shared].to_vec();
        word.extend(suffix.chars());
        let surface: String = word.iter().collect();
        if !surface.starts_with(first) {
            return Err(format!("word `{surface}` does not start with `{first}`"));
        }
        let key = match values.next() {
            Some(Value::String(same)) if same.is_empty() => previous_key
                .clone()
                .ok_or_else(|| format!("word `{surface}`: no previous key"))?,
            Some(key_ref) => {
                let key = match (key_ref, key_ref.as_u64()) {
                    (Value::String(key), _) => key.clone(),
                    (_, Some(dropped)) if (dropped as usize) < word.len() => {
                        word[..word.len() - dropped as usize].iter().collect()
                    }
                    _ => return Err(format!("word `{surface}`: bad key {key_ref}")),
                };
                if values.next().and_then(Value::as_u64).is_none() {
                    return Err(format!("word `{surface}`: no df"));
                }
                key
            }
            None => return Err(format!("word `{surface}`: truncated")),
        };
        index.surfaces.insert(surface, key.clone());
        previous = word;
        previous_key = Some(key);
    }
    Ok(())
}

fn read_stored(dir: &Path, manifest: &Manifest) -> Result<Vec<StoredPassage>> {
    let chunk = manifest.dc.max(1);
    let chunks = manifest.n.div_ceil(chunk);
    let mut stored = Vec::with_capacity(manifest.n);
    for n in 0..chunks {
        let name = format!("d/{n}");
        let data: StoredChunk = parse_payload(dir, &name)?;
        let expected = chunk.min(manifest.n - n * chunk);
        if data.r.len() != expected {
            return Err(corrupt(
                &file_path(dir, &name),
                format!("{} passages where {expected} were expected", data.r.len()),
            ));
        }
        read_chunk(data, &mut stored).map_err(|why| corrupt(&file_path(dir, &name), why))?;
    }
    Ok(stored)
}

/// The passages of one stored chunk, their table references resolved.
fn read_chunk(
    data: StoredChunk,
    stored: &mut Vec<StoredPassage>,
) -> std::result::Result<(), String> {
    let mut previous: Vec<char> = Vec::new();
    for (shared, suffix, url, place, h, d, first, count, text) in data.r {
        if shared > previous.len() {
            return Err(format!(
                "id `{suffix}` shares {shared} characters of a shorter id"
            ));
        }
        previous.truncate(shared);
        previous.extend(suffix.chars());
        let id: String = previous.iter().collect();
        let last = first
            .checked_add(count)
            .ok_or_else(|| format!("passage `{id}`: line {first} + {count} out of range"))?;
        let (document, file) = data
            .d
            .get(d)
            .cloned()
            .ok_or_else(|| format!("passage `{id}`: no document {d}"))?;
        let heading = data
            .h
            .get(h)
            .cloned()
            .ok_or_else(|| format!("passage `{id}`: no heading {h}"))?;
        let url = match url {
            UrlRef::Url(url) => url,
            UrlRef::Page(i) => {
                let page = data
                    .u
                    .get(i)
                    .ok_or_else(|| format!("passage `{id}`: no page {i}"))?;
                let (_, anchor) = id
                    .split_once('/')
                    .ok_or_else(|| format!("passage `{id}`: a page url needs an id with `/`"))?;
                format!("{page}#{anchor}")
            }
        };
        stored.push(StoredPassage {
            id,
            url,
            place,
            heading,
            document,
            file,
            lines: [first, last],
            text,
        });
    }
    Ok(())
}

/// The manifest's tables a posting list is decoded with.
struct ImpactTables<'a> {
    /// Document frequency → idf scale.
    scales: &'a BTreeMap<u32, u32>,
    /// Saturation level → its value.
    levels: &'a [u32],
    /// Doc number → its base level.
    bases: &'a [u8],
}

/// Decodes one key's posting list (`docGap, level − base level` per posting).
fn decode_postings(
    encoded: &[i64],
    tables: &ImpactTables,
) -> std::result::Result<Vec<Posting>, String> {
    if !encoded.len().is_multiple_of(2) {
        return Err("truncated (an odd number of values)".to_string());
    }
    let df = encoded.len() / 2;
    let scale = u32::try_from(df)
        .ok()
        .and_then(|df| tables.scales.get(&df))
        .copied()
        .ok_or_else(|| format!("no idf for {df} passages in the manifest"))?;
    let mut out: Vec<Posting> = Vec::with_capacity(df);
    let mut doc: i64 = 0;
    for pair in encoded.chunks_exact(2) {
        let (gap, residual) = (pair[0], pair[1]);
        if gap < 0 || (!out.is_empty() && gap == 0) {
            return Err("doc numbers not increasing".to_string());
        }
        doc = doc.saturating_add(gap);
        let base = usize::try_from(doc)
            .ok()
            .and_then(|d| tables.bases.get(d))
            .ok_or_else(|| {
                format!(
                    "doc {doc} out of range (the index has {})",
                    tables.bases.len()
                )
            })?;
        let level = i64::from(*base)
            .checked_add(residual)
            .and_then(|l| u8::try_from(l).ok())
            .filter(|&l| usize::from(l) < tables.levels.len())
            .ok_or_else(|| format!("level {base} + {residual} out of range"))?;
        out.push(Posting {
            doc: doc as u32,
            level,
            impact: scale.saturating_mul(tables.levels[usize::from(level)]),
        });
    }
    Ok(out)
}

fn file_path(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!("{name}.js"))
}

fn corrupt(path: &Path, why: impl std::fmt::Display) -> Error {
    Error::input(path, None, format!("damaged search index file: {why}"))
        .with_hint("run `zanbook build` again to rewrite the index")
}

/// Reads `search/<name>.js`, strips the wrapper and parses the payload.
fn parse_payload<T: serde::de::DeserializeOwned>(dir: &Path, name: &str) -> Result<T> {
    let path = file_path(dir, name);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(corrupt(
                &path,
                "the file is missing (search/manifest.js lists it)",
            ));
        }
        Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
            return Err(corrupt(&path, "the file is not UTF-8"));
        }
        Err(e) => return Err(Error::io(&path, e)),
    };
    let inner = text
        .trim_end()
        .strip_prefix(WRAPPER_OPEN)
        .and_then(|rest| rest.strip_suffix(WRAPPER_CLOSE))
        .ok_or_else(|| {
            corrupt(
                &path,
                format!("expected `{WRAPPER_OPEN}\"{name}\", …{WRAPPER_CLOSE}`"),
            )
        })?;
    let (found, payload): (String, T) = serde_json::from_str(&format!("[{inner}]"))
        .map_err(|e| corrupt(&path, format!("bad data: {e}")))?;
    if found != name {
        return Err(corrupt(
            &path,
            format!("it registers `{found}`, not `{name}`"),
        ));
    }
    Ok(payload)
}

// ---------------------------------------------------------------------------------------
// Snippets
// ---------------------------------------------------------------------------------------

/// A snippet of a passage with the words the query matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    /// `[from, to)` in characters (code points) of `text`.
    pub marks: Vec<[usize; 2]>,
}

/// The snippet rule the JS client reproduces (index-format.md, "Snippet rule"): a window of
/// [`SNIPPET_WIDTH`] characters starting up to [`SNIPPET_BEFORE`] characters before the first
/// word with a query key, cut at spaces, with ellipses where text was cut.
pub fn snippet(text: &str, keys: &[String], options: NormalizeOptions) -> Snippet {
    let chars: Vec<char> = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .collect();
    let wanted: HashSet<&str> = keys.iter().map(String::as_str).collect();
    let marked: Vec<(usize, usize)> = word_spans(&chars)
        .into_iter()
        .filter(|&(from, to)| {
            let word: String = chars[from..to].iter().collect();
            analyze(&word, options)
                .iter()
                .any(|t| t.kind != TokenKind::Legal && wanted.contains(t.key.as_str()))
        })
        .collect();
    let first = marked.first().map_or(0, |m| m.0);
    let (start, end) = window(&chars, first);
    let lead = usize::from(start > 0);
    let mut out: String = if start > 0 {
        "…".into()
    } else {
        String::new()
    };
    out.extend(&chars[start..end]);
    if end < chars.len() {
        out.push('…');
    }
    let marks = marked
        .into_iter()
        .filter(|&(from, to)| from >= start && to <= end)
        .map(|(from, to)| [from - start + lead, to - start + lead])
        .collect();
    Snippet { text: out, marks }
}

/// Words: runs of letters and digits, joined by single `-` or `.` between them.
fn word_spans(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_alphanumeric() {
            i += 1;
            continue;
        }
        let from = i;
        loop {
            while i < chars.len() && chars[i].is_alphanumeric() {
                i += 1;
            }
            let joined = i + 1 < chars.len()
                && matches!(chars[i], '-' | '.')
                && chars[i + 1].is_alphanumeric();
            if !joined {
                break;
            }
            i += 1;
        }
        out.push((from, i));
    }
    out
}

/// The `[start, end)` character window of a snippet whose first marked word starts at `s`.
fn window(chars: &[char], s: usize) -> (usize, usize) {
    let len = chars.len();
    if len <= SNIPPET_WIDTH {
        return (0, len);
    }
    let mut start = s.saturating_sub(SNIPPET_BEFORE).min(len - SNIPPET_WIDTH);
    let mut end = start + SNIPPET_WIDTH;
    if start > 0 && chars[start - 1] != ' ' {
        start = (start..s).find(|&i| chars[i] == ' ').map_or(s, |i| i + 1);
    }
    if end < len && chars[end] != ' ' {
        if let Some(i) = (s + 1..end).rev().find(|&i| chars[i] == ' ') {
            end = i;
        }
    }
    while start < end && chars[start] == ' ' {
        start += 1;
    }
    while end > start && chars[end - 1] == ' ' {
        end -= 1;
    }
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Passage;

    fn passage(id: &str, title: &str, text: &str) -> Passage {
        Passage::new(id, title, text)
    }

    fn stored_for(passages: &[Passage]) -> Vec<StoredPassage> {
        passages
            .iter()
            .enumerate()
            .map(|(i, p)| StoredPassage {
                id: p.id.clone(),
                // Both kinds of url: a page with the id's anchor, and any other.
                url: if i % 2 == 0 {
                    format!("{}.html", p.id)
                } else {
                    format!("page.html#{}", p.id.split_once('/').map_or("", |s| s.1))
                },
                place: if i % 3 == 0 {
                    String::new()
                } else {
                    format!("{i}-тармақ")
                },
                heading: p.title.clone(),
                document: "Құжат".to_string(),
                file: "doc.txt".to_string(),
                lines: [1, 2],
                text: p.text.clone(),
            })
            .collect()
    }

    /// Writes the files of an index into a fresh directory laid out like a site.
    fn write_files(files: &[IndexFile]) -> tempfile::TempDir {
        let site = tempfile::tempdir().unwrap();
        for f in files {
            let path = site.path().join(INDEX_DIR).join(format!("{}.js", f.name));
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, &f.bytes).unwrap();
        }
        site
    }

    fn sample() -> (Engine, Vec<StoredPassage>) {
        let passages = vec![
            passage(
                "z/1",
                "Жалпы ережелер",
                "Прокурорлық қадағалау заңдылықты қамтамасыз етеді.",
            ),
            passage(
                "b/2",
                "Прокурордың өкілеттігі",
                "Прокурор ҚК-нің 40-бабына сәйкес наразылық келтіреді.",
            ),
            passage(
                "m/3",
                "Ішкі істер",
                "Ішкі істер органдарының қызметкерлері бабын бұзды.",
            ),
            passage("a/4", "Бап", "Бап туралы мәтін; бап пен тармақ."),
        ];
        let mut thesaurus = Thesaurus::new();
        thesaurus.add_russian_term("прокурорский надзор", "прокурорлық қадағалау");
        thesaurus.add_abbreviations(&[("ІІО".into(), "ішкі істер органдары".into())]);
        let stored = stored_for(&passages);
        (Engine::new(&passages, thesaurus), stored)
    }

    #[test]
    fn round_trip_ranks_identically() {
        let (engine, stored) = sample();
        let site = write_files(&render_index(&engine, &stored).unwrap());
        let loaded = load_index(site.path()).unwrap();
        for q in [
            "прокурорлық қадағалауды",
            "прокурордың",
            "бап",
            "\"ішкі істер\"",
            "ҚК 40-бап",
            "прокурорский надзор",
            "ІІО",
            "наразы",
            "наразылык ",
            "кадагалау ",
        ] {
            let want = engine.search(q, 10).unwrap();
            let got = loaded.engine.search(q, 10).unwrap();
            let pairs = |h: &[crate::search::Hit]| {
                h.iter()
                    .map(|h| (h.id.clone(), h.score, h.matched))
                    .collect::<Vec<_>>()
            };
            assert_eq!(pairs(&got), pairs(&want), "query {q}");
            assert!(!got.is_empty(), "query {q}");
        }
        let mut by_id = stored.clone();
        by_id.sort_by(|a, b| a.id.cmp(&b.id));
        assert_eq!(loaded.stored, by_id);
        assert_eq!(loaded.engine.index().surfaces, engine.index().surfaces);
        assert_eq!(loaded.engine.index().scales, engine.index().scales);
        assert_eq!(
            loaded.engine.thesaurus().entries(),
            engine.thesaurus().entries()
        );
    }

    #[test]
    fn empty_corpus_round_trips() {
        let engine = Engine::new(&[], Thesaurus::new());
        let files = render_index(&engine, &[]).unwrap();
        assert_eq!(files.len(), 1, "only the manifest");
        let site = write_files(&files);
        let loaded = load_index(site.path()).unwrap();
        assert!(loaded.stored.is_empty());
        assert_eq!(loaded.engine.search("сот", 10), Ok(Vec::new()));
    }

    /// Six docs with base level 1, and the manifest's tables for a list of three postings.
    fn docs() -> Vec<DocEntry> {
        (0..6)
            .map(|i| DocEntry {
                id: format!("d{i}"),
                title: String::new(),
                text: String::new(),
                base_level: 1,
            })
            .collect()
    }

    fn decode(encoded: &[i64]) -> std::result::Result<Vec<Posting>, String> {
        let scales: BTreeMap<u32, u32> = [(3, 40)].into_iter().collect();
        let tables = ImpactTables {
            scales: &scales,
            levels: &[50, 100, 2200],
            bases: &[1; 6],
        };
        decode_postings(encoded, &tables)
    }

    #[test]
    fn delta_coding_round_trips_edge_cases() {
        let levels = [50, 100, 2200];
        let posting = |doc, level: u8| Posting {
            doc,
            level,
            impact: 40 * levels[usize::from(level)],
        };
        let postings = vec![posting(0, 2), posting(1, 0), posting(5, 1)];
        let identity: Vec<u32> = (0..6).collect();
        let encoded = encode_postings(&postings, &identity, &docs());
        // Levels are written as differences to the doc's base level (1).
        assert_eq!(encoded, [0, 1, 1, -1, 4, 0]);
        assert_eq!(decode(&encoded).unwrap(), postings);
        // Renumbering reorders the list by the new numbers.
        let reversed: Vec<u32> = (0..6).rev().collect();
        let decoded = decode(&encode_postings(&postings, &reversed, &docs())).unwrap();
        let docs: Vec<u32> = decoded.iter().map(|p| p.doc).collect();
        assert_eq!(docs, [0, 4, 5]);
    }

    #[test]
    fn damaged_postings_are_errors() {
        assert!(decode(&[0, 1, 1, 1, 1]).is_err(), "truncated");
        assert!(decode(&[0, 1, 1, 1, 0, 1]).is_err(), "repeated doc");
        assert!(decode(&[0, 1, 1, 1, -1, 1]).is_err(), "doc going back");
        assert!(decode(&[0, 1, 1, 1, 9, 1]).is_err(), "doc out of range");
        assert!(decode(&[0, 1, 1, 2, 1, 1]).is_err(), "level out of range");
        assert!(decode(&[0, 1, 1, -2, 1, 1]).is_err(), "negative level");
        assert!(decode(&[0, 1, 1, i64::MAX, 1, 1]).is_err(), "huge level");
        assert!(decode(&[0, 1, 1, 1]).is_err(), "no idf for two postings");
        assert!(decode(&[]).is_err(), "no idf for an empty list");
        assert!(decode(&[0, 1, 1, 1, 1, -1]).is_ok());
    }

    #[test]
    fn damaged_files_are_errors_naming_the_file() {
        let (engine, stored) = sample();
        let files = render_index(&engine, &stored).unwrap();
        for (i, f) in files.iter().enumerate() {
            for damage in ["truncate", "rename", "garbage"] {
                let mut files = files.clone();
                let bytes = &mut files[i].bytes;
                match damage {
                    "truncate" => bytes.truncate(bytes.len() / 2),
                    "rename" => {
                        *bytes = String::from_utf8_lossy(bytes)
                            .replacen('"', "\"x", 1)
                            .into_bytes()
                    }
                    _ => *bytes = b"\xff\xfe garbage".to_vec(),
                }
                let site = write_files(&files);
                let err = load_index(site.path()).unwrap_err();
                let message = err.to_string();
                assert!(
                    message.contains(&format!("{}.js", f.name)),
                    "{damage} {}: {message}",
                    f.name
                );
                assert_eq!(err.exit_code(), 1, "{message}");
            }
        }
        let empty = tempfile::tempdir().unwrap();
        let err = load_index(empty.path()).unwrap_err().to_string();
        assert!(err.contains("zanbook build"), "{err}");
    }

    #[test]
    fn vocabulary_is_front_coded_and_round_trips() {
        let mut index = Index::default();
        for (surface, key) in [
            ("бабы", "бап"),
            ("бабын", "бап"),
            ("бала", "бала"),
            ("балалар", "бала"),
            ("бап", "бап"),
            ("бқ", "бқ"),
        ] {
            index.surfaces.insert(surface.into(), key.into());
        }
        let shards = vocabulary_shards(&index);
        let expected = json!([
            0, "бабы", "бап", 0, 4, "н", "", 2, "ла", 0, 0, 4, "лар", "", 2, "п", 0, 0, 1, "қ", 0,
            0
        ]);
        assert_eq!(shards["б"]["s"], expected);
        let mut read = Index::default();
        let shard: VocabularyShard = serde_json::from_value(shards["б"].clone()).unwrap();
        read_vocabulary(shard, "б", &mut read).unwrap();
        assert_eq!(read.surfaces, index.surfaces);
        for damaged in [
            json!([0, "бабы", ""]),
            json!([0, "бабы", "бап"]),
            json!([0, "сот", 0, 1]),
            json!([5, "а", 0, 1]),
            json!([0, "ба", 2, 1]),
            json!([0, "ба", 0, 1, 1]),
        ] {
            let shard = VocabularyShard {
                s: serde_json::from_value(damaged.clone()).unwrap(),
            };
            let result = read_vocabulary(shard, "б", &mut Index::default());
            assert!(result.is_err(), "{damaged}");
        }
    }

    #[test]
    fn wrapper_registers_the_name() {
        let f = file("p/43a", FileKind::Ranking, &json!({"k": [1, 2]})).unwrap();
        assert_eq!(
            String::from_utf8(f.bytes).unwrap(),
            "zanbookSearch.add(\"p/43a\", {\"k\":[1,2]});\n"
        );
        let keys: BTreeMap<&str, Vec<i64>> =
            [("бап", vec![0, 1]), ("бас", vec![2, -1]), ("б", vec![])]
                .into_iter()
                .collect();
        let payload = serde_json::to_value(postings_payload(&keys)).unwrap();
        assert_eq!(
            payload,
            json!([0, "б", [], 1, "ап", [0, 1], 2, "с", [2, -1]])
        );
        let read = read_postings_payload(payload.as_array().unwrap()).unwrap();
        let want: Vec<(String, Vec<i64>)> =
            keys.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        assert_eq!(read, want);
        for damaged in [
            json!([0, "б"]),
            json!([3, "б", []]),
            json!([0, "б", [1.5]]),
            json!([0, 1, []]),
        ] {
            assert!(
                read_postings_payload(damaged.as_array().unwrap()).is_err(),
                "{damaged}"
            );
        }
        // Line and paragraph separators would end a line in older JavaScript.
        let f = file("d/0", FileKind::Stored, &json!(["a\u{2028}b\u{2029}"])).unwrap();
        assert_eq!(
            String::from_utf8(f.bytes).unwrap(),
            "zanbookSearch.add(\"d/0\", [\"a\\u2028b\\u2029\"]);\n"
        );
        // A payload JSON cannot hold is an error naming the file, not a cut-off file.
        let bad: BTreeMap<(u32, u32), u32> = [((1, 2), 3)].into_iter().collect();
        let err = file("p/x", FileKind::Ranking, &bad)
            .unwrap_err()
            .to_string();
        assert!(err.contains("search index file p/x"), "{err}");
        assert_eq!(front_coded("бап", "бас"), (2, "с"));
        assert_eq!(front_coded("", "бас"), (0, "бас"));
        assert_eq!(front_coded("қа", "бас"), (0, "бас"));
        assert_eq!(front_coded("бастау", "бас"), (3, ""));
        assert_eq!(hex("қа"), "49b-430");
        assert_eq!(hex("§"), "a7");
    }

    #[test]
    fn shard_of_a_key_prefers_two_characters() {
        let prefixes: HashSet<String> = ["б", "ба", "к"].iter().map(|s| s.to_string()).collect();
        assert_eq!(postings_shard_of("бап", &prefixes), Some("ба"));
        assert_eq!(postings_shard_of("бір", &prefixes), Some("б"));
        assert_eq!(postings_shard_of("б", &prefixes), Some("б"));
        assert_eq!(postings_shard_of("кітап", &prefixes), Some("к"));
        assert_eq!(postings_shard_of("сот", &prefixes), None);
        assert_eq!(postings_shard_of("", &prefixes), None);
    }

    #[test]
    fn large_first_letter_groups_are_split() {
        let passages: Vec<Passage> = (0..400)
            .map(|i| {
                passage(
                    &format!("d{i}"),
                    "",
                    &format!("ба{i}ку бо{i}ку бі{i}ку сот"),
                )
            })
            .collect();
        let engine = Engine::new(&passages, Thesaurus::new());
        let stored = stored_for(&passages);
        let files = render_index(&engine, &stored).unwrap();
        let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
        assert!(names.contains(&"p/431-430"), "{names:?}");
        assert!(names.contains(&"p/441"), "{names:?}");
        assert!(names.iter().filter(|n| n.starts_with("d/")).count() > 1);
        let site = write_files(&files);
        let loaded = load_index(site.path()).unwrap();
        let got = loaded.engine.search("бо7ку", 5).unwrap();
        assert_eq!(got, engine.search("бо7ку", 5).unwrap());
    }

    fn keys(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn short_text_snippet_is_whole_with_marks() {
        let s = snippet(
            "Прокурор  ҚК-нің\n40-бабына сәйкес.",
            &keys(&["қк", "бап"]),
            NormalizeOptions::default(),
        );
        assert_eq!(s.text, "Прокурор ҚК-нің 40-бабына сәйкес.");
        // "ҚК-нің" and "40-бабына" are single words (joined by hyphens).
        assert_eq!(s.marks, [[9, 15], [16, 25]]);
    }

    #[test]
    fn long_text_snippet_is_cut_at_spaces_around_the_first_match() {
        let before = "сөз ".repeat(50);
        let after = " мәтін".repeat(50);
        let text = format!("{before}наразылық{after}");
        let s = snippet(&text, &keys(&["наразылық"]), NormalizeOptions::default());
        let chars: Vec<char> = s.text.chars().collect();
        assert_eq!(chars[0], '…');
        assert_eq!(*chars.last().unwrap(), '…');
        assert!(chars.len() <= SNIPPET_WIDTH + 2);
        assert_eq!(s.marks.len(), 1);
        let [from, to] = s.marks[0];
        assert_eq!(chars[from..to].iter().collect::<String>(), "наразылық");
        // Starts and ends with whole words.
        assert!(
            s.text.starts_with("…сөз ") && s.text.ends_with(" мәтін…"),
            "{}",
            s.text
        );
        // No match: the window starts at the beginning.
        let none = snippet(&text, &keys(&["жоқ"]), NormalizeOptions::default());
        assert!(none.text.starts_with("сөз ") && none.marks.is_empty());
        // A match near the end keeps a full window.
        let end = snippet(
            &format!("{before}наразылық"),
            &keys(&["наразылық"]),
            NormalizeOptions::default(),
        );
        assert!(end.text.ends_with("наразылық") && end.text.starts_with('…'));
        assert_eq!(end.marks.len(), 1);
    }

    #[test]
    fn snippet_of_a_word_longer_than_the_window_does_not_panic() {
        let text = format!("а {} б", "ж".repeat(400));
        let s = snippet(&text, &keys(&["б"]), NormalizeOptions::default());
        assert!(s.text.chars().count() <= SNIPPET_WIDTH + 2);
        assert!(snippet("", &keys(&["а"]), NormalizeOptions::default())
            .text
            .is_empty());
    }
}
