//! Building the search index from passages in memory that grows with the index, not with
//! the analysed text: passages are analysed a chunk at a time on every core, and only a
//! compact record per passage (key numbers and counts) is kept until the corpus-wide
//! numbers — vocabulary, df, average lengths — are known.
//!
//! Analysis is the index's hot loop (every word of every passage), so it works with numbers,
//! not strings: each worker thread keeps a lexicon of the token texts it has seen in this
//! build with their key and surface numbers (and a verb form's verbal-noun keys), and only a
//! text it has not seen goes to the stemmer and to the build's shared string tables. A
//! legal text repeats its vocabulary, so after the first few passages tokenising into a
//! reused buffer and one hash lookup per token is all the work.
//!
//! The index is the same whatever the number of threads or the chunk size: numbers are
//! handed out in whatever order the threads meet the strings, but every corpus-wide table is
//! keyed by the strings in the end, and the surface table keeps the first key of each
//! surface in passage order.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::engine::{
    defined_keys, idf_scale, impact_levels, saturation_level, DocEntry, FieldCounts, FieldLengths,
    FieldWeights, Index, Passage, Posting, CONTEXT_TF, DERIVED_TF,
};
use super::normalize::{fold_u, NormalizeOptions, TokenBuffer, TokenKind};
use super::stem::{guess_language, stem_token, Language};
use super::verbs::{before_auxiliary, verbal_nouns_before};

/// Passages analysed together before their records are compacted.
const CHUNK: usize = 4096;

/// Numbers each build: a worker's lexicon belongs to one build's string tables.
static BUILDS: AtomicU64 = AtomicU64::new(0);

thread_local! {
    /// What a worker thread keeps between passages (see [`Worker`]).
    static WORKER: RefCell<Worker> = RefCell::new(Worker::default());
}

/// Builds the index of `passages` (see the scoring formula in [`super::engine`]).
pub fn build_index(
    passages: &[Passage],
    options: NormalizeOptions,
    weights: FieldWeights,
) -> Index {
    let t = std::time::Instant::now();
    let build = BUILDS.fetch_add(1, Ordering::Relaxed);
    let tables = Mutex::new(Tables::default());
    let mut first_keys = FirstKeys::default();
    let mut records: Vec<Record> = Vec::with_capacity(passages.len());
    for chunk in passages.chunks(CHUNK) {
        let analysed: Vec<Analysed> = chunk
            .par_iter()
            .with_min_len(32)
            .map(|p| WORKER.with_borrow_mut(|w| w.analyse(p, build, options, &tables)))
            .collect();
        for passage in analysed {
            first_keys.record(&passage.words);
            records.push(passage.record);
        }
    }
    let t = crate::timings::stage("search engine: analysis", t);
    let tables = tables.into_inner().unwrap_or_else(PoisonError::into_inner);
    let key_count = tables.keys.len();
    let own = own_flags(&records, key_count);
    let df = document_frequencies(&records, &own, key_count);
    let lengths: Vec<FieldLengths> = records.iter().map(|r| r.lengths).collect();
    let average = FieldLengths::average(&lengths);
    let n = passages.len() as f64;
    let scales: Vec<u32> = (0..=passages.len())
        .map(|df| idf_scale(n, df as f64))
        .collect();
    let levels = impact_levels();
    // A key's list gets one posting per passage with the key: df of them. Allocated at that
    // size, the lists never regrow (at 100× the largest has 100,000 postings, and regrowing
    // them was most of the time of this stage, which no other core can share).
    let mut lists: Vec<Vec<Posting>> = (df.iter())
        .map(|&df| Vec::with_capacity(df as usize))
        .collect();
    for (chunk_start, chunk) in (0..).step_by(CHUNK).zip(records.chunks(CHUNK)) {
        // Postings of a chunk of passages on every core, appended in passage order.
        let postings: Vec<Vec<(u32, Posting)>> = (chunk.par_iter().enumerate())
            .map(|(i, record)| {
                let doc = (chunk_start + i) as u32;
                let posting = |(key, counts): (u32, FieldCounts)| {
                    let tf = record.lengths.normalized_tf(counts, average, weights);
                    let level = saturation_level(tf);
                    let scale = scales[df[key as usize] as usize];
                    let impact = scale.saturating_mul(levels[usize::from(level)]);
                    (key, Posting { doc, level, impact })
                };
                record.key_counts(&own).into_iter().map(posting).collect()
            })
            .collect();
        for (key, posting) in postings.into_iter().flatten() {
            lists[key as usize].push(posting);
        }
    }
    drop(records);
    let t = crate::timings::stage("search engine: postings", t);
    // The level of a key occurring once in a passage's text: what its postings' levels are
    // stored relative to.
    let once = FieldCounts {
        title: 0.0,
        text: 1.0,
    };
    let docs = (passages.par_iter().zip(&lengths))
        .map(|(p, length)| DocEntry {
            id: p.id.clone(),
            title: p.title.clone(),
            text: p.text.clone(),
            base_level: saturation_level(length.normalized_tf(once, average, weights)),
        })
        .collect();
    let used: std::collections::BTreeSet<u32> = lists
        .iter()
        .filter(|list| !list.is_empty())
        .map(|list| list.len() as u32)
        .collect();
    let surfaces = first_keys.into_surfaces(&tables);
    crate::timings::stage("search engine: docs and vocabulary", t);
    Index {
        docs,
        postings: (tables.keys.strings.into_iter().zip(lists))
            .filter(|(_, list)| !list.is_empty())
            .collect(),
        surfaces,
        scales: used
            .into_iter()
            .map(|df| (df, scales[df as usize]))
            .collect(),
    }
}

