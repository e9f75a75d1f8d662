//! The search index of the real corpus, stage by stage (`cargo bench --bench search`):
//! passages from the graph, the analysis and ranking data (`Engine::new`), the index files.
//! `zanbook build` builds the index beside the pages; these are its parts on their own.

use criterion::{criterion_group, criterion_main, Criterion};
use std::path::Path;
use zanbook::emit::site::pages::PageMap;
use zanbook::load::load_corpus;
use zanbook::pipeline::compile;
use zanbook::search::{passages, shards, Engine, Thesaurus};

fn search(c: &mut Criterion) {
    let corpus = load_corpus(Path::new("corpus")).expect("corpus loads");
    let compiled = compile(&corpus).expect("corpus compiles");
    let map = PageMap::build(&compiled.graph);
    let terms = || Thesaurus::load(Path::new("corpus/search-terms.yaml")).expect("terms load");
    c.bench_function("search: passages from the graph", |b| {
        b.iter(|| {
            passages::collect(&compiled.graph, &map, terms())
                .passages
                .len()
        })
    });
    let corpus = passages::collect(&compiled.graph, &map, terms());
    c.bench_function("search: analyse and rank (Engine::new)", |b| {
        b.iter(|| {
            Engine::new(&corpus.passages, terms())
                .index()
                .postings
                .len()
        })
    });
    let engine = Engine::new(&corpus.passages, terms());
    c.bench_function("search: index files (render_index)", |b| {
        b.iter(|| {
            shards::render_index(&engine, &corpus.stored)
                .expect("index renders")
                .len()
        })
    });
}

criterion_group!(benches, search);
criterion_main!(benches);
