//! The command line contract: exit codes 0 / 1 (wrong input) / 2 (usage, I/O), one clear
//! message naming the file and line, no panic, and builds that never leave half a site.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn zanbook(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zanbook"))
        .args(args)
        .output()
        .expect("zanbook runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A one-document corpus in a temporary directory, with the text given as bytes.
fn corpus_with(text: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).expect("corpus dir");
    std::fs::write(
        corpus.join("corpus.yaml"),
        "documents:\n  - id: order-2019-12\n    file: order.txt\n    kind: order\n    title: T\n    language: kk\n    original_name: o.txt\n",
    )
    .expect("manifest");
    std::fs::write(corpus.join("order.txt"), text).expect("text");
    (dir, corpus)
}

fn sample() -> Vec<u8> {
    std::fs::read(common::repo().join("tests/fixtures/unseen/order-2019-12.txt")).expect("fixture")
}

fn check(corpus: &Path) -> Output {
    zanbook(&["check", "--corpus", corpus.to_str().expect("utf-8 path")])
}

fn graph_json(corpus: &Path) -> serde_json::Value {
    let out = zanbook(&[
        "graph",
        "--format",
        "json",
        "--corpus",
        corpus.to_str().expect("path"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("graph is JSON")
}

#[track_caller]
fn assert_refused(out: &Output, code: i32, words: &[&str]) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(code), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    for w in words {
        assert!(err.contains(w), "`{w}` missing from: {err}");
    }
}

#[test]
fn the_real_corpus_checks_builds_and_prints_its_graph() {
    let corpus = common::repo().join("corpus");
    let out = check(&corpus);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let g = graph_json(&corpus);
    assert_eq!(g["documents"].as_array().map(Vec::len), Some(5));
    let site = tempfile::tempdir().expect("dir");
    let target = site.path().join("site");
    let out = zanbook(&[
        "build",
        "--corpus",
        corpus.to_str().expect("p"),
        "--out",
        target.to_str().expect("p"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(
        summary.contains("instr-2017-104") && summary.contains("21 point"),
        "{summary}"
    );
    let page =
        std::fs::read_to_string(target.join("instr-2017-104/ch-2.html")).expect("chapter page");
    assert!(
        page.contains("id=\"ch-2/p-8/sp-1\""),
        "a point is a fragment of its chapter's page"
    );
}

#[test]
fn missing_corpus_or_manifest_is_an_io_error() {
    assert_refused(
        &check(Path::new("/nonexistent/corpus")),
        2,
        &["does not exist"],
    );
    let dir = tempfile::tempdir().expect("dir");
    assert_refused(&check(dir.path()), 2, &["corpus.yaml"]);
}

#[test]
fn malformed_manifest_names_file_and_line() {
    let (_dir, corpus) = corpus_with(&sample());
    std::fs::write(
        corpus.join("corpus.yaml"),
        "documents:\n  - id: a\n    file: [unclosed\n",
    )
    .expect("write");
    assert_refused(&check(&corpus), 1, &["corpus.yaml:"]);
    std::fs::write(
        corpus.join("corpus.yaml"),
        "documents:\n  - id: a\n    file: order.txt\n    kind: order\n    titel: T\n    language: kk\n    original_name: o\n",
    )
    .expect("write");
    assert_refused(
        &check(&corpus),
        1,
        &["corpus.yaml:", "unknown field `titel`"],
    );
    std::fs::write(corpus.join("corpus.yaml"), "documents:\n  - id: a\n    file: order.txt\n    kind: statute\n    title: T\n    language: kk\n    original_name: o\n").expect("write");
    assert_refused(&check(&corpus), 1, &["corpus.yaml:", "statute"]);
}

#[test]
fn texts_in_other_encodings_are_refused_with_a_hint() {
    // CP1251: "Қазақ" has no CP1251 form, so use Russian text the way such files come.
    let cp1251: Vec<u8> = vec![0xCF, 0xF0, 0xE8, 0xEA, 0xE0, 0xE7, b'\n'];
    let (_d, corpus) = corpus_with(&cp1251);
    assert_refused(
        &check(&corpus),
        1,
        &["order.txt:1", "not valid UTF-8", "iconv -f CP1251"],
    );

    let utf16: Vec<u8> = "Бұйрық 2019 жылғы\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let (_d, corpus) = corpus_with(&[&[0xFF, 0xFE][..], &utf16].concat());
    assert_refused(&check(&corpus), 1, &["order.txt", "UTF-16"]);
    let (_d, corpus) = corpus_with(&utf16);
    assert_refused(&check(&corpus), 1, &["order.txt", "UTF-16"]);
}

#[test]
fn bom_and_crlf_are_accepted_and_change_nothing() {
    let (_d, plain) = corpus_with(&sample());
    let expected = graph_json(&plain)["nodes"].clone();
    let with_bom = [&[0xEF, 0xBB, 0xBF][..], &sample()].concat();
    let (_d, bom) = corpus_with(&with_bom);
    assert_eq!(graph_json(&bom)["nodes"], expected);
    let crlf = String::from_utf8(sample())
        .expect("utf-8")
        .replace('\n', "\r\n");
    let (_d, crlf) = corpus_with(crlf.as_bytes());
    assert_eq!(graph_json(&crlf)["nodes"], expected);
}

#[test]
fn empty_binary_and_huge_files_are_refused() {
    let (_d, corpus) = corpus_with(b"\n\n  \n");
    assert_refused(&check(&corpus), 1, &["order.txt", "empty"]);
    let (_d, corpus) = corpus_with(&[0x89, b'P', b'N', b'G', 0, 0, 0, 13, 1, 2, 3]);
    assert_refused(&check(&corpus), 1, &["order.txt", "binary"]);
    let long = "а".repeat(5 * 1024 * 1024);
    let (_d, corpus) = corpus_with(long.as_bytes());
    assert_refused(&check(&corpus), 1, &["order.txt:1", "longer than"]);
}

#[test]
fn manifest_may_not_reach_outside_the_corpus() {
    let (dir, corpus) = corpus_with(&sample());
    std::fs::write(dir.path().join("secret.txt"), sample()).expect("write");
    let manifest = std::fs::read_to_string(corpus.join("corpus.yaml")).expect("read");
    std::fs::write(
        corpus.join("corpus.yaml"),
        manifest.replace("file: order.txt", "file: ../secret.txt"),
    )
    .expect("write");
    assert_refused(
        &check(&corpus),
        1,
        &["corpus.yaml:3", "outside the corpus directory"],
    );
    std::os::unix::fs::symlink(dir.path().join("secret.txt"), corpus.join("link.txt"))
        .expect("symlink");
    std::fs::write(
        corpus.join("corpus.yaml"),
        manifest.replace("file: order.txt", "file: link.txt"),
    )
    .expect("write");
    assert_refused(&check(&corpus), 1, &["outside the corpus directory"]);
    std::os::unix::fs::symlink(corpus.join("loop.txt"), corpus.join("loop.txt")).expect("symlink");
    std::fs::write(
        corpus.join("corpus.yaml"),
        manifest.replace("file: order.txt", "file: loop.txt"),
    )
    .expect("write");
    assert_refused(&check(&corpus), 2, &["loop.txt"]);
}

#[test]
fn a_stale_correction_is_refused_not_applied() {
    let (_d, corpus) = corpus_with(&sample());
    std::fs::write(
        corpus.join("corrections.yaml"),
        "corrections:\n  - document: order-2019-12\n    lines: [10, 10]\n    was: \"something else\"\n    text: \"x\"\n    reason: test\n",
    )
    .expect("write");
    assert_refused(
        &check(&corpus),
        1,
        &["corrections.yaml:2", "expects other text"],
    );
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    let (dir, corpus) = corpus_with(&sample());
    let site = dir.path().join("site");
    let args = [
        "build",
        "--corpus",
        corpus.to_str().expect("p"),
        "--out",
        site.to_str().expect("p"),
    ];
    assert_eq!(zanbook(&args).status.code(), Some(0));
    let before = std::fs::read(site.join("order-2019-12/index.html")).expect("page");
    std::fs::write(corpus.join("order.txt"), [0xC0, 0xC1]).expect("write");
    assert_refused(&zanbook(&args), 1, &["order.txt"]);
    assert_eq!(
        std::fs::read(site.join("order-2019-12/index.html")).expect("page"),
        before
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "staging directories are cleaned up");
}

#[test]
fn usage_errors_exit_with_2() {
    assert_refused(&zanbook(&["frobnicate"]), 2, &["frobnicate"]);
    assert_refused(&zanbook(&["graph", "--format", "xml"]), 2, &["xml"]);
}
