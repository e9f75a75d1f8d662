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
    if only.first().map(String::as_str) == Some("--time") {
        time_recognition(&registry, &corpus);
        return;
    }
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

/// CPU time of recognising the whole corpus, averaged over many runs. CPU time (from
/// /proc/self/stat), not wall time, so that a busy machine does not inflate it.
fn time_recognition(registry: &Registry, corpus: &zanbook::load::Corpus) {
    let texts: Vec<String> = corpus
        .documents
        .iter()
        .map(|d| d.lines.join("\n"))
        .collect();
    let runs = 200;
    let before = cpu_ticks();
    let mut found = 0;
    for _ in 0..runs {
        found = texts
            .iter()
            .map(|t| Scanner::new(registry).scan(t).len())
            .sum::<usize>();
    }
    let after = cpu_ticks();
    let lex_before = cpu_ticks();
    let mut tokens = 0;
    for _ in 0..runs {
        tokens = texts
            .iter()
            .map(|t| zanbook::cite::lexer::tokenize(t).len())
            .sum::<usize>();
    }
    let lex_after = cpu_ticks();
    if let (Some(b), Some(a)) = (lex_before, lex_after) {
        println!(
            "{tokens} tokens; lexing alone {:.1} ms CPU per pass",
            (a - b) as f64 * 10.0 / runs as f64
        );
    }
    match (before, after) {
        (Some(b), Some(a)) => println!(
            "{found} citations; {:.1} ms CPU per pass over the corpus ({runs} passes)",
            (a - b) as f64 * 10.0 / runs as f64
        ),
        _ => println!("no /proc/self/stat here"),
    }
}

/// User + system CPU time of this process in clock ticks (1/100 s on Linux).
fn cpu_ticks() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after_name = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
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
