//! Prints every citation the recogniser finds in the corpus texts, one per line with its raw
//! line number: `cargo run --example cite_corpus [FILE…]`. A tool for reviewing recall and
//! precision against tests/fixtures/cite/sample.yaml.

use std::path::Path;
use zanbook::cite::{resolve, Context, Date, Registry, Scanner};

fn main() {
    let dir = Path::new("corpus");
    let registry = match Registry::load_dir(dir) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    let corpus = match zanbook::load::load_corpus(dir) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    let only: Vec<String> = std::env::args().skip(1).collect();
    for doc in &corpus.documents {
        if !only.is_empty() && !only.contains(&doc.entry.file) {
            continue;
        }
        let ctx = Context {
            date: doc.entry.date.as_deref().and_then(Date::parse_iso),
            ..Context::default()
        };
        let mut scanner = Scanner::new(&registry);
        for (first_line, text) in blocks(&doc.lines) {
            let starts: Vec<usize> = line_starts(&text);
            for c in scanner.scan(&text) {
                let line = first_line + starts.partition_point(|&s| s <= c.start) - 1;
                let r = resolve(&c, &ctx, &registry);
                let rec = zanbook::cite::record(&c, &r, &registry);
                println!(
                    "{}:{}\t{}\t{}\tart={} part={} point={} sub={} ch={} thr={}",
                    doc.entry.file,
                    line,
                    c.text.replace('\n', " "),
                    rec.statute.or(rec.act).unwrap_or_else(|| "?".into()),
                    c.article.unwrap_or_default(),
                    c.part.unwrap_or_default(),
                    c.point.unwrap_or_default(),
                    c.subpoint.unwrap_or_default(),
                    c.chapter.unwrap_or_default(),
                    c.through.unwrap_or_default(),
                );
            }
        }
    }
}

/// Paragraph-like blocks standing in for graph nodes: a line that starts with white space
/// opens a new block. Returns (first raw line, text).
fn blocks(lines: &[String]) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let opens = line.starts_with(char::is_whitespace) && !line.trim().is_empty();
        match out.last_mut() {
            Some((_, text)) if !opens => {
                text.push('\n');
                text.push_str(line);
            }
            _ => out.push((i + 1, line.clone())),
        }
    }
    out
}

/// Character offsets where each line starts.
fn line_starts(text: &str) -> Vec<usize> {
    let mut out = vec![0];
    for (i, c) in text.chars().enumerate() {
        if c == '\n' {
            out.push(i + 1);
        }
    }
    out
}
