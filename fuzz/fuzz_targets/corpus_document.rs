//! Arbitrary bytes as a corpus document of each kind: decode (encoding and size checks),
//! normalise, parse. Nothing may panic, and every node's range must lie inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use zanbook::graph::DocKind;
use zanbook::load::{decode, ManifestEntry, RawDocument};

fuzz_target!(|data: &[u8]| {
    let Ok(lines) = decode(data, Path::new("fuzz.txt")) else {
        return;
    };
    let count = lines.len() as u32;
    for kind in [DocKind::Order, DocKind::Law, DocKind::Textbook] {
        let doc = RawDocument {
            entry: ManifestEntry {
                id: "fuzz-1".into(),
                file: "fuzz.txt".into(),
                kind,
                title: "T".into(),
                language: "kk".into(),
                original_name: "fuzz.txt".into(),
                url: None,
                date: None,
            },
            lines: lines.clone(),
        };
        let (tree, _diagnostics) = zanbook::parse::parse_document(&doc, &[]);
        for node in &tree.nodes {
            let [first, last] = node.source.lines;
            assert!(
                first <= last && last <= count.max(1),
                "{} {first}-{last} of {count}",
                node.id
            );
        }
    }
});
