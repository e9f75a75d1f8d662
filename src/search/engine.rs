//! An in-memory BM25F search engine over passages, built so that its index can be written
//! out as static JSON and ranked identically by a small JavaScript client.
//!
//! # Index
//!
//! Every passage has a `title` (heading) and a `text`. Both are [`analyze`]d into keys
//! (stems, numbers, abbreviations, legal tokens). For each key the index keeps a posting
//! list sorted by document number; a posting holds an integer **impact** (and the
//! quantised level it is made of), no positions: a phrase is checked against the passage's
//! title and text, which the index keeps per passage. The index also keeps the vocabulary of
//! surface words (word → key), used for prefix, typo and Russian-keyboard matching. All maps
//! are `BTreeMap`s, so iteration and serialisation are deterministic; a static site can shard
//! `postings` by the key's first letter and ship `surfaces` as a sorted list.
//!
//! # Scoring
//!
//! Impacts are computed once, at index time, in `f64`, and stored as products of integers,
//! so a client multiplies what the index holds and never re-derives the model:
//!
//! ```text
//! norm_f = 1 − b + b·len_f/avg_f          per field f (title, text); len_f: its tokens,
//!                                         legal tokens excluded; avg_f: the mean len_f
//!                                         over all passages (1 if that is 0)
//! tf  = wT·tf_title/norm_title + wX·tf_text/norm_text    (wT = 3, wX = 1 by default)
//! s   = tf·(k1+1) / (tf + k1)             (saturation, < k1 + 1; k1 = 1.2, b = 0.75)
//! level = the nearest (on a log scale) of IMPACT_LEVELS saturations spaced evenly on a
//!         log scale from 0.05 to k1 + 1;  levels[i] = round(10000 · that saturation)
//! scale(df) = max(1, round(100 · ln(1 + (N − df + 0.5) / (df + 0.5))))
//! impact = scale(df) · levels[level]      (N passages, df passages with the key)
//! ```
//!
//! Quantising the saturation lets a static index store a small level per posting (see
//! `shards.rs`); 255 levels are 1.5% apart, fine enough to keep the relevance set's floors.
//!
//! A query is a list of **groups** (one per query word, quoted phrase or legal token). A group
//! has **alternatives**, each a list of keys with an integer weight: the word's own stem(s)
//! [`W_EXACT`], a synonym or abbreviation expansion [`W_EXPANSION`], a Russian-keyboard
//! spelling [`W_KEYBOARD`], a completion of the word being typed [`W_PREFIX`], a word one
//! edit away [`W_TYPO`]. An alternative matches a passage if every key of it occurs there
//! (for a phrase: at consecutive positions of the analysed title or text, own words only).
//! Then, in integers only:
//!
//! ```text
//! alt_score(p)   = weight · Σ impact(key, p)          over the alternative's keys
//! group_score(p) = max alt_score(p)                   over the group's matching alternatives
//! matched(p)     = number of groups with a matching alternative
//! score(p)       = Σ group_score(p)
//! ```
//!
//! Passages are ranked by `matched` (more first), then `score` (higher first), then `id`
//! (byte order), then insertion order — so the ranking is total and deterministic. Then the
//! first [`PROXIMITY_DEPTH`] are re-scored by how close the query's words stand in their own
//! text and sorted again:
//!
//! ```text
//! pairs(p) = number of i with a key of group i right before a key of group i+1 in p's text
//! score(p) += floor(score(p) · pairs(p) · PROXIMITY_PERCENT / (100 · (groups − 1)))
//! ```
//!
//! No floating point is needed at query time.
//!
//! # Queries that are not ordinary
//!
//! * more than [`MAX_QUERY_CHARS`] characters → [`QueryError::TooLong`];
//! * nothing searchable (empty, only punctuation) → [`QueryError::Empty`];
//! * words of [`STOP_WORDS`] (question words, conjunctions, prepositions) outside quotes
//!   make no group unless the query has no other word;
//! * quotes `"…"`, `«…»`, `“…”` make a phrase; an unmatched quote runs to the end of the
//!   query (the phrase the user is still typing); passages with the phrase come first, then
//!   those with its words apart ([`W_PHRASE_WORDS`]);
//! * regex metacharacters have no meaning: they are punctuation;
//! * only the first [`MAX_GROUPS`] groups are used.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use super::normalize::{has_kazakh_letter, keyboard_fold, NormalizeOptions, TokenKind};
use super::stem::stem_candidates;
use super::synonyms::Thesaurus;
use super::{analyze, analyze_cached, StemCache, Term};

/// The longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 256;
/// The most groups (words, phrases, legal tokens) a query is matched with.
pub const MAX_GROUPS: usize = 16;
/// Weight of a query word's own stem.
pub const W_EXACT: u64 = 100;
/// Weight of a synonym or abbreviation expansion.
pub const W_EXPANSION: u64 = 80;
/// Weight of a Kazakh word found through the Russian-keyboard spelling of the query word.
pub const W_KEYBOARD: u64 = 70;
/// Weight of a completion of the last word while it is being typed.
pub const W_PREFIX: u64 = 60;
/// Weight of a word one edit away from a query word of [`TYPO_MIN_CHARS`] letters or more.
pub const W_TYPO: u64 = 50;
/// A quoted phrase's words found in a passage but not side by side. Low enough that in a
/// one-phrase query every passage with the phrase ranks above every passage with the words
/// apart: the phrase alternative's weight over this one (100 / 2 = 50) is more than the
/// spread of the saturation levels, `(K1 + 1) / SATURATION_MIN` = 44, and both alternatives
/// have the same keys, hence the same idf.
pub const W_PHRASE_WORDS: u64 = 2;
/// Typo tolerance applies to query words at least this long.
pub const TYPO_MIN_CHARS: usize = 5;
/// Completions considered for the word being typed.
pub const MAX_PREFIX_KEYS: usize = 20;
/// Words one edit away considered per query word.
pub const MAX_TYPO_KEYS: usize = 10;
/// The word being typed is completed only from this many characters on.
pub const PREFIX_MIN_CHARS: usize = 2;

/// How many of the best passages are re-scored by how close the query's words stand in
/// their text: the first page of results, the passages a client loads for snippets anyway.
pub const PROXIMITY_DEPTH: usize = 10;
/// The percentage a re-scored passage's score grows by when every two consecutive groups of
/// the query have words side by side in its text (a share of it for some of the pairs).
pub const PROXIMITY_PERCENT: u64 = 10;

pub const K1: f64 = 1.2;
pub const B: f64 = 0.75;

/// A unit of text to index: a point, an article, a textbook section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    pub id: String,
    pub title: String,
    pub text: String,
    /// Legal tokens the passage carries besides its words: the statute units its resolved
    /// citations point to (see `passages.rs`). Indexed in the text field, at position 0, and
    /// left out of the length like every legal token.
    pub legal: Vec<String>,
    /// The lead-in a list item stands under ("… мына негіздер аясында тағайындайды:"), or
    /// empty: its words count a little for the item (see [`CONTEXT_TF`]).
    pub context: String,
}

impl Passage {
    /// A passage with no legal tokens besides those in its words.
    pub fn new(id: &str, title: &str, text: &str) -> Passage {
        Passage {
            id: id.to_string(),
            title: title.to_string(),
            text: text.to_string(),
            legal: Vec::new(),
            context: String::new(),
        }
    }
}

/// How much a term in each field counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FieldWeights {
    pub title: u32,
    pub text: u32,
}

impl Default for FieldWeights {
    fn default() -> Self {
        FieldWeights { title: 3, text: 1 }
    }
}

