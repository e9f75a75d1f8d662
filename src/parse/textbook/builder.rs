//! The textbook walk: markers open containers, and the lines between two markers are read
//! as prose, question items, source entries or a case, depending on the last marker.

use super::items::{self, reads_as_question, Style};
use super::markers::{self, Marker, Place, TopicWord};
use super::sources::entry_attrs;
use crate::diagnostic::Diagnostic;
use crate::glossary;
use crate::graph::{Abbreviation, DocMeta, DocumentTree, NodeKind, Source, Term};
use crate::normalize::textbook::{self as norm, FootnoteText, TextLine};
use crate::parse::tree::{NewNode, TreeBuilder};
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// How the lines after the last marker are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Body,
    Questions,
    Sources,
    Case,
    CaseQuestions,
    /// Text after a question block that ended abruptly (a lost page): prose, or the tail
    /// of a bibliography that lost its heading.
    Orphan,
}

#[derive(Debug, Clone)]
struct OutlineEntry {
    number: u32,
    title: String,
    line: u32,
}

/// A footnote marker seen in the text: its number and the node that holds it.
#[derive(Debug, Clone)]
struct MarkerRef {
    number: u32,
    node: String,
    line: u32,
}

static ENDS_SENTENCE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"[.?!:;»")]\d{0,2}$"#).expect("static regex"));
static FOOTNOTE_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([\p{Cyrillic}»)])(\d{1,2})\s*([.,;:)]|\s|$)").expect("static regex")
});
static BIBLIOGRAPHIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\d{1,3}\.\s*\p{Lu}[\p{Ll}-]+\s+\p{Lu}\.\s?(?:\p{Lu}\.)?").expect("static regex")
});
static NUMBERED_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,3}\s*[.)]\s*\D").expect("static regex"));

pub struct Parser<'a> {
    b: TreeBuilder,
    lines: &'a [TextLine],
    mode: Mode,
    topic: Option<(String, u32)>,
    section: Option<String>,
    last_section: Option<u32>,
    outline: Vec<OutlineEntry>,
    body_sections: HashSet<u32>,
    matter: Option<String>,
    cases_root: Option<String>,
    group: Option<String>,
    case: Option<String>,
    block: Option<String>,
    list: Option<String>,
    /// The open source list lost its heading: its first unnumbered lines are a cut entry.
    list_headless: bool,
    marker_end: usize,
    next_marker: u32,
    markers: Vec<MarkerRef>,
    counters: HashMap<String, usize>,
    /// The last paragraph of each container: id and text (to spot a passage repeated
    /// word for word).
    last_paragraph: HashMap<String, (String, String)>,
    case_ids: Vec<String>,
}

impl<'a> Parser<'a> {
    pub fn new(document: &str, file: &str, lines: &'a [TextLine]) -> Self {
        Parser {
            b: TreeBuilder::new(document, file),
            lines,
            mode: Mode::Body,
            topic: None,
            section: None,
            last_section: None,
            outline: Vec::new(),
            body_sections: HashSet::new(),
            matter: None,
            cases_root: None,
            group: None,
            case: None,
            block: None,
            list: None,
            list_headless: false,
            marker_end: 0,
            next_marker: 1,
            markers: Vec::new(),
            counters: HashMap::new(),
            last_paragraph: HashMap::new(),
            case_ids: Vec::new(),
        }
    }

    /// Walks the whole line stream once.
    pub fn run(&mut self) {
        let lines = self.lines;
        let mut start = 0;
        let mut i = 0;
        while i < lines.len() {
            if self.mode == Mode::Questions && i > start && question_block_cut(lines, i) {
                self.flush(start, i);
                self.mode = Mode::Orphan;
                start = i;
            }
            let place = self.place(i);
            if let Some((marker, end)) = markers::detect(lines, i, place) {
                if self.accepts(&marker) {
                    self.flush(start, i);
                    let end = self.apply(marker, i, end);
                    self.marker_end = end;
                    start = end;
                    i = end;
                    continue;
                }
            }
            i += 1;
        }
        self.flush(start, lines.len());
        self.close_topic();
    }

