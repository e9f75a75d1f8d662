//! The glossary: every defined term and abbreviation of the corpus, merged into one entry
//! per term, with one sense per distinct meaning and the places each sense comes from.
//!
//! Parsers fill each document's `terms` and `abbreviations`; this module also supplies the
//! recognisers the textbook parser uses on running prose ([`definitions_in`],
//! [`abbreviations_in`]). [`build`] runs after the graph is assembled.

use crate::diagnostic::Diagnostic;
use crate::graph::{Graph, Node, NodeKind, Source};
use crate::normalize::text::fold_latin_lookalikes;
use rayon::prelude::*;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::LazyLock;

/// Whether an entry is a defined term or an abbreviation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    Term,
    Abbreviation,
}

/// Where a sense is stated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SenseSource {
    pub document: String,
    pub node: String,
    pub source: Source,
    /// The wording at this place (senses merge near-identical wordings).
    pub definition: String,
}

/// One meaning of a term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sense {
    /// A short gloss that tells this sense from the others.
    pub label: String,
    /// The first wording found.
    pub definition: String,
    pub sources: Vec<SenseSource>,
}

/// One glossary entry: a term (or abbreviation) and its senses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GlossaryEntry {
    pub term: String,
    /// The lookup key: lower case, Cyrillic letters, no quotes.
    pub key: String,
    pub kind: EntryKind,
    pub senses: Vec<Sense>,
}

/// A definition found in prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    pub term: String,
    pub definition: String,
}

/// An abbreviation defined in prose: "(бұдан әрі – X)".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundAbbreviation {
    pub short: String,
    pub expansion: String,
}

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("static regex")
}

static SENTENCE_END: LazyLock<Regex> = LazyLock::new(|| re(r#"[.?!][»"]?\s+[\p{Lu}«"\d]"#));
static BUL: LazyLock<Regex> = LazyLock::new(|| re(r"^(.+?)\s*[–—-]\s*бұл\s+(\S.+)$"));
static DEGENIMIZ: LazyLock<Regex> = LazyLock::new(|| re(r"^(.+?)\s+дегеніміз\s*[–—-]?\s*(\S.+)$"));
static DEP: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(.+?)\s+деп\s*,?\s+(.+?)\s+(?:түсініледі|ұғынылады|танылады)\s*[.;:]?$")
});
static DASH: LazyLock<Regex> = LazyLock::new(|| re(r"^([^–—]+?)\s+[–—-]\s+(\S.+)$"));
static AS_ACT: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^((?:\S+\s+){0,4}\S+)\s+ретінде\s+(\p{L}{3,}?)(?:ты|ті|ды|ді|ны|ні)?\s+(.+)$")
});
static FURTHER: LazyLock<Regex> =
    LazyLock::new(|| re(r"\(\s*бұдан\s+(?:әрі|кейін)\s*[–—-]?\s*([^()]{1,60}?)\s*\)"));
const TERM_MAX_WORDS: usize = 7;
static NUMBERED_START: LazyLock<Regex> = LazyLock::new(|| re(r"(?:^|\s)\d{1,2}\.\s"));
static SUPERSCRIPTS: &[char] = &['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
/// Sentence adverbs that come before a term but are not part of it.
const LEAD_WORDS: [&str; 8] = [
    "Осылайша",
    "Яғни",
    "Ал",
    "Сонымен",
    "Демек",
    "Сондай-ақ",
    "Сондықтан",
    "Алайда",
];

/// Splits prose into sentences (not at initials such as "А. А. Таранов").
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for m in SENTENCE_END.find_iter(text) {
        let end_punct = m.start() + 1;
        let before = &text[start..m.start()];
        let last_word = before.split_whitespace().last().unwrap_or("");
        if last_word.chars().count() <= 1 {
            continue; // an initial
        }
        out.push(text[start..end_punct].trim());
        start = m.end() - m.as_str().chars().last().map_or(0, char::len_utf8);
    }
    if start < text.len() {
        out.push(text[start..].trim());
    }
    out.into_iter().filter(|s| !s.is_empty()).collect()
}

