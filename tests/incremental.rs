//! Incremental builds (`zanbook serve`'s [`Session`]) must write exactly what a fresh build
//! writes. Starting from a copy of the real corpus, a sequence of edits goes through one
//! session; after each, the session's output directory is compared — file set and every
//! byte, search index included — with a fresh full build of the same corpus state.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use zanbook::graph::{Graph, NodeKind};
use zanbook::incremental::Session;
use zanbook::serve::{build_once, ServeOptions};

/// Every file under `dir` (relative path → bytes) and every directory.
fn tree(dir: &Path) -> (BTreeMap<String, Vec<u8>>, Vec<String>) {
    let mut files = BTreeMap::new();
    let mut dirs = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read dir") {
            let path = entry.expect("entry").path();
            let relative = path
                .strip_prefix(dir)
                .expect("inside")
                .to_string_lossy()
                .into_owned();
            if path.is_dir() {
                dirs.push(relative);
                stack.push(path);
            } else {
                files.insert(relative, std::fs::read(&path).expect("read file"));
            }
        }
    }
    dirs.sort();
    (files, dirs)
}

fn assert_same_site(incremental: &Path, fresh: &Path, step: &str) {
    let (a, a_dirs) = tree(incremental);
    let (b, b_dirs) = tree(fresh);
    let only_a: Vec<&String> = a.keys().filter(|k| !b.contains_key(*k)).collect();
    let only_b: Vec<&String> = b.keys().filter(|k| !a.contains_key(*k)).collect();
    assert!(
        only_a.is_empty() && only_b.is_empty(),
        "{step}: files only in the incremental site {only_a:?}, only in the fresh one {only_b:?}"
    );
    let differ: Vec<&String> = a.keys().filter(|k| a[*k] != b[*k]).collect();
    assert!(differ.is_empty(), "{step}: files differ: {differ:?}");
    assert_eq!(a_dirs, b_dirs, "{step}: directories differ");
    assert!(a.len() > 100, "{step}: a real site has pages");
}

struct Fixture {
    _dir: tempfile::TempDir,
    corpus: PathBuf,
    templates: PathBuf,
    incremental: PathBuf,
    fresh: PathBuf,
    session: Session,
}

impl Fixture {
    fn new() -> Self {
        let dir = common::temp_dir("incremental");
        let corpus = dir.path().join("corpus");
        std::fs::create_dir_all(&corpus).expect("mkdir");
        for entry in std::fs::read_dir(common::repo().join("corpus")).expect("corpus") {
            let path = entry.expect("entry").path();
            if path.is_file() {
                std::fs::copy(&path, corpus.join(path.file_name().expect("name"))).expect("copy");
            }
        }
        let templates = dir.path().join("templates");
        std::fs::create_dir_all(&templates).expect("mkdir");
        let incremental = dir.path().join("site-incremental");
        let fresh = dir.path().join("site-fresh");
        let session = Session::new(&corpus, &incremental, Some(&templates));
        Fixture {
            _dir: dir,
            corpus,
            templates,
            incremental,
            fresh,
            session,
        }
    }

    fn fresh_build(&self) -> zanbook::error::Result<usize> {
        build_once(&ServeOptions {
            corpus: self.corpus.clone(),
            out: self.fresh.clone(),
            templates: Some(self.templates.clone()),
            addr: "127.0.0.1:0".parse().expect("addr"),
        })
    }

    /// Rebuilds through the session the way `serve` does, builds afresh, compares.
    fn check(&mut self, step: &str) -> zanbook::incremental::RebuildStats {
        let stats = self
            .session
            .rebuild()
            .unwrap_or_else(|e| panic!("{step}: {e}"));
        if self.session.search_stale() {
            self.session.update_search().expect("search");
        }
        self.fresh_build().expect("fresh build");
        assert_same_site(&self.incremental, &self.fresh, step);
        stats
    }

    fn graph(&self) -> Graph {
        common::compile(&self.corpus).graph
    }

    fn read(&self, file: &str) -> String {
        std::fs::read_to_string(self.corpus.join(file)).expect("read")
    }

    fn write(&self, file: &str, text: &str) {
        std::fs::write(self.corpus.join(file), text).expect("write")
    }

    /// Replaces raw line `line` (1-based) of `file` through `edit`.
    fn edit_line(&self, file: &str, line: u32, edit: impl FnOnce(&str) -> String) {
        let text = self.read(file);
        let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        let at = line as usize - 1;
        lines[at] = edit(&lines[at]);
        self.write(file, &lines.join("\n"));
    }
}

