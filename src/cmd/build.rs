use std::path::Path;
use std::time::Instant;
use zanbook::diagnostic::Severity;
use zanbook::emit::site;
use zanbook::pipeline;

/// `zanbook build`: compile the corpus and write the site; prints a one-screen summary.
pub fn run(corpus: &Path, out: &Path, templates: Option<&Path>) -> zanbook::Result<u8> {
    let started = Instant::now();
    let compiled = pipeline::compile_dir(corpus)?;
    let errors: Vec<_> = compiled
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    if !errors.is_empty() {
        for d in &errors {
            eprintln!("{d}");
        }
        return Err(zanbook::Error::Diagnostics(format!(
            "{} error(s) in the corpus; the previous site was left in place (run `zanbook check` for all diagnostics)",
            errors.len()
        )));
    }
    let stats = site::write_site(&compiled.graph, &compiled.diagnostics, out, templates)?;
    let pages = stats.pages;
    let graph = &compiled.graph;
    println!(
        "zanbook: {} documents, {} nodes",
        graph.documents.len(),
        graph.nodes.len()
    );
    for doc in &graph.documents {
        let counts = graph.count_by_kind(Some(&doc.id));
        let parts: Vec<String> = counts
            .iter()
            .map(|(k, n)| format!("{n} {}", k.name()))
            .collect();
        println!(
            "  {:<16} {:<8} {}",
            doc.id,
            doc.kind.as_str(),
            parts.join(", ")
        );
    }
    println!(
        "  {} abbreviations, {} defined terms",
        graph.abbreviations.len(),
        graph.terms.len()
    );
    let warnings = compiled.diagnostics.len();
    println!(
        "{pages} pages written to {} in {:.0} ms; {warnings} warning(s) (see `zanbook check`)",
        out.display(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    Ok(0)
}
