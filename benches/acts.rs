//! Act rendering: one act (check + typeset, fonts and templates already loaded) and a batch of
//! 100 acts with one engine, as `zanbook act FILE...` does.

use criterion::{criterion_group, criterion_main, Criterion};
use std::path::Path;
use zanbook::act::Engine;

fn acts(c: &mut Criterion) {
    let engine = Engine::load(Path::new("templates/acts"), Some(Path::new("corpus")))
        .expect("templates load");
    let source = std::fs::read_to_string("examples/acts/protest.yaml").expect("example");
    // Warm up: loads the fonts once.
    let first = engine.check(&source);
    engine.render(&first).expect("renders");

    c.bench_function("act: check + typeset one protest", |b| {
        b.iter(|| {
            let outcome = engine.check(&source);
            engine.render(&outcome).expect("renders")
        })
    });

    // 100 different acts (distinct numbers defeat Typst's memoisation of identical inputs).
    let sources: Vec<String> = (0..100)
        .map(|i| source.replace("2-05-24/1234", &format!("2-05-24/{}", 2000 + i)))
        .collect();
    let mut group = c.benchmark_group("batch");
    group.sample_size(10);
    group.bench_function("act: check + typeset 100 protests", |b| {
        b.iter(|| {
            for s in &sources {
                let outcome = engine.check(s);
                engine.render(&outcome).expect("renders");
            }
        })
    });
    group.finish();
}

criterion_group!(benches, acts);
criterion_main!(benches);