/// A passage as the index remembers it: its id and the two fields it was indexed with,
/// which phrase queries are checked against (the index keeps no positions).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocEntry {
    pub id: String,
    /// The heading the passage is ranked with (its own or its nearest ancestor's).
    pub title: String,
    pub text: String,
    /// The saturation level of a key occurring once in this passage's text and not in its
    /// title — the level of most of its postings, so a static index stores each posting's
    /// level as the difference to this one (see `shards.rs`).
    pub base_level: u8,
}

/// One key in one passage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Posting {
    /// Index into [`Index::docs`].
    pub doc: u32,
    /// The quantised saturation: an index into [`impact_levels`].
    pub level: u8,
    /// The BM25F contribution as stored: `Index::scales[df] · impact_levels()[level]`
    /// (see the module comment).
    pub impact: u32,
}

/// The searchable data: everything a client needs to rank like [`Engine::search`].
#[derive(Debug, Clone, Default, Serialize)]
pub struct Index {
    pub docs: Vec<DocEntry>,
    /// Key → postings sorted by `doc`.
    pub postings: BTreeMap<String, Vec<Posting>>,
    /// Normalised surface word → its key.
    pub surfaces: BTreeMap<String, String>,
    /// Document frequency → the integer idf scale of every key with that many postings.
    pub scales: BTreeMap<u32, u32>,
}

impl Index {
    /// Number of passages containing `key`.
    pub fn df(&self, key: &str) -> usize {
        self.postings.get(key).map_or(0, Vec::len)
    }
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    pub id: String,
    pub title: String,
    /// Groups of the query the passage matched.
    pub matched: u32,
    /// Groups the query had.
    pub groups: u32,
    pub score: u64,
}

/// Why a query was not run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("the query has no words to search for")]
    Empty,
    #[error("the query is {chars} characters long; the limit is {max}")]
    TooLong { chars: usize, max: usize },
}

/// The index plus the thesaurus and options the queries need.
#[derive(Debug, Clone)]
pub struct Engine {
    index: Index,
    thesaurus: Thesaurus,
    options: NormalizeOptions,
}

/// What a derived occurrence — a verbal noun standing for a verb form (see
/// [`super::verbs`]) — counts for in a key's tf, where an occurrence of the word itself
/// counts 1. Index time only.
pub const DERIVED_TF: f64 = 0.5;

/// What a word of the lead-in a list item stands under counts for in the item's tf (text
/// field), where a word of its own counts 1: "ҚР Президентінің тапсырмалары;" under "…
/// тексеруді … мына негіздер аясында тағайындайды:" is about appointing inspections, but
/// less than the lead-in itself. Index time only; 0.1–0.2 measured alike, 0.35 and up cost
/// prefix and Russian recall (README, search relevance).
pub const CONTEXT_TF: f64 = 0.2;

/// How often a key occurs in each field of one passage, derived occurrences already
/// weighted by [`DERIVED_TF`].
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct FieldCounts {
    pub(super) title: f64,
    pub(super) text: f64,
}

impl Engine {
    /// Indexes passages with the default field weights and options.
    pub fn new(passages: &[Passage], thesaurus: Thesaurus) -> Engine {
        Engine::build(
            passages,
            thesaurus,
            NormalizeOptions::default(),
            FieldWeights::default(),
        )
    }

    /// Indexes passages (see [`super::indexer`]): the index is the same whatever the number
    /// of threads.
    pub fn build(
        passages: &[Passage],
        thesaurus: Thesaurus,
        options: NormalizeOptions,
        weights: FieldWeights,
    ) -> Engine {
        let index = super::indexer::build_index(passages, options, weights);
        Engine {
            index,
            thesaurus,
            options,
        }
    }

    /// The index, for writing out.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// An engine over an index read back from disk (`shards::load_index`): it ranks exactly
    /// like the engine that wrote it.
    pub fn from_index(index: Index, thesaurus: Thesaurus, options: NormalizeOptions) -> Engine {
        Engine {
            index,
            thesaurus,
            options,
        }
    }

    /// The thesaurus queries expand with.
    pub fn thesaurus(&self) -> &Thesaurus {
        &self.thesaurus
    }

    /// The normalisation options of index and queries.
    pub fn options(&self) -> NormalizeOptions {
        self.options
    }

    /// Every key any alternative of the query looks for (own stems, expansions, keyboard,
    /// prefix and typo keys, phrase words, legal tokens): what a snippet marks.
    pub fn query_keys(&self, query: &str) -> Vec<String> {
        if query.chars().count() > MAX_QUERY_CHARS {
            return Vec::new();
        }
        let mut keys: Vec<String> = Vec::new();
        for group in self.plan(query) {
            for alternative in group.alternatives {
                for key in alternative.keys {
                    if !keys.contains(&key) {
                        keys.push(key);
                    }
                }
            }
        }
        keys
    }

