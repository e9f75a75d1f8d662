//! Normalise + parse + graph, measured on the real corpus (`cargo bench --bench pipeline`).

use criterion::{criterion_group, criterion_main, Criterion};
use std::path::Path;
use zanbook::graph::DocKind;
use zanbook::load::{load_corpus, Corpus};
use zanbook::pipeline::compile;

fn only(corpus: &Corpus, keep: impl Fn(DocKind) -> bool) -> Corpus {
    let mut subset = corpus.clone();
    subset.documents.retain(|d| keep(d.entry.kind));
    subset
}

fn pipeline(c: &mut Criterion) {
    let corpus = load_corpus(Path::new("corpus")).expect("corpus loads");
    let acts = only(&corpus, |k| k != DocKind::Textbook);
    c.bench_function("acts (000, 002, 003): normalise+parse+graph+check", |b| {
        b.iter(|| compile(&acts).expect("acts compile"))
    });
    c.bench_function("whole corpus: normalise+parse+graph+check", |b| {
        b.iter(|| compile(&corpus).expect("corpus compiles"))
    });
    let out = tempfile::tempdir().expect("temp dir");
    let site_dir = out.path().join("site");
    c.bench_function(
        "whole corpus: full build (compile + site, no search)",
        |b| {
            b.iter(|| {
                let compiled = compile(&corpus).expect("corpus compiles");
                zanbook::emit::site::write_site(
                    &compiled.graph,
                    &compiled.diagnostics,
                    &site_dir,
                    None,
                )
                .expect("site written")
                .pages
            })
        },
    );
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
