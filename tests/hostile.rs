//! The hostile-input matrix: every case runs the real binary on input nobody cleaned (wrong
//! encodings, huge files, YAML bombs, paths out of the corpus, Typst code in act fields…)
//! under a 60-second timeout and a 1 GiB address-space cap, and checks the exit code, the
//! words of the message (file, line, what to do) and that nothing panicked.
//!
//! Large fixtures are generated into temporary directories, never committed.

mod common;

use std::ffi::OsString;
use std::io::{Read, Write};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A case that runs longer than this is a hang.
const TIMEOUT: Duration = Duration::from_secs(60);
/// The child's address-space cap (`prlimit --as`, util-linux).
const MEMORY_CAP: u64 = 1 << 30;

/// What one run of the binary produced.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `zanbook ARGS` capped in time and memory; a hang, a kill by the memory cap or a
/// panic fails the test with that word.
fn zanbook(args: &[OsString], stdin: Option<Vec<u8>>) -> Run {
    let mut child = Command::new("prlimit")
        .arg(format!("--as={MEMORY_CAP}"))
        .arg("--")
        .arg(env!("CARGO_BIN_EXE_zanbook"))
        .args(args)
        .current_dir(common::repo())
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("prlimit (util-linux) runs zanbook");
    let feeder = stdin.and_then(|bytes| {
        let mut pipe = child.stdin.take()?;
        Some(std::thread::spawn(move || {
            // The binary may refuse the input before reading it all: a broken pipe is fine.
            let _ = pipe.write_all(&bytes);
        }))
    });
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("hung: `zanbook {args:?}` ran over {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    if let Some(feeder) = feeder {
        let _ = feeder.join();
    }
    let stdout = stdout.join().expect("stdout");
    let stderr = stderr.join().expect("stderr");
    if stderr.contains("memory allocation of") || status.signal().is_some() {
        panic!(
            "exceeded 1 GiB (or died by signal {:?}): `zanbook {args:?}`\n{stderr}",
            status.signal()
        );
    }
    for word in ["panicked", "RUST_BACKTRACE"] {
        assert!(!stderr.contains(word), "panic on `{args:?}`:\n{stderr}");
    }
    Run {
        code: status.code().unwrap_or(-1),
        stdout,
        stderr,
    }
}

fn drain(pipe: Option<impl Read + Send + 'static>) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut bytes);
        }
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

fn args(list: &[&dyn AsRef<std::ffi::OsStr>]) -> Vec<OsString> {
    list.iter().map(|a| a.as_ref().to_os_string()).collect()
}

/// Checks the exit code and that every fragment is on stderr.
#[track_caller]
fn expect(run: &Run, code: i32, fragments: &[&str]) {
    assert_eq!(run.code, code, "exit code; stderr:\n{}", run.stderr);
    for f in fragments {
        assert!(
            run.stderr.contains(f),
            "`{f}` missing from stderr:\n{}",
            run.stderr
        );
    }
}

// ---------------------------------------------------------------------------------------
// Corpus fixtures

const MANIFEST: &str = "documents:\n  - id: doc-1\n    file: doc.txt\n    kind: KIND\n    title: T\n    language: kk\n    original_name: o.txt\n";

/// A one-document corpus (`doc.txt`, of the given kind) in a temporary directory.
fn corpus(kind: &str, text: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).expect("corpus dir");
    write(&corpus.join("corpus.yaml"), MANIFEST.replace("KIND", kind));
    write(&corpus.join("doc.txt"), text);
    (dir, corpus)
}

fn write(path: &Path, bytes: impl AsRef<[u8]>) {
    std::fs::write(path, bytes).expect("write fixture");
}

fn order() -> String {
    read("tests/fixtures/unseen/order-2019-12.txt")
}

fn law() -> String {
    read("corpus/law-2010-374.txt")
}

fn read(relative: &str) -> String {
    std::fs::read_to_string(common::repo().join(relative)).expect("fixture")
}

fn check(corpus: &Path) -> Run {
    zanbook(&args(&[&"check", &"--corpus", &corpus]), None)
}