/// Raw lines of `document` that a reviewed correction replaces (editing them would make the
/// correction refuse to apply, which is a different test).
fn corrected_lines(corpus: &Path, document: &str) -> Vec<[u32; 2]> {
    let text = std::fs::read_to_string(corpus.join("corrections.yaml")).expect("corrections");
    let value: serde_norway::Value = serde_norway::from_str(&text).expect("yaml");
    let mut out = Vec::new();
    for c in value["corrections"].as_sequence().into_iter().flatten() {
        if c["document"].as_str() == Some(document) {
            let lines: Vec<u32> = (c["lines"].as_sequence().into_iter().flatten())
                .filter_map(|v| v.as_u64().map(|n| n as u32))
                .collect();
            out.push([lines[0], lines[1]]);
        }
    }
    out
}

/// The first line of the first node of `kind` in `document` whose first raw line is outside
/// every correction and satisfies `ok`.
fn line_of_node(
    fixture: &Fixture,
    graph: &Graph,
    document: &str,
    kind: NodeKind,
    ok: impl Fn(&str) -> bool,
) -> (String, u32) {
    let corrected = corrected_lines(&fixture.corpus, document);
    let file = graph.document(document).expect("document").file.clone();
    let raw = fixture.read(&file);
    let lines: Vec<&str> = raw.split('\n').collect();
    let node = graph
        .nodes_of(document)
        .filter(|n| n.kind == kind)
        .find(|n| {
            let line = n.source.lines[0];
            !corrected.iter().any(|[a, b]| (*a..=*b).contains(&line))
                && lines.get(line as usize - 1).is_some_and(|l| ok(l))
        })
        .unwrap_or_else(|| panic!("no {kind:?} to edit in {document}"));
    (file, node.source.lines[0])
}

