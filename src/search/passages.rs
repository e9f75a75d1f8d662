//! What the search indexes: the graph cut into passages.
//!
//! A hit must be something a reader can land on and read in one go — a point, a subpoint, a
//! paragraph, a question, a note — never a whole chapter. So every node with text of its own
//! is a passage; containers (chapters, topics, sections) lend their heading to the passages
//! inside them as a title, which the ranking weighs above running text; a list item also
//! carries the lead-in it stands under ("… мына негіздер аясында тағайындайды:"), whose words
//! count a little for it, and an editorial note is ranked by its own words. Cited statute units
//! (`ҚК 40-бап`) are passages too: a query for a citation finds the statute's page first and
//! then the passages that cite it.
//!
//! Citations the citation compiler resolved are indexed as legal tokens of the passage, built
//! by the same [`analyze`] a query goes through, so "ҚРКЗ 26", "ҚРКЗ 26-бап" and
//! "Прокуратура туралы Конституциялық заңның 26-бабы" written in the text all meet.

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::normalize::TokenKind;
use super::{analyze, NormalizeOptions, Passage, Thesaurus};
use crate::emit::site::pages::PageMap;
use crate::emit::site::view::{statute_file, statute_label};
use crate::graph::{CiteEdge, Graph, Node, NodeKind, StatuteUnit};

/// What a hit shows: everything but the ranking data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredPassage {
    /// The node id (or statute unit id).
    pub id: String,
    /// Site-relative address: `instr-2017-104/ch-2.html#ch-2/p-8`.
    pub url: String,
    /// Where the passage sits below its heading: "8-тармақ, 1) тармақша" (may be empty).
    pub place: String,
    /// The heading the passage is ranked with: its own, else its nearest ancestor's (none
    /// for an editorial note: it is ranked by its own words).
    pub heading: String,
    /// The document's title (or the statute's).
    pub document: String,
    /// The corpus file and raw 1-based line range (empty file and `[0, 0]` for statutes).
    pub file: String,
    pub lines: [u32; 2],
    /// The passage text, for snippets.
    pub text: String,
}

impl StoredPassage {
    /// The heading shown for the hit: "8-тармақ · 2-тарау. …" (place · heading).
    pub fn title(&self) -> String {
        match (self.place.is_empty(), self.heading.is_empty()) {
            (true, _) => self.heading.clone(),
            (false, true) => self.place.clone(),
            (false, false) => format!("{} · {}", self.place, self.heading),
        }
    }
}

/// Passages to index, what each hit shows (same order), and the query thesaurus.
pub struct SearchCorpus {
    pub passages: Vec<Passage>,
    pub stored: Vec<StoredPassage>,
    pub thesaurus: Thesaurus,
}

