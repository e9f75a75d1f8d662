use std::path::Path;
use std::time::Instant;
use zanbook::diagnostic::Severity;
use zanbook::emit::site;
use zanbook::pipeline;
use zanbook::search::shards::{self, IndexStats};

/// Up to this many documents, the summary has a line per document.
const MAX_LISTED_DOCUMENTS: usize = 20;

/// "1 order, 6 chapter, 21 point, …"
fn kind_counts(counts: &std::collections::BTreeMap<zanbook::graph::NodeKind, usize>) -> String {
    let parts: Vec<String> = counts
        .iter()
        .map(|(k, n)| format!("{n} {}", k.name()))
        .collect();
    parts.join(", ")
}

/// `zanbook build`: compile the corpus and write the site (with its search index unless
/// `search` is false); prints a one-screen summary.
pub fn run(
    corpus: &Path,
    out: &Path,
    templates: Option<&Path>,
    search: bool,
) -> zanbook::Result<u8> {
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
    let mut index: Option<IndexStats> = None;
    let terms = corpus.join("search-terms.yaml");
    let stats = site::write_site_with(
        &compiled.graph,
        &compiled.diagnostics,
        out,
        templates,
        |staged, map| {
            if search {
                index = Some(shards::index_site(&compiled.graph, map, staged, &terms)?);
            }
            Ok(())
        },
    )?;
    let pages = stats.pages;
    let graph = &compiled.graph;
    println!(
        "zanbook: {} documents, {} nodes",
        graph.documents.len(),
        graph.nodes.len()
    );
    if graph.documents.len() <= MAX_LISTED_DOCUMENTS {
        for doc in &graph.documents {
            let counts = graph.count_by_kind(Some(&doc.id));
            println!(
                "  {:<16} {:<8} {}",
                doc.id,
                doc.kind.as_str(),
                kind_counts(&counts)
            );
        }
    } else {
        // A large corpus gets one line, not a screen per document.
        println!("  {}", kind_counts(&graph.count_by_kind(None)));
    }
    println!(
        "  {} abbreviations, {} defined terms",
        graph.abbreviations.len(),
        graph.terms.len()
    );
    match index {
        Some(i) => println!(
            "  search index: {} passages, {} keys, {} files; {} KB ranking data + {} KB stored passages",
            i.passages,
            i.keys,
            i.files,
            i.ranking_bytes.div_ceil(1024),
            i.stored_bytes.div_ceil(1024)
        ),
        None => println!("  search index: skipped (--no-search)"),
    }
    let warnings = compiled.diagnostics.len();
    println!(
        "{pages} pages written to {} in {:.0} ms; {warnings} warning(s) (see `zanbook check`)",
        out.display(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    // The site is written and the process ends here: freeing a large graph node by node would
    // only delay the exit (a tenth of a second at 100×); the system takes the memory back.
    std::mem::forget(compiled);
    Ok(0)
}
