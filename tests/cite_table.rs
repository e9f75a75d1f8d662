//! The table-driven citation suite: every case in tests/fixtures/cite/cases.yaml is a text
//! and the citations `zanbook cite` must find in it, rendered as
//! `ACT [ch=N] [art=N] [part=N] [point=N] [sub=N] [thr=N]` (ACT is the adilet id, the registry
//! key, a document id or `?` when unresolved). A case may also pin the matched surfaces.

use serde::Deserialize;
use std::path::Path;
use zanbook::cite::{cite_text, Context, Date, Record, Registry};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    text: String,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    note: Option<String>,
    cites: Vec<String>,
    #[serde(default)]
    surfaces: Option<Vec<String>>,
}

fn render(r: &Record) -> String {
    let mut out = r.act.clone().unwrap_or_else(|| "?".to_string());
    for (label, value) in [
        ("ch", &r.chapter),
        ("art", &r.article),
        ("part", &r.part),
        ("point", &r.point),
        ("sub", &r.subpoint),
        ("thr", &r.through),
    ] {
        if let Some(v) = value {
            out.push_str(&format!(" {label}={v}"));
        }
    }
    out
}

#[test]
fn citation_table() {
    let registry = Registry::load(Path::new("corpus/statutes.yaml")).expect("registry loads");
    let text = std::fs::read_to_string("tests/fixtures/cite/cases.yaml").expect("cases exist");
    let cases: Vec<Case> = serde_norway::from_str(&text).expect("cases parse");
    assert!(cases.len() >= 250, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for (n, case) in cases.iter().enumerate() {
        let date = case
            .date
            .as_deref()
            .map(|d| Date::parse_iso(d).unwrap_or_else(|| panic!("case {n}: bad date {d}")));
        let ctx = Context {
            date,
            ..Context::default()
        };
        let records = cite_text(&case.text, &ctx, &registry);
        let got: Vec<String> = records.iter().map(render).collect();
        let surfaces: Vec<String> = records.iter().map(|r| r.text.clone()).collect();
        let surfaces_ok = case.surfaces.as_ref().is_none_or(|s| *s == surfaces);
        // Offsets are characters: the surface must be exactly those characters of the input.
        let offsets_ok = records.iter().all(|r| {
            case.text
                .chars()
                .skip(r.start)
                .take(r.end - r.start)
                .collect::<String>()
                == r.text
        });
        if got != case.cites || !surfaces_ok || !offsets_ok {
            failures.push(format!(
                "case {n} ({}): {:?}\n  expected {:?}\n  got      {:?}\n  surfaces {:?}",
                case.note.as_deref().unwrap_or(""),
                case.text,
                case.cites,
                got,
                surfaces
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
