//! Kazakh-aware full-text search: the language core and an in-memory engine.
//!
//! * [`normalize`] — folds (look-alike letters, ё, optional у/ү/ұ) and the tokeniser, which
//!   also emits legal tokens (`40-бабы` → `§art:40`).
//! * [`stem`] — the Kazakh suffix stripper and the Russian (Snowball) path.
//! * [`synonyms`] — the reviewed ru → kk term list (`corpus/search-terms.yaml`) and
//!   abbreviation ↔ expansion pairs supplied by the graph's glossary.
//! * [`verbs`] — index-time verbal nouns for finite verb forms (`дайындайды` also counts
//!   as `дайындау`).
//! * [`engine`] — a BM25F index over passages with phrase, prefix, typo-tolerant and
//!   synonym-expanded queries, designed so its data can be written out as static JSON and
//!   ranked identically by a small JS client.
//!
//! Index and query go through the same [`analyze`] so both sides see the same terms.
//!
//! # For the static-site client
//!
//! To rank exactly like [`Engine::search`], a browser client needs: the index data
//! ([`engine::Index`], all `BTreeMap`s, serialisable with serde; impacts are precomputed
//! integers, so ranking needs no floating point), the thesaurus entries
//! ([`Thesaurus::entries`], serialisable), and the same query analysis: the tokeniser rules
//! in [`normalize`], the Kazakh stemmer (its suffix tables in [`stem`] are declarative, so
//! they can be emitted as JSON and interpreted by a small JS function) and Snowball Russian
//! (which exists as generated JavaScript). The query planning and scoring rules are written
//! down in [`engine`].

pub mod engine;
pub mod indexer;
pub mod normalize;
pub mod passages;
pub mod shards;
pub mod stem;
pub mod synonyms;
pub mod verbs;

pub use engine::{Engine, Hit, Passage, QueryError, MAX_QUERY_CHARS};
pub use normalize::NormalizeOptions;
pub use passages::{SearchCorpus, StoredPassage};
pub use synonyms::Thesaurus;

use rustc_hash::FxHashMap;

use normalize::{tokenize, TokenKind};

/// One analysed token: the surface form (normalised, lower-case), its index key and its
/// position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub kind: TokenKind,
    /// The normalised surface form (for words: before stemming).
    pub surface: String,
    /// The key stored in the index: a stem, a number, an abbreviation or a legal token.
    pub key: String,
    pub position: u32,
}

/// Tokenises, normalises and stems text: what the index stores for a field and what a
/// query is matched with.
pub fn analyze(text: &str, options: NormalizeOptions) -> Vec<Term> {
    analyze_cached(text, options, &mut StemCache::default())
}

/// Remembers the key of every word stemmed so far; indexing a corpus stems each distinct
/// word once (a legal text repeats its vocabulary many times over).
#[derive(Debug, Default)]
pub struct StemCache {
    keys: FxHashMap<String, String>,
}

impl StemCache {
    /// The stem of a normalised word, worked out once.
    pub fn key(&mut self, word: &str) -> String {
        if let Some(key) = self.keys.get(word) {
            return key.clone();
        }
        let key = stem::stem_token(TokenKind::Word, word);
        self.keys.insert(word.to_string(), key.clone());
        key
    }
}

/// [`analyze`] with a cache of word keys.
pub fn analyze_cached(text: &str, options: NormalizeOptions, cache: &mut StemCache) -> Vec<Term> {
    tokenize(text)
        .into_iter()
        .map(|token| {
            let key = match token.kind {
                TokenKind::Word => cache.key(&token.text),
                _ => stem::stem_token(token.kind, &token.text),
            };
            let (key, surface) = if options.fold_u {
                (normalize::fold_u(&key), normalize::fold_u(&token.text))
            } else {
                (key, token.text)
            };
            Term {
                key,
                kind: token.kind,
                surface,
                position: token.position,
            }
        })
        .collect()
}

/// The index key of one word as a user might type it (normalised, abbreviation-aware,
/// stemmed): `ҚПК-нің` → `қпк`, `Бабының` → `бап`. Punctuation-only input gives "".
pub fn key_of_word(word: &str) -> String {
    analyze(word, NormalizeOptions::default())
        .into_iter()
        .find(|t| t.kind != TokenKind::Legal)
        .map(|t| t.key)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn analyze_stems_words_and_keeps_other_tokens() {
        let keys: Vec<String> = analyze("ҚПК-нің 40-бабының", NormalizeOptions::default())
            .into_iter()
            .map(|t| t.key)
            .collect();
        assert_eq!(keys, ["қпк", "40", "§art:40", "§art:қпк:40", "бап"]);
    }

    #[test]
    fn u_folding_happens_after_stemming() {
        let fold = NormalizeOptions { fold_u: true };
        let key = |text: &str| analyze(text, fold)[0].key.clone();
        // The stemmer still sees ү (front harmony), so "күні" loses its possessive.
        assert_eq!(key("күні"), "кун");
        assert_eq!(key("кун"), "кун");
        assert_eq!(key("Үкімінің"), key("укім"));
        assert_eq!(analyze("күні", NormalizeOptions::default())[0].key, "күн");
    }

    #[test]
    fn key_of_word_handles_abbreviations_and_case() {
        assert_eq!(key_of_word("ҚПК-нің"), "қпк");
        assert_eq!(key_of_word("Бабының"), "бап");
        assert_eq!(key_of_word("..."), "");
    }
}
