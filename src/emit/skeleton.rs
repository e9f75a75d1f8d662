//! The plain study-site skeleton: an index page and one page per document listing its
//! structure. (The full site with templates comes later; this is what `build` writes now.)

use crate::emit::atomic::StagedDir;
use crate::error::Result;
use crate::graph::{Graph, Node};
use std::fmt::Write;
use std::path::Path;

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Writes the skeleton site into `out` atomically; returns the number of pages written.
pub fn write_site(graph: &Graph, out: &Path) -> Result<usize> {
    let staged = StagedDir::new(out)?;
    let mut pages = 0;
    staged.write("index.html", index_page(graph).as_bytes())?;
    pages += 1;
    for doc in &graph.documents {
        staged.write(
            &format!("{}.html", doc.id),
            document_page(graph, &doc.id).as_bytes(),
        )?;
        pages += 1;
    }
    staged.commit()?;
    Ok(pages)
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"kk\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n",
        escape_html(title)
    )
}

fn index_page(graph: &Graph) -> String {
    let mut body = String::from("<h1>zanbook</h1>\n<ul>\n");
    for doc in &graph.documents {
        let _ = writeln!(
            body,
            "<li><a href=\"{}.html\">{}</a> <small>({})</small></li>",
            escape_html(&doc.id),
            escape_html(&doc.title),
            doc.kind.as_str()
        );
    }
    body.push_str("</ul>\n");
    page("zanbook", &body)
}

fn document_page(graph: &Graph, id: &str) -> String {
    let Some(doc) = graph.document(id) else {
        return page(id, "");
    };
    let mut body = format!("<h1>{}</h1>\n", escape_html(&doc.title));
    let _ = writeln!(
        body,
        "<p>Дереккөз: {} ({})</p>",
        escape_html(&doc.file),
        escape_html(&doc.original_name)
    );
    body.push_str("<ol>\n");
    for child in &doc.children {
        if let Some(node) = graph.node(child) {
            render_node(graph, node, &mut body);
        }
    }
    body.push_str("</ol>\n");
    page(&doc.title, &body)
}

fn render_node(graph: &Graph, node: &Node, out: &mut String) {
    let label = match (&node.number, &node.heading) {
        (Some(n), Some(h)) => format!("{n}. {h}"),
        (Some(n), None) => n.clone(),
        (None, Some(h)) => h.clone(),
        (None, None) => String::new(),
    };
    let _ = write!(
        out,
        "<li id=\"{}\"><b>{}</b> {} <small>[{} {}–{}]</small>",
        escape_html(&node.id),
        escape_html(&label),
        escape_html(&node.text),
        escape_html(&node.kind.name()),
        node.source.lines[0],
        node.source.lines[1]
    );
    if !node.children.is_empty() {
        out.push_str("\n<ol>\n");
        for child in &node.children {
            if let Some(c) = graph.node(child) {
                render_node(graph, c, out);
            }
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</li>\n");
}
