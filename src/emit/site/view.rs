//! View models: what the Tera templates see. Corpus text reaches templates only as plain
//! strings inside these structs, and the templates (autoescape) and the markup filters
//! ([`super::markup`]) escape every one of them, so no source text can become markup.

use super::pages::{fragment, PageMap};
use crate::graph::{ActRef, CiteEdge, Document, Graph, Node, NodeKind, StatuteUnit};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// A run of text, possibly a link (a footnote marker, later a citation).
#[derive(Debug, Clone, Serialize)]
pub struct Segment {
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub href: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub class: Option<String>,
}

impl Segment {
    fn plain(text: &str) -> Self {
        Segment {
            text: text.to_string(),
            href: None,
            title: None,
            class: None,
        }
    }
}

/// A node as a template renders it.
#[derive(Debug, Clone, Serialize)]
pub struct NodeView {
    pub id: String,
    pub anchor: String,
    pub kind: String,
    pub label: Option<String>,
    pub heading: Option<String>,
    /// The text split into paragraphs (case scenarios keep their line breaks), each into segments.
    pub paragraphs: Vec<Vec<Segment>>,
    pub file: String,
    pub lines: String,
    /// For a node shown on a page of its own: the link to that page (children not included).
    pub href: Option<String>,
    pub children: Vec<NodeView>,
    pub attrs: BTreeMap<String, String>,
}

/// Citations indexed for rendering: by citing node, and statute units by id.
#[derive(Default)]
pub struct CiteIndex<'a> {
    pub from: HashMap<&'a str, Vec<&'a CiteEdge>>,
    /// Edges by target, in graph order (a statute page lists what cites it).
    pub to: HashMap<&'a str, Vec<&'a CiteEdge>>,
    pub units: HashMap<&'a str, &'a StatuteUnit>,
}

impl<'a> CiteIndex<'a> {
    pub fn build(graph: &'a Graph) -> Self {
        let mut index = CiteIndex::default();
        for edge in &graph.citations {
            index.from.entry(edge.from.as_str()).or_default().push(edge);
            index.to.entry(edge.to.as_str()).or_default().push(edge);
        }
        for list in index.from.values_mut() {
            list.sort_by_key(|e| (e.start, e.end));
        }
        for unit in &graph.statute_articles {
            index.units.insert(unit.id.as_str(), unit);
        }
        index
    }
}

/// The page of a cited statute unit (`K1400000226/art-40` → `statutes/K1400000226/art-40.html`).
pub fn statute_file(unit_id: &str) -> String {
    format!("statutes/{unit_id}.html")
}

/// How a statute unit is named on the site: "40-бап · Қазақстан Республикасының Қылмыстық кодексі".
pub fn statute_label(unit: &StatuteUnit) -> String {
    match (unit.unit.as_str(), unit.number.as_deref()) {
        ("article", Some(n)) => format!("{n}-бап · {}", unit.title),
        ("chapter", Some(n)) => format!("{n}-тарау · {}", unit.title),
        _ => unit.title.clone(),
    }
}

/// Builds node views relative to the page being rendered.
pub struct Viewer<'a> {
    pub graph: &'a Graph,
    pub map: &'a PageMap,
    pub cites: &'a CiteIndex<'a>,
    /// `../` prefix from the current page to the site root.
    pub root: String,
    /// The page being rendered (to make same-page links bare fragments).
    pub page: String,
}

