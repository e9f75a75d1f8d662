//! Abbreviations defined in running text ("… жүйесінде (бұдан әрі – ҚАЖ)") and defined-term
//! lists ("1) арнайы мекемелер – …;"). Shared by every parser of acts.

use regex::Regex;
use std::sync::LazyLock;

/// `(бұдан әрі – X)` and `(әрі қарай - X)`, with any dash.
static DEFINITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\(\s*(?:бұдан әрі|бұдан кейін|әрі қарай)\s*[-–—]\s*([^()]{1,80}?)\s*\)")
        .expect("static regex")
});

/// An abbreviation found in a text: the short form and the words it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    pub short: String,
    pub expansion: String,
}

/// Finds every abbreviation defined in `text`.
pub fn abbreviations(text: &str) -> Vec<Definition> {
    let mut out = Vec::new();
    for caps in DEFINITION.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        let short = unwrap_quotes(caps[1].trim()).to_string();
        let before = &text[..whole.start()];
        let expansion = expansion_before(before, &short);
        if !short.is_empty() && !expansion.is_empty() {
            out.push(Definition { short, expansion });
        }
    }
    out
}

/// Removes quotes that wrap the whole text (`"Заң"` → `Заң`) but keeps inner ones
/// (`"Еңбек" РМК` stays as it is).
fn unwrap_quotes(text: &str) -> &str {
    for (open, close) in [('"', '"'), ('«', '»')] {
        if let Some(inner) = text.strip_prefix(open).and_then(|t| t.strip_suffix(close)) {
            if !inner.contains([open, close]) {
                return inner.trim();
            }
        }
    }
    text
}

/// The words the abbreviation stands for. For an acronym, the shortest run of preceding
/// words whose initials spell it (ІІО ← ішкі істер органдарында); otherwise the phrase back
/// to the previous comma, semicolon, colon or bracket, at most 10 words.
fn expansion_before(before: &str, short: &str) -> String {
    let clause_start = before.rfind([',', ';', ':', '(', ')']).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    let clause = before[clause_start..].trim();
    let words: Vec<&str> = clause.split_whitespace().collect();
    if let Some(n) = initials_match(&words, short) {
        return words[words.len() - n..].join(" ");
    }
    if let Some(n) = head_word_match(&words, short) {
        return words[words.len() - n..].join(" ");
    }
    let take = words.len().min(16);
    words[words.len() - take..].join(" ")
}

/// For a short form made of words ("Бас прокуратура"), the phrase from the last occurrence
/// of its first word, widened over a leading "Қазақстан Республикасы(ның)".
fn head_word_match(words: &[&str], short: &str) -> Option<usize> {
    let first = short.split_whitespace().next()?.to_lowercase();
    if short.split_whitespace().count() < 2 || first.chars().count() < 3 {
        return None;
    }
    let at = words.iter().rposition(|w| w.to_lowercase() == first)?;
    let mut start = at;
    if start >= 2 && words[start - 2] == "Қазақстан" && words[start - 1].starts_with("Республикасы")
    {
        start -= 2;
    }
    Some(words.len() - start)
}

/// How many trailing words spell the acronym by their initials (hyphenated words count each
/// part), if any.
fn initials_match(words: &[&str], short: &str) -> Option<usize> {
    let letters: Vec<char> = short
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    let is_acronym = short
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase)
        && letters.len() >= 2;
    if !is_acronym {
        return None;
    }
    for n in 1..=words.len().min(letters.len() + 3) {
        let initials: Vec<char> = words[words.len() - n..]
            .iter()
            .flat_map(|w| w.split('-'))
            .filter_map(|part| {
                part.trim_matches(|c: char| !c.is_alphabetic())
                    .chars()
                    .next()
            })
            .flat_map(char::to_lowercase)
            .collect();
        if initials == letters {
            return Some(n);
        }
    }
    None
}

/// A defined-term list entry `term – definition` (the dash is an en or em dash with spaces, or
/// a hyphen with spaces).
pub fn term_and_definition(text: &str) -> Option<(String, String)> {
    for dash in [" – ", " — ", " - "] {
        if let Some(at) = text.find(dash) {
            let term = unwrap_quotes(text[..at].trim());
            let definition = text[at + dash.len()..]
                .trim()
                .trim_end_matches([';', '.'])
                .trim();
            let words = term.split_whitespace().count();
            if (1..=8).contains(&words) && !definition.is_empty() {
                return Some((term.to_string(), definition.to_string()));
            }
        }
    }
    None
}

/// Is this a heading that introduces a defined-terms list ("… негізгі ұғымдар:")?
pub fn introduces_terms(text: &str) -> bool {
    text.trim_end().ends_with(':') && {
        let lower = text.to_lowercase();
        lower.contains("ұғымдар") || lower.contains("терминдер")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronym_expansion_found_by_initials() {
        let found = abbreviations(
            "қылмыстық жазаларды орындау бойынша қылмыстық-атқару жүйесінде (бұдан әрі – ҚАЖ);",
        );
        assert_eq!(
            found,
            [Definition {
                short: "ҚАЖ".into(),
                expansion: "қылмыстық-атқару жүйесінде".into()
            }]
        );
        let found =
            abbreviations("Қазақстан Республикасының ішкі істер органдарында (бұдан әрі – ІІО);");
        assert_eq!(found[0].expansion, "ішкі істер органдарында");
    }

    #[test]
    fn word_abbreviation_and_variant_wording() {
        let found = abbreviations("\"Атқарушылық іс жүргізу және сот орындаушыларының мәртебесі туралы\" (әрі қарай - Заң) заңдарына");
        assert_eq!(found[0].short, "Заң");
        assert!(found[0].expansion.contains("Атқарушылық іс жүргізу"));
    }

    #[test]
    fn multi_word_short_form() {
        let found = abbreviations("Қазақстан Республикасы Ұлттық қауіпсіздік комитетінің (бұдан әрі – ҚР ҰҚК) тергеу изоляторлары");
        assert_eq!(found[0].short, "ҚР ҰҚК");
        assert_eq!(
            found[0].expansion,
            "Қазақстан Республикасы Ұлттық қауіпсіздік комитетінің"
        );
    }

    #[test]
    fn defined_term_split_at_the_dash() {
        assert_eq!(
            term_and_definition("арнайы мекемелер – тергеу изоляторлары;"),
            Some(("арнайы мекемелер".into(), "тергеу изоляторлары".into()))
        );
        assert_eq!(term_and_definition("бұл сөйлемде сызықша жоқ"), None);
    }
}
