//! One file per subcommand. Each returns the exit code for success paths that still
//! signal something (1 when `check` finds errors) or an error to print.

pub mod act;
pub mod build;
pub mod check;
pub mod cite;
pub mod graph;
pub mod handout;
pub mod search;
pub mod serve;

use std::path::Path;

use zanbook::diagnostic::{Diagnostic, Severity};
use zanbook::{Error, Result};

/// Reads a file a user wrote (an act, a handout spec) as UTF-8 text; the YAML reader then
/// refuses anything too large or too deep.
pub fn read_utf8(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    String::from_utf8(bytes).map_err(|e| {
        Error::input(
            path,
            None,
            format!(
                "the file is not UTF-8 (byte {})",
                e.utf8_error().valid_up_to()
            ),
        )
        .with_hint("save the file as UTF-8")
    })
}

/// Prints diagnostics to stderr and counts (errors, warnings).
pub fn report(diagnostics: &[Diagnostic]) -> (usize, usize) {
    let mut errors = 0;
    let mut warnings = 0;
    for d in diagnostics {
        eprintln!("{d}");
        match d.severity {
            Severity::Error => errors += 1,
            Severity::Warning => warnings += 1,
        }
    }
    (errors, warnings)
}