impl Viewer<'_> {
    /// A link from the current page to a node.
    pub fn href(&self, id: &str) -> Option<String> {
        let url = self.map.url(id)?;
        let same_page = self.map.page_of(id) == Some(self.page.as_str());
        Some(match url.split_once('#') {
            Some((_, frag)) if same_page => format!("#{frag}"),
            _ => format!("{}{url}", self.root),
        })
    }

    /// The view of `node` with its descendants, stopping at child pages (linked, not inlined).
    pub fn node(&self, node: &Node, is_root: bool) -> NodeView {
        let separate_page = !is_root && self.map.is_page(&node.id);
        let children = if separate_page {
            Vec::new()
        } else {
            node.children
                .iter()
                .filter_map(|c| self.graph.node(c))
                .map(|c| self.node(c, false))
                .collect()
        };
        NodeView {
            id: node.id.clone(),
            anchor: fragment(&node.id).to_string(),
            kind: node.kind.name(),
            label: label(node),
            heading: node.heading.clone(),
            paragraphs: self.paragraphs(node),
            file: node.source.file.clone(),
            lines: line_range(node.source.lines),
            href: separate_page.then(|| self.href(&node.id)).flatten(),
            children,
            attrs: node.attrs.clone(),
        }
    }

    fn paragraphs(&self, node: &Node) -> Vec<Vec<Segment>> {
        let footnotes: Vec<&str> = node
            .attrs
            .get("footnotes")
            .map(|f| f.split_whitespace().collect())
            .unwrap_or_default();
        let mut next_footnote = footnotes.iter();
        let links = self.citation_links(node);
        let mut out = Vec::new();
        let mut offset = 0;
        for paragraph in node.text.split('\n') {
            let length = paragraph.chars().count();
            if !paragraph.trim().is_empty() {
                out.push(self.segments(paragraph, offset, &links, &mut next_footnote));
            }
            offset += length + 1;
        }
        out
    }

    /// The node's citations as links: (first char, end char, href, preview), sorted and
    /// without overlaps; several targets of one citation (a list) share one link.
    fn citation_links(&self, node: &Node) -> Vec<(usize, usize, String, String)> {
        let mut links: Vec<(usize, usize, String, String)> = Vec::new();
        for edge in self.cites.from.get(node.id.as_str()).into_iter().flatten() {
            let Some((href, preview)) = self.citation_target(edge) else {
                continue;
            };
            match links.last_mut() {
                Some(last) if last.0 == edge.start && last.1 == edge.end => {
                    if !last.3.contains(&preview) {
                        last.3.push_str("; ");
                        last.3.push_str(&preview);
                    }
                }
                Some(last) if edge.start < last.1 => {}
                _ => links.push((edge.start, edge.end, href, preview)),
            }
        }
        links
    }

    fn citation_target(&self, edge: &CiteEdge) -> Option<(String, String)> {
        if let Some(unit) = self.cites.units.get(edge.to.as_str()) {
            return Some((
                format!("{}{}", self.root, statute_file(&unit.id)),
                statute_label(unit),
            ));
        }
        let target = self.graph.node(&edge.to)?;
        let doc = self
            .graph
            .document(&target.document)
            .map_or("", |d| d.title.as_str());
        Some((
            self.href(&target.id)?,
            format!("{} — {doc}", title_of(target)),
        ))
    }

    /// Splits a paragraph (starting at char `offset` of its node's text) at citations and
    /// footnote markers.
    fn segments<'f>(
        &self,
        text: &str,
        offset: usize,
        links: &[(usize, usize, String, String)],
        footnotes: &mut impl Iterator<Item = &'f &'f str>,
    ) -> Vec<Segment> {
        // Links are given in characters; the text is cut at byte offsets found by walking
        // forward once (the links come in order; one that goes back is skipped).
        let length = text.chars().count();
        let mut cursor = text.char_indices().map(|(i, _)| i).chain([text.len()]);
        let mut byte_of = {
            let (mut char_at, mut byte_at) = (0, cursor.next().unwrap_or(0));
            move |char_index: usize| {
                while char_at < char_index {
                    byte_at = cursor.next().unwrap_or(byte_at);
                    char_at += 1;
                }
                byte_at
            }
        };
        let mut out = Vec::new();
        let (mut at, mut at_byte) = (0, 0);
        for (start, end, href, preview) in links {
            // Only the citations inside this paragraph.
            if *start < offset || *end > offset + length {
                continue;
            }
            let (start, end) = (start - offset, end - offset);
            if end <= start || start < at {
                continue;
            }
            let (start_byte, end_byte) = (byte_of(start), byte_of(end));
            self.plain_with_footnotes(&text[at_byte..start_byte], &mut out, footnotes);
            out.push(Segment {
                text: text[start_byte..end_byte].to_string(),
                href: Some(href.clone()),
                title: Some(preview.clone()),
                class: Some("cite".to_string()),
            });
            (at, at_byte) = (end, end_byte);
        }
        self.plain_with_footnotes(&text[at_byte..], &mut out, footnotes);
        out
    }

    /// Plain text, with footnote markers (superscript digits) linked to their footnotes in order.
    fn plain_with_footnotes<'f>(
        &self,
        text: &str,
        out: &mut Vec<Segment>,
        footnotes: &mut impl Iterator<Item = &'f &'f str>,
    ) {
        if !has_superscript_digit(text) {
            if !text.is_empty() {
                out.push(Segment::plain(text));
            }
            return;
        }
        let mut plain = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if !is_superscript_digit(c) {
                plain.push(c);
                continue;
            }
            let mut marker = c.to_string();
            while let Some(&d) = chars.peek().filter(|d| is_superscript_digit(**d)) {
                marker.push(d);
                chars.next();
            }
            match footnotes.next().and_then(|id| self.href(id)) {
                Some(href) => {
                    if !plain.is_empty() {
                        out.push(Segment::plain(&plain));
                        plain.clear();
                    }
                    out.push(Segment {
                        text: marker,
                        href: Some(href),
                        title: Some("Ескертпе".to_string()),
                        class: Some("fnref".to_string()),
                    });
                }
                None => plain.push_str(&marker),
            }
        }
        if !plain.is_empty() {
            out.push(Segment::plain(&plain));
        }
    }
}

