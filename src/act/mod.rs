//! Prosecutor's acts: YAML in, checked like code, typeset to PDF/A with Typst.
//!
//! ```text
//! act.yaml ─ yaml (positions) ─ validate (schema types) ─ rules (legal checks, due dates)
//!          ─ present (Kazakh dates, enum labels, Markdown as data) ─ render (Typst) ─ PDF/A
//! ```
//!
//! Everything that changes with the law is data in the templates directory
//! (`templates/acts/` by default): one `<type>.schema.yaml` and one `<type>.typ` per act type,
//! `common.schema.yaml` and `common.typ` shared by all, `rules.yaml` (tables the named rules
//! read), `calendar.yaml` (holidays) and `known-acts.yaml` (statutes a legal basis may cite).

pub mod calendar;
pub mod citations;
pub mod markdown;
pub mod render;
pub mod report;
pub mod rules;
pub mod schema;
pub mod validate;
pub mod yaml;

use crate::error::{Error, Result};
use calendar::{Calendar, Date};
use citations::{KnownActs, LegalBasisResolver};
use report::{did_you_mean, ActDiagnostic, Severity};
use rules::{RuleData, RuleEnv};
use schema::{Common, FieldType, Schema};
use serde_json::{json, Map, Value as Json};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use validate::Checked;
use yaml::Value;

/// The act types, the rule tables, the calendar and (once needed) the typesetter.
pub struct Engine {
    dir: PathBuf,
    schemas: BTreeMap<String, Schema>,
    calendar: Calendar,
    rule_data: RuleData,
    resolver: Box<dyn LegalBasisResolver>,
    typesetter: OnceLock<std::result::Result<render::Typesetter, String>>,
}

/// The outcome of checking one act file.
pub struct Outcome<'e> {
    pub checked: Checked,
    pub schema: Option<&'e Schema>,
}

impl Outcome<'_> {
    pub fn has_errors(&self) -> bool {
        self.checked.has_errors()
    }
}

