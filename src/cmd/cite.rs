use std::io::{Read, Write};
use std::path::Path;
use zanbook::cite::{self, Context, Date, Registry};

/// `zanbook cite [--json] [--date YYYY-MM-DD]`: the citations in the text on stdin.
pub fn run(statutes: &Path, json: bool, date: Option<&str>) -> zanbook::Result<u8> {
    let date = match date {
        Some(text) => Some(Date::parse_iso(text).ok_or_else(|| {
            zanbook::Error::Usage(format!("--date `{text}` is not a date; write YYYY-MM-DD"))
        })?),
        None => None,
    };
    if !statutes.exists() {
        eprintln!(
            "warning: {} not found: citations are recognised but no act resolves (pass --statutes FILE)",
            statutes.display()
        );
    }
    let registry = Registry::load(statutes)?;
    let mut text = String::new();
    let limit = zanbook::limits::MAX_CITE_INPUT_BYTES;
    std::io::stdin()
        .take(limit as u64 + 1)
        .read_to_string(&mut text)
        .map_err(|e| zanbook::Error::io("<stdin>", e))?;
    if text.len() > limit {
        return Err(zanbook::Error::input(
            "<stdin>",
            None,
            format!("the text is longer than the limit of {limit} bytes"),
        )
        .with_hint("cite one document at a time"));
    }
    let ctx = Context {
        date,
        ..Context::default()
    };
    let records = cite::cite_text(&text, &ctx, &registry);
    let mut out = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth a message.
    if json {
        let body = serde_json::to_string_pretty(&records)
            .map_err(|e| zanbook::Error::Usage(format!("cannot serialise citations: {e}")))?;
        let _ = writeln!(out, "{body}");
    } else {
        for r in &records {
            let _ = writeln!(out, "{}", human(r));
        }
    }
    Ok(0)
}

/// `12-31  ҚК-нің 40-бабы  →  K1400000226 art. 40`
fn human(r: &cite::Record) -> String {
    let mut target = r.act.clone().unwrap_or_else(|| "?".to_string());
    let units = [
        ("ch.", &r.chapter),
        ("art.", &r.article),
        ("part", &r.part),
        ("p.", &r.point),
        ("subp.", &r.subpoint),
    ];
    for (label, value) in units {
        if let Some(v) = value {
            target.push_str(&format!(" {label} {v}"));
        }
    }
    if let Some(t) = &r.through {
        target.push_str(&format!("–{t}"));
    }
    // A citation may run over a line break; the report keeps one line per citation.
    let surface = r.text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut line = format!("{}-{}\t{surface}\t→ {target}", r.start, r.end);
    if let Some(p) = &r.problem {
        line.push_str(&format!("\t({p})"));
    }
    line
}
