//! Act-type schemas: what fields an act of a type has, their types and Kazakh labels, and the
//! named legal rules ([`super::rules::Rule`]) the type invokes.
//!
//! A schema is data (`templates/acts/<type>.schema.yaml`), so a new act type is a schema and a
//! Typst template dropped into the templates directory; no recompiling. Fields every act shares
//! and reusable compound types (`person`, `citation`, `term`, …) live in `common.schema.yaml`:
//! a type's own `fields` are merged over the common ones, and `type: NAME` refers to a common
//! type.

use super::rules::Rule;
use crate::error::{yaml_error, Error, Result};
use serde::Deserialize;
use serde_json::{json, Map, Value as Json};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// How deep `type: NAME` references may chain (guards against a type that names itself).
const MAX_TYPE_DEPTH: usize = 8;

/// One field of an act, with its type resolved.
#[derive(Debug, Clone)]
pub struct Field {
    pub ty: FieldType,
    pub required: bool,
    /// The Kazakh label (shown in diagnostics and the JSON Schema).
    pub label: String,
    pub help: Option<String>,
}

#[derive(Debug, Clone)]
pub enum FieldType {
    /// One line of plain text.
    String {
        max_len: usize,
    },
    /// Free text; Markdown allowed.
    Text {
        max_len: usize,
    },
    Date,
    Integer {
        min: Option<i64>,
        max: Option<i64>,
    },
    Boolean,
    /// One of the listed values (value → Kazakh label).
    Enum(Vec<(String, String)>),
    List {
        items: Box<Field>,
        min_items: usize,
    },
    Object(BTreeMap<String, Field>),
}

impl FieldType {
    pub fn name(&self) -> &'static str {
        match self {
            FieldType::String { .. } => "string",
            FieldType::Text { .. } => "text",
            FieldType::Date => "date",
            FieldType::Integer { .. } => "integer",
            FieldType::Boolean => "boolean",
            FieldType::Enum(_) => "enum",
            FieldType::List { .. } => "list",
            FieldType::Object(_) => "object",
        }
    }
}

