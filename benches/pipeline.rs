use criterion::{criterion_group, criterion_main, Criterion};
use std::path::Path;

fn pipeline(c: &mut Criterion) {
    let corpus = zanbook::load::load_corpus(Path::new("corpus")).expect("corpus loads");
    c.bench_function("normalise+parse+graph (whole corpus)", |b| {
        b.iter(|| zanbook::pipeline::compile(&corpus).expect("corpus compiles"))
    });
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
