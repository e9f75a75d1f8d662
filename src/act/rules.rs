//! Named legal rules a schema can invoke (`rules:` in `<type>.schema.yaml`).
//!
//! Each rule is a check the Law «Прокуратура туралы» imposes on more than one act type: terms
//! no shorter / no longer than the law allows (with the due date computed for the template),
//! the acts that may not be protested (art. 33 §6), who may suspend (art. 33 §5), legal-basis
//! citations that must resolve, date order, and who may not be brought by force (art. 26 §13).
//! The tables the rules read (which kinds of act may not be protested, which ranks may suspend)
//! are data in `templates/acts/rules.yaml`.

use super::calendar::{Calendar, Date, DayKind, Term};
use super::citations::LegalBasisResolver;
use super::report::{ActDiagnostic, Severity};
use super::schema::{FieldType, Schema};
use super::validate::Checked;
use crate::error::{yaml_error, Error, Result};
use serde::Deserialize;
use serde_json::{json, Value as Json};
use std::collections::BTreeMap;
use std::path::Path;

/// A term as written in a schema or an act: `{days: 10, unit: calendar}`.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermSpec {
    pub days: i64,
    pub unit: DayKind,
}

impl From<TermSpec> for Term {
    fn from(t: TermSpec) -> Term {
        Term {
            days: t.days,
            kind: t.unit,
        }
    }
}

/// A rule invocation in a schema.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case", deny_unknown_fields)]
pub enum Rule {
    /// The term in `field` (or `default` when absent) must be no shorter than `min`, unless
    /// the field named by `unless` is filled in (e.g. an urgency reason). The due date goes to
    /// `computed.<output>`.
    TermMin {
        field: String,
        min: TermSpec,
        default: TermSpec,
        #[serde(default)]
        unless: Option<String>,
        #[serde(default)]
        output: Option<String>,
        basis: String,
    },
    /// The term in `field` (or `default`) must be no longer than `max`.
    TermMax {
        field: String,
        max: TermSpec,
        default: TermSpec,
        #[serde(default)]
        output: Option<String>,
        basis: String,
    },
    /// The act named in `field` (an object with `kind` and `issuer`) must not be of a kind
    /// that may not be protested.
    NotProtestable { field: String },
    /// When the boolean `when` is true (or always, without `when`), the signatory's `rank`
    /// must be listed in the rank table `table` of rules.yaml (`may_suspend`, …).
    RankAllowed {
        table: String,
        #[serde(default)]
        when: Option<String>,
        signatory: String,
    },
    /// `field` must be filled in when the field `when` has the value `equals`.
    RequiredWhen {
        field: String,
        when: String,
        equals: String,
    },
    /// Every entry of the list in `field` (`{act, article, …}`) must resolve.
    CitationsResolve { field: String },
    /// The date in `field` must not be later than the date in `than`.
    DateNotAfter { field: String, than: String },
    /// The person in `field` must not be one who may not be brought by force.
    AppearanceExempt { field: String },
}

impl Rule {
    pub fn name(&self) -> &'static str {
        match self {
            Rule::TermMin { .. } => "term_min",
            Rule::TermMax { .. } => "term_max",
            Rule::NotProtestable { .. } => "not_protestable",
            Rule::RankAllowed { .. } => "rank_allowed",
            Rule::RequiredWhen { .. } => "required_when",
            Rule::CitationsResolve { .. } => "citations_resolve",
            Rule::DateNotAfter { .. } => "date_not_after",
            Rule::AppearanceExempt { .. } => "appearance_exempt",
        }
    }

    /// The field paths this rule reads, with the type each must have.
    fn reads(&self) -> Vec<(&str, &'static str)> {
        match self {
            Rule::TermMin { field, unless, .. } => {
                let mut v = vec![(field.as_str(), "object")];
                if let Some(u) = unless {
                    v.push((u.as_str(), ""));
                }
                v
            }
            Rule::TermMax { field, .. } => vec![(field.as_str(), "object")],
            Rule::NotProtestable { field } => vec![(field.as_str(), "object")],
            Rule::RankAllowed {
                when, signatory, ..
            } => {
                let mut v = vec![(signatory.as_str(), "object")];
                if let Some(w) = when {
                    v.push((w.as_str(), "boolean"));
                }
                v
            }
            Rule::RequiredWhen { field, when, .. } => {
                vec![(field.as_str(), ""), (when.as_str(), "enum")]
            }
            Rule::CitationsResolve { field } => vec![(field.as_str(), "list")],
            Rule::DateNotAfter { field, than } => {
                vec![(field.as_str(), "date"), (than.as_str(), "date")]
            }
            Rule::AppearanceExempt { field } => vec![(field.as_str(), "object")],
        }
    }

    /// Checks, when a schema is loaded, that the fields the rule reads exist with the right
    /// types, so a schema typo fails at load time and not on some later act.
    pub fn check_against(&self, schema: &Schema) -> Result<(), String> {
        for (path, ty) in self.reads() {
            let field = schema
                .field(path)
                .ok_or_else(|| format!("the schema has no field `{path}`"))?;
            if !ty.is_empty() && field.ty.name() != ty {
                return Err(format!(
                    "field `{path}` is a {}, the rule needs a {ty}",
                    field.ty.name()
                ));
            }
        }
        if let Rule::RankAllowed { signatory, .. } = self {
            let rank = format!("{signatory}.rank");
            if !matches!(schema.field(&rank).map(|f| &f.ty), Some(FieldType::Enum(_))) {
                return Err(format!("`{rank}` must be an enum of prosecutor ranks"));
            }
        }
        Ok(())
    }
}