/// Definitions stated in a paragraph: "X – бұл …", "X дегеніміз …", "X деп … түсініледі",
/// "X – …" with a short term at the start of a sentence, and "<kind> ретінде X …".
pub fn definitions_in(text: &str) -> Vec<Definition> {
    let mut out = Vec::new();
    for sentence in sentences(text) {
        if let Some(d) = definition_in_sentence(sentence) {
            out.push(d);
        }
    }
    out
}

fn definition_in_sentence(s: &str) -> Option<Definition> {
    let folded = fold_latin_lookalikes(s);
    let s = folded.as_ref();
    // Cheap word tests first: most sentences define nothing.
    let has_dash = s.contains(" – ") || s.contains(" — ") || s.contains(" - ");
    let found = Some(s)
        .filter(|s| s.contains("бұл"))
        .and_then(|s| BUL.captures(s))
        .or_else(|| {
            Some(s)
                .filter(|s| s.contains("дегеніміз"))
                .and_then(|s| DEGENIMIZ.captures(s))
        })
        .map(|c| (c[1].to_string(), c[2].to_string()))
        .or_else(|| {
            Some(s)
                .filter(|s| s.contains(" деп "))
                .and_then(|s| DEP.captures(s))
                .map(|c| {
                    let head = c[1]
                        .rsplit([',', ';', ':'])
                        .next()
                        .unwrap_or(&c[1])
                        .to_string();
                    (head, c[2].to_string())
                })
        })
        .or_else(|| {
            Some(s)
                .filter(|_| has_dash)
                .and_then(|s| DASH.captures(s))
                .filter(|c| starts_upper(&c[1]) && c[2].split_whitespace().count() >= 3)
                .map(|c| (c[1].to_string(), c[2].to_string()))
        });
    if let Some((term, definition)) = found {
        // "Прокурорлық қадағалау актісі ретінде наразылық – бұл …": the term is the last
        // part, and the whole sentence keeps the kind for the sense label.
        if let Some((_, term)) = term.rsplit_once(" ретінде ") {
            let term = clean_term(term)?;
            return Some(Definition {
                term,
                definition: s.to_string(),
            });
        }
        let term = clean_term(&term)?;
        return Some(Definition {
            term,
            definition: definition.trim().to_string(),
        });
    }
    // "Прокурорлық қадағалау актісі ретінде ұсынысты прокурор … енгізеді": the kind of
    // thing comes first and the term follows in the accusative.
    if !s.contains(" ретінде ") {
        return None;
    }
    let c = AS_ACT.captures(s)?;
    if !c[1].to_lowercase().contains("актісі") {
        return None;
    }
    Some(Definition {
        term: c[2].to_string(),
        definition: s.to_string(),
    })
}

fn starts_upper(s: &str) -> bool {
    s.trim_start_matches(['«', '"', '“'])
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

/// A term is short, starts with a letter and has no clause punctuation.
fn clean_term(raw: &str) -> Option<String> {
    // A statute article run into its first point: "… міндеттері 1. Пробация".
    let raw = match NUMBERED_START.find_iter(raw).last() {
        Some(m) => &raw[m.end()..],
        None => raw,
    };
    let mut raw = raw.trim();
    for lead in LEAD_WORDS {
        if let Some(rest) = raw.strip_prefix(lead) {
            if rest.starts_with(' ') {
                raw = rest.trim_start();
            }
        }
    }
    let t = raw
        .trim()
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ')' || c == ' ')
        .trim_matches(['«', '»', '"', '“', '”', ' ', ','])
        .to_string();
    let words = t.split_whitespace().count();
    let first = t.chars().next()?;
    if !is_term_shaped(&t) {
        return None;
    }
    let has_cyrillic = t.chars().any(crate::normalize::text::is_cyrillic);
    if words == 0
        || words > TERM_MAX_WORDS
        || !first.is_alphabetic()
        || !has_cyrillic
        || t.contains([':', ';', '?', ',', '(', ')'])
        || t.chars().any(|c| c.is_ascii_digit())
        || t.contains("бұдан әрі")
    {
        return None;
    }
    Some(t)
}

