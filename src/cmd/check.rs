use std::path::Path;
use zanbook::pipeline;

/// `zanbook check`: print every diagnostic; exit 1 when any is an error.
pub fn run(corpus: &Path, json: bool) -> zanbook::Result<u8> {
    let compiled = pipeline::compile_dir(corpus)?;
    let (errors, warnings) = if json {
        let text = serde_json::to_string_pretty(&compiled.diagnostics).unwrap_or_default();
        println!("{text}");
        let errors = compiled
            .diagnostics
            .iter()
            .filter(|d| d.severity == zanbook::diagnostic::Severity::Error)
            .count();
        (errors, compiled.diagnostics.len() - errors)
    } else {
        super::report(&compiled.diagnostics)
    };
    eprintln!("check: {errors} error(s), {warnings} warning(s)");
    Ok(if errors > 0 { 1 } else { 0 })
}