/// The tables rules read (`templates/acts/rules.yaml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleData {
    pub not_protestable: NotProtestable,
    /// Rank tables by name (`may_suspend`, `may_appeal`, `may_compel`).
    pub ranks: BTreeMap<String, RankTable>,
    pub appearance_exempt: AppearanceExemptData,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotProtestable {
    pub basis: String,
    /// Kind value → what it is, in Kazakh.
    pub kinds: BTreeMap<String, String>,
    /// Words in an issuer's name that suggest a kind that may not be protested.
    pub issuer_words: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RankTable {
    pub basis: String,
    /// What the ranks may do, for the message (`suspend an act`).
    pub action: String,
    pub ranks: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppearanceExemptData {
    pub basis: String,
    pub min_age: u32,
    pub adult_age: u32,
}

impl RuleData {
    pub fn load(path: &Path) -> Result<RuleData> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        serde_norway::from_str(&text).map_err(|e| yaml_error(path, e))
    }

    /// Checks that every rank table a schema names exists.
    pub fn check_schema(&self, schema: &Schema) -> Result<(), String> {
        for rule in &schema.rules {
            if let Rule::RankAllowed { table, .. } = rule {
                if !self.ranks.contains_key(table) {
                    return Err(format!(
                        "rule `rank_allowed` names the table `{table}`, which rules.yaml lacks"
                    ));
                }
            }
        }
        Ok(())
    }
}

/// What the rules need besides the act.
pub struct RuleEnv<'a> {
    pub calendar: &'a Calendar,
    pub data: &'a RuleData,
    pub resolver: &'a dyn LegalBasisResolver,
}

/// Runs every rule of the schema; adds diagnostics and computed values to `checked`.
pub fn apply(schema: &Schema, checked: &mut Checked, env: &RuleEnv) {
    for rule in &schema.rules {
        match rule {
            Rule::TermMin {
                field,
                min,
                default,
                unless,
                output,
                basis,
            } => {
                let waived = unless.as_deref().is_some_and(|u| checked.is_filled(u));
                let bound = Bound::Min(Term::from(*min));
                let bound = if waived { Bound::None } else { bound };
                check_term(checked, env, field, bound, *default, output, basis);
            }
            Rule::TermMax {
                field,
                max,
                default,
                output,
                basis,
            } => check_term(
                checked,
                env,
                field,
                Bound::Max(Term::from(*max)),
                *default,
                output,
                basis,
            ),
            Rule::NotProtestable { field } => not_protestable(checked, env.data, field),
            Rule::RankAllowed {
                table,
                when,
                signatory,
            } => rank_allowed(checked, env.data, table, when.as_deref(), signatory),
            Rule::RequiredWhen {
                field,
                when,
                equals,
            } => required_when(checked, field, when, equals),
            Rule::CitationsResolve { field } => citations(checked, env.resolver, field),
            Rule::DateNotAfter { field, than } => date_not_after(checked, field, than),
            Rule::AppearanceExempt { field } => appearance_exempt(checked, env.data, field),
        }
    }
}

enum Bound {
    None,
    Min(Term),
    Max(Term),
}

