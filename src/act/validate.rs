//! Type-checks an act file against its schema: unknown fields (with "did you mean"), missing
//! required fields, wrong types, impossible dates, lengths. Every problem is collected, none
//! stops the check. The result is plain JSON data plus a map from field paths to positions,
//! which the named rules ([`super::rules`]) use to point at what they complain about.

use super::calendar::Date;
use super::report::{did_you_mean, ActDiagnostic, Severity};
use super::schema::{Field, FieldType, Schema};
use super::yaml::{Key, Node, Pos, Value};
use serde_json::{Map, Value as Json};
use std::collections::{BTreeMap, HashMap};

/// A checked act: its data, where each value was, what rules computed, and the problems.
#[derive(Debug, Default)]
pub struct Checked {
    pub data: Json,
    /// Values computed by rules (due dates, resolved citations) for the template.
    pub computed: Map<String, Json>,
    pub diagnostics: Vec<ActDiagnostic>,
    positions: HashMap<String, (Pos, usize)>,
}

impl Checked {
    /// The value at a dotted path (`legal_basis.0.article`), if present.
    pub fn get(&self, path: &str) -> Option<&Json> {
        let mut value = &self.data;
        for part in path.split('.') {
            value = match value {
                Json::Object(map) => map.get(part)?,
                Json::Array(items) => items.get(part.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(value)
    }

    /// Whether a field is present and not empty or false.
    pub fn is_filled(&self, path: &str) -> bool {
        match self.get(path) {
            None | Some(Json::Null) | Some(Json::Bool(false)) => false,
            Some(Json::String(s)) => !s.trim().is_empty(),
            Some(_) => true,
        }
    }

    /// The position of a field, or of its nearest present parent.
    pub fn locate(&self, path: &str) -> (Pos, usize) {
        let mut path = path;
        loop {
            if let Some(found) = self.positions.get(path) {
                return *found;
            }
            match path.rfind('.') {
                Some(dot) => path = &path[..dot],
                None => return (Pos { line: 1, col: 1 }, 1),
            }
        }
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(ActDiagnostic::is_error)
    }
}

/// Checks the root mapping of an act file (the `type` key was read by the caller).
pub fn check(schema: &Schema, root: &Node) -> Checked {
    let mut checked = Checked::default();
    let Value::Map(entries) = &root.value else {
        checked.diagnostics.push(diag(
            "not-a-mapping",
            "",
            root.pos,
            1,
            format!(
                "an act file must be a mapping of fields, found {}",
                root.kind_name()
            ),
            Some("start the file with `type: <act type>` and one `field: value` per line".into()),
        ));
        return checked;
    };
    let fields_only: Vec<(Key, Node)> = entries
        .iter()
        .filter(|(k, _)| k.name != "type")
        .cloned()
        .collect();
    let mut checker = Checker {
        diagnostics: Vec::new(),
        positions: HashMap::new(),
    };
    let data = checker.object(&schema.fields, &fields_only, "", root.pos);
    checked.data = data;
    checked.diagnostics = checker.diagnostics;
    checked.positions = checker.positions;
    checked
}

struct Checker {
    diagnostics: Vec<ActDiagnostic>,
    positions: HashMap<String, (Pos, usize)>,
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_string()
    } else {
        format!("{prefix}.{name}")
    }
}

fn diag(
    code: &'static str,
    field: &str,
    pos: Pos,
    len: usize,
    message: String,
    hint: Option<String>,
) -> ActDiagnostic {
    ActDiagnostic {
        severity: Severity::Error,
        code,
        message,
        field: field.to_string(),
        pos,
        len,
        hint,
    }
}

fn label_of(field: &Field) -> String {
    if field.label.is_empty() {
        String::new()
    } else {
        format!(" ({})", field.label)
    }
}

impl Checker {
    fn error(
        &mut self,
        code: &'static str,
        field: &str,
        pos: Pos,
        len: usize,
        message: String,
        hint: Option<String>,
    ) {
        self.diagnostics
            .push(diag(code, field, pos, len, message, hint));
    }

    fn object(
        &mut self,
        fields: &BTreeMap<String, Field>,
        entries: &[(Key, Node)],
        prefix: &str,
        at: Pos,
    ) -> Json {
        let mut out = Map::new();
        for (key, node) in entries {
            let path = join(prefix, &key.name);
            let Some(field) = fields.get(&key.name) else {
                let suggestion = did_you_mean(&key.name, fields.keys().map(String::as_str));
                let hint = match suggestion {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!(
                        "the fields allowed here are: {}",
                        fields.keys().cloned().collect::<Vec<_>>().join(", ")
                    ),
                };
                let len = key.name.chars().count();
                self.error(
                    "unknown-field",
                    &path,
                    key.pos,
                    len,
                    format!("unknown field `{path}`"),
                    Some(hint),
                );
                continue;
            };
            self.positions
                .insert(path.clone(), (node.pos, scalar_len(node)));
            if node.is_null() {
                continue; // an empty value counts as absent; `required` is checked below
            }
            if let Some(value) = self.value(field, node, &path, key.pos) {
                out.insert(key.name.clone(), value);
            }
        }
        for (name, field) in fields {
            if field.required && !out.contains_key(name) {
                let path = join(prefix, name);
                let given_empty = entries.iter().any(|(k, _)| &k.name == name);
                let (message, pos) = match entries.iter().find(|(k, _)| &k.name == name) {
                    Some((k, _)) if given_empty => (
                        format!("required field `{path}`{} is empty", label_of(field)),
                        k.pos,
                    ),
                    _ => (
                        format!("missing required field `{path}`{}", label_of(field)),
                        at,
                    ),
                };
                // Only report a missing field whose value was not already rejected.
                let already = self
                    .diagnostics
                    .iter()
                    .any(|d| d.field == path || d.field.starts_with(&format!("{path}.")));
                if !already {
                    let hint = field.help.clone().unwrap_or_else(|| {
                        format!("add `{name}:` with a {} value", field.ty.name())
                    });
                    self.error("missing-field", &path, pos, 1, message, Some(hint));
                }
            }
        }
        Json::Object(out)
    }

    /// Checks one value; `key_pos` is where its key is (missing nested fields point there).
    fn value(&mut self, field: &Field, node: &Node, path: &str, key_pos: Pos) -> Option<Json> {
        match &field.ty {
            FieldType::String { max_len } | FieldType::Text { max_len } => {
                let text = self.scalar(field, node, path)?;
                let chars = text.chars().count();
                if chars > *max_len {
                    self.error(
                        "too-long",
                        path,
                        node.pos,
                        1,
                        format!("field `{path}` is {chars} characters long; at most {max_len} are allowed"),
                        Some("shorten it, or move the material into an attachment".into()),
                    );
                    return None;
                }
                if matches!(field.ty, FieldType::String { .. }) && text.contains('\n') {
                    self.error(
                        "not-one-line",
                        path,
                        key_pos,
                        1,
                        format!("field `{path}`{} must be one line", label_of(field)),
                        Some("remove the line breaks (or use a field that takes free text)".into()),
                    );
                    return None;
                }
                Some(Json::String(text.to_string()))
            }
            FieldType::Date => {
                let text = self.scalar(field, node, path)?;
                match Date::parse(text) {
                    Ok(date) => Some(Json::String(date.to_string())),
                    Err(why) => {
                        self.error(
                            "bad-date",
                            path,
                            node.pos,
                            text.chars().count(),
                            format!("field `{path}`: {why}"),
                            Some("write dates as YYYY-MM-DD, e.g. 2024-03-25".into()),
                        );
                        None
                    }
                }
            }
            FieldType::Integer { min, max } => {
                let text = self.scalar(field, node, path)?;
                let quoted = matches!(&node.value, Value::Scalar { quoted: true, .. });
                let Ok(n) = text.trim().parse::<i64>() else {
                    self.type_error(field, node, path, "a whole number");
                    return None;
                };
                if quoted {
                    self.type_error(field, node, path, "a whole number (without quotes)");
                    return None;
                }
                let low = min.is_some_and(|m| n < m);
                let high = max.is_some_and(|m| n > m);
                if low || high {
                    let range = match (min, max) {
                        (Some(a), Some(b)) => format!("from {a} to {b}"),
                        (Some(a), None) => format!("at least {a}"),
                        (None, Some(b)) => format!("at most {b}"),
                        (None, None) => String::new(),
                    };
                    self.error(
                        "out-of-range",
                        path,
                        node.pos,
                        text.len(),
                        format!("field `{path}` is {n}; it must be {range}"),
                        None,
                    );
                    return None;
                }
                Some(Json::from(n))
            }
            FieldType::Boolean => {
                let text = self.scalar(field, node, path)?;
                let quoted = matches!(&node.value, Value::Scalar { quoted: true, .. });
                match (text, quoted) {
                    ("true", false) => Some(Json::Bool(true)),
                    ("false", false) => Some(Json::Bool(false)),
                    _ => {
                        self.type_error(field, node, path, "`true` or `false`");
                        None
                    }
                }
            }
            FieldType::Enum(values) => {
                let text = self.scalar(field, node, path)?;
                if values.iter().any(|(v, _)| v == text) {
                    return Some(Json::String(text.to_string()));
                }
                let hint = match did_you_mean(text, values.iter().map(|(v, _)| v.as_str())) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!(
                        "one of: {}",
                        values
                            .iter()
                            .map(|(v, l)| format!("{v} ({l})"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                self.error(
                    "unknown-value",
                    path,
                    node.pos,
                    text.chars().count(),
                    format!(
                        "`{text}` is not a valid value of `{path}`{}",
                        label_of(field)
                    ),
                    Some(hint),
                );
                None
            }
            FieldType::List { items, min_items } => {
                let Value::List(list) = &node.value else {
                    self.type_error(field, node, path, "a list (lines starting with `- `)");
                    return None;
                };
                if list.len() < *min_items {
                    self.error(
                        "too-few-items",
                        path,
                        node.pos,
                        1,
                        format!(
                            "field `{path}`{} needs at least {min_items} item(s), found {}",
                            label_of(field),
                            list.len()
                        ),
                        None,
                    );
                }
                let mut out = Vec::new();
                for (i, item) in list.iter().enumerate() {
                    let item_path = format!("{path}.{i}");
                    self.positions
                        .insert(item_path.clone(), (item.pos, scalar_len(item)));
                    if let Some(v) = self.value(items, item, &item_path, item.pos) {
                        out.push(v);
                    }
                }
                Some(Json::Array(out))
            }
            FieldType::Object(fields) => {
                let Value::Map(entries) = &node.value else {
                    self.type_error(field, node, path, "a mapping of `name: value` lines");
                    return None;
                };
                Some(self.object(fields, entries, path, key_pos))
            }
        }
    }

    /// The text of a scalar, or a type error naming what was expected.
    fn scalar<'n>(&mut self, field: &Field, node: &'n Node, path: &str) -> Option<&'n str> {
        match &node.value {
            Value::Scalar { text, .. } => Some(text),
            _ => {
                let expected = match field.ty {
                    FieldType::Date => "a date (YYYY-MM-DD)",
                    FieldType::Integer { .. } => "a whole number",
                    FieldType::Boolean => "`true` or `false`",
                    FieldType::Enum(_) => "one of the listed values",
                    _ => "text",
                };
                self.type_error(field, node, path, expected);
                None
            }
        }
    }

    fn type_error(&mut self, field: &Field, node: &Node, path: &str, expected: &str) {
        let found = match &node.value {
            Value::Scalar { text, .. } => format!("`{}`", shorten(text)),
            _ => node.kind_name().to_string(),
        };
        self.error(
            "wrong-type",
            path,
            node.pos,
            scalar_len(node),
            format!(
                "field `{path}`{} must be {expected}, found {found}",
                label_of(field)
            ),
            field.help.clone(),
        );
    }
}

fn shorten(text: &str) -> String {
    if text.chars().count() > 40 {
        format!("{}…", text.chars().take(40).collect::<String>())
    } else {
        text.to_string()
    }
}

/// How many characters of a value to underline (a scalar on one line; 1 otherwise).
fn scalar_len(node: &Node) -> usize {
    match &node.value {
        Value::Scalar { text, .. } if !text.contains('\n') => text.chars().count().clamp(1, 80),
        _ => 1,
    }
}
