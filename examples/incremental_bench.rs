//! Benchmark helper (not a product command): the latency of `zanbook serve`'s rebuild after a
//! one-line edit, through the same [`Session`] serve uses.
//!
//! ```text
//! cargo run --release --example incremental_bench -- CORPUS_DIR [EDITS]
//! ```
//!
//! Copies the corpus into a temporary directory, builds it once (a full build, search index
//! included), then makes EDITS one-line edits (default 30), each in another document: a word
//! appended to a long line outside every reviewed correction. Each edit is timed from the
//! change on disk to the changed pages written (what a browser reloads after); the search
//! index update that serve runs next is timed separately for the first few edits. At the end
//! the session's site is compared, file by file, with a fresh build of the edited corpus.
//! The summary is given for all edits and per kind of edited document (act, textbook).
//! `ZANBOOK_BENCH_FILES=tb-` edits only the texts whose file name contains `tb-` (to profile
//! one kind of edit).

use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};
use zanbook::incremental::Session;

/// The allocator of the `zanbook` binary (src/main.rs), so that the rebuilds are timed as
/// `zanbook serve` runs them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (source, edits) = match args.as_slice() {
        [source] => (source.clone(), 30),
        [source, edits] => match edits.parse::<usize>() {
            Ok(n) => (source.clone(), n.max(1)),
            Err(_) => return usage(),
        },
        _ => return usage(),
    };
    match run(Path::new(&source), edits) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("incremental_bench: {message}");
            ExitCode::from(1)
        }
    }
}

fn usage() -> ExitCode {
    eprintln!("usage: incremental_bench CORPUS_DIR [EDITS]");
    ExitCode::from(2)
}

fn run(source: &Path, edits: usize) -> Result<(), String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let corpus = dir.path().join("corpus");
    copy_dir(source, &corpus)?;
    let out = dir.path().join("site");
    let mut session = Session::new(&corpus, &out, None);
    let started = Instant::now();
    let first = session.rebuild().map_err(|e| e.to_string())?;
    println!(
        "full build: {} documents, {} pages in {} ms",
        first.documents,
        first.pages,
        started.elapsed().as_millis()
    );
    let only = std::env::var("ZANBOOK_BENCH_FILES").unwrap_or_default();
    let files: Vec<(String, String, bool)> = (texts(&corpus)?.into_iter())
        .filter(|(_, file, _)| file.contains(&only))
        .collect();
    if files.is_empty() {
        return Err(format!("no text's file name contains `{only}`"));
    }
    let corrected = corrected_lines(&corpus)?;
    let mut rebuilds = Vec::new();
    let (mut acts, mut textbooks) = (Vec::new(), Vec::new());
    let mut searches = Vec::new();
    for k in 0..edits {
        let (id, file, textbook) = &files[k % files.len()];
        edit_one_line(&corpus.join(file), k, corrected.get(id))?;
        let started = Instant::now();
        let stats = session.rebuild().map_err(|e| format!("edit {k}: {e}"))?;
        let took = started.elapsed();
        rebuilds.push(took);
        if *textbook {
            textbooks.push(took);
        } else {
            acts.push(took);
        }
        println!(
            "edit {k:>3} in {file}: {:>6.1} ms (compile {:.1} ms, pages {:.1} ms; {} parsed, {} of {} pages written)",
            ms(took),
            ms(stats.compile),
            ms(stats.site),
            stats.parsed,
            stats.written,
            stats.pages
        );
        if k < 3 && session.search_stale() {
            let started = Instant::now();
            session.update_search().map_err(|e| e.to_string())?;
            searches.push(started.elapsed());
        }
    }
    // The session's site must be the one a fresh build writes (tests/incremental.rs checks
    // this at 1× after every kind of edit; here after all the edits, at N×).
    if session.search_stale() {
        session.update_search().map_err(|e| e.to_string())?;
    }
    let fresh = dir.path().join("fresh");
    zanbook::serve::build_once(&zanbook::serve::ServeOptions {
        corpus: corpus.clone(),
        out: fresh.clone(),
        templates: None,
        addr: ([127, 0, 0, 1], 0).into(),
    })
    .map_err(|e| e.to_string())?;
    let (a, b) = (site_files(&out)?, site_files(&fresh)?);
    if a != b {
        let differ = (a.keys().chain(b.keys()))
            .find(|k| a.get(*k) != b.get(*k))
            .cloned()
            .unwrap_or_default();
        return Err(format!(
            "the incremental site differs from a fresh build at {differ}"
        ));
    }
    println!(
        "after the edits the site equals a fresh build ({} files)",
        a.len()
    );
    println!(
        "rebuild after a one-line edit, {edits} edits: {}",
        summary(&mut rebuilds)
    );
    for (kind, times) in [("acts", &mut acts), ("textbooks", &mut textbooks)] {
        if !times.is_empty() {
            println!("  {} edits in {kind}: {}", times.len(), summary(times));
        }
    }
    if !searches.is_empty() {
        println!(
            "search index update after it (serve runs it next, after the reload): {}",
            summary(&mut searches)
        );
    }
    Ok(())
}

