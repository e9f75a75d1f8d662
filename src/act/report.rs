//! Act diagnostics, printed the way rustc prints errors: the message, the file, line and
//! column, the YAML line with the offending part underlined, and a hint.
//!
//! ```text
//! error[unknown-field]: unknown field `adressee`
//!   --> examples/acts/protest.yaml:9:1
//!    |
//!  9 | adressee:
//!    | ^^^^^^^^
//!    = hint: did you mean `addressee`?
//! ```

use super::yaml::Pos;
use std::fmt::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// One problem found in an act file.
#[derive(Debug, Clone, PartialEq)]
pub struct ActDiagnostic {
    pub severity: Severity,
    /// A short stable name (`unknown-field`, `term-too-short`, …).
    pub code: &'static str,
    pub message: String,
    /// The dotted path of the field (`contested_act.kind`); empty for the whole file.
    pub field: String,
    pub pos: Pos,
    /// How many characters to underline (at least 1).
    pub len: usize,
    pub hint: Option<String>,
}

impl ActDiagnostic {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Formats one diagnostic against the source text it is about.
pub fn render(d: &ActDiagnostic, file: &str, source: &str) -> String {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut out = String::new();
    let _ = writeln!(out, "{level}[{}]: {}", d.code, d.message);
    let line_no = d.pos.line.max(1);
    let _ = writeln!(out, "  --> {file}:{line_no}:{}", d.pos.col.max(1));
    let gutter = line_no.to_string().len();
    if let Some(line) = source.lines().nth(line_no - 1) {
        let shown = snippet(line);
        let _ = writeln!(out, "{:gutter$} |", "");
        let _ = writeln!(out, "{line_no} | {shown}");
        let col = d.pos.col.max(1) - 1;
        let shown_len = shown.chars().count();
        let start = col.min(shown_len);
        let len = d.len.max(1).min(shown_len.saturating_sub(start).max(1));
        let _ = writeln!(
            out,
            "{:gutter$} | {}{}",
            "",
            " ".repeat(start),
            "^".repeat(len)
        );
    }
    let named = d.field.is_empty() || d.message.contains(&format!("`{}", d.field));
    if !named {
        let _ = writeln!(out, "{:gutter$} = field: `{}`", "", d.field);
    }
    if let Some(hint) = &d.hint {
        let _ = writeln!(out, "{:gutter$} = hint: {hint}", "");
    }
    out
}

/// A source line as shown in a diagnostic: tabs made visible as spaces and very long lines
/// cut (a 5 MB field must not flood the terminal).
fn snippet(line: &str) -> String {
    const MAX: usize = 120;
    let line = line.replace('\t', " ");
    if line.chars().count() > MAX {
        let cut: String = line.chars().take(MAX).collect();
        format!("{cut}…")
    } else {
        line
    }
}

/// The closest of `candidates` to `word` by edit distance, if it is close enough to be a
/// likely misspelling.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_pick_the_closest_name() {
        let names = ["addressee", "address", "signatory"];
        assert_eq!(did_you_mean("adressee", names), Some("addressee"));
        assert_eq!(did_you_mean("signatry", names), Some("signatory"));
        assert_eq!(did_you_mean("zzz", names), None);
    }

    #[test]
    fn rendering_points_at_the_column() {
        let d = ActDiagnostic {
            severity: Severity::Error,
            code: "unknown-field",
            message: "unknown field `adressee`".into(),
            field: "adressee".into(),
            pos: Pos { line: 2, col: 3 },
            len: 8,
            hint: Some("did you mean `addressee`?".into()),
        };
        let text = render(&d, "a.yaml", "x: 1\n  adressee: 2\n");
        assert!(text.contains("--> a.yaml:2:3"), "{text}");
        assert!(text.contains("2 |   adressee: 2"), "{text}");
        assert!(text.contains("  |   ^^^^^^^^"), "{text}");
        assert!(text.contains("= hint: did you mean"), "{text}");
    }
}