/// A term names a thing: it does not open with a pronoun or an adverb of time or place
/// ("Бұл …", "Оның …", "Бастапқыда …"), and its last word is neither in the accusative
/// ("… пробацияны") nor a word that makes the phrase a statement about something else
/// ("… мақсаты", "… бірі").
fn is_term_shaped(term: &str) -> bool {
    let words: Vec<String> = term.split_whitespace().map(str::to_lowercase).collect();
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return false;
    };
    let pronoun = PRONOUNS.contains(&first.as_str());
    let adverb = words.len() > 1 && ["да", "де", "та", "те"].iter().any(|e| first.ends_with(e));
    let accusative = words.len() > 1 && ["ны", "ні"].iter().any(|e| last.ends_with(e));
    !(pronoun || adverb || accusative || NOT_HEADS.contains(&last.as_str()))
}

const PRONOUNS: [&str; 8] = [
    "бұл",
    "оның",
    "осы",
    "ол",
    "мұның",
    "олардың",
    "бұның",
    "сол",
];
const NOT_HEADS: [&str; 5] = ["мақсаты", "бірі", "айырмашылығы", "факторы", "түрі"];

/// Abbreviations defined in a paragraph: "… Қылмыстық-процестік Кодексіне (бұдан әрі – ҚР ҚПК)".
pub fn abbreviations_in(text: &str) -> Vec<FoundAbbreviation> {
    let mut out = Vec::new();
    for c in FURTHER.captures_iter(text) {
        let Some(whole) = c.get(0) else { continue };
        let short = c[1]
            .trim()
            .trim_matches([',', '.'])
            .replace(SUPERSCRIPTS, "");
        if short.is_empty() {
            continue;
        }
        let before = &text[..whole.start()];
        let clause = before
            .rsplit(['.', ';', '(', ')'])
            .next()
            .unwrap_or(before)
            .trim();
        let expansion = expansion_for(&short, clause);
        if !expansion.is_empty() {
            out.push(FoundAbbreviation { short, expansion });
        }
    }
    out
}

/// The words an abbreviation stands for: for an acronym, the longest run of the last
/// words of the clause that starts with the acronym's first letter; for a short name,
/// the end of the clause.
fn expansion_for(short: &str, clause: &str) -> String {
    let words: Vec<&str> = clause.split_whitespace().collect();
    let bare = short.trim_matches(['«', '»', '"']);
    let is_acronym = bare.chars().filter(|c| c.is_uppercase()).count() >= 2
        && !bare.chars().any(char::is_lowercase)
        || bare
            .split_whitespace()
            .all(|w| w.chars().filter(|c| c.is_uppercase()).count() >= 2);
    // A short name («Қағидалар») stands for a whole act title: keep more of the clause.
    let keep = if is_acronym { 16 } else { 30 };
    let window = &words[words.len().saturating_sub(keep)..];
    if is_acronym {
        // Try the whole short form, then its last word ("ҚР ӘҚБтК" may expand only "ӘҚБтК").
        let last = bare.split_whitespace().last().unwrap_or(bare);
        let mut fallback = None;
        for part in [bare, last] {
            let (fitting, first) = acronym_start(window, part);
            if let Some(k) = fitting {
                return window[k..].join(" ").trim_matches([',', ' ']).to_string();
            }
            fallback = fallback.or(first);
        }
        if let Some(k) = fallback {
            return window[k..].join(" ").trim_matches([',', ' ']).to_string();
        }
    }
    window.join(" ").trim_matches([',', ' ']).to_string()
}

/// Where an acronym's expansion starts among `window`: the latest word with the
/// acronym's first letter that leaves about one word per capital letter (a hyphenated
/// compound such as "Қылмыстық-процестік" gives two), and the first such word at all.
fn acronym_start(window: &[&str], acronym: &str) -> (Option<usize>, Option<usize>) {
    let initial = acronym.chars().next().map(|c| c.to_lowercase().to_string());
    let letters = acronym.chars().filter(|c| c.is_uppercase()).count();
    let starts: Vec<usize> = (0..window.len())
        .filter(|&k| {
            window[k]
                .trim_start_matches(['«', '"'])
                .chars()
                .next()
                .map(|c| c.to_lowercase().to_string())
                == initial
        })
        .collect();
    let units =
        |k: usize| -> usize { window[k..].iter().map(|w| 1 + w.matches('-').count()).sum() };
    let fitting = starts.iter().rev().copied().find(|&k| units(k) >= letters);
    (fitting, starts.first().copied())
}

