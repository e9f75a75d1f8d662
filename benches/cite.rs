//! Citation recognition over the whole corpus (all five texts, one pass each).

use criterion::{criterion_group, criterion_main, Criterion};
use std::path::Path;
use zanbook::cite::{Registry, Scanner};

fn cite(c: &mut Criterion) {
    let corpus = zanbook::load::load_corpus(Path::new("corpus")).expect("corpus loads");
    let registry = Registry::load_dir(Path::new("corpus")).expect("statutes load");
    let texts: Vec<String> = corpus
        .documents
        .iter()
        .map(|d| d.lines.join("\n"))
        .collect();
    c.bench_function("recognise citations (whole corpus)", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| Scanner::new(&registry).scan(t).len())
                .sum::<usize>()
        })
    });
}

criterion_group!(benches, cite);
criterion_main!(benches);