/// The strings of one build, as numbers: keys, and the surface words the vocabulary maps to
/// them. Shared by the worker threads, which come here only for a token text new to them.
#[derive(Default)]
struct Tables {
    keys: Strings,
    surfaces: Strings,
}

/// Strings numbered in the order first asked for.
#[derive(Default)]
struct Strings {
    ids: FxHashMap<String, u32>,
    strings: Vec<String>,
}

impl Strings {
    fn id(&mut self, text: &str) -> u32 {
        if let Some(&id) = self.ids.get(text) {
            return id;
        }
        let id = self.strings.len() as u32;
        self.strings.push(text.to_string());
        self.ids.insert(text.to_string(), id);
        id
    }

    fn len(&self) -> usize {
        self.strings.len()
    }
}

/// What a worker thread remembers about the token texts it has met in the current build.
#[derive(Default)]
struct Worker {
    /// The build the numbers below belong to; another build starts afresh.
    build: Option<u64>,
    options: NormalizeOptions,
    /// Token text → its numbers, one map per token kind (`қпк` as an abbreviation is not
    /// the word `қпк`).
    words: [FxHashMap<Box<str>, WordIds>; 4],
    /// Keys a passage brings as they are (legal keys from the graph, defined terms).
    raw: FxHashMap<Box<str>, u32>,
    /// Word → stem, kept across builds (stemming is a pure function of the word).
    stems: super::StemCache,
    tokens: TokenBuffer,
    /// The last title analysed: passages of one section share their heading, so most
    /// titles are the one before.
    last_title: Option<(String, Field)>,
}

/// A token text's numbers.
struct WordIds {
    key: u32,
    /// The surface's number, for words and abbreviations (what the vocabulary lists).
    surface: Option<u32>,
    /// The keys of the verbal nouns the word may stand for, other than its own key: when
    /// the next word is not / is an auxiliary (see [`super::verbs`]).
    nouns: [Box<[u32]>; 2],
}

/// One field of a passage analysed: numbers only.
#[derive(Clone, Default)]
struct Field {
    /// The key of every token, in order.
    own: Vec<u32>,
    /// The verbal-noun keys its verb forms stand for, one per occurrence.
    derived: Vec<u32>,
    /// (surface, key) of every word and abbreviation, in order.
    words: Vec<(u32, u32)>,
    /// Tokens counted for the field's length (legal tokens share their number's position).
    length: u32,
}