    fn place(&self, i: usize) -> Place {
        let after_break =
            i == 0 || i == self.marker_end || ENDS_SENTENCE.is_match(&self.lines[i - 1].text);
        Place {
            topic: self.topic.as_ref().map(|t| t.1),
            in_case: matches!(self.mode, Mode::Case | Mode::CaseQuestions),
            after_break,
        }
    }

    /// A section number already seen (a scheme copy or a stray repeat) is text, not a
    /// new section.
    fn accepts(&self, marker: &Marker) -> bool {
        match marker {
            Marker::Section { number, .. } => self.last_section.is_none_or(|last| *number > last),
            Marker::CaseQuestions => matches!(self.mode, Mode::Case),
            _ => true,
        }
    }

    fn apply(&mut self, marker: Marker, i: usize, end: usize) -> usize {
        let lines = [
            self.lines[i].raw[0],
            self.lines[end.saturating_sub(1).max(i)].raw[1],
        ];
        match marker {
            Marker::Intro | Marker::Conclusion => {
                self.close_all();
                let slug = if marker == Marker::Intro {
                    "intro"
                } else {
                    "conclusion"
                };
                let heading = self.lines[i].text.clone();
                let id = self.add(
                    None,
                    NodeKind::Matter,
                    slug.into(),
                    None,
                    Some(heading),
                    String::new(),
                    lines,
                );
                self.matter = Some(id);
                self.mode = Mode::Body;
            }
            Marker::Appendix { number } => {
                self.close_all();
                let heading = self.lines[i].text.clone();
                let id = self.add(
                    None,
                    NodeKind::Matter,
                    format!("app-{number}"),
                    Some(number.to_string()),
                    Some(heading),
                    String::new(),
                    lines,
                );
                self.matter = Some(id);
                self.mode = Mode::Body;
            }
            Marker::Topic {
                number,
                word,
                title,
            } => {
                self.close_all();
                let slug = match word {
                    TopicWord::Topic => format!("topic-{number}"),
                    TopicWord::Chapter => format!("ch-{number}"),
                };
                let id = self.add(
                    None,
                    NodeKind::Topic,
                    slug,
                    Some(number.to_string()),
                    Some(title),
                    String::new(),
                    lines,
                );
                self.topic = Some((id, number));
                self.mode = Mode::Body;
                return self.read_outline(end, number);
            }
            Marker::Section {
                topic,
                number,
                title,
                from_scheme,
            } => {
                self.open_section(topic, number, title, from_scheme, lines);
            }
            Marker::Questions { topic, label } => {
                self.close_block();
                // "3-тақырыпқа сұрақтар." belongs to the topic it names, not to its last section.
                if topic.is_some() && topic == self.topic.as_ref().map(|t| t.1) {
                    self.section = None;
                }
                let parent = self.container();
                let slug = self.next_slug(parent.as_deref(), "questions");
                let id = self.add(
                    parent.as_deref(),
                    NodeKind::QuestionBlock,
                    slug,
                    topic.map(|t| t.to_string()),
                    Some(label),
                    String::new(),
                    lines,
                );
                if let (Some(t), Some((_, open))) = (topic, &self.topic) {
                    if t != *open {
                        self.warn(
                            "question-block-topic",
                            lines[0],
                            &id,
                            format!("the block says topic {t} but stands in topic {open}"),
                        );
                    }
                }
                self.block = Some(id);
                self.mode = Mode::Questions;
            }
            Marker::CaseQuestions => self.mode = Mode::CaseQuestions,
            Marker::Sources { label, scoped } => {
                self.close_block();
                if !scoped {
                    self.close_all();
                }
                let parent = if scoped { self.container() } else { None };
                self.open_list(parent, Some(label), lines);
            }
            Marker::CaseGroup { title } => {
                self.close_all();
                let root = self.cases_root();
                let n = self.counters.entry(format!("{root}#groups")).or_insert(0);
                *n += 1;
                let slug = n.to_string();
                let id = self.add(
                    Some(&root),
                    NodeKind::Matter,
                    slug.clone(),
                    Some(slug),
                    Some(title),
                    String::new(),
                    lines,
                );
                self.group = Some(id);
                self.mode = Mode::Body;
            }
            Marker::Case { number } => {
                self.close_block();
                self.case = None;
                let group = match &self.group {
                    Some(g) => g.clone(),
                    None => {
                        let root = self.cases_root();
                        self.group = Some(root.clone());
                        root
                    }
                };
                let heading = self.lines[i].text.clone();
                let id = self.add(
                    Some(&group),
                    NodeKind::Case,
                    number.to_string(),
                    Some(number.to_string()),
                    Some(heading),
                    String::new(),
                    lines,
                );
                self.case_ids.push(id.clone());
                self.case = Some(id);
                self.mode = Mode::Case;
            }
            Marker::Scheme { label } => {
                self.close_block();
                let parent = self.container();
                let slug = self.next_slug(parent.as_deref(), "para");
                let id = self.add(
                    parent.as_deref(),
                    NodeKind::Paragraph,
                    slug,
                    None,
                    None,
                    label,
                    lines,
                );
                self.b.set_attr(&id, "role", "scheme-placeholder");
                self.mode = Mode::Body;
            }
        }
        end
    }

