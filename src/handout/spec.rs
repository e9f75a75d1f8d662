//! The handout spec: a short YAML file read with the acts' located YAML reader, so every
//! problem points at its line and column. This module checks the shape (known keys, one kind
//! per block, required title) and reads Markdown includes; whether ids and citations exist
//! is checked against the graph in `assemble.rs`.
//!
//! ```yaml
//! title: Пробациялық бақылауды қадағалау
//! audience: 3-курс студенттері
//! date: 2025-03-14
//! trainer: А. Б. Серікова
//! blocks:
//!   - excerpt: ҚРКЗ 33-бап            # a citation, or a node id
//!   - case: tb-probation/cases/2/3     # a textbook case, or {title, text|file, questions}
//!   - questions: { topic: tb-probation/ch-3/s-3.2, limit: 5 }   # or a list of ids
//!   - notes: "…Markdown, trainer copy only…"
//!   - key: { file: key.md }            # answer key, trainer copy only
//! ```

use super::include::Includes;
use crate::act::calendar::Date;
use crate::act::report::{did_you_mean, ActDiagnostic, Severity};
use crate::act::yaml::{Key, Node, Pos, Value};

/// A string value with where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    pub text: String,
    pub pos: Pos,
}

impl Located {
    /// How many characters to underline.
    pub fn width(&self) -> usize {
        self.text.chars().count().max(1)
    }
}

#[derive(Debug, Clone)]
pub struct Spec {
    pub title: String,
    pub audience: Option<String>,
    pub date: Option<Date>,
    pub trainer: Option<String>,
    pub blocks: Vec<BlockSpec>,
}

#[derive(Debug, Clone)]
pub struct BlockSpec {
    /// A heading the trainer chose (else one is derived from the content).
    pub title: Option<String>,
    pub body: BlockBody,
}

#[derive(Debug, Clone)]
pub enum BlockBody {
    /// A node id or a citation; `limit` caps the passages shown for a statute citation.
    Excerpt {
        target: Located,
        limit: Option<usize>,
    },
    Case(CaseSpec),
    Questions(QuestionsSpec),
    /// Trainer's notes (Markdown), trainer copy only.
    Notes(String),
    /// The answer / discussion key (Markdown), trainer copy only.
    Key(String),
}

#[derive(Debug, Clone)]
pub enum CaseSpec {
    /// A textbook case by id.
    Id(Located),
    /// A case written for this handout: Markdown scenario and its questions.
    New {
        title: Option<String>,
        markdown: String,
        questions: Vec<String>,
    },
}

#[derive(Debug, Clone)]
pub enum QuestionsSpec {
    /// Question ids (or ids of question blocks and cases: all their questions).
    Ids(Vec<Located>),
    /// Every question under a topic, section, chapter or question block.
    Topic {
        topic: Located,
        limit: Option<usize>,
    },
}

const TOP_KEYS: [&str; 5] = ["title", "audience", "date", "trainer", "blocks"];
const BLOCK_KINDS: [&str; 5] = ["excerpt", "case", "questions", "notes", "key"];
const BLOCK_OPTIONS: [&str; 2] = ["title", "limit"];

/// Collects diagnostics while reading.
#[derive(Default)]
pub struct Diags(pub Vec<ActDiagnostic>);

impl Diags {
    pub fn error(&mut self, code: &'static str, pos: Pos, len: usize, message: String) {
        self.push(Severity::Error, code, pos, len, message, None);
    }

    pub fn error_hint(
        &mut self,
        code: &'static str,
        pos: Pos,
        len: usize,
        message: String,
        hint: String,
    ) {
        self.push(Severity::Error, code, pos, len, message, Some(hint));
    }

    pub fn warning(&mut self, code: &'static str, pos: Pos, len: usize, message: String) {
        self.push(Severity::Warning, code, pos, len, message, None);
    }

    fn push(
        &mut self,
        severity: Severity,
        code: &'static str,
        pos: Pos,
        len: usize,
        message: String,
        hint: Option<String>,
    ) {
        self.0.push(ActDiagnostic {
            severity,
            code,
            message,
            field: String::new(),
            pos,
            len: len.max(1),
            hint,
        });
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(ActDiagnostic::is_error)
    }
}

