//! A YAML reader that keeps positions: every value knows its line and column, so a
//! diagnostic can point at the exact key or value.
//!
//! Act files are small documents typed by people, so the reader is strict where serde is
//! lenient: duplicate keys, anchors and aliases (the "billion laughs" bomb), non-string keys,
//! several documents, nesting deeper than [`MAX_DEPTH`] and files larger than [`MAX_BYTES`] are
//! all refused with a located error. Building the tree is iterative (an explicit stack), so no
//! input can overflow the call stack.

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// Deeper nesting than any act needs; refusing it keeps every later pass bounded.
pub const MAX_DEPTH: usize = 24;
/// The largest act file accepted (an act is a few pages of text).
pub const MAX_BYTES: usize = 1024 * 1024;

/// A position in the source: 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

impl Pos {
    fn from_marker(m: &Marker) -> Pos {
        Pos {
            line: m.line(),
            col: m.col() + 1,
        }
    }
}

/// A YAML value with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub pos: Pos,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A scalar as written; `quoted` scalars are always strings (`"10"` is not a number).
    Scalar {
        text: String,
        quoted: bool,
    },
    List(Vec<Node>),
    /// Keys in file order, each with its own position.
    Map(Vec<(Key, Node)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub name: String,
    pub pos: Pos,
}