/// The lookup key of a term: lower case, Latin look-alikes folded, no quotes or final
/// punctuation, single spaces.
pub fn key(term: &str) -> String {
    let folded = fold_latin_lookalikes(term).to_lowercase();
    folded
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Word stems (first five letters of words of four letters or more) of a definition.
fn stems(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 4)
        .take(40)
        .map(|w| w.to_lowercase().chars().take(5).collect())
        .collect()
}

/// Do two definitions say the same (a third of their word stems shared)? Takes the
/// definitions with their [`stems`], which callers compute once per definition.
fn similar((a, x): (&str, &HashSet<String>), (b, y): (&str, &HashSet<String>)) -> bool {
    if x.is_empty() || y.is_empty() {
        return a == b;
    }
    let common = x.intersection(y).count() as f64;
    let union = x.union(y).count() as f64;
    common / union >= 0.3
}

/// A short gloss of a definition: the kind named before "ретінде", or its first words.
fn label(definition: &str) -> String {
    if let Some(c) = AS_ACT.captures(definition) {
        return c[1].to_string();
    }
    let words: Vec<&str> = definition.split_whitespace().take(6).collect();
    let mut label = words.join(" ");
    if definition.split_whitespace().count() > 6 {
        label.push('…');
    }
    label
}

/// Merges the terms and abbreviations of every document into one glossary, and reports
/// abbreviations used in text but defined nowhere.
///
/// `known_elsewhere` says whether an acronym is defined outside the documents (the statute
/// registry's ҚК, ҚРКЗ, …), so that it is not reported as undefined.
pub fn build(
    graph: &Graph,
    known_elsewhere: &dyn Fn(&str) -> bool,
) -> (Vec<GlossaryEntry>, Vec<Diagnostic>) {
    let entries = entries(graph);
    let diagnostics = undefined_abbreviations(graph, &entries, known_elsewhere);
    (entries, diagnostics)
}

/// The glossary's entries: every document's terms and abbreviations merged, senses grouped.
pub fn entries(graph: &Graph) -> Vec<GlossaryEntry> {
    let mut entries: Vec<GlossaryEntry> = Vec::new();
    let mut index: HashMap<(EntryKind, String), usize> = HashMap::new();
    // The stems of each entry's senses, parallel to `entries[i].senses`.
    let mut sense_stems: Vec<Vec<HashSet<String>>> = Vec::new();
    let items: Vec<_> = graph
        .terms
        .iter()
        .map(|t| {
            (
                EntryKind::Term,
                &t.term,
                &t.definition,
                &t.document,
                &t.node,
                &t.source,
            )
        })
        .chain(graph.abbreviations.iter().map(|a| {
            (
                EntryKind::Abbreviation,
                &a.short,
                &a.expansion,
                &a.document,
                &a.node,
                &a.source,
            )
        }))
        .collect();
    // Keys and definition stems are each item's own: on every core, before the merge.
    let analysed: Vec<(String, HashSet<String>)> = (items.par_iter())
        .map(|(_, term, definition, ..)| (key(term), stems(definition)))
        .collect();
    for ((kind, term, definition, document, node, source), (k, own)) in
        items.into_iter().zip(analysed)
    {
        if k.is_empty() {
            continue;
        }
        let at = *index.entry((kind, k.clone())).or_insert_with(|| {
            entries.push(GlossaryEntry {
                term: term.trim_matches(['«', '»', '"']).to_string(),
                key: k,
                kind,
                senses: Vec::new(),
            });
            sense_stems.push(Vec::new());
            entries.len() - 1
        });
        let from = SenseSource {
            document: document.clone(),
            node: node.clone(),
            source: source.clone(),
            definition: definition.clone(),
        };
        let (entry, known) = (&mut entries[at], &mut sense_stems[at]);
        let same = (entry.senses.iter().zip(known.iter()))
            .position(|(s, x)| similar((&s.definition, x), (definition, &own)));
        match same {
            Some(i) => entry.senses[i].sources.push(from),
            None => {
                entry.senses.push(Sense {
                    label: label(definition),
                    definition: definition.clone(),
                    sources: vec![from],
                });
                known.push(own);
            }
        }
    }
    entries.sort_by(|a, b| (&a.key, a.kind).cmp(&(&b.key, b.kind)));
    entries
}