/// Reads a spec tree. Returns the spec (possibly partial) and every problem found.
pub fn read(root: &Node, includes: &Includes, diags: &mut Diags) -> Option<Spec> {
    let Value::Map(entries) = &root.value else {
        diags.error_hint(
            "spec-shape",
            root.pos,
            1,
            format!(
                "a handout spec must be a mapping, found {}",
                root.kind_name()
            ),
            "start with `title:` and list the content under `blocks:`".into(),
        );
        return None;
    };
    unknown_keys(entries, &TOP_KEYS, "handout", diags);
    // A missing field is reported at the top of the file (the mapping's own marker sits
    // after its first key).
    let top = Pos { line: 1, col: 1 };
    let get = |name: &str| entries.iter().find(|(k, _)| k.name == name).map(|(_, v)| v);
    let title = match get("title") {
        Some(node) => non_empty(node, "title", diags),
        None => {
            diags.error_hint(
                "missing-title",
                top,
                1,
                "missing required field `title` (the handout's title)".into(),
                "add `title: …` as the first line".into(),
            );
            None
        }
    };
    let audience = get("audience").and_then(|n| non_empty(n, "audience", diags));
    let trainer = get("trainer").and_then(|n| non_empty(n, "trainer", diags));
    let date = get("date").and_then(|n| {
        let text = non_empty(n, "date", diags)?;
        Date::parse(&text)
            .map_err(|m| diags.error("bad-date", n.pos, text.chars().count(), m))
            .ok()
    });
    let blocks = match get("blocks") {
        Some(node) => read_blocks(node, includes, diags),
        None => {
            diags.error_hint(
                "missing-blocks",
                top,
                1,
                "missing required field `blocks` (the handout's content)".into(),
                "add `blocks:` with a list of excerpt / case / questions / notes / key".into(),
            );
            Vec::new()
        }
    };
    Some(Spec {
        title: title?,
        audience,
        date,
        trainer,
        blocks,
    })
}

fn read_blocks(node: &Node, includes: &Includes, diags: &mut Diags) -> Vec<BlockSpec> {
    let Value::List(items) = &node.value else {
        diags.error(
            "spec-shape",
            node.pos,
            1,
            format!("`blocks` must be a list, found {}", node.kind_name()),
        );
        return Vec::new();
    };
    if items.is_empty() {
        diags.error(
            "empty-blocks",
            node.pos,
            1,
            "`blocks` is empty: a handout needs content".into(),
        );
    }
    items
        .iter()
        .filter_map(|item| read_block(item, includes, diags))
        .collect()
}

fn read_block(item: &Node, includes: &Includes, diags: &mut Diags) -> Option<BlockSpec> {
    let Value::Map(entries) = &item.value else {
        diags.error_hint(
            "spec-shape",
            item.pos,
            1,
            format!("a block must be a mapping, found {}", item.kind_name()),
            format!("start the block with one of: {}", BLOCK_KINDS.join(", ")),
        );
        return None;
    };
    let allowed: Vec<&str> = BLOCK_KINDS.iter().chain(&BLOCK_OPTIONS).copied().collect();
    unknown_keys(entries, &allowed, "block", diags);
    let kinds: Vec<&(Key, Node)> = entries
        .iter()
        .filter(|(k, _)| BLOCK_KINDS.contains(&k.name.as_str()))
        .collect();
    let (key, value) = match kinds.as_slice() {
        [one] => (&one.0, &one.1),
        [] => {
            diags.error_hint(
                "block-kind",
                item.pos,
                1,
                "this block has no content key".into(),
                format!("give exactly one of: {}", BLOCK_KINDS.join(", ")),
            );
            return None;
        }
        [_, second, ..] => {
            diags.error_hint(
                "block-kind",
                second.0.pos,
                second.0.name.chars().count(),
                format!("a block has one kind; `{}` is a second one", second.0.name),
                "start a new list item (`- `) for it".into(),
            );
            return None;
        }
    };
    let option = |name: &str| entries.iter().find(|(k, _)| k.name == name).map(|(_, v)| v);
    let title = option("title").and_then(|n| non_empty(n, "title", diags));
    let limit = option("limit").and_then(|n| positive(n, diags));
    if limit.is_some() && !matches!(key.name.as_str(), "excerpt" | "questions") {
        if let Some((k, _)) = entries.iter().find(|(k, _)| k.name == "limit") {
            diags.error(
                "misplaced-limit",
                k.pos,
                5,
                format!(
                    "`limit` applies to excerpt and questions blocks, not `{}`",
                    key.name
                ),
            );
        }
    }
    let body = match key.name.as_str() {
        "excerpt" => BlockBody::Excerpt {
            target: located(value, "excerpt", diags)?,
            limit,
        },
        "case" => BlockBody::Case(read_case(value, includes, diags)?),
        "questions" => BlockBody::Questions(read_questions(value, limit, diags)?),
        "notes" => BlockBody::Notes(read_markdown(value, "notes", includes, diags)?),
        _ => BlockBody::Key(read_markdown(value, "key", includes, diags)?),
    };
    Some(BlockSpec { title, body })
}