impl Node {
    /// A scalar's text when the value is not quoted and reads as YAML null.
    pub fn is_null(&self) -> bool {
        matches!(&self.value, Value::Scalar { text, quoted: false } if matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    /// A short description of the kind of value, for "expected X, found Y" messages.
    pub fn kind_name(&self) -> &'static str {
        match &self.value {
            Value::Scalar { .. } if self.is_null() => "nothing (null)",
            Value::Scalar { .. } => "a scalar",
            Value::List(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

/// A located reading error.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    /// A short stable name (`yaml-syntax`, `duplicate-key`, …).
    pub code: &'static str,
    pub pos: Pos,
    pub message: String,
    pub hint: Option<String>,
}

impl YamlError {
    fn new(code: &'static str, pos: Pos, message: impl Into<String>, hint: Option<&str>) -> Self {
        YamlError {
            code,
            pos,
            message: message.into(),
            hint: hint.map(str::to_string),
        }
    }
}

/// Parses one YAML document into a [`Node`] tree.
pub fn parse(text: &str) -> Result<Node, YamlError> {
    // Editors on Windows may start the file with a byte-order mark; it is not content.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.len() > MAX_BYTES {
        return Err(YamlError::new(
            "too-large",
            Pos { line: 1, col: 1 },
            format!(
                "the file is {} bytes; an act file may be at most {MAX_BYTES} bytes",
                text.len()
            ),
            Some("put long annexes in separate documents and list them under `attachments`"),
        ));
    }
    if let Some(pos) = find_tab_indent(text) {
        return Err(YamlError::new(
            "tab",
            pos,
            "a tab character is used for indentation",
            Some("YAML indents with spaces only; replace the tab with spaces"),
        ));
    }
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str(text);
    if let Err(err) = parser.load(&mut builder, true) {
        let pos = Pos::from_marker(err.marker());
        // The scanner has its own nesting limit (flow collections); say it in our words.
        if err.info().contains("recursion limit") {
            return Err(too_deep(pos));
        }
        return Err(YamlError::new(
            "yaml-syntax",
            pos,
            format!("YAML syntax error: {}", err.info()),
            Some("check the indentation and quoting on this line and the one before it"),
        ));
    }
    if let Some(err) = builder.error {
        return Err(err);
    }
    builder.root.ok_or_else(|| {
        YamlError::new(
            "empty",
            Pos { line: 1, col: 1 },
            "the file is empty",
            Some("an act file is a mapping that starts with `type:`"),
        )
    })
}

/// Finds a tab in the leading whitespace of a line (YAML forbids it; the parser's own message
/// for it is obscure).
fn find_tab_indent(text: &str) -> Option<Pos> {
    for (i, line) in text.lines().enumerate() {
        let indent: String = line
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect();
        if let Some(col) = indent.chars().position(|c| c == '\t') {
            if line.trim().is_empty() {
                continue;
            }
            return Some(Pos {
                line: i + 1,
                col: col + 1,
            });
        }
    }
    None
}

/// A container under construction.
enum Frame {
    List(Pos, Vec<Node>),
    Map(Pos, Vec<(Key, Node)>, Option<Key>),
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    root: Option<Node>,
    documents: usize,
    error: Option<YamlError>,
}

impl Builder {
    fn fail(&mut self, err: YamlError) {
        if self.error.is_none() {
            self.error = Some(err);
        }
    }

    fn open(&mut self, frame: Frame, pos: Pos) {
        if self.stack.len() >= MAX_DEPTH {
            self.fail(too_deep(pos));
            return;
        }
        self.stack.push(frame);
    }

    /// Puts a finished value into its parent (or makes it the root).
    fn push_value(&mut self, node: Node) {
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::List(_, items)) => items.push(node),
            Some(Frame::Map(_, entries, pending)) => match pending.take() {
                Some(key) => entries.push((key, node)),
                None => {
                    let name = match node.value {
                        Value::Scalar { text, .. } => text,
                        _ => {
                            let err = YamlError::new(
                                "bad-key",
                                node.pos,
                                "a key must be a plain name, not a list or mapping",
                                None,
                            );
                            self.fail(err);
                            return;
                        }
                    };
                    if let Some((first, _)) = entries.iter().find(|(k, _)| k.name == name) {
                        let line = first.pos.line;
                        let err = YamlError::new(
                            "duplicate-key",
                            node.pos,
                            format!("duplicate key `{name}` (first given on line {line})"),
                            Some("each field may appear once; remove one of them"),
                        );
                        self.fail(err);
                        return;
                    }
                    *pending = Some(Key {
                        name,
                        pos: node.pos,
                    });
                }
            },
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        if self.error.is_some() {
            return;
        }
        let pos = Pos::from_marker(&mark);
        match event {
            Event::DocumentStart => {
                self.documents += 1;
                if self.documents > 1 {
                    self.fail(YamlError::new(
                        "several-documents",
                        pos,
                        "the file holds more than one YAML document",
                        Some("put each act in its own file"),
                    ));
                }
            }
            Event::Alias(_) => self.fail(YamlError::new(
                "alias",
                pos,
                "YAML aliases (`*name`) are not allowed in act files",
                Some("write the value out in full"),
            )),
            Event::Scalar(text, style, anchor, _) => {
                if anchor > 0 {
                    self.fail(anchor_error(pos));
                    return;
                }
                let quoted = !matches!(style, TScalarStyle::Plain);
                self.push_value(Node {
                    pos,
                    value: Value::Scalar { text, quoted },
                });
            }
            Event::SequenceStart(anchor, _) => {
                if anchor > 0 {
                    return self.fail(anchor_error(pos));
                }
                self.open(Frame::List(pos, Vec::new()), pos);
            }
            Event::MappingStart(anchor, _) => {
                if anchor > 0 {
                    return self.fail(anchor_error(pos));
                }
                self.open(Frame::Map(pos, Vec::new(), None), pos);
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let node = match self.stack.pop() {
                    Some(Frame::List(p, items)) => Node {
                        pos: p,
                        value: Value::List(items),
                    },
                    Some(Frame::Map(p, entries, _)) => Node {
                        pos: p,
                        value: Value::Map(entries),
                    },
                    None => return,
                };
                self.push_value(node);
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
        }
    }
}

fn too_deep(pos: Pos) -> YamlError {
    YamlError::new(
        "too-deep",
        pos,
        format!("the values are nested more than {MAX_DEPTH} levels deep"),
        Some("an act needs only a few levels; flatten the structure"),
    )
}

fn anchor_error(pos: Pos) -> YamlError {
    YamlError::new(
        "anchor",
        pos,
        "YAML anchors (`&name`) are not allowed in act files",
        Some("write each value out in full; anchors and aliases can expand without limit"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(node: &Node) -> &Vec<(Key, Node)> {
        match &node.value {
            Value::Map(m) => m,
            other => panic!("expected a map, got {other:?}"),
        }
    }

    #[test]
    fn positions_are_kept_for_keys_and_values() {
        let root = parse("type: protest\nnumber: \"2-05\"\naddressee:\n  name: Ақпан\n").unwrap();
        let entries = map(&root);
        assert_eq!(entries[1].0.name, "number");
        assert_eq!(entries[1].0.pos, Pos { line: 2, col: 1 });
        assert_eq!(entries[1].1.pos, Pos { line: 2, col: 9 });
        let inner = map(&entries[2].1);
        assert_eq!(inner[0].0.pos, Pos { line: 4, col: 3 });
    }

    #[test]
    fn duplicate_keys_are_refused() {
        let err = parse("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert_eq!(err.pos.line, 3);
        assert!(err.message.contains("duplicate key `a`"), "{}", err.message);
        assert!(err.message.contains("line 1"));
    }

    #[test]
    fn anchors_aliases_tabs_and_depth_are_refused() {
        assert!(parse("a: &x [1]\nb: *x\n")
            .unwrap_err()
            .message
            .contains("anchors"));
        let tab = parse("a:\n\tb: 1\n").unwrap_err();
        assert_eq!((tab.pos.line, tab.pos.col), (2, 1));
        let deep = format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(parse(&deep).unwrap_err().message.contains("nested"));
        assert!(parse("").unwrap_err().message.contains("empty"));
    }

    #[test]
    fn a_byte_order_mark_and_crlf_line_ends_are_accepted() {
        let root = parse("\u{feff}a: 1\r\nb: 2\r\n").unwrap();
        let e = map(&root);
        assert_eq!(e[0].0.name, "a");
        assert_eq!(e[1].0.pos.line, 2);
    }

    #[test]
    fn quoted_scalars_are_marked() {
        let root = parse("a: \"10\"\nb: 10\n").unwrap();
        let e = map(&root);
        assert!(matches!(&e[0].1.value, Value::Scalar { quoted: true, .. }));
        assert!(matches!(&e[1].1.value, Value::Scalar { quoted: false, .. }));
    }
}