/// One passage analysed, before anything corpus-wide is known.
struct Analysed {
    record: Record,
    /// (surface, key) of its words, title then text.
    words: Vec<(u32, u32)>,
}

impl Worker {
    fn analyse(
        &mut self,
        passage: &Passage,
        build: u64,
        options: NormalizeOptions,
        tables: &Mutex<Tables>,
    ) -> Analysed {
        if self.build != Some(build) {
            self.start(build, options);
        }
        let title = self.title(&passage.title, tables);
        let text = self.field(&passage.text, tables);
        let context = self.field(&passage.context, tables).own;
        let defined = defined_keys(&passage.text, options, &mut self.stems);
        let extra = (passage.legal.iter().chain(&defined))
            .map(|key| self.raw_key(key, tables))
            .collect();
        let record = Record::new(&title, &text, &context, extra);
        let mut words = title.words;
        words.extend(text.words);
        Analysed { record, words }
    }

    fn start(&mut self, build: u64, options: NormalizeOptions) {
        self.build = Some(build);
        self.options = options;
        self.words.iter_mut().for_each(FxHashMap::clear);
        self.raw.clear();
        self.last_title = None;
    }

    fn title(&mut self, title: &str, tables: &Mutex<Tables>) -> Field {
        if let Some((text, field)) = &self.last_title {
            if text == title {
                return field.clone();
            }
        }
        let field = self.field(title, tables);
        self.last_title = Some((title.to_string(), field.clone()));
        field
    }

    fn field(&mut self, text: &str, tables: &Mutex<Tables>) -> Field {
        let mut tokens = std::mem::take(&mut self.tokens);
        tokens.fill(text);
        let mut field = Field::default();
        for (i, token) in tokens.iter().enumerate() {
            let next_word = (tokens.get(i + 1))
                .filter(|t| t.kind == TokenKind::Word)
                .map(|t| t.text);
            let ids = self.word(token.kind, token.text, tables);
            field.own.push(ids.key);
            if let Some(surface) = ids.surface {
                field.words.push((surface, ids.key));
            }
            let nouns = &ids.nouns[usize::from(before_auxiliary(next_word))];
            field.derived.extend(nouns.iter());
            if token.kind != TokenKind::Legal {
                field.length += 1;
            }
        }
        self.tokens = tokens;
        field
    }

    /// The numbers of a token text, from the lexicon or worked out and remembered.
    fn word(&mut self, kind: TokenKind, text: &str, tables: &Mutex<Tables>) -> &WordIds {
        let slot = kind_slot(kind);
        if !self.words[slot].contains_key(text) {
            let ids = self.new_word(kind, text, tables);
            self.words[slot].insert(text.into(), ids);
        }
        &self.words[slot][text]
    }

    fn new_word(&mut self, kind: TokenKind, text: &str, tables: &Mutex<Tables>) -> WordIds {
        let key = match kind {
            TokenKind::Word => self.stems.key(text),
            _ => stem_token(kind, text),
        };
        let fold = |s: &str| {
            if self.options.fold_u {
                fold_u(s)
            } else {
                s.to_string()
            }
        };
        let (key, surface) = (fold(&key), fold(text));
        let nouns: [Vec<String>; 2] =
            if kind == TokenKind::Word && guess_language(&surface) == Language::Kazakh {
                [false, true].map(|before| {
                    (verbal_nouns_before(&surface, before).iter())
                        .map(|noun| fold(noun))
                        .filter(|noun| *noun != key)
                        .collect()
                })
            } else {
                [Vec::new(), Vec::new()]
            };
        let mut tables = tables.lock().unwrap_or_else(PoisonError::into_inner);
        let is_word = matches!(kind, TokenKind::Word | TokenKind::Abbreviation);
        WordIds {
            key: tables.keys.id(&key),
            surface: is_word.then(|| tables.surfaces.id(&surface)),
            nouns: nouns.map(|nouns| nouns.iter().map(|n| tables.keys.id(n)).collect()),
        }
    }