fn read_case(node: &Node, includes: &Includes, diags: &mut Diags) -> Option<CaseSpec> {
    if let Value::Scalar { .. } = node.value {
        return located(node, "case", diags).map(CaseSpec::Id);
    }
    let Value::Map(entries) = &node.value else {
        diags.error_hint(
            "spec-shape",
            node.pos,
            1,
            "`case` is a textbook case id or a mapping".into(),
            "write `case: tb-probation/cases/1/1` or `case: {title: …, text: …, questions: […]}`"
                .into(),
        );
        return None;
    };
    unknown_keys(
        entries,
        &["title", "text", "file", "questions"],
        "case",
        diags,
    );
    let get = |name: &str| entries.iter().find(|(k, _)| k.name == name).map(|(_, v)| v);
    let title = get("title").and_then(|n| non_empty(n, "title", diags));
    let markdown = text_or_file(node, get("text"), get("file"), "case", includes, diags)?;
    let questions = match get("questions") {
        Some(list) => strings(list, "questions", diags),
        None => Vec::new(),
    };
    Some(CaseSpec::New {
        title,
        markdown,
        questions: questions.into_iter().map(|l| l.text).collect(),
    })
}

fn read_questions(node: &Node, limit: Option<usize>, diags: &mut Diags) -> Option<QuestionsSpec> {
    match &node.value {
        Value::List(_) => Some(QuestionsSpec::Ids(strings(node, "questions", diags))),
        Value::Map(entries) => {
            unknown_keys(entries, &["topic", "limit"], "questions", diags);
            let get = |name: &str| entries.iter().find(|(k, _)| k.name == name).map(|(_, v)| v);
            let inner_limit = get("limit").and_then(|n| positive(n, diags));
            let Some(topic) = get("topic") else {
                diags.error_hint(
                    "spec-shape",
                    node.pos,
                    1,
                    "`questions` as a mapping needs `topic`".into(),
                    "write `questions: {topic: tb-prosecution/topic-6}` or a list of ids".into(),
                );
                return None;
            };
            Some(QuestionsSpec::Topic {
                topic: located(topic, "topic", diags)?,
                limit: inner_limit.or(limit),
            })
        }
        Value::Scalar { .. } => Some(QuestionsSpec::Ids(vec![located(node, "questions", diags)?])),
    }
}

/// Markdown given inline (`notes: "…"`) or as `{file: path}` / `{text: "…"}`.
fn read_markdown(
    node: &Node,
    field: &str,
    includes: &Includes,
    diags: &mut Diags,
) -> Option<String> {
    match &node.value {
        Value::Map(entries) => {
            unknown_keys(entries, &["text", "file"], field, diags);
            let get = |name: &str| entries.iter().find(|(k, _)| k.name == name).map(|(_, v)| v);
            text_or_file(node, get("text"), get("file"), field, includes, diags)
        }
        _ => non_empty(node, field, diags),
    }
}

fn text_or_file(
    at: &Node,
    text: Option<&Node>,
    file: Option<&Node>,
    field: &str,
    includes: &Includes,
    diags: &mut Diags,
) -> Option<String> {
    match (text, file) {
        (Some(t), None) => non_empty(t, "text", diags),
        (None, Some(f)) => {
            let path = located(f, "file", diags)?;
            includes
                .read(&path.text)
                .map_err(|(message, hint)| {
                    diags.error_hint("include", path.pos, path.width(), message, hint)
                })
                .ok()
        }
        (Some(_), Some(f)) => {
            diags.error(
                "spec-shape",
                f.pos,
                1,
                format!("`{field}` has both `text` and `file`; keep one"),
            );
            None
        }
        (None, None) => {
            diags.error(
                "spec-shape",
                at.pos,
                1,
                format!("`{field}` needs `text:` (Markdown) or `file:` (a Markdown file)"),
            );
            None
        }
    }
}