    /// Runs a query; returns at most `limit` hits, best first.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<Hit>, QueryError> {
        let chars = query.chars().count();
        if chars > MAX_QUERY_CHARS {
            return Err(QueryError::TooLong {
                chars,
                max: MAX_QUERY_CHARS,
            });
        }
        let groups = self.plan(query);
        if groups.is_empty() {
            return Err(QueryError::Empty);
        }
        Ok(self.rank(&groups, limit))
    }

    /// Turns a query into groups of weighted alternatives.
    fn plan(&self, query: &str) -> Vec<Group> {
        let segments = split_quotes(query);
        let open_end = query
            .chars()
            .last()
            .is_some_and(|c| !c.is_whitespace() && !is_quote(c) && !c.is_ascii_punctuation())
            && segments.last().is_some_and(|s| !s.quoted);
        let mut groups = Vec::new();
        let last_segment = segments.len().saturating_sub(1);
        for (i, segment) in segments.iter().enumerate() {
            let terms = analyze(&segment.text, self.options);
            if segment.quoted {
                self.plan_phrase(&terms, &mut groups);
            } else {
                self.plan_words(&terms, open_end && i == last_segment, &mut groups);
            }
        }
        groups.truncate(MAX_GROUPS);
        for group in &mut groups {
            group.add_definition_variants();
        }
        groups
    }

    fn plan_phrase(&self, terms: &[Term], groups: &mut Vec<Group>) {
        let words: Vec<&Term> = terms
            .iter()
            .filter(|t| t.kind != TokenKind::Legal)
            .collect();
        match words.as_slice() {
            [] => {}
            [single] => groups.push(self.word_group(single, false)),
            _ => {
                let keys: Vec<String> = words.iter().map(|t| t.key.clone()).collect();
                groups.push(Group {
                    alternatives: vec![
                        Alternative {
                            keys: keys.clone(),
                            phrase: true,
                            weight: W_EXACT,
                        },
                        Alternative {
                            keys,
                            phrase: false,
                            weight: W_PHRASE_WORDS,
                        },
                    ],
                })
            }
        }
    }

    fn plan_words(&self, terms: &[Term], open_end: bool, groups: &mut Vec<Group>) {
        let words: Vec<&Term> = terms
            .iter()
            .filter(|t| t.kind != TokenKind::Legal)
            .collect();
        let candidates: Vec<Vec<String>> = words.iter().map(|t| key_candidates(t)).collect();
        let mut word_groups: Vec<Group> = words
            .iter()
            .enumerate()
            .map(|(i, t)| self.word_group(t, open_end && i + 1 == words.len()))
            .collect();
        // Longest match: an entry inside a longer one that also matched is left out
        // («досудебный доклад» → «сотқа дейінгі баяндама», not also «досудебный» →
        // «сотқа дейінгі», which would lift the definition of «сотқа дейінгі пробация»).
        let matches: Vec<(usize, usize, &[String])> = (0..words.len())
            .flat_map(|start| {
                let found = self.thesaurus.matches_at(&candidates, start);
                found.into_iter().map(move |(len, to)| (start, len, to))
            })
            .collect();
        let inside_longer = |&(start, len, _): &(usize, usize, &[String])| {
            (matches.iter()).any(|&(s, l, _)| l > len && s <= start && start + len <= s + l)
        };
        for &(start, len, to) in matches.iter().filter(|m| !inside_longer(m)) {
            for group in word_groups.iter_mut().skip(start).take(len) {
                group.add(to.to_vec(), W_EXPANSION);
            }
        }
        // Question words and conjunctions say how the user asks, not what about: a passage
        // should not outrank another for containing "қандай". They are dropped after the
        // thesaurus has seen them ("права и свободы"), unless the query has nothing else.
        let content = |t: &&Term| !(t.kind == TokenKind::Word && is_stop_word(&t.surface));
        if words.iter().any(content) {
            groups.extend(
                words
                    .iter()
                    .zip(word_groups)
                    .filter(|(t, _)| content(t))
                    .map(|(_, g)| g),
            );
        } else {
            groups.extend(word_groups);
        }
        for legal in terms.iter().filter(|t| t.kind == TokenKind::Legal) {
            let mut group = Group::default();
            group.add(vec![legal.key.clone()], W_EXACT);
            groups.push(group);
        }
    }

    /// The alternatives for one query word.
    fn word_group(&self, term: &Term, being_typed: bool) -> Group {
        let mut group = Group::default();
        for key in key_candidates(term) {
            group.add(vec![key], W_EXACT);
        }
        if term.kind != TokenKind::Word {
            if being_typed && term.kind == TokenKind::Abbreviation {
                self.add_prefix(&term.surface, &mut group);
            }
            return group;
        }
        if !has_kazakh_letter(&term.surface) {
            for key in self.keyboard_spellings(&term.surface) {
                group.add(vec![key], W_KEYBOARD);
            }
        }
        // A word the corpus has, spelt as typed, is taken as meant: its neighbours one edit
        // away (`ұғымы` → `ұйымы`) would only add noise. Typo tolerance is for the rest.
        let known = self.index.surfaces.contains_key(&term.surface);
        if !known && term.surface.chars().count() >= TYPO_MIN_CHARS {
            for key in self.one_edit_away(&term.surface) {
                group.add(vec![key], W_TYPO);
            }
            if !has_kazakh_letter(&term.surface) {
                for key in self.keyboard_typos(&term.surface) {
                    group.add(vec![key], W_TYPO);
                }
            }
        }
        if being_typed {
            self.add_prefix(&term.surface, &mut group);
        }
        group
    }

    /// The vocabulary words with Kazakh letters that start with a letter a Russian keyboard
    /// types as `first` (`к` → `к`, `қ`), with their Russian-keyboard spelling and key: the
    /// words [`Engine::keyboard_spellings`] and [`Engine::keyboard_typos`] look among, in
    /// letter then vocabulary order. They sit in the vocabulary shards of those letters,
    /// which is what a static client loads for such a word.
    fn keyboard_words(&self, first: char) -> impl Iterator<Item = (String, &String)> + '_ {
        keyboard_letters(first).into_iter().flat_map(move |letter| {
            let prefix = letter.to_string();
            self.index
                .surfaces
                .range::<str, _>((
                    std::ops::Bound::Included(prefix.as_str()),
                    std::ops::Bound::Unbounded,
                ))
                .take_while(move |(surface, _)| surface.starts_with(letter))
                .filter(|(surface, _)| has_kazakh_letter(surface))
                .map(|(surface, key)| (keyboard_fold(surface), key))
        })
    }

    /// Keys of the vocabulary words with Kazakh letters that a Russian keyboard types as
    /// `word` (`кадагалау` → `қадағалау`), in vocabulary order.
    fn keyboard_spellings(&self, word: &str) -> Vec<String> {
        let Some(first) = word.chars().next() else {
            return Vec::new();
        };
        let mut out: Vec<String> = Vec::new();
        for (folded, key) in self.keyboard_words(first) {
            if folded == word && !out.contains(key) {
                out.push(key.clone());
            }
        }
        out
    }

    /// Keys of the vocabulary words with Kazakh letters whose Russian-keyboard spelling is one
    /// edit away from `word` (`наразылк` → `наразылык` → `наразылық`): a slip on the keyboard
    /// that has no Kazakh letters. In the order of [`Engine::keyboard_words`], at most
    /// [`MAX_TYPO_KEYS`].
    fn keyboard_typos(&self, word: &str) -> Vec<String> {
        let target: Vec<char> = word.chars().collect();
        let Some(&first) = target.first() else {
            return Vec::new();
        };
        let mut out: Vec<String> = Vec::new();
        let mut folded: Vec<char> = Vec::new();
        for (spelling, key) in self.keyboard_words(first) {
            folded.clear();
            folded.extend(spelling.chars());
            if folded.len().abs_diff(target.len()) > 1 || folded == target {
                continue;
            }
            if one_edit(&target, &folded) && !out.contains(key) {
                out.push(key.clone());
                if out.len() == MAX_TYPO_KEYS {
                    break;
                }
            }
        }
        out
    }

    /// Completions of a word being typed, most frequent first.
    fn add_prefix(&self, prefix: &str, group: &mut Group) {
        if prefix.chars().count() < PREFIX_MIN_CHARS {
            return;
        }
        let mut keys: Vec<&String> = self
            .index
            .surfaces
            .range::<str, _>((
                std::ops::Bound::Included(prefix),
                std::ops::Bound::Unbounded,
            ))
            .take_while(|(surface, _)| surface.starts_with(prefix))
            .map(|(_, key)| key)
            .collect();
        keys.sort_by(|a, b| self.index.df(b).cmp(&self.index.df(a)).then(a.cmp(b)));
        keys.dedup();
        for key in keys.into_iter().take(MAX_PREFIX_KEYS) {
            group.add(vec![key.clone()], W_PREFIX);
        }
    }

    /// Keys of vocabulary words one edit (insertion, deletion, substitution, adjacent
    /// transposition) away from `word`, in vocabulary order — among the words that start with
    /// the same character only: that is the one vocabulary shard a static client loads for
    /// the word (see `shards.rs`), so a typo in the first letter is not corrected.
    fn one_edit_away(&self, word: &str) -> Vec<String> {
        let target: Vec<char> = word.chars().collect();
        let Some(&first) = target.first() else {
            return Vec::new();
        };
        let mut out: Vec<String> = Vec::new();
        let mut buffer: Vec<char> = Vec::new();
        let mut utf8 = [0; 4];
        let first: &str = first.encode_utf8(&mut utf8);
        let same_first = self
            .index
            .surfaces
            .range::<str, _>((std::ops::Bound::Included(first), std::ops::Bound::Unbounded))
            .take_while(|(surface, _)| surface.starts_with(first));
        for (surface, key) in same_first {
            let len = surface.chars().count();
            if len.abs_diff(target.len()) > 1 || surface == word {
                continue;
            }
            buffer.clear();
            buffer.extend(surface.chars());
            if one_edit(&target, &buffer) && !out.contains(key) {
                out.push(key.clone());
                if out.len() == MAX_TYPO_KEYS {
                    break;
                }
            }
        }
        out
    }

    /// Does the passage have the phrase's keys at consecutive positions of its title or
    /// of its text?
    fn phrase_in(&self, doc: u32, keys: &[String]) -> bool {
        self.index.docs.get(doc as usize).is_some_and(|entry| {
            phrase_in_text(&entry.title, keys, self.options)
                || phrase_in_text(&entry.text, keys, self.options)
        })
    }

    /// Scores every passage that matches at least one group and sorts them.
    fn rank(&self, groups: &[Group], limit: usize) -> Vec<Hit> {
        let mut totals: HashMap<u32, (u32, u64)> = HashMap::new();
        for group in groups {
            let mut best: HashMap<u32, u64> = HashMap::new();
            for alternative in &group.alternatives {
                for (doc, score) in self.alternative_scores(alternative) {
                    let slot = best.entry(doc).or_default();
                    *slot = (*slot).max(score);
                }
            }
            for (doc, score) in best {
                let total = totals.entry(doc).or_default();
                total.0 += 1;
                total.1 += score;
            }
        }
        let docs = &self.index.docs;
        let mut ranked: Vec<Ranked> = totals
            .into_iter()
            .map(|(doc, (matched, score))| Ranked {
                doc,
                matched,
                score,
            })
            .collect();
        ranked.sort_by(|a, b| self.rank_order(a, b));
        self.rerank_by_proximity(groups, &mut ranked);
        ranked
            .into_iter()
            .take(limit)
            .map(|r| Hit {
                id: docs[r.doc as usize].id.clone(),
                title: docs[r.doc as usize].title.clone(),
                matched: r.matched,
                groups: groups.len() as u32,
                score: r.score,
            })
            .collect()
    }

    /// More groups matched first, then the higher score, then the id (byte order), then the
    /// insertion order: a total order, so the ranking is deterministic.
    fn rank_order(&self, a: &Ranked, b: &Ranked) -> std::cmp::Ordering {
        let docs = &self.index.docs;
        b.matched
            .cmp(&a.matched)
            .then(b.score.cmp(&a.score))
            .then_with(|| docs[a.doc as usize].id.cmp(&docs[b.doc as usize].id))
            .then(a.doc.cmp(&b.doc))
    }

    /// Re-scores the first [`PROXIMITY_DEPTH`] passages by [`proximity_bonus`] and sorts them
    /// again. Within a section every paragraph inherits the heading, so the words of a topic
    /// query often all match in many of them; the paragraph that has them side by side
    /// ("жолданымдарды қарау") is the one about the topic. Only the passage's own text
    /// counts: the heading is shared.
    fn rerank_by_proximity(&self, groups: &[Group], ranked: &mut [Ranked]) {
        if groups.len() < 2 {
            return;
        }
        let words: Vec<HashSet<&str>> = groups.iter().map(Group::word_keys).collect();
        let top = PROXIMITY_DEPTH.min(ranked.len());
        for entry in ranked[..top].iter_mut() {
            let text = &self.index.docs[entry.doc as usize].text;
            let pairs = adjacent_pairs(&analyze(text, self.options), &words);
            entry.score += proximity_bonus(entry.score, pairs, groups.len());
        }
        ranked[..top].sort_by(|a, b| self.rank_order(a, b));
    }

    /// Passages where every key of the alternative occurs (consecutively, for a phrase),
    /// with the alternative's score there.
    fn alternative_scores(&self, alternative: &Alternative) -> Vec<(u32, u64)> {
        let lists: Option<Vec<&Vec<Posting>>> = alternative
            .keys
            .iter()
            .map(|key| self.index.postings.get(key))
            .collect();
        let Some(lists) = lists else {
            return Vec::new();
        };
        let Some((first, rest)) = lists.split_first() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        'docs: for posting in first.iter() {
            let mut together = vec![posting];
            for list in rest {
                match list.binary_search_by_key(&posting.doc, |p| p.doc) {
                    Ok(at) => together.push(&list[at]),
                    Err(_) => continue 'docs,
                }
            }
            if alternative.phrase && !self.phrase_in(posting.doc, &alternative.keys) {
                continue;
            }
            let impacts: u64 = together.iter().map(|p| u64::from(p.impact)).sum();
            out.push((posting.doc, alternative.weight * impacts));
        }
        out
    }
}