#[test]
fn incremental_builds_write_exactly_what_a_fresh_build_writes() {
    let mut f = Fixture::new();
    let first = f.check("first build");
    assert!(first.full, "the first build of a session is a full one");
    let doc = "instr-2017-104";

    // A one-line edit in a point re-parses one document and writes few pages.
    let graph = f.graph();
    let (file, line) = line_of_node(&f, &graph, doc, NodeKind::Point, |l| l.len() > 40);
    f.edit_line(&file, line, |l| format!("{l} қосымша сөз"));
    let stats = f.check("a word added to a point");
    assert!(!stats.full);
    assert_eq!(stats.parsed, 1, "only the edited document is parsed again");
    assert!(
        stats.written < stats.pages / 2,
        "a one-line edit rewrites few pages: {stats:?}"
    );

    // A changed chapter heading (breadcrumbs, neighbours' prev/next, the document's contents).
    let (file, line) = line_of_node(&f, &graph, doc, NodeKind::Chapter, |l| !l.trim().is_empty());
    f.edit_line(&file, line, |l| format!("{} ӨЗГЕРТІЛДІ", l.trim_end()));
    let after = f.graph();
    f.check("a chapter heading changed");
    assert_ne!(
        after
            .nodes_of(doc)
            .map(|n| n.heading.clone())
            .collect::<Vec<_>>(),
        graph
            .nodes_of(doc)
            .map(|n| n.heading.clone())
            .collect::<Vec<_>>(),
        "the edit reached a heading"
    );

    // A citation added and one removed.
    let (file, line) = line_of_node(&f, &after, doc, NodeKind::Point, |l| l.len() > 40);
    f.edit_line(&file, line, |l| {
        format!("{l} Қазақстан Республикасы Қылмыстық кодексінің 41-бабына сәйкес")
    });
    let cited = f.graph();
    f.check("a citation added");
    assert!(cited.citations.len() > after.citations.len(), "a new edge");
    // The words after that citation changed, the citation not (the same edge, the same
    // offsets): the cited article's page shows the new sentence.
    let edge = (cited.citations.iter())
        .find(|e| e.from.starts_with(doc) && e.text.contains("41-баб"))
        .expect("the added citation")
        .clone();
    let unit_page = f.incremental.join(format!("statutes/{}.html", edge.to));
    let page_before = std::fs::read_to_string(&unit_page).expect("the cited article's page");
    f.edit_line(&file, line, |l| {
        l.replacen("41-бабына сәйкес", "41-бабына сәйкес түрде", 1)
    });
    f.check("the sentence after a citation changed");
    assert!(
        f.graph().citations.contains(&edge),
        "the edge is the same: only the page's sentence changed"
    );
    let page_after = std::fs::read_to_string(&unit_page).expect("the cited article's page");
    assert!(
        page_after != page_before && page_after.contains("түрде"),
        "the article's page shows the new sentence"
    );
    // A citation that sits whole on one raw line outside the corrections, removed.
    let raw = f.read(&file);
    let raw_lines: Vec<&str> = raw.split('\n').collect();
    let corrected = corrected_lines(&f.corpus, doc);
    let (at, removed) = (cited.citations.iter())
        .filter(|e| e.from.starts_with(doc) && e.text.chars().count() > 5)
        .find_map(|e| {
            let node = cited.node(&e.from)?;
            let [a, b] = node.source.lines;
            (a..=b)
                .filter(|l| !corrected.iter().any(|[x, y]| (*x..=*y).contains(l)))
                .find(|l| {
                    raw_lines
                        .get(*l as usize - 1)
                        .is_some_and(|t| t.contains(&e.text))
                })
                .map(|l| (l, e.text.clone()))
        })
        .expect("a citation on one raw line");
    f.edit_line(&file, at, |l| l.replacen(&removed, "", 1));
    f.check("a citation removed");
    assert!(
        f.graph().citations.len() < cited.citations.len(),
        "an edge fewer"
    );

    // A new abbreviation (the glossary, the home page count).
    let (file, line) = line_of_node(&f, &cited, doc, NodeKind::Point, |l| l.len() > 40);
    f.edit_line(&file, line, |l| {
        format!("{l} тексеру тобы (бұдан әрі – ТТЖ) құрылады")
    });
    f.check("an abbreviation defined");
    assert!(f.graph().abbreviations.iter().any(|a| a.short == "ТТЖ"));

    // A textbook feeds the listing pages (questions, cases, sources). An edit in a paragraph
    // leaves its part of them as it was; an edit in a question changes the questions page.
    let textbook = "tb-prosecution";
    let graph = f.graph();
    let (file, line) = line_of_node(&f, &graph, textbook, NodeKind::Paragraph, |l| l.len() > 40);
    f.edit_line(&file, line, |l| format!("{l} тағы бір сөз"));
    f.check("a word added to a textbook paragraph");
    let (file, line) = line_of_node(&f, &graph, textbook, NodeKind::Question, |l| l.len() > 20);
    f.edit_line(&file, line, |l| format!("{} СҰРАҚҚА ҚОСЫЛДЫ", l.trim_end()));
    f.check("a self-check question changed");
    let questions = std::fs::read_to_string(f.incremental.join("questions/tb-prosecution.html"))
        .expect("the textbook's questions page");
    assert!(
        questions.contains("СҰРАҚҚА ҚОСЫЛДЫ"),
        "the questions page shows the changed question"
    );

    // An internal reference to a point that does not exist is an error in an act: the
    // rebuild is refused and the previous site stays.
    let (file, line) = line_of_node(&f, &cited, doc, NodeKind::Point, |l| l.len() > 40);
    let good = f.read(&file);
    f.edit_line(&file, line, |l| {
        format!("{l} осы Нұсқаулықтың 999-тармағына сәйкес")
    });
    let (site_before, _) = tree(&f.incremental);
    assert!(
        f.session.rebuild().is_err(),
        "an error in the corpus is refused"
    );
    let (site_after, _) = tree(&f.incremental);
    assert!(site_before == site_after, "the previous site stays");
    f.write(&file, &good);
    f.check("the error fixed");

    // A textbook cites a point of the order in another document: the textbook's resolution
    // (kept while its own text is unchanged) depends on that document's nodes. The point
    // renumbered in the order's text, the citation no longer resolves; numbered back, it does.
    let graph = f.graph();
    let point = graph
        .nodes_of(doc)
        .filter(|n| n.kind == NodeKind::Point && n.id.starts_with(&format!("{doc}/order/p-")))
        .last()
        .expect("a point of the order");
    let (number, target) = (point.number.clone().expect("numbered"), point.id.clone());
    let (file, line) = line_of_node(&f, &graph, "tb-prosecution", NodeKind::Paragraph, |l| {
        l.len() > 40
    });
    f.edit_line(&file, line, |l| {
        format!("{l} Бас Прокурордың 2017 жылғы 13 қыркүйектегі № 104 бұйрығының {number}-тармағына сәйкес")
    });
    f.check("a textbook cites a point of an order in the corpus");
    let cites_target = |g: &Graph| {
        (g.citations.iter()).any(|e| e.to == target && e.from.starts_with("tb-prosecution/"))
    };
    assert!(cites_target(&f.graph()), "the textbook cites {target}");
    let order_file = graph.document(doc).expect("document").file.clone();
    let order_text = f.read(&order_file);
    let at = point.source.lines[0];
    f.edit_line(&order_file, at, |l| {
        l.replacen(&format!("{number}."), &format!("{number}-1."), 1)
    });
    let stats = f.check("the cited point renumbered in the other document");
    assert_eq!(stats.parsed, 1, "only the order's document is parsed again");
    assert!(
        !cites_target(&f.graph()),
        "the citation no longer resolves to {target}"
    );
    f.write(&order_file, &order_text);
    f.check("the cited point numbered back");
    assert!(
        cites_target(&f.graph()),
        "the textbook cites {target} again"
    );

    // A document removed from the manifest, then listed again.
    let manifest = f.read("corpus.yaml");
    let start = manifest.find("  - id: tb-prosecution").expect("entry");
    let end = manifest[start + 4..]
        .find("  - id: ")
        .map_or(manifest.len(), |i| start + 4 + i);
    f.write(
        "corpus.yaml",
        &format!("{}{}", &manifest[..start], &manifest[end..]),
    );
    let stats = f.check("a document removed");
    assert!(stats.removed > 0, "its pages are removed: {stats:?}");
    f.write("corpus.yaml", &manifest);
    let stats = f.check("the document listed again");
    assert_eq!(stats.parsed, 1, "only the returning document is parsed");

    // A template override: every page renders again, in a full build.
    let page =
        std::fs::read_to_string(common::repo().join("templates/site/page.html")).expect("template");
    std::fs::write(
        f.templates.join("page.html"),
        page.replace("</article>", "</article><!-- override -->"),
    )
    .expect("write");
    let stats = f.check("a template override");
    assert!(stats.full);
    std::fs::remove_file(f.templates.join("page.html")).expect("remove");
    f.check("the override removed");

    // The search thesaurus: pages stay, the index changes.
    let terms = f.read("search-terms.yaml");
    f.write(
        "search-terms.yaml",
        &format!("{terms}\n  - ru: надзорный орган\n    kk: қадағалау органы\n"),
    );
    let stats = f.check("a search term added");
    assert_eq!(stats.parsed, 0);
    assert_eq!(stats.written, 0, "no page depends on the thesaurus");

    // Nothing changed: nothing parsed, nothing written.
    let stats = f.check("no change");
    assert_eq!((stats.parsed, stats.written, stats.removed), (0, 0, 0));
}