    fn raw_key(&mut self, key: &str, tables: &Mutex<Tables>) -> u32 {
        if let Some(&id) = self.raw.get(key) {
            return id;
        }
        let id = (tables.lock().unwrap_or_else(PoisonError::into_inner))
            .keys
            .id(key);
        self.raw.insert(key.into(), id);
        id
    }
}

fn kind_slot(kind: TokenKind) -> usize {
    match kind {
        TokenKind::Word => 0,
        TokenKind::Number => 1,
        TokenKind::Abbreviation => 2,
        TokenKind::Legal => 3,
    }
}

/// A key's count in a passage's title and text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct KeyCount {
    key: u32,
    title: u32,
    text: u32,
}

/// What the index keeps of an analysed passage until the postings are built.
struct Record {
    /// Its own keys, by key.
    own: Vec<KeyCount>,
    /// The verbal nouns its verb forms stand for, by key: they count only where the corpus
    /// has the noun as a word of its own, which is known when every passage is in.
    derived: Vec<KeyCount>,
    /// Keys it carries without an occurrence: its legal tokens, then the terms it defines.
    extra: Vec<u32>,
    /// The keys of the lead-in a list item stands under, by key.
    context: Vec<KeyCount>,
    lengths: FieldLengths,
}

impl Record {
    fn new(title: &Field, text: &Field, context: &[u32], extra: Vec<u32>) -> Record {
        Record {
            own: key_counts(&title.own, &text.own),
            derived: key_counts(&title.derived, &text.derived),
            extra,
            context: key_counts(&[], context),
            lengths: FieldLengths {
                title: f64::from(title.length),
                text: f64::from(text.length),
            },
        }
    }

    /// Every key of the passage with its counts: own words, the verbal nouns the corpus has
    /// as words of their own, then the extra keys (once in the text, unless the key occurs
    /// already).
    fn key_counts(&self, own: &[bool]) -> Vec<(u32, FieldCounts)> {
        let counts = |c: &KeyCount, weight: f64| FieldCounts {
            title: weight * f64::from(c.title),
            text: weight * f64::from(c.text),
        };
        let mut out: Vec<(u32, FieldCounts)> = Vec::with_capacity(self.own.len());
        let mut derived = (self.derived.iter())
            .filter(|d| own[d.key as usize])
            .peekable();
        for c in &self.own {
            while let Some(d) = derived.next_if(|d| d.key < c.key) {
                out.push((d.key, counts(d, DERIVED_TF)));
            }
            let mut sum = counts(c, 1.0);
            if let Some(d) = derived.next_if(|d| d.key == c.key) {
                let half = counts(d, DERIVED_TF);
                sum.title += half.title;
                sum.text += half.text;
            }
            out.push((c.key, sum));
        }
        out.extend(derived.map(|d| (d.key, counts(d, DERIVED_TF))));
        // A lead-in's words count a little, in the text field, for each item under it.
        for c in self.context.iter().filter(|c| own[c.key as usize]) {
            let add = counts(c, CONTEXT_TF);
            match out.binary_search_by_key(&c.key, |(k, _)| *k) {
                Ok(at) => out[at].1.text += add.text,
                Err(at) => out.insert(at, (c.key, add)),
            }
        }
        let mut extra: Vec<u32> = (self.extra.iter().copied())
            .filter(|key| out.binary_search_by_key(key, |(k, _)| *k).is_err())
            .collect();
        extra.sort_unstable();
        extra.dedup();
        let once = FieldCounts {
            title: 0.0,
            text: 1.0,
        };
        out.extend(extra.into_iter().map(|key| (key, once)));
        out
    }
}

/// Counts of each key in a title's and a text's list of keys, by key.
fn key_counts(title: &[u32], text: &[u32]) -> Vec<KeyCount> {
    let mut all: Vec<(u32, bool)> = (title.iter().map(|&k| (k, true)))
        .chain(text.iter().map(|&k| (k, false)))
        .collect();
    all.sort_unstable();
    let mut out: Vec<KeyCount> = Vec::new();
    for (key, in_title) in all {
        if out.last().is_none_or(|c| c.key != key) {
            out.push(KeyCount {
                key,
                title: 0,
                text: 0,
            });
        }
        let last = out.last_mut().expect("pushed above");
        if in_title {
            last.title += 1;
        } else {
            last.text += 1;
        }
    }
    out
}

