//! The body grammar that orders, instructions and laws share: numbered points "N.",
//! subpoints "N)", unnumbered list items and paragraphs, and editorial notes.
//!
//! ```text
//! Point := 6sp N(-M)? "." text (Sub | Item | Para | Note)*
//! Sub   := 6sp N(-M)? ")" text (Item | Para)*
//! Item  := 6sp unnumbered text, when its parent ends in ':' (a list: the third level)
//! Para  := 6sp unnumbered text otherwise (абзац)
//! Note  := 6sp "Ескерту. " …  (closes the point it follows)
//! ```

use super::definitions;
use super::header::{self, NoteFacts};
use super::tree::{NewNode, TreeBuilder};
use crate::diagnostic::Diagnostic;
use crate::graph::{Abbreviation, ActRef, DocMeta, NodeKind, Term};
use crate::normalize::Block;
use regex::Regex;
use std::sync::LazyLock;

static POINT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d+(?:-\d+)?)\.\s+").expect("static regex"));
static SUBPOINT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d+(?:-\d+)?)\)\s*").expect("static regex"));

/// What a block of an act's body is, by its first characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unit {
    Point { number: String, rest: String },
    Subpoint { number: String, rest: String },
    Note,
    Paragraph,
}

pub fn classify(text: &str) -> Unit {
    if text.starts_with("Ескерту.") {
        return Unit::Note;
    }
    if !text.starts_with(|c: char| c.is_ascii_digit()) {
        return Unit::Paragraph;
    }
    if let Some((number, rest)) = split_number(&POINT, text) {
        return Unit::Point { number, rest };
    }
    if let Some((number, rest)) = split_number(&SUBPOINT, text) {
        return Unit::Subpoint { number, rest };
    }
    Unit::Paragraph
}

/// Splits `text` into the number a prefix pattern captures and the text after the prefix.
pub fn split_number(prefix: &Regex, text: &str) -> Option<(String, String)> {
    let caps = prefix.captures(text)?;
    let end = caps.get(0)?.end();
    Some((caps[1].to_string(), text[end..].to_string()))
}

/// The numbered units open at the current position.
#[derive(Debug, Default)]
pub struct UnitStack {
    pub point: Option<String>,
    pub subpoint: Option<String>,
    /// Points of the zone so far: printed number → id (for notes that name their point).
    points: Vec<(String, String)>,
    preamble_seen: bool,
}

/// Builds a node description from a block.
pub fn new_node<'a>(
    kind: NodeKind,
    slug: &str,
    number: Option<String>,
    text: &str,
    block: &'a Block,
) -> NewNode<'a> {
    NewNode {
        kind,
        slug: slug.to_string(),
        number,
        heading: None,
        text: text.to_string(),
        lines: block.lines,
        repairs: &block.repairs,
    }
}

/// The first words of a text, for messages.
pub fn snippet(text: &str) -> String {
    let short: String = text.chars().take(60).collect();
    if short.len() < text.len() {
        format!("{short}…")
    } else {
        short
    }
}

/// Is the next numbered block (skipping paragraphs and notes) a subpoint? A paragraph
/// followed by more subpoints belongs to the subpoint before it; one after the last
/// subpoint belongs to the point.
pub fn next_numbered_is_subpoint(rest: &[Block]) -> bool {
    for block in rest {
        if block.indent < 6 {
            return false;
        }
        match classify(&block.text) {
            Unit::Subpoint { .. } => return true,
            Unit::Point { .. } => return false,
            _ => {}
        }
    }
    false
}

/// Adds one indented body block under `parent` (the order node or the current chapter).
pub fn body_block(
    tree: &mut TreeBuilder,
    units: &mut UnitStack,
    parent: Option<&str>,
    block: &Block,
    next_is_subpoint: bool,
) {
    match classify(&block.text) {
        Unit::Point { number, rest } => {
            let slug = format!("p-{number}");
            let id = tree.add(
                parent,
                new_node(NodeKind::Point, &slug, Some(number.clone()), &rest, block),
            );
            units.points.push((number, id.clone()));
            units.point = Some(id);
            units.subpoint = None;
        }
        Unit::Subpoint { number, rest } => {
            let owner = units.point.clone().or_else(|| parent.map(str::to_owned));
            let slug = format!("sp-{number}");
            let id = tree.add(
                owner.as_deref(),
                new_node(NodeKind::Subpoint, &slug, Some(number), &rest, block),
            );
            units.subpoint = Some(id);
        }
        Unit::Note => note(tree, units, parent, block),
        Unit::Paragraph => paragraph(tree, units, parent, block, next_is_subpoint),
    }
}