fn is_superscript_digit(c: char) -> bool {
    matches!(c, '⁰' | '¹' | '²' | '³' | '⁴'..='⁹')
}

/// Does `text` have a superscript digit? Looked for by bytes, for every paragraph of every
/// page: `¹²³` are C2 B9/B2/B3 in UTF-8, `⁰⁴…⁹` are E2 81 B0/B4…B9.
fn has_superscript_digit(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(0xC2, 0xE2, bytes).any(|at| {
        matches!(
            &bytes[at..],
            [0xC2, 0xB2 | 0xB3 | 0xB9, ..] | [0xE2, 0x81, 0xB0 | 0xB4..=0xB9, ..]
        )
    })
}

/// The number as printed before a unit's text: `8.`, `1)`, `2-бап.`, `3-тарау.`.
pub fn label(node: &Node) -> Option<String> {
    let n = node.number.as_deref()?;
    let heading_has_number = node.heading.as_deref().is_some_and(|h| h.starts_with(n));
    if heading_has_number {
        return None;
    }
    Some(match node.kind {
        NodeKind::Point | NodeKind::AmendedAct | NodeKind::Question | NodeKind::SourceEntry => {
            format!("{n}.")
        }
        NodeKind::Subpoint | NodeKind::AmendmentItem => format!("{n})"),
        NodeKind::Article => format!("{n}-бап."),
        NodeKind::Chapter => format!("{n}-тарау."),
        NodeKind::Topic => format!("{n}-тақырып."),
        NodeKind::Section => n.to_string(),
        _ => return None,
    })
}

/// `88–101`, or `88` for one line.
pub fn line_range(lines: [u32; 2]) -> String {
    if lines[0] == lines[1] {
        lines[0].to_string()
    } else {
        format!("{}–{}", lines[0], lines[1])
    }
}

/// What a page title says for a node: its label and heading, or the start of its text.
pub fn title_of(node: &Node) -> String {
    let label = label(node);
    let heading = node.heading.clone().unwrap_or_else(|| {
        let words: Vec<&str> = node.text.split_whitespace().take(10).collect();
        let mut t = words.join(" ");
        if node.text.split_whitespace().count() > 10 {
            t.push('…');
        }
        t
    });
    match label {
        Some(l) => format!("{l} {heading}"),
        None => heading,
    }
}