/// Which keys some passage has as a word of its own: the vocabulary a verbal noun must be in
/// to count.
fn own_flags(records: &[Record], key_count: usize) -> Vec<bool> {
    let mut own = vec![false; key_count];
    for c in records.iter().flat_map(|r| &r.own) {
        own[c.key as usize] = true;
    }
    own
}

/// How many passages have each key (own words, verbal nouns the corpus has, extra keys,
/// lead-in words): the length of the key's postings list, which clients read as its df.
/// Counted in slices of passages on every core and summed.
fn document_frequencies(records: &[Record], own: &[bool], key_count: usize) -> Vec<u32> {
    let count = |slice: &[Record]| {
        let mut df = vec![0u32; key_count];
        let mut keys: Vec<u32> = Vec::new();
        for record in slice {
            keys.clear();
            keys.extend(record.own.iter().map(|c| c.key));
            keys.extend(
                (record.derived.iter())
                    .filter(|d| own[d.key as usize])
                    .map(|d| d.key),
            );
            keys.extend(&record.extra);
            keys.extend(
                (record.context.iter())
                    .filter(|c| own[c.key as usize])
                    .map(|c| c.key),
            );
            keys.sort_unstable();
            keys.dedup();
            for &key in &keys {
                df[key as usize] += 1;
            }
        }
        df
    };
    (records.par_chunks(CHUNK))
        .map(count)
        .reduce_with(|mut a, b| {
            a.iter_mut().zip(b).for_each(|(a, b)| *a += b);
            a
        })
        .unwrap_or_else(|| vec![0; key_count])
}

/// The vocabulary: each surface's first key, passages in order (within a passage, title
/// then text).
#[derive(Default)]
struct FirstKeys {
    /// Surface number → key number, `None` until the surface is met.
    keys: Vec<Option<u32>>,
}

impl FirstKeys {
    fn record(&mut self, words: &[(u32, u32)]) {
        for &(surface, key) in words {
            let surface = surface as usize;
            if surface >= self.keys.len() {
                self.keys.resize(surface + 1, None);
            }
            self.keys[surface].get_or_insert(key);
        }
    }

    fn into_surfaces(self, tables: &Tables) -> BTreeMap<String, String> {
        (self.keys.into_iter().enumerate())
            .filter_map(|(surface, key)| {
                let key = tables.keys.strings[key? as usize].clone();
                Some((tables.surfaces.strings[surface].clone(), key))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_counts_count_each_key_per_field() {
        let counts = key_counts(&[7, 3], &[3, 3, 9]);
        let as_tuples: Vec<(u32, u32, u32)> =
            counts.iter().map(|c| (c.key, c.title, c.text)).collect();
        assert_eq!(as_tuples, [(3, 1, 2), (7, 1, 0), (9, 0, 1)]);
    }

    #[test]
    fn derived_keys_count_half_and_only_where_the_corpus_has_the_word() {
        let title = Field::default();
        let text = Field {
            own: vec![1, 2],
            derived: vec![2, 5, 6],
            words: Vec::new(),
            length: 2,
        };
        // Key 5 is a word of the corpus, key 6 is not; key 4 and 1 come as extra keys.
        let record = Record::new(&title, &text, &[], vec![4, 1, 4]);
        let own = [false, true, true, false, false, true, false];
        let mut got: Vec<(u32, f64, f64)> = (record.key_counts(&own).into_iter())
            .map(|(k, c)| (k, c.title, c.text))
            .collect();
        got.sort_by_key(|&(k, _, _)| k);
        assert_eq!(
            got,
            [(1, 0.0, 1.0), (2, 0.0, 1.5), (4, 0.0, 1.0), (5, 0.0, 0.5)]
        );
    }
}
