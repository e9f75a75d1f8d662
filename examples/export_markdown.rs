//! Benchmark helper (not a product command): exports the pages `zanbook build` writes as
//! Markdown with front matter, so Hugo and mdBook can build the same pages in the peer
//! benchmark (bench/scale/peers.sh).
//!
//! ```text
//! cargo run --release --example export_markdown -- corpus OUT_DIR
//! ```
//!
//! Writes `OUT_DIR/content/<page>.md` (YAML front matter: title, weight) for every document,
//! node page and cited statute unit, and `OUT_DIR/SUMMARY.md` listing them in reading order
//! (mdBook's table of contents). A node page holds its heading and the text of every node
//! shown on it, in the same order as zanbook's page; a statute page lists the passages that
//! cite it. The other, smaller pages (glossary, listings) are left out of both sides' count.

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use zanbook::emit::site::pages::PageMap;
use zanbook::graph::Graph;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [corpus, out] = args.as_slice() else {
        eprintln!("usage: export_markdown CORPUS_DIR OUT_DIR");
        return ExitCode::from(2);
    };
    let compiled = match zanbook::pipeline::compile_dir(Path::new(corpus)) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("export_markdown: {e}");
            return ExitCode::from(1);
        }
    };
    match export(&compiled.graph, Path::new(out)) {
        Ok(pages) => {
            println!("{pages} pages written to {out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("export_markdown: {e}");
            ExitCode::from(1)
        }
    }
}

fn export(graph: &Graph, out: &Path) -> std::io::Result<usize> {
    let map = PageMap::build(graph);
    let content = out.join("content");
    let mut summary = String::from("# Summary\n\n");
    let mut pages = 0;
    let mut weight = 0;
    for doc in &graph.documents {
        weight += 1;
        let body: String = doc
            .children
            .iter()
            .filter_map(|c| graph.node(c))
            .map(|n| format!("- {}\n", n.heading.as_deref().unwrap_or(&n.id)))
            .collect();
        let path = format!("{}/_index.md", doc.id);
        write_page(&content, &path, &doc.title, weight, &body)?;
        let _ = writeln!(summary, "- [{}]({path})", escape_link(&doc.title));
        pages += 1;
        for page in map.reading_order.get(&doc.id).into_iter().flatten() {
            let Some(node) = graph.node(page) else {
                continue;
            };
            weight += 1;
            let title = node.heading.clone().unwrap_or_else(|| node.id.clone());
            let mut body = String::new();
            page_body(graph, &map, page, &mut body);
            let path = format!("{page}.md");
            write_page(&content, &path, &title, weight, &body)?;
            let _ = writeln!(summary, "  - [{}]({path})", escape_link(&title));
            pages += 1;
        }
    }
    let _ = writeln!(summary, "- [Statutes](statutes/_index.md)");
    write_page(&content, "statutes/_index.md", "Statutes", weight + 1, "")?;
    for unit in &graph.statute_articles {
        weight += 1;
        let title = format!("{} {}", unit.title, unit.number.as_deref().unwrap_or(""));
        let mut body = String::new();
        for edge in graph.citations.iter().filter(|e| e.to == unit.id) {
            if let Some(node) = graph.node(&edge.from) {
                let _ = writeln!(body, "> {}\n\n— {}\n", node.text, node.id);
            }
        }
        let path = format!("statutes/{}.md", unit.id);
        write_page(&content, &path, &title, weight, &body)?;
        let _ = writeln!(summary, "  - [{}]({path})", escape_link(&title));
        pages += 1;
    }
    std::fs::write(out.join("SUMMARY.md"), summary)?;
    Ok(pages)
}

/// The texts shown on a page: the page node and its descendants that are not pages.
fn page_body(graph: &Graph, map: &PageMap, id: &str, body: &mut String) {
    let Some(node) = graph.node(id) else { return };
    if !node.text.trim().is_empty() {
        let _ = writeln!(body, "{}\n", node.text.trim());
    }
    for child in &node.children {
        if map.is_page(child) {
            let _ = writeln!(body, "- {child}\n");
        } else {
            page_body(graph, map, child, body);
        }
    }
}

fn write_page(
    root: &Path,
    path: &str,
    title: &str,
    weight: usize,
    body: &str,
) -> std::io::Result<()> {
    let file = root.join(path);
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let quoted = title.replace('\\', "\\\\").replace('"', "\\\"");
    let text = format!("---\ntitle: \"{quoted}\"\nweight: {weight}\n---\n\n# {title}\n\n{body}");
    std::fs::write(file, text)
}

fn escape_link(text: &str) -> String {
    text.replace(['[', ']'], "")
}
