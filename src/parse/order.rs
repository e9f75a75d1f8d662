//! A Prosecutor General order and the instruction it approves.
//!
//! The document has three zones, read in order: the header (title, status, the act's
//! identification, the repeal note), the order (preamble ending in "БҰЙЫРАМЫН", numbered
//! points, signature) and the approved instruction (its title, chapters, points numbered
//! across chapters, subpoints, unnumbered list items and paragraphs, editorial notes).
//! Chapters are written "Тарау N." or "N. Title" at column 0; only the indent tells a
//! chapter "N. Title" from a point "N. text".

use super::acts::{self, Unit};
use super::header;
use super::tree::{NewNode, TreeBuilder};
use crate::corrections::Correction;
use crate::diagnostic::Diagnostic;
use crate::graph::{DocMeta, DocumentTree, NodeKind};
use crate::load::RawDocument;
use crate::normalize::{self, layout, Block};
use regex::Regex;
use std::sync::LazyLock;

pub fn parse(doc: &RawDocument, corrections: &[Correction]) -> (DocumentTree, Vec<Diagnostic>) {
    let blocks = layout::normalize(normalize::apply_corrections(doc, corrections));
    let mut parser = OrderParser::new(doc);
    parser.read(&blocks);
    parser.finish()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Zone {
    Header,
    Order,
    Instruction,
}

/// The chapter heading forms: "Тарау 2. Title", "2-тарау. Title", "2 тарау. Title", "2. Title".
static CHAPTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Тарау\s+(\d+(?:-\d+)?)\.|(\d+(?:-\d+)?)(?:-|\s)тарау\.|(\d+(?:-\d+)?)\.)\s*")
        .expect("static regex")
});

struct OrderParser {
    tree: TreeBuilder,
    meta: DocMeta,
    printed_title: Option<String>,
    zone: Zone,
    order: Option<String>,
    chapter: Option<String>,
    units: acts::UnitStack,
}

impl OrderParser {
    fn new(doc: &RawDocument) -> Self {
        OrderParser {
            tree: TreeBuilder::new(&doc.entry.id, &doc.entry.file),
            meta: DocMeta::default(),
            printed_title: None,
            zone: Zone::Header,
            order: None,
            chapter: None,
            units: acts::UnitStack::default(),
        }
    }

    fn read(&mut self, blocks: &[Block]) {
        for (i, block) in blocks.iter().enumerate() {
            if self.zone == Zone::Header && block.indent >= 6 {
                self.open_order(block);
            }
            match self.zone {
                Zone::Header => self.header_block(block),
                Zone::Order | Zone::Instruction if block.indent < 6 => self.column_block(block),
                Zone::Order if header::is_signature(&block.text) => self.column_block(block),
                _ => {
                    let next_is_subpoint = acts::next_numbered_is_subpoint(&blocks[i + 1..]);
                    let parent = self.zone_parent();
                    acts::body_block(
                        &mut self.tree,
                        &mut self.units,
                        parent.as_deref(),
                        block,
                        next_is_subpoint,
                    );
                }
            }
        }
        acts::collect_definitions(&mut self.tree);
    }

    fn header_block(&mut self, block: &Block) {
        let text = block.text.as_str();
        if self.printed_title.is_none() {
            self.printed_title = Some(text.to_string());
        } else if layout::STATUS_LINES.contains(&text) {
            self.meta.status = Some(text.to_string());
        } else if !header::read_identification(text, &mut self.meta) {
            self.tree.diagnostic(Diagnostic::warning(
                "unknown-header",
                self.tree.file(),
                block.lines[0],
                "header paragraph is neither the title, a status nor the act's identification",
            ));
        }
    }

    fn open_order(&mut self, block: &Block) {
        self.zone = Zone::Order;
        let id = self.tree.add(
            None,
            NewNode {
                kind: NodeKind::Order,
                slug: "order".to_string(),
                number: self.meta.number.clone(),
                heading: self.printed_title.clone(),
                text: String::new(),
                lines: block.lines,
                repairs: &[],
            },
        );
        self.order = Some(id);
    }

    /// The node that numbered units of the current zone hang under.
    fn zone_parent(&self) -> Option<String> {
        match self.zone {
            Zone::Order => self.order.clone(),
            _ => self.chapter.clone(),
        }
    }

    /// A block at column 0 (or indent 1–5) after the header: the signature, the
    /// instruction's title or a chapter heading.
    fn column_block(&mut self, block: &Block) {
        let text = block.text.as_str();
        if self.zone == Zone::Order && header::is_signature(text) {
            self.meta.signature = Some(text.to_string());
            let parent = self.order.clone();
            self.tree.add(
                parent.as_deref(),
                acts::new_node(NodeKind::Signature, "signature", None, text, block),
            );
            return;
        }
        if self.zone == Zone::Order || is_instruction_title(text) {
            if self.zone == Zone::Instruction {
                self.tree.diagnostic(Diagnostic::warning(
                    "second-title",
                    self.tree.file(),
                    block.lines[0],
                    "a second instruction title; the document approves one instruction",
                ));
            }
            self.zone = Zone::Instruction;
            self.units = acts::UnitStack::default();
            self.meta.instruction_title = Some(text.to_string());
            return;
        }
        match CHAPTER.captures(text) {
            Some(caps) => {
                let number = caps
                    .get(1)
                    .or(caps.get(2))
                    .or(caps.get(3))
                    .map(|m| m.as_str().to_string());
                let heading = text[caps.get(0).map_or(0, |m| m.end())..]
                    .trim()
                    .to_string();
                let slug = format!("ch-{}", number.as_deref().unwrap_or("x"));
                let mut new = acts::new_node(NodeKind::Chapter, &slug, number, "", block);
                new.heading = Some(heading);
                self.chapter = Some(self.tree.add(None, new));
                self.units = acts::UnitStack::default();
            }
            None => {
                self.tree.diagnostic(Diagnostic::warning(
                    "unknown-block",
                    self.tree.file(),
                    block.lines[0],
                    format!(
                        "column-0 text is not a chapter heading: `{}`",
                        acts::snippet(text)
                    ),
                ));
                let parent = self.zone_parent();
                acts::body_block(
                    &mut self.tree,
                    &mut self.units,
                    parent.as_deref(),
                    block,
                    false,
                );
            }
        }
    }

    fn finish(mut self) -> (DocumentTree, Vec<Diagnostic>) {
        acts::record_amendments(&mut self.tree, &mut self.meta);
        if self.meta.date.is_none() {
            self.tree.diagnostic(Diagnostic::warning(
                "no-identification",
                self.tree.file(),
                1,
                "the header has no identification sentence (issuer, date, number)",
            ));
        }
        self.tree.finish(self.meta, self.printed_title)
    }
}

/// The approved instruction's title ends in a capitalised word ("… жөніндегі НҰСҚАУЛЫҚ").
fn is_instruction_title(text: &str) -> bool {
    text.split_whitespace().last().is_some_and(|w| {
        let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
        letters.len() >= 5 && letters.iter().all(|c| c.is_uppercase())
    }) && !matches!(acts::classify(text), Unit::Point { .. })
}