    /// Section lines right after a topic heading are its outline when the first of them
    /// comes again as a body heading. Returns the index after the outline.
    fn read_outline(&mut self, from: usize, topic: u32) -> usize {
        let mut entries = Vec::new();
        let mut j = from;
        let place = Place {
            topic: Some(topic),
            in_case: false,
            after_break: true,
        };
        while j < self.lines.len() {
            match markers::detect(self.lines, j, place) {
                Some((Marker::Section { number, title, .. }, end)) => {
                    if entries
                        .last()
                        .is_some_and(|e: &OutlineEntry| number <= e.number)
                    {
                        break;
                    }
                    entries.push(OutlineEntry {
                        number,
                        title,
                        line: self.lines[j].raw[0],
                    });
                    j = end;
                }
                _ => break,
            }
        }
        let repeats = matches!(
            markers::detect(self.lines, j, place),
            Some((Marker::Section { number, .. }, _)) if entries.first().is_some_and(|e| e.number == number)
        );
        if entries.len() >= 2 && repeats {
            if let Some((id, _)) = &self.topic {
                let outline: Vec<String> = entries
                    .iter()
                    .map(|e| format!("{topic}.{}", e.number))
                    .collect();
                self.b.set_attr(id, "outline", outline.join(" "));
            }
            self.outline = entries;
            j
        } else {
            from
        }
    }

    fn open_section(
        &mut self,
        topic: u32,
        number: u32,
        title: String,
        from_scheme: bool,
        lines: [u32; 2],
    ) {
        self.close_block();
        let Some((topic_id, _)) = self.topic.clone() else {
            return;
        };
        let expected = self.last_section.map_or(1, |n| n + 1);
        let id = self.add(
            Some(&topic_id),
            NodeKind::Section,
            format!("s-{topic}.{number}"),
            Some(format!("{topic}.{number}")),
            Some(title.clone()),
            String::new(),
            lines,
        );
        if number > expected {
            let missing: Vec<String> = (expected..number).map(|n| format!("{topic}.{n}")).collect();
            self.warn(
                "section-gap",
                lines[0],
                &id,
                format!(
                    "section {topic}.{number} follows {}: {} missing",
                    self.last_section
                        .map_or("the topic heading".to_string(), |n| format!("{topic}.{n}")),
                    missing.join(", ")
                ),
            );
        }
        if from_scheme {
            self.b.set_attr(&id, "from_scheme", "true");
        }
        if let Some(entry) = self.outline.iter().find(|e| e.number == number) {
            if norm_title(&entry.title) != norm_title(&title) {
                self.b.set_attr(&id, "outline_title", entry.title.clone());
                self.b.set_attr(&id, "outline_line", entry.line.to_string());
            }
        }
        self.body_sections.insert(number);
        self.last_section = Some(number);
        self.section = Some(id);
        self.mode = Mode::Body;
    }

