//! Arbitrary bytes as an act file: the located YAML reader, then the full check (schema,
//! rules, calendar) with the real templates. Nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use zanbook::act::Engine;

fn engine() -> Option<&'static Engine> {
    static ENGINE: OnceLock<Option<Engine>> = OnceLock::new();
    ENGINE
        .get_or_init(|| {
            let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
            Engine::load(&root.join("templates/acts"), Some(&root.join("corpus"))).ok()
        })
        .as_ref()
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = zanbook::act::yaml::parse(text);
    if let Some(engine) = engine() {
        let _ = engine.check(text).has_errors();
    }
});
