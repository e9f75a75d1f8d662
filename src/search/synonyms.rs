//! Query expansion: a reviewed ru → kk legal term list and abbreviation ↔ expansion pairs.
//!
//! The term list lives in `corpus/search-terms.yaml`:
//!
//! ```yaml
//! terms:
//!   - ru: прокурорский надзор
//!     kk: прокурорлық қадағалау        # one Kazakh term, or a list of them
//!   - ru: осуждённый
//!     kk: [сотталған, сотталушы]
//! ```
//!
//! Both sides are analysed into index keys when loaded: the Russian side with the Snowball
//! Russian stemmer (so `осуждённые`, `осуждённого` all match `осуждённый`), the Kazakh side
//! with the Kazakh stemmer. A query whose words match the keys of a Russian term in order
//! gets the Kazakh term's keys as an extra alternative (see `engine.rs`).
//!
//! Abbreviations come from the graph's glossary as `(short, expansion)` pairs and expand in
//! both directions: `ІІО` finds "ішкі істер органдары" and the words find `ІІО`. The same
//! file lists the common abbreviations a reader types that the texts use without defining, or
//! spell out (`ҚР`, `БҰҰ`, `ЖАО`, `БАҚ`), under `abbreviations:`, expanding both ways too:
//!
//! ```yaml
//! abbreviations:
//!   - short: ЖАО
//!     full: жергілікті атқарушы орган     # one spelled-out form, or a list of them
//! ```

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use super::normalize::{NormalizeOptions, TokenKind};
use super::stem::stem_russian;
use super::{analyze, Term};
use crate::error::{yaml_error, Error, Result};
use crate::load::line_of;

/// One or several Kazakh renderings of a term.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TermEntry {
    ru: String,
    kk: OneOrMany,
    /// Free text for reviewers (where the term occurs); not used by the engine.
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

/// A common abbreviation and its spelled-out form(s).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AbbreviationEntry {
    short: String,
    full: OneOrMany,
    /// Free text for reviewers; not used by the engine.
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TermsFile {
    #[serde(default)]
    terms: Vec<TermEntry>,
    #[serde(default)]
    abbreviations: Vec<AbbreviationEntry>,
}

/// One directed expansion: a sequence of index keys and what it also means.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Expansion {
    pub from: Vec<String>,
    pub to: Vec<String>,
}

/// A set of expansions, looked up by their first key.
#[derive(Debug, Clone, Default)]
pub struct Thesaurus {
    entries: Vec<Expansion>,
    by_first: HashMap<String, Vec<usize>>,
}

/// Index keys of a Kazakh (or mixed) phrase, legal tokens left out.
fn kazakh_keys(text: &str) -> Vec<String> {
    keys_of(analyze(text, NormalizeOptions::default()))
}

/// Index keys of a Russian phrase: words stemmed with Snowball Russian.
fn russian_keys(text: &str) -> Vec<String> {
    analyze(text, NormalizeOptions::default())
        .into_iter()
        .filter(|t| t.kind != TokenKind::Legal)
        .map(|t| match t.kind {
            TokenKind::Word => stem_russian(&t.surface),
            _ => t.key,
        })
        .collect()
}

fn keys_of(terms: Vec<Term>) -> Vec<String> {
    terms
        .into_iter()
        .filter(|t| t.kind != TokenKind::Legal)
        .map(|t| t.key)
        .collect()
}

impl Thesaurus {
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of directed expansions.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// All expansions, in the order they were added.
    pub fn entries(&self) -> &[Expansion] {
        &self.entries
    }

    fn push(&mut self, from: Vec<String>, to: Vec<String>) {
        let (Some(first), false) = (from.first(), to.is_empty()) else {
            return;
        };
        if from == to || self.entries.iter().any(|e| e.from == from && e.to == to) {
            return;
        }
        self.by_first
            .entry(first.clone())
            .or_default()
            .push(self.entries.len());
        self.entries.push(Expansion { from, to });
    }

    /// Adds one directed expansion given as index keys, as [`Thesaurus::entries`] lists them
    /// (a thesaurus read back from a static index).
    pub fn add_expansion(&mut self, from: Vec<String>, to: Vec<String>) {
        self.push(from, to);
    }

    /// Adds a Russian term and its Kazakh rendering (ru → kk only: the texts are Kazakh).
    pub fn add_russian_term(&mut self, russian: &str, kazakh: &str) {
        self.push(russian_keys(russian), kazakh_keys(kazakh));
    }

    /// Adds abbreviation ↔ expansion pairs (both directions), e.g. from the glossary:
    /// `("ІІО", "ішкі істер органдары")`.
    pub fn add_abbreviations(&mut self, pairs: &[(String, String)]) {
        for (short, long) in pairs {
            let short_keys = kazakh_keys(short);
            let long_keys = kazakh_keys(long);
            self.push(short_keys.clone(), long_keys.clone());
            self.push(long_keys, short_keys);
        }
    }