    fn open_list(
        &mut self,
        parent: Option<String>,
        heading: Option<String>,
        lines: [u32; 2],
    ) -> String {
        let slug = self.next_slug(parent.as_deref(), "sources");
        let id = self.add(
            parent.as_deref(),
            NodeKind::SourceList,
            slug,
            None,
            heading.clone(),
            String::new(),
            lines,
        );
        self.list_headless = heading.is_none();
        if heading.is_none() {
            self.b.set_attr(&id, "heading_lost", "true");
        }
        self.list = Some(id.clone());
        self.mode = Mode::Sources;
        id
    }

    fn cases_root(&mut self) -> String {
        if let Some(root) = &self.cases_root {
            return root.clone();
        }
        let first = self.lines.get(self.marker_end).map_or(0, |l| l.raw[0]);
        let id = self.add(
            None,
            NodeKind::Matter,
            "cases".into(),
            None,
            Some("Кейстік тапсырмалар".into()),
            String::new(),
            [first, first],
        );
        self.b.set_attr(&id, "role", "cases");
        self.cases_root = Some(id.clone());
        id
    }

    /// Where prose goes: the open section, topic, case group or front/back matter.
    fn container(&self) -> Option<String> {
        self.section
            .clone()
            .or_else(|| self.topic.as_ref().map(|t| t.0.clone()))
            .or_else(|| self.group.clone())
            .or_else(|| self.matter.clone())
    }

    fn close_block(&mut self) {
        self.block = None;
        self.list = None;
        self.case = None;
    }

    fn close_topic(&mut self) {
        if let Some((id, number)) = self.topic.take() {
            let missing: Vec<&OutlineEntry> = self
                .outline
                .iter()
                .filter(|e| !self.body_sections.contains(&e.number))
                .collect();
            let notes: Vec<(u32, String)> = missing
                .iter()
                .map(|e| {
                    (
                        e.line,
                        format!(
                            "section {number}.{} is in the topic's outline but not in its body",
                            e.number
                        ),
                    )
                })
                .collect();
            for (line, message) in notes {
                self.warn("outline-section-missing", line, &id, message);
            }
        }
        self.outline.clear();
        self.body_sections.clear();
        self.last_section = None;
        self.section = None;
    }

    fn close_all(&mut self) {
        self.close_block();
        self.close_topic();
        self.matter = None;
        self.group = None;
    }

