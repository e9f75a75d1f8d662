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

use zanbook::diagnostic::{Diagnostic, Severity};

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
