//! Arbitrary UTF-8 as a search query: analysis, then `Engine::search` over the passages of
//! the real corpus (built once).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use zanbook::search::engine::Engine;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let compiled = zanbook::pipeline::compile_dir(&root.join("corpus")).expect("corpus");
        let map = zanbook::emit::site::pages::PageMap::build(&compiled.graph);
        let terms =
            zanbook::search::synonyms::Thesaurus::load(&root.join("corpus/search-terms.yaml"))
                .unwrap_or_default();
        let corpus = zanbook::search::passages::collect(&compiled.graph, &map, terms);
        Engine::new(&corpus.passages, corpus.thesaurus)
    })
}

fuzz_target!(|query: &str| {
    let _ = zanbook::search::analyze(query, Default::default());
    let _ = engine().search(query, 10);
});
