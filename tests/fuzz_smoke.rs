//! The fuzz targets' smoke run, on every `cargo test`: each entry of `zanbook::fuzzing` (the
//! body of one cargo-fuzz target) over its seeds (the files `bench/fuzz.sh` seeds libFuzzer
//! with), every saved input in `fuzz/regressions/TARGET/`, and deterministic mutations of the
//! seeds up to a fixed number of inputs per target. No instrumentation, no clock: the same
//! inputs on every run, so a failure reproduces. A panic in an entry fails the test and
//! names the input (seed file, or mutation number and the edits that made it).
//! `ZANBOOK_FUZZ_SMOKE_INPUTS=N` runs N inputs per target instead of the default (2,000;
//! 1,000 handout specs).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

/// Inputs per target (seeds and regressions included): small enough for a debug build.
const DEFAULT_INPUTS: usize = 2_000;
/// A mutated handout spec mostly names unknown ids, and each costs a did-you-mean search
/// over every node id (~10 ms unoptimised): half the inputs keep the five runs under 60 s.
const HANDOUT_INPUTS: usize = 1_000;

/// Snippets a mutation inserts: digits and numbering, quotes of every kind, YAML syntax,
/// Cyrillic and Kazakh letters, citation words, control characters.
const TOKENS: &[&str] = &[
    "0",
    "1",
    "9",
    "12",
    "2017",
    "99999999999999999999",
    "-1",
    "1.2.3",
    "\"",
    "'",
    "«",
    "»",
    "„",
    "“",
    "”",
    "`",
    "\n",
    "\r\n",
    "\t",
    "\0",
    " ",
    "  ",
    "- ",
    ": ",
    "{",
    "}",
    "[",
    "]",
    ",",
    "&a ",
    "*a",
    "!!str ",
    "|\n",
    ">-\n",
    "#",
    "---\n",
    "...",
    "\u{feff}",
    "\u{a0}",
    "\u{2028}",
    "а",
    "Ә",
    "қ",
    "ү",
    "ё",
    "І",
    "бап",
    "-бап",
    "тармақ",
    "тармақша",
    "1-бөлім",
    "ҚРКЗ ",
    "ҚПК ",
    "УК ",
    "ст. ",
    "п. ",
    "Заң",
    "Кодекс",
    "*",
    "?",
    "AND",
    "OR",
    "-",
    "(",
    ")",
    "§",
];