/// A small deterministic generator (xorshift), so that a failing sequence can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

#[test]
fn random_one_line_edits_keep_the_incremental_site_equal_to_a_fresh_one() {
    let mut f = Fixture::new();
    f.check("first build");
    let seed = 0x5eed_2026_u64;
    let mut rng = Rng(seed);
    let files = [
        "instr-2017-104.txt",
        "instr-2010-88.txt",
        "law-2010-374.txt",
        "tb-prosecution.txt",
        "tb-probation.txt",
    ];
    for step in 0..6 {
        let file = files[rng.below(files.len())];
        let text = f.read(file);
        let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        let at = rng.below(lines.len());
        let what = match rng.below(4) {
            0 => {
                lines[at].push_str(" кездейсоқ сөз");
                "a word appended"
            }
            1 => {
                lines[at] = lines[at].chars().rev().collect();
                "a line reversed"
            }
            2 => {
                lines[at] = lines[at].replacen(' ', "  ", 1);
                "a space doubled"
            }
            _ => {
                let copy = lines[at].clone();
                lines[at].push(' ');
                lines[at].push_str(&copy);
                "a line repeated on itself"
            }
        };
        f.write(file, &lines.join("\n"));
        let step = format!("seed {seed:#x}, step {step}: {what} at {file}:{}", at + 1);
        // Some edits make the corpus wrong (a correction no longer matches its line, an
        // internal reference no longer resolves): then both builds refuse it alike, the
        // session keeps the previous site, and the edit is undone.
        let fresh = f.fresh_build();
        if fresh.is_err() {
            let (before, _) = tree(&f.incremental);
            assert!(
                f.session.rebuild().is_err(),
                "{step}: the session accepts it"
            );
            assert!(
                tree(&f.incremental).0 == before,
                "{step}: the previous site stays"
            );
            f.write(file, &text);
            f.check(&format!("{step}, undone"));
        } else {
            f.check(&step);
        }
    }
}