fn check_term(
    checked: &mut Checked,
    env: &RuleEnv,
    field: &str,
    bound: Bound,
    default: TermSpec,
    output: &Option<String>,
    basis: &str,
) {
    let given = checked.get(field).and_then(read_term);
    let term = given.unwrap_or_else(|| default.into());
    // Terms run from delivery when the act says when it was delivered, else from its date.
    let date_of = |path: &str| {
        checked
            .get(path)
            .and_then(Json::as_str)
            .and_then(|s| Date::parse(s).ok())
    };
    let Some(start) = date_of("delivered").or_else(|| date_of("date")) else {
        return; // the act date is missing or wrong; that is already reported
    };
    let cal = env.calendar;
    let Some(due) = cal.due_date(start, term) else {
        let (first, last) = cal.covered_years();
        // Point at the term if one was given, else at the act date the default counts from.
        let at = if given.is_some() { field } else { "date" };
        checked.error(
            "calendar-range",
            at,
            format!(
                "cannot count {} from {}: the holiday calendar covers {first}–{last} only",
                term.kazakh(),
                start.kazakh()
            ),
            "add the year's holidays and transfers to templates/acts/calendar.yaml",
        );
        return;
    };
    match bound {
        Bound::Min(min) if given.is_some() => match cal.due_date(start, min) {
            Some(min_due) if due < min_due => checked.error(
                "term-too-short",
                &format!("{field}.days"),
                format!(
                    "the term `{field}` ({}) is shorter than the law allows: at least {} ({basis})",
                    term.kazakh(),
                    min.kazakh()
                ),
                format!(
                    "set a term of at least {} (due no earlier than {}), or leave `{field}` out for the default of {}",
                    min.kazakh(),
                    min_due.kazakh(),
                    Term::from(default).kazakh()
                ),
            ),
            _ => {}
        },
        Bound::Max(max) => match cal.due_date(start, max) {
            Some(max_due) if due > max_due => checked.error(
                "term-too-long",
                &format!("{field}.days"),
                format!(
                    "the term `{field}` ({}) is longer than the law allows: at most {} ({basis})",
                    term.kazakh(),
                    max.kazakh()
                ),
                format!("set a term of at most {} (due by {})", max.kazakh(), max_due.kazakh()),
            ),
            _ => {}
        },
        _ => {}
    }
    if let Some(out) = output {
        checked.computed.insert(out.clone(), {
            let mut forms = due.kazakh_forms();
            forms["term"] = json!(term.kazakh());
            forms["days"] = json!(term.days);
            forms["unit"] = json!(match term.kind {
                DayKind::Calendar => "calendar",
                DayKind::Working => "working",
            });
            forms
        });
    }
}

fn read_term(value: &Json) -> Option<Term> {
    let days = value.get("days")?.as_i64()?;
    let kind = match value.get("unit")?.as_str()? {
        "calendar" => DayKind::Calendar,
        "working" => DayKind::Working,
        _ => return None,
    };
    Some(Term { days, kind })
}

fn not_protestable(checked: &mut Checked, data: &RuleData, field: &str) {
    let table = &data.not_protestable;
    let kind_path = format!("{field}.kind");
    if let Some(kind) = checked.get(&kind_path).and_then(Json::as_str) {
        if let Some(what) = table.kinds.get(kind) {
            checked.error(
                "not-protestable",
                &kind_path,
                format!("a protest may not be brought against {what} (`{kind_path}: {kind}`)"),
                format!(
                    "{}: such acts may not be protested; if the act is unlawful, report to the higher prosecutor instead",
                    table.basis
                ),
            );
            return;
        }
    }
    let issuer_path = format!("{field}.issuer");
    let Some(issuer) = checked.get(&issuer_path).and_then(Json::as_str) else {
        return;
    };
    let lower = issuer.to_lowercase();
    if let Some((word, what)) = table
        .issuer_words
        .iter()
        .find(|(word, _)| lower.contains(&word.to_lowercase()))
    {
        let message = format!(
            "the issuer «{issuer}» names {what} («{word}»), whose acts may not be protested"
        );
        let hint = format!(
            "{}; check `{kind_path}` — if the act really is such an act, no protest lies",
            table.basis
        );
        checked.push(
            Severity::Warning,
            "maybe-not-protestable",
            &issuer_path,
            message,
            hint,
        );
    }
}

fn required_when(checked: &mut Checked, field: &str, when: &str, equals: &str) {
    if checked.get(when).and_then(Json::as_str) == Some(equals) && !checked.is_filled(field) {
        checked.error(
            "missing-field",
            when,
            format!("`{when}: {equals}` requires the field `{field}`"),
            format!("add `{field}:`"),
        );
    }
}

