//! Verb forms meet their verbal noun, at index time.
//!
//! The stemmer keeps verb endings (see `stem.rs`): the verbal noun in `-у` (`ауыстыру`,
//! `дайындау`) is how legal texts and readers name an action, and it is a term of its own.
//! But a passage often says the action with a finite verb or a converb —
//! `ауыстыра алады`, `дайындайды`, `дайындалады`, `ауыстырылсын` — and a reader asking about
//! `ауыстыруы` or `дайындау` should find it. So when a passage is indexed, a word that looks
//! like a verb form of root R also counts as half an occurrence of R's verbal noun, *if that
//! verbal noun is a word of the corpus* (a key some passage has). The rule is index-time
//! only: query words keep their own keys, and a client that reads keys from the index needs
//! no change.
//!
//! The endings (longest first; the root is what remains, at least [`MIN_ROOT`] letters with
//! a vowel):
//!
//! | form | endings |
//! |---|---|
//! | negative present | `-майды -мейді -байды -бейді -пайды -пейді` |
//! | present 3rd person | `-ады -еді -йды -йді` |
//! | imperative 3rd person | `-сын -сін` |
//! | converb in `-ып` | `-ып -іп`, and `-п` after a vowel in a word of 6+ letters |
//! | verbal noun (for its voice) | `-у` |
//! | converb in `-а/-е/-й` | only before an auxiliary `ал-` / `біл-` (`ауыстыра алады`) |
//!
//! Participles (`-ған/-ген/-қан/-кен`, `-атын/-етін`) are left out: they mostly work as
//! adjectives and nouns (`босатылған адамдар`, "released persons"; `сотталған`, "convict"),
//! and counting them as the action pulled passages about the persons above those about the
//! action (measured on the relevance set). The past tense `-ды/-ді` is left out too: it is
//! spelt like the accusative of a noun.
//!
//! The passive `-л`, `-ыл`, `-іл` is then taken off the root as well (`дайындал-` →
//! `дайында-`, `ауыстырыл-` → `ауыстыр-`), and each root gives its verbal noun: `R + у`,
//! with a root-final `ы/і` merging into it (`оқы + у → оқу`).
//!
//! The corpus check is what keeps this safe: a noun that happens to end like a verb
//! (`жағдайды`, `мектеп`) gives a "verbal noun" no text contains (`жағдау`, `мектеу`), and
//! nothing is added.

/// The shortest verb root (in letters) the rules will take.
pub const MIN_ROOT: usize = 3;

/// Finite forms, converbs and the verbal noun, longest first; the root is the word without
/// the ending.
const ENDINGS: &[&str] = &[
    "майды",
    "мейді",
    "байды",
    "бейді",
    "пайды",
    "пейді",
    "ады",
    "еді",
    "йды",
    "йді",
    "сын",
    "сін",
    "ып",
    "іп",
    "у",
];

/// The converb `-а/-е/-й` is only trusted before one of these auxiliaries.
const AUXILIARIES: &[&str] = &["ал", "біл"];

fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'а' | 'ә' | 'е' | 'ё' | 'и' | 'о' | 'ө' | 'ұ' | 'ү' | 'ы' | 'і' | 'э' | 'ю' | 'я'
    )
}

fn plausible_root(root: &[char]) -> bool {
    root.len() >= MIN_ROOT && root.iter().any(|&c| is_vowel(c))
}

/// Verb roots a word (normalised, lower case) may be a form of; `before_auxiliary`: the next
/// word is an auxiliary (see [`before_auxiliary`]), which lets the bare converb count.
pub fn verb_roots(word: &str, before_auxiliary: bool) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let mut roots: Vec<Vec<char>> = Vec::new();
    for ending in ENDINGS {
        let len = ending.chars().count();
        if chars.len() > len && word.ends_with(ending) {
            roots.push(chars[..chars.len() - len].to_vec());
            break;
        }
    }
    if roots.is_empty() && chars.len() >= 6 && word.ends_with('п') {
        let root = &chars[..chars.len() - 1];
        if root.last().is_some_and(|&c| is_vowel(c)) {
            roots.push(root.to_vec());
        }
    }
    if before_auxiliary && roots.is_empty() {
        match chars.last() {
            Some('а' | 'е') => roots.push(chars[..chars.len() - 1].to_vec()),
            Some('й') => roots.push(chars[..chars.len() - 1].to_vec()),
            _ => {}
        }
    }
    let mut out: Vec<String> = Vec::new();
    for root in roots {
        for candidate in [Some(root.clone()), without_passive(&root)]
            .into_iter()
            .flatten()
        {
            if plausible_root(&candidate) {
                let text: String = candidate.iter().collect();
                if !out.contains(&text) {
                    out.push(text);
                }
            }
        }
    }
    out
}