/// One input and what to call it in a failure.
struct Input {
    name: String,
    bytes: Vec<u8>,
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The files of `dir` whose names end with `ext` (all files for ""), sorted; with
/// `recursive`, those of its subfolders too.
fn files(dir: &str, ext: &str, recursive: bool) -> Vec<PathBuf> {
    fn walk(dir: &Path, ext: &str, recursive: bool, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                if recursive {
                    walk(&path, ext, recursive, out);
                }
            } else if path.to_string_lossy().ends_with(ext) {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&repo().join(dir), ext, recursive, &mut out);
    out.sort();
    out
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn shown(path: &Path) -> String {
    let path = path.strip_prefix(repo()).unwrap_or(path);
    path.display().to_string()
}

fn file_inputs(paths: &[PathBuf]) -> Vec<Input> {
    paths
        .iter()
        .map(|p| Input {
            name: shown(p),
            bytes: read(p),
        })
        .collect()
}

/// The seeds of a target: the same files as `seed` in bench/fuzz.sh.
fn seeds(target: &str) -> Vec<Input> {
    match target {
        "corpus_document" => {
            let mut texts = files("corpus", ".txt", false);
            texts.extend(files("tests/fixtures/unseen", ".txt", false));
            let mut out: Vec<Input> = texts
                .iter()
                .map(|p| Input {
                    name: format!("{} (first 300 lines)", shown(p)),
                    bytes: first_lines(&read(p), 300),
                })
                .collect();
            out.extend(file_inputs(&files(
                "tests/fixtures/normalize",
                ".txt",
                false,
            )));
            out
        }
        "citations" => citing_paragraphs(),
        "act_yaml" => {
            let mut paths = files("examples/acts", ".yaml", false);
            paths.extend(files("tests/fixtures/acts/bad", ".yaml", false));
            paths.extend(files("tests/fixtures/acts/good", ".yaml", false));
            file_inputs(&paths)
        }
        "handout_yaml" => {
            let mut paths = files("examples/handouts", ".yaml", false);
            paths.extend(files("tests/fixtures/handouts", ".yaml", true));
            file_inputs(&paths)
        }
        "search_query" => {
            let list =
                String::from_utf8_lossy(&read(&repo().join("fuzz/queries.txt"))).into_owned();
            list.lines()
                .map(|q| Input {
                    name: format!("fuzz/queries.txt: {q}"),
                    bytes: q.as_bytes().to_vec(),
                })
                .collect()
        }
        other => panic!("no seeds for the target `{other}`: add them here and in bench/fuzz.sh"),
    }
}

fn first_lines(bytes: &[u8], n: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for line in bytes.split_inclusive(|&b| b == b'\n').take(n) {
        out.extend_from_slice(line);
    }
    out
}

/// bench/fuzz.sh: `grep -h -E 'бап|тармақ|Кодекс|Заң' corpus/*.txt | head -n 400 | split -l 4`.
fn citing_paragraphs() -> Vec<Input> {
    let mut lines = Vec::new();
    for path in files("corpus", ".txt", false) {
        let text = String::from_utf8_lossy(&read(&path)).into_owned();
        lines.extend(
            text.lines()
                .filter(|l| {
                    ["бап", "тармақ", "Кодекс", "Заң"]
                        .iter()
                        .any(|w| l.contains(w))
                })
                .map(|l| format!("{l}\n")),
        );
    }
    lines.truncate(400);
    lines
        .chunks(4)
        .enumerate()
        .map(|(i, chunk)| Input {
            name: format!("citing paragraph {i} of corpus/*.txt"),
            bytes: chunk.concat().into_bytes(),
        })
        .collect()
}

/// Every file saved in fuzz/regressions/TARGET/ (inputs that once crashed the target).
fn regressions(target: &str) -> Vec<Input> {
    file_inputs(&files(&format!("fuzz/regressions/{target}"), "", false))
}

/// xorshift64*: a tiny deterministic generator (no dependency, no clock).
struct Rng(u64);

impl Rng {
    fn new(seed: &str) -> Rng {
        // FNV-1a of the target name, so each target gets its own sequence.
        let hash = seed.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        });
        Rng(hash | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A position in `bytes` moved back to the start of a UTF-8 character, so most edits keep
/// the text valid UTF-8 (the string targets skip anything else).
fn char_start(bytes: &[u8], mut at: usize) -> usize {
    while at > 0 && at < bytes.len() && bytes[at] & 0xc0 == 0x80 {
        at -= 1;
    }
    at
}

/// Applies 1–4 random edits to a copy of a seed; returns the bytes and the edits' names.
fn mutate(rng: &mut Rng, seed: &[u8], others: &[Input]) -> (Vec<u8>, String) {
    let mut bytes = seed.to_vec();
    let mut done = Vec::new();
    for _ in 0..1 + rng.below(4) {
        let len = bytes.len();
        let at = char_start(&bytes, rng.below(len + 1));
        match rng.below(8) {
            0 if len > 0 => {
                let i = rng.below(len);
                bytes[i] ^= 1 << rng.below(8);
                done.push(format!("flip byte {i}"));
            }
            1 => {
                bytes.truncate(at);
                done.push(format!("truncate at {at}"));
            }
            2 if !others.is_empty() => {
                let other = &others[rng.below(others.len())].bytes;
                let from = char_start(other, rng.below(other.len() + 1));
                bytes.truncate(at);
                bytes.extend_from_slice(&other[from..]);
                done.push(format!("splice at {at} from byte {from} of another seed"));
            }
            3 if len > 0 => {
                let end = char_start(&bytes, (at + 1 + rng.below(64)).min(len));
                bytes.drain(at..end.max(at));
                done.push(format!("delete {at}..{end}"));
            }
            4 if len > 0 => {
                let end = char_start(&bytes, (at + 1 + rng.below(256)).min(len));
                let copy = bytes[at..end.max(at)].to_vec();
                let times = 1 + rng.below(8);
                for _ in 0..times {
                    bytes.splice(at..at, copy.iter().copied());
                }
                done.push(format!("repeat {at}..{end} {times}×"));
            }
            _ => {
                let token = TOKENS[rng.below(TOKENS.len())];
                bytes.splice(at..at, token.bytes());
                done.push(format!("insert {token:?} at {at}"));
            }
        }
    }
    (bytes, done.join(", "))
}

/// The inputs of one target: seeds, regressions, then mutations up to `budget` in all.
fn inputs(target: &str, budget: usize) -> Vec<Input> {
    let seeds = seeds(target);
    assert!(!seeds.is_empty(), "{target}: no seeds found");
    let mut all: Vec<Input> = regressions(target);
    let mut rng = Rng::new(target);
    let mut mutations = Vec::new();
    for n in 0..budget.saturating_sub(seeds.len() + all.len()) {
        let seed = &seeds[rng.below(seeds.len())];
        let (bytes, edits) = mutate(&mut rng, &seed.bytes, &seeds);
        mutations.push(Input {
            name: format!("mutation {n} of {}: {edits}", seed.name),
            bytes,
        });
    }
    all.extend(seeds);
    all.extend(mutations);
    all
}

fn budget(target: &str) -> usize {
    let default = match target {
        "handout_yaml" => HANDOUT_INPUTS,
        _ => DEFAULT_INPUTS,
    };
    std::env::var("ZANBOOK_FUZZ_SMOKE_INPUTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Runs `entry` over `inputs`; returns one line per input that panicked.
fn run(entry: fn(&[u8]), inputs: &[Input]) -> Vec<String> {
    let mut failures = Vec::new();
    for input in inputs {
        if let Err(payload) = catch_unwind(AssertUnwindSafe(|| entry(&input.bytes))) {
            let message = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            let text = String::from_utf8_lossy(&input.bytes);
            let head: String = text.chars().take(200).collect();
            failures.push(format!(
                "{}: panicked: {message}\n    input ({} bytes): {head:?}",
                input.name,
                input.bytes.len()
            ));
        }
    }
    failures
}

fn smoke(target: &str) {
    zanbook::fuzzing::fixtures().expect("the fuzz fixtures load");
    let (_, entry) = zanbook::fuzzing::TARGETS
        .iter()
        .find(|(name, _)| *name == target)
        .unwrap_or_else(|| panic!("no fuzz entry `{target}`"));
    let inputs = inputs(target, budget(target));
    let failures = run(*entry, &inputs);
    assert!(
        failures.is_empty(),
        "{target}: {} of {} inputs panicked (save each in fuzz/regressions/{target}/ once fixed):\n{}",
        failures.len(),
        inputs.len(),
        failures.join("\n")
    );
}

#[test]
fn corpus_document() {
    smoke("corpus_document");
}

#[test]
fn citations() {
    smoke("citations");
}

#[test]
fn act_yaml() {
    smoke("act_yaml");
}

#[test]
fn handout_yaml() {
    smoke("handout_yaml");
}

#[test]
fn search_query() {
    smoke("search_query");
}

#[test]
fn every_fuzz_target_has_a_smoke_test_and_a_wrapper() {
    let manifest =
        std::fs::read_to_string(repo().join("fuzz/Cargo.toml")).expect("fuzz/Cargo.toml");
    let script = std::fs::read_to_string(repo().join("bench/fuzz.sh")).expect("bench/fuzz.sh");
    let this = std::fs::read_to_string(repo().join("tests/fuzz_smoke.rs")).expect("this file");
    for (target, _) in zanbook::fuzzing::TARGETS {
        assert!(
            manifest.contains(&format!("name = \"{target}\"")),
            "{target} not in fuzz/Cargo.toml"
        );
        assert!(
            script.contains(&format!("{target})")),
            "{target} not seeded in bench/fuzz.sh"
        );
        assert!(
            this.contains(&format!("smoke(\"{target}\")")),
            "{target} has no smoke test"
        );
        let wrapper = repo().join(format!("fuzz/fuzz_targets/{target}.rs"));
        let body = std::fs::read_to_string(&wrapper).expect("the target's wrapper");
        assert!(
            body.contains(&format!("zanbook::fuzzing::{target}(")),
            "{}",
            wrapper.display()
        );
    }
}

/// The harness can fail: an entry that panics on some mutations is caught, and the failure
/// names the mutation that made the input.
#[test]
fn a_panicking_entry_is_reported_with_its_input() {
    fn fragile(data: &[u8]) {
        assert!(!data.windows(2).any(|w| w == "«".as_bytes()), "a guillemet");
    }
    let first = inputs("search_query", 300);
    assert_eq!(first.len(), 300);
    let failures = run(fragile, &first);
    assert!(!failures.is_empty(), "300 mutations never inserted «");
    assert!(
        failures
            .iter()
            .all(|f| f.contains("mutation") && f.contains("a guillemet")),
        "{failures:?}"
    );
    // Deterministic: the same inputs every time.
    let again = inputs("search_query", 300);
    assert!(first
        .iter()
        .zip(&again)
        .all(|(a, b)| a.bytes == b.bytes && a.name == b.name));
}
