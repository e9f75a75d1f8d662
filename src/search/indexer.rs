//! Building the search index from passages in memory that grows with the index, not with
//! the analysed text: passages are analysed a chunk at a time on every core, their keys
//! interned as numbers, and only a compact record per passage (key numbers and positions)
//! is kept until the corpus-wide numbers — vocabulary, df, average lengths — are known.
//! The index is the same whatever the number of threads or the chunk size.

use std::collections::BTreeMap;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::engine::{
    counted, defined_keys, idf_scale, impact_levels, saturation_level, verb_keys, DocEntry,
    FieldLengths, FieldWeights, Index, Occurrences, Passage, Posting, DERIVED,
};
use super::normalize::{NormalizeOptions, TokenKind};
use super::{analyze_cached, StemCache, Term};

/// Passages analysed together before their records are compacted.
const CHUNK: usize = 4096;

thread_local! {
    /// Word → key, per worker thread for the life of the process (stemming is a pure
    /// function of the word, so sharing it across builds and chunks changes nothing).
    static STEMS: std::cell::RefCell<StemCache> = std::cell::RefCell::new(StemCache::default());
}

/// Builds the index of `passages` (see the scoring formula in [`super::engine`]).
pub fn build_index(
    passages: &[Passage],
    options: NormalizeOptions,
    weights: FieldWeights,
) -> Index {
    let mut keys = Interner::default();
    let mut words = WordMaps::default();
    let mut records: Vec<Record> = Vec::with_capacity(passages.len());
    for chunk in passages.chunks(CHUNK) {
        // Each worker state sees an ascending run of passages, so a word it has already
        // reported cannot be the corpus's first occurrence of that word: reporting it again
        // would change nothing (see `WordMaps`).
        let analysed: Vec<AnalysedPassage> = chunk
            .par_iter()
            .with_min_len(32)
            .map_init(WorkerState::default, |state, p| {
                STEMS.with_borrow_mut(|stems| AnalysedPassage::new(p, options, stems, state))
            })
            .collect();
        for passage in analysed {
            words.record(&passage.words);
            records.push(Record::new(passage, &mut keys));
        }
    }
    let own: Vec<bool> = keys.own_flags(&records);
    let df = document_frequencies(&records, &own, keys.len());
    let lengths: Vec<FieldLengths> = records.iter().map(|r| r.lengths).collect();
    let average = FieldLengths::average(&lengths);
    let n = passages.len() as f64;
    let scales: Vec<u32> = (0..=passages.len())
        .map(|df| idf_scale(n, df as f64))
        .collect();
    let levels = impact_levels();
    let mut lists: Vec<Vec<Posting>> = vec![Vec::new(); keys.len()];
    for (chunk_start, chunk) in (0..).step_by(CHUNK).zip(records.chunks(CHUNK)) {
        // Postings of a chunk of passages on every core, appended in passage order.
        let postings: Vec<Vec<(u32, Posting)>> = (chunk.par_iter().enumerate())
            .map(|(i, record)| {
                let doc = (chunk_start + i) as u32;
                let posting = |(key, occ): (u32, Occurrences)| {
                    let tf = record.lengths.normalized_tf(&occ, average, weights);
                    let level = saturation_level(tf);
                    let scale = scales[df[key as usize] as usize];
                    let impact = scale.saturating_mul(levels[usize::from(level)]);
                    (key, Posting { doc, level, impact })
                };
                record.occurrences(&own).into_iter().map(posting).collect()
            })
            .collect();
        for (key, posting) in postings.into_iter().flatten() {
            lists[key as usize].push(posting);
        }
    }
    drop(records);
    // The level of a key occurring once in a passage's text: what its postings' levels are
    // stored relative to.
    let once = Occurrences {
        title: Vec::new(),
        text: vec![0],
    };
    let docs = (passages.iter().zip(&lengths))
        .map(|(p, length)| DocEntry {
            id: p.id.clone(),
            title: p.title.clone(),
            text: p.text.clone(),
            base_level: saturation_level(length.normalized_tf(&once, average, weights)),
        })
        .collect();
    let used: std::collections::BTreeSet<u32> = lists
        .iter()
        .filter(|list| !list.is_empty())
        .map(|list| list.len() as u32)
        .collect();
    Index {
        docs,
        postings: (keys.keys.into_iter().zip(lists))
            .filter(|(_, list)| !list.is_empty())
            .collect(),
        surfaces: words.into_surfaces(),
        scales: used
            .into_iter()
            .map(|df| (df, scales[df as usize]))
            .collect(),
    }
}