/// Cuts the graph into passages. `terms` is the reviewed ru → kk list; the graph's
/// abbreviations (glossary and statutes) are added to it both ways.
pub fn collect(graph: &Graph, map: &PageMap, mut terms: Thesaurus) -> SearchCorpus {
    terms.add_abbreviations(&abbreviation_pairs(graph));
    let cites = citations_by_node(graph);
    // Each cited unit's legal tokens, worked out once (many passages cite one article).
    let unit_keys: FxHashMap<&str, Vec<String>> = (graph.statute_articles.par_iter())
        .map(|u| (u.id.as_str(), unit_keys(graph, u)))
        .collect();
    let titles: FxHashMap<&str, &str> = (graph.documents.iter())
        .map(|d| (d.id.as_str(), d.title.as_str()))
        .collect();
    let leads = lead_ins(graph);
    let mut citing: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for edge in &graph.citations {
        citing
            .entry(edge.to.as_str())
            .or_default()
            .push(edge.text.as_str());
    }
    // Node after node on every core, in graph order.
    let (passages, stored) = (graph.nodes.par_iter())
        .filter_map(|node| {
            if node.text.trim().is_empty() {
                return None;
            }
            let url = map.url(&node.id)?;
            let edges = cites.get(node.id.as_str()).map_or(&[][..], Vec::as_slice);
            let passage = Passage {
                id: node.id.clone(),
                title: ranking_title(graph, node),
                text: node.text.clone(),
                legal: legal_keys(&unit_keys, edges),
                context: leads
                    .get(node.id.as_str())
                    .map_or_else(String::new, |t| t.to_string()),
            };
            let stored = StoredPassage {
                id: node.id.clone(),
                url,
                place: place_label(graph, node),
                heading: ranking_title(graph, node),
                document: (titles.get(node.document.as_str()))
                    .map_or_else(|| node.document.clone(), |t| t.to_string()),
                file: node.source.file.clone(),
                lines: node.source.lines,
                text: node.text.clone(),
            };
            Some((passage, stored))
        })
        .unzip();
    let mut corpus = SearchCorpus {
        passages,
        stored,
        thesaurus: terms,
    };
    for unit in &graph.statute_articles {
        let texts = citing.get(unit.id.as_str()).map_or(&[][..], Vec::as_slice);
        let (passage, stored) = statute_passage(graph, unit, texts);
        corpus.passages.push(passage);
        corpus.stored.push(stored);
    }
    corpus
}

/// Abbreviation ↔ expansion pairs: the glossary's and each statute's (ҚК ↔ its title).
fn abbreviation_pairs(graph: &Graph) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = graph
        .abbreviations
        .iter()
        .map(|a| (a.short.clone(), a.expansion.clone()))
        .collect();
    let mut titles: BTreeMap<&str, &str> = BTreeMap::new();
    for unit in &graph.statute_articles {
        titles.insert(unit.statute.as_str(), unit.title.as_str());
        titles.insert(unit.edition.as_str(), unit.title.as_str());
    }
    for (statute, abbreviations) in &graph.statute_abbreviations {
        if let Some(title) = titles.get(statute.as_str()) {
            for short in abbreviations {
                pairs.push((short.clone(), (*title).to_string()));
                // Readers drop the state's name: "Қылмыстық-атқару кодексінің 176-бабы".
                if let Some(bare) = without_state_name(title) {
                    pairs.push((short.clone(), bare.to_string()));
                }
            }
        }
    }
    pairs.sort();
    pairs.dedup();
    pairs
}

/// A statute title without its leading "Қазақстан Республикасының" (or "ҚР"), if it has one
/// and something is left.
fn without_state_name(title: &str) -> Option<&str> {
    ["Қазақстан Республикасының ", "ҚР "]
        .iter()
        .find_map(|prefix| title.strip_prefix(prefix))
        .map(str::trim)
        .filter(|rest| !rest.is_empty())
}

fn citations_by_node(graph: &Graph) -> BTreeMap<&str, Vec<&CiteEdge>> {
    let mut out: BTreeMap<&str, Vec<&CiteEdge>> = BTreeMap::new();
    for edge in &graph.citations {
        out.entry(edge.from.as_str()).or_default().push(edge);
    }
    out
}

/// Legal tokens for the statute units a passage cites, with and without each abbreviation
/// of the statute.
fn legal_keys(unit_keys: &FxHashMap<&str, Vec<String>>, edges: &[&CiteEdge]) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for edge in edges {
        for key in unit_keys.get(edge.to.as_str()).into_iter().flatten() {
            if !keys.contains(key) {
                keys.push(key.clone());
            }
        }
    }
    keys
}