    fn next_slug(&mut self, parent: Option<&str>, base: &str) -> String {
        let key = format!("{}#{base}", parent.unwrap_or(""));
        let n = self.counters.entry(key).or_insert(0);
        *n += 1;
        match (base, *n) {
            ("para", n) => format!("para-{n}"),
            (_, 1) => base.to_string(),
            (_, n) => format!("{base}-{n}"),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn add(
        &mut self,
        parent: Option<&str>,
        kind: NodeKind,
        slug: String,
        number: Option<String>,
        heading: Option<String>,
        text: String,
        lines: [u32; 2],
    ) -> String {
        let (text, found) = self.mark(&text);
        let id = self.b.add(
            parent,
            NewNode {
                kind,
                slug,
                number,
                heading,
                text,
                lines,
                repairs: &[],
            },
        );
        if let Some(p) = parent {
            self.b.extend_to(p, lines[1]);
        }
        for number in found {
            self.markers.push(MarkerRef {
                number,
                node: id.clone(),
                line: lines[0],
            });
        }
        id
    }

    fn add_with_repairs(&mut self, id: &str, repairs: &[String]) {
        if let Some(node) = self.b.node_mut(id) {
            for r in repairs {
                if !node.repairs.contains(r) {
                    node.repairs.push(r.clone());
                }
            }
        }
    }

    /// Replaces footnote markers glued to words ("айтылады1 .", "«Нұсқаулық»2)") with
    /// superscript digits, accepting only the next number in sequence.
    fn mark(&mut self, text: &str) -> (String, Vec<u32>) {
        if !text.bytes().any(|b| b.is_ascii_digit()) {
            return (text.to_string(), Vec::new());
        }
        let mut out = String::with_capacity(text.len());
        let mut found = Vec::new();
        let mut last = 0;
        for c in FOOTNOTE_MARKER.captures_iter(text) {
            let number: u32 = c[2].parse().unwrap_or(0);
            if number != self.next_marker {
                continue;
            }
            let (Some(digits), Some(after)) = (c.get(2), c.get(3)) else {
                continue;
            };
            out.push_str(&text[last..digits.start()]);
            out.push_str(&superscript(number));
            out.push_str(after.as_str());
            last = after.end();
            found.push(number);
            self.next_marker += 1;
        }
        out.push_str(&text[last..]);
        (out, found)
    }

    fn warn(&mut self, code: &str, line: u32, node: &str, message: String) {
        let d = Diagnostic::warning(code, self.b.file(), line, message).at_node(node);
        self.b.diagnostic(d);
    }

    // ----- reading the lines between markers -----

    fn flush(&mut self, start: usize, end: usize) {
        if start >= end {
            return;
        }
        let lines = &self.lines[start..end];
        match self.mode {
            Mode::Body => self.prose(lines),
            Mode::Questions => self.questions(lines),
            Mode::Sources => self.entries(lines),
            Mode::Case => self.scenario(lines),
            Mode::CaseQuestions => self.case_questions(lines),
            Mode::Orphan => {
                let bibliographic = lines
                    .iter()
                    .filter(|l| BIBLIOGRAPHIC.is_match(&l.text))
                    .count();
                if bibliographic >= 2 {
                    self.close_all();
                    let first = [lines[0].raw[0], lines[0].raw[0]];
                    let id = self.open_list(None, None, first);
                    self.warn(
                        "bibliography-heading-lost",
                        first[0],
                        &id,
                        "a source list starts here without its heading or first entries".into(),
                    );
                    self.entries(lines);
                } else {
                    self.mode = Mode::Body;
                    self.prose(lines);
                }
            }
        }
    }

    fn prose(&mut self, lines: &[TextLine]) {
        let parent = self.container();
        for block in norm::paragraphs(lines) {
            let key = parent.clone().unwrap_or_default();
            if let Some((prev_id, prev_text)) = self.last_paragraph.get(&key) {
                let close =
                    prev_text.len().abs_diff(block.text.len()) <= 16 && prev_text.len() > 40;
                if close && letters_only(prev_text).eq(letters_only(&block.text)) {
                    let prev_id = prev_id.clone();
                    // The repeat may carry a footnote marker the first copy lacks.
                    let (marked, found) = self.mark(&block.text);
                    if !found.is_empty() {
                        if let Some(node) = self.b.node_mut(&prev_id) {
                            node.text = marked;
                        }
                        for number in found {
                            self.markers.push(MarkerRef {
                                number,
                                node: prev_id.clone(),
                                line: block.lines[0],
                            });
                        }
                    }
                    self.b.set_attr(
                        &prev_id,
                        "repeated_at",
                        format!("{}-{}", block.lines[0], block.lines[1]),
                    );
                    self.warn("duplicate-passage", block.lines[0], &prev_id, format!("lines {}-{} repeat the paragraph before them word for word; the repeat is left out", block.lines[0], block.lines[1]));
                    continue;
                }
            }
            let slug = self.next_slug(parent.as_deref(), "para");
            let id = self.add(
                parent.as_deref(),
                NodeKind::Paragraph,
                slug,
                None,
                None,
                block.text.clone(),
                block.lines,
            );
            self.add_with_repairs(&id, &block.repairs);
            self.glossary_from(&id, block.lines);
            self.last_paragraph.insert(key, (id, block.text));
        }
    }

    /// Definitions and abbreviations written in a paragraph go to the document's lists.
    fn glossary_from(&mut self, id: &str, lines: [u32; 2]) {
        let Some(text) = self.b.node(id).map(|n| n.text.clone()) else {
            return;
        };
        let source = Source {
            file: self.b.file().to_string(),
            lines,
        };
        let document = self.b.document().to_string();
        for d in glossary::definitions_in(&text) {
            self.b.terms.push(Term {
                term: d.term,
                definition: d.definition,
                document: document.clone(),
                node: id.to_string(),
                source: source.clone(),
            });
        }
        for a in glossary::abbreviations_in(&text) {
            self.b.abbreviations.push(Abbreviation {
                short: a.short,
                expansion: a.expansion,
                document: document.clone(),
                node: id.to_string(),
                source: source.clone(),
            });
        }
    }

    fn questions(&mut self, lines: &[TextLine]) {
        let Some(block) = self.block.clone() else {
            return self.prose(lines);
        };
        for item in items::split(lines, Style::Questions) {
            let part = &lines[item.lines.0..item.lines.1];
            let range = [part[0].raw[0], part[part.len() - 1].raw[1]];
            let text = item_text(part, &item.first);
            match item.number {
                Some(n) if reads_as_question(&text) => {
                    let id = self.add(
                        Some(&block),
                        NodeKind::Question,
                        format!("q-{n}"),
                        Some(n.to_string()),
                        None,
                        text,
                        range,
                    );
                    if item.inferred {
                        self.b.set_attr(&id, "number_inferred", "true");
                        self.warn(
                            "question-number-lost",
                            range[0],
                            &id,
                            format!("this question has no number in the text; it is taken as {n}"),
                        );
                    }
                }
                number => {
                    let slug = self.next_slug(Some(&block), "para");
                    let id = self.add(
                        Some(&block),
                        NodeKind::Paragraph,
                        slug,
                        None,
                        None,
                        norm::join_text(part),
                        range,
                    );
                    self.b.set_attr(&id, "stray", "true");
                    let what = match number {
                        Some(n) => format!(
                            "item {n} of the question block is not a question (pasted text?)"
                        ),
                        None => "text in a question block before its first question".to_string(),
                    };
                    self.warn("stray-in-question-block", range[0], &id, what);
                }
            }
        }
    }

    fn entries(&mut self, lines: &[TextLine]) {
        let Some(mut list) = self.list.clone() else {
            return self.prose(lines);
        };
        let items = items::split(lines, Style::Entries);
        let first_number = items.iter().find_map(|it| it.number);
        for (k, item) in items.iter().enumerate() {
            let part = &lines[item.lines.0..item.lines.1];
            let range = [part[0].raw[0], part[part.len() - 1].raw[1]];
            let text = item_text(part, &item.first);
            if item.restart {
                let parent = self.b.node(&list).and_then(|n| n.parent.clone());
                list = self.open_list(parent, None, range);
                self.b.set_attr(&list, "heading_lost", "false");
                self.warn(
                    "source-numbering-restarts",
                    range[0],
                    &list,
                    "the numbering restarts at 1: a second list".into(),
                );
            }
            let (slug, number, truncated_head) = match item.number {
                Some(n) => (n.to_string(), Some(n.to_string()), false),
                None if k == 0 && self.list_headless => {
                    let n = first_number.map_or(0, |f| f.saturating_sub(1));
                    (n.to_string(), Some(n.to_string()), true)
                }
                None => {
                    let slug = self.next_slug(Some(&list), "para");
                    self.add(
                        Some(&list),
                        NodeKind::Paragraph,
                        slug,
                        None,
                        None,
                        norm::join_text(part),
                        range,
                    );
                    continue;
                }
            };
            let id = self.add(
                Some(&list),
                NodeKind::SourceEntry,
                slug,
                number,
                None,
                text.clone(),
                range,
            );
            for (key, value) in entry_attrs(&text) {
                self.b.set_attr(&id, &key, value);
            }
            // Only the last entry before the next heading can be cut by a lost page; inner
            // entries without a final period are merely unpunctuated.
            let is_last = k + 1 == items.len();
            let cut_end = is_last && !text.ends_with(['.', ')', '»', '"']);
            if truncated_head || cut_end {
                self.b.set_attr(&id, "truncated", "true");
                self.warn(
                    "source-entry-truncated",
                    range[0],
                    &id,
                    "this source entry is cut off in the text".into(),
                );
            }
            if truncated_head {
                self.b.set_attr(&id, "number_inferred", "true");
            }
        }
    }

    fn scenario(&mut self, lines: &[TextLine]) {
        let Some(case) = self.case.clone() else {
            return self.prose(lines);
        };
        // A case with no "Сұрақтары:" label may still end in numbered questions after a
        // lead-in such as "Келесі сұрақтарға жазбаша жауап беріңіз:".
        let split_at = lines
            .iter()
            .position(|l| l.text.to_lowercase().contains("сұрақ") && l.text.ends_with(':'));
        let (story, questions) = match split_at {
            Some(k)
                if lines
                    .get(k + 1)
                    .is_some_and(|l| NUMBERED_LINE.is_match(&l.text)) =>
            {
                lines.split_at(k + 1)
            }
            _ => (lines, &[][..]),
        };
        let text: Vec<String> = norm::paragraphs(story)
            .into_iter()
            .map(|b| b.text)
            .collect();
        let (text, found) = self.mark(&text.join("\n"));
        let first_line = story.first().map_or(0, |l| l.raw[0]);
        for number in found {
            self.markers.push(MarkerRef {
                number,
                node: case.clone(),
                line: first_line,
            });
        }
        if let Some(node) = self.b.node_mut(&case) {
            node.text = text;
        }
        if let Some(last) = lines.last() {
            self.b.extend_to(&case, last.raw[1]);
        }
        if !questions.is_empty() {
            self.case_questions(questions);
        }
    }

    fn case_questions(&mut self, lines: &[TextLine]) {
        let Some(case) = self.case.clone() else {
            return self.prose(lines);
        };
        let numbered = lines.iter().any(|l| NUMBERED_LINE.is_match(&l.text));
        if numbered {
            for item in items::split(lines, Style::Questions) {
                let part = &lines[item.lines.0..item.lines.1];
                let range = [part[0].raw[0], part[part.len() - 1].raw[1]];
                let text = item_text(part, &item.first);
                let slug = match item.number {
                    Some(n) => format!("q-{n}"),
                    None => self.next_slug(Some(&case), "q-x"),
                };
                self.add(
                    Some(&case),
                    NodeKind::Question,
                    slug,
                    item.number.map(|n| n.to_string()),
                    None,
                    text,
                    range,
                );
            }
            return;
        }
        // Unnumbered questions: one per sentence-final line.
        let mut start = 0;
        let mut n = 0;
        for (i, line) in lines.iter().enumerate() {
            if line.text.ends_with(['?', '.', '!']) || i + 1 == lines.len() {
                n += 1;
                let part = &lines[start..=i];
                let range = [part[0].raw[0], part[part.len() - 1].raw[1]];
                let id = self.add(
                    Some(&case),
                    NodeKind::Question,
                    format!("q-{n}"),
                    Some(n.to_string()),
                    None,
                    norm::join_text(part),
                    range,
                );
                self.b.set_attr(&id, "number_inferred", "true");
                start = i + 1;
            }
        }
    }

    // ----- after the walk -----

    /// The colophon joins the graph as back matter, so its lines have an address.
    pub fn add_colophon(&mut self, lines: &[TextLine]) {
        self.next_marker = u32::MAX; // markers live in the body only
        let (Some(first), Some(last)) = (lines.first(), lines.last()) else {
            return;
        };
        let text: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        self.add(
            None,
            NodeKind::Matter,
            "colophon".into(),
            None,
            None,
            text.join("\n"),
            [first.raw[0], last.raw[1]],
        );
    }

    /// Footnote bodies become nodes and link to the node holding their marker.
    pub fn add_footnotes(&mut self, footnotes: &[FootnoteText]) {
        self.next_marker = u32::MAX; // footnote bodies hold no markers
        let mut used = vec![false; self.markers.len()];
        for f in footnotes {
            let at = self
                .markers
                .iter()
                .enumerate()
                .position(|(k, m)| !used[k] && m.number == f.number);
            let id = self.add(
                None,
                NodeKind::Footnote,
                format!("fn-{}", f.number),
                Some(f.number.to_string()),
                None,
                f.text.clone(),
                f.lines,
            );
            self.add_with_repairs(&id, &f.repairs);
            self.b
                .set_attr(&id, "lang", super::sources::language(&f.text));
            match at {
                Some(k) => {
                    used[k] = true;
                    let node = self.markers[k].node.clone();
                    self.b.set_attr(&id, "ref", node.clone());
                    let existing = self
                        .b
                        .node(&node)
                        .and_then(|n| n.attrs.get("footnotes").cloned());
                    let list = match existing {
                        Some(prev) => format!("{prev} {id}"),
                        None => id.clone(),
                    };
                    self.b.set_attr(&node, "footnotes", list);
                }
                None => self.warn(
                    "footnote-unreferenced",
                    f.lines[0],
                    &id,
                    format!("footnote {} has no marker in the text", f.number),
                ),
            }
        }
        let missing: Vec<(u32, String, String)> = self
            .markers
            .iter()
            .zip(&used)
            .filter(|(_, u)| !**u)
            .map(|(m, _)| {
                (
                    m.line,
                    m.node.clone(),
                    format!(
                        "footnote marker {} has no footnote text (lost in extraction)",
                        m.number
                    ),
                )
            })
            .collect();
        for (line, node, message) in missing {
            self.b.set_attr(&node, "footnotes_lost", "true");
            self.warn("footnote-missing", line, &node, message);
        }
    }

    /// Flags cases whose scenario repeats an earlier case with other names (word-stem
    /// overlap of at least [`NEAR_DUPLICATE`]).
    pub fn flag_duplicate_cases(&mut self) {
        let cases: Vec<(String, u32, HashSet<String>)> = self
            .case_ids
            .iter()
            .filter_map(|id| {
                self.b
                    .node(id)
                    .map(|n| (id.clone(), n.source.lines[0], stems(&n.text)))
            })
            .collect();
        for (k, (id, line, words)) in cases.iter().enumerate() {
            let best = cases[..k]
                .iter()
                .map(|(other, _, w)| (other, overlap(words, w)))
                .filter(|(_, score)| *score >= NEAR_DUPLICATE)
                .max_by(|a, b| a.1.total_cmp(&b.1));
            if let Some((other, score)) = best {
                let other = other.clone();
                self.b.set_attr(id, "near_duplicate_of", other.clone());
                self.b.set_attr(id, "similarity", format!("{score:.2}"));
                self.warn(
                    "near-duplicate-case",
                    *line,
                    id,
                    format!("this case repeats `{other}` with other names (similarity {score:.2})"),
                );
            }
        }
    }

    pub fn finish(
        self,
        meta: DocMeta,
        printed_title: Option<String>,
    ) -> (DocumentTree, Vec<Diagnostic>) {
        self.b.finish(meta, printed_title)
    }
}

/// A question block ends abruptly (a lost page) when a finished question is followed by
/// a line that starts in lower case.
fn question_block_cut(lines: &[TextLine], i: usize) -> bool {
    let starts_lower = lines[i].text.chars().next().is_some_and(char::is_lowercase);
    starts_lower && lines[i - 1].text.ends_with('?')
}

/// The text of an item: its first line without the number, then its other lines.
fn item_text(part: &[TextLine], first: &str) -> String {
    let mut lines = part.to_vec();
    if let Some(l) = lines.first_mut() {
        l.text = first.to_string();
    }
    norm::join_text(&lines)
}

/// Two case scenarios this similar are the same case with other names.
const NEAR_DUPLICATE: f64 = 0.5;

/// Stems (first five letters) of the words of four letters or more, lower-cased.
fn stems(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 4)
        .map(|w| w.to_lowercase().chars().take(5).collect())
        .collect()
}

/// Jaccard overlap of two stem sets.
fn overlap(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f64 / union as f64
}

/// Text reduced to its letters in lower case, for comparing passages (a repeat may differ
/// only by a footnote marker). An iterator, not a string: two paragraphs of about the same
/// length are compared for almost every paragraph, and most differ in the first words.
fn letters_only(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars()
        .filter(|&c| crate::normalize::chars::is_alphabetic(c))
        .flat_map(char::to_lowercase)
}

fn norm_title(title: &str) -> String {
    title
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

fn superscript(n: u32) -> String {
    n.to_string()
        .chars()
        .map(|c| match c {
            '0' => '⁰',
            '1' => '¹',
            '2' => '²',
            '3' => '³',
            '4' => '⁴',
            '5' => '⁵',
            '6' => '⁶',
            '7' => '⁷',
            '8' => '⁸',
            _ => '⁹',
        })
        .collect()
}