/// Acronyms written in textbook prose that no document defines: one warning per acronym
/// and document, at its first use. Documents in id order, acronyms in order within each.
pub fn undefined_abbreviations(
    graph: &Graph,
    entries: &[GlossaryEntry],
    known_elsewhere: &dyn Fn(&str) -> bool,
) -> Vec<Diagnostic> {
    let known = known_abbreviations(entries);
    (textbooks_by_id(graph).into_iter())
        .flat_map(|doc| undefined_in_document(graph, doc, &known, known_elsewhere))
        .collect()
}

/// The textbooks' ids in byte order: the order of the undefined-acronym warnings.
pub fn textbooks_by_id(graph: &Graph) -> Vec<&str> {
    let mut textbooks: Vec<&str> = (graph.documents.iter())
        .filter(|d| d.kind == crate::graph::DocKind::Textbook)
        .map(|d| d.id.as_str())
        .collect();
    textbooks.sort_unstable();
    textbooks.dedup();
    textbooks
}

/// Every word of every abbreviation the glossary defines.
pub fn known_abbreviations(entries: &[GlossaryEntry]) -> HashSet<String> {
    entries
        .iter()
        .filter(|e| e.kind == EntryKind::Abbreviation)
        .flat_map(|e| {
            e.term
                .split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// [`undefined_abbreviations`] of one textbook: depends on its own prose, `known` and
/// `known_elsewhere` only (an incremental build reuses it while those stay the same).
pub fn undefined_in_document(
    graph: &Graph,
    doc: &str,
    known: &HashSet<String>,
    known_elsewhere: &dyn Fn(&str) -> bool,
) -> Vec<Diagnostic> {
    let mut first_use: BTreeMap<String, (String, u32, String, usize)> = BTreeMap::new();
    let prose =
        |k: NodeKind| matches!(k, NodeKind::Paragraph | NodeKind::Question | NodeKind::Case);
    // Finding the acronyms is the costly part, and each node's are its own: on every core.
    let nodes: Vec<&Node> = graph.nodes_of(doc).filter(|n| prose(n.kind)).collect();
    let found: Vec<(&Node, Vec<&str>)> = (nodes.into_par_iter())
        .map(|n| (n, acronyms(&n.text).collect()))
        .collect();
    for (node, tokens) in found {
        for token in tokens {
            let token = token.to_string();
            if known.contains(&token)
                || known_elsewhere(&token)
                || !token.chars().any(crate::normalize::text::is_cyrillic)
            {
                continue;
            }
            first_use.entry(token).and_modify(|e| e.3 += 1).or_insert((
                node.source.file.clone(),
                node.source.lines[0],
                node.id.clone(),
                1,
            ));
        }
    }
    first_use
        .into_iter()
        .map(|(token, (file, line, node, count))| {
            Diagnostic::warning(
                "abbreviation-undefined",
                &file,
                line,
                format!("`{token}` is used {count} time(s) but no document defines it"),
            )
            .at_node(&node)
        })
        .collect()
}

/// Words of 2–7 letters written in capitals (a lower-case т or ж may join parts, as in
/// ӘҚБтК, ҚСжАЕК).
fn acronyms(text: &str) -> impl Iterator<Item = &str> {
    CAPITALS.find_iter(text).filter_map(move |m| {
        let before = text[..m.start()].chars().next_back();
        let after = text[m.end()..].chars().next();
        let edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphabetic());
        let w = m.as_str();
        let n = w.chars().count();
        let ends_upper = w.chars().last().is_some_and(char::is_uppercase);
        (edge(before) && edge(after) && (2..=7).contains(&n) && ends_upper).then_some(w)
    })
}

static CAPITALS: LazyLock<Regex> = LazyLock::new(|| re(r"\p{Lu}[\p{Lu}тж]+"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bul_definition() {
        let d = definitions_in(
            "Ұзақ кіріспе. Құқық қағидаты – бұл реттелетін қатынастардың мәнін анықтайтын негізгі қағидаттар.",
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].term, "Құқық қағидаты");
        assert!(d[0].definition.starts_with("реттелетін"));
    }

    #[test]
    fn degenimiz_with_latin_i_and_dep_tusiniledi() {
        let d = definitions_in(
            "Жаза дегенiмiз - сот үкiмi бойынша тағайындалатын мемлекеттiк мәжбүрлеу шарасы.",
        );
        assert_eq!(d[0].term, "Жаза");
        let d =
            definitions_in("Кәмелетке толмағандар деп он сегіз жасқа толмаған адамдар түсініледі.");
        assert_eq!(d[0].term, "Кәмелетке толмағандар");
        assert_eq!(d[0].definition, "он сегіз жасқа толмаған адамдар");
    }

    #[test]
    fn kind_before_retinde_and_statement_subjects() {
        let d = definitions_in(
            "Прокурорлық қадағалау актісі ретінде наразылық – бұл прокурор шығарған құқықтық құжат.",
        );
        assert_eq!(d[0].term, "наразылық");
        assert_eq!(label(&d[0].definition), "Прокурорлық қадағалау актісі");
        assert!(definitions_in(
            "Оның негізгі мақсаты – сотталғандарды қоғамға бейімдеу болып табылады."
        )
        .is_empty());
        assert!(
            definitions_in("Пекин ережелері пробацияны – жазалау құралы емес деп санайды.")
                .is_empty()
        );
    }

    #[test]
    fn long_subject_before_a_dash_is_not_a_term() {
        let d = definitions_in(
            "Ұсыныс онда көрсетілген заңдылықтың бұзылуын жою жөніндегі шараларды қабылдай отырып лауазымды адам немесе орган – күнтізбелік отыз күн ішінде қаралуы тиіс.",
        );
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn act_kind_before_retinde_names_the_term() {
        let d = definitions_in(
            "Прокурорлық қадағалау актісі ретінде ұсынысты прокурор мынадай мақсаттарда енгізеді: заң бұзушылықтарды жою.",
        );
        assert_eq!(d[0].term, "ұсыныс");
        assert_eq!(label(&d[0].definition), "Прокурорлық қадағалау актісі");
    }

    #[test]
    fn acronym_expansion_starts_at_its_first_letter() {
        let a = abbreviations_in(
            "Мәліметтер Орталықтандырылған автоматтандырылған деректер базасына (бұдан әрі – ОАДБ) енгізіледі.",
        );
        assert_eq!(a[0].short, "ОАДБ");
        assert_eq!(
            a[0].expansion,
            "Орталықтандырылған автоматтандырылған деректер базасына"
        );
    }

    #[test]
    fn acronyms_are_found_with_their_inner_lowercase_joins() {
        let found: Vec<&str> = acronyms("ҚР ӘҚБтК-нің 7-бабы, ҚСжАЕК және Прокурор").collect();
        assert_eq!(found, ["ҚР", "ӘҚБтК", "ҚСжАЕК"]);
    }

    #[test]
    fn prefixed_acronym_expands_from_its_last_word() {
        let a = abbreviations_in(
            "Әкімшілік құқық бұзушылық туралы Кодекстің (бұдан әрі – ҚР ӘҚБтК ) 759-бабына сәйкес.",
        );
        assert_eq!(a[0].short, "ҚР ӘҚБтК");
        assert_eq!(a[0].expansion, "Әкімшілік құқық бұзушылық туралы Кодекстің");
    }

    #[test]
    fn sentences_do_not_split_at_initials() {
        let s = sentences("Оны А. А. Таранов айтты. Екінші сөйлем.");
        assert_eq!(s, vec!["Оны А. А. Таранов айтты.", "Екінші сөйлем."]);
    }
}