/// The prefix of the key that marks a passage as defining a word: `§def:жолданым`.
pub const DEFINES: &str = "§def:";
/// A defined term is at most this many words.
const MAX_DEFINED_WORDS: usize = 6;

/// Keys of the term a passage defines, each as `§def:<key>`: the words between the start of
/// the sentence and the passage's first spaced dash, the way the texts define terms
/// ("Жолданым – прокуратура органына …", "3) пенитенциарлық пробация – …"). A dash inside
/// parentheses ("(бұдан әрі – ҚАЖ)") or after more than [`MAX_DEFINED_WORDS`] words defines
/// nothing.
pub(super) fn defined_keys(
    text: &str,
    options: NormalizeOptions,
    cache: &mut StemCache,
) -> Vec<String> {
    // The first spaced dash of any kind, in one pass over the spaces (this runs on every
    // passage of the corpus).
    let spaced_dash = |&at: &usize| {
        ["– ", "— ", "- "]
            .iter()
            .any(|d| text[at + 1..].starts_with(d))
    };
    let Some(dash) = memchr::memchr_iter(b' ', text.as_bytes()).find(spaced_dash) else {
        return Vec::new();
    };
    let head = &text[..dash];
    if head.matches('(').count() > head.matches(')').count() {
        return Vec::new();
    }
    let start = head
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, '.' | ':' | ';' | '!' | '?'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let words: Vec<Term> = analyze_cached(&head[start..], options, cache)
        .into_iter()
        .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Abbreviation))
        .collect();
    if words.is_empty() || words.len() > MAX_DEFINED_WORDS {
        return Vec::new();
    }
    let mut keys: Vec<String> = words
        .iter()
        .map(|t| format!("{DEFINES}{}", t.key))
        .collect();
    keys.dedup();
    keys
}

/// A passage's field lengths in tokens (legal tokens excluded), or their averages.
#[derive(Debug, Clone, Copy)]
pub(super) struct FieldLengths {
    pub(super) title: f64,
    pub(super) text: f64,
}

impl FieldLengths {
    /// The mean of each field's length over all passages (1 where it would be 0).
    pub(super) fn average(lengths: &[FieldLengths]) -> FieldLengths {
        let n = (lengths.len() as f64).max(1.0);
        let mean = |sum: f64| if sum > 0.0 { sum / n } else { 1.0 };
        FieldLengths {
            title: mean(lengths.iter().map(|l| l.title).sum()),
            text: mean(lengths.iter().map(|l| l.text).sum()),
        }
    }

    /// BM25F's pseudo term frequency: each field's count weighted and normalised by that
    /// field's own length. A heading a passage inherits from its section is as long in
    /// every passage of the section, so a match in it lifts them all alike and the
    /// passage's own text decides between them (a short list item is not preferred merely
    /// for being short).
    pub(super) fn normalized_tf(
        &self,
        counts: FieldCounts,
        average: FieldLengths,
        weights: FieldWeights,
    ) -> f64 {
        let norm = |len: f64, avg: f64| 1.0 - B + B * len / avg;
        f64::from(weights.title) * counts.title / norm(self.title, average.title)
            + f64::from(weights.text) * counts.text / norm(self.text, average.text)
    }
}

/// How many saturation levels an impact is quantised to (see the module comment).
pub const IMPACT_LEVELS: usize = 255;
/// The saturation of the lowest level; BM25's saturation never exceeds `K1 + 1`.
const SATURATION_MIN: f64 = 0.05;
const SATURATION_MAX: f64 = K1 + 1.0;