fn rank_allowed(
    checked: &mut Checked,
    data: &RuleData,
    table: &str,
    when: Option<&str>,
    signatory: &str,
) {
    if let Some(flag) = when {
        if checked.get(flag).and_then(Json::as_bool) != Some(true) {
            return;
        }
    }
    let Some(table) = data.ranks.get(table) else {
        return; // checked when the templates were loaded
    };
    let rank_path = format!("{signatory}.rank");
    let Some(rank) = checked.get(&rank_path).and_then(Json::as_str) else {
        return;
    };
    if !table.ranks.iter().any(|r| r == rank) {
        let allowed = table.ranks.join(", ");
        let what = when.map_or(String::new(), |w| format!(" (`{w}: true`)"));
        checked.error(
            "rank-not-allowed",
            &rank_path,
            format!(
                "a signatory of rank `{rank}` may not {}{what}",
                table.action
            ),
            format!(
                "{}: only these ranks may: {allowed}; have the act signed by one of them",
                table.basis
            ),
        );
    }
}

fn citations(checked: &mut Checked, resolver: &dyn LegalBasisResolver, field: &str) {
    let Some(list) = checked.get(field).and_then(Json::as_array).cloned() else {
        return;
    };
    let mut texts = Vec::new();
    for (i, entry) in list.iter().enumerate() {
        let act = entry.get("act").and_then(Json::as_str).unwrap_or_default();
        let article = entry
            .get("article")
            .and_then(Json::as_str)
            .unwrap_or_default();
        match resolver.resolve(act, article) {
            Ok(resolved) => texts.push(json!(super::citations::display(&resolved, entry))),
            Err(failure) => {
                let path = format!("{field}.{i}.{}", failure.field);
                checked.error("unresolved-citation", &path, failure.message, failure.hint);
            }
        }
    }
    checked
        .computed
        .insert(field.to_string(), Json::Array(texts));
}

fn date_not_after(checked: &mut Checked, field: &str, than: &str) {
    let date = |c: &Checked, p: &str| {
        c.get(p)
            .and_then(Json::as_str)
            .and_then(|s| Date::parse(s).ok())
    };
    if let (Some(a), Some(b)) = (date(checked, field), date(checked, than)) {
        if a > b {
            checked.error(
                "date-order",
                field,
                format!(
                    "`{field}` ({}) is later than `{than}` ({})",
                    a.kazakh(),
                    b.kazakh()
                ),
                format!("`{field}` cannot come after `{than}`; check both dates"),
            );
        }
    }
}

fn appearance_exempt(checked: &mut Checked, data: &RuleData, field: &str) {
    let table = &data.appearance_exempt;
    let get = |c: &Checked, name: &str| c.get(&format!("{field}.{name}")).cloned();
    let act_date = checked
        .get("date")
        .and_then(Json::as_str)
        .and_then(|s| Date::parse(s).ok());
    let birth =
        get(checked, "birth_date").and_then(|v| v.as_str().and_then(|s| Date::parse(s).ok()));
    if let (Some(birth), Some(on)) = (birth, act_date) {
        let age = age_on(birth, on);
        if age < table.min_age {
            checked.error(
                "appearance-exempt",
                &format!("{field}.birth_date"),
                format!(
                    "the person is {age} years old; a person under {} may not be brought by force",
                    table.min_age
                ),
                table.basis.clone(),
            );
        } else if age < table.adult_age
            && get(checked, "representative_notified").and_then(|v| v.as_bool()) != Some(true)
        {
            checked.error(
                "appearance-exempt",
                &format!("{field}.birth_date"),
                format!("the person is {age}: a minor may be brought only after the legal representative was notified"),
                format!("{}; set `{field}.representative_notified: true` once the representative is notified", table.basis),
            );
        }
    }
    for (flag, why) in [
        ("pregnant", "a pregnant woman may not be brought by force"),
        ("unable_for_health", "a person who cannot leave because of illness (certified by a doctor) may not be brought by force"),
    ] {
        if get(checked, flag).and_then(|v| v.as_bool()) == Some(true) {
            checked.error("appearance-exempt", &format!("{field}.{flag}"), why.to_string(), table.basis.clone());
        }
    }
}

/// Full years between two dates.
fn age_on(birth: Date, on: Date) -> u32 {
    let mut years = on.year - birth.year;
    if (on.month, on.day) < (birth.month, birth.day) {
        years -= 1;
    }
    years.max(0) as u32
}

/// Adds a located diagnostic (kept here so rules read like the law they check).
impl Checked {
    pub fn error(
        &mut self,
        code: &'static str,
        path: &str,
        message: String,
        hint: impl Into<String>,
    ) {
        self.push(Severity::Error, code, path, message, hint.into());
    }

    pub fn push(
        &mut self,
        severity: Severity,
        code: &'static str,
        path: &str,
        message: String,
        hint: String,
    ) {
        let (pos, len) = self.locate(path);
        self.diagnostics.push(ActDiagnostic {
            severity,
            code,
            message,
            field: path.to_string(),
            pos,
            len,
            hint: Some(hint),
        });
    }
}