fn paragraph(
    tree: &mut TreeBuilder,
    units: &mut UnitStack,
    parent: Option<&str>,
    block: &Block,
    next_is_subpoint: bool,
) {
    let owner = match (&units.subpoint, &units.point) {
        (Some(sub), _) if next_is_subpoint || opens_list(tree, sub) => Some(sub.clone()),
        (_, Some(point)) => Some(point.clone()),
        _ => None,
    };
    let Some(owner) = owner else {
        // Before the first point: the order's preamble, or a chapter's opening paragraph.
        let is_order = parent.is_some_and(|p| p.ends_with("/order"));
        if is_order && !units.preamble_seen {
            units.preamble_seen = true;
            tree.add(
                parent,
                new_node(NodeKind::Preamble, "preamble", None, &block.text, block),
            );
        } else {
            let n = tree.count_children(parent, NodeKind::Paragraph) + 1;
            tree.add(
                parent,
                new_node(
                    NodeKind::Paragraph,
                    &format!("para-{n}"),
                    None,
                    &block.text,
                    block,
                ),
            );
        }
        return;
    };
    let kind = if opens_list(tree, &owner) {
        NodeKind::ListItem
    } else {
        NodeKind::Paragraph
    };
    let slug = match kind {
        NodeKind::ListItem => format!("item-{}", tree.count_children(Some(&owner), kind) + 1),
        _ => format!("para-{}", tree.count_children(Some(&owner), kind) + 1),
    };
    tree.add(
        Some(&owner),
        new_node(kind, &slug, None, &block.text, block),
    );
    tree.extend_to(&owner, block.lines[1]);
}

/// A unit whose text ends in ':' opens a list; the list goes on while its items end in ';'.
fn opens_list(tree: &TreeBuilder, owner: &str) -> bool {
    let Some(node) = tree.node(owner) else {
        return false;
    };
    let last_child = node
        .children
        .iter()
        .rev()
        .find_map(|c| tree.node(c))
        .filter(|c| c.kind != NodeKind::Note);
    match last_child {
        Some(child) if child.kind == NodeKind::ListItem => continues_list(&child.text),
        // A paragraph ending in ':' introduces a list of its own ("… саналады:").
        Some(child) if child.kind == NodeKind::Paragraph => child.text.trim_end().ends_with(':'),
        Some(_) => false,
        None => node.text.trim_end().ends_with(':'),
    }
}

/// A list item ending in ';' or ',' is followed by another item; one ending in '.' (even
/// as `.";`, the closing quote of an amending order left in the text) ends the list.
fn continues_list(text: &str) -> bool {
    let text = text.trim_end();
    let body = text
        .trim_end_matches([';', ','])
        .trim_end_matches(['"', '»']);
    text.ends_with([';', ',']) && !body.ends_with('.')
}

