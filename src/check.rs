//! Stage 5, check: diagnostics computed from the finished graph (numbering gaps and
//! duplicates). Parsers report what only they can see (a note with nothing to attach to).

use crate::diagnostic::Diagnostic;
use crate::graph::{Graph, Node, NodeKind};

/// Runs every graph-level check.
pub fn check(graph: &Graph) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for doc in &graph.documents {
        check_siblings(graph, &doc.children, &mut out);
        check_across_chapters(graph, &doc.children, &mut out);
    }
    for node in &graph.nodes {
        if node.kind != NodeKind::Chapter {
            check_siblings(graph, &node.children, &mut out);
        }
        check_across_chapters(graph, &node.children, &mut out);
    }
    out
}

/// Points of an instruction (and articles of a law) are numbered continuously across
/// chapters: check them as one run over the chapters among `children`.
fn check_across_chapters(graph: &Graph, children: &[String], out: &mut Vec<Diagnostic>) {
    let chapters: Vec<&Node> = children
        .iter()
        .filter_map(|id| graph.node(id))
        .filter(|n| n.kind == NodeKind::Chapter)
        .collect();
    if chapters.is_empty() {
        return;
    }
    for kind in [NodeKind::Point, NodeKind::Article] {
        let run: Vec<&Node> = chapters
            .iter()
            .flat_map(|c| c.children.iter().filter_map(|id| graph.node(id)))
            .filter(|n| n.kind == kind)
            .collect();
        check_run(&run, out);
    }
    // Other numbered units inside a chapter restart with it.
    for chapter in chapters {
        let nodes: Vec<&Node> = chapter
            .children
            .iter()
            .filter_map(|id| graph.node(id))
            .collect();
        check_runs_by_kind(
            &nodes,
            |k| is_numbered(k) && !matches!(k, NodeKind::Point | NodeKind::Article),
            out,
        );
    }
}

/// Kinds whose numbers should run 1, 2, 3, … among siblings.
fn is_numbered(kind: NodeKind) -> bool {
    matches!(
        kind,
        NodeKind::Chapter
            | NodeKind::Point
            | NodeKind::Subpoint
            | NodeKind::Article
            | NodeKind::AmendedAct
            | NodeKind::AmendmentItem
            | NodeKind::Topic
            | NodeKind::Question
    )
}

/// Checks that numbered siblings of each kind run without gaps or repeats. Inserted units
/// (`3-1` after `3`) are allowed; points numbered continuously across chapters are checked
/// across the chapters.
fn check_siblings(graph: &Graph, children: &[String], out: &mut Vec<Diagnostic>) {
    let nodes: Vec<&Node> = children.iter().filter_map(|id| graph.node(id)).collect();
    check_runs_by_kind(&nodes, is_numbered, out);
}

/// Checks the numbering of `nodes` separately for each kind that `counts` selects.
fn check_runs_by_kind(
    nodes: &[&Node],
    counts: impl Fn(NodeKind) -> bool,
    out: &mut Vec<Diagnostic>,
) {
    let mut kinds: Vec<NodeKind> = nodes
        .iter()
        .map(|n| n.kind)
        .filter(|k| counts(*k))
        .collect();
    kinds.sort();
    kinds.dedup();
    for kind in kinds {
        let run: Vec<&Node> = nodes.iter().copied().filter(|n| n.kind == kind).collect();
        check_run(&run, out);
    }
}

fn check_run(run: &[&Node], out: &mut Vec<Diagnostic>) {
    let mut previous: Option<(u32, &Node)> = None;
    for node in run {
        let Some(number) = node.number.as_deref() else {
            continue;
        };
        let Some(main) = main_number(number) else {
            continue;
        };
        let inserted = number.contains('-');
        if let Some((prev, prev_node)) = previous {
            let expected = if inserted { prev } else { prev + 1 };
            if main == prev && !inserted {
                out.push(located(
                    "duplicate-number",
                    node,
                    format!(
                        "{} {number} repeats the number of the {} before it",
                        node.kind.name(),
                        prev_node.kind.name()
                    ),
                ));
            } else if main > expected {
                out.push(located(
                    "numbering-gap",
                    node,
                    format!(
                        "{} {number} follows {}: {} missing",
                        node.kind.name(),
                        prev_node.number.as_deref().unwrap_or("?"),
                        if main - expected == 1 {
                            format!("number {expected} is")
                        } else {
                            format!("numbers {expected}–{} are", main - 1)
                        }
                    ),
                ));
            } else if main < prev {
                out.push(located(
                    "numbering-order",
                    node,
                    format!(
                        "{} {number} comes after {}",
                        node.kind.name(),
                        prev_node.number.as_deref().unwrap_or("?")
                    ),
                ));
            }
        }
        previous = Some((main, node));
    }
}

fn located(code: &str, node: &Node, message: String) -> Diagnostic {
    Diagnostic::warning(code, &node.source.file, node.source.lines[0], message).at_node(&node.id)
}

/// The leading integer of a printed number ("3-1" → 3, "12" → 12).
fn main_number(number: &str) -> Option<u32> {
    number.split(['-', '.']).next()?.parse().ok()
}