/// A document's metadata card.
#[derive(Debug, Clone, Serialize)]
pub struct DocView {
    pub id: String,
    pub title: String,
    pub kind: String,
    pub kind_label: String,
    /// One line: kind, number, date.
    pub summary: String,
    pub href: String,
    pub facts: Vec<(String, String)>,
    pub status: Option<String>,
    pub repealed: bool,
    pub url: Option<String>,
    pub file: String,
    pub original_name: String,
}

pub fn doc_view(doc: &Document, root: &str) -> DocView {
    let meta = &doc.meta;
    let mut facts = Vec::new();
    if let Some(t) = &meta.act_type {
        facts.push(("Актінің түрі".to_string(), t.clone()));
    }
    if let Some(n) = &meta.number {
        facts.push(("Нөмірі".to_string(), format!("№ {n}")));
    }
    if let Some(d) = &meta.date {
        facts.push(("Қабылданған күні".to_string(), kazakh_date(d)));
    }
    if let Some(r) = &meta.registration {
        facts.push(("Әділет министрлігінде тіркелді".to_string(), act_ref(r)));
    }
    if let Some(r) = &meta.repealed_by {
        facts.push(("Күші жойылды".to_string(), act_ref(r)));
    }
    for (i, r) in meta.amended_by.iter().enumerate() {
        let label = if i == 0 {
            "Өзгерістер енгізілді"
        } else {
            ""
        };
        facts.push((label.to_string(), act_ref(r)));
    }
    if let Some(s) = &meta.signature {
        facts.push(("Қол қойған".to_string(), s.clone()));
    }
    for (k, v) in &meta.extra {
        facts.push((k.clone(), v.clone()));
    }
    let status = meta.status.clone();
    let mut summary = vec![kind_label(doc.kind).to_string()];
    summary.extend(meta.number.as_ref().map(|n| format!("№ {n}")));
    summary.extend(meta.date.as_deref().map(kazakh_date));
    DocView {
        summary: summary.join(" · "),
        id: doc.id.clone(),
        title: doc.title.clone(),
        kind: doc.kind.as_str().to_string(),
        kind_label: kind_label(doc.kind).to_string(),
        href: format!("{root}{}/index.html", doc.id),
        facts,
        repealed: status.as_deref() == Some("Күшін жойған") || meta.repealed_by.is_some(),
        status,
        url: doc.url.clone(),
        file: doc.file.clone(),
        original_name: doc.original_name.clone(),
    }
}

fn kind_label(kind: crate::graph::DocKind) -> &'static str {
    match kind {
        crate::graph::DocKind::Order => "Бас Прокурордың бұйрығы",
        crate::graph::DocKind::Law => "Заң",
        crate::graph::DocKind::Textbook => "Оқу құралы",
    }
}

fn act_ref(r: &ActRef) -> String {
    let mut parts = Vec::new();
    if let Some(d) = &r.date {
        parts.push(kazakh_date(d));
    }
    if let Some(n) = &r.number {
        parts.push(format!("№ {n}"));
    }
    if let Some(i) = &r.issuer {
        parts.push(format!("({i})"));
    }
    parts.join(" ")
}

pub use crate::dates::kazakh_date;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn superscript_digits_are_found_by_their_bytes() {
        for c in ('\u{a0}'..='\u{2100}').chain(['а', '1', '«', '—', '№']) {
            let text = format!("мәтін{c}");
            let expected = is_superscript_digit(c);
            assert_eq!(has_superscript_digit(&text), expected, "{c:?}");
        }
    }

    #[test]
    fn line_ranges() {
        assert_eq!(line_range([88, 101]), "88–101");
        assert_eq!(line_range([7, 7]), "7");
    }
}