/// Keys as numbers, in the order first seen.
#[derive(Default)]
struct Interner {
    ids: FxHashMap<String, u32>,
    keys: Vec<String>,
}

impl Interner {
    fn id(&mut self, key: String) -> u32 {
        if let Some(&id) = self.ids.get(&key) {
            return id;
        }
        let id = self.keys.len() as u32;
        self.keys.push(key.clone());
        self.ids.insert(key, id);
        id
    }

    fn len(&self) -> usize {
        self.keys.len()
    }

    /// Which keys some passage has as a word of its own: the vocabulary a verbal noun must
    /// be in to count.
    fn own_flags(&self, records: &[Record]) -> Vec<bool> {
        let mut own = vec![false; self.len()];
        for entry in records.iter().flat_map(|r| &r.own) {
            own[entry.key as usize] = true;
        }
        own
    }
}

/// How many passages have each key (own words, verbal nouns the corpus has, extra keys).
fn document_frequencies(records: &[Record], own: &[bool], len: usize) -> Vec<u32> {
    let mut df = vec![0u32; len];
    let mut keys: Vec<u32> = Vec::new();
    for record in records {
        keys.clear();
        keys.extend(record.own.iter().map(|e| e.key));
        keys.extend(
            (record.derived.iter())
                .filter(|d| own[d.0 as usize])
                .map(|d| d.0),
        );
        keys.extend(&record.extra);
        keys.sort_unstable();
        keys.dedup();
        for &key in &keys {
            df[key as usize] += 1;
        }
    }
    df
}

/// One passage analysed, before anything corpus-wide is known.
struct AnalysedPassage {
    /// Each key of the passage's own words, with its positions.
    own: FxHashMap<String, Occurrences>,
    /// Verbal nouns its verb forms stand for (see `verb_keys`): key, position (with
    /// [`DERIVED`]), whether in the title. Kept only if the corpus has the noun itself.
    derived: Vec<(String, u32, bool)>,
    /// Keys the passage carries without a position: its legal tokens, then the terms it
    /// defines.
    extra: Vec<String>,
    lengths: FieldLengths,
    /// The words not reported before by the same worker: (surface, key), in the order they
    /// first occur.
    words: Vec<(String, String)>,
}

impl AnalysedPassage {
    fn new(
        passage: &Passage,
        options: NormalizeOptions,
        cache: &mut StemCache,
        state: &mut WorkerState,
    ) -> Self {
        let title = state.title(&passage.title, options, cache);
        let reported = &mut state.reported;
        let text = analyze_cached(&passage.text, options, cache);
        let mut own: FxHashMap<String, Occurrences> = FxHashMap::default();
        let mut derived = Vec::new();
        let mut words = Vec::new();
        for (terms, in_title) in [(&title, true), (&text, false)] {
            for (i, term) in terms.iter().enumerate() {
                let is_word = matches!(term.kind, TokenKind::Word | TokenKind::Abbreviation);
                if is_word && reported.insert(&term.surface, &term.key) {
                    words.push((term.surface.clone(), term.key.clone()));
                }
                for noun in verb_keys(terms, i, options) {
                    derived.push((noun, term.position | DERIVED, in_title));
                }
                let entry = match own.get_mut(&term.key) {
                    Some(entry) => entry,
                    None => own.entry(term.key.clone()).or_default(),
                };
                entry.push(term.position, in_title);
            }
        }
        let defined = defined_keys(&passage.text, options, cache);
        AnalysedPassage {
            own,
            derived,
            extra: passage.legal.iter().cloned().chain(defined).collect(),
            lengths: FieldLengths {
                title: counted(&title) as f64,
                text: counted(&text) as f64,
            },
            words,
        }
    }
}