/// The integer value of each saturation level: `10000 · s_i` for saturations `s_i` spaced
/// evenly on a log scale from [`SATURATION_MIN`] to `K1 + 1`. Written into the manifest, so
/// clients multiply integers and never evaluate a logarithm.
pub fn impact_levels() -> Vec<u32> {
    let steps = (IMPACT_LEVELS - 1) as f64;
    (0..IMPACT_LEVELS)
        .map(|i| {
            let s = SATURATION_MIN * (SATURATION_MAX / SATURATION_MIN).powf(i as f64 / steps);
            (10000.0 * s).round() as u32
        })
        .collect()
}

/// The level nearest (on the log scale) to BM25's saturation `tf·(k1+1)/(tf+k1)`.
pub(super) fn saturation_level(tf: f64) -> u8 {
    let saturation = tf * (K1 + 1.0) / (tf + K1);
    let steps = (IMPACT_LEVELS - 1) as f64;
    let x = (saturation / SATURATION_MIN).ln() / (SATURATION_MAX / SATURATION_MIN).ln() * steps;
    if x.is_finite() {
        x.round().clamp(0.0, steps) as u8
    } else {
        0
    }
}

/// A key's idf as an integer: `max(1, round(100 · ln(1 + (N − df + 0.5)/(df + 0.5))))`.
pub(super) fn idf_scale(n: f64, df: f64) -> u32 {
    let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
    let value = (100.0 * idf).round();
    if value.is_finite() && value >= 1.0 {
        value.min(f64::from(u32::MAX)) as u32
    } else {
        1
    }
}

/// Words a query is not matched on when it has other words: Kazakh and Russian question
/// words, question particles, conjunctions and prepositions (normalised, lower-case).
pub const STOP_WORDS: &[&str] = &[
    // Kazakh: the interrogatives in their case forms
    "не",
    "неге",
    "нені",
    "ненің",
    "неде",
    "неден",
    "немен",
    "неліктен",
    "несі",
    "несімен",
    "неше",
    "нешеу",
    "нешінші",
    "қандай",
    "қалай",
    "қалайша",
    "кім",
    "кімге",
    "кімді",
    "кімнің",
    "кімде",
    "кімнен",
    "кіммен",
    "кімдер",
    "кімдерге",
    "кімдерді",
    "кімдердің",
    "қашан",
    "қай",
    "қайсы",
    "қайсысы",
    "қайда",
    "қайдан",
    "қанша",
    "ма",
    "ме",
    "ба",
    "бе",
    "па",
    "пе",
    "деген",
    "дегеніміз",
    "және",
    "мен",
    "бен",
    "пен",
    "немесе",
    // Russian
    "что",
    "чего",
    "чему",
    "чем",
    "такое",
    "как",
    "какой",
    "какая",
    "какое",
    "какие",
    "каких",
    "каким",
    "каков",
    "кто",
    "кого",
    "кому",
    "кем",
    "когда",
    "где",
    "куда",
    "откуда",
    "сколько",
    "почему",
    "зачем",
    "ли",
    "и",
    "или",
    "в",
    "во",
    "на",
    "по",
    "о",
    "об",
    "к",
    "с",
    "со",
    "за",
    "для",
    "от",
    "до",
    "из",
    "у",
];

fn is_stop_word(surface: &str) -> bool {
    STOP_WORDS.contains(&surface)
}

/// Every key a query token could be indexed under.
fn key_candidates(term: &Term) -> Vec<String> {
    match term.kind {
        TokenKind::Word => {
            let mut keys = vec![term.key.clone()];
            for key in stem_candidates(&term.surface) {
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
            keys
        }
        _ => vec![term.key.clone()],
    }
}

/// The letters `keyboard_fold` turns into `c` (`к` → `к`, `қ`), in code point order: where
/// the words a Russian keyboard types starting with `c` may start.
pub fn keyboard_letters(c: char) -> Vec<char> {
    let mut out: Vec<char> = ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'і']
        .into_iter()
        .filter(|&k| keyboard_fold(&k.to_string()).starts_with(c))
        .collect();
    out.push(c);
    out.sort_unstable();
    out.dedup();
    out
}

/// Does `text`, analysed as at index time, have the keys at consecutive positions? A
/// phrase is checked against the passage's own words: the index keeps no positions.
pub fn phrase_in_text(text: &str, keys: &[String], options: NormalizeOptions) -> bool {
    let Some((first, rest)) = keys.split_first() else {
        return false;
    };
    let terms = analyze(text, options);
    let at: HashSet<(&str, u32)> = terms.iter().map(|t| (t.key.as_str(), t.position)).collect();
    terms.iter().filter(|t| &t.key == first).any(|start| {
        rest.iter().enumerate().all(|(offset, key)| {
            let wanted = start.position.saturating_add(offset as u32 + 1);
            at.contains(&(key.as_str(), wanted))
        })
    })
}

/// How many of the query's consecutive groups (`words[i]`, `words[i + 1]`) have a key of
/// the first immediately followed by a key of the second in the analysed text.
pub fn adjacent_pairs(terms: &[Term], words: &[HashSet<&str>]) -> u64 {
    let at: HashSet<(&str, u32)> = terms.iter().map(|t| (t.key.as_str(), t.position)).collect();
    let pairs = words.windows(2).filter(|pair| {
        terms.iter().any(|t| {
            pair[0].contains(t.key.as_str())
                && pair[1]
                    .iter()
                    .any(|next| at.contains(&(*next, t.position.saturating_add(1))))
        })
    });
    pairs.count() as u64
}

/// What a passage's score grows by when `pairs` of the `groups − 1` pairs of consecutive
/// query groups stand side by side in its text: [`PROXIMITY_PERCENT`] of the score when all
/// do. Integer arithmetic, floor division: the JavaScript client computes the same number.
pub fn proximity_bonus(score: u64, pairs: u64, groups: usize) -> u64 {
    let gaps = groups.saturating_sub(1) as u64;
    if gaps == 0 {
        return 0;
    }
    score * pairs * PROXIMITY_PERCENT / (100 * gaps)
}

/// Is `b` one edit (insert, delete, substitute, swap two neighbours) away from `a`?
fn one_edit(a: &[char], b: &[char]) -> bool {
    let common = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    match a.len().cmp(&b.len()) {
        std::cmp::Ordering::Equal => {
            if common == a.len() {
                return false;
            }
            let substituted = a[common + 1..] == b[common + 1..];
            let swapped = common + 1 < a.len()
                && a[common] == b[common + 1]
                && a[common + 1] == b[common]
                && a[common + 2..] == b[common + 2..];
            substituted || swapped
        }
        std::cmp::Ordering::Greater => a.len() == b.len() + 1 && a[common + 1..] == b[common..],
        std::cmp::Ordering::Less => b.len() == a.len() + 1 && a[common..] == b[common + 1..],
    }
}

/// A passage being ranked: its number, the groups it matched, its score.
#[derive(Debug, Clone, Copy)]
struct Ranked {
    doc: u32,
    matched: u32,
    score: u64,
}

/// One alternative way a group can match.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Alternative {
    keys: Vec<String>,
    phrase: bool,
    weight: u64,
}

/// The alternatives for one query word, phrase or legal token.
#[derive(Debug, Clone, Default)]
struct Group {
    alternatives: Vec<Alternative>,
}

impl Group {
    /// For every plain alternative of a word or an expansion, the same keys plus the
    /// passage's defining each of them (`§def:<key>`): a passage that defines the query's
    /// term scores that term's impact and the rarer definition key's on top, so it comes
    /// first among passages matching as many groups.
    fn add_definition_variants(&mut self) {
        let variants: Vec<Alternative> = self
            .alternatives
            .iter()
            .filter(|a| {
                !a.phrase && a.weight >= W_EXPANSION && a.keys.iter().all(|k| !k.starts_with('§'))
            })
            .map(|a| Alternative {
                keys: a
                    .keys
                    .iter()
                    .cloned()
                    .chain(a.keys.iter().map(|k| format!("{DEFINES}{k}")))
                    .collect(),
                phrase: false,
                weight: a.weight,
            })
            .collect();
        for variant in variants {
            self.add(variant.keys, variant.weight);
        }
    }