impl Engine {
    /// Loads every `*.schema.yaml` of `dir` and the data files beside them. `corpus`, when
    /// given, supplies `statutes.yaml` for legal-basis checks.
    pub fn load(dir: &Path, corpus: Option<&Path>) -> Result<Engine> {
        if !dir.is_dir() {
            return Err(Error::Usage(format!(
                "templates directory `{}` not found (use --templates DIR)",
                dir.display()
            )));
        }
        let common = Common::load(&dir.join("common.schema.yaml"))?;
        let mut schemas = BTreeMap::new();
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| Error::io(dir, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                name.ends_with(".schema.yaml") && name != "common.schema.yaml"
            })
            .collect();
        paths.sort();
        for path in paths {
            let schema = Schema::load(&path, &common)?;
            if !schema.template.is_file() {
                return Err(Error::input(
                    &path,
                    None,
                    format!("template `{}` not found", schema.template.display()),
                ));
            }
            if let Some(previous) = schemas.insert(schema.name.clone(), schema) {
                return Err(Error::input(
                    &path,
                    None,
                    format!("act type `{}` is defined twice", previous.name),
                ));
            }
        }
        let calendar = Calendar::load(&dir.join("calendar.yaml"))?;
        let rules_path = dir.join("rules.yaml");
        let rule_data = RuleData::load(&rules_path)?;
        for schema in schemas.values() {
            rule_data
                .check_schema(schema)
                .map_err(|m| Error::input(&schema.path, None, m))?;
        }
        let statutes = corpus.map(|c| c.join("statutes.yaml"));
        let resolver = KnownActs::load(&dir.join("known-acts.yaml"), statutes.as_deref())?;
        Ok(Engine {
            dir: dir.to_path_buf(),
            schemas,
            calendar,
            rule_data,
            resolver: Box::new(resolver),
            typesetter: OnceLock::new(),
        })
    }

    /// Replaces the legal-basis resolver (the seam for the citation compiler).
    pub fn with_resolver(mut self, resolver: Box<dyn LegalBasisResolver>) -> Engine {
        self.resolver = resolver;
        self
    }

    pub fn schemas(&self) -> impl Iterator<Item = &Schema> {
        self.schemas.values()
    }

    pub fn schema(&self, name: &str) -> Option<&Schema> {
        self.schemas.get(name)
    }

    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    /// Parses and checks one act file's text; never panics, never stops at the first error.
    pub fn check(&self, source: &str) -> Outcome<'_> {
        let root = match yaml::parse(source) {
            Ok(root) => root,
            Err(err) => {
                let mut checked = Checked::default();
                checked.diagnostics.push(ActDiagnostic {
                    severity: Severity::Error,
                    code: err.code,
                    message: err.message,
                    field: String::new(),
                    pos: err.pos,
                    len: 1,
                    hint: err.hint,
                });
                return Outcome {
                    checked,
                    schema: None,
                };
            }
        };
        let schema = match self.act_type(&root) {
            Ok(schema) => schema,
            Err(d) => {
                let mut checked = Checked::default();
                checked.diagnostics.push(*d);
                return Outcome {
                    checked,
                    schema: None,
                };
            }
        };
        let mut checked = validate::check(schema, &root);
        let env = RuleEnv {
            calendar: &self.calendar,
            data: &self.rule_data,
            resolver: self.resolver.as_ref(),
        };
        rules::apply(schema, &mut checked, &env);
        checked.diagnostics.sort_by_key(|d| (d.pos.line, d.pos.col));
        Outcome {
            checked,
            schema: Some(schema),
        }
    }

    /// Reads `type:` and finds its schema.
    fn act_type(&self, root: &yaml::Node) -> std::result::Result<&Schema, Box<ActDiagnostic>> {
        let names = || self.schemas.keys().cloned().collect::<Vec<_>>().join(", ");
        let error = |pos, len, message: String, hint: String| {
            Box::new(ActDiagnostic {
                severity: Severity::Error,
                code: "act-type",
                message,
                field: "type".into(),
                pos,
                len,
                hint: Some(hint),
            })
        };
        let Value::Map(entries) = &root.value else {
            return Err(error(
                root.pos,
                1,
                format!(
                    "an act file must be a mapping of fields, found {}",
                    root.kind_name()
                ),
                format!("start the file with `type: <act type>`; types: {}", names()),
            ));
        };
        let Some((_, node)) = entries.iter().find(|(k, _)| k.name == "type") else {
            return Err(error(
                root.pos,
                1,
                "missing required field `type` (the act type)".into(),
                format!(
                    "add `type: <act type>` as the first line; types: {}",
                    names()
                ),
            ));
        };
        let Value::Scalar { text, .. } = &node.value else {
            return Err(error(
                node.pos,
                1,
                "`type` must be the name of an act type".into(),
                names(),
            ));
        };
        self.schemas.get(text.as_str()).ok_or_else(|| {
            let hint = match did_you_mean(text, self.schemas.keys().map(String::as_str)) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("the act types are: {}", names()),
            };
            error(
                node.pos,
                text.chars().count(),
                format!("unknown act type `{text}`"),
                hint,
            )
        })
    }

    /// Typesets a checked act (without errors) to PDF bytes.
    pub fn render(&self, outcome: &Outcome) -> Result<Vec<u8>, String> {
        let schema = outcome.schema.ok_or("the act has no type")?;
        let checked = &outcome.checked;
        let date = checked
            .get("date")
            .and_then(Json::as_str)
            .and_then(|s| Date::parse(s).ok())
            .ok_or("the act has no valid date")?;
        let typesetter = self
            .typesetter
            .get_or_init(|| render::Typesetter::new(&self.dir).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(Clone::clone)?;
        let inputs = json!({ "act": present(schema, checked, date) });
        let template = schema
            .template
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let number = checked
            .get("number")
            .and_then(Json::as_str)
            .unwrap_or_default();
        let ident = format!("{}/{number}/{date}", schema.name);
        typesetter.render(template, &inputs, date, &ident)
    }
}

/// The data a template receives as `sys.inputs.act`: the act's fields with dates as
/// `{iso, kk}`, enums as `{value, label}` and free text as Markdown blocks; the rules'
/// results under `computed`; and the act type's own texts under `meta`.
pub fn present(schema: &Schema, checked: &Checked, date: Date) -> Json {
    let mut fields = Map::new();
    if let Json::Object(data) = &checked.data {
        for (name, field) in &schema.fields {
            if let Some(value) = data.get(name) {
                fields.insert(name.clone(), present_value(&field.ty, value));
            }
        }
    }
    json!({
        "fields": fields,
        "computed": checked.computed,
        "meta": {
            "type": schema.name,
            "label": schema.label,
            "title": schema.title,
            "law": schema.law,
            "date_kk": date.kazakh(),
        },
    })
}

fn present_value(ty: &FieldType, value: &Json) -> Json {
    match (ty, value) {
        (FieldType::Date, Json::String(s)) => match Date::parse(s) {
            Ok(d) => d.kazakh_forms(),
            Err(_) => value.clone(),
        },
        (FieldType::Enum(values), Json::String(s)) => {
            let label = values.iter().find(|(v, _)| v == s).map(|(_, l)| l.clone());
            json!({ "value": s, "label": label.unwrap_or_default() })
        }
        (FieldType::Text { .. }, Json::String(s)) => markdown::to_blocks(s),
        (FieldType::List { items, .. }, Json::Array(list)) => {
            Json::Array(list.iter().map(|v| present_value(&items.ty, v)).collect())
        }
        (FieldType::Object(fields), Json::Object(map)) => Json::Object(
            map.iter()
                .map(|(k, v)| {
                    let shown = match fields.get(k) {
                        Some(f) => present_value(&f.ty, v),
                        None => v.clone(),
                    };
                    (k.clone(), shown)
                })
                .collect(),
        ),
        _ => value.clone(),
    }
}