/// What one worker keeps while it analyses an ascending run of passages.
#[derive(Default)]
struct WorkerState {
    /// Words already reported to [`WordMaps`] by this worker.
    reported: WordSet,
    /// The last title analysed: passages of one section share their heading, so most
    /// titles are the one before.
    last_title: Option<(String, Vec<Term>)>,
}

impl WorkerState {
    fn title(
        &mut self,
        title: &str,
        options: NormalizeOptions,
        cache: &mut StemCache,
    ) -> Vec<Term> {
        match &self.last_title {
            Some((text, terms)) if text == title => terms.clone(),
            _ => {
                let terms = analyze_cached(title, options, cache);
                self.last_title = Some((title.to_string(), terms.clone()));
                terms
            }
        }
    }
}

/// A passage's own key and where its positions are in [`Record::positions`].
struct OwnEntry {
    key: u32,
    start: u32,
    title: u32,
    text: u32,
}

/// What the index keeps of an analysed passage until the postings are built.
struct Record {
    own: Vec<OwnEntry>,
    /// Title positions then text positions of each own entry, entry after entry.
    positions: Vec<u32>,
    derived: Vec<(u32, u32, bool)>,
    extra: Vec<u32>,
    lengths: FieldLengths,
}

impl Record {
    fn new(passage: AnalysedPassage, keys: &mut Interner) -> Record {
        let mut own = Vec::with_capacity(passage.own.len());
        let mut positions = Vec::new();
        for (key, occ) in passage.own {
            own.push(OwnEntry {
                key: keys.id(key),
                start: positions.len() as u32,
                title: occ.title.len() as u32,
                text: occ.text.len() as u32,
            });
            positions.extend(occ.title);
            positions.extend(occ.text);
        }
        let derived = (passage.derived.into_iter())
            .map(|(key, position, in_title)| (keys.id(key), position, in_title))
            .collect();
        let extra = passage.extra.into_iter().map(|k| keys.id(k)).collect();
        Record {
            own,
            positions,
            derived,
            extra,
            lengths: passage.lengths,
        }
    }

    /// Every key of the passage with its positions: own words, the verbal nouns the corpus
    /// has as words of their own, then the extra keys (at position 0 of the text unless the
    /// key occurs already).
    fn occurrences(&self, own: &[bool]) -> FxHashMap<u32, Occurrences> {
        let mut all: FxHashMap<u32, Occurrences> = FxHashMap::default();
        for entry in &self.own {
            let start = entry.start as usize;
            let middle = start + entry.title as usize;
            let end = middle + entry.text as usize;
            all.insert(
                entry.key,
                Occurrences {
                    title: self.positions[start..middle].to_vec(),
                    text: self.positions[middle..end].to_vec(),
                },
            );
        }
        for &(key, position, in_title) in &self.derived {
            if own[key as usize] {
                all.entry(key).or_default().push(position, in_title);
            }
        }
        for &key in &self.extra {
            let entry = all.entry(key).or_default();
            if entry.title.is_empty() && entry.text.is_empty() {
                entry.text.push(0);
            }
        }
        all
    }
}

/// A set of (surface, key) pairs, looked up without allocating.
#[derive(Default)]
struct WordSet {
    /// Surface → its keys.
    pairs: FxHashMap<String, Vec<String>>,
}

impl WordSet {
    /// Adds the pair; false if it was there already.
    fn insert(&mut self, surface: &str, key: &str) -> bool {
        if let Some(keys) = self.pairs.get_mut(surface) {
            if keys.iter().any(|k| k == key) {
                return false;
            }
            keys.push(key.to_string());
        } else {
            (self.pairs).insert(surface.to_string(), vec![key.to_string()]);
        }
        true
    }
}

/// The surface vocabulary: surface → the first key seen for it, passages in order.
#[derive(Default)]
struct WordMaps {
    surfaces: FxHashMap<String, String>,
}

impl WordMaps {
    fn record(&mut self, words: &[(String, String)]) {
        for (surface, key) in words {
            if !self.surfaces.contains_key(surface) {
                self.surfaces.insert(surface.clone(), key.clone());
            }
        }
    }

    fn into_surfaces(self) -> BTreeMap<String, String> {
        self.surfaces.into_iter().collect()
    }
}
