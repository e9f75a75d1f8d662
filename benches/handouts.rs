//! Handout rendering: a ~20-page handout (tests/fixtures/handouts/twenty-pages.yaml) checked
//! against the graph and typeset, with the corpus compiled and the fonts loaded beforehand
//! (as `zanbook handout` has them once it starts typesetting).

use criterion::{criterion_group, criterion_main, Criterion};
use std::path::Path;
use zanbook::handout::{self, Includes, Renderer, Sources};

fn handouts(c: &mut Criterion) {
    let corpus = zanbook::load::load_corpus(Path::new("corpus")).expect("corpus loads");
    let compiled = zanbook::pipeline::compile(&corpus).expect("corpus compiles");
    let sources = Sources::new(&compiled.graph, &corpus.statutes, None);
    let spec_path = Path::new("tests/fixtures/handouts/twenty-pages.yaml");
    let spec = std::fs::read_to_string(spec_path).expect("spec");
    let includes = Includes::new(Path::new("tests/fixtures/handouts"), Path::new("."));
    let renderer = Renderer::new(Path::new("templates/handout")).expect("templates load");
    // A different title each time (it is on every page) defeats Typst's memoisation of
    // identical inputs, so every iteration really lays the handout out.
    let counter = std::cell::Cell::new(0u32);
    let prepare = || {
        let mut built = handout::prepare(&spec, &includes, &sources)
            .0
            .expect("the spec is valid");
        counter.set(counter.get() + 1);
        built.meta.title = format!("{} № {}", built.meta.title, counter.get());
        built
    };
    // Warm up: the first render loads the fonts.
    handout::render_all(&prepare(), &renderer, "warm").expect("renders");

    let mut group = c.benchmark_group("handout");
    group.sample_size(10);
    group.bench_function("check + typeset one 20-page copy (PDF)", |b| {
        b.iter(|| {
            let built = prepare();
            let copy = built.copy(true);
            let date = zanbook::act::calendar::Date::new(2025, 3, 14).expect("date");
            renderer.pdf(&copy, date, "bench").expect("renders")
        })
    });
    group.bench_function("check + all four files (2 PDF + 2 HTML)", |b| {
        b.iter(|| handout::render_all(&prepare(), &renderer, "bench").expect("renders"))
    });
    group.finish();
}

criterion_group!(benches, handouts);
criterion_main!(benches);