/// The root without a passive `-л` (after a vowel), `-ыл` or `-іл`.
fn without_passive(root: &[char]) -> Option<Vec<char>> {
    let n = root.len();
    if n >= 2 && root[n - 1] == 'л' {
        if matches!(root[n - 2], 'ы' | 'і') && n >= 3 {
            return Some(root[..n - 2].to_vec());
        }
        if is_vowel(root[n - 2]) {
            return Some(root[..n - 1].to_vec());
        }
    }
    None
}

/// The verbal noun of a root: `R + у`, a root-final `ы/і` merging into the `у`.
pub fn verbal_noun(root: &str) -> String {
    match root.strip_suffix('ы').or_else(|| root.strip_suffix('і')) {
        Some(base) => format!("{base}у"),
        None => format!("{root}у"),
    }
}

/// The verbal nouns a word may stand for (before the corpus check); `next` is the following
/// word, if it is one.
pub fn verbal_nouns(word: &str, next: Option<&str>) -> Vec<String> {
    verbal_nouns_before(word, before_auxiliary(next))
}

/// Does this word (the one after a verb form) let a bare converb count?
pub fn before_auxiliary(next: Option<&str>) -> bool {
    next.is_some_and(|next| AUXILIARIES.iter().any(|a| next.starts_with(a)))
}

/// [`verbal_nouns`] with the auxiliary test already made. A pure function of its input:
/// the indexer asks once per word of its vocabulary.
pub fn verbal_nouns_before(word: &str, before_auxiliary: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for root in verb_roots(word, before_auxiliary) {
        let noun = verbal_noun(&root);
        if noun != word && !out.contains(&noun) {
            out.push(noun);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nouns(word: &str) -> Vec<String> {
        verbal_nouns(word, None)
    }

    #[test]
    fn finite_forms_and_participles_give_their_verbal_noun() {
        assert_eq!(nouns("дайындайды"), ["дайындау"]);
        assert!(nouns("дайындалады").contains(&"дайындау".to_string()));
        assert!(nouns("ауыстырылмайды").contains(&"ауыстыру".to_string()));
        assert!(nouns("ауыстырылсын").contains(&"ауыстыру".to_string()));
        assert_eq!(nouns("ауыстырып"), ["ауыстыру"]);
        assert_eq!(nouns("дайындап"), ["дайындау"]);
        assert_eq!(nouns("тексеріп"), ["тексеру"]);
    }

    #[test]
    fn a_passive_verbal_noun_also_gives_the_active_one() {
        assert_eq!(nouns("ауыстырылу"), ["ауыстыру"]);
        assert_eq!(nouns("ауыстыру"), Vec::<String>::new());
    }

    #[test]
    fn the_bare_converb_needs_an_auxiliary() {
        assert!(nouns("ауыстыра").is_empty());
        assert_eq!(verbal_nouns("ауыстыра", Some("алады")), ["ауыстыру"]);
        assert_eq!(verbal_nouns("дайындай", Some("алмайды")), ["дайындау"]);
        assert!(verbal_nouns("жаза", Some("тағайындалады")).is_empty());
    }

    #[test]
    fn short_words_and_the_past_tense_give_nothing() {
        assert!(nouns("бап").is_empty());
        assert!(nouns("талап").is_empty());
        assert!(nouns("тексерді").is_empty());
        assert!(nouns("оған").is_empty());
        // Participles are adjectives and nouns more often than actions.
        assert!(nouns("босатылған").is_empty());
        assert!(nouns("ауыстыратын").is_empty());
    }

    #[test]
    fn odd_input_does_not_panic() {
        for word in ["", "у", "п", "л", "ыл", "ған", "123", "a-b"] {
            let _ = verbal_nouns(word, Some(""));
        }
    }
}