/// The legal tokens naming a statute unit, made by analysing how a reader would write it.
fn unit_keys(graph: &Graph, unit: &StatuteUnit) -> Vec<String> {
    let Some(number) = unit.number.as_deref() else {
        return Vec::new();
    };
    let word = match unit.unit.as_str() {
        "article" => "бап",
        "chapter" => "тарау",
        _ => return Vec::new(),
    };
    let mut spellings = vec![format!("{number}-{word}")];
    for short in unit_abbreviations(graph, unit) {
        spellings.push(format!("{short} {number}-{word}"));
    }
    let mut keys = Vec::new();
    for spelling in spellings {
        for term in analyze(&spelling, NormalizeOptions::default()) {
            if term.kind == TokenKind::Legal && !keys.contains(&term.key) {
                keys.push(term.key);
            }
        }
    }
    keys
}

/// The abbreviations of a unit's statute and of its edition.
fn unit_abbreviations<'a>(
    graph: &'a Graph,
    unit: &'a StatuteUnit,
) -> impl Iterator<Item = &'a String> + 'a {
    [unit.statute.as_str(), unit.edition.as_str()]
        .into_iter()
        .filter_map(|key| graph.statute_abbreviations.get(key))
        .flatten()
}

fn statute_passage(graph: &Graph, unit: &StatuteUnit, citing: &[&str]) -> (Passage, StoredPassage) {
    let label = statute_label(unit);
    let abbreviations = unit_abbreviations(graph, unit)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    let title = if abbreviations.is_empty() {
        label.clone()
    } else {
        format!("{label} ({abbreviations})")
    };
    let text = citing.join("; ");
    let passage = Passage {
        id: unit.id.clone(),
        title: title.clone(),
        text: text.clone(),
        legal: unit_keys(graph, unit),
        context: String::new(),
    };
    let stored = StoredPassage {
        id: unit.id.clone(),
        url: statute_file(&unit.id),
        place: String::new(),
        heading: title,
        document: unit.title.clone(),
        file: String::new(),
        lines: [0, 0],
        text,
    };
    (passage, stored)
}

/// At most this many words of a lead-in go with each item: the words just before the colon,
/// which say what the list is (lead-ins in the corpus have 11 words at the median, 63 at
/// most), and a bound on what a long paragraph over a long list can add to the index.
pub const MAX_LEAD_WORDS: usize = 40;

/// The lead-in each list item stands under: a subpoint's or list item's parent text when it
/// ends with a colon ("… мына негіздер аясында тағайындайды:"), and for paragraphs written
/// as a list ("- ҚР Президентінің тапсырмалары;", "1) кәмелетке толмағандарға;") the last
/// paragraph before them that ends with a colon; its last [`MAX_LEAD_WORDS`] words.
fn lead_ins(graph: &Graph) -> FxHashMap<&str, &str> {
    let mut out: FxHashMap<&str, &str> = FxHashMap::default();
    for node in &graph.nodes {
        let mut lead: Option<&str> = None;
        for child in node.children.iter().filter_map(|c| graph.node(c)) {
            let text = child.text.as_str();
            let listed = matches!(child.kind, NodeKind::Subpoint | NodeKind::ListItem);
            if listed && ends_in_colon(&node.text) {
                out.insert(child.id.as_str(), last_words(&node.text, MAX_LEAD_WORDS));
            } else if is_list_line(text) {
                if let Some(lead) = lead {
                    out.insert(child.id.as_str(), lead);
                }
            } else {
                lead = None;
            }
            if ends_in_colon(text) {
                lead = Some(last_words(text, MAX_LEAD_WORDS));
            }
        }
    }
    out
}

/// The last `n` whitespace-separated words of `text` (all of it if it has no more).
fn last_words(text: &str, n: usize) -> &str {
    let text = text.trim_end();
    if n == 0 {
        return &text[text.len()..];
    }
    let start = (text.char_indices().rev())
        .filter(|&(i, c)| {
            c.is_whitespace() && !text[i + c.len_utf8()..].starts_with(char::is_whitespace)
        })
        .nth(n - 1)
        .map_or(0, |(i, c)| i + c.len_utf8());
    &text[start..]
}

fn ends_in_colon(text: &str) -> bool {
    text.trim_end().ends_with(':')
}