/// An act type.
#[derive(Debug, Clone)]
pub struct Schema {
    /// The value of `type:` in act files (`protest`).
    pub name: String,
    /// Kazakh name of the act (`Наразылық`).
    pub label: String,
    /// The heading printed on the act (`НАРАЗЫЛЫҚ`).
    pub title: String,
    /// The article of the law that governs the act.
    pub law: String,
    pub template: PathBuf,
    pub fields: BTreeMap<String, Field>,
    pub rules: Vec<Rule>,
    pub path: PathBuf,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSchema {
    #[serde(rename = "type")]
    name: String,
    label: String,
    title: String,
    law: String,
    #[serde(default)]
    template: Option<String>,
    #[serde(default)]
    fields: BTreeMap<String, RawField>,
    #[serde(default)]
    rules: Vec<Rule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCommon {
    #[serde(default)]
    types: BTreeMap<String, RawField>,
    #[serde(default)]
    fields: BTreeMap<String, RawField>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct RawField {
    #[serde(rename = "type")]
    ty: String,
    #[serde(default)]
    required: Option<bool>,
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    help: Option<String>,
    #[serde(default)]
    values: Option<BTreeMap<String, String>>,
    #[serde(default)]
    items: Option<Box<RawField>>,
    #[serde(default)]
    fields: Option<BTreeMap<String, RawField>>,
    #[serde(default)]
    min_items: Option<usize>,
    #[serde(default)]
    min: Option<i64>,
    #[serde(default)]
    max: Option<i64>,
    #[serde(default)]
    max_len: Option<usize>,
}

/// The shared part of all schemas (`common.schema.yaml`).
pub struct Common {
    types: BTreeMap<String, RawField>,
    fields: BTreeMap<String, RawField>,
}

impl Common {
    pub fn load(path: &Path) -> Result<Common> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let raw: RawCommon = serde_norway::from_str(&text).map_err(|e| yaml_error(path, e))?;
        Ok(Common {
            types: raw.types,
            fields: raw.fields,
        })
    }
}

impl Schema {
    /// Loads one `<type>.schema.yaml`, resolving names against `common`.
    pub fn load(path: &Path, common: &Common) -> Result<Schema> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let raw: RawSchema = serde_norway::from_str(&text).map_err(|e| yaml_error(path, e))?;
        let mut merged = common.fields.clone();
        merged.extend(raw.fields);
        let mut fields = BTreeMap::new();
        for (name, field) in &merged {
            let resolved = resolve(field, common, 0)
                .map_err(|m| Error::input(path, None, format!("field `{name}`: {m}")))?;
            fields.insert(name.clone(), resolved);
        }
        let dir = path.parent().unwrap_or(Path::new("."));
        let template = dir.join(raw.template.unwrap_or_else(|| format!("{}.typ", raw.name)));
        let schema = Schema {
            name: raw.name,
            label: raw.label,
            title: raw.title,
            law: raw.law,
            template,
            fields,
            rules: raw.rules,
            path: path.to_path_buf(),
        };
        for rule in &schema.rules {
            rule.check_against(&schema)
                .map_err(|m| Error::input(path, None, format!("rule `{}`: {m}", rule.name())))?;
        }
        Ok(schema)
    }

    /// Looks a field up by a dotted path (`contested_act.kind`).
    pub fn field(&self, path: &str) -> Option<&Field> {
        let mut parts = path.split('.');
        let mut field = self.fields.get(parts.next()?)?;
        for part in parts {
            field = match &field.ty {
                FieldType::Object(fields) => fields.get(part)?,
                _ => return None,
            };
        }
        Some(field)
    }

    /// The JSON Schema (draft 2020-12) of an act file of this type.
    pub fn json_schema(&self) -> Json {
        let mut root = object_schema(&self.fields);
        if let Some(obj) = root.as_object_mut() {
            obj.insert(
                "$schema".into(),
                json!("https://json-schema.org/draft/2020-12/schema"),
            );
            obj.insert(
                "title".into(),
                json!(format!("{} ({})", self.label, self.law)),
            );
            if let Some(props) = obj.get_mut("properties").and_then(Json::as_object_mut) {
                props.insert("type".into(), json!({ "const": self.name }));
            }
            if let Some(req) = obj.get_mut("required").and_then(Json::as_array_mut) {
                req.insert(0, json!("type"));
            }
        }
        root
    }
}

fn resolve(raw: &RawField, common: &Common, depth: usize) -> Result<Field, String> {
    if depth > MAX_TYPE_DEPTH {
        return Err(format!("type `{}` refers to itself", raw.ty));
    }
    let ty = match raw.ty.as_str() {
        "string" => FieldType::String {
            max_len: raw.max_len.unwrap_or(500),
        },
        "text" => FieldType::Text {
            max_len: raw.max_len.unwrap_or(20_000),
        },
        "date" => FieldType::Date,
        "integer" => FieldType::Integer {
            min: raw.min,
            max: raw.max,
        },
        "boolean" => FieldType::Boolean,
        "enum" => {
            let values = raw.values.as_ref().ok_or("an enum needs `values`")?;
            FieldType::Enum(values.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
        }
        "list" => {
            let items = raw.items.as_ref().ok_or("a list needs `items`")?;
            FieldType::List {
                items: Box::new(resolve(items, common, depth + 1)?),
                min_items: raw.min_items.unwrap_or(0),
            }
        }
        "object" => {
            let raw_fields = raw.fields.as_ref().ok_or("an object needs `fields`")?;
            let mut fields = BTreeMap::new();
            for (name, f) in raw_fields {
                fields.insert(name.clone(), resolve(f, common, depth + 1)?);
            }
            FieldType::Object(fields)
        }
        named => {
            let base = common
                .types
                .get(named)
                .ok_or_else(|| format!("unknown type `{named}`"))?;
            let mut field = resolve(base, common, depth + 1)?;
            // The use site may override requiredness, label and help.
            if let Some(required) = raw.required {
                field.required = required;
            }
            if let Some(label) = &raw.label {
                field.label = label.clone();
            }
            if raw.help.is_some() {
                field.help = raw.help.clone();
            }
            return Ok(field);
        }
    };
    Ok(Field {
        ty,
        required: raw.required.unwrap_or(false),
        label: raw.label.clone().unwrap_or_default(),
        help: raw.help.clone(),
    })
}

fn object_schema(fields: &BTreeMap<String, Field>) -> Json {
    let mut props = Map::new();
    let mut required = Vec::new();
    for (name, field) in fields {
        props.insert(name.clone(), field_schema(field));
        if field.required {
            required.push(json!(name));
        }
    }
    json!({
        "type": "object",
        "additionalProperties": false,
        "properties": props,
        "required": required,
    })
}

fn field_schema(field: &Field) -> Json {
    let mut schema = match &field.ty {
        FieldType::String { max_len } | FieldType::Text { max_len } => {
            json!({ "type": "string", "maxLength": max_len })
        }
        FieldType::Date => json!({ "type": "string", "format": "date" }),
        FieldType::Integer { min, max } => {
            let mut s = json!({ "type": "integer" });
            if let Some(min) = min {
                s["minimum"] = json!(min);
            }
            if let Some(max) = max {
                s["maximum"] = json!(max);
            }
            s
        }
        FieldType::Boolean => json!({ "type": "boolean" }),
        FieldType::Enum(values) => json!({
            "enum": values.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>(),
            "x-labels": values.iter().map(|(k, v)| (k.clone(), json!(v))).collect::<Map<_, _>>(),
        }),
        FieldType::List { items, min_items } => json!({
            "type": "array",
            "items": field_schema(items),
            "minItems": min_items,
        }),
        FieldType::Object(fields) => object_schema(fields),
    };
    if let Some(obj) = schema.as_object_mut() {
        if !field.label.is_empty() {
            obj.insert("title".into(), json!(field.label));
        }
        if let Some(help) = &field.help {
            obj.insert("description".into(), json!(help));
        }
    }
    schema
}