    /// Parses the YAML term list; `path` names the file in errors.
    pub fn from_yaml_str(text: &str, path: &Path) -> Result<Self> {
        let mut thesaurus = Thesaurus::new();
        if text.trim().is_empty() {
            return Ok(thesaurus);
        }
        let file: TermsFile = serde_norway::from_str(text).map_err(|e| yaml_error(path, e))?;
        for entry in file.terms {
            let line = line_of(text, &format!("ru: {}", entry.ru));
            let kazakh = entry.kk.into_vec();
            if russian_keys(&entry.ru).is_empty() || kazakh.is_empty() {
                return Err(Error::input(path, line, "a search term has an empty side")
                    .with_hint("give both `ru:` and `kk:` a word"));
            }
            for kk in &kazakh {
                if kazakh_keys(kk).is_empty() {
                    return Err(Error::input(path, line, format!("`kk: {kk}` has no words"))
                        .with_hint("give the Kazakh term in words"));
                }
                thesaurus.add_russian_term(&entry.ru, kk);
            }
        }
        for entry in file.abbreviations {
            let line = line_of(text, &format!("short: {}", entry.short));
            let full = entry.full.into_vec();
            if kazakh_keys(&entry.short).is_empty()
                || full.iter().any(|f| kazakh_keys(f).is_empty())
            {
                return Err(
                    Error::input(path, line, "an abbreviation has an empty side")
                        .with_hint("give both `short:` and `full:` a word"),
                );
            }
            let pairs: Vec<(String, String)> =
                full.into_iter().map(|f| (entry.short.clone(), f)).collect();
            thesaurus.add_abbreviations(&pairs);
        }
        Ok(thesaurus)
    }

    /// Reads the YAML term list from a file.
    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Self::from_yaml_str(&text, path)
    }

    /// The expansions whose keys match the query words starting at `start`. `candidates[i]`
    /// holds every key query word `i` may stand for. Returns (number of words matched,
    /// expansion keys).
    pub fn matches_at(&self, candidates: &[Vec<String>], start: usize) -> Vec<(usize, &[String])> {
        let mut out = Vec::new();
        let Some(first) = candidates.get(start) else {
            return out;
        };
        let mut seen = Vec::new();
        for key in first {
            for &index in self.by_first.get(key).into_iter().flatten() {
                if seen.contains(&index) {
                    continue;
                }
                seen.push(index);
                let entry = &self.entries[index];
                let fits = entry.from.iter().enumerate().all(|(offset, key)| {
                    candidates
                        .get(start + offset)
                        .is_some_and(|cands| cands.contains(key))
                });
                if fits {
                    out.push((entry.from.len(), entry.to.as_slice()));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::stem::stem_candidates;

    fn candidates(query: &str) -> Vec<Vec<String>> {
        analyze(query, NormalizeOptions::default())
            .into_iter()
            .filter(|t| t.kind != TokenKind::Legal)
            .map(|t| match t.kind {
                TokenKind::Word => stem_candidates(&t.surface),
                _ => vec![t.key],
            })
            .collect()
    }

    #[test]
    fn russian_term_matches_inflected_query() {
        let mut th = Thesaurus::new();
        th.add_russian_term("прокурорский надзор", "прокурорлық қадағалау");
        let found = th.matches_at(&candidates("прокурорского надзора"), 0);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, 2);
        assert_eq!(found[0].1, ["прокурорлық", "қадағалау"]);
        assert!(th.matches_at(&candidates("надзор"), 0).is_empty());
    }

    #[test]
    fn abbreviations_expand_both_ways() {
        let mut th = Thesaurus::new();
        th.add_abbreviations(&[
            ("ІІО".to_string(), "ішкі істер органдары".to_string()),
            ("ҰҚК".to_string(), "Ұлттық қауіпсіздік комитеті".to_string()),
        ]);
        let short = th.matches_at(&candidates("ІІО"), 0);
        assert_eq!(short[0].1, ["ішкі", "іс", "орган"]);
        let long = th.matches_at(&candidates("ішкі істер органдарының"), 0);
        assert_eq!(long[0], (3, ["ііо".to_string()].as_slice()));
        let knb = th.matches_at(&candidates("ҰҚК-нің"), 0);
        assert_eq!(knb[0].1, ["ұлттық", "қауіпсіздік", "комитет"]);
    }

    #[test]
    fn yaml_list_loads_and_rejects_empty_sides() {
        let text =
            "terms:\n  - ru: осуждённый\n    kk: [сотталған]\n  - ru: протест\n    kk: наразылық\n";
        let th = Thesaurus::from_yaml_str(text, Path::new("t.yaml")).unwrap();
        assert_eq!(th.len(), 2);
        assert_eq!(
            th.matches_at(&candidates("осуждённые"), 0)[0].1,
            ["сотталған"]
        );
        let bad = "terms:\n  - ru: протест\n    kk: \"...\"\n";
        let err = Thesaurus::from_yaml_str(bad, Path::new("t.yaml")).unwrap_err();
        assert!(err.to_string().contains("t.yaml:2"), "{err}");
        let unknown = "terms:\n  - ru: a\n    kk: b\n    extra: c\n";
        assert!(Thesaurus::from_yaml_str(unknown, Path::new("t.yaml")).is_err());
    }

    #[test]
    fn listed_abbreviations_expand_both_ways_and_reject_empty_sides() {
        let text =
            "terms: []\nabbreviations:\n  - short: ЖАО\n    full: [жергілікті атқарушы орган]\n";
        let th = Thesaurus::from_yaml_str(text, Path::new("t.yaml")).unwrap();
        assert_eq!(th.len(), 2);
        let short = th.matches_at(&candidates("ЖАО-ның"), 0);
        assert_eq!(short[0].1, ["жергілік", "атқарушы", "орган"]);
        let long = th.matches_at(&candidates("жергілікті атқарушы органдарға"), 0);
        assert_eq!(long[0], (3, ["жао".to_string()].as_slice()));
        let bad = "abbreviations:\n  - short: ЖАО\n    full: жергілікті\n  - short: БАҚ\n    full: \"—\"\n";
        let err = Thesaurus::from_yaml_str(bad, Path::new("t.yaml")).unwrap_err();
        assert!(err.to_string().contains("t.yaml:4"), "{err}");
    }
}