fn graph(corpus: &Path) -> serde_json::Value {
    let run = zanbook(
        &args(&[&"graph", &"--format", &"json", &"--corpus", &corpus]),
        None,
    );
    expect(&run, 0, &[]);
    serde_json::from_str(&run.stdout).expect("graph JSON")
}

/// The 1-based line of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .expect("needle in fixture")
        + 1
}

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let units = bom.then_some(0xFEFF).into_iter().chain(text.encode_utf16());
    for unit in units {
        let bytes = if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        };
        out.extend(bytes);
    }
    out
}

/// Kazakh Cyrillic in CP1251 (the letters CP1251 has; the Kazakh-only ones do not occur
/// in the first lines of the fixture we encode).
fn cp1251(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            'А'..='я' => (c as u32 - 'А' as u32 + 0xC0) as u8,
            'Ё' => 0xA8,
            'ё' => 0xB8,
            c if c.is_ascii() => c as u8,
            _ => b'?',
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Encodings and line ends

#[test]
fn cp1251_text_is_refused_with_the_iconv_command() {
    let text = cp1251(&order());
    let first_cyrillic = order()
        .lines()
        .position(|l| !l.is_ascii())
        .expect("Kazakh text")
        + 1;
    let (_d, c) = corpus("order", &text);
    expect(
        &check(&c),
        1,
        &[
            &format!("doc.txt:{first_cyrillic}"),
            "not valid UTF-8",
            "CP1251",
            "iconv -f CP1251",
        ],
    );
}

#[test]
fn utf16_in_every_byte_order_with_and_without_bom_is_refused() {
    for (big_endian, bom) in [(false, true), (true, true), (false, false), (true, false)] {
        let (_d, c) = corpus("order", &utf16(&order(), big_endian, bom));
        expect(&check(&c), 1, &["doc.txt", "UTF-16", "iconv -f UTF-16"]);
    }
}

#[test]
fn mixed_crlf_and_lf_give_the_same_graph_as_lf() {
    let lf = order();
    let mixed: String = lf
        .split_inclusive('\n')
        .enumerate()
        .map(|(i, l)| {
            if i % 2 == 0 {
                l.replace('\n', "\r\n")
            } else {
                l.to_string()
            }
        })
        .collect();
    let crlf = lf.replace('\n', "\r\n");
    let (_a, lf_corpus) = corpus("order", lf.as_bytes());
    let reference = graph(&lf_corpus)["nodes"].clone();
    assert!(reference.as_array().is_some_and(|n| n.len() > 5) || reference.is_object());
    for variant in [mixed, crlf] {
        let (_b, c) = corpus("order", variant.as_bytes());
        assert_eq!(graph(&c)["nodes"], reference, "CRLF changes the graph");
    }
}

#[test]
fn a_utf8_bom_is_accepted() {
    let mut text = vec![0xEF, 0xBB, 0xBF];
    text.extend(order().bytes());
    let (_d, c) = corpus("order", &text);
    expect(&check(&c), 0, &[]);
}

#[test]
fn nul_bytes_are_refused_with_their_line() {
    let mut text = order();
    let at = text.find("Жалпы ережелер").expect("fixture heading");
    text.insert(at, '\0');
    let line = line_of(&text, "Жалпы ережелер");
    let (_d, c) = corpus("order", text.as_bytes());
    expect(
        &check(&c),
        1,
        &[&format!("doc.txt:{line}"), "NUL bytes", "plain-text"],
    );
}

#[test]
fn empty_and_blank_files_are_refused() {
    for text in ["", "\n\n   \r\n\t\n"] {
        let (_d, c) = corpus("order", text.as_bytes());
        expect(&check(&c), 1, &["doc.txt", "the file is empty"]);
    }
}

#[test]
fn binary_garbage_is_refused_not_parsed() {
    let bytes: Vec<u8> = (0..100_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let (_d, c) = corpus("order", &bytes);
    let run = check(&c);
    expect(&run, 1, &["doc.txt"]);
}

// ---------------------------------------------------------------------------------------
// Size

#[test]
fn a_50_megabyte_file_is_refused_by_its_size() {
    let (_d, c) = corpus("order", b"x");
    let file = std::fs::File::create(c.join("doc.txt")).expect("create");
    file.set_len(50 * 1024 * 1024).expect("sparse 50 MB file");
    expect(
        &check(&c),
        1,
        &[
            "doc.txt",
            "52428800 bytes",
            "limit of 16777216",
            "split the text",
        ],
    );
}

#[test]
fn a_single_10_megabyte_line_is_refused_with_its_line_number() {
    let mut text = order();
    text.push_str(&"а".repeat(5 * 1024 * 1024)); // 10 MB of two-byte letters
    text.push('\n');
    let line = text.lines().count();
    let (_d, c) = corpus("order", text.as_bytes());
    expect(
        &check(&c),
        1,
        &[&format!("doc.txt:{line}"), "longer than 100000 characters"],
    );
}

#[test]
fn one_hundred_thousand_empty_lines_are_parsed() {
    let mut lines: Vec<String> = order().lines().map(str::to_owned).collect();
    let after = lines.len() / 2;
    lines.splice(after..after, std::iter::repeat_n(String::new(), 100_000));
    let (_d, c) = corpus("order", lines.join("\n").as_bytes());
    let run = check(&c);
    expect(&run, 0, &["check: 0 error(s)"]);
}

#[test]
fn twenty_thousand_paragraphs_under_one_article_are_linear() {
    // Numbering the n-th child once counted the siblings: 10,000 paragraphs took 27 s.
    let mut lines: Vec<String> = law().lines().map(str::to_owned).collect();
    let at = line_of(&law(), "2-бап.");
    let filler = (0..20_000).map(|i| format!("      Абзац {i} мәтіні."));
    lines.splice(at - 1..at - 1, filler);
    let (_d, c) = corpus("law", lines.join("\n").as_bytes());
    let started = Instant::now();
    let run = check(&c);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
}

// ---------------------------------------------------------------------------------------
// Deeply nested quotes in an amending law

#[test]
fn ten_thousand_nested_quotes_on_one_line_hit_the_depth_limit() {
    let mut lines: Vec<String> = law().lines().map(str::to_owned).collect();
    let at = law()
        .lines()
        .position(|l| l.contains('«'))
        .expect("a quote")
        + 1;
    let deep = format!("      «{}мәтін{}»", "«".repeat(10_000), "»".repeat(10_000));
    lines.insert(at, deep);
    let (_d, c) = corpus("law", lines.join("\n").as_bytes());
    expect(
        &check(&c),
        1,
        &[
            &format!("doc.txt:{}", at + 1),
            "quote-depth",
            "the limit is 32",
        ],
    );
}

#[test]
fn ten_thousand_unclosed_quotes_over_many_lines_hit_the_depth_limit() {
    let mut lines: Vec<String> = law().lines().map(str::to_owned).collect();
    let at = law()
        .lines()
        .position(|l| l.contains('«'))
        .expect("a quote")
        + 1;
    lines.splice(at..at, (0..10_000).map(|_| "      «жол".to_string()));
    let (_d, c) = corpus("law", lines.join("\n").as_bytes());
    expect(&check(&c), 1, &["quote-depth", "unclosed-quote"]);
}

// ---------------------------------------------------------------------------------------
// The manifest

fn with_manifest(manifest: &str) -> (tempfile::TempDir, PathBuf) {
    let (d, c) = corpus("order", order().as_bytes());
    write(&c.join("corpus.yaml"), manifest);
    (d, c)
}

fn manifest_with_file(file: &str) -> String {
    MANIFEST.replace("KIND", "order").replace("doc.txt", file)
}

#[test]
fn a_manifest_path_out_of_the_corpus_is_refused() {
    for file in ["../outside.txt", "/etc/passwd", "sub/../../outside.txt"] {
        let (d, c) = with_manifest(&manifest_with_file(file));
        write(&d.path().join("outside.txt"), order());
        expect(
            &check(&c),
            1,
            &[
                "corpus.yaml:3",
                "outside the corpus directory",
                "without '..'",
            ],
        );
    }
}

#[test]
fn a_symlink_out_of_the_corpus_is_refused() {
    let (d, c) = with_manifest(&manifest_with_file("link.txt"));
    write(&d.path().join("outside.txt"), order());
    std::os::unix::fs::symlink(d.path().join("outside.txt"), c.join("link.txt")).expect("link");
    expect(
        &check(&c),
        1,
        &["corpus.yaml:3", "links to a file outside", "copy the text"],
    );
}

#[test]
fn a_symlink_loop_is_an_io_error_naming_the_file() {
    let (_d, c) = with_manifest(&manifest_with_file("loop-a.txt"));
    std::os::unix::fs::symlink(c.join("loop-b.txt"), c.join("loop-a.txt")).expect("link");
    std::os::unix::fs::symlink(c.join("loop-a.txt"), c.join("loop-b.txt")).expect("link");
    expect(&check(&c), 2, &["loop-a.txt", "symbolic links"]);
}

#[test]
fn a_directory_or_missing_file_in_the_manifest_is_refused() {
    let (_d, c) = with_manifest(&manifest_with_file("sub"));
    std::fs::create_dir(c.join("sub")).expect("dir");
    expect(&check(&c), 1, &["corpus.yaml:3", "not a regular file"]);
    let (_d, c) = with_manifest(&manifest_with_file("missing.txt"));
    expect(&check(&c), 2, &["missing.txt"]);
}

#[test]
fn duplicate_document_ids_are_refused() {
    let entry = &MANIFEST.replace("KIND", "order")["documents:\n".len()..];
    let (_d, c) = with_manifest(&format!("documents:\n{entry}{entry}"));
    expect(&check(&c), 1, &["corpus.yaml:2", "`doc-1` is listed twice"]);
}

#[test]
fn a_manifest_entry_without_a_title_is_refused() {
    let (_d, c) = with_manifest(
        &MANIFEST
            .replace("KIND", "order")
            .replace("    title: T\n", ""),
    );
    expect(&check(&c), 1, &["corpus.yaml:", "missing field `title`"]);
}

#[test]
fn an_unknown_kind_or_field_is_refused_with_the_choices() {
    let (_d, c) = with_manifest(&MANIFEST.replace("KIND", "decree"));
    expect(
        &check(&c),
        1,
        &["corpus.yaml:4", "unknown variant `decree`", "order"],
    );
    let (_d, c) = with_manifest(
        &MANIFEST
            .replace("KIND", "order")
            .replace("title:", "titel:"),
    );
    expect(&check(&c), 1, &["corpus.yaml:", "unknown field `titel`"]);
}

#[test]
fn an_invalid_id_or_an_empty_list_is_refused() {
    let (_d, c) = with_manifest(&MANIFEST.replace("KIND", "order").replace("doc-1", "Doc 1"));
    expect(
        &check(&c),
        1,
        &["corpus.yaml:2", "not a valid id", "lower-case"],
    );
    let (_d, c) = with_manifest("documents: []\n");
    expect(&check(&c), 1, &["corpus.yaml", "lists no documents"]);
    // An id the site uses for its own pages would overwrite them (`questions/index.html`).
    for taken in ["index", "statutes", "search"] {
        let (_d, c) = with_manifest(&MANIFEST.replace("KIND", "order").replace("doc-1", taken));
        expect(
            &check(&c),
            1,
            &[
                "corpus.yaml:2",
                "a name the study site uses",
                "choose another id",
            ],
        );
    }
}

#[test]
fn tabs_and_duplicate_keys_in_the_manifest_are_located() {
    let (_d, c) = with_manifest("documents:\n\t- id: doc-1\n");
    expect(&check(&c), 1, &["corpus.yaml:2"]);
    let dup = MANIFEST
        .replace("KIND", "order")
        .replace("    file:", "    id: doc-2\n    file:");
    let (_d, c) = with_manifest(&dup);
    expect(&check(&c), 1, &["corpus.yaml:", "duplicate field `id`"]);
}

/// A "billion laughs" document: nine levels of nine aliases each.
fn alias_bomb(last_key: &str) -> String {
    let mut yaml = String::from(
        "a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for level in 1..9 {
        let prev = format!("*a{}", level - 1);
        yaml.push_str(&format!(
            "a{level}: &a{level} [{}]\n",
            vec![prev; 9].join(",")
        ));
    }
    yaml.push_str(&format!("{last_key}: *a8\n"));
    yaml
}

#[test]
fn an_alias_bomb_in_the_manifest_is_refused_quickly() {
    let (_d, c) = with_manifest(&alias_bomb("documents"));
    expect(&check(&c), 1, &["corpus.yaml:"]);
    // Anchors inside the list itself, where the entries are expected.
    let mut inner = String::from("documents:\n  - &a0 [x,x,x,x,x,x,x,x,x]\n");
    for level in 1..9 {
        inner.push_str(&format!(
            "  - &a{level} [{}]\n",
            vec![format!("*a{}", level - 1); 9].join(",")
        ));
    }
    let (_d, c) = with_manifest(&inner);
    expect(&check(&c), 1, &["corpus.yaml:"]);
}

#[test]
fn ten_thousand_nested_sequences_in_the_manifest_are_refused() {
    let deep = format!("documents: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let (_d, c) = with_manifest(&deep);
    expect(&check(&c), 1, &["corpus.yaml:1"]);
}

#[test]
fn a_manifest_over_the_yaml_size_limit_is_refused_by_its_size() {
    let big = MANIFEST.replace("KIND", "order").replace(
        "title: T",
        &format!("title: \"{}\"", "x".repeat(5 * 1024 * 1024)),
    );
    let (_d, c) = with_manifest(&big);
    expect(
        &check(&c),
        1,
        &["corpus.yaml", "limit of 4194304 bytes", "right file"],
    );
}

#[test]
fn a_binary_manifest_is_refused() {
    let (_d, c) = corpus("order", order().as_bytes());
    write(&c.join("corpus.yaml"), [0xFFu8, 0xFE, 0, 1, 2, 3]);
    let run = check(&c);
    assert!(run.code == 1 || run.code == 2, "{}", run.stderr);
    assert!(run.stderr.contains("corpus.yaml"), "{}", run.stderr);
}

#[test]
fn a_missing_corpus_or_manifest_is_a_usage_or_io_error() {
    expect(
        &check(Path::new("/nonexistent/corpus")),
        2,
        &["does not exist", "--corpus"],
    );
    let dir = tempfile::tempdir().expect("dir");
    expect(&check(dir.path()), 2, &["corpus.yaml"]);
}

// ---------------------------------------------------------------------------------------
// statutes.yaml and corrections.yaml

/// The unseen-orders corpus plus one extra file.
fn unseen_with(name: &str, contents: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("dir");
    let c = dir.path().join("corpus");
    std::fs::create_dir(&c).expect("mkdir");
    for f in ["corpus.yaml", "order-2019-12.txt", "order-2020-77.txt"] {
        std::fs::copy(
            common::repo().join("tests/fixtures/unseen").join(f),
            c.join(f),
        )
        .expect("copy");
    }
    write(&c.join(name), contents);
    (dir, c)
}

#[test]
fn every_broken_statutes_fixture_is_refused_with_its_line() {
    let cases = [
        (
            "statutes-bad-adilet-id.yaml",
            "statutes.yaml:9",
            "not an adilet.zan.kz document id",
        ),
        (
            "statutes-bad-date.yaml",
            "statutes.yaml:8",
            "is not a valid date",
        ),
        (
            "statutes-duplicate-abbreviation.yaml",
            "statutes.yaml:11",
            "declared twice",
        ),
        (
            "statutes-overlapping-editions.yaml",
            "statutes.yaml:8",
            "both in force",
        ),
        (
            "statutes-repealed-before-adopted.yaml",
            "statutes.yaml:8",
            "repealed before it is adopted",
        ),
        (
            "statutes-unknown-edition.yaml",
            "statutes.yaml:6",
            "does not have",
        ),
        (
            "statutes-unknown-field.yaml",
            "statutes.yaml:5",
            "unknown field `adopted`",
        ),
    ];
    for (fixture, at, words) in cases {
        let text = read(&format!("tests/fixtures/cite/{fixture}"));
        let (_d, c) = unseen_with("statutes.yaml", &text);
        expect(&check(&c), 1, &[at, words]);
    }
}

#[test]
fn statutes_yaml_syntax_errors_bombs_and_size_are_refused() {
    for (text, words) in [
        (
            "statutes:\n  - key: [unclosed\n".to_string(),
            "statutes.yaml:",
        ),
        ("statutes:\n\t- key: x\n".to_string(), "statutes.yaml:2"),
        (alias_bomb("statutes"), "statutes.yaml:"),
        (
            format!("statutes: {}{}\n", "[".repeat(10_000), "]".repeat(10_000)),
            "statutes.yaml:1",
        ),
        (
            format!("# {}\nstatutes: []\n", "x".repeat(5 * 1024 * 1024)),
            "limit of 4194304 bytes",
        ),
    ] {
        let (_d, c) = unseen_with("statutes.yaml", &text);
        expect(&check(&c), 1, &[words]);
    }
}

fn correction(document: &str, lines: &str, was: &str) -> String {
    format!(
        "corrections:\n  - document: {document}\n    lines: {lines}\n    was: \"{was}\"\n    text: \"      2. Жаңа мәтін.\"\n    reason: test\n"
    )
}

#[test]
fn broken_corrections_are_refused_with_their_line() {
    let was = "2. Прокурор сот орындаушысының әрекеттерін заңдылығы тұрғысынан";
    let good_line = line_of(&read("tests/fixtures/unseen/order-2019-12.txt"), was);
    let lines = format!("[{good_line}, {good_line}]");
    let cases = [
        (
            correction("order-1900-1", &lines, was),
            "corrections.yaml:2",
        ),
        (
            correction("order-2019-12", &lines, "something else"),
            "corrections.yaml:2",
        ),
        (
            correction("order-2019-12", "[900000, 900001]", was),
            "corrections.yaml:2",
        ),
        (
            correction("order-2019-12", "[5, 2]", was),
            "corrections.yaml:2",
        ),
        (
            correction("order-2019-12", &lines, was).replace("reason:", "why:"),
            "unknown field `why`",
        ),
        (
            correction("order-2019-12", &lines, was).replace("    reason: test\n", ""),
            "missing field `reason`",
        ),
        (
            "corrections:\n  - document: [unclosed\n".to_string(),
            "corrections.yaml:",
        ),
        (alias_bomb("corrections"), "corrections.yaml:"),
        (
            format!("{0}{0}", correction("order-2019-12", &lines, was))
                .replacen("corrections:\n", "", 1)
                .replacen("  - ", "corrections:\n  - ", 1),
            "corrections.yaml:",
        ),
    ];
    for (text, words) in cases {
        let (_d, c) = unseen_with("corrections.yaml", &text);
        expect(&check(&c), 1, &[words]);
    }
}

// ---------------------------------------------------------------------------------------
// `zanbook cite` on stdin

#[test]
fn cite_refuses_input_over_the_document_limit_and_survives_garbage() {
    let huge = vec![b'a'; 17 * 1024 * 1024];
    let run = zanbook(&args(&[&"cite"]), Some(huge));
    expect(&run, 1, &["<stdin>", "limit of 16777216 bytes"]);
    let garbage: String = (0..200_000u32)
        .map(|i| char::from_u32(0x400 + (i * 7919) % 0x100).unwrap_or('«'))
        .chain(
            "«««»»» 12-бабының 3) тармақшасы ҚК-нің "
                .chars()
                .cycle()
                .take(50_000),
        )
        .collect();
    let run = zanbook(&args(&[&"cite", &"--json"]), Some(garbage.into_bytes()));
    expect(&run, 0, &[]);
    let invalid_utf8 = vec![0xC0, 0x80, 0xFF, b'\n'];
    let run = zanbook(&args(&[&"cite"]), Some(invalid_utf8));
    assert_eq!(run.code, 2, "{}", run.stderr);
}

// ---------------------------------------------------------------------------------------
// Act YAML

fn act_check(file: &Path) -> Run {
    zanbook(&args(&[&"act", &"--check", &file]), None)
}

fn act_file(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    write(&path, text);
    path
}

#[test]
fn act_alias_bomb_is_refused_at_the_anchor() {
    let dir = tempfile::tempdir().expect("dir");
    let file = act_file(dir.path(), "bomb.yaml", &alias_bomb("type"));
    expect(&act_check(&file), 1, &["bomb.yaml:1", "anchor"]);
}

#[test]
fn act_with_ten_thousand_nested_levels_is_refused() {
    let dir = tempfile::tempdir().expect("dir");
    let deep = format!(
        "type: protest\nnumber: {}{}\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let file = act_file(dir.path(), "deep.yaml", &deep);
    expect(
        &act_check(&file),
        1,
        &["deep.yaml:2", "nested more than 24 levels"],
    );
    let mut mapping = String::from("type: protest\n");
    for depth in 0..10_000 {
        mapping.push_str(&format!("{}k{depth}:\n", " ".repeat(depth.min(2000))));
    }
    let file = act_file(dir.path(), "deep-map.yaml", &mapping);
    expect(&act_check(&file), 1, &["deep-map.yaml:"]);
}

#[test]
fn act_duplicate_keys_and_tabs_are_located() {
    let dir = tempfile::tempdir().expect("dir");
    let example = read("examples/acts/warning.yaml");
    let dup = example.replace("number: 2-04-25/33\n", "number: 2-04-25/33\nnumber: 1\n");
    let file = act_file(dir.path(), "dup.yaml", &dup);
    let line = line_of(&dup, "number: 1");
    expect(
        &act_check(&file),
        1,
        &[&format!("dup.yaml:{line}"), "number"],
    );
    let tabs = example.replace("  name: Түркістан", "\tname: Түркістан");
    let file = act_file(dir.path(), "tabs.yaml", &tabs);
    let line = line_of(&tabs, "\tname");
    expect(&act_check(&file), 1, &[&format!("tabs.yaml:{line}")]);
}

#[test]
fn act_with_a_five_megabyte_scalar_is_refused_by_size() {
    let dir = tempfile::tempdir().expect("dir");
    let big = read("examples/acts/warning.yaml").replace(
        "information: |\n",
        &format!("information: \"{}\"\nx: |\n", "ә".repeat(5 * 512 * 1024)),
    );
    let file = act_file(dir.path(), "big.yaml", &big);
    expect(&act_check(&file), 1, &["big.yaml", "at most 1048576 bytes"]);
}

/// Typst, Tera and HTML syntax appended to every free-text string of an act.
const ACTIVE: &str = " #read(\"/etc/passwd\") ] #{1+1} $x$ {{ x }} <b>&amp;";

/// Appends [`ACTIVE`] to every string leaf that is free text (not a key value such as a
/// type, an enum, a date, a time, a number or a citation).
fn poison(value: &mut serde_norway::Value, key: &str) {
    use serde_norway::Value;
    const CODES: &[&str] = &[
        "type", "act", "article", "part", "item", "subitem", "rank", "kind", "unit",
    ];
    match value {
        Value::Mapping(map) => {
            for (k, v) in map.iter_mut() {
                poison(v, k.as_str().unwrap_or(""));
            }
        }
        Value::Sequence(items) => items.iter_mut().for_each(|v| poison(v, key)),
        Value::String(s) => {
            let code = s
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_-./: ".contains(c));
            if !CODES.contains(&key) && !code {
                s.push_str(ACTIVE);
            }
        }
        _ => {}
    }
}

#[test]
fn typst_active_strings_in_every_field_of_every_act_type_print_literally() {
    let dir = tempfile::tempdir().expect("dir");
    let mut files = Vec::new();
    let mut examples: Vec<_> = std::fs::read_dir(common::repo().join("examples/acts"))
        .expect("examples")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    examples.sort();
    assert!(examples.len() >= 10, "one example per act type");
    for example in &examples {
        let mut value: serde_norway::Value =
            serde_norway::from_str(&std::fs::read_to_string(example).expect("read"))
                .expect("example YAML");
        poison(&mut value, "");
        let name = example.file_name().expect("name");
        let path = dir.path().join(name);
        write(&path, serde_norway::to_string(&value).expect("YAML"));
        files.push(path);
    }
    let out = dir.path().join("pdf");
    let mut list = args(&[&"act", &"-o", &out]);
    list.extend(files.iter().map(|f| f.clone().into_os_string()));
    let run = zanbook(&list, None);
    expect(&run, 0, &[]);
    for example in &examples {
        let stem = example.file_stem().expect("stem").to_string_lossy();
        let pdf = out.join(format!("{stem}.pdf"));
        let text = Command::new("pdftotext")
            .args([pdf.as_os_str(), "-".as_ref()])
            .output()
            .expect("pdftotext (poppler-utils)");
        let text = String::from_utf8_lossy(&text.stdout);
        let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains("#read(\"/etc/passwd\")") && flat.contains("{{ x }}"),
            "{stem}: the active text is not printed literally:\n{flat}"
        );
        assert!(!flat.contains("root:x:0"), "{stem}: Typst read a file");
    }
}

// ---------------------------------------------------------------------------------------
// Templates

#[test]
fn a_broken_site_template_fails_the_build_and_keeps_the_previous_site() {
    let dir = tempfile::tempdir().expect("dir");
    let c = common::repo().join("tests/fixtures/unseen");
    let site = dir.path().join("site");
    let build = |templates: Option<&Path>| {
        let mut list = args(&[&"build", &"--corpus", &c, &"--out", &site]);
        if let Some(t) = templates {
            list.extend(args(&[&"--templates", &t]));
        }
        zanbook(&list, None)
    };
    expect(&build(None), 0, &[]);
    let index = std::fs::read(site.join("index.html")).expect("index");
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).expect("mkdir");
    write(
        &templates.join("page.html"),
        "{% extends \"base.html\" %}{% block body %}{{ unclosed",
    );
    let run = build(Some(&templates));
    assert!(run.code == 1 || run.code == 2, "{}", run.stderr);
    assert!(run.stderr.contains("page.html"), "{}", run.stderr);
    assert_eq!(
        std::fs::read(site.join("index.html")).expect("index"),
        index
    );
    write(&templates.join("page.html"), "{{ no_such_variable.field }}");
    let run = build(Some(&templates));
    assert!(run.code == 1 || run.code == 2, "{}", run.stderr);
    assert_eq!(
        std::fs::read(site.join("index.html")).expect("index"),
        index
    );
    // The markup filters misused in an override: a clear message naming the template.
    write(
        &templates.join("page.html"),
        "{% for c in node.children %}{{ c | node(depth=\"two\") }}{% endfor %}",
    );
    let run = build(Some(&templates));
    assert!(run.code == 1 || run.code == 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains(&templates.join("page.html").display().to_string())
            && run.stderr.contains("depth must be a whole number"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read(site.join("index.html")).expect("index"),
        index
    );
}

#[test]
fn a_broken_act_template_is_reported_and_writes_no_pdf() {
    let dir = tempfile::tempdir().expect("dir");
    let templates = dir.path().join("acts");
    std::fs::create_dir(&templates).expect("mkdir");
    for entry in std::fs::read_dir(common::repo().join("templates/acts")).expect("templates") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, templates.join(path.file_name().expect("name"))).expect("copy");
    }
    let typ = templates.join("warning.typ");
    let mut source = std::fs::read_to_string(&typ).expect("template");
    source.push_str("\n#let broken = (\n");
    write(&typ, source);
    let pdf = dir.path().join("w.pdf");
    let run = zanbook(
        &args(&[
            &"act",
            &common::repo().join("examples/acts/warning.yaml"),
            &"--templates",
            &templates,
            &"-o",
            &pdf,
        ]),
        None,
    );
    assert!(run.code == 1 || run.code == 2, "{}", run.stderr);
    assert!(run.stderr.contains("warning.typ"), "{}", run.stderr);
    assert!(!pdf.exists(), "a failed render wrote a PDF");
}

// ---------------------------------------------------------------------------------------
// Regressions found by fuzzing (fuzz/, bench/fuzz.sh)

#[test]
fn fuzz_regressions_parse_as_every_kind_without_a_panic() {
    let dir = common::repo().join("tests/fixtures/hostile");
    for entry in std::fs::read_dir(&dir).expect("fixtures") {
        let bytes = std::fs::read(entry.expect("entry").path()).expect("read");
        for kind in ["order", "law", "textbook"] {
            let (_d, c) = corpus(kind, &bytes);
            let run = check(&c);
            assert!(run.code == 0 || run.code == 1, "{kind}: {}", run.stderr);
        }
    }
}