/// Every file under `dir`: relative path → bytes.
fn site_files(dir: &Path) -> Result<std::collections::BTreeMap<String, Vec<u8>>, String> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).map_err(|e| format!("{}: {e}", d.display()))? {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path.strip_prefix(dir).map_err(|e| e.to_string())?;
                let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                out.insert(relative.to_string_lossy().into_owned(), bytes);
            }
        }
    }
    Ok(out)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn summary(times: &mut [Duration]) -> String {
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    format!(
        "median {:.1} ms, p90 {:.1} ms, max {:.1} ms",
        ms(at(0.5)),
        ms(at(0.9)),
        ms(times[times.len() - 1])
    )
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for entry in std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_file() {
            let name = path.file_name().ok_or("a file without a name")?;
            std::fs::copy(&path, to.join(name)).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(())
}

/// (document id, text file, is a textbook) of every manifest entry.
fn texts(corpus: &Path) -> Result<Vec<(String, String, bool)>, String> {
    let entries = zanbook::load::manifest_entries(corpus).map_err(|e| e.to_string())?;
    let textbook = |kind| kind == zanbook::graph::DocKind::Textbook;
    Ok((entries.into_iter())
        .map(|(e, _)| (e.id, e.file, textbook(e.kind)))
        .collect())
}

/// Document id → the raw line ranges its reviewed corrections replace.
fn corrected_lines(
    corpus: &Path,
) -> Result<std::collections::HashMap<String, Vec<[u64; 2]>>, String> {
    let mut out: std::collections::HashMap<String, Vec<[u64; 2]>> = Default::default();
    let path = corpus.join("corrections.yaml");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok(out);
    };
    let value: serde_norway::Value = serde_norway::from_str(&text).map_err(|e| e.to_string())?;
    for c in value["corrections"].as_sequence().into_iter().flatten() {
        let lines: Vec<u64> = (c["lines"].as_sequence().into_iter().flatten())
            .filter_map(serde_norway::Value::as_u64)
            .collect();
        if let (Some(doc), [a, b]) = (c["document"].as_str(), lines.as_slice()) {
            out.entry(doc.to_string()).or_default().push([*a, *b]);
        }
    }
    Ok(out)
}

/// Appends a word to a long line of the file (a different line for each `k`), outside the
/// corrected ranges.
fn edit_one_line(path: &Path, k: usize, corrected: Option<&Vec<[u64; 2]>>) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let n = lines.len();
    let start = (n / 3 + k * 37) % n.max(1);
    let free = |i: usize| {
        let raw = i as u64 + 1;
        !corrected.is_some_and(|c| c.iter().any(|[a, b]| (*a..=*b).contains(&raw)))
    };
    let at = (0..n)
        .map(|step| (start + step) % n)
        .find(|&i| lines[i].chars().count() > 40 && free(i))
        .ok_or_else(|| format!("{}: no line to edit", path.display()))?;
    lines[at].push_str(&format!(" өзгеріс{k}"));
    std::fs::write(path, lines.join("\n")).map_err(|e| format!("{}: {e}", path.display()))
}