/// Reports keys not in `allowed`, with the nearest allowed name.
fn unknown_keys(entries: &[(Key, Node)], allowed: &[&str], what: &str, diags: &mut Diags) {
    for (key, _) in entries {
        if allowed.contains(&key.name.as_str()) {
            continue;
        }
        let hint = match did_you_mean(&key.name, allowed.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("the keys of a {what} are: {}", allowed.join(", ")),
        };
        diags.error_hint(
            "unknown-key",
            key.pos,
            key.name.chars().count(),
            format!("unknown key `{}` in a {what}", key.name),
            hint,
        );
    }
}

/// A scalar's text, refused when it is not a scalar or is empty.
fn non_empty(node: &Node, field: &str, diags: &mut Diags) -> Option<String> {
    located(node, field, diags).map(|l| l.text)
}

fn located(node: &Node, field: &str, diags: &mut Diags) -> Option<Located> {
    match &node.value {
        Value::Scalar { text, .. } if !node.is_null() && !text.trim().is_empty() => Some(Located {
            text: text.trim().to_string(),
            pos: node.pos,
        }),
        _ => {
            diags.error(
                "empty-value",
                node.pos,
                1,
                format!(
                    "`{field}` must be a non-empty text, found {}",
                    node.kind_name()
                ),
            );
            None
        }
    }
}

fn strings(node: &Node, field: &str, diags: &mut Diags) -> Vec<Located> {
    match &node.value {
        Value::List(items) => items
            .iter()
            .filter_map(|item| located(item, field, diags))
            .collect(),
        _ => located(node, field, diags).into_iter().collect(),
    }
}

fn positive(node: &Node, diags: &mut Diags) -> Option<usize> {
    let text = match &node.value {
        Value::Scalar { text, .. } => text.trim(),
        _ => "",
    };
    match text.parse::<usize>() {
        Ok(n) if n > 0 => Some(n),
        _ => {
            diags.error(
                "bad-limit",
                node.pos,
                text.chars().count(),
                "`limit` must be a whole number greater than 0".into(),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::act::yaml::parse;

    fn read_text(text: &str) -> (Option<Spec>, Diags) {
        let root = parse(text).expect("yaml");
        let includes = Includes::new(std::path::Path::new("."), std::path::Path::new("."));
        let mut diags = Diags::default();
        let spec = read(&root, &includes, &mut diags);
        (spec, diags)
    }

    #[test]
    fn a_full_spec_reads() {
        let (spec, diags) = read_text(
            "title: T\ndate: 2025-03-14\nblocks:\n  - excerpt: ҚРКЗ 33-бап\n    limit: 3\n  - case: {title: Жаңа, text: \"**A**\", questions: [Q1, Q2]}\n  - questions: {topic: tb/x}\n  - notes: N\n  - key: K\n",
        );
        assert!(diags.0.is_empty(), "{:?}", diags.0);
        let spec = spec.unwrap();
        assert_eq!(spec.blocks.len(), 5);
        assert!(matches!(
            &spec.blocks[0].body,
            BlockBody::Excerpt { limit: Some(3), .. }
        ));
        assert!(
            matches!(&spec.blocks[1].body, BlockBody::Case(CaseSpec::New { questions, .. }) if questions.len() == 2)
        );
    }

    #[test]
    fn every_shape_error_is_reported_with_its_line() {
        let (spec, diags) = read_text(
            "audience: x\nblcks: []\nblocks:\n  - excerpt: a\n    case: b\n  - nots: x\n  - questions: {}\n",
        );
        assert!(spec.is_none());
        let lines: Vec<(usize, &str)> = diags.0.iter().map(|d| (d.pos.line, d.code)).collect();
        assert!(lines.contains(&(1, "missing-title")), "{lines:?}");
        assert!(lines.contains(&(2, "unknown-key")), "{lines:?}");
        assert!(lines.contains(&(5, "block-kind")), "{lines:?}");
        assert!(lines.contains(&(6, "unknown-key")), "{lines:?}");
        assert!(lines.contains(&(7, "spec-shape")), "{lines:?}");
        let blcks = diags.0.iter().find(|d| d.pos.line == 2).unwrap();
        assert_eq!(blcks.hint.as_deref(), Some("did you mean `blocks`?"));
    }
}