/// An editorial note closes the numbered unit before it. A note that names another point
/// ("Ескерту. 3-тармақ …") than the one it follows is attached to the one it follows and
/// reported; a note before any point belongs to the document (the repeal note).
fn note(tree: &mut TreeBuilder, units: &mut UnitStack, parent: Option<&str>, block: &Block) {
    let facts = header::read_note(&block.text);
    let owner = units.point.clone();
    if let (Some(point), Some(target)) = (&owner, &facts.target) {
        let number = tree
            .node(point)
            .and_then(|n| n.number.clone())
            .unwrap_or_default();
        if &number != target && !units.points.iter().any(|(n, _)| n == target) {
            tree.diagnostic(
                Diagnostic::warning(
                    "note-target",
                    tree.file(),
                    block.lines[0],
                    format!("the note names point {target} but follows point {number}"),
                )
                .at_node(point),
            );
        }
    }
    let at_top = owner.is_none() && parent.is_none_or(|p| p.ends_with("/order"));
    if owner.is_none() && !at_top {
        tree.diagnostic(Diagnostic::warning(
            "orphan-note",
            tree.file(),
            block.lines[0],
            "an editorial note before any point: it attaches to nothing",
        ));
    }
    let attach_to = if at_top && !units.preamble_seen {
        None
    } else {
        owner.clone().or(parent.map(str::to_owned))
    };
    let n = tree.count_children(attach_to.as_deref(), NodeKind::Note) + 1;
    let id = tree.add(
        attach_to.as_deref(),
        new_node(
            NodeKind::Note,
            &format!("note-{n}"),
            None,
            &block.text,
            block,
        ),
    );
    record_note_facts(tree, &id, owner.as_deref(), &facts);
    if let Some(owner) = &owner {
        tree.extend_to(owner, block.lines[1]);
    }
}

fn record_note_facts(tree: &mut TreeBuilder, note: &str, owner: Option<&str>, facts: &NoteFacts) {
    tree.set_attr(note, "operation", facts.operations.join(" "));
    let dates: Vec<String> = facts.acts.iter().filter_map(|a| a.date.clone()).collect();
    let numbers: Vec<String> = facts.acts.iter().filter_map(|a| a.number.clone()).collect();
    if !dates.is_empty() {
        tree.set_attr(
            note,
            "acts",
            format!("{} № {}", dates.join(", "), numbers.join(", ")),
        );
    }
    let latest = dates.iter().max().cloned();
    if let (Some(owner), Some(latest)) = (owner, latest) {
        // The wording of the point dates from its latest amendment: citations in it are
        // resolved against the statutes in force then.
        tree.set_attr(owner, "amended_on", latest);
    }
}

/// Collects the amending orders named in notes into the document's metadata, and the
/// repeal from a repeal note when the header had none.
pub fn record_amendments(tree: &mut TreeBuilder, meta: &mut DocMeta) {
    let notes: Vec<(String, String)> = tree
        .nodes()
        .filter(|n| n.kind == NodeKind::Note)
        .map(|n| (n.text.clone(), n.id.clone()))
        .collect();
    for (text, _) in notes {
        let facts = header::read_note(&text);
        if facts.operations.contains(&"repealed") && facts.target.is_none() {
            if meta.repealed_by.is_none() {
                meta.repealed_by = facts.acts.first().cloned();
            }
            continue;
        }
        for act in facts.acts {
            let known = meta
                .amended_by
                .iter()
                .any(|a| a.date == act.date && a.number == act.number);
            if !known {
                meta.amended_by.push(ActRef {
                    issuer: Some("ҚР Бас Прокурорының бұйрығы".to_string()),
                    ..act
                });
            }
        }
    }
    meta.amended_by.sort_by(|a, b| a.date.cmp(&b.date));
}

/// Abbreviations "(бұдан әрі – X)" from every node, and the defined-terms list
/// ("… негізгі ұғымдар:" followed by "term – definition" subpoints).
pub fn collect_definitions(tree: &mut TreeBuilder) {
    let mut abbreviations = Vec::new();
    let mut terms = Vec::new();
    for node in tree.nodes() {
        for d in definitions::abbreviations(&node.text) {
            abbreviations.push(Abbreviation {
                short: d.short,
                expansion: d.expansion,
                document: node.document.clone(),
                node: node.id.clone(),
                source: node.source.clone(),
            });
        }
        if !definitions::introduces_terms(&node.text) {
            continue;
        }
        for child in node.children.iter().filter_map(|c| tree.node(c)) {
            if let Some((term, definition)) = definitions::term_and_definition(&child.text) {
                terms.push(Term {
                    term,
                    definition,
                    document: child.document.clone(),
                    node: child.id.clone(),
                    source: child.source.clone(),
                });
            }
        }
    }
    tree.abbreviations.extend(abbreviations);
    tree.terms.extend(terms);
}