/// A paragraph written as a list item: a dash or bullet, or a short number or letter before
/// a parenthesis (`1)`, `12)`, `а)`).
fn is_list_line(text: &str) -> bool {
    let text = text.trim_start();
    let numbered = text.split_once(')').is_some_and(|(label, _)| {
        (1..=3).contains(&label.chars().count()) && label.chars().all(char::is_alphanumeric)
    });
    numbered || text.starts_with(['-', '–', '—', '•'])
}

/// The heading a passage is ranked with: its own, else its nearest ancestor's. An editorial
/// note ("Ескерту. 8-тармақ жаңа редакцияда – … бұйрығымен") gets none: it tells which order
/// changed the point, not what the point says, so it should not match the point's topic.
fn ranking_title(graph: &Graph, node: &Node) -> String {
    if node.kind == NodeKind::Note {
        return String::new();
    }
    if let Some(heading) = node.heading.as_deref().filter(|h| !h.trim().is_empty()) {
        return heading.to_string();
    }
    ancestors(graph, node)
        .find_map(|a| a.heading.clone().filter(|h| !h.trim().is_empty()))
        .unwrap_or_default()
}

/// "8-тармақ, 1) тармақша": where the passage sits below its heading (see
/// [`StoredPassage::title`]).
fn place_label(graph: &Graph, node: &Node) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut current = Some(node);
    while let Some(n) = current {
        if n.heading.as_deref().is_some_and(|h| !h.trim().is_empty()) && n.id != node.id {
            break;
        }
        if let Some(label) = unit_label(n) {
            parts.push(label);
        }
        current = n.parent.as_deref().and_then(|p| graph.node(p));
    }
    parts.reverse();
    parts.join(", ")
}

/// How a reader names one level: "8-тармақ", "1) тармақша", "3-бап", "2-сұрақ".
fn unit_label(node: &Node) -> Option<String> {
    let number = node.number.as_deref();
    let label = match (node.kind, number) {
        (NodeKind::Point, Some(n)) => format!("{n}-тармақ"),
        (NodeKind::Subpoint, Some(n)) => format!("{n}) тармақша"),
        (NodeKind::Article, Some(n)) => format!("{n}-бап"),
        (NodeKind::Chapter, Some(n)) => format!("{n}-тарау"),
        (NodeKind::Section, Some(n)) => n.to_string(),
        (NodeKind::Question, Some(n)) => format!("{n}-сұрақ"),
        (NodeKind::Case, Some(n)) => format!("{n}-кейс"),
        (NodeKind::AmendmentItem, Some(n)) => format!("{n}) тармақша"),
        (NodeKind::Note, _) => "ескерту".to_string(),
        (NodeKind::Footnote, Some(n)) => format!("{n}-сілтеме"),
        _ => return None,
    };
    Some(label)
}

fn ancestors<'a>(graph: &'a Graph, node: &'a Node) -> impl Iterator<Item = &'a Node> + 'a {
    std::iter::successors(
        node.parent.as_deref().and_then(|p| graph.node(p)),
        move |n| n.parent.as_deref().and_then(|p| graph.node(p)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_words_keeps_the_end_of_a_lead_in() {
        assert_eq!(last_words("бір екі  үш\tтөрт: ", 2), "үш\tтөрт:");
        assert_eq!(last_words("бір екі", 5), "бір екі");
        assert_eq!(last_words("", 3), "");
        assert_eq!(last_words("   ", 3), "");
        assert_eq!(last_words("бір екі", 0), "");
    }

    #[test]
    fn list_lines_are_dashes_bullets_and_short_labels() {
        for line in ["- a;", "– a", "• a", "1) a", "12) a", "а) a", "  3) a"] {
            assert!(is_list_line(line), "{line}");
        }
        for line in ["Прокурор (1) a", "(1) a", "1234) a", "Жолданым – a", ""] {
            assert!(!is_list_line(line), "{line}");
        }
    }
}
