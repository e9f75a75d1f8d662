//! Arbitrary UTF-8 through the citation recogniser and resolver, with the real registry.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use zanbook::cite::{cite_text, Context, Registry};

fn registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus/statutes.yaml");
        Registry::load(&path).unwrap_or_default()
    })
}

fuzz_target!(|text: &str| {
    let records = cite_text(text, &Context::default(), registry());
    for r in &records {
        let _ = serde_json::to_string(r);
    }
});