    /// The word keys the group looks for in any of its alternatives (legal tokens and
    /// definition marks left out): what [`adjacent_pairs`] looks for in a text.
    fn word_keys(&self) -> HashSet<&str> {
        self.alternatives
            .iter()
            .flat_map(|a| a.keys.iter())
            .filter(|k| !k.starts_with('§'))
            .map(String::as_str)
            .collect()
    }

    /// Adds an alternative, or raises the weight of an identical one.
    fn add(&mut self, keys: Vec<String>, weight: u64) {
        if keys.is_empty() {
            return;
        }
        match self
            .alternatives
            .iter_mut()
            .find(|a| !a.phrase && a.keys == keys)
        {
            Some(existing) => existing.weight = existing.weight.max(weight),
            None => self.alternatives.push(Alternative {
                keys,
                phrase: false,
                weight,
            }),
        }
    }
}

/// A piece of the query, inside or outside quotes.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Segment {
    text: String,
    quoted: bool,
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '«' | '»' | '“' | '”' | '„')
}

/// Splits a query at quote marks. An unmatched quote runs to the end.
fn split_quotes(query: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut quoted = false;
    let mut current = String::new();
    for c in query.chars() {
        if is_quote(c) {
            if !current.trim().is_empty() {
                out.push(Segment {
                    text: std::mem::take(&mut current),
                    quoted,
                });
            }
            current.clear();
            quoted = !quoted;
        } else {
            current.push(c);
        }
    }
    if !current.trim().is_empty() {
        out.push(Segment {
            text: current,
            quoted,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passage(id: &str, title: &str, text: &str) -> Passage {
        Passage::new(id, title, text)
    }

    fn engine() -> Engine {
        let mut thesaurus = Thesaurus::new();
        thesaurus.add_russian_term("прокурорский надзор", "прокурорлық қадағалау");
        thesaurus.add_abbreviations(&[("ІІО".into(), "ішкі істер органдары".into())]);
        Engine::new(
            &[
                passage(
                    "a",
                    "Жалпы ережелер",
                    "Прокурорлық қадағалау заңдылықты қамтамасыз етеді.",
                ),
                passage(
                    "b",
                    "Прокурордың өкілеттігі",
                    "Прокурор ҚК-нің 40-бабына сәйкес наразылық келтіреді.",
                ),
                passage(
                    "c",
                    "Ішкі істер",
                    "Ішкі істер органдарының қызметкерлері бабын бұзды.",
                ),
                passage("d", "Бап", "Бап туралы мәтін; бап пен тармақ."),
            ],
            thesaurus,
        )
    }

    fn ids(hits: &[Hit]) -> Vec<&str> {
        hits.iter().map(|h| h.id.as_str()).collect()
    }

    #[test]
    fn inflected_query_finds_the_passage() {
        let e = engine();
        let hits = e.search("прокурорлық қадағалауды", 10).unwrap();
        assert_eq!(ids(&hits)[0], "a");
        assert_eq!(hits[0].matched, 2);
    }

    #[test]
    fn heading_outweighs_text() {
        let e = engine();
        // "прокурор" is in b's title and text and in a's text ("прокурорлық" is another stem).
        let hits = e.search("прокурордың", 10).unwrap();
        assert_eq!(ids(&hits), ["b"]);
        let hits = e.search("бап", 10).unwrap();
        // d has бап in its title; c only has "бабын" in text.
        assert_eq!(ids(&hits)[0], "d");
    }

    #[test]
    fn words_side_by_side_lift_a_passage_among_equals() {
        // Both paragraphs have both words once and are as long; only b has them together.
        let e = Engine::new(
            &[
                passage(
                    "a",
                    "Жолданымдар",
                    "Жолданым тіркеледі, содан кейін арызды қарау басталады.",
                ),
                passage(
                    "b",
                    "Жолданымдар",
                    "Тіркелген соң жолданымды қарау мерзімі басталады екен.",
                ),
            ],
            Thesaurus::new(),
        );
        let hits = e.search("жолданымдарды қарау", 10).unwrap();
        assert_eq!(ids(&hits), ["b", "a"]);
        // The ranking is re-scored before it is cut to the limit.
        let hits = e.search("жолданымдарды қарау", 1).unwrap();
        assert_eq!(ids(&hits), ["b"]);
        // The reversed order of the words is not "side by side" in the query's sense.
        let hits = e.search("қарау жолданымдарды", 10).unwrap();
        assert_eq!(hits[0].score, hits[1].score, "{hits:?}");
    }

    #[test]
    fn adjacent_pairs_count_consecutive_groups_in_order() {
        let terms = analyze(
            "прокурор наразылық келтіреді сотқа",
            NormalizeOptions::default(),
        );
        let key = |w: &str| analyze(w, NormalizeOptions::default())[0].key.clone();
        let (p, n, k, s) = (
            key("прокурор"),
            key("наразылық"),
            key("келтіреді"),
            key("сотқа"),
        );
        let words = [set(&[&p]), set(&[&n]), set(&[&k])];
        assert_eq!(adjacent_pairs(&terms, &words), 2);
        let words = [set(&[&p]), set(&[&k]), set(&[&s])];
        assert_eq!(
            adjacent_pairs(&terms, &words),
            1,
            "прокурор … келтіреді is not a pair"
        );
        let words = [set(&[&n]), set(&[&p])];
        assert_eq!(adjacent_pairs(&terms, &words), 0, "order matters");
        // Any key of a group will do (a stem, an expansion, a completion).
        let words = [set(&[&s, &p]), set(&[&n])];
        assert_eq!(adjacent_pairs(&terms, &words), 1);
    }

    fn set<'a>(keys: &[&'a String]) -> HashSet<&'a str> {
        keys.iter().map(|k| k.as_str()).collect()
    }

    #[test]
    fn proximity_bonus_is_a_share_of_the_score() {
        assert_eq!(proximity_bonus(1000, 2, 3), 100);
        assert_eq!(proximity_bonus(1000, 1, 3), 50);
        assert_eq!(
            proximity_bonus(999, 1, 4),
            33,
            "floor division, as in the client"
        );
        assert_eq!(proximity_bonus(1000, 0, 3), 0);
        assert_eq!(proximity_bonus(1000, 0, 1), 0, "one group has no pairs");
        assert_eq!(proximity_bonus(u64::from(u32::MAX), 15, 16), 429_496_729);
    }

    #[test]
    fn a_phrase_needs_its_words_and_prefers_them_side_by_side() {
        let e = engine();
        assert_eq!(ids(&e.search("\"ішкі істер\"", 10).unwrap()), ["c"]);
        // No passage has "істер ішкі": the one with both words apart is still found.
        assert_eq!(ids(&e.search("\"істер ішкі\"", 10).unwrap()), ["c"]);
        assert!(e.search("\"ішкі наразылық\"", 10).unwrap().is_empty());
    }

    #[test]
    fn a_phrase_outranks_its_words_apart_whatever_their_counts() {
        // "apart" has both words in its heading and over and over in a short text (the
        // highest saturation); "together" has the phrase once, late in a long text (the
        // lowest). The phrase still comes first.
        let filler = "мәтін ".repeat(400);
        let e = Engine::new(
            &[
                passage(
                    "apart",
                    "Қадағалау және прокурорлық жұмыс",
                    "Қадағалау, тағы қадағалау; прокурорлық, прокурорлық, прокурорлық.",
                ),
                passage("together", "", &format!("{filler} прокурорлық қадағалау")),
            ],
            Thesaurus::new(),
        );
        let hits = e.search("\"прокурорлық қадағалау\"", 10).unwrap();
        assert_eq!(ids(&hits), ["together", "apart"]);
    }

    #[test]
    fn legal_tokens_match_article_references() {
        let e = engine();
        assert_eq!(ids(&e.search("ҚК 40-бап", 10).unwrap())[0], "b");
        assert_eq!(ids(&e.search("ҚК 40", 10).unwrap())[0], "b");
    }

    #[test]
    fn russian_query_expands_to_kazakh() {
        let e = engine();
        assert_eq!(ids(&e.search("прокурорский надзор", 10).unwrap())[0], "a");
    }

    #[test]
    fn abbreviation_expands() {
        let e = engine();
        assert_eq!(ids(&e.search("ІІО", 10).unwrap())[0], "c");
    }

    #[test]
    fn prefix_completes_the_last_word() {
        let e = engine();
        assert_eq!(ids(&e.search("наразы", 10).unwrap()), ["b"]);
        // A finished word (trailing space) is not completed.
        assert!(e.search("наразы ", 10).unwrap().is_empty());
    }

    #[test]
    fn one_typo_is_tolerated_for_long_words_and_scored_lower() {
        let e = engine();
        let hits = e.search("наразылык ", 10).unwrap();
        assert_eq!(ids(&hits), ["b"]);
        let exact = e.search("наразылық ", 10).unwrap();
        assert!(exact[0].score > hits[0].score);
        // Short words get no typo tolerance.
        assert!(e.search("бақ ", 10).unwrap().is_empty());
    }

    #[test]
    fn a_verb_form_counts_half_as_its_verbal_noun() {
        let e = Engine::new(
            &[
                passage("a", "Жұмыс", "Сотталған жұмыс орнын ауыстыра алады."),
                passage("b", "Жұмыс", "Жұмыс орнын ауыстыру туралы."),
                passage("c", "Жаза", "Жаза алады."),
            ],
            Thesaurus::new(),
        );
        // "ауыстыра алады" is found by the verbal noun, below the passage that uses it.
        assert_eq!(ids(&e.search("ауыстыруы ", 10).unwrap()), ["b", "a"]);
        let posting = |doc: u32| {
            e.index().postings["ауыстыру"]
                .iter()
                .find(|p| p.doc == doc)
                .cloned()
                .unwrap()
        };
        // The derived occurrence counts half, in a longer text: a lower impact.
        assert!(posting(0).impact < posting(1).impact);
        // A noun before "алады" gives no verbal noun the corpus lacks.
        assert!(!e.index().postings.contains_key("жазу"));
    }

    #[test]
    fn a_word_the_corpus_has_gets_no_typo_neighbours() {
        let e = Engine::new(
            &[
                passage("a", "Ұғым", "Наразылықтың ұғымы заңда берілген."),
                passage("b", "Ұйым", "Наразылық ұйымы мен мекемеге келтіріледі."),
            ],
            Thesaurus::new(),
        );
        // "ұғымы" is a word of the corpus: "ұйымы", one letter away, does not match it.
        let hits = e.search("ұғымы ", 10).unwrap();
        assert_eq!(ids(&hits), ["a"]);
        // A word the corpus lacks still finds its neighbour.
        assert_eq!(ids(&e.search("ұйымв ", 10).unwrap()), ["b"]);
    }

    #[test]
    fn russian_keyboard_spelling_finds_kazakh_words() {
        let e = engine();
        assert_eq!(ids(&e.search("кадагалау ", 10).unwrap()), ["a"]);
        // On a Russian keyboard and a letter short ("наразылык" less its "ы").
        assert_eq!(ids(&e.search("наразылк ", 10).unwrap()), ["b"]);
        assert_eq!(ids(&e.search("кадагалуа ", 10).unwrap()), ["a"]);
        // A short slip is not corrected, as for any typo.
        assert!(e.search("наруз ", 10).unwrap().is_empty());
    }

    #[test]
    fn bad_queries_are_values_not_panics() {
        let e = engine();
        assert_eq!(e.search("", 10), Err(QueryError::Empty));
        assert_eq!(e.search("  ?!.,;  ", 10), Err(QueryError::Empty));
        assert_eq!(e.search("\"\"", 10), Err(QueryError::Empty));
        let long = "а".repeat(10 * 1024);
        assert!(matches!(
            e.search(&long, 10),
            Err(QueryError::TooLong { .. })
        ));
        for q in [
            ".*",
            "(a|b)+[",
            "\\d{2,}",
            "^$",
            "\"ішкі істер",
            "«бап",
            "»",
            "a\"b\"c\"",
            "-",
            "--5",
        ] {
            let _ = e.search(q, 10);
        }
        assert_eq!(ids(&e.search("\"ішкі істер", 10).unwrap()), ["c"]);
    }

    #[test]
    fn ranking_is_deterministic_with_ties_broken_by_id() {
        let e = Engine::new(
            &[
                passage("z", "", "сот"),
                passage("m", "", "сот"),
                passage("a", "", "сот"),
            ],
            Thesaurus::new(),
        );
        assert_eq!(ids(&e.search("сот ", 10).unwrap()), ["a", "m", "z"]);
        assert_eq!(ids(&e.search("сот ", 2).unwrap()), ["a", "m"]);
    }

    #[test]
    fn phrases_are_checked_against_the_fields() {
        let keys = |words: &[&str]| {
            words
                .iter()
                .map(|w| super::super::key_of_word(w))
                .collect::<Vec<_>>()
        };
        let options = NormalizeOptions::default();
        let text = "Ішкі істер органдарының ҚК-нің 40-бабы";
        assert!(phrase_in_text(text, &keys(&["ішкі", "істер"]), options));
        assert!(!phrase_in_text(text, &keys(&["істер", "ішкі"]), options));
        // A legal token shares its word's position: the next word is still next.
        assert!(phrase_in_text(text, &keys(&["ҚК", "40"]), options));
        assert!(!phrase_in_text("", &keys(&["ішкі"]), options));
        assert!(!phrase_in_text(text, &[], options));
    }

    #[test]
    fn keyboard_letters_are_those_that_fold_to_the_letter() {
        assert_eq!(keyboard_letters('к'), ['к', 'қ']);
        assert_eq!(keyboard_letters('у'), ['у', 'ү', 'ұ']);
        assert_eq!(keyboard_letters('б'), ['б']);
    }

    #[test]
    fn edit_distance_one() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert!(one_edit(&c("кітап"), &c("кітaп")));
        assert!(one_edit(&c("кітап"), &c("кітп")));
        assert!(one_edit(&c("кітп"), &c("кітап")));
        assert!(one_edit(&c("кітап"), &c("ктіап")));
        assert!(!one_edit(&c("кітап"), &c("кітап")));
        assert!(!one_edit(&c("кітап"), &c("кптаі")));
        assert!(!one_edit(&c("а"), &c("абв")));
    }

    #[test]
    fn a_term_is_defined_before_the_first_spaced_dash_of_its_sentence() {
        let keys =
            |text: &str| defined_keys(text, NormalizeOptions::default(), &mut StemCache::default());
        assert_eq!(
            keys("Жолданым – прокуратура органына жіберілген арыз."),
            ["§def:жолданым"]
        );
        assert_eq!(
            keys("14-бап. Сотқа дейінгі баяндама 1. Депутаттық сауал – депутаттың сұрауы"),
            ["§def:депутаттық", "§def:сауал"]
        );
        assert!(keys("қылмыстық-атқару жүйесінде (бұдан әрі – ҚАЖ);").is_empty());
        assert!(keys("бір екі үш төрт бес алты жеті – көп сөз").is_empty());
        assert!(keys("- заңдылықтың сақталуына тексеру жүргізу;").is_empty());
        assert!(keys("Сызықшасыз мәтін.").is_empty());
        // The first dash of any of the three kinds; a dash glued to a word is no dash.
        assert_eq!(keys("Пробация — бақылау - түрі – шара"), ["§def:пробация"]);
        assert_eq!(
            keys("Жаза-шара - мәжбүрлеу – түрі"),
            ["§def:жаза", "§def:шара"]
        );
        assert!(keys("Мәтін – ").len() == 1 && keys("Мәтін –").is_empty());
    }

    #[test]
    fn a_passage_defining_the_query_word_comes_first() {
        let e = Engine::new(
            &[
                passage("uses", "", "Жолданым келіп түсті, жолданым тіркелді."),
                passage(
                    "defines",
                    "",
                    "Жолданым – прокуратураға жіберілген арыз не шағым.",
                ),
            ],
            Thesaurus::new(),
        );
        assert_eq!(e.search("жолданым деген не", 10).unwrap()[0].id, "defines");
    }

    #[test]
    fn a_list_item_is_found_by_the_words_of_its_lead_in() {
        let lead = "Прокурор тексеруді мына негіздер бойынша тағайындайды:";
        let mut under_lead = passage("under-lead", "", "- Президенттің тапсырмалары;");
        under_lead.context = lead.to_string();
        let e = Engine::new(
            &[
                // The same item with no lead-in (its id sorts first, so a tie would go its way).
                passage("elsewhere", "", "- Президенттің тапсырмалары;"),
                passage("lead", "", lead),
                under_lead,
            ],
            Thesaurus::new(),
        );
        let hits = e
            .search("тексеру негіздері Президенттің тапсырмалары", 10)
            .unwrap();
        let ids: Vec<&str> = hits.iter().map(|h| h.id.as_str()).collect();
        let at = |id: &str| ids.iter().position(|i| *i == id).unwrap();
        assert!(at("under-lead") < at("elsewhere"), "{ids:?}");
    }

    #[test]
    fn only_the_longest_term_list_match_expands() {
        let mut terms = Thesaurus::new();
        terms.add_russian_term("досудебный доклад", "сотқа дейінгі баяндама");
        terms.add_russian_term("досудебный", "сотқа дейінгі");
        terms.add_russian_term("доклад", "баяндама");
        let e = Engine::new(
            &[
                // Defines a term that shares the words of the inner entry only.
                passage(
                    "other",
                    "",
                    "Сотқа дейінгі пробация – сотқа дейінгі баяндаманы дайындау.",
                ),
                passage(
                    "report",
                    "",
                    "Сотқа дейінгі баяндаманың мазмұны: сотқа дейінгі баяндама.",
                ),
            ],
            terms,
        );
        assert_eq!(e.search("досудебный доклад", 10).unwrap()[0].id, "report");
    }

    #[test]
    fn question_words_do_not_make_groups() {
        let e = Engine::new(
            &[
                passage("a", "", "Наразылық – прокурордың актісі."),
                passage("b", "", "Қандай наразылық келтірілді, не болды?"),
            ],
            Thesaurus::new(),
        );
        let hits = e.search("наразылық дегеніміз не", 10).unwrap();
        assert_eq!(hits[0].groups, 1);
        assert_eq!(hits.len(), 2);
        // A query of question words only still searches for them.
        assert_eq!(e.search("қандай", 10).unwrap()[0].id, "b");
    }

    #[test]
    fn every_case_form_of_a_question_word_is_dropped() {
        // "неше рет" in one passage must not make it a better answer to "how many hours".
        let e = Engine::new(
            &[
                passage("hours", "", "Сотталған аптасына 4 сағат жұмыс істейді."),
                passage(
                    "times",
                    "",
                    "Бұл туралы неше рет айтылды, неде, кімнен — белгісіз; сағат.",
                ),
            ],
            Thesaurus::new(),
        );
        for query in [
            "неше сағат жұмыс",
            "неде сағат жұмыс",
            "кімнен сағат жұмыс",
            "сколько сағат жұмыс",
        ] {
            let hits = e.search(query, 10).unwrap();
            assert_eq!(hits[0].id, "hours", "{query}");
            assert_eq!(hits[0].groups, 2, "{query}");
        }
    }

    #[test]
    fn a_heading_match_does_not_favour_short_passages() {
        // Both passages inherit the heading; the one whose own text also names the topic
        // comes first even though the other is much shorter.
        let e = Engine::new(
            &[
                passage("list", "Жолданымдарды қарау", "1) мерзімі;"),
                passage(
                    "body",
                    "Жолданымдарды қарау",
                    "Жолданымды қарау мерзімі он бес жұмыс күнін құрайды, ол ұзартылуы мүмкін.",
                ),
            ],
            Thesaurus::new(),
        );
        assert_eq!(e.search("жолданым", 10).unwrap()[0].id, "body");
    }

    /// Pins the documented formula, which a JS client must reproduce.
    #[test]
    fn impacts_follow_the_documented_formula() {
        let e = Engine::new(
            &[passage("x", "Сот", "заң сот"), passage("y", "", "заң")],
            Thesaurus::new(),
        );
        let impact = |key: &str, doc: u32| {
            e.index().postings[key]
                .iter()
                .find(|p| p.doc == doc)
                .map(|p| p.impact)
        };
        let levels = impact_levels();
        assert_eq!(levels.len(), IMPACT_LEVELS);
        assert_eq!((levels[0], levels[1], levels[254]), (500, 508, 22000));
        assert!(levels.windows(2).all(|w| w[0] < w[1]), "distinct levels");
        // Title lengths 1 and 0 (avg 0.5), text lengths 2 and 1 (avg 1.5), N = 2.
        // сот in x: norm_title = 0.25 + 0.75·1/0.5 = 1.75, norm_text = 0.25 + 0.75·2/1.5 = 1.25,
        // tf = 3·1/1.75 + 1/1.25 = 2.514, saturation tf·2.2/(tf + 1.2) = 1.489: level
        // round(254 · ln(1.489/0.05)/ln(2.2/0.05)) = 228, value 14935; df = 1: idf scale
        // round(100 · ln(1 + 1.5/1.5)) = 69.
        assert_eq!(impact("сот", 0), Some(69 * 14935));
        // заң: df = 2, idf scale round(100 · ln(1 + 0.5/2.5)) = 18; x: tf = 1/1.25,
        // saturation 0.88 → level 192 (8735); y: tf = 1/0.75, saturation 1.158 → level 211.
        assert_eq!(impact("заң", 0), Some(18 * 8735));
        assert_eq!(impact("заң", 1), Some(18 * 11593));
        assert_eq!(levels[211], 11593);
        assert_eq!(e.index().scales, [(1, 69), (2, 18)].into_iter().collect());
        // The base level: one occurrence in the text alone (x: tf 1/1.25 → 192).
        assert_eq!(e.index().docs[0].base_level, 192);
        assert_eq!(e.index().docs[1].base_level, 211);
        // Score = weight · impact: a one-word query scores 100 · impact.
        assert_eq!(e.search("заң ", 10).unwrap()[0].score, 100 * 18 * 11593);
    }

    #[test]
    fn impacts_are_positive_integers() {
        let e = engine();
        assert!(e.index().postings.values().flatten().all(|p| p.impact >= 1));
        let json = serde_json::to_string(e.index()).unwrap();
        assert!(json.contains("\"postings\""));
    }
}
